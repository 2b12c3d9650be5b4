// Who stands where: actors (sources of relations) × targets for the relation types that declare
// a positive or negative polarity, over the visible relations. Pure (tested in Node).
import type { ViewGraph, Visibility } from '../model.js';

export interface StanceCell {
  actor: string;
  target: string;
  positive: string[];
  negative: string[];
}

export interface StanceMatrix {
  /** Relation types with a positive or negative polarity. */
  types: string[];
  actors: string[];
  targets: string[];
  /** How many actors and targets there were before the cut to the most active. */
  totalActors: number;
  totalTargets: number;
  cells: Map<string, StanceCell>;
}

export const cellKey = (actor: string, target: string): string => `${actor}\u0000${target}`;

/** The actors and targets with the most polar relations first (ties by label). */
export function stanceMatrix(
  graph: ViewGraph,
  vis: Visibility,
  limits = { actors: 40, targets: 30 },
): StanceMatrix {
  const relations = graph.getAttribute('schema').relations;
  const types = Object.keys(relations).filter((t) => {
    const p = relations[t]?.polarity;
    return p === 'positive' || p === 'negative';
  });
  const polar = new Set(types);
  const cells = new Map<string, StanceCell>();
  const actorCount = new Map<string, number>();
  const targetCount = new Map<string, number>();
  const add = (actor: string, target: string, edge: string, positive: boolean): void => {
    const key = cellKey(actor, target);
    let c = cells.get(key);
    if (!c) cells.set(key, (c = { actor, target, positive: [], negative: [] }));
    (positive ? c.positive : c.negative).push(edge);
    actorCount.set(actor, (actorCount.get(actor) ?? 0) + 1);
    targetCount.set(target, (targetCount.get(target) ?? 0) + 1);
  };
  for (const e of vis.edges) {
    const type = graph.getEdgeAttribute(e, 'type');
    if (!polar.has(type)) continue;
    const positive = relations[type]?.polarity === 'positive';
    const [s, t] = graph.extremities(e);
    add(s, t, e, positive);
    // A symmetric stance (ALLIED_WITH) holds both ways.
    if (!graph.isDirected(e) && s !== t) add(t, s, e, positive);
  }
  const label = (n: string): string => graph.getNodeAttribute(n, 'label') || n;
  const rank = (counts: Map<string, number>): string[] =>
    [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0])))
      .map(([n]) => n);
  const actors = rank(actorCount);
  const shown = new Set(actors.slice(0, limits.actors));
  // Targets ranked by their stances among the actors shown, so the cut keeps the matrix dense.
  const amongShown = new Map<string, number>();
  for (const c of cells.values()) {
    if (shown.has(c.actor))
      amongShown.set(
        c.target,
        (amongShown.get(c.target) ?? 0) + c.positive.length + c.negative.length,
      );
  }
  return {
    types,
    actors: [...shown],
    targets: rank(amongShown).slice(0, limits.targets),
    totalActors: actors.length,
    totalTargets: targetCount.size,
    cells,
  };
}
