// What a push can do before it knows the data: create the schema. `kg push` does it while it
// compiles the project. (Planning the push's statements ahead with EXPLAIN was tried: on a
// just-started server it cost more server time than it saved — docs/neo4j.md, "Speed".)
import type { Driver, Session } from 'neo4j-driver';
import { withSession } from './connection.js';
import { constraintStatements } from './statements.js';

export interface PrepareOptions {
  /** Plan the read-only statements of --dry-run, and create no schema. */
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

/** The schema (unless dryRun); returns the timed steps. */
export async function preparePush(driver: Driver, options: PrepareOptions): Promise<PhaseTiming[]> {
  const phases: PhaseTiming[] = [];
  const timed = async (phase: string, work: () => Promise<void>) => {
    const t0 = performance.now();
    await work();
    phases.push({ phase, ms: Math.round(performance.now() - t0), transactions: 1 });
  };
  return withSession(driver, options, async (session) => {
    if (!options.dryRun) await timed('schema', () => ensureSchema(session));
    return phases;
  });
}
