// The attribute columns every tabular or typed exporter (GEXF, GraphML, CSV) declares up front:
// the core keys of src/types.ts, then schema properties (and any undeclared key found on the
// graph, so hand-built graphs lose nothing), sorted by name for stable output.
import type { KgGraph, PropertySpec, PropertyValue, SchemaInfo } from '../types.js';
import { CORE_EDGE_KEYS, CORE_NODE_KEYS } from '../types.js';

/** The value kinds exporters care about (enum/ref/text are strings; date/url keep their meaning). */
export type ValueKind = 'string' | 'integer' | 'double' | 'boolean' | 'date' | 'url';

export interface Column {
  key: string;
  kind: ValueKind;
  list: boolean;
}

const col = (key: string, kind: ValueKind, list = false): Column => ({ key, kind, list });

/** Core node columns, in the order exporters list them. */
export const NODE_CORE_COLUMNS: Record<(typeof CORE_NODE_KEYS)[number], Column> = {
  label: col('label', 'string'),
  type: col('type', 'string'),
  color: col('color', 'string'),
  size: col('size', 'double'),
  x: col('x', 'double'),
  y: col('y', 'double'),
  aliases: col('aliases', 'string', true),
  sources: col('sources', 'string', true),
  note: col('note', 'string'),
};

/** Core edge columns. */
export const EDGE_CORE_COLUMNS: Record<(typeof CORE_EDGE_KEYS)[number], Column> = {
  type: col('type', 'string'),
  label: col('label', 'string'),
  color: col('color', 'string'),
  size: col('size', 'double'),
  // The list of evidence objects has no column: tabular formats carry the flat lists below.
  evidence: col('evidence', 'string', true),
  sources: col('sources', 'string', true),
  quotes: col('quotes', 'string', true),
  evidence_count: col('evidence_count', 'integer'),
  date: col('date', 'date'),
  start: col('start', 'date'),
  end: col('end', 'date'),
  confidence: col('confidence', 'double'),
  note: col('note', 'string'),
};

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

function valueKind(value: PropertyValue): { kind: ValueKind; list: boolean } {
  const first = Array.isArray(value) ? value[0] : value;
  const list = Array.isArray(value);
  if (typeof first === 'number')
    return { kind: Number.isInteger(first) ? 'integer' : 'double', list };
  if (typeof first === 'boolean') return { kind: 'boolean', list };
  return { kind: 'string', list };
}

/** Two declarations of one name disagree (different entity types): widen rather than lie. */
function merge(a: Column, b: { kind: ValueKind; list: boolean }): Column {
  let kind: ValueKind;
  if (a.kind === b.kind) kind = a.kind;
  else if (
    (a.kind === 'integer' || a.kind === 'double') &&
    (b.kind === 'integer' || b.kind === 'double')
  )
    kind = 'double';
  else kind = 'string';
  return col(a.key, kind, a.list || b.list);
}

function propertyColumns(
  declared: Iterable<Record<string, PropertySpec>>,
  core: ReadonlySet<string>,
  scan: (visit: (attrs: Record<string, unknown>) => void) => void,
): Column[] {
  const columns = new Map<string, Column>();
  const add = (key: string, found: { kind: ValueKind; list: boolean }): void => {
    if (core.has(key)) return;
    const seen = columns.get(key);
    columns.set(key, seen ? merge(seen, found) : col(key, found.kind, found.list));
  };
  for (const properties of declared) {
    for (const [key, spec] of Object.entries(properties)) {
      add(key, { kind: specKind(spec), list: spec.list });
    }
  }
  // Undeclared keys (hand-built graphs): typed from their first value.
  const undeclared = new Set<string>();
  scan((attrs) => {
    for (const key in attrs) {
      if (core.has(key) || (columns.has(key) && !undeclared.has(key))) continue;
      const value = attrs[key];
      if (
        value === undefined ||
        value === null ||
        (typeof value === 'object' && !Array.isArray(value))
      )
        continue;
      if (!columns.has(key)) undeclared.add(key);
      add(key, valueKind(value as PropertyValue));
    }
  });
  return [...columns.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** The schema, tolerating hand-built graphs that have none. */
function schemaOf(graph: KgGraph): SchemaInfo {
  const schema = graph.getAttribute('schema') as SchemaInfo | undefined;
  return { entities: schema?.entities ?? {}, relations: schema?.relations ?? {} };
}

const NODE_CORE_KEYS: ReadonlySet<string> = new Set(CORE_NODE_KEYS);
const EDGE_CORE_KEYS: ReadonlySet<string> = new Set(CORE_EDGE_KEYS);

/** Entity property columns (no core keys), sorted by name. */
export function nodePropertyColumns(graph: KgGraph): Column[] {
  const { entities } = schemaOf(graph);
  return propertyColumns(
    Object.values(entities).map((t) => t.properties),
    NODE_CORE_KEYS,
    (visit) => graph.forEachNode((_key, attrs) => visit(attrs)),
  );
}

/** Relation property columns (no core keys), sorted by name. */
export function edgePropertyColumns(graph: KgGraph): Column[] {
  const { relations } = schemaOf(graph);
  return propertyColumns(
    Object.values(relations).map((t) => t.properties),
    EDGE_CORE_KEYS,
    (visit) => graph.forEachEdge((_key, attrs) => visit(attrs)),
  );
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
