// The fuzzer's picture of a kg project, rendered to YAML text in varied styles. Generators
// (arbitraries.ts) build these models; render() writes them. A new language form (language v2:
// several endpoints, evidence lists, defaults, a project manifest, `event:` and `edge:` in the
// schema) is one more optional field here and one more branch in render — the generators and
// the checks need not change shape.

/** How a scalar is written: the renderer falls back to double quotes when a style cannot. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'escaped';

/** A scalar as the fuzzer means it: its text, and how to write it. */
export interface Scalar {
  text: string;
  style: ScalarStyle;
  /** Write as a YAML number/boolean/null token (unquoted) instead of a string. */
  raw?: boolean;
}

/** A mapping as a value (an evidence item): block or flow, as its container is written. */
export interface MapValue {
  map: [Scalar, Value | undefined][];
}

export type Value = Scalar | Value[] | MapValue;

const isMap = (v: Value): v is MapValue => !Array.isArray(v) && 'map' in v;

export interface PropertyDeclModel {
  name: Scalar;
  /** e.g. `string`, `integer[]`, `enum`, `ref` — or a hostile word. */
  type: string;
  required?: boolean;
  values?: Scalar[];
  to?: Scalar[];
  /** `edge: TYPE` on a `ref` property: each value is also a relation (language v2). */
  edge?: Scalar;
  /** Declared as `{ type: … }` instead of the short `name: type`. */
  long?: boolean;
}

export interface TypeModel {
  name: Scalar;
  color?: Scalar;
  label?: Scalar;
  description?: Scalar;
  properties: PropertyDeclModel[];
  /** Relation types only. */
  from?: Scalar[];
  to?: Scalar[];
  symmetric?: boolean;
  /** `event: true`: the time is part of the fact (language v2). */
  event?: boolean;
}

export interface SourceModel {
  id: Scalar;
  title?: Scalar;
  url?: Scalar;
  published?: Scalar;
}

export interface EntityModel {
  id: Scalar;
  type?: Scalar;
  aliases: Scalar[];
  sources: Scalar[];
  note?: Scalar;
  properties: [Scalar, Value][];
  flow?: boolean;
}

export type RelationForm = 'shorthand' | 'shorthand-fields' | 'full';

/** One item of an `evidence:` list (language v2). */
export interface EvidenceModel {
  source?: Scalar;
  quote?: Scalar;
  date?: Scalar;
  confidence?: Scalar;
  note?: Scalar;
}

export interface RelationModel {
  form: RelationForm;
  from: Scalar;
  type: Scalar;
  to: Scalar;
  id?: Scalar;
  sources: Scalar[];
  quote?: Scalar;
  date?: Scalar;
  start?: Scalar;
  end?: Scalar;
  confidence?: Scalar;
  note?: Scalar;
  properties: [Scalar, Value][];
  flow?: boolean;
  /** More endpoints: `from: [a, …]`, `a TYPE [b, …]` (language v2). */
  fromMore?: Scalar[];
  toMore?: Scalar[];
  /** An `evidence:` list (beside flat fields it is KG120, which hostile cases may want). */
  evidence?: EvidenceModel[];
}

export interface ProjectModel {
  entityTypes: TypeModel[];
  relationTypes: TypeModel[];
  sources: SourceModel[];
  entities: EntityModel[];
  relations: RelationModel[];
  /** How many files the sections are spread over, and how (a seed for the split). */
  files: number;
  split: number;
  crlf?: boolean;
  /** A `project:` manifest, written in the first file (language v2). */
  project?: [Scalar, Value | undefined][];
  /** A file's `defaults:` (source, date, confidence), by file index (language v2). */
  defaults?: ([Scalar, Value | undefined][] | undefined)[];
}

// ---- rendering ----

const PLAIN_SAFE = /^[A-Za-z0-9_][A-Za-z0-9_ .@/()-]*$/;
const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|null|~|y|n|[-+]?[0-9].*|\.(?:inf|nan))$/i;

/** Characters a quoted or block scalar cannot hold raw (they go as escapes instead). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const NOT_RAW = /[\u0000-\u0008\u000b-\u001f\u007f\ud800-\udfff]/;

function escapeDouble(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (code < 0x20 || code === 0x7f || (code >= 0xd800 && code <= 0xdfff)) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** Every character as an escape (exercises the composer's escapes, surrogates included). */
function escapeAll(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    out += `\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

export function scalar(s: Scalar, indent: string): string {
  const { text, style } = s;
  if (s.raw) return text;
  switch (style) {
    case 'plain':
      if (PLAIN_SAFE.test(text) && !RESERVED_PLAIN.test(text) && !/[ ]$/.test(text)) return text;
      return escapeDouble(text);
    case 'single':
      if (/^[^\n\r]*$/.test(text) && !NOT_RAW.test(text)) {
        return `'${text.replace(/'/g, "''")}'`;
      }
      return escapeDouble(text);
    case 'literal':
      if (text !== '' && !/^\s|\s$/.test(text) && !NOT_RAW.test(text) && !text.includes('\r')) {
        return `|-\n${text
          .split('\n')
          .map((l) => `${indent}  ${l}`)
          .join('\n')}`;
      }
      return escapeDouble(text);
    case 'escaped':
      return escapeAll(text);
    default:
      return escapeDouble(text);
  }
}

function inlineScalar(s: Scalar): string {
  return scalar(s.style === 'literal' ? { ...s, style: 'double' } : s, '');
}

function value(v: Value, indent: string): string {
  if (Array.isArray(v)) {
    // A list of mappings in a block context is a block sequence of block mappings.
    if (v.length > 0 && v.every(isMap)) {
      return v.map((m) => `\n${indent}  - ${mapping(m.map, `${indent}    `, false)}`).join('');
    }
    return `[${v.map(flowValue).join(', ')}]`;
  }
  if (isMap(v)) return mapping(v.map, '', true);
  return scalar(v, indent);
}

function flowValue(v: Value): string {
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  if (isMap(v)) return mapping(v.map, '', true);
  return inlineScalar(v);
}

/** `key: value` lines of a block mapping, or `{ … }` when flow. */
function mapping(pairs: [Scalar, Value | undefined][], indent: string, flow: boolean): string {
  const present = pairs.filter((p): p is [Scalar, Value] => p[1] !== undefined);
  if (flow) {
    return `{ ${present.map(([k, v]) => `${inlineScalar(k)}: ${flowValue(v)}`).join(', ')} }`;
  }
  return present
    .map(([k, v], i) => `${i === 0 ? '' : indent}${inlineScalar(k)}: ${value(v, indent)}`)
    .join('\n');
}

const word = (text: string): Scalar => ({ text, style: 'plain' });

function listOrOne(list: Scalar[]): Value | undefined {
  if (list.length === 0) return undefined;
  return list.length === 1 ? list[0] : list;
}

function property(p: PropertyDeclModel, indent: string): string {
  if (!p.long) return `${indent}${inlineScalar(p.name)}: ${inlineScalar(word(p.type))}`;
  const pairs: [Scalar, Value | undefined][] = [
    [word('type'), word(p.type)],
    [
      word('required'),
      p.required === undefined
        ? undefined
        : { text: String(p.required), style: 'plain', raw: true },
    ],
    [word('values'), p.values],
    [word('to'), p.to && listOrOne(p.to)],
    [word('edge'), p.edge],
  ];
  return `${indent}${inlineScalar(p.name)}: ${mapping(pairs, '', true)}`;
}

function typeBlock(t: TypeModel, relation: boolean): string {
  const lines = [`    ${inlineScalar(t.name)}:`];
  const field = (k: string, v: Value | undefined) => {
    if (v !== undefined) lines.push(`      ${k}: ${value(v, '      ')}`);
  };
  if (relation) {
    field('from', t.from && listOrOne(t.from));
    field('to', t.to && listOrOne(t.to));
    if (t.symmetric !== undefined) lines.push(`      symmetric: ${t.symmetric}`);
    if (t.event !== undefined) lines.push(`      event: ${t.event}`);
  }
  field('color', t.color);
  field('label', t.label);
  field('description', t.description);
  if (t.properties.length) {
    lines.push('      properties:');
    for (const p of t.properties) lines.push(property(p, '        '));
  }
  if (lines.length === 1) lines[0] += ' {}';
  return lines.join('\n');
}

function entityItem(e: EntityModel): string {
  const pairs: [Scalar, Value | undefined][] = [
    [word('id'), e.id],
    [word('type'), e.type],
    [word('aliases'), e.aliases.length ? e.aliases : undefined],
    [word('source'), listOrOne(e.sources)],
    [word('note'), e.note],
    ...e.properties,
  ];
  return `  - ${mapping(pairs, '    ', e.flow ?? false)}`;
}

function evidenceItem(e: EvidenceModel): MapValue {
  return {
    map: [
      [word('source'), e.source],
      [word('quote'), e.quote],
      [word('date'), e.date],
      [word('confidence'), e.confidence],
      [word('note'), e.note],
    ],
  };
}

function relationFields(r: RelationModel): [Scalar, Value | undefined][] {
  return [
    [word('id'), r.id],
    [word('evidence'), r.evidence?.length ? r.evidence.map(evidenceItem) : undefined],
    [word('source'), listOrOne(r.sources)],
    [word('quote'), r.quote],
    [word('date'), r.date],
    [word('start'), r.start],
    [word('end'), r.end],
    [word('confidence'), r.confidence],
    [word('note'), r.note],
    ...r.properties,
  ];
}

function relationItem(r: RelationModel): string {
  const targets = [r.to, ...(r.toMore ?? [])];
  const to = targets.length === 1 ? r.to.text : `[${targets.map((t) => t.text).join(', ')}]`;
  const triple = `${r.from.text} ${r.type.text} ${to}`;
  const shorthand = inlineScalar({
    text: triple,
    style: r.from.style === 'plain' ? 'plain' : 'double',
  });
  if (r.form === 'shorthand') return `  - ${shorthand}`;
  if (r.form === 'shorthand-fields') {
    const fields = relationFields(r).filter((f) => f[1] !== undefined);
    if (fields.length === 0) return `  - ${shorthand}`;
    if (r.flow) return `  - ${shorthand}: ${mapping(fields, '', true)}`;
    return `  - ${shorthand}:\n      ${mapping(fields, '      ', false)}`;
  }
  const pairs: [Scalar, Value | undefined][] = [
    [word('from'), listOrOne([r.from, ...(r.fromMore ?? [])])],
    [word('type'), r.type],
    [word('to'), listOrOne([r.to, ...(r.toMore ?? [])])],
    ...relationFields(r),
  ];
  return `  - ${mapping(pairs, '    ', r.flow ?? false)}`;
}

function sourceItem(s: SourceModel): string {
  const pairs: [Scalar, Value | undefined][] = [
    [word('id'), s.id],
    [word('title'), s.title],
    [word('url'), s.url],
    [word('published'), s.published],
  ];
  return `  - ${mapping(pairs, '    ', false)}`;
}

/** The project as files (name → text). */
export function render(p: ProjectModel): Record<string, string> {
  const sections: { key: string; lines: string[] }[] = [];
  const schema: string[] = [];
  if (p.entityTypes.length) {
    schema.push('  entities:', ...p.entityTypes.map((t) => typeBlock(t, false)));
  }
  if (p.relationTypes.length) {
    schema.push('  relations:', ...p.relationTypes.map((t) => typeBlock(t, true)));
  }
  if (schema.length) sections.push({ key: 'schema', lines: schema });
  // Items of one list may be spread over files: each file gets its own `key:` section.
  const lists: [string, string[]][] = [
    ['sources', p.sources.map(sourceItem)],
    ['entities', p.entities.map(entityItem)],
    ['relations', p.relations.map(relationItem)],
  ];
  // Each file holds each top-level key at most once (twice would be KG002, not what is tested).
  const files: Map<string, string[]>[] = Array.from(
    { length: Math.max(1, p.files) },
    () => new Map(),
  );
  let cursor = p.split;
  const next = () => files[cursor++ % files.length]!;
  const add = (file: Map<string, string[]>, key: string, lines: string[]) => {
    const list = file.get(key);
    if (list) list.push(...lines);
    else file.set(key, [...lines]);
  };
  for (const s of sections) add(next(), s.key, s.lines);
  if (p.project) add(files[0]!, 'project', [`  ${mapping(p.project, '  ', false)}`]);
  p.defaults?.forEach((pairs, i) => {
    const file = files[i];
    if (pairs && file && pairs.some((x) => x[1] !== undefined)) {
      add(file, 'defaults', [`  ${mapping(pairs, '  ', false)}`]);
    }
  });
  for (const [key, items] of lists) {
    if (items.length === 0) continue;
    const half = Math.ceil(items.length / 2);
    for (const part of [items.slice(0, half), items.slice(half)]) {
      if (part.length) add(next(), key, part);
    }
  }
  const out: Record<string, string> = {};
  files.forEach((sectionsOfFile, i) => {
    const lines = [...sectionsOfFile].flatMap(([key, body]) => [`${key}:`, ...body]);
    const text = lines.join('\n') + '\n';
    out[`f${i}.yaml`] = p.crlf ? text.replace(/\n/g, '\r\n') : text;
  });
  return out;
}
