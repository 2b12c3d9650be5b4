// The relationship writes of a push, from its plan (push-diff.ts): delete what is stored at
// the wrong place, create what is missing, update what changed, and with --prune delete what
// the data no longer has. Every type shares each statement (the type is a parameter); a
// relationship is found from its endpoints (statements.ts). Each batch is one transaction.
import { toDriverProps, toNumber } from './driver-values.js';
import { KgNeo4jError } from './errors.js';
import { batches, entityDegrees, lookupFromTarget, type Neo4jModel } from './model.js';
import type { PushContext } from './push.js';
import type { PushPlan } from './push-diff.js';
import { REL_CREATE, REL_DELETE, REL_UPDATE } from './statements.js';

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

/** Runs `statement` over `rows` in batches; returns the total of its `count` column. */
async function inBatches(
  push: PushContext,
  statement: string,
  rows: RelParam[],
  check?: (count: number, batch: RelParam[]) => void,
): Promise<number> {
  let total = 0;
  let done = 0;
  for (const batch of batches(rows, push.options.batchSize)) {
    total += await push.write(async (tx) => {
      const result = await tx.run(statement, { rows: batch, graph: push.model.graph });
      const count = toNumber(result.records[0]?.get('count'));
      // Thrown inside the transaction function: the batch rolls back, nothing half-done.
      check?.(count, batch);
      return count;
    });
    push.progress('relationships', (done += batch.length), rows.length);
  }
  return total;
}

function allCreated(count: number, batch: RelParam[]): void {
  if (count < batch.length) {
    throw new KgNeo4jError(
      'NEO4J_MISSING_ENDPOINT',
      `${batch.length - count} relationship(s) name an entity missing in Neo4j`,
    );
  }
}

/** Stored rows' lookups start from the endpoint with the lower degree, as the data's do. */
function withDirections(push: PushContext, rows: RelParam[]): RelParam[] {
  if (rows.length === 0) return rows;
  const degree = entityDegrees(push.model);
  return rows.map((r) => ({ ...r, rev: lookupFromTarget(r, degree) }));
}

export async function writeRelationships(push: PushContext, plan: PushPlan['rels']): Promise<void> {
  if (push.options.dryRun) return;
  if (plan.remove.length > 0) {
    await push.phase('relationships: delete moved', () =>
      inBatches(push, REL_DELETE, withDirections(push, plan.remove)),
    );
  }
  if (plan.create.length > 0) {
    await push.phase('relationships: create', () =>
      inBatches(push, REL_CREATE, plan.create, allCreated),
    );
  }
  if (plan.update.length > 0) {
    await push.phase('relationships: update', () => inBatches(push, REL_UPDATE, plan.update));
  }
}

/** --prune: the stored relationships the data no longer has. */
export async function pruneRelationships(push: PushContext, gone: RelParam[]): Promise<number> {
  if (push.options.dryRun) return gone.length;
  return inBatches(push, REL_DELETE, withDirections(push, gone));
}
