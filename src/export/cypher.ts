// A Cypher script that `cypher-shell -f graph.cypher` (or Neo4j Browser) runs on an empty or
// existing database to the same result as `kg push`: the same constraints and statements, with
// the rows inlined as escaped `UNWIND [ … ] AS row` literals instead of parameters.
import type { Exporter } from './exporter.js';
import type { KgGraph } from '../types.js';
import {
  batches,
  buildNeo4jModel,
  entityDegrees,
  lookupFromTarget,
  type NodeRow,
  type RelRow,
} from '../neo4j/model.js';
import { ENTITY_LABEL, escapeKey, EVIDENCE_LABEL, SOURCE_LABEL } from '../neo4j/identifiers.js';
import {
  citationStatement,
  constraintStatements,
  evidenceTrimStatement,
  movedStatement,
  nodeStatement,
  relUpsertStatement,
} from '../neo4j/statements.js';
import { cypherMap, cypherString, cypherValue } from '../neo4j/values.js';

export interface CypherScriptOptions {
  /** Rows per UNWIND statement (each statement is one transaction in cypher-shell). */
  batchSize: number;
}

export const DEFAULT_CYPHER_SCRIPT_OPTIONS: CypherScriptOptions = { batchSize: 500 };

function rowsLiteral(rows: string[]): string {
  return `[\n  ${rows.join(',\n  ')}\n]`;
}

const nodeRow = (r: NodeRow) => `{id: ${cypherString(r.id)}, props: ${cypherMap(r.props)}}`;
const relRow = (r: RelRow, type: string, rev: boolean) =>
  `{id: ${cypherString(r.id)}, type: ${cypherString(type)}, from: ${cypherString(r.from)}, to: ${cypherString(r.to)}, rev: ${rev}, props: ${cypherMap(r.props)}}`;

interface TypedRow {
  type: string;
  row: RelRow;
}

/** `{`TYPE:id`: ['from', 'to'], …}`: the endpoints movedStatement checks. */
function endsLiteral(rows: TypedRow[]): string {
  const parts = rows.map(
    ({ type, row: r }) =>
      `${escapeKey(`${type}:${r.id}`)}: [${cypherString(r.from)}, ${cypherString(r.to)}]`,
  );
  return `{\n  ${parts.join(',\n  ')}\n}`;
}

/** The script's statements, each without its terminating `;`. */
export function* cypherStatements(
  graph: KgGraph,
  options: CypherScriptOptions = DEFAULT_CYPHER_SCRIPT_OPTIONS,
): Generator<string> {
  const model = buildNeo4jModel(graph);
  const g = cypherString(model.graph);
  yield* constraintStatements();
  for (const batch of batches(model.sources, options.batchSize)) {
    const inputs = { rows: rowsLiteral(batch.map(nodeRow)), graph: g };
    yield nodeStatement(SOURCE_LABEL, inputs, false, false);
  }
  const entities = model.nodeGroups.flatMap((group) => group.rows);
  for (const batch of batches(entities, options.batchSize)) {
    yield nodeStatement(
      ENTITY_LABEL,
      { rows: rowsLiteral(batch.map(nodeRow)), graph: g },
      false,
      true,
    );
  }
  for (const batch of batches(model.citations, options.batchSize)) {
    const rows = batch.map(
      (c) => `{id: ${cypherString(c.id)}, sources: ${cypherValue(c.sources)}}`,
    );
    // A list literal of no sources is `[]`, which cypherValue renders correctly.
    yield citationStatement({ rows: rowsLiteral(rows), graph: g });
  }
  // Per batch: delete what moved to other endpoints, then create or update each row.
  const degree = entityDegrees(model);
  const rels = model.relGroups.flatMap((group) =>
    group.rows.map((row) => ({ type: group.type, row })),
  );
  for (const batch of batches(rels, options.batchSize)) {
    yield movedStatement(endsLiteral(batch), g, false);
    const rows = batch.map(({ type, row }) => relRow(row, type, lookupFromTarget(row, degree)));
    yield relUpsertStatement({ rows: rowsLiteral(rows), graph: g });
  }
  // Evidence items: each relationship's exactly (items numbered above its count are deleted).
  const items = new Map<string, number>();
  for (const e of model.evidence) {
    const relation = String(e.props.relation);
    items.set(relation, (items.get(relation) ?? 0) + 1);
  }
  for (const batch of batches(rels, options.batchSize)) {
    const rows = batch.map(
      ({ row }) => `{id: ${cypherString(row.id)}, count: ${items.get(row.id) ?? 0}}`,
    );
    yield evidenceTrimStatement({ rows: rowsLiteral(rows), graph: g });
  }
  for (const batch of batches(model.evidence, options.batchSize)) {
    const inputs = { rows: rowsLiteral(batch.map(nodeRow)), graph: g };
    yield nodeStatement(EVIDENCE_LABEL, inputs, false, false);
  }
}

function* scriptChunks(graph: KgGraph, options: CypherScriptOptions): Generator<string> {
  yield `// kg graph '${graph.getAttribute('name').replace(/[\r\n]/g, ' ')}' — run with: cypher-shell -f graph.cypher\n`;
  yield '// Idempotent: MERGE on (kg_graph, id); see docs/neo4j.md for the model.\n';
  for (const statement of cypherStatements(graph, options)) yield `${statement};\n`;
}

export function createCypherExporter(
  options: CypherScriptOptions = DEFAULT_CYPHER_SCRIPT_OPTIONS,
): Exporter {
  return {
    description:
      'Cypher script for cypher-shell -f: same result as kg push (constraints, UNWIND batches)',
    output: 'file',
    defaultName: 'graph.cypher',
    files: (graph) => [{ name: 'graph.cypher', chunks: () => scriptChunks(graph, options) }],
  };
}

export const cypher: Exporter = createCypherExporter();
