// A delta from `kg view` (src/server/graph-delta.ts) applied to the page's graph in place:
// sigma redraws what changed, entities already on screen stay where they are (the server's
// positions are for pages loading the whole graph), and a new entity is placed next to its
// neighbours.
import type { EdgeAttrs, NodeAttrs } from '../../src/types.js';
import { displayEdge, type ViewGraph } from './model.js';

/** As the server sends it (see GraphDelta in src/server/view-server.ts). */
export interface WireDelta {
  version: number;
  base: number;
  nodes: { key: string; attributes: NodeAttrs }[];
  edges: {
    key: string;
    source: string;
    target: string;
    undirected: boolean;
    attributes: EdgeAttrs;
  }[];
  droppedEdges: string[];
  droppedNodes: string[];
}

export function isWireDelta(value: unknown): value is WireDelta {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.version === 'number' &&
    typeof v.base === 'number' &&
    ['nodes', 'edges', 'droppedEdges', 'droppedNodes'].every((k) => Array.isArray(v[k]))
  );
}

/** What applying a delta changed, for the page to refresh what depends on it. */
export interface DeltaEffect {
  /** Entities added or removed (search, filters). */
  nodesChanged: boolean;
}

/**
 * Applies `delta` to `graph`; null when it cannot be (an edge between unknown entities: the
 * page then loads the whole graph).
 */
export function applyDelta(graph: ViewGraph, delta: WireDelta): DeltaEffect | null {
  // A delta holds up to thousands of items: its new nodes in a set, not searched per edge.
  const dropped = new Set(delta.droppedNodes);
  const added = new Set(delta.nodes.map((d) => d.key).filter((n) => !dropped.has(n)));
  const known = (n: string) => graph.hasNode(n) || added.has(n);
  for (const e of delta.edges) if (!known(e.source) || !known(e.target)) return null;
  let nodesChanged = delta.droppedNodes.length > 0;
  for (const key of delta.droppedEdges) if (graph.hasEdge(key)) graph.dropEdge(key);
  for (const key of delta.droppedNodes) if (graph.hasNode(key)) graph.dropNode(key);
  const fresh: string[] = [];
  for (const { key, attributes } of delta.nodes) {
    if (graph.hasNode(key)) {
      // Where the page shows it stays (the page may have run its own layout). Only what
      // changed is merged: sigma repaints a node in place unless its type or place changed.
      const current = graph.getNodeAttributes(key) as Record<string, unknown>;
      const changed: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(attributes)) {
        if (name === 'x' || name === 'y') continue;
        if (JSON.stringify(current[name]) !== JSON.stringify(value)) changed[name] = value;
      }
      if (Object.keys(changed).length)
        graph.mergeNodeAttributes(key, changed as Partial<NodeAttrs>);
    } else {
      graph.addNode(key, { ...attributes });
      fresh.push(key);
      nodesChanged = true;
    }
  }
  for (const { key, source, target, undirected, attributes } of delta.edges) {
    const attrs = displayEdge(attributes, !undirected);
    if (graph.hasEdge(key)) {
      const same =
        graph.source(key) === source &&
        graph.target(key) === target &&
        graph.isUndirected(key) === undirected;
      if (same) {
        graph.replaceEdgeAttributes(key, attrs);
        continue;
      }
      graph.dropEdge(key);
    }
    if (undirected) graph.addUndirectedEdgeWithKey(key, source, target, attrs);
    else graph.addDirectedEdgeWithKey(key, source, target, attrs);
  }
  const placed = new Set(fresh);
  for (const node of fresh) placeNearNeighbours(graph, node, placed);
  return { nodesChanged };
}

/** A new entity at the mean of its neighbours already on screen, a little off to one side. */
function placeNearNeighbours(graph: ViewGraph, node: string, fresh: Set<string>): void {
  let x = 0;
  let y = 0;
  let n = 0;
  graph.forEachNeighbor(node, (other, a) => {
    if (fresh.has(other)) return;
    x += a.x;
    y += a.y;
    n++;
  });
  if (!n) return;
  const spread = Math.max(1, Math.sqrt(graph.order) / 4);
  graph.mergeNodeAttributes(node, { x: x / n + spread, y: y / n + spread / 2 });
}
