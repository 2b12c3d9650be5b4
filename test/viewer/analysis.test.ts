// The viewer's analysis logic in Node, on the compiled data/: label placement, search ranking,
// relations table rows, the stance matrix, shortest paths, metrics and colours.
import path from 'node:path';
import graphology from 'graphology';
import betweennessExact from 'graphology-metrics/centrality/betweenness.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import {
  betweenness,
  communities,
  undirectedProjection,
} from '../../viewer/src/analysis/metrics.js';
import {
  filterRows,
  relationRows,
  rowText,
  rowsToCsv,
  sortRows,
} from '../../viewer/src/analysis/relation-rows.js';
import { relationsBetween, shortestPaths } from '../../viewer/src/analysis/shortest-paths.js';
import { cellKey, stanceMatrix } from '../../viewer/src/analysis/stance.js';
import { applyColors, applySizes, colorChoices } from '../../viewer/src/appearance.js';
import { placeLabels, type NodeLabelCandidate } from '../../viewer/src/labels/placement.js';
import {
  computeVisibility,
  importGraph,
  type SerializedKgGraph,
  type ViewGraph,
} from '../../viewer/src/model.js';
import { matchScore } from '../../viewer/src/search-rank.js';
import { defaultViewState } from '../../viewer/src/view-state.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { SECURITY_GUARANTEES_STANCE, TABLE_CSV_HEADER } from './expected.js';
import { ROOT } from './support.js';

let graph: ViewGraph;
const everything = () => computeVisibility(graph, defaultViewState());

beforeAll(async () => {
  const { graph: compiled } = await compile(path.join(ROOT, 'data'), { layout: 'none' });
  graph = importGraph(compiled.export() as SerializedKgGraph);
});

describe('label placement', () => {
  const overlaps = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

  it('never places two labels over each other, and keeps them inside the view', () => {
    // 400 labels crowded into a 300×200 area: most must be dropped, none may overlap.
    let seed = 7;
    const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const cands: NodeLabelCandidate[] = Array.from({ length: 400 }, (_, i) => ({
      key: `n${i}`,
      x: rand() * 300,
      y: rand() * 200,
      r: 3,
      w: 40 + rand() * 60,
      h: 16,
      forced: i < 10,
    }));
    const placed = placeLabels(cands, { width: 300, height: 200, gap: 2, max: 1000 });
    expect(placed.length).toBeGreaterThan(10);
    expect(placed.length).toBeLessThan(400);
    for (const [i, a] of placed.entries()) {
      expect(a.x >= 0 && a.y >= 0 && a.x + a.w <= 300 && a.y + a.h <= 200).toBe(true);
      for (const b of placed.slice(i + 1)) expect(overlaps(a, b), `${a.key}/${b.key}`).toBe(false);
    }
  });

  it('places forced labels first and respects the budget for the others', () => {
    const cands: NodeLabelCandidate[] = [
      { key: 'free', x: 100, y: 100, r: 4, w: 60, h: 16, forced: false },
      { key: 'forced', x: 100, y: 100, r: 4, w: 60, h: 16, forced: true },
      { key: 'far', x: 20, y: 20, r: 4, w: 30, h: 16, forced: false },
    ];
    const placed = placeLabels(cands, { width: 400, height: 300, gap: 4, max: 1 });
    expect(placed.map((p) => p.key)).toEqual(['forced', 'free']);
    expect(placed[1]?.anchor).not.toBe(placed[0]?.anchor); // moved to another side
  });
});

describe('search ranking', () => {
  it('ranks exact, prefix, word prefix, substring, then typos', () => {
    expect(matchScore('putin', 'putin')).toBe(0);
    expect(matchScore('don', 'donald trump')).toBe(1);
    expect(matchScore('trump', 'donald trump')).toBe(2);
    expect(matchScore('nald', 'donald trump')).toBe(3);
    expect(matchScore('litle', 'little diomede')).toBe(5);
    expect(matchScore('zelenksy', 'volodymyr zelensky')).toBe(6);
    expect(matchScore('xyz', 'volodymyr zelensky')).toBeNull();
    expect(matchScore('abc', 'abd')).toBeNull(); // short words: no typo allowed
  });
});

describe('relations table rows', () => {
  it('lists every visible relation, sorts, filters and writes guarded CSV', () => {
    const vis = everything();
    const rows = relationRows(graph, vis.edges);
    expect(rows).toHaveLength(graph.size);
    const byDate = sortRows(rows, 'date');
    const days = byDate.map((r) => r.day).filter(Number.isFinite);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(byDate.at(-1)?.when).toBe(''); // undated last
    expect(sortRows(rows, '-date').at(-1)?.when).toBe(''); // also when descending
    const desc = sortRows(rows, '-from').map((r) => r.from.toLowerCase());
    expect(desc[0]! >= desc.at(-1)!).toBe(true);
    const guarantees = filterRows(rows, 'security guarantees macron');
    expect(guarantees.length).toBeGreaterThan(0);
    expect(guarantees.every((r) => rowText(r).includes('macron'))).toBe(true);
    const csv = parseCsv(rowsToCsv(guarantees));
    expect(csv[0]).toEqual(TABLE_CSV_HEADER);
    expect(csv).toHaveLength(guarantees.length + 1);
    // Formula guard: a cell starting with = is prefixed.
    const evil = { ...guarantees[0]!, from: '=HYPERLINK("x")' };
    expect(rowsToCsv([evil])).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('stance matrix', () => {
  it('answers who supports and who opposes security guarantees', () => {
    const m = stanceMatrix(graph, everything());
    expect(m.types).toEqual(expect.arrayContaining(['SUPPORTS', 'OPPOSES', 'REJECTS']));
    expect(m.types).not.toContain('MET');
    const column = Object.fromEntries(
      m.actors
        .map((a) => [a, m.cells.get(cellKey(a, 'security-guarantees'))] as const)
        .filter(([, c]) => c)
        .map(([a, c]) => [a, [c!.positive.length, c!.negative.length]]),
    );
    expect(column).toEqual(SECURITY_GUARANTEES_STANCE);
    expect(m.cells.get(cellKey('trump', 'immediate-ceasefire'))?.negative.length).toBeGreaterThan(
      0,
    );
  });

  it('counts only what the filters leave visible', () => {
    const state = defaultViewState();
    state.hiddenRelationTypes.add('SUPPORTS');
    const m = stanceMatrix(graph, computeVisibility(graph, state));
    expect(m.cells.get(cellKey('macron', 'security-guarantees'))).toBeUndefined();
    expect(m.cells.get(cellKey('trump', 'security-guarantees'))?.positive).toHaveLength(1);
  });
});

describe('shortest paths', () => {
  it('connects Macron to Putin through Trump, in either direction of the relations', () => {
    const vis = everything();
    const found = shortestPaths(graph, vis, 'macron', 'putin');
    expect(found?.hops).toBe(2);
    expect(found?.paths).toContainEqual(['macron', 'trump', 'putin']);
    for (const p of found?.paths ?? []) {
      for (let i = 0; i + 1 < p.length; i++)
        expect(relationsBetween(graph, vis, p[i]!, p[i + 1]!).length).toBeGreaterThan(0);
    }
    const state = defaultViewState();
    state.hiddenEntityTypes.add('Person');
    expect(shortestPaths(graph, computeVisibility(graph, state), 'macron', 'putin')).toBeNull();
  });

  it('is not fooled by ids named like Object.prototype keys', () => {
    const g = new graphology.MultiGraph();
    for (const n of ['constructor', 'toString', 'a']) g.addNode(n, { label: n, type: 'T' });
    g.addDirectedEdge('a', 'constructor', { type: 'R' });
    g.addDirectedEdge('constructor', 'toString', { type: 'R' });
    g.setAttribute('schema', { entities: {}, relations: {} });
    const vg = importGraph(g.export() as SerializedKgGraph);
    const vis = computeVisibility(vg, defaultViewState());
    expect(shortestPaths(vg, vis, 'a', 'toString')?.paths).toEqual([
      ['a', 'constructor', 'toString'],
    ]);
  });
});

describe('metrics and colours', () => {
  it('betweenness matches graphology-metrics when exact, and stays close when sampled', () => {
    const proj = undirectedProjection(graph);
    const exact = (
      betweennessExact as unknown as (g: unknown, o: object) => Record<string, number>
    )(proj, { getEdgeWeight: null });
    const ours = betweenness(proj);
    for (const n of proj.nodes()) expect(ours.get(n)).toBeCloseTo(exact[n] ?? 0, 9);
    const sampled = betweenness(proj, 1); // 50 sources of 47+ nodes: still every node
    expect(sampled.get('trump')).toBeGreaterThan(sampled.get('cnn') ?? 0);
  });

  it('finds the same Louvain communities on every run', () => {
    const a = communities(undirectedProjection(graph));
    const b = communities(undirectedProjection(graph));
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(new Set(a.values()).size).toBeGreaterThan(1);
  });

  it('colours by community, metric or property, with a legend', () => {
    expect(colorChoices(graph).map((c) => c.value)).toEqual(
      expect.arrayContaining([
        'type',
        'community',
        'degree',
        'pagerank',
        'betweenness',
        'prop:kind',
      ]),
    );
    const legend = applyColors(graph, 'community');
    expect(legend?.kind).toBe('categories');
    const scale = applyColors(graph, 'betweenness');
    expect(scale?.kind).toBe('scale');
    expect(graph.getNodeAttribute('trump', '_color')).not.toBe(
      graph.getNodeAttribute('cnn', '_color'),
    );
    const kinds = applyColors(graph, 'prop:kind');
    expect(kinds?.kind === 'categories' && kinds.items.some((i) => i.label === 'summit')).toBe(
      true,
    );
    expect(applyColors(graph, 'type')).toBeNull();
    expect(graph.getNodeAttribute('trump', '_color')).toBeUndefined();
    applySizes(graph, 'betweenness');
    expect(graph.getNodeAttribute('trump', '_size')).toBeGreaterThan(
      graph.getNodeAttribute('cnn', '_size') ?? 0,
    );
  });

  it('data/ colours stance types by polarity', () => {
    const rel = graph.getAttribute('schema').relations;
    expect(rel.SUPPORTS?.polarity).toBe('positive');
    expect(rel.REJECTS?.polarity).toBe('negative');
  });
});
