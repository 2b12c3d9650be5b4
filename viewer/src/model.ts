// The viewer's graph: the compiled KgGraph plus a few private `_`-prefixed display
// attributes (colour and size by the chosen mode, arrow head). Exports strip the `_` keys again.
import { MultiGraph } from 'graphology';
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttrs, GraphAttrs, NodeAttrs } from '../../src/types.js';
import { relationInterval, type DayRange } from './dates.js';
import type { ViewState } from './view-state.js';

export type ViewNodeAttrs = NodeAttrs & { _size?: number; _color?: string };
export type ViewEdgeAttrs = EdgeAttrs & { _head?: string; _size?: number };
export type ViewGraph = MultiGraph<ViewNodeAttrs, ViewEdgeAttrs, GraphAttrs>;
export type SerializedKgGraph = SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

/** The project's title (language v2), else its name. */
export function graphTitle(graph: ViewGraph): string {
  const attrs = graph.getAttributes() as { title?: unknown; name?: unknown };
  return String(attrs.title || attrs.name || 'Knowledge graph');
}

export function isSerializedGraph(value: unknown): value is SerializedKgGraph {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return Array.isArray(v.nodes) && Array.isArray(v.edges);
}

export function importGraph(data: SerializedKgGraph): ViewGraph {
  const graph: ViewGraph = new MultiGraph({ allowSelfLoops: true });
  graph.import(data as SerializedGraph<ViewNodeAttrs, ViewEdgeAttrs, GraphAttrs>);
  const attrs = graph.getAttributes();
  if (!attrs.schema) graph.setAttribute('schema', { entities: {}, relations: {} });
  if (!attrs.sources) graph.setAttribute('sources', {});
  graph.updateEachEdgeAttributes((edge, a) => displayEdge(a, graph.isDirected(edge)));
  return graph;
}

/** An edge's attributes with the viewer's display keys (arrow head, drawn width). */
export function displayEdge(a: EdgeAttrs, directed: boolean): ViewEdgeAttrs {
  return {
    ...a,
    _head: directed ? 'arrow' : undefined,
    _size: Math.max(1, Number(a.size) || 1) * 1.2,
  };
}

export interface Visibility {
  nodes: Set<string>;
  edges: Set<string>;
}

/** Overall date extent of the relations, or null when no relation is dated. */
export function dateExtent(graph: ViewGraph): DayRange | null {
  return relationDates(graph).extent;
}

/**
 * The relations' dates in one pass over them: their overall extent (null when none is dated)
 * and each dated relation's start (its end when it has no start), for the timeline.
 */
export function relationDates(graph: ViewGraph): { extent: DayRange | null; starts: number[] } {
  let lo = Infinity;
  let hi = -Infinity;
  const starts: number[] = [];
  graph.forEachEdge((_e, a) => {
    const r = relationInterval(a);
    if (!r) return;
    starts.push(Number.isFinite(r[0]) ? r[0] : r[1]);
    for (const d of r) {
      if (Number.isFinite(d)) {
        lo = Math.min(lo, d);
        hi = Math.max(hi, d);
      }
    }
  });
  return { extent: lo <= hi ? [lo, hi] : null, starts };
}

/**
 * What the current filters leave visible. Undated relations stay visible under a narrowed
 * timeline unless `hideUndated`; entities left without any visible relation are hidden then.
 */
export function computeVisibility(graph: ViewGraph, state: ViewState): Visibility {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  graph.forEachNode((n, a) => {
    if (!state.hiddenEntityTypes.has(a.type)) nodes.add(n);
  });
  const range = state.timeRange;
  graph.forEachEdge((e, a, s, t) => {
    if (state.hiddenRelationTypes.has(a.type) || !nodes.has(s) || !nodes.has(t)) return;
    if (range) {
      const r = relationInterval(a);
      if (r ? r[1] < range[0] || r[0] > range[1] : state.hideUndated) return;
    }
    edges.add(e);
  });
  if (range) {
    const touched = new Set<string>();
    for (const e of edges) {
      touched.add(graph.source(e));
      touched.add(graph.target(e));
    }
    for (const n of [...nodes]) if (!touched.has(n)) nodes.delete(n);
  }
  const sel = state.selection;
  if (state.ego > 0 && sel?.kind === 'node' && nodes.has(sel.key)) {
    const keep = new Set([sel.key]);
    let frontier = [sel.key];
    for (let depth = 0; depth < state.ego; depth++) {
      const next: string[] = [];
      for (const n of frontier) {
        graph.forEachEdge(n, (e, _a, s, t) => {
          if (!edges.has(e)) return;
          const other = s === n ? t : s;
          if (!keep.has(other)) {
            keep.add(other);
            next.push(other);
          }
        });
      }
      frontier = next;
    }
    for (const n of [...nodes]) if (!keep.has(n)) nodes.delete(n);
    for (const e of [...edges]) {
      if (!keep.has(graph.source(e)) || !keep.has(graph.target(e))) edges.delete(e);
    }
  }
  return { nodes, edges };
}

/** The node and its visible neighbours (and the edges between it and them). */
export function neighbourhood(
  graph: ViewGraph,
  node: string,
  vis: Visibility,
): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set([node]);
  const edges = new Set<string>();
  graph.forEachEdge(node, (e, _a, s, t) => {
    if (!vis.edges.has(e)) return;
    edges.add(e);
    nodes.add(s === node ? t : s);
  });
  return { nodes, edges };
}
