// The viewer's pure logic in Node: filters, timeline, ego network, URL state, GEXF.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import graphology from 'graphology';
import gexf from 'graphology-gexf';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoToDays, relationInterval } from '../../viewer/src/dates.js';
import { fileText } from '../../src/export/exporter.js';
import { gexf as gexfExporter } from '../../src/export/gexf.js';
import { visibleSubgraph } from '../../viewer/src/export.js';
import { applySizes } from '../../viewer/src/appearance.js';
import { forgetScores } from '../../viewer/src/analysis/metrics.js';
import {
  computeVisibility,
  dateExtent,
  importGraph,
  type SerializedKgGraph,
  type ViewGraph,
} from '../../viewer/src/model.js';
import { decodeViewState, defaultViewState, encodeViewState } from '../../viewer/src/view-state.js';
import { ROOT } from './support.js';

let graph: ViewGraph;

beforeAll(async () => {
  const file = path.join(ROOT, 'test', 'fixtures', 'viewer', 'graph.json');
  graph = importGraph(JSON.parse(await readFile(file, 'utf8')) as SerializedKgGraph);
});

describe('dates', () => {
  it('turns partial ISO dates into day intervals', () => {
    const day = isoToDays('2025-08-18');
    expect(day?.[0]).toBe(day?.[1]);
    const month = isoToDays('2025-08');
    expect(month && month[1] - month[0]).toBe(30);
    const year = isoToDays('2024');
    expect(year && year[1] - year[0]).toBe(365); // leap year
    expect(isoToDays('yesterday')).toBeNull();
  });
  it('treats start without end as open-ended', () => {
    expect(relationInterval({ start: '2000-05-07' })?.[1]).toBe(Infinity);
    expect(relationInterval({})).toBeNull();
  });
  it('reads an interval again when the dates of the same attributes change', () => {
    const attrs: { date?: string; start?: string; end?: string } = { date: '2025-08-18' };
    const first = relationInterval(attrs);
    expect(relationInterval(attrs)).toBe(first); // kept with its attributes
    attrs.date = '2024';
    expect(relationInterval(attrs)).toEqual(isoToDays('2024'));
    delete attrs.date;
    attrs.start = '2001-01-01';
    expect(relationInterval(attrs)).toEqual([isoToDays('2001-01-01')?.[0], Infinity]);
    delete attrs.start;
    expect(relationInterval(attrs)).toBeNull();
  });
});

describe('computeVisibility', () => {
  it('shows everything by default', () => {
    const vis = computeVisibility(graph, defaultViewState());
    expect(vis.nodes.size).toBe(graph.order);
    expect(vis.edges.size).toBe(graph.size);
  });
  it('hides entity types and their relations', () => {
    const state = defaultViewState();
    state.hiddenEntityTypes.add('Event');
    const vis = computeVisibility(graph, state);
    expect(vis.nodes.has('alaska-summit')).toBe(false);
    expect(vis.edges.has('r-trump-attended-alaska')).toBe(false);
    expect(vis.nodes.size).toBe(graph.order - 2);
  });
  it('narrows relations by date and hides entities left without relations', () => {
    const state = defaultViewState();
    const extent = dateExtent(graph);
    expect(extent).not.toBeNull();
    const from = isoToDays('2025-01-01')?.[0] ?? 0;
    state.timeRange = [from, extent?.[1] ?? 0];
    const vis = computeVisibility(graph, state);
    expect(vis.edges.has('r-zel-met-trump-feb')).toBe(true);
    expect(vis.edges.has('r-zel-met-macron')).toBe(false); // 2024-06-07
    expect(vis.edges.has('r-putin-leads-ru')).toBe(true); // open-ended since 2000
    expect(vis.nodes.has('lonely-note')).toBe(false);
    expect(vis.nodes.has('france')).toBe(true); // member of NATO since 1949, open-ended
  });
  it('keeps only the ego network of the selection', () => {
    const state = defaultViewState();
    state.selection = { kind: 'node', key: 'jd-vance' };
    state.ego = 1;
    const one = computeVisibility(graph, state);
    expect([...one.nodes].sort()).toEqual([
      'jd-vance',
      'oval-office-meeting',
      'volodymyr-zelensky',
    ]);
    state.ego = 2;
    expect(computeVisibility(graph, state).nodes.size).toBeGreaterThan(one.nodes.size);
  });
});

describe('view state in the URL', () => {
  it('round-trips', () => {
    const s = defaultViewState();
    s.selection = { kind: 'edge', key: 'r-zel-met-trump-feb' };
    s.hiddenEntityTypes = new Set(['Event', 'Country']);
    s.hiddenRelationTypes = new Set(['LEADS']);
    s.timeRange = [100, 200];
    s.hideUndated = true;
    s.ego = 2;
    s.sizeBy = 'pagerank';
    s.colorBy = 'prop:role';
    s.labels = 'many';
    s.view = 'matrix';
    s.sort = '-date';
    s.filter = 'security guarantees';
    s.cell = ['macron', 'security-guarantees'];
    s.path = ['macron', 'putin'];
    s.camera = { x: 0.25, y: 0.75, ratio: 0.5, angle: 0 };
    expect(decodeViewState(`#${encodeViewState(s)}`)).toEqual(s);
  });
  it('ignores garbage', () => {
    expect(
      decodeViewState(
        '#ego=7&size=huge&color=x;y&labels=all&view=chart&cell=a&path=a,b,c&cam=1,2&time=x..y',
      ),
    ).toEqual(defaultViewState());
  });
});

describe('sizes', () => {
  it('orders nodes by degree or PageRank and can be fixed', () => {
    applySizes(graph, 'degree');
    const size = (n: string): number => Number(graph.getNodeAttribute(n, '_size'));
    expect(size('donald-trump')).toBeGreaterThan(size('mark-rutte'));
    applySizes(graph, 'pagerank');
    expect(size('russia')).toBeGreaterThan(size('lonely-note'));
    applySizes(graph, 'fixed');
    expect(size('russia')).toBe(size('lonely-note'));
  });
  it('moves few sizes when a hub gains a relation (sizes in tenths of a pixel)', () => {
    const g = new graphology.MultiGraph() as unknown as ViewGraph;
    g.setAttribute('schema', { ...graph.getAttribute('schema'), entities: {} });
    const add = (id: string) =>
      g.addNode(id, {
        label: id,
        type: 'T',
        color: '#000',
        size: 1,
        x: 0,
        y: 0,
        aliases: [],
        sources: [],
      });
    for (let i = 0; i < 1000; i++) add(`n${i}`);
    add('hub');
    add('solo');
    for (let i = 0; i < 500; i++) g.addEdge('hub', `n${i}`);
    // Degrees 1 to 40 elsewhere, so sizes spread over the whole scale.
    for (let i = 500; i < 1000; i++) for (let k = 0; k < i % 40; k++) g.addEdge(`n${i}`, `n${k}`);
    applySizes(g, 'degree');
    const before = new Map(g.mapNodes((n, a) => [n, a._size] as const));
    for (const v of before.values()) expect(Math.round(Number(v) * 10)).toBeCloseTo(Number(v) * 10);
    forgetScores(g);
    g.addEdge('hub', 'solo');
    applySizes(g, 'degree');
    const moved = g.filterNodes((n, a) => a._size !== before.get(n));
    expect(moved).toContain('solo'); // its first relation
    expect(moved.length).toBeLessThan(g.order / 10);
    expect(Number(g.getNodeAttribute('hub', '_size'))).toBeGreaterThan(
      Number(g.getNodeAttribute('n0', '_size')),
    );
  });
});

describe('visible subgraph export', () => {
  it('is the visible part of the graph, in its order, without display keys', () => {
    const state = defaultViewState();
    state.hiddenEntityTypes.add('Event');
    const vis = computeVisibility(graph, state);
    const sub = visibleSubgraph(graph, vis);
    expect(sub.nodes()).toEqual(graph.nodes().filter((n) => vis.nodes.has(n)));
    expect(sub.edges()).toEqual(graph.edges().filter((e) => vis.edges.has(e)));
    expect(sub.getAttributes()).toEqual(graph.getAttributes());
    expect(sub.isUndirected('r-zel-met-macron')).toBe(true);
    expect(sub.isDirected('r-zel-leads-ua')).toBe(true);
    sub.forEachEdge((e, a) => {
      const { _head, _size, ...data } = graph.getEdgeAttributes(e);
      expect([_head === undefined, _size === undefined]).toEqual([graph.isUndirected(e), false]);
      expect(a, e).toEqual(data);
    });
    sub.forEachNode((n, a) =>
      expect(
        Object.keys(a).some((k) => k.startsWith('_')),
        n,
      ).toBe(false),
    );
  });

  it("goes through the project's GEXF writer and parses back with graphology-gexf", () => {
    const state = defaultViewState();
    state.hiddenEntityTypes.add('Event');
    const vis = computeVisibility(graph, state);
    const [file] = gexfExporter.files(visibleSubgraph(graph, vis));
    const xml = file ? fileText(file) : '';
    const parsed = gexf.parse(graphology.MultiGraph, xml);
    expect(parsed.order).toBe(vis.nodes.size);
    expect(parsed.size).toBe(vis.edges.size);
    // The shared writer declares lists `liststring`: the one quote reads back as a list.
    const quotes = parsed.getEdgeAttribute('r-zel-met-macron', 'quotes');
    expect(quotes).toEqual(['He said <img src=x onerror=alert(1)> and left.']);
    expect(parsed.getEdgeAttribute('r-zel-met-macron', 'symmetric')).toBe(true);
    expect(parsed.getEdgeAttribute('r-zel-leads-ua', 'symmetric')).toBe(false);
    expect(xml).not.toContain('_head');
  });
});
