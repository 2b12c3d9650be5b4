// Network metrics for "colour by" and "size by": degree, PageRank, betweenness and Louvain
// communities, each computed once per graph (on the whole graph, not the filtered view, so
// colours stay put while filtering) and cached.
import { UndirectedGraph } from 'graphology';
import louvainImport from 'graphology-communities-louvain';
import pagerankImport from 'graphology-metrics/centrality/pagerank.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import type { ViewGraph } from '../model.js';

// CommonJS functions at runtime (Vite and Node agree); NodeNext typings see a namespace.
const cjs = <T>(m: unknown): T => ((m as { default?: unknown }).default ?? m) as T;
type PagerankFn = (graph: ViewGraph, options: { getEdgeWeight: null }) => Record<string, number>;
const pagerank = cjs<PagerankFn>(pagerankImport);
type LouvainFn = (
  graph: UndirectedGraph,
  options: { getEdgeWeight: string; rng: () => number },
) => Record<string, number>;
const louvain = cjs<LouvainFn>(louvainImport);

export const METRICS = ['degree', 'pagerank', 'betweenness'] as const;
export type Metric = (typeof METRICS)[number];

/** The graph as a simple undirected graph, parallel relations merged into one weighted edge. */
export function undirectedProjection(
  graph: ViewGraph,
  keepEdge: (edge: string) => boolean = () => true,
  keepNode: (node: string) => boolean = () => true,
): UndirectedGraph {
  const out = new UndirectedGraph();
  graph.forEachNode((n) => {
    if (keepNode(n)) out.addNode(n);
  });
  graph.forEachEdge((e, _a, s, t) => {
    if (s === t || !keepEdge(e) || !out.hasNode(s) || !out.hasNode(t)) return;
    out.updateEdge(s, t, (attr) => ({ weight: (Number(attr.weight) || 0) + 1 }));
  });
  return out;
}

/** A small seeded generator, so Louvain gives the same communities on every load. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Betweenness by Brandes' algorithm from graphology-shortest-path's indexed BFS. Exact up to
 * a work budget; beyond it, from evenly spread sample sources (Brandes & Pich 2007), scaled
 * up — exact betweenness of 10,000 entities takes close to a minute in a browser.
 */
export function betweenness(proj: UndirectedGraph, budget = 3_000_000): Map<string, number> {
  // The returned function carries its neighbourhood index (typed on the factory only).
  const brandes = createUnweightedIndexedBrandes(proj) as ReturnType<
    typeof createUnweightedIndexedBrandes
  > & { index: { nodes: string[] } };
  const n = proj.order;
  const sources = Math.min(n, Math.max(50, Math.floor(budget / (n + proj.size + 1))));
  const delta = new Float64Array(n);
  const scores = new Float64Array(n);
  for (let k = 0; k < sources; k++) {
    const i = Math.floor((k * n) / sources);
    const [S, P, sigma] = brandes(i);
    for (const v of S.toArray()) delta[v] = 0;
    while (S.size !== 0) {
      const w = S.pop() ?? 0;
      const coefficient = (1 + (delta[w] ?? 0)) / (sigma[w] ?? 1);
      for (const v of P[w] ?? []) delta[v] = (delta[v] ?? 0) + (sigma[v] ?? 0) * coefficient;
      if (w !== i) scores[w] = (scores[w] ?? 0) + (delta[w] ?? 0);
    }
  }
  const scale = (n > 2 ? 1 / ((n - 1) * (n - 2)) : 1) * (n / Math.max(1, sources));
  const out = new Map<string, number>();
  brandes.index.nodes.forEach((node, i) => out.set(node, (scores[i] ?? 0) * scale));
  return out;
}

/** Louvain communities, numbered by decreasing size (0 is the largest). */
export function communities(proj: UndirectedGraph): Map<string, number> {
  const raw = proj.size ? louvain(proj, { getEdgeWeight: 'weight', rng: seeded(42) }) : {};
  const sizes = new Map<number, number>();
  proj.forEachNode((n) => {
    const c = raw[n] ?? -1;
    sizes.set(c, (sizes.get(c) ?? 0) + 1);
  });
  const rank = new Map(
    [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c], i) => [c, i]),
  );
  const out = new Map<string, number>();
  proj.forEachNode((n) => out.set(n, rank.get(raw[n] ?? -1) ?? 0));
  return out;
}

const cache = new WeakMap<ViewGraph, Map<string, Map<string, number>>>();

/** Drops the scores of a graph changed in place (a delta from kg view). */
export function forgetScores(graph: ViewGraph): void {
  cache.delete(graph);
}

/** A metric or `community` for every node, cached per graph. */
export function nodeScores(graph: ViewGraph, name: Metric | 'community'): Map<string, number> {
  let entry = cache.get(graph);
  if (!entry) cache.set(graph, (entry = new Map()));
  const hit = entry.get(name);
  if (hit) return hit;
  let out: Map<string, number>;
  if (name === 'degree') {
    out = new Map(graph.mapNodes((n) => [n, graph.degree(n)] as const));
  } else if (name === 'pagerank') {
    const ranks = graph.order ? pagerank(graph, { getEdgeWeight: null }) : {};
    out = new Map(graph.mapNodes((n) => [n, ranks[n] ?? 0] as const));
  } else if (name === 'betweenness') {
    out = betweenness(undirectedProjection(graph));
  } else {
    out = communities(undirectedProjection(graph));
  }
  entry.set(name, out);
  return out;
}
