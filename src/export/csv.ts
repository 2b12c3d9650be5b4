// nodes.csv and edges.csv for spreadsheets. RFC 4180: CRLF line ends, fields quoted when they
// hold a comma, quote, CR or LF (quotes doubled); lists joined with `|`; UTF-8 with a BOM.
import type { Exporter } from './exporter.js';
import { edgeColumns, formatCell, jsonText, nodeColumns, type Columns } from './columns.js';
import type { KgGraph } from '../types.js';
import { own } from '../util/dict.js';

export interface CsvOptions {
  /**
   * Prefix text cells starting with `=`, `+`, `-`, `@`, TAB or CR with `'` so spreadsheets
   * show them instead of evaluating them as formulas (CSV injection). Numbers are never touched.
   */
  formulaGuard: boolean;
  /** Line terminator between records (RFC 4180 says CRLF). */
  newline: '\r\n' | '\n';
  /**
   * Start each file with a UTF-8 byte order mark: Excel needs it to read UTF-8 when a file is
   * opened by double-click; LibreOffice drops it whenever it reads UTF-8 (docs/exports.md).
   */
  bom: boolean;
}

export const DEFAULT_CSV_OPTIONS: CsvOptions = { formulaGuard: true, newline: '\r\n', bom: true };

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One RFC 4180 field. */
export function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A text field with the formula guard applied (header cells too: names come from data). */
function textField(text: string, options: CsvOptions): string {
  return csvField(options.formulaGuard && FORMULA_START.test(text) ? `'${text}` : text);
}

/**
 * One cell: formatted, guarded against formulas, quoted when needed (also used by the viewer).
 * `json`: the column holds structured values (an edge's evidence), written as JSON text.
 */
export function csvCell(
  value: unknown,
  options: CsvOptions = DEFAULT_CSV_OPTIONS,
  json = false,
): string {
  const text = json ? jsonText(value) : formatCell(value);
  if (text === undefined) return '';
  return typeof value === 'number' ? csvField(text) : textField(text, options);
}

/** Columns of nodes.csv / edges.csv before and after the rest of the core keys and properties. */
const NODE_HEAD = ['id', 'label', 'type', 'aliases', 'sources', 'note'];
const NODE_TAIL = ['x', 'y', 'size', 'color'];
const EDGE_HEAD = ['id', 'source', 'target', 'type', 'label', 'directed', 'date', 'start', 'end'];
const EDGE_MID = ['confidence', 'quotes', 'sources', 'evidence_count', 'note'];
// The evidence list (JSON text) last: the one long cell, for scripts rather than people.
const EDGE_TAIL = ['color', 'size', 'evidence'];

/** Columns that are not attributes: the node or edge id, the endpoints, the direction. */
const DERIVED: ReadonlySet<string> = new Set(['id', 'source', 'target', 'directed']);

/**
 * The head columns that exist (derived, or core keys of the graph), then any other core key in
 * its order (so new core keys need no code here), then the properties, then the tail.
 */
function csvColumns({ core, properties }: Columns, head: string[], tail: string[]): CsvColumn[] {
  const coreKeys = core.map((c) => c.key);
  const placed = new Set([...head, ...tail]);
  const json = new Set([...core, ...properties].filter((c) => c.kind === 'json').map((c) => c.key));
  return [
    ...head.filter((k) => DERIVED.has(k) || coreKeys.includes(k)),
    ...coreKeys.filter((k) => !placed.has(k)),
    ...properties.map((c) => c.key),
    ...tail.filter((k) => coreKeys.includes(k)),
  ].map((key) => ({ key, json: json.has(key) }));
}

interface CsvColumn {
  key: string;
  json: boolean;
}

type Getter<T> = (item: T) => unknown;

/** One getter per column: built-ins first, anything else read from the attributes. */
function getters<T extends { attributes: Record<string, unknown> }>(
  columns: CsvColumn[],
  builtIns: Record<string, Getter<T>>,
): Getter<T>[] {
  return columns.map(({ key }) => own(builtIns, key) ?? ((item: T) => own(item.attributes, key)));
}

function* rows<T extends { attributes: Record<string, unknown> }>(
  items: Iterable<T>,
  columns: CsvColumn[],
  builtIns: Record<string, Getter<T>>,
  options: CsvOptions,
): Generator<string> {
  const get = getters(columns, builtIns);
  const json = columns.map((c) => c.json);
  const nl = options.newline;
  const header = columns.map((c) => textField(c.key, options)).join(',');
  yield (options.bom ? '\uFEFF' : '') + header + nl;
  for (const item of items) {
    let line = '';
    for (let i = 0; i < get.length; i++)
      line += (i === 0 ? '' : ',') + csvCell(get[i]?.(item), options, json[i] === true);
    yield line + nl;
  }
}

function nodeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const columns = csvColumns(nodeColumns(graph), NODE_HEAD, NODE_TAIL);
  return rows(graph.nodeEntries(), columns, { id: (n) => n.node }, options);
}

function edgeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const columns = csvColumns(edgeColumns(graph), [...EDGE_HEAD, ...EDGE_MID], EDGE_TAIL);
  return rows(
    graph.edgeEntries(),
    columns,
    {
      id: (e) => e.edge,
      source: (e) => e.source,
      target: (e) => e.target,
      directed: (e) => !e.undirected,
    },
    options,
  );
}

/** A CSV exporter with the given options (the registry uses the defaults). */
export function createCsvExporter(overrides: Partial<CsvOptions> = {}): Exporter {
  const options: CsvOptions = { ...DEFAULT_CSV_OPTIONS, ...overrides };
  return {
    description: 'nodes.csv and edges.csv for spreadsheets (UTF-8 with BOM, lists joined with "|")',
    output: 'directory',
    defaultName: 'csv',
    files: (graph) => [
      { name: 'nodes.csv', chunks: () => nodeRows(graph, options) },
      { name: 'edges.csv', chunks: () => edgeRows(graph, options) },
    ],
  };
}

export const csv: Exporter = createCsvExporter();
