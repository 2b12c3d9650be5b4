// Shortest paths between two entities over the visible relations, in either direction,
// with graphology-shortest-path's BFS (Brandes' predecessors give every shortest path).
import { UndirectedGraph } from 'graphology';
import { brandes } from 'graphology-shortest-path/unweighted.js';
import type { ViewGraph, Visibility } from '../model.js';

export interface PathsResult {
  /** Node sequences from `from` to `to`, each of `hops` relations. */
  paths: string[][];
  hops: number;
  /** How many shortest paths exist (more than listed when truncated). */
  total: number;
}

/**
 * The library keeps its tables in plain objects, so nodes are renamed to their index (no id
 * can then collide with an Object.prototype key such as `constructor`).
 */
const projections = new WeakMap<Visibility, { g: UndirectedGraph; ids: string[] }>();

function indexedProjection(
  graph: ViewGraph,
  vis: Visibility,
): { g: UndirectedGraph; ids: string[] } {
  const hit = projections.get(vis);
  if (hit) return hit;
  const ids = [...vis.nodes];
  const index = new Map(ids.map((id, i) => [id, String(i)]));
  const g = new UndirectedGraph();
  for (const i of index.values()) g.addNode(i);
  for (const e of vis.edges) {
    const [s, t] = graph.extremities(e);
    const a = index.get(s);
    const b = index.get(t);
    if (a !== undefined && b !== undefined && a !== b) g.mergeEdge(a, b);
  }
  projections.set(vis, { g, ids });
  return { g, ids };
}

export function shortestPaths(
  graph: ViewGraph,
  vis: Visibility,
  from: string,
  to: string,
  max = 12,
): PathsResult | null {
  if (!vis.nodes.has(from) || !vis.nodes.has(to)) return null;
  if (from === to) return { paths: [[from]], hops: 0, total: 1 };
  const { g, ids } = indexedProjection(graph, vis);
  const a = String(ids.indexOf(from));
  const b = String(ids.indexOf(to));
  // (indexOf is linear, but once per search: cheaper than keeping a second map per view.)
  const [, P, sigma] = brandes(g, a);
  const total = sigma[b] ?? 0;
  if (!total) return null;
  const paths: string[][] = [];
  // Walk the predecessors back from the target; each complete walk is one shortest path.
  const walk = (node: string, suffix: string[]): void => {
    if (paths.length >= max) return;
    if (node === a) {
      paths.push([node, ...suffix].map((i) => ids[Number(i)] ?? i));
      return;
    }
    for (const p of [...(P[node] ?? [])].sort((x, y) => Number(x) - Number(y)))
      walk(p, [node, ...suffix]);
  };
  walk(b, []);
  return { paths, hops: (paths[0]?.length ?? 1) - 1, total };
}

/** The visible relations between two entities, either way. */
export function relationsBetween(
  graph: ViewGraph,
  vis: Visibility,
  u: string,
  v: string,
): string[] {
  return graph
    .edges(u, v)
    .concat(u === v ? [] : graph.edges(v, u))
    .filter((e, i, all) => vis.edges.has(e) && all.indexOf(e) === i);
}
