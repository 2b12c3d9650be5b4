// Neo4j test helpers: the connection provided by test/setup/neo4j.ts, and graph-scoped reads.
import { inject } from 'vitest';
import neo4j, { type Driver } from 'neo4j-driver';
import { toPlain } from '../../src/neo4j/query.js';

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

/** Plain values that keep Neo4j's type distinctions (a date is not its ISO string). */
function typed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(typed);
  if (neo4j.isInt(value)) return { int: value.toNumber() };
  if (neo4j.isDate(value)) return { date: String(value) };
  if (neo4j.isDateTime(value)) return { datetime: String(value) };
  if (neo4j.isLocalDateTime(value)) return { localdatetime: String(value) };
  if (typeof value === 'number') return { float: value };
  return toPlain(value);
}

/** Plain, comparable picture of everything one graph name owns (kg_graph left out). */
export async function snapshot(driver: Driver, graph: string) {
  const nodes = await driver.executeQuery(
    `MATCH (n) WHERE n.kg_graph = $graph
     RETURN labels(n) AS labels, properties(n) AS props ORDER BY n.id, labels(n)[0]`,
    { graph },
  );
  const rels = await driver.executeQuery(
    `MATCH (a)-[r]->(b) WHERE r.kg_graph = $graph
     RETURN type(r) AS type, a.id AS from, b.id AS to, properties(r) AS props
     ORDER BY type, from, to, r.id`,
    { graph },
  );
  const clean = (props: Record<string, unknown>) => {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(props).sort()) {
      if (key !== 'kg_graph') copy[key] = typed(props[key]);
    }
    return copy;
  };
  return {
    nodes: nodes.records.map((r) => ({
      labels: [...(r.get('labels') as string[])].sort(),
      props: clean(r.get('props') as Record<string, unknown>),
    })),
    rels: rels.records.map((r) => ({
      type: r.get('type') as string,
      from: r.get('from') as string,
      to: r.get('to') as string,
      props: clean(r.get('props') as Record<string, unknown>),
    })),
  };
}

/** Deletes everything of one graph name (tests clean up after themselves). */
export async function dropGraph(driver: Driver, graph: string): Promise<void> {
  await driver.executeQuery('MATCH (n) WHERE n.kg_graph = $graph DETACH DELETE n', { graph });
  await deleteMarker(driver, graph);
}

/** Removes the graph's push marker (src/neo4j/push-first.ts), as an edit by hand would. */
export async function deleteMarker(driver: Driver, graph: string): Promise<void> {
  await driver.executeQuery('MATCH (m:KgGraph {graph: $graph}) WHERE NOT m:Entity DELETE m', {
    graph,
  });
}

/** The graph's push marker hashes (none, or one). */
export async function markerHashes(driver: Driver, graph: string): Promise<string[]> {
  const { records } = await driver.executeQuery(
    'MATCH (m:KgGraph {graph: $graph}) WHERE NOT m:Entity RETURN m.hash AS hash',
    { graph },
  );
  return records.map((r) => String(r.get('hash')));
}

/**
 * Splits a Cypher script into statements at `;` outside strings, backticks and comments
 * (what cypher-shell -f does), so tests run the exported file itself.
 */
export function splitCypherScript(script: string): string[] {
  const statements: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (let i = 0; i < script.length; i++) {
    const ch = script[i] as string;
    if (quote) {
      current += ch;
      if (ch === '\\' && quote !== '`') {
        current += script[++i] ?? '';
      } else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '/' && script[i + 1] === '/') {
      while (i < script.length && script[i] !== '\n') i++;
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    if (ch === ';') {
      if (current.trim()) statements.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (quote) throw new Error('unterminated quote in Cypher script');
  if (current.trim()) statements.push(current.trim());
  return statements;
}
