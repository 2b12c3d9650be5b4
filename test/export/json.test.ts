import { MultiGraph } from 'graphology';
import { describe, expect, test } from 'vitest';
import { fileText } from '../../src/export/exporter.js';
import { json, stableStringify } from '../../src/export/json.js';
import type { KgGraph } from '../../src/types.js';
import { expectJsonRoundTrip } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { expectGolden } from '../helpers/golden.js';

function jsonText(graph: KgGraph): string {
  const [file] = json.files(graph);
  if (!file) throw new Error('no file');
  return fileText(file);
}

describe('JSON export', () => {
  test('matches the golden file', () => {
    expectGolden('fixture.json', jsonText(fixtureGraph()));
  });

  test('is deterministic', () => {
    expect(jsonText(fixtureGraph())).toBe(jsonText(fixtureGraph()));
  });

  test("is graphology's serialization: equals graph.export(), Graph.from()/import() read it back", () => {
    const graph = fixtureGraph();
    expectJsonRoundTrip(graph, jsonText(graph));
  });

  test('omits empty attributes like graph.export() and handles an empty graph', () => {
    const graph = new MultiGraph();
    expect(JSON.parse(jsonText(graph as KgGraph))).toEqual(graph.export());
    graph.addNode('bare');
    graph.addUndirectedEdgeWithKey('loop', 'bare', 'bare');
    expect(JSON.parse(jsonText(graph as KgGraph))).toEqual(graph.export());
  });

  test('writes nested values and integer-like keys sorted, like stableStringify', () => {
    const graph = new MultiGraph();
    graph.addNode('n', { b: 1, '10': 'x', '9': 'y', a: [2, 1] });
    graph.addNode('m', { z: { d: 1, c: [{ f: 1, e: 2 }] }, y: true });
    // Lists of flat records (evidence) take the native path with sorted copies; a record
    // holding a nested value or an integer-like key does not.
    graph.addNode('k', {
      ev: [
        { s: 'a', q: 'b', c: undefined },
        { d: 1, a: null },
      ],
    });
    graph.addNode('j', { ev: [{ s: 'a' }, { d: { x: 1 } }], ew: [{ '1': 'a', b: 2 }] });
    graph.addDirectedEdgeWithKey('e', 'n', 'm', { w: 'v', '2': null });
    const lines = jsonText(graph as KgGraph)
      .split('\n')
      .map((line) => line.replace(/,$/, ''));
    for (const { key, attributes } of graph.export().nodes) {
      expect(lines).toContain(stableStringify({ key, attributes }));
    }
    expect(lines).toContain(
      stableStringify({ key: 'e', source: 'n', target: 'm', attributes: { w: 'v', '2': null } }),
    );
    expect(JSON.parse(jsonText(graph as KgGraph))).toEqual(graph.export());
  });

  test('sorts object keys at every depth, keeping array order', () => {
    expect(stableStringify({ b: 1, a: { d: [3, 1], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,1]},"b":1}',
    );
  });

  test('stableStringify agrees with JSON.stringify on awkward values', () => {
    const value = {
      u: undefined,
      n: Number.NaN,
      i: -Infinity,
      z: -0,
      big: 1e21,
      tiny: 1e-7,
      s: 'q"\\\n\u2028🛡️',
      arr: [undefined, 1, 'x', null, () => 1],
      f: () => 1,
      d: new Date(0),
      nested: { y: [{ b: 2, a: 1 }], x: true },
    };
    expect(JSON.parse(stableStringify(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(stableStringify(value)).toBe(
      '{"arr":[null,1,"x",null,null],"big":1e+21,"d":"1970-01-01T00:00:00.000Z","i":null,"n":null,' +
        '"nested":{"x":true,"y":[{"a":1,"b":2}]},"s":' +
        JSON.stringify(value.s) +
        ',"tiny":1e-7,"z":0}',
    );
  });
});
