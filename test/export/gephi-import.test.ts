// The GEXF export imported by Gephi itself (gephi-toolkit): every edge kept (mixed graph),
// typed columns recognised, edge time intervals as documented in docs/exports.md.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { gexf } from '../../src/export/gexf.js';
import type { KgGraph } from '../../src/types.js';
import { exportText } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  HAS_GEPHI_TOOLS,
  buildGephiCheck,
  gephiImport,
  requireGephiTools,
} from '../helpers/gephi.js';

const day = (iso: string): string => `${Date.parse(`${iso}T00:00:00Z`)}.0`;

/**
 * Gephi merges parallel edges of the same kind and direction on import (its default merge
 * strategy; the import dialog offers "don't merge"): count what should survive.
 */
function mergedEdgeCount(graph: KgGraph): number {
  const groups = new Set<string>();
  graph.forEachEdge((_e, a, s, t, _sa, _ta, undirected) => {
    const ends = undirected ? [s, t].sort().join('\u0000') : `${s}\u0000${t}`;
    groups.add(`${ends}\u0000${a.type}\u0000${undirected}`);
  });
  return groups.size;
}

function expectCleanImport(graph: KgGraph): ReturnType<typeof gephiImport> {
  const result = gephiImport(exportText(gexf, graph));
  expect(result.issues.filter((i) => i.level !== 'INFO')).toEqual([]);
  expect(result.nodes).toBe(graph.order);
  expect(result.edges).toBe(mergedEdgeCount(graph));
  for (const edge of result.edgeList) {
    expect(edge.directed, edge.id).toBe(graph.isDirected(edge.id));
    expect(edge.kind, edge.id).toBe(graph.getEdgeAttribute(edge.id, 'type'));
  }
  return result;
}

describe.skipIf(!HAS_GEPHI_TOOLS)('Gephi imports the GEXF export', () => {
  beforeAll(() => buildGephiCheck(), 600_000);

  test('the fixture: columns typed, intervals from dates', () => {
    const result = expectCleanImport(fixtureGraph());
    expect(result.timeFormat).toBe('DATE');
    expect(result.nodeColumns).toMatchObject({
      type: 'String',
      aliases: 'String[]',
      population: 'Long',
      gdp: 'Double',
      nato: 'Boolean',
      scores: 'double[]',
      website: 'String',
    });
    expect(result.edgeColumns).toMatchObject({
      confidence: 'Double',
      strength: 'Long',
      sources: 'String[]',
    });
    const time = Object.fromEntries(result.edgeList.map((e) => [e.id, e.time]));
    expect(time['called-1']).toBe(`<[${day('2025-01-01')}, ${day('2025-12-31')}]>`);
    expect(time['supports-1']).toBe(`<[${day('2025-08-01')}, ${day('2026-12-31')}]>`);
    expect(time['supports-2']).toBe(`<[${day('2024-02-24')}, Infinity]>`);
    expect(time['opposes-1']).toBe('null');
    // The two MET edges (parallel, same kind) merge; each keeps its own interval.
    expect(time['met-1']).toBe(
      `<[${day('2025-02-01')}, ${day('2025-02-28')}]; [${day('2025-08-18')}, ${day('2025-08-18')}]>`,
    );
  });

  test('a compiled project and data/', async () => {
    for (const dir of ['../fixtures/export-project', '../../data']) {
      const { graph } = await compile(path.resolve(import.meta.dirname, dir));
      expectCleanImport(graph);
    }
  });
});

requireGephiTools();
