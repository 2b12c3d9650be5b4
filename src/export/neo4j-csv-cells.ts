// The cells and columns of the neo4j-csv files: typed headers, quoted fields, arrays joined
// with U+001F, and rows split into parts of one column type each (neo4j-csv.ts writes them).
import { CORE_EDGE_KEYS } from '../types.js';
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

export interface Column {
  key: string;
  type: CsvType;
  array: boolean;
}

/**
 * The columns of one CSV file, accumulated row by row (the streaming export sees rows one at a
 * time): per key, the narrowest type every value fits; mixed kinds fall back to string.
 */
export class ColumnTypes {
  private readonly keys = new Map<string, { types: Set<CsvType>; array: boolean }>();

  constructor(private readonly skip: ReadonlySet<string>) {}

  add(props: Record<string, Neo4jValue>): void {
    for (const [k, v] of Object.entries(props)) {
      if (this.skip.has(k)) continue;
      let seen = this.keys.get(k);
      if (!seen) this.keys.set(k, (seen = { types: new Set(), array: false }));
      if (Array.isArray(v)) {
        seen.array = true;
        v.forEach((x) => seen.types.add(scalarType(x)));
      } else seen.types.add(scalarType(v));
    }
  }

  /** Sorted: kg keys, then schema properties by name, then `coreKeys` in their fixed order. */
  columns(coreKeys: string[]): Column[] {
    const rank = (k: string) => columnRank(k, coreKeys.includes(k));
    return [...this.keys.entries()]
      .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { types, array }]) => {
        let type: CsvType = 'string';
        if (types.size === 1) type = [...types][0] as CsvType;
        else if ([...types].every((t) => t === 'long' || t === 'double')) type = 'double';
        return { key, type, array };
      });
  }
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

export function field(text: string): string {
  return NEEDS_QUOTES.test(text) || text === '' ? `"${text.replaceAll('"', '""')}"` : text;
}

export function cell(value: Neo4jValue | undefined, column: Column): string {
  // An empty unquoted field means "no property"; an empty string is written quoted.
  if (value === undefined) return '';
  const parts = (Array.isArray(value) ? value : [value]).map((v) => scalarText(v, column));
  return field(parts.join(ARRAY_DELIMITER));
}

export function header(column: Column): string {
  const suffix = column.array ? `${column.type}[]` : column.type;
  return suffix === 'string' ? column.key : `${column.key}:${suffix}`;
}

// Column order: kg keys, then schema properties by name, then the core keys in this order.
const FIRST = ['kg_graph', 'id', 'kg_type'];
/** The core edge keys that are relationship properties, in column order. */
export const REL_CORE: string[] = CORE_EDGE_KEYS.filter(
  (k) => !['type', 'label', 'color', 'size', 'evidence'].includes(k),
);
const LAST = ['aliases', ...REL_CORE];

function columnRank(key: string, core: boolean): number {
  if (FIRST.includes(key)) return FIRST.indexOf(key);
  if (core && LAST.includes(key)) return 100 + LAST.indexOf(key);
  return 50;
}

export function columnsOf(
  rows: { props: Record<string, Neo4jValue> }[],
  skip: Set<string>,
  coreKeys: string[],
): Column[] {
  const types = new ColumnTypes(skip);
  for (const row of rows) types.add(row.props);
  return types.columns(coreKeys);
}

export const ID_ONLY = new Set(['id']);
export const NODE_CORE = ['aliases', 'sources', 'note'];

function valueType(value: Neo4jValue): string {
  if (!Array.isArray(value)) return scalarType(value);
  const first = value[0];
  return `${first === undefined ? 'string' : scalarType(first)}[]`;
}

/**
 * Assigns rows, one at a time, to parts in which every property has one Neo4j type (a CSV
 * column has one type): e.g. relationships whose `date` is a complete date vs. a partial one
 * ('2025-08', a string) go to two files, and the import stores exactly what `kg push` stores.
 * A row joins the first part it agrees with, so the split depends only on the row order.
 */
export class TypeSplitter {
  private readonly parts: Map<string, string>[] = [];

  /** The part index of a row with these props. */
  assign(props: Record<string, Neo4jValue>): number {
    const types = Object.entries(props).map(([k, v]) => [k, valueType(v)] as const);
    let i = this.parts.findIndex((p) => types.every(([k, t]) => (p.get(k) ?? t) === t));
    if (i < 0) i = this.parts.push(new Map()) - 1;
    const part = this.parts[i]!;
    for (const [k, t] of types) part.set(k, t);
    return i;
  }
}

/** Splits rows as TypeSplitter does (at least one, possibly empty, part). */
export function splitByTypes<T extends { props: Record<string, Neo4jValue> }>(rows: T[]): T[][] {
  const splitter = new TypeSplitter();
  const parts: T[][] = [];
  for (const row of rows) (parts[splitter.assign(row.props)] ??= []).push(row);
  return parts.length ? parts : [[]];
}

export const partName = (base: string, i: number) => `${base}${i === 0 ? '' : `-${i + 1}`}.csv`;
