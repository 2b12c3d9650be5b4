// What `kg view` sends open pages after a small edit instead of the whole graph: the current
// state of every node and edge an in-place update touched (src/compile/fact-state.ts), so
// applying it to a page's graph is idempotent — a page holding the last published graph, with
// or without some of the changes since, ends up with the graph now.
import type { GraphChanges } from '../compile/fact-state.js';
import type { KgGraph } from '../types.js';
import type { GraphDelta } from './view-server.js';

export interface GraphDeltaOptions {
  /** More changed items (nodes + edges) than this send the whole graph instead… */
  maxItems: number;
  /** …or more than this share of the graph's edges… */
  maxShare: number;
  /** …unless they are this few. */
  minItems: number;
}

export const DEFAULT_GRAPH_DELTA_OPTIONS: GraphDeltaOptions = {
  maxItems: 10_000,
  maxShare: 0.25,
  minItems: 200,
};

/** Changes gathered over several updates (those that were not published: data errors). */
export class PendingChanges {
  private edges = new Set<string>();
  private nodes = new Set<string>();
  /** True when a new graph was built: the whole graph must go. */
  whole = true;

  add(changes: GraphChanges | undefined): void {
    if (!changes) {
      this.whole = true;
      this.edges.clear();
      this.nodes.clear();
      return;
    }
    for (const e of changes.edges) this.edges.add(e);
    for (const n of changes.nodes) this.nodes.add(n);
  }

  /** The delta to send (undefined: send the whole graph), and a fresh start. */
  take(
    graph: KgGraph,
    options: GraphDeltaOptions = DEFAULT_GRAPH_DELTA_OPTIONS,
  ): GraphDelta | undefined {
    const { edges, nodes, whole } = this;
    this.edges = new Set();
    this.nodes = new Set();
    this.whole = false;
    const items = edges.size + nodes.size;
    const { maxItems, maxShare, minItems } = options;
    const limit = Math.max(minItems, Math.min(maxItems, graph.size * maxShare));
    if (whole || items > limit) return undefined;
    return graphDelta(graph, edges, nodes);
  }
}

/** The current state of `edges` and `nodes` in `graph` (sorted keys: deterministic). */
export function graphDelta(
  graph: KgGraph,
  edges: Iterable<string>,
  nodes: Iterable<string>,
): GraphDelta {
  const delta: GraphDelta = { nodes: [], edges: [], droppedEdges: [], droppedNodes: [] };
  for (const key of [...nodes].sort()) {
    if (graph.hasNode(key)) delta.nodes.push({ key, attributes: graph.getNodeAttributes(key) });
    else delta.droppedNodes.push(key);
  }
  for (const key of [...edges].sort()) {
    if (!graph.hasEdge(key)) {
      delta.droppedEdges.push(key);
      continue;
    }
    delta.edges.push({
      key,
      source: graph.source(key),
      target: graph.target(key),
      undirected: graph.isUndirected(key),
      attributes: graph.getEdgeAttributes(key),
    });
  }
  return delta;
}
