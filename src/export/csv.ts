// nodes.csv and edges.csv for spreadsheets. RFC 4180: CRLF line ends, fields quoted when they
// hold a comma, quote, CR or LF (quotes doubled); lists joined with `|`; no BOM.
import type { Exporter } from './exporter.js';
import type { Column } from './columns.js';
import { edgePropertyColumns, formatCell, nodePropertyColumns } from './columns.js';
import type { KgGraph } from '../types.js';

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

function cell(value: unknown, options: CsvOptions): string {
  const text = formatCell(value);
  if (text === undefined) return '';
  const guarded =
    options.formulaGuard && typeof value !== 'number' && FORMULA_START.test(text)
      ? `'${text}`
      : text;
  return csvField(guarded);
}

const NODE_HEAD = ['id', 'label', 'type', 'aliases', 'sources', 'note'];
const NODE_TAIL = ['x', 'y', 'size', 'color'];
const EDGE_HEAD = ['id', 'source', 'target', 'type', 'label', 'directed', 'date', 'start', 'end'];
const EDGE_MID = ['confidence', 'quote', 'sources', 'note'];
const EDGE_TAIL = ['color', 'size'];

const keysOf = (columns: Column[]): string[] => columns.map((c) => c.key);

function* nodeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const columns = [...NODE_HEAD, ...keysOf(nodePropertyColumns(graph)), ...NODE_TAIL];
  const nl = options.newline;
  yield columns.map(csvField).join(',') + nl;
  for (const { node, attributes } of graph.nodeEntries()) {
    const row: Record<string, unknown> = { ...attributes, id: node };
    yield columns.map((c) => cell(row[c], options)).join(',') + nl;
  }
}

function* edgeRows(graph: KgGraph, options: CsvOptions): Generator<string> {
  const columns = [...EDGE_HEAD, ...EDGE_MID, ...keysOf(edgePropertyColumns(graph)), ...EDGE_TAIL];
  const nl = options.newline;
  yield columns.map(csvField).join(',') + nl;
  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    const row: Record<string, unknown> = {
      ...attributes,
      id: edge,
      source,
      target,
      directed: !undirected,
    };
    yield columns.map((c) => cell(row[c], options)).join(',') + nl;
  }
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
