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
import type { KgGraph, SchemaInfo } from '../types.js';
import { addRelation, mergedAttributes, mergeRelation, relationAttributes } from './build-graph.js';
import { deriveRelationId, FactTable, type FactStatement } from './facts.js';
import { compare, KeptGraph, type GraphChanges, type KeptEdge } from './kept-graph.js';
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

export type { GraphChanges } from './kept-graph.js';

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
  private readonly kept = new KeptGraph<Contribution>(orderOf);

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
    this.kept.reset(graph);
    const sink = new DiagnosticSink();
    let current: Outcome | undefined;
    let contribution: Contribution | undefined;
    const table = new FactTable(sink, {
      emit: (relation) => {
        current!.fact = { type: relation.type, from: relation.from, to: relation.to };
        current!.evidence = relation.evidence.length;
        if (graph) {
          addRelation(graph.graph, graph.schema, relation);
          this.kept.emitted(relation.id, contribution!);
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
    const kept = this.kept.current;
    // The edge as a fresh compile builds it: the first statement's attributes, then merges.
    let edge: KeptEdge<Contribution> | undefined;
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
    if (kept) this.kept.place(identity, edge);
    if (!list) {
      this.outcomes.delete(identity);
      this.noisy.delete(identity);
      return;
    }
    this.outcomes.set(identity, outcome);
    if (!outcome.diagnostics.length) this.noisy.delete(identity);
    this.count(identity, outcome, 1);
  }

  /** The kept graph (undefined: none, or the table was rebuilt without one). */
  get graph(): KgGraph | undefined {
    return this.kept.current?.graph;
  }

  /** What replace() changed in the kept graph since the last call (see KeptGraph). */
  takeGraphChanges(): GraphChanges {
    return this.kept.takeChanges();
  }

  /** The kept graph's edge keys in a fresh compile's order (see KeptGraph.edgeOrder). */
  edgeOrder(of?: KgGraph): string[] | undefined {
    return this.kept.edgeOrder(of);
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

function bump(map: Map<string, number>, key: string, n: number): void {
  const value = (map.get(key) ?? 0) + n;
  if (value) map.set(key, value);
  else map.delete(key);
}
