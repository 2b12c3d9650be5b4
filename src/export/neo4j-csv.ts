// Files for `neo4j-admin database import full` (an offline bulk load into an empty database,
// the fast path for millions of relations): one node file per entity type, one relationship
// file per type, sources, citations, typed headers, the constraints to create afterwards and
// the import command (neo4j-import.sh). Same model as `kg push` (docs/neo4j.md).
//
// CSV: comma-separated, fields quoted with `"` when needed (quotes doubled), LF line ends.
// Arrays (and the :LABEL column) are joined with U+001F (unit separator), which no text value
// can contain, passed as --array-delimiter=U+001F. Columns are typed (date, long, double,
// boolean, string[] …); rows whose values differ in type (a complete date vs. a partial one,
// which stays a string) are split into numbered files (`…-2.csv`), so the import stores exactly
// what `kg push` stores.
import type { Exporter, ExportFile } from './exporter.js';
import type { KgGraph } from '../types.js';
import { buildNeo4jModel, type Neo4jModel, type NodeRow, type RelRow } from '../neo4j/model.js';
import { CITED_IN, ENTITY_LABEL, EVIDENCE_LABEL, SOURCE_LABEL } from '../neo4j/identifiers.js';
import { constraintStatements } from '../neo4j/statements.js';
import type { Neo4jValue } from '../neo4j/values.js';
import { dict, own } from '../util/dict.js';
import {
  ARRAY_DELIMITER,
  type Column,
  field,
  cell,
  header,
  REL_CORE,
  columnsOf,
  ID_ONLY,
  NODE_CORE,
  splitByTypes,
  partName,
} from './neo4j-csv-cells.js';

function* nodeFile(rows: NodeRow[], idSpace: string, labels: string[]): Generator<string> {
  const columns = columnsOf(rows, ID_ONLY, NODE_CORE);
  yield [`id:ID(${idSpace})`, ':LABEL', ...columns.map(header)].join(',') + '\n';
  const labelCell = field(labels.join(ARRAY_DELIMITER));
  for (const row of rows) {
    yield (
      [field(row.id), labelCell, ...columns.map((c) => cell(own(row.props, c.key), c))].join(',') +
      '\n'
    );
  }
}

function relFiles(model: Neo4jModel): ExportFile[] {
  return model.relGroups.flatMap((group) =>
    splitByTypes(group.rows).map((rows, i) =>
      relFile(relationFileName(group.type, i), group.type, rows),
    ),
  );
}

export const relationFileName = (type: string, part: number) =>
  partName(`neo4j-relationships-${type}`, part);

/** The first three fields of a relationship row: start, end, type. */
export function relationPrefix(row: RelRow, type: string): string {
  return `${field(row.from)},${field(row.to)},${type}`;
}

/** A row's fields by property key (a column's type never changes a field's text). */
export function relationCells(row: { props: Record<string, Neo4jValue> }): Record<string, string> {
  const cells = dict<string>();
  for (const [key, value] of Object.entries(row.props)) {
    cells[key] = cell(value, { key, type: 'string', array: Array.isArray(value) });
  }
  return cells;
}

export function relationHeader(columns: Column[]): string {
  const head = [`:START_ID(${ENTITY_LABEL})`, `:END_ID(${ENTITY_LABEL})`, ':TYPE'];
  return [...head, ...columns.map(header)].join(',') + '\n';
}

export function relationLine(
  prefix: string,
  cells: Record<string, string>,
  columns: Column[],
): string {
  let line = prefix;
  for (const c of columns) line += `,${own(cells, c.key) ?? ''}`;
  return line + '\n';
}

/** Evidence items: node files of their own ID space (nothing links to them). */
export const evidenceFileName = (part: number) => partName('neo4j-evidence', part);

/** The first two fields of an evidence row: id, label. */
export const evidencePrefix = (row: NodeRow) => `${field(row.id)},${EVIDENCE_LABEL}`;

export function evidenceHeader(columns: Column[]): string {
  return [`id:ID(${EVIDENCE_LABEL})`, ':LABEL', ...columns.map(header)].join(',') + '\n';
}

function evidenceFiles(rows: NodeRow[]): ExportFile[] {
  if (rows.length === 0) return [];
  return splitByTypes(rows).map((part, i) => ({
    name: evidenceFileName(i),
    *chunks() {
      const columns = columnsOf(part, ID_ONLY, NODE_CORE);
      yield evidenceHeader(columns);
      for (const row of part) yield relationLine(evidencePrefix(row), relationCells(row), columns);
    },
  }));
}

function relFile(name: string, type: string, rows: RelRow[]): ExportFile {
  return {
    name,
    *chunks() {
      const columns = columnsOf(rows, new Set(), REL_CORE);
      yield relationHeader(columns);
      for (const row of rows) {
        yield relationLine(relationPrefix(row, type), relationCells(row), columns);
      }
    },
  };
}

function importScript(graph: string, files: string[]): string {
  const nodes = files.filter(
    (f) =>
      f.startsWith('neo4j-entities-') ||
      f.startsWith('neo4j-sources') ||
      f.startsWith('neo4j-evidence'),
  );
  const rels = files.filter(
    (f) => f.startsWith('neo4j-relationships-') || f === 'neo4j-cited-in.csv',
  );
  return [
    '#!/bin/sh',
    `# Bulk-loads kg graph '${graph.replace(/[\r\n]/g, ' ')}' into an EMPTY database with neo4j-admin (Neo4j 5).`,
    '# Stop the database first; run from this directory; then start Neo4j and run',
    '#   cypher-shell -f neo4j-constraints.cypher',
    '# to create the constraints and indexes `kg push` relies on.',
    'set -e',
    'cd "$(dirname "$0")"',
    'neo4j-admin database import full "${NEO4J_DATABASE:-neo4j}" \\',
    '  --overwrite-destination=true \\',
    '  --array-delimiter=U+001F \\',
    '  --multiline-fields=true \\',
    '  --id-type=string \\',
    ...nodes.map((f) => `  --nodes=${f} \\`),
    ...rels.map((f, i) => `  --relationships=${f}${i === rels.length - 1 ? '' : ' \\'}`),
    '',
  ].join('\n');
}

/** Sources, entities (one file per type and part) and CITED_IN: everything but relationships. */
export function nodeFiles(
  model: Pick<Neo4jModel, 'graph' | 'sources' | 'nodeGroups' | 'citations'>,
): ExportFile[] {
  return [
    ...splitByTypes(model.sources).map((rows, i) => ({
      name: partName('neo4j-sources', i),
      chunks: () => nodeFile(rows, SOURCE_LABEL, [SOURCE_LABEL]),
    })),
    ...model.nodeGroups.flatMap((group) =>
      splitByTypes(group.rows).map((rows, i) => ({
        name: partName(`neo4j-entities-${group.label}`, i),
        chunks: () => nodeFile(rows, ENTITY_LABEL, [ENTITY_LABEL, group.label]),
      })),
    ),
    {
      name: 'neo4j-cited-in.csv',
      *chunks() {
        yield `:START_ID(${ENTITY_LABEL}),:END_ID(${SOURCE_LABEL}),:TYPE,kg_graph\n`;
        const g = field(model.graph);
        for (const c of model.citations) {
          for (const s of c.sources) yield `${field(c.id)},${field(s)},${CITED_IN},${g}\n`;
        }
      },
    },
  ];
}

/** The constraints script and the import command, given every data file's name in order. */
export function scriptFiles(graph: string, names: string[]): ExportFile[] {
  return [
    {
      name: 'neo4j-constraints.cypher',
      chunks: () => constraintStatements().map((s) => `${s};\n`),
    },
    { name: 'neo4j-import.sh', chunks: () => [importScript(graph, names)] },
  ];
}

export function neo4jCsvFiles(graph: KgGraph): ExportFile[] {
  // Relationships in the order written (not by id), so `kg export --stream`, which never holds
  // them all, writes the same bytes.
  const model = buildNeo4jModel(graph, undefined, { relationOrder: 'graph' });
  const files: ExportFile[] = [
    ...nodeFiles(model),
    ...relFiles(model),
    ...evidenceFiles(model.evidence),
  ];
  const names = files.map((f) => f.name);
  return [...files, ...scriptFiles(model.graph, names)];
}

export const neo4jCsv: Exporter = {
  description: 'neo4j-admin database import files: typed CSV per type + import command',
  output: 'directory',
  defaultName: 'neo4j-import',
  files: neo4jCsvFiles,
};
