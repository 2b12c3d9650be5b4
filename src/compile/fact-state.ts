// The fact table of the incremental compiler, kept between edits. A fresh compile adds every
// statement's facts to one table in order (reference edges first, then files in path order,
// statements in position order); what it finds for one identity (the fact, its evidence, KG203)
// depends only on the statements of that identity, in that order — except where explicit ids
// are involved (KG113/KG118 compare ids across identities). So when statements change, only
// the identities they had before and have now are added again, each to a table of its own;
// identities tied to an explicit id, and any change to a statement with one, rebuild it all.
// Diagnostics carry the place of the statement that reported them and are given back in the
// order a fresh compile reports them. KG201 reads per-entity connection counts.
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import type { EdgeAttrs, KgGraph, SchemaInfo } from '../types.js';
import { addRelation, mergedAttributes, mergeRelation, relationAttributes } from './build-graph.js';
import { deriveRelationId, FactTable, type FactStatement, type ResolvedRelation } from './facts.js';
import { sizeForDegree } from './layout.js';
import type { PreparedStatement } from './resolve-relations.js';

/** A statement as the fact table sees it (incremental.ts keeps these). */
export interface FactSource {
  prepared: PreparedStatement | undefined;
  /** deriveRelationId of each prepared fact. */
  identities: string[];
  /** Entities it connects (endpoints, `ref` values), counted for KG201. */
  touches: string[];
  /** Its file's place in project order, and its own place in the file (kept up to date). */
  file: number;
  index: number;
}

/** One fact of one statement, or a reference edge (`stmt` undefined, `index` its order). */
interface Contribution {
  stmt: FactSource | undefined;
  index: number;
  fact: number;
  statement: FactStatement;
  span: Span;
  spans: readonly Span[] | undefined;
}

/** The graph kept with the table (kg view), updated in place by replace(). */
export interface KeptGraph {
  graph: KgGraph;
  schema: SchemaInfo;
}

/** What replace() changed in the kept graph since it was last asked (see takeGraphChanges). */
export interface GraphChanges {
  /** Edge keys added, removed or given new attributes (look them up in the graph). */
  edges: Set<string>;
  /** Nodes whose attributes changed (their size follows their degree). */
  nodes: Set<string>;
}

/** Report order: reference edges, then by file, statement and fact; `seq` within one add. */
export type Order = [file: number, index: number, fact: number, seq: number];

interface Outcome {
  /** The fact as first emitted (undefined: every statement of it was refused, e.g. KG113). */
  fact: { type: string; from: string; to: string } | undefined;
  evidence: number;
  diagnostics: [Order, Diagnostic][];
}

function orderOf(c: Contribution): [number, number, number] {
  return c.stmt ? [c.stmt.file, c.stmt.index, c.fact] : [-1, c.index, c.fact];
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

function contributions(stmt: FactSource): Contribution[] {
  const p = stmt.prepared;
  if (!p) return [];
  return p.facts.map((statement, fact) => ({
    stmt,
    index: 0,
    fact,
    statement,
    span: p.span,
    spans: p.spans,
  }));
}

export class FactState {
  /** Contributions by identity, in report order. */
  private readonly lists = new Map<string, Contribution[]>();
  private readonly outcomes = new Map<string, Outcome>();
  /** Identities whose outcome has diagnostics. */
  private readonly noisy = new Set<string>();
  /** Statements connecting each entity (KG201). */
  private readonly touched = new Map<string, number>();
  /** Identities an explicit id claims, and the explicit ids themselves (see the top). */
  private readonly entangled = new Set<string>();
  readonly degree = new Map<string, number>();
  readonly relationCounts = new Map<string, number>();
  readonly evidenceCounts = new Map<string, number>();
  /** True once built (replace() needs a state to update). */
  built = false;
  /** The graph built with the table, if any (kept while replace() can update it). */
  private kept: KeptGraph | undefined;
  /** The contribution that emitted each edge of the kept graph, by edge key (its order). */
  private readonly firsts = new Map<string, Contribution>();
  /** False once replace() changed an edge: it may be out of a fresh compile's order. */
  private ordered = true;
  private changes: GraphChanges = { edges: new Set(), nodes: new Set() };
  /** The edge order of graphs kept before the last rebuild, if they were out of order. */
  private readonly stale = new WeakMap<KgGraph, string[] | undefined>();

  /** True when some statement connects `id` (for reportUnconnected). */
  readonly connected = { has: (id: string) => (this.touched.get(id) ?? 0) > 0 };

  /** Everything again, in report order; with `graph`, its facts are added to it too. */
  rebuild(
    references: readonly { fact: FactStatement; span: Span }[],
    statements: Iterable<FactSource>,
    graph?: { graph: KgGraph; schema: SchemaInfo },
  ): void {
    for (const map of [this.lists, this.outcomes, this.touched, this.degree]) map.clear();
    for (const map of [this.relationCounts, this.evidenceCounts]) map.clear();
    this.noisy.clear();
    this.entangled.clear();
    // The graph given out before keeps its order (its exports may still be asked for).
    if (this.kept && !this.ordered) this.stale.set(this.kept.graph, this.edgeOrder());
    this.firsts.clear();
    this.kept = graph;
    this.ordered = true;
    this.changes = { edges: new Set(), nodes: new Set() };
    const sink = new DiagnosticSink();
    let current: Outcome | undefined;
    let contribution: Contribution | undefined;
    const table = new FactTable(sink, {
      emit: (relation) => {
        current!.fact = { type: relation.type, from: relation.from, to: relation.to };
        current!.evidence = relation.evidence.length;
        if (graph) {
          addRelation(graph.graph, graph.schema, relation);
          this.firsts.set(relation.id, contribution!);
        }
      },
      merge: (merge) => {
        current!.evidence += merge.evidence.length;
        if (graph) mergeRelation(graph.graph, merge);
      },
    });
    const add = (c: Contribution, identity: string) => {
      let list = this.lists.get(identity);
      if (!list) this.lists.set(identity, (list = []));
      list.push(c);
      current = this.outcomes.get(identity);
      if (!current) this.outcomes.set(identity, (current = this.empty()));
      contribution = c;
      const before = sink.items.length;
      table.add(c.statement, c.span, c.spans, c.stmt?.prepared?.id, identity);
      this.tag(current, identity, orderOf(c), sink.items.splice(before));
    };
    references.forEach(({ fact, span }, index) => {
      const c = { stmt: undefined, index, fact: 0, statement: fact, span, spans: [] };
      add(c, deriveRelationId(fact));
    });
    for (const stmt of statements) {
      for (const id of stmt.touches) this.bumpTouch(id, 1);
      const id = stmt.prepared?.id;
      contributions(stmt).forEach((c, i) => {
        const identity = stmt.identities[i]!;
        if (id) this.entangled.add(identity).add(id.value);
        add(c, identity);
      });
    }
    for (const [identity, outcome] of this.outcomes) this.count(identity, outcome, 1);
    this.built = true;
  }

  /**
   * Statements `removed` are gone and `added` are in (their `file`/`index` set, as every other
   * statement's). False when that needs a rebuild instead (explicit ids).
   */
  replace(removed: readonly FactSource[], added: readonly FactSource[]): boolean {
    if (!this.built) return false;
    const identities = new Set<string>();
    for (const stmt of [...removed, ...added]) {
      if (stmt.prepared?.id) return false;
      for (const identity of stmt.identities) {
        if (this.entangled.has(identity)) return false;
        identities.add(identity);
      }
    }
    for (const stmt of removed) for (const id of stmt.touches) this.bumpTouch(id, -1);
    for (const stmt of added) for (const id of stmt.touches) this.bumpTouch(id, 1);
    const gone = new Set(removed);
    for (const identity of identities) {
      const list = this.lists.get(identity)?.filter((c) => !c.stmt || !gone.has(c.stmt)) ?? [];
      if (list.length) this.lists.set(identity, list);
      else this.lists.delete(identity);
    }
    const sorted = new Set<Contribution[]>();
    for (const stmt of added) {
      contributions(stmt).forEach((c, i) => {
        const identity = stmt.identities[i]!;
        let list = this.lists.get(identity);
        if (!list) this.lists.set(identity, (list = []));
        list.push(c);
        if (list.length > 1) sorted.add(list);
      });
    }
    for (const list of sorted) list.sort((a, b) => compare(orderOf(a), orderOf(b)));
    for (const identity of identities) this.recompute(identity);
    return true;
  }

  /** The fact table's diagnostics with their report order (reference edges' are [-1, …]). */
  diagnostics(): [Order, Diagnostic][] {
    const all: [Order, Diagnostic][] = [];
    for (const identity of this.noisy) {
      for (const entry of this.outcomes.get(identity)!.diagnostics) all.push(entry);
    }
    return all.sort((a, b) => compare(a[0], b[0]));
  }

  /** One identity's statements added again, alone (no explicit id is involved: see replace). */
  private recompute(identity: string): void {
    const old = this.outcomes.get(identity);
    if (old) this.count(identity, old, -1);
    const list = this.lists.get(identity);
    const outcome = this.empty();
    const sink = new DiagnosticSink();
    const kept = this.kept;
    // The edge as a fresh compile builds it: the first statement's attributes, then merges.
    let edge: { relation: ResolvedRelation; attrs: EdgeAttrs; first: Contribution } | undefined;
    let contribution: Contribution | undefined;
    const table = new FactTable(sink, {
      emit: (relation) => {
        outcome.fact = { type: relation.type, from: relation.from, to: relation.to };
        outcome.evidence = relation.evidence.length;
        if (kept) {
          const attrs = relationAttributes(kept.schema, relation);
          edge = { relation, attrs, first: contribution! };
        }
      },
      merge: (merge) => {
        outcome.evidence += merge.evidence.length;
        if (edge) edge.attrs = mergedAttributes(edge.attrs, merge);
      },
    });
    for (const c of list ?? []) {
      contribution = c;
      table.add(c.statement, c.span, c.spans, undefined, identity);
      this.tag(outcome, identity, orderOf(c), sink.items.splice(0));
    }
    if (kept) this.place(kept.graph, identity, edge);
    if (!list) {
      this.outcomes.delete(identity);
      this.noisy.delete(identity);
      return;
    }
    this.outcomes.set(identity, outcome);
    if (!outcome.diagnostics.length) this.noisy.delete(identity);
    this.count(identity, outcome, 1);
  }

  /**
   * Puts one identity's edge (undefined: none) into the kept graph as a fresh compile would
   * have it: the same key, ends and attributes. Its key is the identity (no explicit id is
   * involved, see replace). A new edge goes last, which a fresh compile may not do; an edge
   * kept may have a new first statement: edgeOrder() sorts them again.
   */
  private place(
    graph: KgGraph,
    key: string,
    edge: { relation: ResolvedRelation; attrs: EdgeAttrs; first: Contribution } | undefined,
  ): void {
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

  /** The kept graph (undefined: none, or the table was rebuilt without one). */
  get graph(): KgGraph | undefined {
    return this.kept?.graph;
  }

  /**
   * What replace() changed in the kept graph since the last call, node sizes brought up to
   * date first (they follow the degree, as sizeNodes sets them).
   */
  takeGraphChanges(): GraphChanges {
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
      return { key, order: first ? orderOf(first) : [Infinity] };
    });
    keyed.sort((a, b) => compare(a.order, b.order));
    return keyed.map((k) => k.key);
  }

  private empty(): Outcome {
    return { fact: undefined, evidence: 0, diagnostics: [] };
  }

  private tag(
    outcome: Outcome,
    identity: string,
    order: [number, number, number],
    found: Diagnostic[],
  ): void {
    found.forEach((d, seq) => outcome.diagnostics.push([[...order, seq], d]));
    if (found.length) this.noisy.add(identity);
  }

  /** Adds (sign 1) or takes away (-1) an outcome's share of the counts. */
  private count(identity: string, outcome: Outcome, sign: 1 | -1): void {
    const fact = outcome.fact;
    if (!fact) return;
    if (sign > 0) this.evidenceCounts.set(identity, outcome.evidence);
    else this.evidenceCounts.delete(identity);
    bump(this.relationCounts, fact.type, sign);
    bump(this.degree, fact.from, sign);
    if (fact.to !== fact.from) bump(this.degree, fact.to, sign);
  }

  private bumpTouch(id: string, n: number): void {
    bump(this.touched, id, n);
  }
}

/** An edge's attributes as exported, but for quote anchors (set again on every update). */
function contentOf(attrs: EdgeAttrs): string {
  return JSON.stringify(attrs, (k, v: unknown) => (k === 'anchor' ? undefined : v));
}

function bump(map: Map<string, number>, key: string, n: number): void {
  const value = (map.get(key) ?? 0) + n;
  if (value) map.set(key, value);
  else map.delete(key);
}
