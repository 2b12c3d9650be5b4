// The Cypher that writes a model. Few, fixed statement texts: a cold server compiles every
// distinct text once (~0.1–0.5 s each while its JIT warms up), so entity types and
// relationship types are data (`SET n:$(…)`, `CREATE ()-[:$(…)]->()`, Neo4j 5.26), not text.
// Every node lookup carries a `USING INDEX SEEK` hint on the (kg_graph, id) uniqueness index:
// without it the planner, with the statistics of a freshly filled database, chose a full index
// scan per row (quadratic; seen in PROFILE). Relationships are found from their endpoints by a
// one-hop variable-length expand (`*1..1`), which the planner cannot replace by a scan of all
// relationships (it did for a plain pattern on a small database), started from the endpoint
// with the lower degree. Push runs these with parameters; the script exporter inlines escaped
// literals in their place, so both write exactly the same database.
// Labels and types in the text come from validated, backtick-escaped identifiers only.
import {
  CITED_IN,
  ENTITY_LABEL,
  escapeIdentifier,
  EVIDENCE_LABEL,
  SOURCE_LABEL,
} from './identifiers.js';

/** What a statement's rows and graph name are: parameters (push) or literals (script). */
export interface StatementInputs {
  rows: string;
  graph: string;
}
export const PARAMS: StatementInputs = { rows: '$rows', graph: '$graph' };

const E = escapeIdentifier(ENTITY_LABEL);
const S = escapeIdentifier(SOURCE_LABEL);
const EV = escapeIdentifier(EVIDENCE_LABEL);

/**
 * kg_graph + id uniqueness of entities, sources and evidence items (so projects sharing a database never
 * collide), plus id lookups. Relationship ids are not constrained by the database: one
 * constraint per relationship type cost 0.1–0.3 s each on a fresh server (docs/neo4j.md).
 */
export function constraintStatements(): string[] {
  return [
    `CREATE CONSTRAINT kg_entity_key IF NOT EXISTS FOR (n:${E}) REQUIRE (n.kg_graph, n.id) IS UNIQUE`,
    `CREATE CONSTRAINT kg_source_key IF NOT EXISTS FOR (n:${S}) REQUIRE (n.kg_graph, n.id) IS UNIQUE`,
    `CREATE CONSTRAINT kg_evidence_key IF NOT EXISTS FOR (n:${EV}) REQUIRE (n.kg_graph, n.id) IS UNIQUE`,
    `CREATE INDEX kg_entity_id IF NOT EXISTS FOR (n:${E}) ON (n.id)`,
  ];
}

/** The nodes of one graph, by a prefix seek on the (kg_graph, id) index. */
export function graphNodes(variable: string, label: string, graph: string): string {
  const L = escapeIdentifier(label);
  return [
    `MATCH (${variable}:${L}) USING INDEX ${variable}:${L}(kg_graph, id)`,
    `WHERE ${variable}.kg_graph = ${graph} AND ${variable}.id IS NOT NULL`,
  ].join('\n');
}

/**
 * Sources (`typed` false) and entities (`typed` true, every type in one statement: the type
 * label is `row.props.kg_type`): MERGE on (kg_graph, id) — the only lookup, one unique-index
 * seek — and replace the properties only when they differ, so an unchanged push writes
 * nothing. A node the MERGE just created has only its two key properties. An entity whose type
 * changed loses its old type label in the same statement. `status` is created / updated / same.
 */
export function nodeStatement(
  label: string,
  inputs: StatementInputs,
  withResult: boolean,
  typed: boolean,
): string {
  const same = `properties(n) = row.props${typed ? ' AND row.props.kg_type IN labels(n)' : ''}`;
  return [
    `UNWIND ${inputs.rows} AS row`,
    `MERGE (n:${escapeIdentifier(label)} {kg_graph: ${inputs.graph}, id: row.id})`,
    // Read before the SET below changes them.
    `WITH row, n, n.kg_type AS oldType,`,
    `  CASE WHEN size(keys(n)) = 2 THEN 'created' WHEN ${same} THEN 'same' ELSE 'updated' END AS status`,
    `FOREACH (_ IN CASE WHEN status <> 'same' THEN [1] ELSE [] END | SET n = row.props${typed ? ', n:$(row.props.kg_type)' : ''})`,
    ...(typed
      ? [
          `FOREACH (_ IN CASE WHEN oldType <> row.props.kg_type THEN [1] ELSE [] END | REMOVE n:$(oldType))`,
        ]
      : []),
    ...(withResult ? [`RETURN status, count(*) AS count`] : []),
  ].join('\n');
}

/** Makes each entity's CITED_IN links exactly its `sources` list. */
export function citationStatement(inputs: StatementInputs): string {
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

/** Rows `{id, type, from, to, rev, props}`: endpoints `a`, `b`; `old` the stored one or null. */
function findRelationship(inputs: StatementInputs): string[] {
  return [
    `UNWIND ${inputs.rows} AS row`,
    `MATCH (a:${E} {kg_graph: ${inputs.graph}, id: row.from})`,
    `USING INDEX SEEK a:${E}(kg_graph, id)`,
    `MATCH (b:${E} {kg_graph: ${inputs.graph}, id: row.to})`,
    `USING INDEX SEEK b:${E}(kg_graph, id)`,
    // rev: the target has the lower degree, so expand from it.
    `WITH row, a, b, CASE WHEN row.rev THEN b ELSE a END AS x, CASE WHEN row.rev THEN a ELSE b END AS y`,
    `OPTIONAL MATCH (x)-[found*1..1]-(y)`,
    `WHERE type(found[0]) = row.type AND found[0].id = row.id AND startNode(found[0]) = a`,
    `WITH row, a, b, found[0] AS old`,
  ];
}

/** Push: creates the rows' relationships, of any type (one statement text for all). */
export const REL_CREATE = [
  `UNWIND $rows AS row`,
  `MATCH (a:${E} {kg_graph: $graph, id: row.from})`,
  `USING INDEX SEEK a:${E}(kg_graph, id)`,
  `MATCH (b:${E} {kg_graph: $graph, id: row.to})`,
  `USING INDEX SEEK b:${E}(kg_graph, id)`,
  `CREATE (a)-[r:$(row.type)]->(b)`,
  `SET r = row.props`,
  `RETURN count(*) AS count`,
].join('\n');

/** Push: sets the properties of the rows' relationships (found between their endpoints). */
export const REL_UPDATE = [
  ...findRelationship(PARAMS),
  `WITH row, old WHERE old IS NOT NULL`,
  `SET old = row.props`,
  `RETURN count(*) AS count`,
].join('\n');

/** Push: deletes the rows' relationships (found between the endpoints they are stored at). */
export const REL_DELETE = [
  ...findRelationship(PARAMS),
  `WITH old WHERE old IS NOT NULL`,
  `DELETE old`,
  `RETURN count(*) AS count`,
].join('\n');

/** Push: deletes nodes of the graph by id, with their relationships (--prune). */
export function nodeDeleteStatement(label: string): string {
  const L = escapeIdentifier(label);
  return [
    `UNWIND $ids AS id`,
    `MATCH (n:${L} {kg_graph: $graph, id: id})`,
    `USING INDEX SEEK n:${L}(kg_graph, id)`,
    `DETACH DELETE n`,
    `RETURN count(*) AS count`,
  ].join('\n');
}

/**
 * Everything a graph holds, for push to compare with the data: its entities (labels,
 * properties, cited source ids), sources, evidence items, and relationships (type, endpoints, properties).
 */
export const READ_GRAPH = [
  `CALL () {`,
  `  ${graphNodes('n', ENTITY_LABEL, '$graph').replace('\n', '\n  ')}`,
  `  RETURN 'entity' AS kind, n.id AS id, labels(n) AS labels, properties(n) AS props,`,
  `    [(n)-[:${escapeIdentifier(CITED_IN)}]->(s:${S}) | s.id] AS ends`,
  `  UNION ALL`,
  `  ${graphNodes('n', SOURCE_LABEL, '$graph').replace('\n', '\n  ')}`,
  `  RETURN 'source' AS kind, n.id AS id, null AS labels, properties(n) AS props, null AS ends`,
  `  UNION ALL`,
  `  ${graphNodes('n', EVIDENCE_LABEL, '$graph').replace('\n', '\n  ')}`,
  `  RETURN 'evidence' AS kind, n.id AS id, null AS labels, properties(n) AS props, null AS ends`,
  `  UNION ALL`,
  `  ${graphNodes('x', ENTITY_LABEL, '$graph').replace('\n', '\n  ')}`,
  `  MATCH (x)-[r]->(y)`,
  `  WHERE r.kg_graph = $graph AND r.id IS NOT NULL AND type(r) <> '${CITED_IN}'`,
  `  RETURN 'relationship' AS kind, r.id AS id, [type(r)] AS labels, properties(r) AS props,`,
  `    [x.id, y.id] AS ends`,
  `}`,
  `RETURN kind, id, labels, props, ends`,
].join('\n');

/**
 * Relationships of the graph whose `TYPE:id` key is in `ends` but that connect other endpoints
 * than `ends[key]` = [from, to] (an explicit relation id whose endpoints changed): deleted
 * (or with `count`, counted), returning their keys. Scans the graph's relationships once.
 */
export function movedStatement(ends: string, graph: string, count: boolean): string {
  return [
    `WITH ${ends} AS ends`,
    graphNodes('x', ENTITY_LABEL, graph),
    `MATCH (x)-[old]->(y)`,
    `WHERE old.kg_graph = ${graph} AND old.id IS NOT NULL`,
    `WITH old, x, y, type(old) + ':' + old.id AS key, ends`,
    `WITH old, key, ends[key] AS e, x, y WHERE e IS NOT NULL AND (x.id <> e[0] OR y.id <> e[1])`,
    ...(count ? [] : ['DELETE old']),
    `RETURN collect(key) AS keys`,
  ].join('\n');
}

/**
 * The Cypher script's relationships (it cannot branch per row between statements): create
 * each row's relationship unless it exists between its endpoints, else update it when it
 * differs. The script runs movedStatement before it.
 */
export function relUpsertStatement(inputs: StatementInputs): string {
  return [
    ...findRelationship(inputs),
    `FOREACH (_ IN CASE WHEN old IS NULL THEN [1] ELSE [] END | CREATE (a)-[r:$(row.type)]->(b) SET r = row.props)`,
    `FOREACH (_ IN CASE WHEN old IS NOT NULL AND properties(old) <> row.props THEN [1] ELSE [] END | SET old = row.props)`,
  ].join('\n');
}

/**
 * The Cypher script's evidence clean-up (push finds the same items by its read): rows
 * `{id, count}` of relationships; deletes their stored evidence items numbered above `count`
 * (the fact lost evidence since), found by a prefix seek on the evidence ids `<id>#<n>`.
 */
export function evidenceTrimStatement(inputs: StatementInputs): string {
  return [
    `UNWIND ${inputs.rows} AS row`,
    `MATCH (ev:${EV}) USING INDEX SEEK ev:${EV}(kg_graph, id)`,
    `WHERE ev.kg_graph = ${inputs.graph} AND ev.id STARTS WITH row.id + '#'`,
    `  AND ev.relation = row.id AND ev.n > row.count`,
    `DETACH DELETE ev`,
  ].join('\n');
}
