// The attribute columns every tabular or typed exporter (GEXF, GraphML, CSV) declares up front:
// the core keys of src/types.ts in their order, then schema properties (and any undeclared key
// found on the graph, so hand-built graphs lose nothing), sorted by name for stable output.
// Typing is generic: a core key without a known kind is typed from its values; values that are
// objects or lists of objects (relation evidence) are `json` columns: strict JSON text, since
// GEXF, GraphML and CSV have no structured type.
import type { KgGraph, PropertySpec, SchemaInfo } from '../types.js';
import { CORE_EDGE_KEYS, CORE_NODE_KEYS } from '../types.js';

/**
 * The value kinds exporters care about (enum/ref/text are strings; date/url keep their meaning;
 * `json`: structured values, written as JSON text in a string column).
 */
export type ValueKind = 'string' | 'integer' | 'double' | 'boolean' | 'date' | 'url' | 'json';

export interface Column {
  key: string;
  kind: ValueKind;
  list: boolean;
}

const col = (key: string, kind: ValueKind, list = false): Column => ({ key, kind, list });

/**
 * The relation's direction as an edge column (GEXF, GraphML): true for a symmetric relation.
 * Derived from the edge (undirected), not an attribute; its name is reserved for properties.
 */
export const SYMMETRIC_COLUMN: Column = col('symmetric', 'boolean');

/**
 * Kinds of core keys, so that a column is declared with the right type even when no node or
 * edge has a value. Core keys missing here are typed from their values.
 */
const CORE_KINDS: ReadonlyMap<string, Column> = new Map(
  [
    col('label', 'string'),
    col('type', 'string'),
    col('color', 'string'),
    col('size', 'double'),
    col('x', 'double'),
    col('y', 'double'),
    col('aliases', 'string', true),
    col('evidence', 'json'),
    col('sources', 'string', true),
    col('quotes', 'string', true),
    col('evidence_count', 'integer'),
    col('date', 'date'),
    col('start', 'date'),
    col('end', 'date'),
    col('confidence', 'double'),
    col('note', 'string'),
  ].map((c) => [c.key, c]),
);

function specKind(spec: PropertySpec): ValueKind {
  switch (spec.type) {
    case 'integer':
      return 'integer';
    case 'number':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'url':
      return 'url';
    default:
      return 'string';
  }
}

/** A kind found on values; `undefined` kind: only empty lists seen so far. */
interface Found {
  kind: ValueKind | undefined;
  list: boolean;
}

function scalarKind(value: unknown): ValueKind | undefined {
  if (typeof value === 'string') return 'string';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  return undefined;
}

/**
 * Two kinds of one name disagree: widen rather than lie (integer+double → double, anything with
 * structured values → json, else string).
 */
function widen(a: ValueKind | undefined, b: ValueKind | undefined): ValueKind | undefined {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  if (a === 'json' || b === 'json') return 'json';
  const numeric = (k: ValueKind): boolean => k === 'integer' || k === 'double';
  return numeric(a) && numeric(b) ? 'double' : 'string';
}

const JSON_VALUE: Found = { kind: 'json', list: false };

/**
 * The kind of a scalar or a list of scalars; `json` for objects and lists holding anything else;
 * `null` for what JSON cannot hold (functions, symbols, bigints).
 */
function valueKind(value: unknown): Found | null {
  if (Array.isArray(value)) {
    let kind: ValueKind | undefined;
    for (const item of value) {
      const k = scalarKind(item);
      if (k === undefined) return valueKind(item) === null ? null : JSON_VALUE;
      kind = widen(kind, k);
    }
    return { kind, list: true };
  }
  if (typeof value === 'object') return JSON_VALUE;
  const kind = scalarKind(value);
  return kind === undefined ? null : { kind, list: false };
}

function merge(a: Found, b: Found): Found {
  const kind = widen(a.kind, b.kind);
  return kind === 'json' ? JSON_VALUE : { kind, list: a.list || b.list };
}

const toColumn = (key: string, found: Found): Column =>
  col(key, found.kind ?? 'string', found.list);

const byKey = (a: Column, b: Column): number => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Core columns (in `coreKeys` order) and property columns (sorted by name). */
export interface Columns {
  core: Column[];
  properties: Column[];
}

/**
 * The columns of one kind of element: `coreKeys` in order (typed by `CORE_KINDS`, else from
 * their values), then the declared properties and any other key found by `scan`.
 */
export function discoverColumns(
  coreKeys: readonly string[],
  declared: Iterable<Record<string, PropertySpec>>,
  scan: (visit: (attrs: Record<string, unknown>) => void) => void,
): Columns {
  const core = new Set(coreKeys);
  const properties = new Map<string, Found>();
  for (const specs of declared) {
    for (const [key, spec] of Object.entries(specs)) {
      if (core.has(key)) continue;
      const found = { kind: specKind(spec), list: spec.list };
      const seen = properties.get(key);
      properties.set(key, seen ? merge(seen, found) : found);
    }
  }
  // Typed from the values: core keys of no known kind, and keys no schema declares (hand-built
  // graphs). Null is absent, like undefined.
  const scanned = new Map<string, Found | null>();
  const needsScan = (key: string): boolean =>
    core.has(key) ? !CORE_KINDS.has(key) : !properties.has(key);
  scan((attrs) => {
    for (const key in attrs) {
      const value = attrs[key];
      if (value === undefined || value === null || !needsScan(key)) continue;
      const seen = scanned.get(key);
      if (seen === null) continue;
      const found = valueKind(value);
      scanned.set(key, found === null ? null : seen ? merge(seen, found) : found);
    }
  });
  const coreColumns: Column[] = [];
  for (const key of coreKeys) {
    const known = CORE_KINDS.get(key);
    const found = scanned.get(key);
    if (known) coreColumns.push(known);
    else if (found) coreColumns.push(toColumn(key, found));
  }
  // JSON text (the evidence list) after the other core columns: long, and for tools, not people.
  const isJson = (c: Column): boolean => c.kind === 'json';
  coreColumns.push(...coreColumns.splice(0).sort((a, b) => Number(isJson(a)) - Number(isJson(b))));
  const propertyColumns = [...properties].map(([key, found]) => toColumn(key, found));
  for (const [key, found] of scanned) {
    if (found && !core.has(key)) propertyColumns.push(toColumn(key, found));
  }
  return { core: coreColumns, properties: propertyColumns.sort(byKey) };
}

/** The schema, tolerating hand-built graphs that have none. */
function schemaOf(graph: KgGraph): SchemaInfo {
  const schema = graph.getAttribute('schema') as SchemaInfo | undefined;
  return { entities: schema?.entities ?? {}, relations: schema?.relations ?? {} };
}

/** Node columns: core keys in `CORE_NODE_KEYS` order, then entity properties by name. */
export function nodeColumns(graph: KgGraph): Columns {
  const { entities } = schemaOf(graph);
  return discoverColumns(
    CORE_NODE_KEYS,
    Object.values(entities).map((t) => t.properties),
    (visit) => graph.forEachNode((_key, attrs) => visit(attrs)),
  );
}

/** Edge columns: core keys in `CORE_EDGE_KEYS` order, then relation properties by name. */
export function edgeColumns(graph: KgGraph): Columns {
  const { relations } = schemaOf(graph);
  return discoverColumns(
    CORE_EDGE_KEYS,
    Object.values(relations).map((t) => t.properties),
    (visit) => graph.forEachEdge((_key, attrs) => visit(attrs)),
  );
}

/** Entity property columns (no core keys), sorted by name. */
export function nodePropertyColumns(graph: KgGraph): Column[] {
  return nodeColumns(graph).properties;
}

/** Relation property columns (no core keys), sorted by name. */
export function edgePropertyColumns(graph: KgGraph): Column[] {
  return edgeColumns(graph).properties;
}

/**
 * Graph-level columns: every scalar or list-of-scalars graph attribute (`name`, and the project
 * manifest's title, description, authors, license), `name` first, then by name. Objects (the
 * sources table, the schema) are not columns: JSON carries them.
 */
export function graphColumns(graph: KgGraph): Column[] {
  const columns: Column[] = [];
  for (const [key, value] of Object.entries(graph.getAttributes())) {
    const found = value === undefined || value === null ? null : valueKind(value);
    if (found && found.kind !== 'json') columns.push(toColumn(key, found));
  }
  return columns.sort((a, b) => (a.key === 'name' ? -1 : b.key === 'name' ? 1 : byKey(a, b)));
}

/** A finite number as text, or undefined (NaN and infinities are not data). */
export function formatNumber(value: number): string | undefined {
  return Number.isFinite(value) ? String(value) : undefined;
}

/** A scalar as plain text (booleans `true`/`false`, numbers in JS notation). */
export function formatScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return undefined;
}

/**
 * A value of a `json` column as strict JSON text (`JSON.parse`, `json.loads`); undefined when
 * absent. Control characters are escaped, so the text is safe in XML and in one CSV line.
 */
export function jsonText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : JSON.stringify(value);
}

/** Separator for list values in GraphML and CSV cells. */
export const LIST_SEPARATOR = '|';

/** A value as one text cell: lists joined with `|`; undefined when absent. */
export function formatCell(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const parts: string[] = [];
    for (const item of value) {
      const text = formatScalar(item);
      if (text !== undefined) parts.push(text);
    }
    return parts.join(LIST_SEPARATOR);
  }
  return formatScalar(value);
}

const BARE_KINDS: ReadonlySet<ValueKind> = new Set(['integer', 'double', 'boolean']);

/** A list's items as text: quoted by `quote`, except numbers and booleans of such columns. */
function listItems(value: unknown, column: Column, quote: (text: string) => string): string[] {
  const items: unknown[] = Array.isArray(value) ? value : [value];
  const bare = BARE_KINDS.has(column.kind);
  const parts: string[] = [];
  for (const item of items) {
    const text = formatScalar(item);
    if (text !== undefined) parts.push(bare && typeof item !== 'string' ? text : quote(text));
  }
  return parts;
}

/**
 * A list in Gephi's notation, `["a", "say \"hi\""]` or `[1, 2.5]`: strings quoted, with only
 * backslash and double quote backslash-escaped (Gephi reads any other backslash as a literal
 * next character).
 * It is also JSON, except that control characters stay raw: Python's
 * `json.loads(text, strict=False)` reads it back.
 */
export function gephiListText(value: unknown, column: Column): string {
  const quote = (text: string): string => `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  return `[${listItems(value, column, quote).join(', ')}]`;
}

/** A list as strict JSON text (`JSON.parse`, `json.loads`), for formats with no list type. */
export function jsonListText(value: unknown, column: Column): string {
  return `[${listItems(value, column, (text) => JSON.stringify(text)).join(',')}]`;
}
