// `kg drop`: deletes one pushed graph — its entities, sources and every relationship they
// have — and nothing of another graph name. Found through the (kg_graph, id) indexes, so the
// cost is the graph's size, not the database's; deleted in batches of nodes, each batch its
// own transaction (a graph of millions of relationships never needs one huge transaction; an
// interrupted drop is completed by running it again).
import type { Driver } from 'neo4j-driver';
import { toNumber } from './driver-values.js';
import { withSession } from './connection.js';
import {
  CITED_IN,
  ENTITY_LABEL,
  escapeIdentifier,
  EVIDENCE_LABEL,
  MARKER_LABEL,
  SOURCE_LABEL,
} from './identifiers.js';
import { graphNodes } from './statements.js';

export interface DropOptions {
  /** Nodes per inner transaction (`CALL … IN TRANSACTIONS`). */
  batchSize: number;
  /** Absent: the server's default database. */
  database?: string;
  /** Server address, for error messages only. */
  uri?: string;
}

export const DEFAULT_DROP_OPTIONS: DropOptions = { batchSize: 1000 };

export interface GraphCounts {
  entities: number;
  sources: number;
  /** Relationships between the graph's entities (CITED_IN links not included). */
  relationships: number;
  citations: number;
  /** Evidence items of the relationships (:Evidence nodes). */
  evidence: number;
}

const COUNT = [
  `CALL () {`,
  graphNodes('n', ENTITY_LABEL, '$graph'),
  `  RETURN count(n) AS entities,`,
  `    sum(COUNT { (n)-[r]->() WHERE type(r) <> '${CITED_IN}' }) AS relationships,`,
  `    sum(COUNT { (n)-[:${CITED_IN}]->() }) AS citations`,
  `}`,
  `CALL () {`,
  graphNodes('s', SOURCE_LABEL, '$graph'),
  `  RETURN count(s) AS sources`,
  `}`,
  `CALL () {`,
  graphNodes('v', EVIDENCE_LABEL, '$graph'),
  `  RETURN count(v) AS evidence`,
  `}`,
  `RETURN entities, sources, relationships, citations, evidence`,
].join('\n');

const deleteNodes = (label: string, batch: number) =>
  [
    graphNodes('n', label, '$graph'),
    `CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF ${Math.max(1, Math.floor(batch))} ROWS`,
  ].join('\n');

const DELETE_MARKER = `MATCH (m:${escapeIdentifier(MARKER_LABEL)} {graph: $graph}) WHERE NOT m:${escapeIdentifier(ENTITY_LABEL)} DELETE m`;

/** Graph names in the database (for a hint when the asked one has nothing). */
const GRAPH_NAMES = `MATCH (n:Entity) RETURN DISTINCT n.kg_graph AS graph ORDER BY graph LIMIT 50`;

/** What a drop of `graph` would delete. */
export function graphCounts(
  driver: Driver,
  graph: string,
  options: Partial<DropOptions> = {},
): Promise<GraphCounts> {
  return withSession(driver, options, async (session) => {
    const result = await session.executeRead((tx) => tx.run(COUNT, { graph }));
    const r = result.records[0];
    return {
      entities: toNumber(r?.get('entities')),
      sources: toNumber(r?.get('sources')),
      relationships: toNumber(r?.get('relationships')),
      citations: toNumber(r?.get('citations')),
      evidence: toNumber(r?.get('evidence')),
    };
  });
}

/** The graph names that have entities in the database (at most 50, sorted). */
export function graphNames(driver: Driver, options: Partial<DropOptions> = {}): Promise<string[]> {
  return withSession(driver, options, async (session) => {
    const result = await session.executeRead((tx) => tx.run(GRAPH_NAMES));
    return result.records.map((r) => String(r.get('graph')));
  });
}

/** Deletes the graph; returns what was deleted (nodes and relationships, as the server counts). */
export function dropGraph(
  driver: Driver,
  graph: string,
  options: Partial<DropOptions> = {},
): Promise<{ nodes: number; relationships: number }> {
  const opts: DropOptions = { ...DEFAULT_DROP_OPTIONS, ...options };
  return withSession(driver, opts, async (session) => {
    let nodes = 0;
    let relationships = 0;
    // The marker first: a drop interrupted after it leaves a graph the next push compares.
    await session.executeWrite((tx) => tx.run(DELETE_MARKER, { graph }));
    // `IN TRANSACTIONS` needs an auto-commit transaction (session.run).
    for (const label of [ENTITY_LABEL, SOURCE_LABEL, EVIDENCE_LABEL]) {
      const result = await session.run(deleteNodes(label, opts.batchSize), { graph });
      const c = result.summary.counters.updates();
      nodes += c.nodesDeleted;
      relationships += c.relationshipsDeleted;
    }
    return { nodes, relationships };
  });
}
