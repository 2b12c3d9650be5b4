// What a push must write: the data compared with what the graph holds in Neo4j (one read of the
// graph, streamed record by record), so that an unchanged push runs one read statement and
// writes nothing, and a changed one writes only the rows that differ. Also what --dry-run
// reports. Values compare exactly, types included (see sameProps).
import type { ManagedTransaction } from 'neo4j-driver';
import { sameProps } from './driver-values.js';
import type { CitationRow, Neo4jModel, NodeRow } from './model.js';
import type { PushCounts } from './push.js';
import type { RelParam } from './push-relationships.js';
import { READ_GRAPH } from './statements.js';

export interface NodeChanges {
  /** Rows to create or update (MERGE). */
  write: NodeRow[];
  counts: PushCounts;
  /** Stored ids no longer in the data (deleted with --prune). */
  gone: string[];
}

export interface PushPlan {
  sources: NodeChanges;
  entities: NodeChanges;
  /**
   * Evidence items: `gone` are those of relationships gone from the data (deleted with
   * --prune, with their relationship); `stale` those of relationships still in the data that
   * no longer have that many items (always deleted: a fact's evidence is exactly its items).
   */
  evidence: NodeChanges & { stale: string[] };
  /** Entities whose CITED_IN links differ from their `sources`. */
  citations: CitationRow[];
  rels: {
    create: RelParam[];
    update: RelParam[];
    /** Stored relationships to delete first: ids now between other endpoints, duplicates. */
    remove: RelParam[];
    /** Stored relationships no longer in the data (deleted with --prune). */
    gone: RelParam[];
    counts: PushCounts;
  };
}

const zero = (): PushCounts => ({ created: 0, updated: 0, unchanged: 0, deleted: 0 });
const relKey = (type: string, id: string) => `${type}:${id}`;

function nodeChanges(rows: NodeRow[], stored: Set<string>, same: Set<string>): NodeChanges {
  const counts = zero();
  const write: NodeRow[] = [];
  for (const row of rows) {
    if (same.has(row.id)) counts.unchanged++;
    else {
      write.push(row);
      if (stored.has(row.id)) counts.updated++;
      else counts.created++;
    }
  }
  return { write, counts, gone: [] };
}

/** A stored relationship as a row (its stored endpoints; no properties needed to delete it). */
function storedRel(type: string, id: string, ends: string[]): RelParam {
  return { id, type, from: ends[0] ?? '', to: ends[1] ?? '', rev: false, props: {} };
}

/** The plan of a graph that has nothing stored: everything is created. */
export function planForNewGraph(model: Neo4jModel, rels: RelParam[]): PushPlan {
  const entities = model.nodeGroups.flatMap((g) => g.rows);
  return {
    sources: nodeChanges(model.sources, new Set(), new Set()),
    entities: nodeChanges(entities, new Set(), new Set()),
    evidence: { ...nodeChanges(model.evidence, new Set(), new Set()), stale: [] },
    citations: model.citations.filter((c) => c.sources.length > 0),
    rels: {
      create: rels,
      update: [],
      remove: [],
      gone: [],
      counts: { ...zero(), created: rels.length },
    },
  };
}

/** Reads the graph as stored and compares it with the model. */
export async function planFromStored(
  tx: ManagedTransaction,
  model: Neo4jModel,
  rels: RelParam[],
): Promise<PushPlan> {
  const entityRows = new Map(model.nodeGroups.flatMap((g) => g.rows).map((r) => [r.id, r]));
  const sourceRows = new Map(model.sources.map((r) => [r.id, r]));
  const citeRows = new Map(model.citations.map((c) => [c.id, c]));
  const relRows = new Map(rels.map((r) => [relKey(r.type, r.id), r]));
  const relProps = new Map(
    model.relGroups.flatMap((g) => g.rows.map((r) => [relKey(g.type, r.id), r.props] as const)),
  );
  const evidenceRows = new Map(model.evidence.map((r) => [r.id, r]));
  const relIds = new Set(rels.map((r) => r.id));
  const stored = {
    entities: new Set<string>(),
    sources: new Set<string>(),
    evidence: new Set<string>(),
  };
  const same = {
    entities: new Set<string>(),
    sources: new Set<string>(),
    evidence: new Set<string>(),
  };
  const goneEvidence: string[] = [];
  const staleEvidence: string[] = [];
  const citations: CitationRow[] = [];
  const goneEntities: string[] = [];
  const goneSources: string[] = [];
  const seenRels = new Set<string>();
  const plan: PushPlan['rels'] = { create: [], update: [], remove: [], gone: [], counts: zero() };

  for await (const record of tx.run(READ_GRAPH, { graph: model.graph })) {
    const kind = record.get('kind') as string;
    const id = record.get('id') as string;
    const props = record.get('props') as Record<string, unknown>;
    if (kind === 'entity') {
      stored.entities.add(id);
      const row = entityRows.get(id);
      if (!row) goneEntities.push(id);
      else {
        const labels = record.get('labels') as string[];
        if (sameProps(props, row.props) && labels.includes(String(row.props.kg_type))) {
          same.entities.add(id);
        }
        const cites = [...(record.get('ends') as string[])].sort();
        const wanted = citeRows.get(id)?.sources ?? [];
        if (cites.length !== wanted.length || cites.some((s, i) => s !== wanted[i])) {
          citations.push({ id, sources: wanted });
        }
      }
    } else if (kind === 'source') {
      stored.sources.add(id);
      if (!sourceRows.has(id)) goneSources.push(id);
      else if (sameProps(props, (sourceRows.get(id) as NodeRow).props)) same.sources.add(id);
    } else if (kind === 'evidence') {
      stored.evidence.add(id);
      const row = evidenceRows.get(id);
      if (row) {
        if (sameProps(props, row.props)) same.evidence.add(id);
      } else if (relIds.has(String(props.relation))) staleEvidence.push(id);
      else goneEvidence.push(id);
    } else {
      const type = (record.get('labels') as string[])[0] ?? '';
      const ends = record.get('ends') as string[];
      const key = relKey(type, id);
      const row = relRows.get(key);
      if (!row) plan.gone.push(storedRel(type, id, ends));
      else if (seenRels.has(key)) plan.remove.push(storedRel(type, id, ends));
      else {
        seenRels.add(key);
        if (ends[0] !== row.from || ends[1] !== row.to) {
          // Stored between other endpoints: deleted there, created here.
          plan.remove.push(storedRel(type, id, ends));
          plan.create.push(row);
          plan.counts.updated++;
        } else if (!sameProps(props, relProps.get(key) ?? {})) {
          plan.update.push(row);
          plan.counts.updated++;
        } else plan.counts.unchanged++;
      }
    }
  }
  for (const row of rels) {
    if (!seenRels.has(relKey(row.type, row.id))) {
      plan.create.push(row);
      plan.counts.created++;
    }
  }
  for (const [id, c] of citeRows) {
    if (!stored.entities.has(id) && c.sources.length > 0) citations.push(c);
  }
  const entities = nodeChanges([...entityRows.values()], stored.entities, same.entities);
  const sources = nodeChanges(model.sources, stored.sources, same.sources);
  entities.gone = goneEntities;
  sources.gone = goneSources;
  const evidence = {
    ...nodeChanges(model.evidence, stored.evidence, same.evidence),
    stale: staleEvidence,
  };
  evidence.gone = goneEvidence;
  evidence.counts.deleted = staleEvidence.length;
  return { sources, entities, evidence, citations, rels: plan };
}
