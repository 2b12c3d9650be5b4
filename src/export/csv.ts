// nodes.csv and edges.csv for spreadsheets. RFC 4180: CRLF line ends, fields quoted when they
// hold a comma, quote, CR or LF (quotes doubled); lists joined with `|`; no BOM.
import type { Exporter } from './exporter.js';
import { edgePropertyColumns, formatCell, nodePropertyColumns } from './columns.js';
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
}

export const DEFAULT_CSV_OPTIONS: CsvOptions = { formulaGuard: true, newline: '\r\n' };

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

/** One cell: formatted, guarded against formulas, quoted when needed (also used by the viewer). */
export function csvCell(value: unknown, options: CsvOptions = DEFAULT_CSV_OPTIONS): string {
  const text = formatCell(value);
  if (text === undefined) return '';
  return typeof value === 'number' ? csvField(text) : textField(text, options);
}

const NODE_HEAD = ['id', 'label', 'type', 'aliases', 'sources', 'note'];
const NODE_TAIL = ['x', 'y', 'size', 'color'];
const EDGE_HEAD = ['id', 'source', 'target', 'type', 'label', 'directed', 'date', 'start', 'end'];
const EDGE_MID = ['confidence', 'quotes', 'sources', 'evidence_count', 'note'];
const EDGE_TAIL = ['color', 'size'];

type Getter<T> = (item: T) => unknown;

/** One getter per column: built-ins first, anything else read from the attributes. */
function getters<T extends { attributes: Record<string, unknown> }>(
  columns: string[],
  builtIns: Record<string, Getter<T>>,
): Getter<T>[] {
  return columns.map((c) => own(builtIns, c) ?? ((item: T) => own(item.attributes, c)));
}

function* rows<T extends { attributes: Record<string, unknown> }>(
  items: Iterable<T>,
  columns: string[],
  builtIns: Record<string, Getter<T>>,
  options: CsvOptions,
): Generator<string> {
  const get = getters(columns, builtIns);
  const nl = options.newline;
  yield columns.map((c) => textField(c, options)).join(',') + nl;
  for (const item of items) {
    let line = '';
    for (let i = 0; i < get.length; i++)
      line += (i === 0 ? '' : ',') + csvCell(get[i]?.(item), options);
    yield line + nl;
  }
}

function nodeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const columns = [...NODE_HEAD, ...nodePropertyColumns(graph).map((c) => c.key), ...NODE_TAIL];
  return rows(graph.nodeEntries(), columns, { id: (n) => n.node }, options);
}

function edgeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const properties = edgePropertyColumns(graph).map((c) => c.key);
  const columns = [...EDGE_HEAD, ...EDGE_MID, ...properties, ...EDGE_TAIL];
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
export function createCsvExporter(options: CsvOptions = DEFAULT_CSV_OPTIONS): Exporter {
  return {
    description: 'nodes.csv and edges.csv for spreadsheets (RFC 4180, lists joined with "|")',
    output: 'directory',
    defaultName: 'csv',
    files: (graph) => [
      { name: 'nodes.csv', chunks: () => nodeRows(graph, options) },
      { name: 'edges.csv', chunks: () => edgeRows(graph, options) },
    ],
  };
}

export const csv: Exporter = createCsvExporter();
