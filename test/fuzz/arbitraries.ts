// fast-check generators of hostile projects: structured projects with hostile names and values
// in every position (model.ts renders them), mutated real files, random YAML structure, deep
// nesting and byte-level damage. Most generated names are valid, so that many projects compile
// and reach every exporter; the rest are hostile.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import {
  render,
  type EntityModel,
  type EvidenceModel,
  type ProjectModel,
  type PropertyDeclModel,
  type RelationModel,
  type Scalar,
  type ScalarStyle,
  type SourceModel,
  type TypeModel,
  type Value,
} from './model.js';
import { yamlFiles } from '../helpers/yaml-files.js';

/** One fuzz case: files by name, as text or raw bytes. */
export interface FuzzCase {
  kind: string;
  files: Record<string, string | Uint8Array>;
}

const REPO = path.resolve(import.meta.dirname, '../..');

export const BUILT_INS = Object.getOwnPropertyNames(Object.prototype);

/** Names that break naive code: built-ins, markup, formulas, separators, odd Unicode. */
export const HOSTILE_NAMES = [
  ...BUILT_INS,
  'role:LABEL',
  'age:int',
  ':ID',
  '=HYPERLINK("http://x")',
  '+1',
  '-x',
  '@x',
  'a b',
  '',
  ' ',
  "it's",
  'a"b',
  '<script>x</script>',
  '&amp;',
  '`x`',
  '\\',
  '#x',
  'x #y',
  '- x',
  '*a',
  '&a',
  '!x',
  '%x',
  '{x}',
  '[x]',
  'a,b',
  'a|b',
  'a\u001fb',
  'a\tb',
  'a\nb',
  '\u2028',
  'x'.repeat(300),
  'Entity',
  'Source',
  'CITED_IN',
  'kg_graph',
  'kg_type',
  'id',
  'label',
  'type',
  'target',
  'null',
  'true',
  '1e400',
  '0x10',
  '.nan',
  'größe',
  'имя',
  'नाम',
  '日本',
  '😀',
  'שלום',
  'e\u0301',
  '\ud800',
  'a\u0000b',
  '\ufeffx',
];

const STYLES: ScalarStyle[] = ['plain', 'single', 'double', 'literal', 'escaped'];
const style = fc.constantFrom(...STYLES, 'plain', 'plain', 'double');

const sc = (text: fc.Arbitrary<string>): fc.Arbitrary<Scalar> =>
  fc.record({ text, style }).map((s) => ({ ...s }));

const validName = fc.stringMatching(/^[A-Z][a-z]{1,6}$/);
const validRelName = fc.stringMatching(/^[A-Z]{2,6}(_[A-Z]{2,4})?$/);
const validProp = fc.stringMatching(/^[a-z][a-z_-]{0,7}$/);
const validId = fc.stringMatching(/^[a-z][a-z0-9.:_-]{0,8}$/);

/** Mostly valid, sometimes hostile. */
function name(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: valid },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
}

const text = fc.oneof(
  { weight: 5, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_NAMES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

const rawToken = (t: string): Scalar => ({ text: t, style: 'plain', raw: true });

const numberToken = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: false }).map((d) => (Number.isFinite(d) ? String(d) : '.inf')),
  fc.constantFrom(
    '1e400',
    '-0',
    '0x1F',
    '0o17',
    '.inf',
    '-.inf',
    '.nan',
    '1_000',
    '9007199254740993',
  ),
);

const dateText = fc.oneof(
  fc.constantFrom(
    '2025-08-18',
    '2025',
    '2025-08',
    '2025-08-18T15:00:00Z',
    '2025-08-18T15:00',
    '2025-08-18 15:00:00',
    '2025-02-30',
    '2025-13-01',
    '0000-01-01',
    '9999-12-31T23:59:59.999999999+14:00',
    '-2025',
    '2025-8-1',
  ),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

const scalarValue: fc.Arbitrary<Scalar> = fc.oneof(
  { weight: 4, arbitrary: sc(text) },
  { weight: 2, arbitrary: numberToken.map(rawToken) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', '~', '').map(rawToken) },
  { weight: 2, arbitrary: dateText.map(rawToken) },
  { weight: 1, arbitrary: fc.webUrl().map((t) => ({ text: t, style: 'plain' as const })) },
);

const valueArb: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: scalarValue },
  { weight: 1, arbitrary: fc.array(scalarValue, { maxLength: 4 }) },
);

const PROPERTY_TYPES = [
  'string',
  'text',
  'number',
  'integer',
  'boolean',
  'date',
  'url',
  'enum',
  'ref',
  'string[]',
  'integer[]',
  'date[]',
  'ref[]',
  'number[]',
];
const propertyType = fc.oneof(
  { weight: 9, arbitrary: fc.constantFrom(...PROPERTY_TYPES) },
  { weight: 1, arbitrary: fc.constantFrom('strin', 'list', 'enum[]', '', 'map') },
);

function propertyDecl(
  entityTypes: string[],
  relationTypes: string[] = [],
): fc.Arbitrary<PropertyDeclModel> {
  return fc.record(
    {
      name: sc(name(validProp)),
      type: propertyType,
      required: fc.boolean(),
      values: fc.array(sc(name(validProp)), { minLength: 1, maxLength: 3 }),
      to: fc
        .subarray(entityTypes)
        .map((list) => list.map((t) => ({ text: t, style: 'plain' as const }))),
      edge: ref(relationTypes, name(validRelName)),
      long: fc.boolean(),
    },
    { requiredKeys: ['name', 'type'] },
  );
}

const color = fc.oneof(
  fc.constantFrom('#4e79a7', '#ABC', '#12345678', 'red', '#zzzzzz', '').map((t) => ({
    text: t,
    style: 'double' as const,
  })),
);

function typeModel(
  nameArb: fc.Arbitrary<string>,
  entityTypes: string[],
  relation: boolean,
  relationTypes: string[] = [],
) {
  const typeRef = fc.constantFrom(...(entityTypes.length ? entityTypes : ['Nope']), 'Nope');
  return fc.record(
    {
      name: sc(nameArb),
      color,
      label: sc(name(validProp)),
      description: sc(text),
      properties: fc.array(propertyDecl(entityTypes, relationTypes), { maxLength: 4 }),
      ...(relation
        ? {
            from: fc.array(
              typeRef.map((t) => ({ text: t, style: 'plain' as const })),
              { maxLength: 2 },
            ),
            to: fc.array(
              typeRef.map((t) => ({ text: t, style: 'plain' as const })),
              { maxLength: 2 },
            ),
            symmetric: fc.boolean(),
            event: fc.boolean(),
          }
        : {}),
    },
    { requiredKeys: ['name', 'properties'] },
  ) as fc.Arbitrary<TypeModel>;
}

/** A reference: mostly one of the known names, sometimes anything. */
function ref(known: string[], other: fc.Arbitrary<string>): fc.Arbitrary<Scalar> {
  const arb = known.length
    ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: other })
    : other;
  return arb.map((t) => ({ text: t, style: 'plain' as const }));
}

type Pairs = [Scalar, Value | undefined][];

/** A `project:` manifest (language v2) with the given id and text values. */
function manifest(id: fc.Arbitrary<Scalar>, words: fc.Arbitrary<Scalar>): fc.Arbitrary<Pairs> {
  return fc
    .record({
      id: fc.option(id, { nil: undefined }),
      title: fc.option(words, { nil: undefined }),
      description: fc.option(words, { nil: undefined }),
      authors: fc.oneof(words, fc.array(words, { maxLength: 3 })),
      license: fc.option(words, { nil: undefined }),
    })
    .map((m): Pairs => [
      [{ text: 'id', style: 'plain' }, m.id],
      [{ text: 'title', style: 'plain' }, m.title],
      [{ text: 'description', style: 'plain' }, m.description],
      [{ text: 'authors', style: 'plain' }, m.authors],
      [{ text: 'license', style: 'plain' }, m.license],
    ]);
}

/** A file's `defaults:` (language v2). */
function defaultsOf(source: fc.Arbitrary<Scalar>, date: fc.Arbitrary<Scalar>): fc.Arbitrary<Pairs> {
  return fc
    .record({
      source: fc.option(source, { nil: undefined }),
      date: fc.option(date, { nil: undefined }),
      confidence: fc.option(
        fc.double({ min: 0, max: 1, noNaN: true }).map((d) => rawToken(String(d))),
        { nil: undefined },
      ),
    })
    .map((d): Pairs => [
      [{ text: 'source', style: 'plain' }, d.source],
      [{ text: 'date', style: 'plain' }, d.date],
      [{ text: 'confidence', style: 'plain' }, d.confidence],
    ]);
}

export const projectModel: fc.Arbitrary<ProjectModel> = fc
  .record({
    entityTypeNames: fc.uniqueArray(name(validName), { minLength: 1, maxLength: 4 }),
    relationTypeNames: fc.uniqueArray(name(validRelName), { minLength: 1, maxLength: 4 }),
    sourceIds: fc.uniqueArray(name(validId), { maxLength: 3 }),
    entityIds: fc.uniqueArray(name(validId), { minLength: 1, maxLength: 10 }),
  })
  .chain(({ entityTypeNames, relationTypeNames, sourceIds, entityIds }) => {
    const entityTypes = fc.tuple(
      ...entityTypeNames.map((n) =>
        typeModel(fc.constant(n), entityTypeNames, false, relationTypeNames),
      ),
    );
    const relationTypes = fc.tuple(
      ...relationTypeNames.map((n) => typeModel(fc.constant(n), entityTypeNames, true)),
    );
    return fc.tuple(entityTypes, relationTypes).chain(([ets, rts]) => {
      const propNames = (types: TypeModel[]) =>
        types.flatMap((t) => t.properties.map((p) => p.name.text));
      const entityProps = propNames(ets);
      const relationProps = propNames(rts);
      const aliasPool = ['alias-a', 'alias-b', 'shared'];
      const sourceRef = ref(sourceIds, name(validId));
      const endpoint = ref([...entityIds, ...aliasPool], name(validId));
      const propertyPair = (known: string[]) =>
        fc.tuple(ref(known, name(validProp)), valueArb) as fc.Arbitrary<[Scalar, Value]>;
      const evidence: fc.Arbitrary<EvidenceModel> = fc.record(
        {
          source: sourceRef,
          quote: sc(text),
          date: dateText.map(rawToken),
          confidence: numberToken.map(rawToken),
          note: sc(text),
        },
        { requiredKeys: [] },
      );
      const source: fc.Arbitrary<SourceModel> = fc.record(
        {
          id: fc.constant<Scalar>({ text: '', style: 'plain' }),
          title: sc(text),
          url: fc.oneof(
            fc.webUrl().map((t) => ({ text: t, style: 'plain' as const })),
            sc(text),
          ),
          published: dateText.map(rawToken),
        },
        { requiredKeys: ['id'] },
      );
      const entity = (id: string): fc.Arbitrary<EntityModel> =>
        fc.record(
          {
            id: fc.constant<Scalar>({ text: id, style: 'plain' }),
            type: ref(entityTypeNames, name(validName)),
            aliases: fc.array(ref(aliasPool, name(validId)), { maxLength: 2 }),
            sources: fc.array(sourceRef, { maxLength: 2 }),
            note: sc(text),
            properties: fc.array(propertyPair(entityProps), { maxLength: 4 }),
            flow: fc.boolean(),
          },
          { requiredKeys: ['id', 'aliases', 'sources', 'properties'] },
        );
      const relation: fc.Arbitrary<RelationModel> = fc.record(
        {
          form: fc.constantFrom('shorthand', 'shorthand-fields', 'full', 'full'),
          from: endpoint,
          type: ref(relationTypeNames, name(validRelName)),
          to: endpoint,
          id: sc(name(validId)),
          sources: fc.array(sourceRef, { maxLength: 2 }),
          quote: sc(text),
          date: dateText.map(rawToken),
          start: dateText.map(rawToken),
          end: dateText.map(rawToken),
          confidence: fc.oneof(
            fc.double({ min: 0, max: 1, noNaN: true }).map((d) => rawToken(String(d))),
            numberToken.map(rawToken),
          ),
          note: sc(text),
          properties: fc.array(propertyPair(relationProps), { maxLength: 3 }),
          flow: fc.boolean(),
          fromMore: fc.array(endpoint, { maxLength: 2 }),
          toMore: fc.array(endpoint, { maxLength: 3 }),
          evidence: fc.array(evidence, { maxLength: 3 }),
        },
        { requiredKeys: ['form', 'from', 'type', 'to', 'sources', 'properties'] },
      );
      return fc.record({
        project: fc.option(manifest(sc(name(validId)), sc(text)), { nil: undefined }),
        defaults: fc.array(
          fc.option(defaultsOf(sourceRef, dateText.map(rawToken)), { nil: undefined }),
          {
            maxLength: 3,
          },
        ),
        entityTypes: fc.constant(ets),
        relationTypes: fc.constant(rts),
        sources: fc.tuple(
          ...sourceIds.map((id) =>
            source.map((s) => ({ ...s, id: { text: id, style: 'plain' as const } })),
          ),
        ),
        entities: fc.tuple(...entityIds.map(entity)),
        relations: fc.array(relation, { maxLength: 12 }),
        files: fc.integer({ min: 1, max: 3 }),
        split: fc.nat(5),
        crlf: fc.boolean(),
      });
    });
  });

// ---- mutated real files ----

/** data/ as one project, and every invalid fixture as its own. */
const REAL_PROJECTS: Record<string, string>[] = [
  Object.fromEntries(
    yamlFiles(path.join(REPO, 'data')).map((f) => [
      path.relative(path.join(REPO, 'data'), f).replace(/[\\/]/g, '_'),
      readFileSync(f, 'utf8'),
    ]),
  ),
  ...readdirSync(path.join(REPO, 'test/fixtures/invalid'))
    .filter((n) => n !== 'KG003-file-too-large')
    .map((n) => {
      const full = path.join(REPO, 'test/fixtures/invalid', n);
      const list = statSync(full).isDirectory() ? yamlFiles(full) : [full];
      return Object.fromEntries(list.map((f) => [path.basename(f), readFileSync(f, 'latin1')]));
    }),
].filter((files) => Object.keys(files).length > 0);

const INSERTS = [
  ...HOSTILE_NAMES.filter((n) => n.length < 40),
  '\n',
  '\n  - ',
  ': ',
  '- ',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  '&x ',
  '*x',
  '!!binary ',
  '!!timestamp ',
  '? ',
  '<<: ',
  '---\n',
  '...\n',
  '#',
  '\t',
  '\r',
  '|\n',
  '>-\n',
  '%YAML 1.1\n',
];

type Mutation = (text: string) => string;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...INSERTS)).map(([at, s]) => (t: string) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.nat(), fc.nat(20)).map(([at, n]) => (t: string) => {
    const i = at % (t.length + 1);
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -4, max: 4 })).map(([a, d]) => (t: string) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const line = lines[i]!;
    lines[i] = d > 0 ? ' '.repeat(d) + line : line.slice(Math.min(-d, line.search(/\S|$/)));
    return lines.join('\n');
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom(...HOSTILE_NAMES.filter((n) => n.length < 40)))
    .map(([a, s]) => (t: string) => {
      // Replace one word with a hostile name.
      const words = [...t.matchAll(/[A-Za-z_][\w-]*/g)];
      const w = words[a % Math.max(1, words.length)];
      return w ? t.slice(0, w.index) + s + t.slice(w.index + w[0].length) : t;
    }),
  fc.nat().map((a) => (t: string) => t.slice(0, a % (t.length + 1))),
);

export const mutatedProject: fc.Arbitrary<FuzzCase> = fc
  .tuple(
    fc.nat(REAL_PROJECTS.length - 1),
    fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 5 }),
  )
  .map(([p, mutations]) => {
    const files = { ...REAL_PROJECTS[p]! };
    const names = Object.keys(files);
    for (const [which, m] of mutations) {
      const n = names[which % names.length]!;
      files[n] = m(files[n]!);
    }
    return { kind: 'mutated', files };
  });

// ---- random YAML structure ----

const yamlTree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        text,
        fc.constantFrom('schema', 'entities', 'relations', 'sources', 'id', 'type', 'from', 'to'),
      ),
      tie('node'),
      { maxKeys: 4 },
    ),
  ),
})).node;

const TEMPLATES = [
  'entities:\n  - &e { id: a, type: T }\n  - *e\n',
  'a: &a [*a]\n',
  'schema: !!binary aGVsbG8=\n',
  'entities:\n  - { id: a, type: Person, born: !!timestamp 2025-08-18 }\n',
  'entities: !!set { a, b }\n',
  '? [a, b]\n: c\n',
  'entities:\n  - ? { id: a }\n    : x\n',
  '---\nentities: []\n---\nrelations: []\n',
  'x: &a 1\ny: *b\n',
  '<<: {a: 1}\n',
  'a: !custom x\n',
  '%TAG !e! tag:e.com,2000:\n---\na: !e!x 1\n',
];

export const randomYaml: fc.Arbitrary<FuzzCase> = fc.oneof(
  yamlTree.map((tree) => ({ kind: 'random-yaml', files: { 'a.yaml': stringify(tree) } })),
  fc.tuple(yamlTree, fc.constantFrom(...TEMPLATES)).map(([tree, tpl]) => ({
    kind: 'yaml-template',
    files: { 'a.yaml': tpl, 'b.yaml': stringify({ entities: [tree] }) },
  })),
  fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.constantFrom('- ', '[', '{a: ', 'k:\n'))
    .map(([depth, open]) => {
      let body: string;
      if (open === '[') body = `entities: ${'['.repeat(depth)}${']'.repeat(depth)}\n`;
      else if (open === '{a: ') body = `entities: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}\n`;
      else if (open === '- ') body = `entities:\n  ${'- '.repeat(depth)}x\n`;
      else
        body = `entities:\n${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('')}`;
      return { kind: 'deep', files: { 'a.yaml': body } };
    }),
  fc
    .tuple(fc.integer({ min: 1000, max: 200_000 }), fc.constantFrom('x', '"', 'é', ' '))
    .map(([n, ch]) => ({
      kind: 'long-line',
      files: { 'a.yaml': `entities:\n  - { id: a, type: T, note: ${ch.repeat(n)} }\n` },
    })),
);

// ---- byte-level damage ----

function bytesOf(project: Record<string, string>, damage: (b: Buffer) => Buffer): FuzzCase {
  const files: Record<string, Uint8Array> = {};
  for (const [n, t] of Object.entries(project)) files[n] = damage(Buffer.from(t, 'utf8'));
  return { kind: 'bytes', files };
}

const damage: fc.Arbitrary<(b: Buffer) => Buffer> = fc.oneof(
  fc.constant((b: Buffer) =>
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString('utf8'), 'utf16le')]),
  ),
  fc.constant((b: Buffer) => Buffer.from(b.toString('utf8'), 'utf16le').swap16()),
  fc.constant((b: Buffer) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b])),
  fc.tuple(fc.nat(), fc.integer({ min: 0x80, max: 0xff })).map(([at, byte]) => (b: Buffer) => {
    const i = at % (b.length + 1);
    return Buffer.concat([b.subarray(0, i), Buffer.from([byte]), b.subarray(i)]);
  }),
  fc.constant((b: Buffer) => Buffer.from(b.toString('utf8').replace(/\n/g, '\r'))),
  fc.nat().map((at) => (b: Buffer) => b.subarray(0, at % (b.length + 1))),
);

export const damagedBytes: fc.Arbitrary<FuzzCase> = fc
  .tuple(fc.oneof(projectModel.map(render), fc.constantFrom(...REAL_PROJECTS.slice(0, 1))), damage)
  .map(([project, d]) => bytesOf(project, d));

// ---- coherent projects: valid by construction, hostile in content ----

/** Text every output can carry (KG009 aside), and as hostile as possible within that. */
const carriable = text.map((t) =>
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  t.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udfff]/g, ''),
);

/** Valid names that are still awkward: built-ins, other scripts, formula-like ids. */
const validTypeName = fc.oneof(
  { weight: 4, arbitrary: validName },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...BUILT_INS.filter((n) => /^[A-Za-z]/.test(n)), 'Entity', 'Source'),
  },
);
const validPropertyName = fc.oneof(
  { weight: 4, arbitrary: validProp },
  {
    weight: 1,
    arbitrary: fc.constantFrom('constructor', 'toString', 'größe', 'имя', 'नाम', 'a-b', 'x_1'),
  },
);
const validEntityId = fc.oneof(
  { weight: 4, arbitrary: validId },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'constructor',
      'toString',
      '-x',
      '.x',
      ':x',
      'a:b',
      '0',
      '1e5',
      'null',
      'true',
    ),
  },
);

const COHERENT_TYPES = [
  'string',
  'text',
  'number',
  'integer',
  'boolean',
  'date',
  'url',
  'enum',
  'ref',
];

function valueFor(
  type: string,
  list: boolean,
  enumValues: string[],
  ids: string[],
): fc.Arbitrary<Value> {
  const one: fc.Arbitrary<Scalar> = (() => {
    switch (type) {
      case 'string':
      case 'text':
        return sc(carriable);
      case 'number':
        return fc
          .double({ noNaN: true, noDefaultInfinity: true, min: -1e15, max: 1e15 })
          .map((d) => rawToken(String(d)));
      case 'integer':
        return fc.integer({ min: -1e9, max: 1e9 }).map((n) => rawToken(String(n)));
      case 'boolean':
        return fc.boolean().map((b) => rawToken(String(b)));
      case 'date':
        return fc
          .constantFrom('2025-08-18', '2025', '2025-08', '2025-08-18T15:00:00Z', '2025-08-18T15:00')
          .map(rawToken);
      case 'url':
        return fc.webUrl().map((t) => ({ text: t, style: 'double' as const }));
      case 'enum':
        return fc.constantFrom(...enumValues).map((t) => ({ text: t, style: 'double' as const }));
      default:
        return fc.constantFrom(...ids).map((t) => ({ text: t, style: 'double' as const }));
    }
  })();
  return list ? fc.array(one, { minLength: 1, maxLength: 3 }) : one;
}

interface PropPlan {
  name: string;
  type: string;
  list: boolean;
  values: string[];
}

const propPlan: fc.Arbitrary<PropPlan> = fc.record({
  name: validPropertyName,
  type: fc.constantFrom(...COHERENT_TYPES),
  list: fc.boolean(),
  values: fc.uniqueArray(
    carriable.filter((t) => t.trim() !== ''),
    { minLength: 1, maxLength: 3 },
  ),
});

const RESERVED_PROPS = new Set([
  'id',
  'type',
  'aliases',
  'source',
  'sources',
  'note',
  'label',
  'color',
  'size',
  'x',
  'y',
  'from',
  'to',
  'quote',
  'date',
  'start',
  'end',
  'confidence',
  'evidence',
  'evidence_count',
  'quotes',
  'near',
  'anchor',
  'kg_graph',
  'kg_type',
  'target',
  'directed',
]);

export const coherentModel: fc.Arbitrary<ProjectModel> = fc
  .record({
    entityTypes: fc.uniqueArray(validTypeName, { minLength: 1, maxLength: 3 }),
    relationTypes: fc.uniqueArray(validRelName, { minLength: 1, maxLength: 3 }),
    sources: fc.uniqueArray(validId, { minLength: 1, maxLength: 3 }),
    ids: fc.uniqueArray(validEntityId, { minLength: 2, maxLength: 10 }),
    entityProps: fc.uniqueArray(propPlan, { maxLength: 4, selector: (p) => p.name }),
    relationProps: fc.uniqueArray(propPlan, { maxLength: 3, selector: (p) => p.name }),
  })
  .filter(({ entityTypes, relationTypes }) => !entityTypes.some((t) => relationTypes.includes(t)))
  .chain(({ entityTypes, relationTypes, sources, ids, entityProps, relationProps }) => {
    const ep = entityProps.filter((p) => !RESERVED_PROPS.has(p.name));
    const rp = relationProps.filter((p) => !RESERVED_PROPS.has(p.name));
    const decl = (p: PropPlan, entity = false): PropertyDeclModel => ({
      name: { text: p.name, style: 'plain' },
      type: `${p.type}${p.list ? '[]' : ''}`,
      long: true,
      ...(p.type === 'enum'
        ? { values: p.values.map((v) => ({ text: v, style: 'double' as const })) }
        : {}),
      // Language v2: a reference property's values are also relations of this type.
      ...(entity && p.type === 'ref' && p.name.length % 2 === 0 && relationTypes[0] !== undefined
        ? { edge: { text: relationTypes[0], style: 'plain' as const } }
        : {}),
    });
    const types: TypeModel[] = entityTypes.map((t) => ({
      name: { text: t, style: 'plain' },
      properties: ep.map((p) => decl(p, true)),
    }));
    const rtypes: TypeModel[] = relationTypes.map((t, i) => ({
      name: { text: t, style: 'plain' },
      properties: rp.map((p) => decl(p)),
      symmetric: i % 2 === 1,
      event: i % 3 === 2,
    }));
    const props = (plans: PropPlan[]) =>
      fc
        .tuple(
          ...plans.map((p) =>
            fc
              .option(valueFor(p.type, p.list, p.values, ids), { nil: undefined })
              .map((v) =>
                v === undefined
                  ? undefined
                  : ([{ text: p.name, style: 'plain' }, v] as [Scalar, Value]),
              ),
          ),
        )
        .map((pairs) => pairs.filter((x): x is [Scalar, Value] => x !== undefined));
    const sourceRef = fc
      .constantFrom(...sources)
      .map((t) => ({ text: t, style: 'plain' as const }));
    const entity = (id: string) =>
      fc.record({
        id: fc.constant<Scalar>({ text: id, style: 'double' }),
        type: fc.constantFrom(...entityTypes).map((t) => ({ text: t, style: 'plain' as const })),
        aliases: fc.constant([] as Scalar[]),
        sources: fc.array(sourceRef, { maxLength: 2 }),
        note: sc(carriable),
        properties: props(ep),
        flow: fc.boolean(),
      });
    const endpoint = fc.constantFrom(...ids).map((t) => ({ text: t, style: 'double' as const }));
    const date = fc
      .constantFrom('2025-08-18', '2025', '2025-08-18T15:00:00+02:00', '2024-02-29')
      .map(rawToken);
    const confidence = fc.double({ min: 0, max: 1, noNaN: true }).map((d) => rawToken(String(d)));
    const evidence: fc.Arbitrary<EvidenceModel> = fc.record(
      { source: sourceRef, quote: sc(carriable), date, confidence, note: sc(carriable) },
      { requiredKeys: ['source'] },
    );
    const relation: fc.Arbitrary<RelationModel> = fc
      .record(
        {
          form: fc.constant('full' as const),
          from: endpoint,
          type: fc
            .constantFrom(...relationTypes)
            .map((t) => ({ text: t, style: 'plain' as const })),
          to: endpoint,
          sources: fc.array(sourceRef, { minLength: 1, maxLength: 2 }),
          quote: sc(carriable),
          date,
          confidence,
          note: sc(carriable),
          properties: props(rp),
          flow: fc.boolean(),
          // Language v2: several endpoints, and evidence lists in place of the flat fields.
          fromMore: fc.uniqueArray(endpoint, { maxLength: 2, selector: (e) => e.text }),
          toMore: fc.uniqueArray(endpoint, { maxLength: 2, selector: (e) => e.text }),
          evidence: fc.array(evidence, { maxLength: 3 }),
        },
        { requiredKeys: ['form', 'from', 'type', 'to', 'sources', 'properties'] },
      )
      .map((r): RelationModel => {
        const fromMore = r.fromMore?.filter((e) => e.text !== r.from.text);
        const toMore = r.toMore?.filter((e) => e.text !== r.to.text);
        const base = { ...r, fromMore, toMore };
        if (!r.evidence?.length) return { ...base, evidence: undefined };
        return { ...base, quote: undefined, date: undefined, confidence: undefined, sources: [] };
      });
    return fc.record({
      entityTypes: fc.constant(types),
      relationTypes: fc.constant(rtypes),
      sources: fc.tuple(
        ...sources.map((id) =>
          fc.record({
            id: fc.constant<Scalar>({ text: id, style: 'plain' }),
            title: sc(carriable),
            url: fc.webUrl().map((t) => ({ text: t, style: 'double' as const })),
          }),
        ),
      ),
      entities: fc.tuple(...ids.map(entity)),
      relations: fc.array(relation, { minLength: 1, maxLength: 10 }),
      project: fc.option(
        manifest(
          validId.map((t) => ({ text: t, style: 'plain' as const })),
          sc(carriable.filter((t) => t.trim() !== '')),
        ),
        { nil: undefined },
      ),
      defaults: fc.array(fc.option(defaultsOf(sourceRef, date), { nil: undefined }), {
        maxLength: 3,
      }),
      files: fc.integer({ min: 1, max: 3 }),
      split: fc.nat(5),
      crlf: fc.boolean(),
    });
  });

/** Every kind of hostile project, weighted towards ones that reach the exporters. */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  { weight: 8, arbitrary: coherentModel.map((m) => ({ kind: 'coherent', files: render(m) })) },
  { weight: 6, arbitrary: projectModel.map((m) => ({ kind: 'structured', files: render(m) })) },
  { weight: 4, arbitrary: mutatedProject },
  { weight: 2, arbitrary: randomYaml },
  { weight: 1, arbitrary: damagedBytes },
);
