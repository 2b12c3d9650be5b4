// The relationship phases of a push. A graph that did not exist gets every row created, with
// no lookup. A graph that existed: each row is matched between its endpoints (changed ones
// updated in the same statement); rows not found there are new — or their id was stored
// between other endpoints (an explicit relation id whose endpoints changed), which one scan of
// the graph finds and deletes — and are then created. All types share each statement.
import { dict } from '../util/dict.js';
import { toDriverProps, toNumber } from './driver-values.js';
import { KgNeo4jError } from './errors.js';
import { batches, entityDegrees, lookupFromTarget, type Neo4jModel } from './model.js';
import { addStatus, type PushContext } from './push.js';

/** A relationship row as the statements take it (`rev`: look it up from its target). */
export interface RelParam {
  id: string;
  type: string;
  from: string;
  to: string;
  rev: boolean;
  props: Record<string, unknown>;
}

export function relParams(model: Neo4jModel): RelParam[] {
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

/** Rows not found between their endpoints; updates the counts of the others. */
async function match(push: PushContext, rows: RelParam[]): Promise<RelParam[]> {
  const { model, options, summary, statements } = push;
  const status = new Map<string, string>();
  let done = 0;
  for (const batch of batches(rows, options.batchSize)) {
    const result = await push.write((tx) =>
      tx.run(statements.relMatch, { rows: batch, graph: model.graph }),
    );
    for (const record of result.records) {
      // A self-loop is found from both of its ends: one status per id.
      status.set(String(record.get('id')), String(record.get('status')));
    }
    push.progress('relationships', (done += batch.length), rows.length);
  }
  for (const s of status.values()) if (s !== 'missing') addStatus(summary.relationships, s, 1);
  return rows.filter((r) => status.get(r.id) === 'missing');
}

/** Deletes (dry run: counts) the stored relationships of these rows' ids; returns their keys. */
async function moved(push: PushContext, rows: RelParam[]): Promise<Set<string>> {
  const ends = dict<[string, string]>();
  for (const r of rows) ends[`${r.type}:${r.id}`] = [r.from, r.to];
  const result = await push.write((tx) =>
    tx.run(push.statements.moved, { ends, graph: push.model.graph }),
  );
  return new Set((result.records[0]?.get('keys') ?? []) as string[]);
}

async function create(push: PushContext, rows: RelParam[]): Promise<void> {
  const { model, options, statements } = push;
  let done = 0;
  for (const batch of batches(rows, options.batchSize)) {
    const created = await push.write(async (tx) => {
      const result = await tx.run(statements.relCreate, { rows: batch, graph: model.graph });
      const count = toNumber(result.records[0]?.get('count'));
      if (count < batch.length) {
        // Thrown inside the transaction function: the batch rolls back, nothing half-done.
        throw new KgNeo4jError(
          'NEO4J_MISSING_ENDPOINT',
          `${batch.length - count} relationship(s) name an entity missing in Neo4j`,
        );
      }
      return count;
    });
    push.progress('relationships', (done += created), rows.length);
  }
}

export async function pushRelationships(
  push: PushContext,
  rows: RelParam[],
  existed: boolean,
): Promise<void> {
  const { options, summary } = push;
  let missing = rows;
  if (existed) {
    missing = await push.phase('relationships: match', () => match(push, rows));
    if (missing.length === 0) return;
    const keys = await push.phase('relationships: moved', () => moved(push, missing));
    summary.relationships.updated += keys.size;
    summary.relationships.created += missing.length - keys.size;
  } else summary.relationships.created += missing.length;
  if (!options.dryRun) await push.phase('relationships: create', () => create(push, missing));
}
