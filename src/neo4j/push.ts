// `kg push`: writes a compiled graph to Neo4j — schema first, then parameterised UNWIND
// batches (sources, entities, citations, relationships), each batch one executeWrite
// transaction, so an interrupted push leaves whole batches and a re-run completes it. A handful
// of fixed statement texts whatever the project's types (see statements.ts): a cold server
// compiles each once. Each phase is timed (PushSummary.phases, `kg push --verbose`).
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import type { KgGraph } from '../types.js';
import { classifyNeo4jError, KgNeo4jError } from './errors.js';
import { ENTITY_LABEL, SOURCE_LABEL } from './identifiers.js';
import {
  batches,
  buildNeo4jModel,
  entityDegrees,
  lookupFromTarget,
  type Neo4jModel,
  type NodeRow,
} from './model.js';
import {
  citationStatement,
  constraintStatements,
  GRAPH_EXISTS,
  movedStatement,
  nodeDiffStatement,
  nodeStatement,
  PARAMS,
  pruneStatements,
  REL_CREATE,
  relMatchStatement,
} from './statements.js';
import { toDriverProps } from './driver-values.js';

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
  | 'sources'
  | 'entities'
  | 'citations'
  | 'relationships: match'
  | 'relationships: moved'
  | 'relationships: create'
  | 'prune';

export interface PhaseTiming {
  /** A PushPhase (the CLI adds its own: compile, connect). */
  phase: string;
  ms: number;
  /** Transactions this phase ran. */
  transactions: number;
}

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

const SCHEMA_RACE =
  /^Neo\.ClientError\.Schema\.(EquivalentSchemaRuleAlreadyExists|ConstraintAlreadyExists|IndexAlreadyExists)$/;

function isSchemaRuleRace(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  return typeof code === 'string' && SCHEMA_RACE.test(code);
}

const zero = (): PushCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value);
}

function addStatus(counts: PushCounts, status: string, n: number): void {
  if (status === 'created') counts.created += n;
  else if (status === 'same') counts.unchanged += n;
  else counts.updated += n;
}

const nodeParams = (rows: NodeRow[]) =>
  rows.map((r) => ({ id: r.id, props: toDriverProps(r.props) }));

/** A relationship row as the statements take it (`rev`: look it up from its target). */
interface RelParam {
  id: string;
  type: string;
  from: string;
  to: string;
  rev: boolean;
  props: Record<string, unknown>;
}

function relParams(model: Neo4jModel): RelParam[] {
  const degree = entityDegrees(model);
  return model.relGroups.flatMap((group) =>
    group.rows.map((r) => ({
      id: r.id,
      type: group.type,
      from: r.from,
      to: r.to,
      rev: lookupFromTarget(r, degree),
      props: toDriverProps(r.props),
    })),
  );
}

class Pusher {
  readonly summary: PushSummary;
  private readonly started = performance.now();
  constructor(
    private readonly session: Session,
    private readonly model: Neo4jModel,
    private readonly options: PushOptions,
  ) {
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

  private write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.summary.transactions++;
    return this.options.dryRun ? this.session.executeRead(work) : this.session.executeWrite(work);
  }

  private read<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.summary.transactions++;
    return this.session.executeRead(work);
  }

  /** Runs one phase and records its time and transaction count. */
  private async phase<T>(phase: PushPhase, work: () => Promise<T>): Promise<T> {
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

  private progress(phase: PushProgress['phase'], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total });
  }

  async run(): Promise<PushSummary> {
    const { model, options, summary } = this;
    const graph = model.graph;
    if (!options.dryRun) await this.phase('schema', () => this.schema());
    // A graph with no entity yet has no relationship either: everything is created, nothing
    // needs looking up (the common first push).
    const existed = await this.phase('graph check', async () => {
      const result = await this.read((tx) => tx.run(GRAPH_EXISTS, { graph }));
      return result.records.length > 0;
    });
    await this.phase('sources', () =>
      this.nodes(SOURCE_LABEL, false, model.sources, summary.sources, 'sources'),
    );
    const entities = model.nodeGroups.flatMap((g) => g.rows);
    await this.phase('entities', () =>
      this.nodes(ENTITY_LABEL, true, entities, summary.nodes, 'entities'),
    );
    if (!options.dryRun) await this.phase('citations', () => this.citations());
    await this.relationships(existed);
    if (options.prune) await this.phase('prune', () => this.prune());
    summary.ms = Math.round(performance.now() - this.started);
    const items = entities.length + model.relGroups.reduce((n, g) => n + g.rows.length, 0);
    summary.rate = summary.ms > 0 ? Math.round((items * 1000) / summary.ms) : items;
    return summary;
  }

  /** Constraints and index, in one schema transaction. */
  private async schema(): Promise<void> {
    const run = () =>
      this.write(async (tx) => {
        for (const statement of constraintStatements()) await tx.run(statement);
      });
    try {
      await run();
    } catch (error) {
      // IF NOT EXISTS still races with a concurrent push creating the same rule: once more.
      if (!isSchemaRuleRace(error)) throw error;
      await run();
    }
  }

  private async nodes(
    label: string,
    typed: boolean,
    rows: NodeRow[],
    counts: PushCounts,
    phase: PushProgress['phase'],
  ): Promise<void> {
    const { options, model } = this;
    const statement = options.dryRun
      ? nodeDiffStatement(label, typed)
      : nodeStatement(label, PARAMS, true, typed);
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
    const statement = citationStatement(PARAMS);
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

  /**
   * A graph that existed: match each row between its endpoints (updating changed ones), then
   * delete relationships whose id moved to other endpoints; then create the missing rows.
   */
  private async relationships(existed: boolean): Promise<void> {
    const { model, options, summary } = this;
    const graph = model.graph;
    const rows = relParams(model);
    let missing = rows;
    if (existed) {
      missing = await this.phase('relationships: match', async () => {
        const statement = relMatchStatement(options.dryRun);
        const status = new Map<string, string>();
        let done = 0;
        for (const batch of batches(rows, options.batchSize)) {
          const result = await this.write((tx) => tx.run(statement, { rows: batch, graph }));
          for (const record of result.records) {
            status.set(String(record.get('id')), String(record.get('status')));
          }
          this.progress('relationships', (done += batch.length), rows.length);
        }
        for (const s of status.values())
          if (s !== 'missing') addStatus(summary.relationships, s, 1);
        return rows.filter((r) => status.get(r.id) === 'missing');
      });
      if (missing.length > 0) {
        const moved = await this.phase('relationships: moved', async () => {
          const ends: Record<string, [string, string]> = Object.create(null);
          for (const r of missing) ends[`${r.type}:${r.id}`] = [r.from, r.to];
          const statement = movedStatement('$ends', '$graph', options.dryRun);
          const result = await this.write((tx) => tx.run(statement, { ends, graph }));
          return new Set((result.records[0]?.get('keys') ?? []) as string[]);
        });
        summary.relationships.updated += moved.size;
        summary.relationships.created += missing.length - moved.size;
      } else return;
    } else summary.relationships.created += missing.length;
    if (options.dryRun) return;
    await this.phase('relationships: create', () => this.create(missing));
  }

  private async create(rows: RelParam[]): Promise<void> {
    const graph = this.model.graph;
    let done = 0;
    for (const batch of batches(rows, this.options.batchSize)) {
      const created = await this.write(async (tx) => {
        const result = await tx.run(REL_CREATE, { rows: batch, graph });
        const count = toNumber(result.records[0]?.get('count') ?? 0);
        if (count < batch.length) {
          // Thrown inside the transaction function: the batch rolls back, nothing half-done.
          throw new KgNeo4jError(
            'NEO4J_MISSING_ENDPOINT',
            `${batch.length - count} relationship(s) name an entity missing in Neo4j`,
          );
        }
        return count;
      });
      this.progress('relationships', (done += created), rows.length);
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
