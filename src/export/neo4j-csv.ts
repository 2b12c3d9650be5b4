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
import { CITED_IN, ENTITY_LABEL, SOURCE_LABEL } from '../neo4j/identifiers.js';
import { constraintStatements } from '../neo4j/statements.js';
import { isInt, isTemporal, type Neo4jScalar, type Neo4jValue } from '../neo4j/values.js';

export const ARRAY_DELIMITER = '\u001f';
const NEEDS_QUOTES = /[",\r\n]/;

type CsvType = 'string' | 'boolean' | 'long' | 'double' | 'date' | 'datetime' | 'localdatetime';

function scalarType(v: Neo4jScalar): CsvType {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'number') return 'double';
  if (isInt(v)) return 'long';
  return v.kind;
}

interface Column {
  key: string;
  type: CsvType;
  array: boolean;
}

/** The narrowest type every value of a column fits; mixed kinds fall back to string. */
function columnFor(key: string, values: Neo4jValue[]): Column {
  const types = new Set<CsvType>();
  let array = false;
  for (const v of values) {
    if (Array.isArray(v)) {
      array = true;
      v.forEach((x) => types.add(scalarType(x)));
    } else types.add(scalarType(v));
  }
  let type: CsvType = 'string';
  if (types.size === 1) type = [...types][0] as CsvType;
  else if ([...types].every((t) => t === 'long' || t === 'double')) type = 'double';
  return { key, type, array };
}

export class Neo4jCsvError extends Error {
  readonly code = 'NEO4J_CSV_DELIMITER_IN_VALUE';
}

function scalarText(v: Neo4jScalar, column: Column): string {
  let text: string;
  if (typeof v === 'string') text = v;
  else if (typeof v === 'boolean' || typeof v === 'number') text = String(v);
  else if (isInt(v)) text = String(v.value);
  else if (isTemporal(v)) text = v.text;
  else text = String(v);
  if (column.array && text.includes(ARRAY_DELIMITER)) {
    throw new Neo4jCsvError(`a value of '${column.key}' contains U+001F, the array delimiter`);
  }
  return text;
}

function field(text: string): string {
  return NEEDS_QUOTES.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

function cell(value: Neo4jValue | undefined, column: Column): string {
  // An empty unquoted field means "no property"; an empty string is written quoted.
  if (value === undefined) return '';
  const parts = (Array.isArray(value) ? value : [value]).map((v) => scalarText(v, column));
  return field(parts.join(ARRAY_DELIMITER));
}

function header(column: Column): string {
  const suffix = column.array ? `${column.type}[]` : column.type;
  return suffix === 'string' ? column.key : `${column.key}:${suffix}`;
}

// Column order: kg keys, then schema properties by name, then the core keys in this order.
const FIRST = ['kg_graph', 'id', 'kg_type'];
const LAST = ['aliases', 'sources', 'quote', 'date', 'start', 'end', 'confidence', 'note'];

function columnRank(key: string, core: boolean): number {
  if (FIRST.includes(key)) return FIRST.indexOf(key);
  if (core && LAST.includes(key)) return 100 + LAST.indexOf(key);
  return 50;
}

function columnsOf(
  rows: { props: Record<string, Neo4jValue> }[],
  skip: Set<string>,
  coreKeys: string[],
): Column[] {
  const values = new Map<string, Neo4jValue[]>();
  for (const row of rows) {
    for (const [k, v] of Object.entries(row.props)) {
      if (skip.has(k)) continue;
      let list = values.get(k);
      if (!list) values.set(k, (list = []));
      list.push(v);
    }
  }
  const rank = (k: string) => columnRank(k, coreKeys.includes(k));
  return [...values.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => columnFor(k, v));
}

const ID_ONLY = new Set(['id']);
const NODE_CORE = ['aliases', 'sources', 'note'];
const REL_CORE = ['sources', 'quote', 'date', 'start', 'end', 'confidence', 'note'];

function valueType(value: Neo4jValue): string {
  if (!Array.isArray(value)) return scalarType(value);
  const first = value[0];
  return `${first === undefined ? 'string' : scalarType(first)}[]`;
}

/**
 * Splits rows so that, within each part, every property has one Neo4j type (a CSV column has
 * one type): e.g. relationships whose `date` is a complete date vs. a partial one ('2025-08',
 * a string) go to two files, and the import stores exactly what `kg push` stores.
 */
export function splitByTypes<T extends { props: Record<string, Neo4jValue> }>(rows: T[]): T[][] {
  const parts: { types: Map<string, string>; rows: T[] }[] = [];
  for (const row of rows) {
    const types = Object.entries(row.props).map(([k, v]) => [k, valueType(v)] as const);
    let part = parts.find((p) => types.every(([k, t]) => (p.types.get(k) ?? t) === t));
    if (!part) parts.push((part = { types: new Map(), rows: [] }));
    for (const [k, t] of types) part.types.set(k, t);
    part.rows.push(row);
  }
  return parts.length ? parts.map((p) => p.rows) : [[]];
}

const partName = (base: string, i: number) => `${base}${i === 0 ? '' : `-${i + 1}`}.csv`;

function* nodeFile(rows: NodeRow[], idSpace: string, labels: string[]): Generator<string> {
  const columns = columnsOf(rows, ID_ONLY, NODE_CORE);
  yield [`id:ID(${idSpace})`, ':LABEL', ...columns.map(header)].join(',') + '\n';
  const labelCell = field(labels.join(ARRAY_DELIMITER));
  for (const row of rows) {
    yield (
      [field(row.id), labelCell, ...columns.map((c) => cell(row.props[c.key], c))].join(',') + '\n'
    );
  }
}

function relFiles(model: Neo4jModel): ExportFile[] {
  return model.relGroups.flatMap((group) =>
    splitByTypes(group.rows).map((rows, i) =>
      relFile(partName(`neo4j-relationships-${group.type}`, i), group.type, rows),
    ),
  );
}

function relFile(name: string, type: string, rows: RelRow[]): ExportFile {
  return {
    name,
    *chunks() {
      const columns = columnsOf(rows, new Set(), REL_CORE);
      const head = [
        `:START_ID(${ENTITY_LABEL})`,
        `:END_ID(${ENTITY_LABEL})`,
        ':TYPE',
        ...columns.map(header),
      ];
      yield head.join(',') + '\n';
      for (const row of rows) {
        const cells = [
          field(row.from),
          field(row.to),
          type,
          ...columns.map((c) => cell(row.props[c.key], c)),
        ];
        yield cells.join(',') + '\n';
      }
    },
  };
}

function importScript(model: Neo4jModel, files: string[]): string {
  const nodes = files.filter(
    (f) => f.startsWith('neo4j-entities-') || f.startsWith('neo4j-sources'),
  );
  const rels = files.filter(
    (f) => f.startsWith('neo4j-relationships-') || f === 'neo4j-cited-in.csv',
  );
  return [
    '#!/bin/sh',
    `# Bulk-loads kg graph '${model.graph.replace(/[\r\n]/g, ' ')}' into an EMPTY database with neo4j-admin (Neo4j 5).`,
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

export function neo4jCsvFiles(graph: KgGraph): ExportFile[] {
  const model = buildNeo4jModel(graph);
  const files: ExportFile[] = [
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
    ...relFiles(model),
  ];
  const names = files.map((f) => f.name);
  files.push(
    {
      name: 'neo4j-constraints.cypher',
      chunks: () => constraintStatements(model.relGroups.map((g) => g.type)).map((s) => `${s};\n`),
    },
    { name: 'neo4j-import.sh', chunks: () => [importScript(model, names)] },
  );
  return files;
}

export const neo4jCsv: Exporter = {
  description: 'neo4j-admin database import files: typed CSV per type + import command',
  output: 'directory',
  defaultName: 'neo4j-import',
  files: neo4jCsvFiles,
};
