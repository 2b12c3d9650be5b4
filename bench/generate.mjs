#!/usr/bin/env node
// Seeded synthetic kg project generator, for benchmarks and scale tests.
//   npm run bench:gen -- --relations 100000 --seed 1 -o bench/out/100k
// Shape: 8 entity types, 12 relation types, entities ≈ relations / 3 with a heavy-tailed
// (Zipf) degree distribution, dates over five years, quotes, 20 sources, ~5,000 relations
// per file, and all three relation forms (shorthand, shorthand with fields, full form).
// The language v2 forms too (`--forms v1` leaves them out): a project manifest, a default
// source in every other relation file, several endpoints (`a TYPE [b, c]`, `to: [b, c]`) in
// about 8% of statements, `evidence:` lists of 2–3 items in about 10%, about 5% restating an
// earlier fact with new evidence, and a `ref` property with `edge:` (a person's party). N
// relations counts endpoint pairs, so the project states about N relations either way.
// With --texts N: N sources, each with a ~10 KB text in texts/ (file: on the source), every
// quote a sentence of its source's text, and --misquotes M of them (default 5) with one word
// changed (each a KG131 near miss). --unlinked writes the same project without the file: keys
// (the texts are there, nothing points at them): the baseline of the quote-checking cost.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mulberry32 } from './prng.mjs';

const { values } = parseArgs({
  options: {
    relations: { type: 'string', default: '10000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string', short: 'o' },
    'per-file': { type: 'string', default: '5000' },
    texts: { type: 'string', default: '0' },
    misquotes: { type: 'string', default: '5' },
    unlinked: { type: 'boolean' },
    forms: { type: 'string', default: 'v2' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help || !values.out) {
  console.log(
    'Usage: npm run bench:gen -- --relations N [--seed S] -o dir [--per-file 5000]\n' +
      '         [--forms v1|v2] [--texts N [--misquotes 5] [--unlinked]]',
  );
  process.exit(values.help ? 0 : 2);
}
const RELATIONS = Number(values.relations);
const PER_FILE = Number(values['per-file']);
const OUT = values.out;
const TEXTS = Number(values.texts);
const MISQUOTES = TEXTS ? Number(values.misquotes) : 0;
const V2 = values.forms !== 'v1';

const rand = mulberry32(Number(values.seed));
const pick = (list) => list[Math.floor(rand() * list.length)];

const ENTITY_TYPES = {
  Person: ['role', 'born'],
  Organization: ['founded', 'sector'],
  Country: ['iso'],
  Company: ['founded', 'sector'],
  Party: ['ideology'],
  Place: ['region'],
  Event: ['held'],
  Proposal: ['status'],
};
const TYPE_NAMES = Object.keys(ENTITY_TYPES);
const ACTORS = ['Person', 'Organization', 'Country', 'Company', 'Party'];
const RELATION_TYPES = {
  MET: { from: ['Person'], to: ['Person'], symmetric: true, event: true },
  SUPPORTS: { from: ACTORS, to: ['Proposal', 'Person', 'Party'] },
  OPPOSES: { from: ACTORS, to: ['Proposal', 'Person', 'Party'] },
  DEMANDS: { from: ACTORS, to: ['Proposal'] },
  REJECTS: { from: ACTORS, to: ['Proposal'] },
  PROPOSES: { from: ACTORS, to: ['Proposal'] },
  URGES: { from: ACTORS, to: ACTORS },
  MEMBER_OF: { from: ['Person', 'Country', 'Company'], to: ['Organization', 'Party'] },
  WORKS_FOR: { from: ['Person'], to: ['Organization', 'Company', 'Party'] },
  FUNDS: { from: ['Person', 'Company', 'Country'], to: ['Organization', 'Party', 'Event'] },
  ATTENDED: { from: ['Person', 'Country', 'Organization'], to: ['Event'] },
  LOCATED_IN: { from: ['Organization', 'Company', 'Event', 'Place'], to: ['Place', 'Country'] },
};
const RELATION_NAMES = Object.keys(RELATION_TYPES);
const WORDS = (
  'security guarantee peace talks agreement framework ceasefire border trade sanctions energy ' +
  'summit minister council support reform budget election coalition alliance treaty policy ' +
  'negotiation pressure concession region defence aid proposal statement meeting commitment'
).split(' ');

function sentence(min, max) {
  const n = min + Math.floor(rand() * (max - min));
  const words = Array.from({ length: n }, () => pick(WORDS));
  const text = words.join(' ');
  return text[0].toUpperCase() + text.slice(1);
}
const yamlString = (s) => JSON.stringify(s); // JSON strings are valid YAML double-quoted scalars
function date() {
  const d = new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 5 * 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

// Entities: ≈ relations / 3, types in fixed proportions; Zipf weights give hubs.
const entityCount = Math.max(20, Math.round(RELATIONS / 3));
const entities = [];
const byType = new Map(TYPE_NAMES.map((t) => [t, []]));
const SHARE = [0.3, 0.1, 0.03, 0.12, 0.05, 0.1, 0.1, 0.2];
for (let i = 0; i < entityCount; i++) {
  let r = rand();
  let t = 0;
  while (t < SHARE.length - 1 && r > SHARE[t]) r -= SHARE[t++];
  const type = TYPE_NAMES[t];
  const e = { id: `${type.toLowerCase()}-${i}`, type, index: byType.get(type).length };
  byType.get(type).push(e);
  entities.push(e);
}
// Cumulative Zipf weights per type (exponent 1.1): a few entities get most relations.
const cumulative = new Map();
for (const [type, list] of byType) {
  let acc = 0;
  cumulative.set(
    type,
    list.map((_e, i) => (acc += 1 / Math.pow(i + 1, 1.1))),
  );
}
function sample(types) {
  const type = pick(types.filter((t) => byType.get(t).length));
  const cum = cumulative.get(type);
  const x = rand() * cum[cum.length - 1];
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return byType.get(type)[lo];
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(path.join(OUT, 'entities'), { recursive: true });
mkdirSync(path.join(OUT, 'relations'), { recursive: true });

// Schema and sources.
const props = {
  role: 'string',
  born: 'date',
  founded: 'date',
  sector: '{ type: enum, values: [energy, finance, defence, media, tech] }',
  iso: 'string',
  ideology: 'string',
  region: 'string',
  held: 'date',
  status: '{ type: enum, values: [proposed, agreed, rejected] }',
};
if (V2) ENTITY_TYPES.Person.push('party');
props.party = '{ type: ref, to: Party, edge: MEMBER_OF }';
let schema = 'schema:\n  entities:\n';
for (const [type, list] of Object.entries(ENTITY_TYPES)) {
  schema += `    ${type}:\n      properties:\n        name: { type: string, required: true }\n`;
  for (const p of list) schema += `        ${p}: ${props[p]}\n`;
}
schema += '  relations:\n';
for (const [type, def] of Object.entries(RELATION_TYPES)) {
  schema += `    ${type}:\n      from: [${def.from.join(', ')}]\n      to: [${def.to.join(', ')}]\n`;
  if (def.symmetric) schema += '      symmetric: true\n';
  if (def.event && V2) schema += '      event: true\n';
}
if (V2) {
  const manifest = `project:\n  id: generated-${RELATIONS}\n  title: ${yamlString(`A generated project of ${RELATIONS} relations`)}\n  authors: [kg bench]\n`;
  writeFileSync(path.join(OUT, 'kg.yaml'), manifest);
}
writeFileSync(path.join(OUT, 'schema.yaml'), schema);
const SOURCES = Array.from({ length: TEXTS || 20 }, (_v, i) => `src-${i}`);
// Each source text: paragraphs of 3–6 sentences, about 10 KB; quotes are its sentences.
const sentencesOf = new Map();
if (TEXTS) mkdirSync(path.join(OUT, 'texts'));
for (const id of SOURCES.slice(0, TEXTS)) {
  const all = [];
  let text = '';
  while (text.length < 10_000) {
    const paragraph = Array.from(
      { length: 3 + Math.floor(rand() * 4) },
      () => `${sentence(6, 20)}.`,
    );
    all.push(...paragraph);
    text += `${paragraph.join(' ')}\n\n`;
  }
  sentencesOf.set(id, all);
  writeFileSync(path.join(OUT, 'texts', `${id}.txt`), text);
}
let sources = 'sources:\n';
for (const id of SOURCES) {
  sources += `  - id: ${id}\n    title: ${yamlString(sentence(4, 9))}\n    url: https://example.org/${id}\n    published: ${date()}\n`;
  if (sentencesOf.has(id) && !values.unlinked) sources += `    file: texts/${id}.txt\n`;
}
writeFileSync(path.join(OUT, 'sources.yaml'), sources);
/** A quote from the source's text (with texts), or random words; a few deliberately wrong. */
let misquoted = 0;
function quoteFrom(source, i) {
  const list = sentencesOf.get(source);
  if (!list) return sentence(6, 20);
  const quote = pick(list);
  if (misquoted < MISQUOTES && i >= RELATIONS / 2 + misquoted * 997) {
    misquoted++;
    const words = quote.split(' ');
    words[Math.floor(words.length / 2)] = 'zebra';
    return words.join(' ');
  }
  return quote;
}

// Entities, one file per type and 20,000 entities.
const parties = byType.get('Party');
const value = (p) =>
  p === 'party'
    ? pick(parties).id
    : p === 'born' || p === 'founded' || p === 'held'
      ? date()
      : p === 'sector'
        ? pick(['energy', 'finance', 'defence', 'media', 'tech'])
        : p === 'status'
          ? pick(['proposed', 'agreed', 'rejected'])
          : yamlString(sentence(1, 3));
for (const [type, list] of byType) {
  for (let start = 0; start < list.length; start += 20_000) {
    let text = 'entities:\n';
    for (const e of list.slice(start, start + 20_000)) {
      text += `  - id: ${e.id}\n    type: ${type}\n    name: ${yamlString(`${type} ${e.index}`)}\n`;
      if (e.index % 3 === 0) text += `    aliases: [${yamlString(`${type} #${e.index}`)}]\n`;
      for (const p of ENTITY_TYPES[type]) {
        if (p === 'party' ? parties.length && rand() < 0.3 : rand() < 0.7) {
          text += `    ${p}: ${value(p)}\n`;
        }
      }
      text += `    source: ${pick(SOURCES)}\n`;
    }
    const name = `${type.toLowerCase()}-${String(start / 20_000).padStart(3, '0')}.yaml`;
    writeFileSync(path.join(OUT, 'entities', name), text);
  }
}

// Relations: every entity gets one first (none is left without relations), then Zipf endpoints.
// With the v2 forms, every other file has a default source, which most of its relations use.
const header = () => {
  const sourced = V2 && fileIndex % 2 === 0;
  fileDefault = sourced ? pick(SOURCES) : undefined;
  return sourced ? `defaults:\n  source: ${fileDefault}\nrelations:\n` : 'relations:\n';
};
let fileDefault;
let fileIndex = 0;
let text = header();
let inFile = 0;
const flush = () => {
  const name = `relations-${String(fileIndex++).padStart(4, '0')}.yaml`;
  writeFileSync(path.join(OUT, 'relations', name), text);
  text = header();
  inFile = 0;
};
const candidates = new Map(
  TYPE_NAMES.map((t) => [
    t,
    RELATION_NAMES.filter(
      (r) => RELATION_TYPES[r].from.includes(t) || RELATION_TYPES[r].to.includes(t),
    ),
  ]),
);
/** One evidence item's fields (source, date, maybe a quote and a confidence). */
function evidenceFields(ownSource) {
  // In this order of draws, `--forms v1` writes exactly what the generator wrote before v2.
  const source = ownSource ? pick(SOURCES) : undefined;
  const withQuote = rand() < 0.4;
  const fields = source === undefined ? [] : [`source: ${source}`];
  fields.push(`date: ${date()}`);
  if (withQuote) fields.push(`quote: ${yamlString(quoteFrom(source ?? fileDefault, at))}`);
  if (rand() < 0.1) fields.push(`confidence: ${(Math.floor(rand() * 10) / 10).toFixed(1)}`);
  return fields;
}
/** Earlier statements (type, from, to), for restating facts. */
const stated = [];
/** The relation being written (where the misquotes go). */
let at = 0;
for (let i = 0; i < RELATIONS;) {
  at = i;
  const misquotedBefore = misquoted;
  let type;
  let from;
  let to;
  const seedEntity = i < entityCount ? entities[i] : undefined;
  const roll = V2 ? rand() : 1;
  if (seedEntity) {
    type = pick(candidates.get(seedEntity.type));
    const def = RELATION_TYPES[type];
    if (def.from.includes(seedEntity.type)) {
      from = seedEntity;
      to = sample(def.to);
    } else {
      to = seedEntity;
      from = sample(def.from);
    }
  } else if (roll < 0.05 && stated.length) {
    // The same fact again, with new evidence.
    [type, from, to] = pick(stated);
  } else {
    type = pick(RELATION_NAMES);
    const def = RELATION_TYPES[type];
    from = sample(def.from);
    to = sample(def.to);
  }
  const def = RELATION_TYPES[type];
  // Several objects: the seed entity keeps its own statement.
  let targets = [to];
  if (!seedEntity && roll >= 0.05 && roll < 0.13) {
    const more = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < more && i + targets.length < RELATIONS; k++) {
      const t = sample(def.to);
      if (!targets.includes(t)) targets.push(t);
    }
  }
  if (V2 && (stated.length < 5000 || rand() < 0.01)) stated.push([type, from, to]);
  const form = i % 10; // 10% shorthand, 50% shorthand with fields, 40% full form
  const defaulted = fileDefault !== undefined && rand() < 0.8;
  let fields;
  if (roll >= 0.13 && roll < 0.23) {
    // An evidence list of 2–3 items (under a default source, some items name their own).
    const items = Array.from({ length: 2 + Math.floor(rand() * 2) }, () =>
      evidenceFields(!defaulted || rand() < 0.3),
    );
    const indent = form < 6 ? '      ' : '    ';
    fields = [
      `evidence:\n${items
        .map((f) => `${indent}  - { ${f.join(', ')} }\n`)
        .join('')
        .trimEnd()}`,
    ];
  } else fields = evidenceFields(!defaulted);
  const object = targets.length > 1 ? `[${targets.map((t) => t.id).join(', ')}]` : to.id;
  if (form === 0 && targets.length === 1 && !defaulted) {
    text += `  - ${from.id} ${type} ${to.id}\n`;
  } else if (form === 0 && defaulted) {
    // A plain shorthand under a default source is sourced (its drawn fields are not written).
    text += `  - ${from.id} ${type} ${object}\n`;
    misquoted = misquotedBefore;
  } else if (form < 6) {
    text += `  - ${from.id} ${type} ${object}:\n${fields.map((f) => `      ${f}\n`).join('')}`;
  } else {
    text += `  - from: ${from.id}\n    type: ${type}\n    to: ${object}\n${fields.map((f) => `    ${f}\n`).join('')}`;
  }
  i += targets.length;
  inFile += targets.length;
  if (inFile >= PER_FILE) flush();
}
if (inFile) flush();
const texts = TEXTS
  ? `, ${TEXTS} source texts${values.unlinked ? ' (unlinked)' : ''}, ${misquoted} misquotes`
  : '';
console.log(
  `wrote ${OUT}: ${entityCount} entities, ${RELATIONS} relations, ${fileIndex} relation files${texts} (seed ${values.seed})`,
);
