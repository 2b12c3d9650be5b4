// The GEXF and GraphML exports imported by Gephi itself (gephi-toolkit): every node and edge
// kept, typed columns recognised, edge time intervals as documented in docs/exports.md, in the
// portable form (the default) and the mixed form (--mixed).
import { beforeAll, describe, expect, test } from 'vitest';
import { gexf } from '../../src/export/gexf.js';
import { graphml } from '../../src/export/graphml.js';
import { edgeSpell } from '../../src/export/time.js';
import type { KgGraph } from '../../src/types.js';
import { exportText } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  HAS_GEPHI_TOOLS,
  buildGephiCheck,
  gephiImport,
  requireGephiTools,
} from '../helpers/gephi.js';
import { expectGephiRead } from '../helpers/read-back.js';
import { readBackGraphs, type NamedGraph } from '../helpers/read-back-graphs.js';

const day = (iso: string): string => `${Date.parse(`${iso}T00:00:00Z`)}.0`;

/**
 * Gephi's interval set for an edge of `graph` with no merging: the fact's time (its `date`, or
 * the `start`…`end` envelope of its evidence) as the spell kg writes, each bound a day.
 */
function expectedTimeset(graph: KgGraph, edge: string): string {
  const spell = edgeSpell(graph.getEdgeAttributes(edge));
  if (!spell) return 'null';
  const bound = (time: { value: string } | undefined, open: string): string =>
    time === undefined ? open : day(time.value);
  return `<[${bound(spell.start, '-Infinity')}, ${bound(spell.end, 'Infinity')}]>`;
}

/**
 * Gephi merges parallel edges of the same kind and direction on import (its default merge
 * strategy; the import dialog offers "don't merge"): count what should survive.
 */
function mergedEdgeCount(graph: KgGraph, mixed: boolean): number {
  const groups = new Set<string>();
  graph.forEachEdge((_e, a, s, t, _sa, _ta, undirected) => {
    const ends = mixed && undirected ? [s, t].sort().join('\u0000') : `${s}\u0000${t}`;
    groups.add(`${ends}\u0000${a.type}\u0000${mixed && undirected}`);
  });
  return groups.size;
}

/** Gephi's default import (merging parallel edges): no warning, every edge kind kept. */
function expectCleanImport(graph: KgGraph, mixed: boolean): ReturnType<typeof gephiImport> {
  const result = gephiImport(exportText(gexf, graph, { mixed }));
  expect(result.issues.filter((i) => i.level !== 'INFO')).toEqual([]);
  expect(result.nodes).toBe(graph.order);
  expect(result.edges).toBe(mergedEdgeCount(graph, mixed));
  for (const edge of result.edgeList) {
    expect(edge.directed, edge.id).toBe(!mixed || graph.isDirected(edge.id));
    expect(edge.kind, edge.id).toBe(graph.getEdgeAttribute(edge.id, 'type'));
  }
  return result;
}

describe.skipIf(!HAS_GEPHI_TOOLS)('Gephi imports the GEXF and GraphML exports', () => {
  let graphs: NamedGraph[] = [];
  beforeAll(async () => {
    buildGephiCheck();
    graphs = await readBackGraphs();
  }, 600_000);

  test('the fixture, portable: columns typed, every edge directed, intervals from dates', () => {
    const result = expectCleanImport(fixtureGraph(), false);
    expect(result.timeFormat).toBe('DATE');
    expect(result.nodeColumns).toMatchObject({
      type: 'String',
      aliases: 'String[]',
      population: 'Long',
      gdp: 'Double',
      nato: 'Boolean',
      scores: 'String[]',
      website: 'String',
    });
    expect(result.edgeColumns).toMatchObject({
      type: 'String',
      symmetric: 'Boolean',
      confidence: 'Double',
      strength: 'Long',
      sources: 'String[]',
    });
    const time = Object.fromEntries(result.edgeList.map((e) => [e.id, e.time]));
    expect(time['called-1']).toBe(`<[${day('2025-01-01')}, ${day('2025-12-31')}]>`);
    expect(time['supports-1']).toBe(`<[${day('2025-08-01')}, ${day('2026-12-31')}]>`);
    expect(time['supports-2']).toBe(`<[${day('2024-02-24')}, Infinity]>`);
    expect(time['opposes-1']).toBe('null');
    // The two MET edges run in opposite directions here, so Gephi keeps both.
    expect(time['met-1']).toBe(`<[${day('2025-08-18')}, ${day('2025-08-18')}]>`);
    expect(time['met-2']).toBe(`<[${day('2025-02-01')}, ${day('2025-02-28')}]>`);
  });

  test('the fixture, mixed: symmetric relations undirected, typed numeric lists', () => {
    const result = expectCleanImport(fixtureGraph(), true);
    expect(result.nodeColumns).toMatchObject({ scores: 'double[]', aliases: 'String[]' });
    // The two MET edges (parallel, same kind, undirected) merge; each keeps its own interval.
    const time = Object.fromEntries(result.edgeList.map((e) => [e.id, e.time]));
    expect(time['met-1']).toBe(
      `<[${day('2025-02-01')}, ${day('2025-02-28')}]; [${day('2025-08-18')}, ${day('2025-08-18')}]>`,
    );
  });

  test('date-times keep their time of day under the portable timeformat="date"', () => {
    const graph = fixtureGraph();
    graph.setEdgeAttribute('called-1', 'date', '2025-08-18T14:30:00Z');
    const result = expectCleanImport(graph, false);
    const called = result.edgeList.find((e) => e.id === 'called-1');
    const at = `${Date.parse('2025-08-18T14:30:00Z')}.0`;
    expect(called?.time).toBe(`<[${at}, ${at}]>`);
  });

  // Not GraphML --mixed: without edge kinds, Gephi keeps one edge per pair and direction type,
  // so a directed relation beside a symmetric one between the same two nodes is lost (as
  // docs/exports.md says; the GEXF --mixed form keeps it).
  const combinations = [
    ['gexf', false],
    ['gexf', true],
    ['graphml', false],
  ] as const;
  for (const [format, mixed] of combinations) {
    test(`${format}${mixed ? ' --mixed' : ''}: every node and edge of each graph, typed`, () => {
      const exporter = format === 'gexf' ? gexf : graphml;
      for (const { name, graph } of graphs) {
        const result = gephiImport(exportText(exporter, graph, { mixed }), {
          format,
          exact: true,
        });
        expect(result.nodes, name).toBe(graph.order);
        expectGephiRead(graph, result, format, mixed);
        if (format !== 'gexf') continue;
        // The timeline: every edge's interval is the fact's time, for data/ the v2 envelope of
        // its evidence (a fact reported on several days spans them).
        expect(result.timeFormat, name).toBe('DATE');
        const times = result.edgeList.map((e) => [e.id, e.time]);
        expect(times, name).toEqual(
          result.edgeList.map((e) => [e.id, expectedTimeset(graph, e.id)]),
        );
        if (name === 'data/') {
          expect(times.filter(([, t]) => t !== 'null').length, name).toBeGreaterThan(0);
        }
      }
    }, 600_000);
  }
});

requireGephiTools();
