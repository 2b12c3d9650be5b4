import { MultiGraph } from 'graphology';
import { describe, expect, test } from 'vitest';
import { fileText } from '../../src/export/exporter.js';
import { gexf } from '../../src/export/gexf.js';
import type { KgGraph } from '../../src/types.js';
import { GEXF_RNG, expectGexfRoundTrip, expectValidGexf } from '../helpers/export-checks.js';
import { factAttrs, fixtureGraph } from '../helpers/fixture-graph.js';

const NO_EVIDENCE = factAttrs();
import { expectGolden } from '../helpers/golden.js';
import { HAS_XMLLINT, requireXmllint, xmllint } from '../helpers/xmllint.js';

function gexfText(graph: KgGraph, mixed = false): string {
  const [file] = gexf.files(graph, { mixed });
  if (!file) throw new Error('no file');
  return fileText(file);
}

function tinyGraph(): KgGraph {
  const graph: KgGraph = new MultiGraph();
  graph.replaceAttributes({ name: 't', sources: {}, schema: { entities: {}, relations: {} } });
  const node = { type: 'T', color: '#abc', size: 1, x: 0, y: 0, aliases: [], sources: [] };
  graph.addNode('a', { ...node, label: 'A' });
  graph.addNode('b', { ...node, label: 'B' });
  return graph;
}

describe('GEXF export', () => {
  test('matches the golden files (portable and mixed)', () => {
    expectGolden('fixture.gexf', gexfText(fixtureGraph()));
    expectGolden('fixture-mixed.gexf', gexfText(fixtureGraph(), true));
  });

  test('is deterministic', () => {
    expect(gexfText(fixtureGraph())).toBe(gexfText(fixtureGraph()));
  });

  /** The XML of one edge element. */
  const edgeXml = (text: string, id: string): string =>
    new RegExp(`<edge id="${id}"[\\s\\S]*?</edge>`).exec(text)?.[0] ?? '';

  test('portable by default: one edge type, typed attributes, spells, the type and symmetric flag', () => {
    const text = gexfText(fixtureGraph());
    expect(text).toContain('<graph defaultedgetype="directed" mode="dynamic" timeformat="date">');
    expect(text).not.toMatch(/\stype="(un)?directed"/);
    expect(text).toContain('<attribute id="population" title="population" type="long"/>');
    expect(text).toContain('<attribute id="gdp" title="gdp" type="double"/>');
    expect(text).toContain('<attribute id="nato" title="nato" type="boolean"/>');
    expect(text).toContain('<attribute id="website" title="website" type="string"/>');
    // networkx has no reader for typed lists: every list is a liststring, numbers written bare.
    expect(text).toContain('<attribute id="scores" title="scores" type="liststring"/>');
    expect(text).toContain('<attvalue for="scores" value="[0.5, 2]"/>');
    expect(text).toContain('<attribute id="aliases" title="aliases" type="liststring"/>');
    expect(text).toContain('<attribute id="type" title="type" type="string"/>');
    expect(text).toContain('<attribute id="symmetric" title="symmetric" type="boolean"/>');
    expect(edgeXml(text, 'met-1')).toContain('<attvalue for="symmetric" value="true"/>');
    expect(edgeXml(text, 'met-1')).toContain('<attvalue for="type" value="MET"/>');
    expect(edgeXml(text, 'called-1')).toContain('<attvalue for="symmetric" value="false"/>');
    // Partial dates span their whole period; start/end win over date; open ends stay open. The
    // time is a <spell>: start/end attributes would overwrite the relation's own in networkx.
    expect(edgeXml(text, 'met-2')).toContain('<spell start="2025-02-01" end="2025-02-28"/>');
    expect(edgeXml(text, 'called-1')).toContain('<spell start="2025-01-01" end="2025-12-31"/>');
    expect(edgeXml(text, 'supports-1')).toContain('<spell start="2025-08-01" end="2026-12-31"/>');
    expect(edgeXml(text, 'supports-2')).toContain('<spell start="2024-02-24"/>');
    expect(edgeXml(text, 'supports-2')).toContain('<attvalue for="start" value="2024-02-24"/>');
    expect(edgeXml(text, 'opposes-1')).not.toContain('<spell');
    expect(text).toMatch(/<edge id="opposes-1"[^>]*kind="OPPOSES">/);
    expect(text).not.toContain('<img');
  });

  test('mixed: symmetric relations undirected, typed lists, no default edge type', () => {
    const text = gexfText(fixtureGraph(), true);
    expect(text).toContain('<graph mode="dynamic" timeformat="date">');
    expect(text).toMatch(/<edge id="met-1" [^>]*type="undirected"/);
    expect(text).toMatch(/<edge id="called-1" [^>]*type="directed"/);
    expect(text).toContain('<attribute id="scores" title="scores" type="listdouble"/>');
    expect(text).toContain('<attribute id="nicknames" title="nicknames" type="liststring"/>');
    expect(edgeXml(text, 'met-2')).toContain('<spell start="2025-02-01" end="2025-02-28"/>');
  });

  test('a graph without dates is static', () => {
    const graph = tinyGraph();
    graph.addDirectedEdgeWithKey('e', 'a', 'b', {
      type: 'R',
      label: 'r',
      color: '#000',
      size: 1,
      ...NO_EVIDENCE,
    });
    expect(gexfText(graph)).toContain('<graph defaultedgetype="directed" mode="static">');
    expect(gexfText(graph, true)).toContain('<graph mode="static">');
  });

  test('date-times make every bound a dateTime (timeformat dateTime only in the mixed form)', () => {
    const graph = tinyGraph();
    const base = { type: 'R', label: 'r', color: '#000', size: 1, ...NO_EVIDENCE };
    graph.addDirectedEdgeWithKey('e1', 'a', 'b', { ...base, date: '2025-08-18T14:30+02:00' });
    graph.addDirectedEdgeWithKey('e2', 'a', 'b', { ...base, date: '2025-08' });
    for (const mixed of [false, true]) {
      const text = gexfText(graph, mixed);
      // networkx cannot read timeformat="dateTime"; Gephi reads date-times under "date" too.
      expect(text).toContain(`timeformat="${mixed ? 'dateTime' : 'date'}"`);
      expect(text).toContain('start="2025-08-18T14:30:00+02:00" end="2025-08-18T14:30:00+02:00"');
      expect(text).toContain('start="2025-08-01T00:00:00" end="2025-08-31T23:59:59"');
    }
  });

  describe('validates against the GEXF 1.3 RelaxNG', () => {
    requireXmllint();
    const validate = expectValidGexf;

    test.skipIf(!HAS_XMLLINT)('the fixture, portable and mixed', () => {
      validate(gexfText(fixtureGraph()));
      validate(gexfText(fixtureGraph(), true));
    });

    test.skipIf(!HAS_XMLLINT)(
      'a graph with control characters, lone surrogates and date-times',
      () => {
        const graph = tinyGraph();
        graph.mergeNodeAttributes('a', {
          label: 'bell\u0007 nul\u0000 lone\uD800',
          note: '\u001b[31m',
        });
        graph.addUndirectedEdgeWithKey('e<&>"', 'a', 'b', {
          type: 'R',
          label: 'r\u000b',
          color: '#11223380',
          size: 0,
          ...factAttrs({ source: 's"1', date: '2025-08-18T14:30:00Z' }),
        });
        validate(gexfText(graph));
        validate(gexfText(graph, true));
      },
    );

    test.skipIf(!HAS_XMLLINT)('an empty graph', () => {
      const graph: KgGraph = new MultiGraph();
      graph.replaceAttributes({ name: '', sources: {}, schema: { entities: {}, relations: {} } });
      validate(gexfText(graph));
    });

    test.skipIf(!HAS_XMLLINT)('and the validator does reject a broken document', () => {
      const broken = gexfText(fixtureGraph()).replace('type="long"', 'type="int64"');
      expect(xmllint(broken, ['--relaxng', GEXF_RNG]).ok).toBe(false);
    });
  });

  test('round-trips through graphology-gexf with the same nodes, edges and attributes', () => {
    const graph = fixtureGraph();
    expectGexfRoundTrip(graph, gexfText(graph));
    expectGexfRoundTrip(graph, gexfText(graph, true), true);
  });

  test('streams in many chunks rather than one string', () => {
    const [file] = gexf.files(fixtureGraph());
    const chunks = [...(file?.chunks() ?? [])];
    expect(chunks.length).toBeGreaterThan(fixtureGraph().order + fixtureGraph().size);
  });
});
