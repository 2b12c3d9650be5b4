// The Cypher that writes a model. Every MATCH lookup carries a `USING INDEX SEEK` hint on the
// (kg_graph, id) uniqueness index: without it the planner, with the statistics of a freshly
// filled database, chose a full index scan per row (quadratic; seen in PROFILE), and a plain
// `USING INDEX` hint was satisfied by such a scan. MERGE always seeks. Push runs these with
// `$rows`/`$graph` parameters; the script exporter inlines escaped literals in their place, so
// both write exactly the same database.
// Labels and types come from validated, backtick-escaped identifiers only.
import { CITED_IN, ENTITY_LABEL, escapeIdentifier, SOURCE_LABEL } from './identifiers.js';

/** What a statement's rows and graph name are: parameters (push) or literals (script). */
export interface StatementInputs {
  rows: string;
  graph: string;
}
export const PARAMS: StatementInputs = { rows: '$rows', graph: '$graph' };

/** kg_graph + id uniqueness (so projects sharing a database never collide), plus id lookups. */
export function constraintStatements(relTypes: string[]): string[] {
  const E = escapeIdentifier(ENTITY_LABEL);
  const S = escapeIdentifier(SOURCE_LABEL);
  const out = [
    `CREATE CONSTRAINT kg_entity_key IF NOT EXISTS FOR (n:${E}) REQUIRE (n.kg_graph, n.id) IS UNIQUE`,
    `CREATE CONSTRAINT kg_source_key IF NOT EXISTS FOR (n:${S}) REQUIRE (n.kg_graph, n.id) IS UNIQUE`,
    `CREATE INDEX kg_entity_id IF NOT EXISTS FOR (n:${E}) ON (n.id)`,
  ];
  for (const type of relTypes) {
    out.push(
      `CREATE CONSTRAINT ${escapeIdentifier(`kg_rel_${type}_key`)} IF NOT EXISTS ` +
        `FOR ()-[r:${escapeIdentifier(type)}]-() REQUIRE (r.kg_graph, r.id) IS UNIQUE`,
    );
  }
  return out;
}

/**
 * Sources and entities: MERGE on (kg_graph, id) — the only lookup, one unique-index seek — and
 * replace the properties only when they differ, so an unchanged push writes nothing. A node the
 * MERGE just created has only its two key properties. `status` is created / updated / same;
 * `retyped` lists entities whose old type label must be dropped.
 */
export function nodeStatement(
  label: string,
  inputs: StatementInputs,
  withResult: boolean,
  entityType?: string,
): string {
  const base = escapeIdentifier(label);
  const typeLabel = entityType === undefined ? '' : `:${escapeIdentifier(entityType)}`;
  const same = `properties(n) = row.props${typeLabel === '' ? '' : ` AND n${typeLabel}`}`;
  return [
    `UNWIND ${inputs.rows} AS row`,
    `MERGE (n:${base} {kg_graph: ${inputs.graph}, id: row.id})`,
    // Read before the SET below changes them.
    `WITH row, n, n.kg_type AS oldType,`,
    `  CASE WHEN size(keys(n)) = 2 THEN 'created' WHEN ${same} THEN 'same' ELSE 'updated' END AS status`,
    `FOREACH (_ IN CASE WHEN status <> 'same' THEN [1] ELSE [] END | SET n = row.props${typeLabel === '' ? '' : `, n${typeLabel}`})`,
    ...(withResult
      ? [
          `RETURN status, count(*) AS count,`,
          `  collect(CASE WHEN oldType <> row.props.kg_type THEN [row.id, oldType] END) AS retyped`,
        ]
      : []),
  ].join('\n');
}

/** Drops an entity type label from nodes (of this graph) whose type changed. */
export function removeLabelStatement(label: string, inputs: StatementInputs): string {
  const L = escapeIdentifier(label);
  return [
    `MATCH (n:${escapeIdentifier(ENTITY_LABEL)}:${L})`,
    `WHERE n.kg_graph = ${inputs.graph} AND n.kg_type <> ${labelLiteral(label)}`,
    `REMOVE n:${L}`,
  ].join('\n');
}

function labelLiteral(label: string): string {
  // A validated identifier contains no quote or backslash.
  escapeIdentifier(label);
  return `'${label}'`;
}

/** Makes each entity's CITED_IN links exactly its `sources` list. */
export function citationStatement(inputs: StatementInputs): string {
  const E = escapeIdentifier(ENTITY_LABEL);
  const S = escapeIdentifier(SOURCE_LABEL);
  const C = escapeIdentifier(CITED_IN);
  return [
    `UNWIND ${inputs.rows} AS row`,
    `MATCH (e:${E} {kg_graph: ${inputs.graph}, id: row.id})`,
    `USING INDEX SEEK e:${E}(kg_graph, id)`,
    `OPTIONAL MATCH (e)-[stale:${C}]->(s:${S})`,
    `WHERE NOT s.id IN row.sources`,
    `DELETE stale`,
    `WITH e, row, count(stale) AS removed`,
    `UNWIND row.sources AS sourceId`,
    `MATCH (s:${S} {kg_graph: ${inputs.graph}, id: sourceId})`,
    `USING INDEX SEEK s:${S}(kg_graph, id)`,
    `MERGE (e)-[c:${C}]->(s)`,
    `ON CREATE SET c.kg_graph = ${inputs.graph}`,
  ].join('\n');
}

/**
 * Relationships of one type, for the Cypher script (which cannot branch per row): first delete
 * a relationship whose id now has other endpoints, then MERGE by (kg_graph, id) between the
 * endpoints and set the properties. Symmetric types are stored once, source→target as written.
 */
export function relStatements(type: string, inputs: StatementInputs): [string, string] {
  const E = escapeIdentifier(ENTITY_LABEL);
  const T = escapeIdentifier(type);
  return [
    [
      `UNWIND ${inputs.rows} AS row`,
      `MATCH (x)-[old:${T} {kg_graph: ${inputs.graph}, id: row.id}]->(y)`,
      `USING INDEX SEEK old:${T}(kg_graph, id)`,
      `WHERE x.id <> row.from OR y.id <> row.to`,
      `DELETE old`,
    ].join('\n'),
    [
      `UNWIND ${inputs.rows} AS row`,
      `MATCH (a:${E} {kg_graph: ${inputs.graph}, id: row.from})`,
      `USING INDEX SEEK a:${E}(kg_graph, id)`,
      `MATCH (b:${E} {kg_graph: ${inputs.graph}, id: row.to})`,
      `USING INDEX SEEK b:${E}(kg_graph, id)`,
      `MERGE (a)-[r:${T} {kg_graph: ${inputs.graph}, id: row.id}]->(b)`,
      `SET r = row.props`,
    ].join('\n'),
  ];
}

/**
 * Read-only twin of the node statement, for --dry-run: statuses of the rows that exist (a
 * MATCH with the index hint — an OPTIONAL MATCH was planned as an index scan on a fresh
 * database); the caller counts the missing rows as created.
 */
export function nodeDiffStatement(label: string, entityType?: string): string {
  const base = escapeIdentifier(label);
  const typeCheck = entityType === undefined ? '' : ` AND old:${escapeIdentifier(entityType)}`;
  return [
    `UNWIND $rows AS row`,
    `MATCH (old:${base} {kg_graph: $graph, id: row.id})`,
    `USING INDEX SEEK old:${base}(kg_graph, id)`,
    `RETURN CASE WHEN properties(old) = row.props${typeCheck}`,
    `  THEN 'same' ELSE 'updated' END AS status, count(*) AS count`,
  ].join('\n');
}

/**
 * Push's relationships, in plain statements: classify the rows that exist by the (kg_graph, id)
 * unique index (rows it does not return are new; also the --dry-run query), then delete moved
 * ones, create new ones, update changed ones.
 */
export function relClassifyStatement(type: string): string {
  const T = escapeIdentifier(type);
  return [
    `UNWIND $rows AS row`,
    `MATCH (x)-[old:${T} {kg_graph: $graph, id: row.id}]->(y)`,
    `USING INDEX SEEK old:${T}(kg_graph, id)`,
    `RETURN row.id AS id, CASE WHEN x.id <> row.from OR y.id <> row.to THEN 'moved'`,
    `  WHEN properties(old) = row.props THEN 'same' ELSE 'updated' END AS status`,
  ].join('\n');
}

export function relCreateStatement(type: string): string {
  const E = escapeIdentifier(ENTITY_LABEL);
  return [
    `UNWIND $rows AS row`,
    `MATCH (a:${E} {kg_graph: $graph, id: row.from})`,
    `USING INDEX SEEK a:${E}(kg_graph, id)`,
    `MATCH (b:${E} {kg_graph: $graph, id: row.to})`,
    `USING INDEX SEEK b:${E}(kg_graph, id)`,
    `CREATE (a)-[r:${escapeIdentifier(type)}]->(b)`,
    `SET r = row.props`,
    `RETURN count(*) AS count`,
  ].join('\n');
}

export function relUpdateStatement(type: string): string {
  return [
    `UNWIND $rows AS row`,
    `MATCH ()-[r:${escapeIdentifier(type)} {kg_graph: $graph, id: row.id}]->()`,
    `USING INDEX SEEK r:${escapeIdentifier(type)}(kg_graph, id)`,
    `SET r = row.props`,
  ].join('\n');
}

export function relDeleteStatement(type: string): string {
  return [
    `UNWIND $ids AS id`,
    `MATCH ()-[r:${escapeIdentifier(type)} {kg_graph: $graph, id: id}]->()`,
    `USING INDEX SEEK r:${escapeIdentifier(type)}(kg_graph, id)`,
    `DELETE r`,
  ].join('\n');
}

/** --prune: what this graph pushed before that is not in $keep any more. */
export function pruneStatements(): { label: string; count: string; remove: string }[] {
  const E = escapeIdentifier(ENTITY_LABEL);
  const S = escapeIdentifier(SOURCE_LABEL);
  const relMatch = `MATCH ()-[r]->() WHERE r.kg_graph = $graph AND type(r) <> '${CITED_IN}' AND NOT type(r) + ':' + r.id IN $relKeys`;
  const entityMatch = `MATCH (n:${E}) WHERE n.kg_graph = $graph AND NOT n.id IN $entityIds`;
  const sourceMatch = `MATCH (n:${S}) WHERE n.kg_graph = $graph AND NOT n.id IN $sourceIds`;
  return [
    {
      label: 'relationships',
      count: `${relMatch} RETURN count(r) AS count`,
      remove: `${relMatch} DELETE r`,
    },
    {
      label: 'entities',
      count: `${entityMatch} RETURN count(n) AS count`,
      remove: `${entityMatch} DETACH DELETE n`,
    },
    {
      label: 'sources',
      count: `${sourceMatch} RETURN count(n) AS count`,
      remove: `${sourceMatch} DETACH DELETE n`,
    },
  ];
}
