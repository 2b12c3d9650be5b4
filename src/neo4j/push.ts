// `kg push`: writes a compiled graph to Neo4j — schema first, then parameterised UNWIND
// batches (sources, entities, citations, relationships), each batch one executeWrite
// transaction, so an interrupted push leaves whole batches and a re-run completes it. A handful
// of fixed statement texts whatever the project's types (see statements.ts): a cold server
// compiles each once. Each phase is timed (PushSummary.phases, `kg push --verbose`).
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import type { KgGraph } from '../types.js';
import { toDriverProps, toNumber } from './driver-values.js';
import { classifyNeo4jError } from './errors.js';
import { batches, buildNeo4jModel, type Neo4jModel, type NodeRow } from './model.js';
import { ensureSchema, type PhaseTiming } from './prepare.js';
import { KgNeo4jError } from './errors.js';
import { pushRelationships, relParams, type RelParam } from './push-relationships.js';
import { pruneStatements, pushStatements, type PushStatements } from './statements.js';

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
  /** preparePush already created the schema (and planned the statements). */
  prepared?: boolean;
  onProgress?: (progress: PushProgress) => void;
}

export const DEFAULT_PUSH_OPTIONS: PushOptions = { batchSize: 5000, prune: false, dryRun: false };

export interface PushProgress {
  phase: 'sources' | 'entities' | 'citations' | 'relationships' | 'prune';
  done: number;
  total: number;
}

/** The steps of a push, in order, as timed in PushSummary.phases. */
export type PushPhase =
  | 'schema'
  | 'graph check'
  | 'create if new'
  | 'sources'
  | 'entities'
  | 'citations'
  | 'relationships: match'
  | 'relationships: moved'
  | 'relationships: create'
  | 'prune';

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
  citations: { created: number; deleted: number };
  transactions: number;
  ms: number;
  /** Nodes + relationships written (or checked) per second. */
  rate: number;
  /** Phases that ran, in order. */
  phases: PhaseTiming[];
}

export const zero = (): PushCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

export function addStatus(counts: PushCounts, status: string, n: number): void {
  if (status === 'created') counts.created += n;
  else if (status === 'same') counts.unchanged += n;
  else counts.updated += n;
}

const nodeParams = (rows: NodeRow[]) =>
  rows.map((r) => ({ id: r.id, props: toDriverProps(r.props) }));

/** What the relationship phases use of a running push. */
export interface PushContext {
  readonly model: Neo4jModel;
  readonly options: PushOptions;
  readonly summary: PushSummary;
  readonly statements: PushStatements;
  write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T>;
  phase<T>(phase: PushPhase, work: () => Promise<T>): Promise<T>;
  progress(phase: PushProgress['phase'], done: number, total: number): void;
}

class Pusher implements PushContext {
  readonly statements: PushStatements;
  readonly summary: PushSummary;
  private readonly started = performance.now();
  constructor(
    private readonly session: Session,
    readonly model: Neo4jModel,
    readonly options: PushOptions,
  ) {
    this.statements = pushStatements(options.dryRun);
    this.summary = {
      graph: model.graph,
      dryRun: options.dryRun,
      sources: zero(),
      nodes: zero(),
      relationships: zero(),
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

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.summary.transactions++;
    return this.session.executeRead(work);
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
        this.summary.transactions++;
        await ensureSchema(this.session);
      });
    }
    const entities = model.nodeGroups.flatMap((g) => g.rows);
    const rels = relParams(model);
    // A graph with no node yet has no relationship either: everything is created, nothing
    // needs looking up (the common first push) — in one statement when it fits in a batch.
    const first = await this.phase(options.dryRun ? 'graph check' : 'create if new', () =>
      this.first(entities, rels),
    );
    if (first !== 'created') {
      await this.phase('sources', () =>
        this.nodes(this.statements.sources, model.sources, summary.sources, 'sources'),
      );
      await this.phase('entities', () =>
        this.nodes(this.statements.entities, entities, summary.nodes, 'entities'),
      );
      if (!options.dryRun) await this.phase('citations', () => this.citations());
      await pushRelationships(this, rels, first === 'existed');
    }
    if (options.prune) await this.phase('prune', () => this.prune());
    summary.ms = Math.round(performance.now() - this.started);
    const items = entities.length + model.relGroups.reduce((n, g) => n + g.rows.length, 0);
    summary.rate = summary.ms > 0 ? Math.round((items * 1000) / summary.ms) : items;
    return summary;
  }

  /** Whether the graph existed; 'created' when the first statement wrote all of it. */
  private async first(
    entities: NodeRow[],
    rels: RelParam[],
  ): Promise<'existed' | 'new' | 'created'> {
    const { model, options, summary } = this;
    const graph = model.graph;
    if (options.dryRun) {
      const result = await this.read((tx) => tx.run(this.statements.first, { graph }));
      return result.records.length > 0 ? 'existed' : 'new';
    }
    const citations = model.citations.flatMap((c) =>
      c.sources.map((source) => ({ id: c.id, source })),
    );
    const rows = model.sources.length + entities.length + citations.length + rels.length;
    const whole = rows <= options.batchSize;
    const params = whole
      ? {
          graph,
          sources: nodeParams(model.sources),
          entities: nodeParams(entities),
          citations,
          rels,
        }
      : { graph, sources: [], entities: [], citations: [], rels: [] };
    const counts = await this.write(async (tx) => {
      const record = (await tx.run(this.statements.first, params)).records[0];
      const n = (key: string) => toNumber(record?.get(key));
      const existed = record?.get('existed') === true;
      if (!existed && n('relationships') < params.rels.length) {
        // Thrown inside the transaction function: nothing of the graph is written.
        throw new KgNeo4jError(
          'NEO4J_MISSING_ENDPOINT',
          `${params.rels.length - n('relationships')} relationship(s) name an entity missing in Neo4j`,
        );
      }
      return {
        existed,
        sources: n('sources'),
        entities: n('entities'),
        citations: n('citations'),
        rels: n('relationships'),
      };
    });
    if (counts.existed) return 'existed';
    if (!whole) return 'new';
    summary.sources.created += counts.sources;
    summary.nodes.created += counts.entities;
    summary.citations.created += counts.citations;
    summary.relationships.created += counts.rels;
    this.progress('relationships', rels.length, rels.length);
    return 'created';
  }

  private async nodes(
    statement: string,
    rows: NodeRow[],
    counts: PushCounts,
    phase: PushProgress['phase'],
  ): Promise<void> {
    const { options, model } = this;
    let done = 0;
    for (const batch of batches(rows, options.batchSize)) {
      const result = await this.write((tx) =>
        tx.run(statement, { rows: nodeParams(batch), graph: model.graph }),
      );
      let matched = 0;
      for (const record of result.records) {
        const n = toNumber(record.get('count'));
        matched += n;
        addStatus(counts, String(record.get('status')), n);
      }
      // The dry-run statement only returns rows that exist; the others would be created.
      if (options.dryRun) counts.created += batch.length - matched;
      this.progress(phase, (done += batch.length), rows.length);
    }
  }

  private async citations(): Promise<void> {
    const { model, options, summary } = this;
    const statement = this.statements.citations;
    let cited = 0;
    for (const batch of batches(model.citations, options.batchSize)) {
      const result = await this.write((tx) =>
        tx.run(statement, { rows: batch, graph: model.graph }),
      );
      const c = result.summary.counters.updates();
      summary.citations.created += c.relationshipsCreated;
      summary.citations.deleted += c.relationshipsDeleted;
      this.progress('citations', (cited += batch.length), model.citations.length);
    }
  }

  private async prune(): Promise<void> {
    const { model, options, summary } = this;
    const params = {
      graph: model.graph,
      relKeys: model.relGroups.flatMap((g) => g.rows.map((r) => `${g.type}:${r.id}`)),
      entityIds: model.nodeGroups.flatMap((g) => g.rows.map((r) => r.id)),
      sourceIds: model.sources.map((r) => r.id),
    };
    const targets = {
      relationships: summary.relationships,
      entities: summary.nodes,
      sources: summary.sources,
    };
    for (const statement of pruneStatements()) {
      const counts = targets[statement.label as keyof typeof targets];
      if (options.dryRun) {
        const result = await this.write((tx) => tx.run(statement.count, params));
        counts.deleted += toNumber(result.records[0]?.get('count') ?? 0);
      } else {
        const result = await this.write((tx) => tx.run(statement.remove, params));
        const c = result.summary.counters.updates();
        counts.deleted +=
          statement.label === 'relationships' ? c.relationshipsDeleted : c.nodesDeleted;
      }
      this.progress('prune', 1, 1);
    }
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
  const session = driver.session(opts.database ? { database: opts.database } : {});
  try {
    return await new Pusher(session, model, opts).run();
  } catch (error) {
    throw classifyNeo4jError(error, {
      uri: opts.uri ?? 'the server',
      ...(opts.database ? { database: opts.database } : {}),
    });
  } finally {
    await session.close();
  }
}
