// The rows of the relations table, with sorting, text filtering and CSV. Pure (tested in Node).
import { csvCell } from '../../../src/export/csv.js';
import { formatWhen, relationInterval } from '../dates.js';
import type { ViewGraph } from '../model.js';
import { fold } from '../search-rank.js';

export interface RelationRow {
  edge: string;
  from: string;
  fromId: string;
  type: string;
  label: string;
  to: string;
  toId: string;
  directed: boolean;
  when: string;
  /** Sort key of the time: first day, undated last. */
  day: number;
  quotes: string[];
  sources: string[];
}

export const COLUMNS = ['from', 'type', 'to', 'date', 'quote', 'sources'] as const;
export type Column = (typeof COLUMNS)[number];

/** Quotes of a relation: v2's `quotes` list, or v1's single `quote`. */
export function quotesOf(attrs: Record<string, unknown>): string[] {
  if (Array.isArray(attrs.quotes)) return attrs.quotes.map(String);
  return typeof attrs.quote === 'string' && attrs.quote ? [attrs.quote] : [];
}

export function relationRows(graph: ViewGraph, edges: Iterable<string>): RelationRow[] {
  const rows: RelationRow[] = [];
  const schema = graph.getAttribute('schema');
  for (const edge of edges) {
    const a = graph.getEdgeAttributes(edge);
    const [s, t] = graph.extremities(edge);
    const from = graph.getNodeAttribute(s, 'label') || s;
    const to = graph.getNodeAttribute(t, 'label') || t;
    const label = schema.relations[a.type]?.label ?? a.label ?? a.type;
    const quotes = quotesOf(a);
    const sources = a.sources ?? [];
    const when = formatWhen(a);
    const r = relationInterval(a);
    rows.push({
      edge,
      from,
      fromId: s,
      type: a.type,
      label,
      to,
      toId: t,
      directed: graph.isDirected(edge),
      when,
      day: r ? (Number.isFinite(r[0]) ? r[0] : r[1]) : Infinity,
      quotes,
      sources,
    });
  }
  return rows;
}

// Folded only once a filter is typed: folding 50,000 rows' text made opening the table slow.
const texts = new WeakMap<RelationRow, string>();

/** Folded text of every column of a row, for the filter. */
export function rowText(r: RelationRow): string {
  let text = texts.get(r);
  if (text === undefined) {
    const parts = [r.from, r.label, r.type, r.to, r.when, ...r.quotes, ...r.sources];
    text = fold(parts.join('\u0001'));
    texts.set(r, text);
  }
  return text;
}

export function filterRows(rows: RelationRow[], query: string): RelationRow[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return rows;
  return rows.filter((r) => {
    const text = rowText(r);
    return words.every((w) => text.includes(w));
  });
}

const KEYS: Record<Column, (r: RelationRow) => string | number> = {
  from: (r) => fold(r.from),
  type: (r) => fold(r.label),
  to: (r) => fold(r.to),
  date: (r) => r.day,
  quote: (r) => fold(r.quotes[0] ?? '\uffff'),
  sources: (r) => fold(r.sources.join(' ') || '\uffff'),
};

/** `sort` is a column name, `-` in front for descending; ties keep the relation id order. */
export function sortRows(rows: RelationRow[], sort: string): RelationRow[] {
  const desc = sort.startsWith('-');
  const col = (desc ? sort.slice(1) : sort) as Column;
  const key = KEYS[col];
  if (!key) return rows;
  const keyed = rows.map((r) => ({ r, k: key(r) }));
  // Empty values (undated, no quote) go last in either direction.
  const empty = (k: string | number): boolean => k === Infinity || k === '\uffff';
  keyed.sort((a, b) => {
    const ea = empty(a.k);
    const eb = empty(b.k);
    if (ea !== eb) return ea ? 1 : -1;
    const c = a.k < b.k ? -1 : a.k > b.k ? 1 : 0;
    return (desc ? -c : c) || (a.r.edge < b.r.edge ? -1 : 1);
  });
  return keyed.map((x) => x.r);
}

/** RFC 4180 CSV of the rows as shown (filtered and sorted), formula-guarded like `kg export`. */
export function rowsToCsv(rows: RelationRow[]): string {
  const head = ['id', 'from', 'from_id', 'type', 'to', 'to_id', 'date', 'quotes', 'sources'];
  const lines = [head.join(',')];
  for (const r of rows) {
    const cells = [r.edge, r.from, r.fromId, r.type, r.to, r.toId, r.when, r.quotes, r.sources];
    lines.push(cells.map((c) => csvCell(c)).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
