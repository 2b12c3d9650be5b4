import { describe, expect, test } from 'vitest';
import { fileText } from '../../src/export/exporter.js';
import { graphml } from '../../src/export/graphml.js';
import type { KgGraph } from '../../src/types.js';
import { expectGraphmlRoundTrip } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { expectGolden } from '../helpers/golden.js';
import { HAS_XMLLINT, requireXmllint, xmllint } from '../helpers/xmllint.js';

function graphmlText(graph: KgGraph, mixed = false): string {
  const [file] = graphml.files(graph, { mixed });
  if (!file) throw new Error('no file');
  return fileText(file);
}

describe('GraphML export', () => {
  test('matches the golden files (portable and mixed)', () => {
    expectGolden('fixture.graphml', graphmlText(fixtureGraph()));
    expectGolden('fixture-mixed.graphml', graphmlText(fixtureGraph(), true));
  });

  test('is deterministic', () => {
    expect(graphmlText(fixtureGraph())).toBe(graphmlText(fixtureGraph()));
  });

  test('declares typed keys; portable: a directed graph with the symmetric flag', () => {
    const text = graphmlText(fixtureGraph());
    expect(text).toContain('<graph id="G" edgedefault="directed">');
    expect(text).not.toContain('directed="');
    expect(text).toMatch(/<key id="d\d+" for="edge" attr.name="symmetric" attr.type="boolean"\/>/);
    expect(text).toMatch(/<key id="d\d+" for="node" attr.name="scores" attr.type="string"\/>/);
    expect(text).toMatch(/<data key="d\d+">\[0\.5,2\]<\/data>/);
    expect(text).toMatch(
      /<data key="d\d+">\["The \\"Don\\"","a, b \| c","back\\\\slash"\]<\/data>/,
    );
  });

  test('mixed: undirected edges for symmetric relations, direction stated on every edge', () => {
    const text = graphmlText(fixtureGraph(), true);
    expect(text).toContain('<graph id="G" edgedefault="undirected">');
    expect(text).toMatch(/<key id="d\d+" for="node" attr.name="population" attr.type="long"\/>/);
    expect(text).toMatch(/<key id="d\d+" for="node" attr.name="gdp" attr.type="double"\/>/);
    expect(text).toMatch(/<key id="d\d+" for="node" attr.name="nato" attr.type="boolean"\/>/);
    expect(text).toMatch(/<key id="d\d+" for="edge" attr.name="confidence" attr.type="double"\/>/);
    expect(text).toMatch(/<edge id="met-1" [^>]*directed="false"/);
    expect(text).toMatch(/<edge id="called-1" [^>]*directed="true"/);
    expect(text).not.toContain('<img');
  });

  requireXmllint();
  test.skipIf(!HAS_XMLLINT)('is well-formed XML, even with hostile characters', () => {
    const graph = fixtureGraph();
    graph.mergeNodeAttributes('trump', { note: 'esc\u001b nul\u0000 ]]> lone\uDC00' });
    const result = xmllint(graphmlText(graph));
    expect(result.output).toBe('');
    expect(result.ok).toBe(true);
  });

  test('parses back with graphology-graphml to the same nodes, edges and attributes', () => {
    const graph = fixtureGraph();
    expectGraphmlRoundTrip(graph, graphmlText(graph));
    expectGraphmlRoundTrip(graph, graphmlText(graph, true), true);
  });
});
