// A Cypher script that `cypher-shell -f graph.cypher` (or Neo4j Browser) runs on an empty or
// existing database to the same result as `kg push`: the same constraints and statements, with
// the rows inlined as escaped `UNWIND [ … ] AS row` literals instead of parameters.
import type { Exporter } from './exporter.js';
import type { KgGraph } from '../types.js';
import { batches, buildNeo4jModel, type NodeRow, type RelRow } from '../neo4j/model.js';
import { ENTITY_LABEL, SOURCE_LABEL } from '../neo4j/identifiers.js';
import {
  citationStatement,
  constraintStatements,
  nodeStatement,
  relStatements,
  removeLabelStatement,
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
const relRow = (r: RelRow) =>
  `{id: ${cypherString(r.id)}, from: ${cypherString(r.from)}, to: ${cypherString(r.to)}, props: ${cypherMap(r.props)}}`;

/** The script's statements, each without its terminating `;`. */
export function* cypherStatements(
  graph: KgGraph,
  options: CypherScriptOptions = DEFAULT_CYPHER_SCRIPT_OPTIONS,
): Generator<string> {
  const model = buildNeo4jModel(graph);
  const g = cypherString(model.graph);
  yield* constraintStatements(model.relGroups.map((r) => r.type));
  for (const batch of batches(model.sources, options.batchSize)) {
    yield nodeStatement(SOURCE_LABEL, { rows: rowsLiteral(batch.map(nodeRow)), graph: g }, false);
  }
  for (const group of model.nodeGroups) {
    for (const batch of batches(group.rows, options.batchSize)) {
      const inputs = { rows: rowsLiteral(batch.map(nodeRow)), graph: g };
      yield nodeStatement(ENTITY_LABEL, inputs, false, group.label);
    }
  }
  // An entity whose type changed since an earlier run keeps no stale type label.
  const types = new Set([
    ...Object.keys(graph.getAttribute('schema').entities),
    ...model.nodeGroups.map((n) => n.label),
  ]);
  for (const type of [...types].sort()) yield removeLabelStatement(type, { rows: '', graph: g });
  for (const batch of batches(model.citations, options.batchSize)) {
    const rows = batch.map(
      (c) => `{id: ${cypherString(c.id)}, sources: ${cypherValue(c.sources)}}`,
    );
    // A list literal of no sources is `[]`, which cypherValue renders correctly.
    yield citationStatement({ rows: rowsLiteral(rows), graph: g });
  }
  for (const group of model.relGroups) {
    for (const batch of batches(group.rows, options.batchSize)) {
      yield* relStatements(group.type, { rows: rowsLiteral(batch.map(relRow)), graph: g });
    }
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
