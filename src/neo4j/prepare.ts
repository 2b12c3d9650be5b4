// What a push can do before it knows the data: create the schema. `kg push` stages it while
// it compiles the project, and commits it only if the project has no errors. (Planning the
// push's statements ahead with EXPLAIN was tried: on a just-started server it cost more server
// time than it saved — docs/neo4j.md, "Speed".)
import type { Driver, Session } from 'neo4j-driver';
import { withSession } from './connection.js';
import { constraintStatements } from './statements.js';

export interface PrepareOptions {
  /** --dry-run: create no schema. */
  dryRun: boolean;
  /** Absent: the server's default database. */
  database?: string;
  /** Server address, for error messages only. */
  uri?: string;
}

/** A timed step (see PushSummary.phases). */
export interface PhaseTiming {
  /** A push phase; the CLI adds its own (compile, connect). */
  phase: string;
  ms: number;
  /** When it began: ms since the process started (performance.now()). */
  start?: number;
  /** Transactions this phase ran. */
  transactions: number;
}

const SCHEMA_RACE =
  /^Neo\.ClientError\.Schema\.(EquivalentSchemaRuleAlreadyExists|ConstraintAlreadyExists|IndexAlreadyExists)$/;

function isSchemaRuleRace(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : '';
  return typeof code === 'string' && SCHEMA_RACE.test(code);
}

/**
 * Constraints and index (`IF NOT EXISTS`), in one schema transaction. The statements are sent
 * together (the driver pipelines them: one round trip, not four); the server still runs them in
 * order.
 */
export async function ensureSchema(session: Session): Promise<void> {
  const run = () =>
    session.executeWrite(async (tx) => {
      await Promise.all(constraintStatements().map((statement) => tx.run(statement)));
    });
  try {
    await run();
  } catch (error) {
    // IF NOT EXISTS still races with a concurrent push creating the same rule: once more.
    if (!isSchemaRuleRace(error)) throw error;
    await run();
  }
}

/**
 * The schema, staged while the project compiles: its statements run (on a just-started server,
 * planning them is the first Cypher warm-up, seconds of server CPU) in a transaction held open
 * until the caller knows whether the project is pushed at all. `commit` then makes it take
 * effect; `rollback` (a project with errors) leaves the database as it was.
 */
export interface StagedSchema {
  /** When the statements had run (ms, performance.now()), or undefined if staging failed. */
  readonly ranAt: number | undefined;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Runs the schema statements in an open transaction (nothing at all for a dry run). If staging
 * fails (a missing database, a concurrent push holding the schema lock…), `commit` creates the
 * schema as an unstaged push would, so every error surfaces as it did before, after the compile.
 */
export async function stageSchema(driver: Driver, options: PrepareOptions): Promise<StagedSchema> {
  const target = { uri: options.uri, database: options.database };
  if (options.dryRun) {
    return { ranAt: undefined, commit: async () => undefined, rollback: async () => undefined };
  }
  const session = driver.session(options.database ? { database: options.database } : {});
  const tx = session.beginTransaction();
  let ranAt: number | undefined;
  try {
    await Promise.all(constraintStatements().map((statement) => tx.run(statement)));
    ranAt = performance.now();
  } catch {
    await tx.rollback().catch(() => undefined);
    await session.close();
    return {
      ranAt,
      commit: () => withSession(driver, target, ensureSchema),
      rollback: async () => undefined,
    };
  }
  return {
    ranAt,
    async commit() {
      try {
        await tx.commit();
      } catch {
        // A rule created meanwhile by another push, a lost connection: as an unstaged push.
        await withSession(driver, target, ensureSchema);
      } finally {
        await session.close();
      }
    },
    async rollback() {
      await tx.rollback().catch(() => undefined);
      await session.close();
    },
  };
}
