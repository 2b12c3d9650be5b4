// The first statement of every push, and the graph's marker. On a just-started server most of
// a small push is the server planning its statements (a cold JVM: ~4 s of CPU for the first
// data statement, whatever its size — docs/neo4j.md, "Where the time goes"), so:
// - a first push is ONE short statement: every node in one `CREATE (n:$(row.labels))`, every
//   relationship (CITED_IN links included) in one `CREATE (a)-[:$(row.type)]->(b)` between
//   nodes picked by their position in the list just created — no lookups to plan;
// - a push of a graph already in the database gets from the same statement (its plan cached
//   by the first push) the stored marker `(:KgGraph {graph, hash})`: the hash of everything
//   kg last wrote for that graph, kept only while the database holds exactly that. An unchanged
//   re-push compares hashes and stops, planning nothing new.
// The marker is removed before a push writes anything and written back after its last write
// when the database then holds exactly the data (so an interrupted push leaves no marker, and
// the next one compares everything as stored).
import { createHash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import { toDriverProps } from './driver-values.js';
import { KgNeo4jError } from './errors.js';
import {
  CITED_IN,
  ENTITY_LABEL,
  escapeIdentifier,
  EVIDENCE_LABEL,
  MARKER_LABEL,
  SOURCE_LABEL,
} from './identifiers.js';
import type { Neo4jModel } from './model.js';
import type { RelParam } from './push-relationships.js';

const E = escapeIdentifier(ENTITY_LABEL);
const S = escapeIdentifier(SOURCE_LABEL);
const M = escapeIdentifier(MARKER_LABEL);

/** Changes whenever what kg writes for the same data changes. */
const MARKER_FORMAT = 'kg-neo4j-1';

/** The hash of everything a push of `model` writes (its rows are in a stable order). */
export function graphHash(model: Neo4jModel): string {
  const { graph, sources, nodeGroups, citations, relGroups, evidence } = model;
  const text = JSON.stringify([
    MARKER_FORMAT,
    graph,
    sources,
    nodeGroups,
    citations,
    relGroups,
    evidence,
  ]);
  return createHash('sha256').update(text).digest('hex');
}

/** The graph's marker: a :KgGraph node that is never an entity (an entity type may be KgGraph). */
const MARKER = `(m:${M} {graph: $graph}) WHERE NOT m:${E}`;

/**
 * Whether the graph has any entity or source yet (`existed`) and its marker's hash (`stored`,
 * or null); if it has none, creates `$nodes` (`{labels, props}`, the marker among them) and
 * `$rels` (`{type, from, to, props}`, from/to positions in `$nodes`).
 */
export const CREATE_IF_NEW = [
  `OPTIONAL MATCH (x:${E}) USING INDEX x:${E}(kg_graph, id)`,
  `WHERE x.kg_graph = $graph AND x.id IS NOT NULL`,
  `WITH x LIMIT 1`,
  `OPTIONAL MATCH (y:${S}) USING INDEX y:${S}(kg_graph, id)`,
  `WHERE y.kg_graph = $graph AND y.id IS NOT NULL`,
  `WITH x, y LIMIT 1`,
  `OPTIONAL MATCH ${MARKER}`,
  `WITH x IS NOT NULL OR y IS NOT NULL AS existed, m, m.hash AS stored LIMIT 1`,
  `CALL (existed, m) {`,
  `  WITH existed, m WHERE NOT existed`,
  // A marker left without its graph (deleted by hand) goes; the new one is among $nodes.
  `  DELETE m`,
  `  WITH existed`,
  `  UNWIND $nodes AS row`,
  `  CREATE (n:$(row.labels))`,
  `  SET n = row.props`,
  // Grouped by existed: no row at all (not one empty list) when nothing was created.
  `  WITH existed, collect(n) AS nodes`,
  `  UNWIND $rels AS row`,
  `  WITH nodes[row.from] AS a, nodes[row.to] AS b, row`,
  `  CREATE (a)-[r:$(row.type)]->(b)`,
  `  SET r = row.props`,
  `}`,
  `RETURN existed, stored`,
].join('\n');

/** Replaces the graph's marker by one with `$hash`, or with a null `$hash` removes it. */
export const SET_MARKER = [
  `OPTIONAL MATCH ${MARKER}`,
  `DELETE m`,
  `WITH count(*) AS removed`,
  `FOREACH (_ IN CASE WHEN $hash IS NULL THEN [] ELSE [1] END |`,
  `  CREATE (:${M} {graph: $graph, hash: $hash}))`,
].join('\n');

export interface FirstPushParams {
  nodes: { labels: string[]; props: Record<string, unknown> }[];
  rels: { type: string; from: unknown; to: unknown; props: Record<string, unknown> }[];
  /** Rows sent (nodes + relationships, the marker not included). */
  rows: number;
}

/** CREATE_IF_NEW's lists for the whole model, the marker with `hash` last among the nodes. */
export function firstPushParams(
  model: Neo4jModel,
  rels: RelParam[],
  hash: string,
): FirstPushParams {
  const nodes: FirstPushParams['nodes'] = [];
  const at = new Map<string, number>();
  const add = (labels: string[], id: string | undefined, props: Record<string, unknown>) => {
    if (id !== undefined) at.set(`${labels[0]}:${id}`, nodes.length);
    nodes.push({ labels, props });
  };
  for (const row of model.sources) add([SOURCE_LABEL], row.id, toDriverProps(row.props));
  for (const group of model.nodeGroups) {
    for (const row of group.rows)
      add([ENTITY_LABEL, group.label], row.id, toDriverProps(row.props));
  }
  for (const row of model.evidence) add([EVIDENCE_LABEL], row.id, toDriverProps(row.props));
  const rows = nodes.length;
  add([MARKER_LABEL], undefined, { graph: model.graph, hash });
  const position = (label: string, id: string) => {
    const index = at.get(`${label}:${id}`);
    return index === undefined ? undefined : neo4j.int(index);
  };
  const links: FirstPushParams['rels'] = [];
  for (const c of model.citations) {
    const from = position(ENTITY_LABEL, c.id);
    for (const source of c.sources) {
      // As the batched statements do: a link to a source the graph lacks is not made.
      const to = position(SOURCE_LABEL, source);
      if (from && to) links.push({ type: CITED_IN, from, to, props: { kg_graph: model.graph } });
    }
  }
  let missing = 0;
  for (const r of rels) {
    const from = position(ENTITY_LABEL, r.from);
    const to = position(ENTITY_LABEL, r.to);
    if (from && to) links.push({ type: r.type, from, to, props: r.props });
    else missing++;
  }
  if (missing > 0) {
    throw new KgNeo4jError(
      'NEO4J_MISSING_ENDPOINT',
      `${missing} relationship(s) name an entity missing in Neo4j`,
    );
  }
  return { nodes, rels: links, rows: rows + links.length };
}
