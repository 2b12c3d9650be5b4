// Vitest global setup: gives Neo4j tests a real server. With NEO4J_URI set, tests use that
// server; otherwise the embedded Neo4j 5.26 launcher (test/neo4j-server/) starts on a free port
// and stops after the run. Without Java/Maven the Neo4j tests skip loudly — except on CI=true,
// where that fails the run.
import type { TestProject } from 'vitest/node';
import {
  ensureBuilt,
  freePort,
  startNeo4j,
  type RunningNeo4j,
} from '../../scripts/neo4j-launcher.mjs';

export interface Neo4jTestConnection {
  uri: string;
  username: string;
  password: string;
  database?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** null: no server (tests skip); `neo4jSkipReason` says why. */
    neo4j: Neo4jTestConnection | null;
    neo4jSkipReason: string;
  }
}

/** True when the run names test files and none of them is a Neo4j test (saves a JVM start). */
function runNeedsNoNeo4j(argv: string[]): boolean {
  const filters = argv.slice(2).filter((a) => !a.startsWith('-') && /[/.]/.test(a));
  return filters.length > 0 && !filters.some((f) => f.includes('neo4j'));
}

function warn(message: string): void {
  const bar = '!'.repeat(78);
  console.warn(`\n${bar}\n!! Neo4j tests SKIPPED: ${message}\n${bar}\n`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const env = process.env;
  if (env.NEO4J_URI) {
    const connection: Neo4jTestConnection = {
      uri: env.NEO4J_URI,
      username: env.NEO4J_USERNAME ?? 'neo4j',
      password: env.NEO4J_PASSWORD ?? '',
    };
    if (env.NEO4J_DATABASE) connection.database = env.NEO4J_DATABASE;
    project.provide('neo4j', connection);
    project.provide('neo4jSkipReason', '');
    return undefined;
  }
  const ci = env.CI === 'true';
  if (!ci && runNeedsNoNeo4j(process.argv)) {
    project.provide('neo4j', null);
    project.provide('neo4jSkipReason', 'not started (no Neo4j test file selected)');
    return undefined;
  }
  let server: RunningNeo4j;
  try {
    ensureBuilt({ log: (line) => console.log(line) });
    server = await startNeo4j({ port: await freePort(), watchStdin: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (ci) {
      throw new Error(`Neo4j test server could not start (CI=true): ${message}`, { cause: error });
    }
    warn(message);
    project.provide('neo4j', null);
    project.provide('neo4jSkipReason', message);
    return undefined;
  }
  console.log(`Neo4j test server ${server.uri} ready in ${server.startupMs} ms`);
  const connection = { uri: server.uri, username: server.username, password: server.password };
  project.provide('neo4j', connection);
  project.provide('neo4jSkipReason', '');
  // Also for spawned CLIs (`kg push` end-to-end tests inherit the environment).
  env.NEO4J_URI = server.uri;
  env.NEO4J_USERNAME = server.username;
  env.NEO4J_PASSWORD = server.password;
  return async () => {
    await server.stop();
    delete env.NEO4J_URI;
    delete env.NEO4J_USERNAME;
    delete env.NEO4J_PASSWORD;
  };
}
