import { MultiGraph } from 'graphology';
import { describe, expect, test } from 'vitest';
import { parseHexColor } from '../../src/export/color.js';
import {
  discoverColumns,
  edgePropertyColumns,
  formatCell,
  gephiListText,
  graphColumns,
  jsonListText,
  jsonText,
  nodePropertyColumns,
  type Column,
} from '../../src/export/columns.js';
import { EXPORTERS, FORMATS, isFormat } from '../../src/export/registry.js';
import type { KgGraph, PropertySpec } from '../../src/types.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';

const spec = (type: PropertySpec['type'], list = false): PropertySpec => ({
  type,
  list,
  required: false,
});

describe('columns', () => {
  test('schema properties, sorted, typed, without core keys', () => {
    expect(nodePropertyColumns(fixtureGraph()).map((c) => `${c.key}:${c.kind}${c.list ? '[]' : ''}`)).toEqual([
      'born:date', 'country:string', 'gdp:double', 'name:string', 'nato:boolean', 'nicknames:string[]',
      'population:integer', 'role:string', 'scores:double[]', 'status:string', 'tags:string[]', 'website:url',
    ]); // prettier-ignore
    expect(edgePropertyColumns(fixtureGraph()).map((c) => c.key)).toEqual([
      'conditional',
      'place',
      'strength',
    ]);
  });

  test('conflicting declarations widen; undeclared keys are found on the graph', () => {
    const graph: KgGraph = new MultiGraph();
    const type = (properties: Record<string, PropertySpec>) => ({
      color: '#000',
      labelProperty: 'name',
      properties,
    });
    graph.replaceAttributes({
      name: 'g',
      sources: {},
      schema: {
        entities: {
          A: type({ n: spec('integer'), s: spec('boolean'), l: spec('string') }),
          B: type({ n: spec('number'), s: spec('date'), l: spec('string', true) }),
        },
        relations: {},
      },
    });
    const base = {
      label: 'x',
      type: 'A',
      color: '#000',
      size: 1,
      x: 0,
      y: 0,
      aliases: [],
      sources: [],
    };
    graph.addNode('x', { ...base, extra: 2, tags: ['a'] });
    expect(nodePropertyColumns(graph)).toEqual([
      { key: 'extra', kind: 'integer', list: false },
      { key: 'l', kind: 'string', list: true },
      { key: 'n', kind: 'double', list: false },
      { key: 's', kind: 'string', list: false },
      { key: 'tags', kind: 'string', list: true },
    ]);
  });

  test('core keys of no known kind are typed from their values; objects are json, last', () => {
    const rows: Record<string, unknown>[] = [
      { label: 'a', weights: [1, 2], tags: [], evidence: [{ source: 's' }], odd: 1, n: 1 },
      { label: 'b', weights: [2.5], tags: [], evidence: [], odd: { x: 1 }, n: 2, m: [true] },
    ];
    const columns = discoverColumns(['label', 'weights', 'tags', 'evidence', 'odd'], [], (visit) =>
      rows.forEach(visit),
    );
    expect(columns.core).toEqual([
      { key: 'label', kind: 'string', list: false },
      { key: 'weights', kind: 'double', list: true },
      { key: 'tags', kind: 'string', list: true },
      // Structured values (and a key mixing them with scalars) are JSON text, after the rest.
      { key: 'evidence', kind: 'json', list: false },
      { key: 'odd', kind: 'json', list: false },
    ]);
    expect(columns.properties).toEqual([
      { key: 'm', kind: 'boolean', list: true },
      { key: 'n', kind: 'integer', list: false },
    ]);
  });

  test('graph columns: scalars and lists, name first, objects left out', () => {
    const graph: KgGraph = new MultiGraph();
    graph.replaceAttributes({ name: 'g', sources: {}, schema: { entities: {}, relations: {} } });
    graph.mergeAttributes({ title: 'T', authors: ['A', 'B'] } as never);
    expect(graphColumns(graph)).toEqual([
      { key: 'name', kind: 'string', list: false },
      { key: 'authors', kind: 'string', list: true },
      { key: 'title', kind: 'string', list: false },
    ]);
  });

  test('list texts: Gephi notation for GEXF, strict JSON for GraphML', () => {
    const strings: Column = { key: 's', kind: 'string', list: true };
    const numbers: Column = { key: 'n', kind: 'double', list: true };
    const hostile = ['say "hi"', 'back\\slash', 'two\nlines', 'a, b'];
    expect(gephiListText(hostile, strings)).toBe(
      '["say \\"hi\\"", "back\\\\slash", "two\nlines", "a, b"]',
    );
    expect(JSON.parse(jsonListText(hostile, strings))).toEqual(hostile);
    expect(gephiListText([0.5, 2, Number.NaN], numbers)).toBe('[0.5, 2]');
    expect(jsonListText([0.5, 2], numbers)).toBe('[0.5,2]');
    // A column widened to string quotes its numbers.
    expect(jsonListText([1, 'x'], strings)).toBe('["1","x"]');
    expect(gephiListText([true], { key: 'b', kind: 'boolean', list: true })).toBe('[true]');
  });

  test('json texts: strict JSON on one line, control characters escaped', () => {
    const evidence = [
      { source: 's', quote: 'two\r\nlines, "quoted" | piped\u0007' },
      { date: '2025' },
    ];
    const text = jsonText(evidence) ?? '';
    expect(JSON.parse(text)).toEqual(evidence);
    // eslint-disable-next-line no-control-regex -- no raw control character may remain
    expect(text).not.toMatch(/[\u0000-\u001f]/);
    expect(jsonText(undefined)).toBeUndefined();
    expect(jsonText(null)).toBeUndefined();
  });

  test('cells: lists joined with |, booleans and numbers as text, non-finite numbers dropped', () => {
    expect(formatCell(['a', 'b|c', 3, true])).toBe('a|b|c|3|true');
    expect(formatCell(false)).toBe('false');
    expect(formatCell(1e-7)).toBe('1e-7');
    expect(formatCell(Number.NaN)).toBeUndefined();
    expect(formatCell(undefined)).toBeUndefined();
  });
});

describe('parseHexColor', () => {
  test('3, 6 and 8 digit hex', () => {
    expect(parseHexColor('#4e79a7')).toEqual({ r: 78, g: 121, b: 167 });
    expect(parseHexColor('#abc')).toEqual({ r: 170, g: 187, b: 204 });
    expect(parseHexColor('#11223380')).toEqual({ r: 17, g: 34, b: 51, a: 0.502 });
    expect(parseHexColor('red')).toBeUndefined();
  });
});

describe('export registry', () => {
  test('lists every format once and recognises only those', () => {
    // Other formats (Neo4j) join the registry later: check ours are there, each once.
    expect(FORMATS).toEqual(expect.arrayContaining(['gexf', 'graphml', 'json', 'csv']));
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    expect(isFormat('gexf')).toBe(true);
    expect(isFormat('toString')).toBe(false);
    expect(isFormat('xml')).toBe(false);
    for (const format of FORMATS)
      expect(EXPORTERS[format].files(fixtureGraph()).length).toBeGreaterThan(0);
  });
});
