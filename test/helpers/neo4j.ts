// Neo4j test helpers: the connection provided by test/setup/neo4j.ts, and graph-scoped reads.
import { inject } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';

/** The test server, or null when Neo4j tests must skip (reason printed by the global setup). */
export function neo4jTestConnection() {
  return inject('neo4j');
}

export function testDriver(): Driver {
  const c = inject('neo4j');
  if (!c) throw new Error(`no Neo4j test server: ${inject('neo4jSkipReason')}`);
  return neo4j.driver(c.uri, neo4j.auth.basic(c.username, c.password));
}

/** A graph name unique to this test, so parallel test files never touch each other's data. */
export function uniqueGraphName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
