// What a push can do before it knows the data: create the schema and have the server plan the
// push's first statement (EXPLAIN caches the plan without executing anything).
// `kg push` does this while it compiles the project, so a freshly started server compiles its
// Cypher on its own core meanwhile instead of during the push (docs/neo4j.md, "Speed").
import type { Driver, ManagedTransaction, Session } from 'neo4j-driver';
import { classifyNeo4jError } from './errors.js';
import { constraintStatements, pushStatements } from './statements.js';

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

/** Constraints and index (`IF NOT EXISTS`), in one schema transaction. */
export async function ensureSchema(session: Session): Promise<void> {
  const run = () =>
    session.executeWrite(async (tx) => {
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

/**
 * Plans the push's first statement (after the schema: a schema change empties the plan cache),
 * the one every push runs and the only one a small first push needs.
 */
async function planFirst(tx: ManagedTransaction, dryRun: boolean): Promise<void> {
  const params = dryRun
    ? { graph: '' }
    : { graph: '', sources: [], entities: [], citations: [], rels: [] };
  await tx.run(`EXPLAIN ${pushStatements(dryRun).first}`, params);
}

/** Schema (unless dryRun), then the statements planned; returns the timed steps. */
export async function preparePush(driver: Driver, options: PrepareOptions): Promise<PhaseTiming[]> {
  const session = driver.session(options.database ? { database: options.database } : {});
  const phases: PhaseTiming[] = [];
  const timed = async (phase: string, work: () => Promise<void>) => {
    const t0 = performance.now();
    await work();
    phases.push({ phase, ms: Math.round(performance.now() - t0), transactions: 1 });
  };
  try {
    if (!options.dryRun) await timed('schema', () => ensureSchema(session));
    await timed('plan first statement', () =>
      session.executeRead((tx) => planFirst(tx, options.dryRun)),
    );
    return phases;
  } catch (error) {
    throw classifyNeo4jError(error, {
      uri: options.uri ?? 'the server',
      ...(options.database ? { database: options.database } : {}),
    });
  } finally {
    await session.close();
  }
}
