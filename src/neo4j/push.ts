// `kg push`: writes a compiled graph to Neo4j. The schema first; then one statement that, for a
// graph not in the database yet, writes all of it (the usual first push); otherwise the graph
// as stored is read and compared with the data (push-diff.ts) and only the differences are
// written, in parameterised UNWIND batches, each batch one executeWrite transaction — so an
// interrupted push leaves whole batches and a re-run completes it. A handful of fixed statement
// texts whatever the project's types (statements.ts): a cold server compiles each once. Each
// phase is timed (PushSummary.phases, `kg push --verbose`).
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import type { KgGraph } from '../types.js';
import { toDriverProps, toNumber } from './driver-values.js';
import { withSession } from './connection.js';
import { ENTITY_LABEL, EVIDENCE_LABEL, SOURCE_LABEL } from './identifiers.js';
import {
  batches,
  buildNeo4jModel,
  type CitationRow,
  type Neo4jModel,
  type NodeRow,
} from './model.js';
import { ensureSchema, type PhaseTiming } from './prepare.js';
import { planForNewGraph, planFromStored, type NodeChanges, type PushPlan } from './push-diff.js';
import {
  pruneRelationships,
  relParams,
  writeRelationships,
  type RelParam,
} from './push-relationships.js';
import { CREATE_IF_NEW, firstPushParams, graphHash, SET_MARKER } from './push-first.js';
import { citationStatement, nodeDeleteStatement, nodeStatement, PARAMS } from './statements.js';

export type { PhaseTiming };

export interface PushOptions {
  /** Rows per UNWIND batch (one transaction each). */
  batchSize: number;
  /** Delete what this graph pushed before and is no longer in the data. */
  prune: boolean;
  /** Compute what would change (read-only), write nothing. */
  dryRun: boolean;
  /** Scopes everything pushed (kg_graph property); defaults to the graph's name. */
  graphName?: string;
  /** Absent: the server's default database. */
  database?: string;
  /** Server address, for error messages only. */
  uri?: string;
  /** The schema exists already (kg push stages it while compiling: prepare.ts). */
  prepared?: boolean;
  onProgress?: (progress: PushProgress) => void;
}

export const DEFAULT_PUSH_OPTIONS: PushOptions = { batchSize: 5000, prune: false, dryRun: false };

export interface PushProgress {
  phase: 'sources' | 'entities' | 'citations' | 'relationships' | 'evidence' | 'prune';
  done: number;
  total: number;
}

/** The steps of a push, in order, as timed in PushSummary.phases (only those that ran). */
export type PushPhase =
  | 'schema'
  | 'create if new'
  | 'read graph'
  | 'sources'
  | 'entities'
  | 'citations'
  | 'relationships: delete moved'
  | 'relationships: create'
  | 'relationships: update'
  | 'evidence'
  | 'evidence: delete stale'
  | 'prune'
  | 'marker';

export interface PushCounts {
  created: number;
  updated: number;
  unchanged: number;
  deleted: number;
}

export interface PushSummary {
  graph: string;
  dryRun: boolean;
  sources: PushCounts;
  nodes: PushCounts;
  relationships: PushCounts;
  /** Evidence items (one :Evidence node each). */
  evidence: PushCounts;
  citations: { created: number; deleted: number };
  transactions: number;
  ms: number;
  /** Nodes + relationships written (or checked) per second. */
  rate: number;
  /** Phases that ran, in order. */
  phases: PhaseTiming[];
}

const zero = (): PushCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

/** What the first statement found: `stored` is the graph's marker hash (null: none). */
interface FirstResult {
  kind: 'existed' | 'new' | 'created';
  stored: string | null;
}

/** Whether writing the plan changes the database. */
function writesAnything(plan: PushPlan, prune: boolean): boolean {
  const { sources, entities, evidence, citations, rels } = plan;
  return (
    sources.write.length + entities.write.length + evidence.write.length > 0 ||
    evidence.stale.length + citations.length > 0 ||
    rels.create.length + rels.update.length + rels.remove.length > 0 ||
    (prune && leavesAnything(plan))
  );
}

/** Whether the database keeps anything of the graph that the data no longer has. */
function leavesAnything(plan: PushPlan): boolean {
  const { sources, entities, evidence, rels } = plan;
  return sources.gone.length + entities.gone.length + evidence.gone.length + rels.gone.length > 0;
}

const nodeParams = (rows: NodeRow[]) =>
  rows.map((r) => ({ id: r.id, props: toDriverProps(r.props) }));

/** What the relationship phases use of a running push. */
export interface PushContext {
  readonly model: Neo4jModel;
  readonly options: PushOptions;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  phase<T>(phase: PushPhase, work: () => Promise<T>): Promise<T>;
  progress(phase: PushProgress['phase'], done: number, total: number): void;
}

class Pusher implements PushContext {
  readonly summary: PushSummary;
  private readonly started = performance.now();
  constructor(
    private readonly session: Session,
    readonly model: Neo4jModel,
    readonly options: PushOptions,
  ) {
    this.summary = {
      graph: model.graph,
      dryRun: options.dryRun,
      sources: zero(),
      nodes: zero(),
      relationships: zero(),
      evidence: zero(),
      citations: { created: 0, deleted: 0 },
      transactions: 0,
      ms: 0,
      rate: 0,
      phases: [],
    };
  }

  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.summary.transactions++;
    return this.options.dryRun ? this.session.executeRead(work) : this.session.executeWrite(work);
  }

  /** Runs one phase and records its time and transaction count. */
  async phase<T>(phase: PushPhase, work: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    const tx0 = this.summary.transactions;
    try {
      return await work();
    } finally {
      this.summary.phases.push({
        phase,
        start: Math.round(t0),
        ms: Math.round(performance.now() - t0),
        transactions: this.summary.transactions - tx0,
      });
    }
  }

  progress(phase: PushProgress['phase'], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total });
  }

  async run(): Promise<PushSummary> {
    const { model, options, summary } = this;
    if (!options.dryRun && !options.prepared) {
      await this.phase('schema', async () => {
        summary.transactions++;
        await ensureSchema(this.session);
      });
    }
    const entities = model.nodeGroups.flatMap((g) => g.rows);
    const rels = relParams(model);
    const hash = graphHash(model);
    const first: FirstResult = options.dryRun
      ? { kind: 'existed', stored: null }
      : await this.phase('create if new', () => this.createIfNew(rels, hash));
    // --prune compares in full whatever the marker says: it repairs a graph edited by hand.
    if (first.kind === 'existed' && first.stored === hash && !options.prune) {
      // The marker says the database holds exactly this data: nothing to read or write.
      summary.sources.unchanged = model.sources.length;
      summary.nodes.unchanged = entities.length;
      summary.relationships.unchanged = rels.length;
      summary.evidence.unchanged = model.evidence.length;
    } else if (first.kind !== 'created') {
      const plan =
        first.kind === 'new'
          ? planForNewGraph(model, rels)
          : await this.phase('read graph', () =>
              this.write((tx) => planFromStored(tx, model, rels)),
            );
      await this.apply(plan, first.stored, hash);
    }
    summary.ms = Math.round(performance.now() - this.started);
    const items = entities.length + rels.length + model.evidence.length;
    summary.rate = summary.ms > 0 ? Math.round((items * 1000) / summary.ms) : items;
    return summary;
  }

  /**
   * The first statement: whether the graph has any node yet, and its marker's hash; if not and
   * it fits in one batch, the whole graph is written at once ('created'); a larger new graph
   * ('new') gets the batched writes.
   */
  private async createIfNew(rels: RelParam[], hash: string): Promise<FirstResult> {
    const { model, options, summary } = this;
    const citations = model.citations.reduce((n, c) => n + c.sources.length, 0);
    const nodes = model.sources.length + model.evidence.length;
    const whole = nodes + model.nodeGroups.reduce((n, g) => n + g.rows.length, 0);
    // Too large for one transaction: the lists stay empty (batched writes follow).
    const fits = whole + citations + rels.length <= options.batchSize;
    const all = fits ? firstPushParams(model, rels, hash) : { nodes: [], rels: [], rows: 0 };
    const record = await this.write(async (tx) => {
      const result = await tx.run(CREATE_IF_NEW, {
        nodes: all.nodes,
        rels: all.rels,
        graph: model.graph,
      });
      return result.records[0];
    });
    const stored = record?.get('stored');
    if (record?.get('existed') === true) {
      return { kind: 'existed', stored: typeof stored === 'string' ? stored : null };
    }
    if (!fits) return { kind: 'new', stored: null };
    summary.sources.created += model.sources.length;
    summary.nodes.created += model.nodeGroups.reduce((n, g) => n + g.rows.length, 0);
    summary.citations.created += all.rels.length - rels.length;
    summary.relationships.created += rels.length;
    summary.evidence.created += model.evidence.length;
    this.progress('relationships', rels.length, rels.length);
    return { kind: 'created', stored: hash };
  }

  /** Sets the graph's marker (a null hash removes it). */
  private async mark(hash: string | null): Promise<void> {
    await this.write((tx) => tx.run(SET_MARKER, { graph: this.model.graph, hash }));
  }

  /**
   * Writes the plan. The marker (`stored`: the one in the database) goes before the first
   * write and comes back with `hash` after the last, if the database then holds exactly the
   * data (nothing left that --prune would delete).
   */
  private async apply(plan: PushPlan, stored: string | null, hash: string): Promise<void> {
    const { options, summary } = this;
    Object.assign(summary.sources, plan.sources.counts);
    Object.assign(summary.nodes, plan.entities.counts);
    Object.assign(summary.relationships, plan.rels.counts);
    Object.assign(summary.evidence, plan.evidence.counts);
    const writes = writesAnything(plan, options.prune);
    const exact = options.prune || !leavesAnything(plan);
    if (options.dryRun) {
      if (options.prune) await this.phase('prune', () => this.prune(plan));
      return;
    }
    if (writes && stored !== null) await this.phase('marker', () => this.mark(null));
    await this.nodes(SOURCE_LABEL, false, plan.sources, 'sources');
    await this.nodes(ENTITY_LABEL, true, plan.entities, 'entities');
    if (plan.citations.length > 0) {
      await this.phase('citations', () => this.citations(plan.citations));
    }
    await writeRelationships(this, plan.rels);
    await this.nodes(EVIDENCE_LABEL, false, plan.evidence, 'evidence');
    if (plan.evidence.stale.length > 0) {
      await this.phase('evidence: delete stale', () =>
        this.deleteNodes(EVIDENCE_LABEL, plan.evidence.stale),
      );
    }
    if (options.prune) await this.phase('prune', () => this.prune(plan));
    if (exact && (writes || stored !== hash)) await this.phase('marker', () => this.mark(hash));
  }

  private async nodes(
    label: string,
    typed: boolean,
    changes: NodeChanges,
    phase: 'sources' | 'entities' | 'evidence',
  ): Promise<void> {
    if (changes.write.length === 0) return;
    const statement = nodeStatement(label, PARAMS, true, typed);
    await this.phase(phase, async () => {
      let done = 0;
      for (const batch of batches(changes.write, this.options.batchSize)) {
        const rows = nodeParams(batch);
        await this.write((tx) => tx.run(statement, { rows, graph: this.model.graph }));
        this.progress(phase, (done += batch.length), changes.write.length);
      }
    });
  }

  private async citations(rows: CitationRow[]): Promise<void> {
    const { model, options, summary } = this;
    const statement = citationStatement(PARAMS);
    let cited = 0;
    for (const batch of batches(rows, options.batchSize)) {
      const result = await this.write((tx) =>
        tx.run(statement, { rows: batch, graph: model.graph }),
      );
      const c = result.summary.counters.updates();
      summary.citations.created += c.relationshipsCreated;
      summary.citations.deleted += c.relationshipsDeleted;
      this.progress('citations', (cited += batch.length), rows.length);
    }
  }

  /** --prune: relationships, entities and sources stored for this graph and gone from the data. */
  private async prune(plan: PushPlan): Promise<void> {
    const { options, summary } = this;
    summary.relationships.deleted += await pruneRelationships(this, plan.rels.gone);
    for (const [label, changes, counts] of [
      [ENTITY_LABEL, plan.entities, summary.nodes],
      [SOURCE_LABEL, plan.sources, summary.sources],
      [EVIDENCE_LABEL, plan.evidence, summary.evidence],
    ] as const) {
      counts.deleted += options.dryRun
        ? changes.gone.length
        : await this.deleteNodes(label, changes.gone);
    }
    this.progress('prune', 1, 1);
  }

  /** Deletes nodes of the graph by id, with their relationships; returns how many. */
  private async deleteNodes(label: string, ids: string[]): Promise<number> {
    const statement = nodeDeleteStatement(label);
    let deleted = 0;
    for (const batch of batches(ids, this.options.batchSize)) {
      const result = await this.write((tx) =>
        tx.run(statement, { ids: batch, graph: this.model.graph }),
      );
      deleted += toNumber(result.records[0]?.get('count'));
    }
    return deleted;
  }
}

/** Pushes (or with dryRun, diffs) a graph; connection-level failures become KgNeo4jErrors. */
export async function pushGraph(
  driver: Driver,
  graph: KgGraph,
  options: Partial<PushOptions> = {},
): Promise<PushSummary> {
  const opts: PushOptions = { ...DEFAULT_PUSH_OPTIONS, ...options };
  const model = buildNeo4jModel(graph, opts.graphName);
  return withSession(driver, opts, (session) => new Pusher(session, model, opts).run());
}
