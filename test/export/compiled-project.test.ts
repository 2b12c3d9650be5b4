// Every file format on a graph produced by the real compiler (test/fixtures/export-project):
// golden files, schema validation and parse-back.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { csv } from '../../src/export/csv.js';
import { gexf } from '../../src/export/gexf.js';
import { graphml } from '../../src/export/graphml.js';
import { json } from '../../src/export/json.js';
import type { KgGraph } from '../../src/types.js';
import {
  exportFiles,
  exportText,
  expectCsvRoundTrip,
  expectGexfRoundTrip,
  expectGraphmlRoundTrip,
  expectJsonRoundTrip,
  expectValidGexf,
} from '../helpers/export-checks.js';
import { expectGolden } from '../helpers/golden.js';
import { HAS_XMLLINT, requireXmllint } from '../helpers/xmllint.js';

const PROJECT = path.resolve(import.meta.dirname, '../fixtures/export-project');

let graph: KgGraph;
beforeAll(async () => {
  const result = await compile(PROJECT);
  expect(result.diagnostics).toEqual([]);
  graph = result.graph;
});

describe('exports of a compiled project', () => {
  test('the compiled graph has what the exports must carry', () => {
    expect(graph.getAttribute('name')).toBe('export-project');
    expect(graph.getAttribute('authors')).toEqual(['Jane Doe', 'Ивана Петрова']);
    expect(graph.edges().some((e) => graph.isUndirected(e))).toBe(true);
    expect(graph.edges().some((e) => graph.getEdgeAttribute(e, 'date') === '2025-02')).toBe(true);
    // Evidence lists: a fact stated twice, with four items from two sources.
    const counts = graph.mapEdges((_e, a) => a.evidence_count);
    expect(Math.max(...counts)).toBe(4);
    // A reference edge merged with the relation that states it again.
    const leads = graph.filterEdges((_e, a) => a.type === 'LEADS');
    expect(leads.map((e) => graph.getEdgeAttribute(e, 'sources'))).toEqual([
      ['talks', 'memo'],
      ['talks'],
    ]);
    // Quotes citing 'talks' (which has a text) are anchored on their evidence item; 'memo''s
    // are not (it has none): the JSON golden carries the anchors.
    const items = graph.mapEdges((_e, a) => a.evidence).flat();
    const quoted = items.filter((e) => e.quote !== undefined);
    expect(quoted.filter((e) => e.source === 'talks').every((e) => e.anchor)).toBe(true);
    expect(quoted.filter((e) => e.source === 'memo').some((e) => e.anchor)).toBe(false);
    expect(quoted.filter((e) => e.anchor)).toHaveLength(4);
  });

  test('GEXF: golden, valid, round-trips', () => {
    const text = exportText(gexf, graph);
    expectGolden('export-project/graph.gexf', text);
    expect(text).toContain('mode="dynamic" timeformat="date"');
    expectGexfRoundTrip(graph, text);
  });

  requireXmllint();
  test.skipIf(!HAS_XMLLINT)('GEXF validates against the 1.3 RelaxNG', () => {
    expectValidGexf(exportText(gexf, graph));
  });

  test('GraphML: golden, parses back', () => {
    const text = exportText(graphml, graph);
    expectGolden('export-project/graph.graphml', text);
    expectGraphmlRoundTrip(graph, text);
  });

  test('JSON: golden, graphology reads it back', () => {
    const text = exportText(json, graph);
    expectGolden('export-project/graph.json', text);
    expectJsonRoundTrip(graph, text);
  });

  test('CSV: golden, parses back', () => {
    const files = exportFiles(csv, graph);
    expectGolden('export-project/nodes.csv', files['nodes.csv'] ?? '');
    expectGolden('export-project/edges.csv', files['edges.csv'] ?? '');
    expectCsvRoundTrip(graph, files);
  });

  test('compiling twice gives byte-identical exports', async () => {
    const again = (await compile(PROJECT)).graph;
    for (const exporter of [gexf, graphml, json, csv])
      expect(exportFiles(exporter, again)).toEqual(exportFiles(exporter, graph));
  });
});

describe('exports of the repository data (data/)', () => {
  let data: KgGraph;
  beforeAll(async () => {
    const result = await compile(path.resolve(import.meta.dirname, '../../data'));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    data = result.graph;
  });

  test.skipIf(!HAS_XMLLINT)('GEXF validates against the 1.3 RelaxNG', () => {
    expectValidGexf(exportText(gexf, data));
    expectValidGexf(exportText(gexf, data, { mixed: true }));
  });

  test('every format parses back', () => {
    expectGexfRoundTrip(data, exportText(gexf, data));
    expectGexfRoundTrip(data, exportText(gexf, data, { mixed: true }), true);
    expectGraphmlRoundTrip(data, exportText(graphml, data));
    expectGraphmlRoundTrip(data, exportText(graphml, data, { mixed: true }), true);
    expectJsonRoundTrip(data, exportText(json, data));
    expectCsvRoundTrip(data, exportFiles(csv, data));
  });
});
