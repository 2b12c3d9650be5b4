// The graph `kg view` keeps with the incremental compiler's fact table (fact-state.ts): built
// with the table, then updated in place, one fact identity at a time, as edits replace
// statements, so a small edit neither rebuilds a 100,000-edge graph nor sends it whole to the
// page (src/server/graph-delta.ts). Edges added in place go last in graphology's order;
// edgeOrder() gives the order a fresh compile adds them in, for exports.
import type { EdgeAttrs, KgGraph, SchemaInfo } from '../types.js';
import type { ResolvedRelation } from './facts.js';
import { sizeForDegree } from './layout.js';

/** What place() changed in the kept graph since it was last asked (see takeChanges). */
export interface GraphChanges {
  /** Edge keys added, removed or given new attributes (look them up in the graph). */
  edges: Set<string>;
  /** Nodes whose attributes changed (their size follows their degree). */
  nodes: Set<string>;
}

/** One identity's edge as a fresh compile builds it, and what first stated it (`F`). */
export interface KeptEdge<F> {
  relation: ResolvedRelation;
  attrs: EdgeAttrs;
  first: F;
}

/** Compares two report orders ([file, statement, fact, …]) element by element. */
export function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

/** `F`: what first stated an edge (a fact table contribution); `orderOf` its report order. */
export class KeptGraph<F> {
  private kept: { graph: KgGraph; schema: SchemaInfo } | undefined;
  /** What first stated each edge of the kept graph, by edge key (its order). */
  private readonly firsts = new Map<string, F>();
  /** False once place() changed an edge: it may be out of a fresh compile's order. */
  private ordered = true;
  private changes: GraphChanges = { edges: new Set(), nodes: new Set() };
  /** The edge order of graphs kept before the last reset, if they were out of order. */
  private readonly stale = new WeakMap<KgGraph, string[] | undefined>();

  constructor(private readonly orderOf: (first: F) => readonly number[]) {}

  get current(): { graph: KgGraph; schema: SchemaInfo } | undefined {
    return this.kept;
  }

  /** A new graph (or none) is being built from scratch; emitted() is told of its edges. */
  reset(graph: { graph: KgGraph; schema: SchemaInfo } | undefined): void {
    // The graph given out before keeps its order (its exports may still be asked for).
    if (this.kept && !this.ordered) this.stale.set(this.kept.graph, this.edgeOrder());
    this.firsts.clear();
    this.kept = graph;
    this.ordered = true;
    this.changes = { edges: new Set(), nodes: new Set() };
  }

  /** The graph being built got edge `key`, first stated by `first`. */
  emitted(key: string, first: F): void {
    this.firsts.set(key, first);
  }

  /**
   * Puts one identity's edge (undefined: none) into the kept graph as a fresh compile would
   * have it: the same key, ends and attributes. Its key is the identity (no explicit id is
   * involved, see FactState.replace). A new edge goes last, which a fresh compile may not do;
   * an edge kept may have a new first statement: edgeOrder() sorts them again.
   */
  place(key: string, edge: KeptEdge<F> | undefined): void {
    const graph = this.kept?.graph;
    if (!graph) return;
    const had = graph.hasEdge(key);
    const nodes = this.changes.nodes;
    const r = edge?.relation;
    const wanted = r && graph.hasNode(r.from) && graph.hasNode(r.to) ? r : undefined;
    if (had) {
      const [source, target] = graph.extremities(key);
      if (
        wanted &&
        graph.source(key) === wanted.from &&
        graph.target(key) === wanted.to &&
        graph.isUndirected(key) === wanted.symmetric
      ) {
        // A statement prepared again (its file parsed whole) mostly gives the same edge: it is
        // kept up to date (its evidence items are the statements' own, anchored on each
        // update) but reported as changed only when it differs.
        const same = contentOf(graph.getEdgeAttributes(key)) === contentOf(edge!.attrs);
        graph.replaceEdgeAttributes(key, edge!.attrs);
        this.firsts.set(key, edge!.first);
        // Its first statement may now come after another's (`[a, b] R c` became `[b, a] R c`).
        this.ordered = false;
        if (!same) this.changes.edges.add(key);
        return;
      }
      graph.dropEdge(key);
      this.firsts.delete(key);
      nodes.add(source).add(target);
    }
    if (wanted) {
      if (wanted.symmetric)
        graph.addUndirectedEdgeWithKey(key, wanted.from, wanted.to, edge!.attrs);
      else graph.addDirectedEdgeWithKey(key, wanted.from, wanted.to, edge!.attrs);
      this.firsts.set(key, edge!.first);
      this.ordered = false;
      nodes.add(wanted.from).add(wanted.to);
    }
    if (had || wanted) this.changes.edges.add(key);
  }

  /**
   * What place() changed since the last call, node sizes brought up to date first (they
   * follow the degree, as sizeNodes sets them).
   */
  takeChanges(): GraphChanges {
    const changes = this.changes;
    this.changes = { edges: new Set(), nodes: new Set() };
    const graph = this.kept?.graph;
    if (graph) {
      for (const node of changes.nodes) {
        if (!graph.hasNode(node)) continue;
        const size = sizeForDegree(graph.degree(node));
        if (graph.getNodeAttribute(node, 'size') === size) changes.nodes.delete(node);
        else graph.setNodeAttribute(node, 'size', size);
      }
    }
    return changes;
  }

  /**
   * The kept graph's edge keys in the order a fresh compile adds them (the order of the
   * statement that first stated each fact), or undefined when the graph is in that order.
   */
  edgeOrder(of: KgGraph | undefined = this.kept?.graph): string[] | undefined {
    const graph = this.kept?.graph;
    if (of !== graph) return of && this.stale.get(of);
    if (!graph || this.ordered) return undefined;
    const keyed = graph.mapEdges((key) => {
      const first = this.firsts.get(key);
      return { key, order: first === undefined ? [Infinity] : this.orderOf(first) };
    });
    keyed.sort((a, b) => compare(a.order, b.order));
    return keyed.map((k) => k.key);
  }
}

/** An edge's attributes as exported, but for quote anchors (set again on every update). */
function contentOf(attrs: EdgeAttrs): string {
  return JSON.stringify(attrs, (k, v: unknown) => (k === 'anchor' ? undefined : v));
}
