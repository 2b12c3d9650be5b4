// `kg push`: writes a compiled graph to Neo4j — constraints first, then parameterised UNWIND
// batches (sources, entities per type, citations, relationships per type), each batch one
// executeWrite transaction, so an interrupted push leaves whole batches and a re-run completes it.
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import type { KgGraph } from '../types.js';
import { classifyNeo4jError, KgNeo4jError } from './errors.js';
import { ENTITY_LABEL, SOURCE_LABEL } from './identifiers.js';
import { batches, buildNeo4jModel, type Neo4jModel, type NodeRow, type RelRow } from './model.js';
import {
  citationStatement,
  constraintStatements,
  nodeDiffStatement,
  nodeStatement,
  PARAMS,
  pruneStatements,
  relClassifyStatement,
  relCreateStatement,
  relDeleteStatement,
  relUpdateStatement,
  removeLabelStatement,
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
const relParams = (rows: RelRow[]) =>
  rows.map((r) => ({ id: r.id, from: r.from, to: r.to, props: toDriverProps(r.props) }));

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
    };
  }

  private write<T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    this.summary.transactions++;
    return this.options.dryRun ? this.session.executeRead(work) : this.session.executeWrite(work);
  }

  private progress(phase: PushProgress['phase'], done: number, total: number): void {
    this.options.onProgress?.({ phase, done, total });
  }

  async run(): Promise<PushSummary> {
    const { model, options, summary } = this;
    const graph = model.graph;
    if (!options.dryRun) {
      for (const statement of constraintStatements(model.relGroups.map((g) => g.type))) {
        try {
          await this.write((tx) => tx.run(statement));
        } catch (error) {
          // IF NOT EXISTS still races with a concurrent push creating the same rule: fine.
          if (!isSchemaRuleRace(error)) throw error;
        }
      }
    }
    await this.nodes(SOURCE_LABEL, undefined, model.sources, summary.sources, 'sources');
    const retyped = new Set<string>();
    const totalEntities = model.nodeGroups.reduce((n, g) => n + g.rows.length, 0);
    let done = 0;
    for (const group of model.nodeGroups) {
      for (const old of await this.nodes(
        ENTITY_LABEL,
        group.label,
        group.rows,
        summary.nodes,
        'entities',
        done,
        totalEntities,
      )) {
        retyped.add(old);
      }
      done += group.rows.length;
    }
    for (const label of [...retyped].sort()) {
      await this.write((tx) => tx.run(removeLabelStatement(label, PARAMS), { graph }));
    }
    if (!options.dryRun) {
      let cited = 0;
      for (const batch of batches(model.citations, options.batchSize)) {
        const result = await this.write((tx) =>
          tx.run(citationStatement(PARAMS), { rows: batch, graph }),
        );
        const c = result.summary.counters.updates();
        summary.citations.created += c.relationshipsCreated;
        summary.citations.deleted += c.relationshipsDeleted;
        this.progress('citations', (cited += batch.length), model.citations.length);
      }
    }
    await this.relationships();
    if (options.prune) await this.prune();
    summary.ms = Math.round(performance.now() - this.started);
    const items = totalEntities + model.relGroups.reduce((n, g) => n + g.rows.length, 0);
    summary.rate = summary.ms > 0 ? Math.round((items * 1000) / summary.ms) : items;
    return summary;
  }

  /** Returns the old type labels of entities whose type changed. */
  private async nodes(
    label: string,
    entityType: string | undefined,
    rows: NodeRow[],
    counts: PushCounts,
    phase: PushProgress['phase'],
    offset = 0,
    total = rows.length,
  ): Promise<string[]> {
    const { options, model } = this;
    const statement = options.dryRun
      ? nodeDiffStatement(label, entityType)
      : nodeStatement(label, PARAMS, true, entityType);
    const retyped: string[] = [];
    let done = offset;
    for (const batch of batches(rows, options.batchSize)) {
      const result = await this.write((tx) =>
        tx.run(statement, { rows: nodeParams(batch), graph: model.graph }),
      );
      let matched = 0;
      for (const record of result.records) {
        const n = toNumber(record.get('count'));
        matched += n;
        addStatus(counts, String(record.get('status')), n);
        if (!options.dryRun) {
          for (const pair of record.get('retyped') as [string, string | null][]) {
            if (typeof pair[1] === 'string') retyped.push(pair[1]);
          }
        }
      }
      // The dry-run statement only returns rows that exist; the others would be created.
      if (options.dryRun) counts.created += batch.length - matched;
      this.progress(phase, (done += batch.length), total);
    }
    return retyped;
  }

  private async relationships(): Promise<void> {
    const { model, options, summary } = this;
    const total = model.relGroups.reduce((n, g) => n + g.rows.length, 0);
    const graph = model.graph;
    let done = 0;
    for (const group of model.relGroups) {
      const classify = relClassifyStatement(group.type);
      const create = relCreateStatement(group.type);
      const update = relUpdateStatement(group.type);
      const remove = relDeleteStatement(group.type);
      for (const batch of batches(group.rows, options.batchSize)) {
        const params = relParams(batch);
        // One transaction per batch: classify, then delete moved, create new, update changed.
        const outcome = await this.write(async (tx) => {
          const result = await tx.run(classify, { rows: params, graph });
          const status = new Map<string, string>(batch.map((r) => [r.id, 'created']));
          for (const record of result.records) {
            status.set(String(record.get('id')), String(record.get('status')));
          }
          const counts = zero();
          for (const s of status.values()) addStatus(counts, s === 'moved' ? 'updated' : s, 1);
          if (options.dryRun) return { counts };
          const moved = [...status].filter(([, s]) => s === 'moved').map(([id]) => id);
          if (moved.length) await tx.run(remove, { ids: moved, graph });
          const fresh = params.filter((r) => {
            const s = status.get(r.id);
            return s === 'created' || s === 'moved';
          });
          let created = 0;
          if (fresh.length) {
            const c = await tx.run(create, { rows: fresh, graph });
            created = toNumber(c.records[0]?.get('count') ?? 0);
          }
          if (created < fresh.length) {
            // Thrown inside the transaction function: the batch rolls back, nothing half-done.
            throw new KgNeo4jError(
              'NEO4J_MISSING_ENDPOINT',
              `${fresh.length - created} ${group.type} relationship(s) name an entity missing in Neo4j`,
            );
          }
          const changed = params.filter((r) => status.get(r.id) === 'updated');
          if (changed.length) await tx.run(update, { rows: changed, graph });
          return { counts };
        });
        for (const key of ['created', 'updated', 'unchanged'] as const) {
          summary.relationships[key] += outcome.counts[key];
        }
        this.progress('relationships', (done += batch.length), total);
      }
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
