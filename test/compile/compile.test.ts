import { describe, expect, it } from 'vitest';
import { deriveRelationId } from '../../src/compile/resolve-relations.js';
import { codes, compileTexts, SCHEMA } from '../helpers/project.js';

const ENTITIES = `entities:
  - id: trump
    type: Person
    name: Donald Trump
    aliases: [Trump, President Trump]
    role: President of the United States
    source: wh-talks
  - { id: zelensky, type: Person, name: Volodymyr Zelensky, source: wh-talks }
  - { id: macron, type: Person, name: Emmanuel Macron, nicknames: Manu }
  - { id: security-guarantees, type: Proposal, name: Security guarantees, status: proposed }
  - { id: immediate-ceasefire, type: Proposal, name: Immediate ceasefire }
  - { id: white-house, type: Place, name: White House }
`;

const RELATIONS = `relations:
  - trump MET zelensky:
      source: wh-talks
      date: 2025-08-18
      place: white-house
  - macron SUPPORTS security-guarantees:
      quote: "When we discuss security guarantees, we are addressing the overall security"
      source: wh-talks
      date: 2025-08-18
      confidence: 0.9
  - from: President Trump
    type: OPPOSES
    to: immediate-ceasefire
    quote: "I don’t believe a ceasefire is necessary"
    source: [wh-talks]
    start: 2025-08
    end: 2025-08-18T15:00:00Z
`;

describe('compile', () => {
  const result = compileTexts({
    'd/schema.yaml': SCHEMA,
    'd/e.yaml': ENTITIES,
    'd/r.yaml': RELATIONS,
  });
  const { graph } = result;

  it('compiles the issue example without diagnostics', () => {
    expect(result.diagnostics).toEqual([]);
    expect(graph.order).toBe(6);
    expect(graph.size).toBe(3);
  });

  it('stores entities as nodes keyed by id, with flat properties', () => {
    expect(graph.nodes()).toEqual([...graph.nodes()].sort());
    const trump = graph.getNodeAttributes('trump');
    expect(trump).toMatchObject({
      label: 'Donald Trump',
      type: 'Person',
      color: '#4e79a7',
      aliases: ['Trump', 'President Trump'],
      sources: ['wh-talks'],
      name: 'Donald Trump',
      role: 'President of the United States',
    });
    expect(Number.isFinite(trump.x) && Number.isFinite(trump.y)).toBe(true);
    // A single value for a list property becomes a one-item list.
    expect(graph.getNodeAttribute('macron', 'nicknames')).toEqual(['Manu']);
  });

  it('makes symmetric relations undirected and others directed', () => {
    const met = graph.findEdge((_e, a) => a.type === 'MET');
    const opposes = graph.findEdge((_e, a) => a.type === 'OPPOSES');
    expect(met && graph.isUndirected(met)).toBe(true);
    expect(opposes && graph.isDirected(opposes)).toBe(true);
    expect(opposes && graph.source(opposes)).toBe('trump'); // resolved from the alias
  });

  it('keeps provenance and properties on edges', () => {
    const edge = graph.findEdge((_e, a) => a.type === 'SUPPORTS');
    expect(edge && graph.getEdgeAttributes(edge)).toMatchObject({
      label: 'supports',
      sources: ['wh-talks'],
      date: '2025-08-18',
      confidence: 0.9,
    });
    const met = graph.findEdge((_e, a) => a.type === 'MET');
    expect(met && graph.getEdgeAttributes(met)).toMatchObject({
      label: 'met',
      place: 'white-house',
    });
    const opp = graph.findEdge((_e, a) => a.type === 'OPPOSES');
    expect(opp && graph.getEdgeAttributes(opp)).toMatchObject({
      start: '2025-08',
      end: '2025-08-18T15:00:00Z',
    });
  });

  it('puts the sources table and the schema on the graph', () => {
    expect(graph.getAttribute('name')).toBe('test');
    expect(graph.getAttribute('sources')['wh-talks']).toMatchObject({ published: '2025-08-18' });
    const schema = graph.getAttribute('schema');
    expect(Object.keys(schema.entities)).toEqual(['Person', 'Place', 'Proposal']);
    const colors = Object.values(schema.entities).map((t) => t.color);
    expect(new Set(colors).size).toBe(colors.length); // palette skips the explicit colour
    expect(schema.relations.MET?.symmetric).toBe(true);
  });

  it('sizes nodes by degree', () => {
    expect(graph.getNodeAttribute('trump', 'size')).toBeGreaterThan(
      graph.getNodeAttribute('white-house', 'size'),
    );
  });

  it('is deterministic, layout included', () => {
    const files = { 'd/schema.yaml': SCHEMA, 'd/e.yaml': ENTITIES, 'd/r.yaml': RELATIONS };
    const a = JSON.stringify(compileTexts(files, 'full').graph.export());
    const b = JSON.stringify(compileTexts(files, 'full').graph.export());
    expect(a).toBe(b);
  });
});

describe('merging and ids', () => {
  it('merges an entity declared in two files (aliases and sources united)', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/a.yaml': `entities:\n  - { id: a, type: Person, name: A, aliases: [Ay], source: wh-talks }\n  - { id: b, type: Person, name: B }\nrelations:\n  - a MET b: { source: wh-talks }\n`,
      'd/b.yaml': `sources:\n  - { id: other, title: Other }\nentities:\n  - { id: a, type: Person, aliases: [Ah, Ay], role: Host, source: other }\n`,
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.graph.getNodeAttributes('a')).toMatchObject({
      aliases: ['Ay', 'Ah'],
      sources: ['wh-talks', 'other'],
      role: 'Host',
    });
  });

  it('reports conflicting values in both places', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/a.yaml': `entities:\n  - { id: a, type: Person, name: A }\n`,
      'd/b.yaml': `entities:\n  - { id: a, type: Person, name: Other }\n`,
    });
    const d = r.diagnostics.find((x) => x.code === 'KG112');
    expect(d).toMatchObject({ file: 'd/b.yaml', line: 2 });
    expect(d?.related?.[0]).toMatchObject({ file: 'd/a.yaml', line: 2 });
  });

  it('derives stable relation ids from type, endpoints, properties (and time for events)', () => {
    const base = {
      type: 'MET',
      from: 'a',
      to: 'b',
      symmetric: true,
      event: false,
      evidence: [{ source: 's' }],
      properties: {},
    };
    const id = deriveRelationId(base);
    expect(id).toMatch(/^a:MET:b:[0-9a-f]{8}$/);
    expect(deriveRelationId({ ...base, from: 'b', to: 'a' })).toBe(id);
    // Evidence and notes never change a relation's id.
    const more = [{ source: 't', quote: 'q', date: '2025' }];
    expect(deriveRelationId({ ...base, note: 'edited', evidence: more })).toBe(id);
    expect(deriveRelationId({ ...base, properties: { place: 'x' } })).not.toBe(id);
    expect(deriveRelationId({ ...base, symmetric: false, from: 'b', to: 'a' })).not.toBe(id);
    // For event types the time is part of the fact.
    const event = { ...base, event: true };
    expect(deriveRelationId({ ...event, evidence: more })).not.toBe(deriveRelationId(event));
    expect(deriveRelationId({ ...event, evidence: [{ date: '2025' }] })).toBe(
      deriveRelationId({ ...event, evidence: more }),
    );
  });

  it('keeps explicit relation ids', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/a.yaml': `entities:\n  - { id: a, type: Person, name: A }\n  - { id: b, type: Person, name: B }\nrelations:\n  - { id: first-meeting, from: a, type: MET, to: b, source: wh-talks }\n`,
    });
    expect(r.graph.edges()).toEqual(['first-meeting']);
  });
});

describe('diagnostics', () => {
  it('reports every problem of a file in one run', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/bad.yaml': `entities:
  - { id: a, type: Persn, name: A }
  - { id: b, type: Person, name: B, born: 2025-13-01 }
  - { id: c, type: Proposal, name: C, status: maybe }
relations:
  - a MEETS b
  - b SUPPORTS nobody: { source: wh-talks }
  - b OPPOSES c: { source: nowhere }
`,
    });
    expect(codes(r)).toEqual(['KG101', 'KG106', 'KG107', 'KG102', 'KG108', 'KG111']);
  });

  it('reserves the edge columns exports derive (symmetric, directed, target) as relation properties', () => {
    const schema = (prop: string): string =>
      `schema:\n  entities:\n    P: { properties: { name: string } }\n` +
      `  relations:\n    MET: { from: P, to: P, properties: { ${prop}: boolean } }\n`;
    for (const prop of ['symmetric', 'directed', 'target'])
      expect(codes(compileTexts({ 'd/schema.yaml': schema(prop) })), prop).toEqual(['KG022']);
    expect(codes(compileTexts({ 'd/schema.yaml': schema('mutual') }))).toEqual([]);
  });

  it('accepts dates as years, months, days and date-times, and rejects impossible ones', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/a.yaml': `entities:
  - { id: a, type: Person, name: A, born: 1946 }
  - { id: b, type: Person, name: B, born: 1978-01 }
  - { id: c, type: Person, name: C, born: "2024-02-29" }
  - { id: d, type: Person, name: D, born: 2023-02-29 }
relations:
  - { from: a, type: MET, to: b, source: wh-talks, date: "2025-08-18 10:30" }
  - { from: c, type: MET, to: d, source: wh-talks }
`,
    });
    expect(codes(r)).toEqual(['KG106']);
    expect(r.graph.getNodeAttribute('a', 'born')).toBe('1946');
    expect(r.graph.getNodeAttribute('b', 'born')).toBe('1978-01');
    expect(r.graph.getNodeAttribute('c', 'born')).toBe('2024-02-29');
    expect(r.graph.findEdge((_e, a) => a.date === '2025-08-18T10:30')).toBeDefined();
  });

  it('keeps reading a file after a syntax error, so references into it do not cascade', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/people.yaml': `entities:
  - { id: a, type: Person, name: A }
  - id: b
    type: Person
   name: B
  - { id: c, type: Person, name: C }
`,
      'd/rel.yaml': `relations:\n  - a MET c: { source: wh-talks }\n  - c MET a: { source: wh-talks, date: 2025 }\n`,
    });
    // The mis-indented name is read where it was meant to be (b keeps it, no KG103), and
    // a and c survive, so the relations resolve.
    expect(codes(r)).toEqual(['KG201', 'KG001']);
    expect(r.diagnostics[1]).toMatchObject({ file: 'd/people.yaml', line: 5, column: 4 });
    expect(r.graph.getNodeAttribute('b', 'name')).toBe('B');
  });

  it('refuses a relation shorthand with properties not indented under it', () => {
    const r = compileTexts({
      'd/schema.yaml': SCHEMA,
      'd/a.yaml': `entities:\n  - { id: a, type: Person, name: A }\n  - { id: b, type: Person, name: B }\nrelations:\n  - a MET b:\n    source: wh-talks\n`,
    });
    expect(codes(r)).toContain('KG114');
  });
});
