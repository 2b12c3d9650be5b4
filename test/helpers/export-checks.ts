// Checks shared by the per-format tests (hand-built fixture) and the compiled-project test:
// round-trips through the real parsers and schema validation.
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import path from 'node:path';
import { expect } from 'vitest';
import type { ExportOptions, Exporter } from '../../src/export/exporter.js';
import { fileText } from '../../src/export/exporter.js';
import type { KgGraph } from '../../src/types.js';
import { parseCsv } from './parse-csv.js';
import { xmllint } from './xmllint.js';

/** The official GEXF 1.3 RelaxNG, vendored with its CC BY 4.0 licence (test/schemas/gexf-1.3/). */
export const GEXF_RNG = path.resolve(import.meta.dirname, '../schemas/gexf-1.3/gexf.rng');

/** An export's files as name → text. */
export function exportFiles(
  exporter: Exporter,
  graph: KgGraph,
  options?: Partial<ExportOptions>,
): Record<string, string> {
  return Object.fromEntries(exporter.files(graph, options).map((f) => [f.name, fileText(f)]));
}

/** The text of a single-file export. */
export function exportText(
  exporter: Exporter,
  graph: KgGraph,
  options?: Partial<ExportOptions>,
): string {
  const [file, ...rest] = exporter.files(graph, options);
  if (!file || rest.length > 0) throw new Error('expected exactly one file');
  return fileText(file);
}

export function expectValidGexf(text: string): void {
  const result = xmllint(text, ['--relaxng', GEXF_RNG]);
  expect(result.output).toContain('validates');
  expect(result.ok).toBe(true);
}

const hexByte = (s: string | undefined): string => Number(s).toString(16).padStart(2, '0');
/** graphology-gexf reads viz:color r/g/b back as `rgb(r,g,b)`. */
const rgbToHex = (value: unknown): unknown => {
  const m = typeof value === 'string' ? /^rgb\((\d+),(\d+),(\d+)\)$/.exec(value) : null;
  return m ? `#${hexByte(m[1])}${hexByte(m[2])}${hexByte(m[3])}` : value;
};

/**
 * Same nodes and edges, endpoints and direction. The portable form (the default) writes every
 * edge directed; the mixed form keeps symmetric relations undirected.
 */
function expectSameStructure(
  parsed: { order: number; size: number } & Pick<KgGraph, 'source' | 'target' | 'isUndirected'>,
  graph: KgGraph,
  mixed: boolean,
): void {
  expect(parsed.order).toBe(graph.order);
  expect(parsed.size).toBe(graph.size);
  graph.forEachEdge((edge, _attrs, source, target, _sa, _ta, undirected) => {
    expect(parsed.source(edge)).toBe(source);
    expect(parsed.target(edge)).toBe(target);
    expect(parsed.isUndirected(edge)).toBe(mixed && undirected);
  });
}

const isObject = (x: unknown): boolean => typeof x === 'object' && x !== null;
/** Objects, or lists holding objects (an edge's evidence): what no typed format has a type for. */
const structured = (v: unknown): boolean => (Array.isArray(v) ? v.some(isObject) : isObject(v));

/** Structured values are written as JSON text by GEXF, GraphML and CSV (evidence). */
function tabular(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = structured(v) ? JSON.stringify(v) : v;
  return out;
}

/** Graph attributes: the structured ones (sources table, schema) are JSON's alone. */
function graphScalars(graph: KgGraph): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(graph.getAttributes())) if (!structured(v)) out[k] = v;
  return out;
}

/**
 * The GEXF <meta> kg writes from the project manifest: the authors as the creator, the title
 * (or name), description and license as the description.
 */
export function gexfMeta(graph: KgGraph): { creator: string; description?: string } {
  const { title, name, description, authors, license } = graph.getAttributes();
  const parts = [title ?? name, description, license ? `License: ${license}` : undefined];
  const text = parts.filter(Boolean).join(' — ');
  const creator = authors?.length ? authors.join('; ') : 'kg';
  return text ? { creator, description: text } : { creator };
}

/**
 * graphology-gexf gives back every node and edge attribute. GEXF built-ins map back as:
 * viz:color → `rgb(…)`, edge kind → `kind` (also our `type` attvalue), viz:thickness →
 * `thickness` (`size`); `symmetric` is the relation's direction. The portable form declares
 * every list `liststring`, so numeric and boolean lists come back as strings.
 */
export function expectGexfRoundTrip(graph: KgGraph, text: string, mixed = false): void {
  const parsed = parseGexf(MultiGraph, text);
  expectSameStructure(parsed, graph, mixed);
  const meta = gexfMeta(graph);
  expect(parsed.getAttribute('creator')).toBe(meta.creator);
  expect(parsed.getAttribute('description')).toBe(meta.description);
  const lists = (attrs: Record<string, unknown>): Record<string, unknown> =>
    mixed ? attrs : mapLists(attrs, (items) => items.map(String));
  graph.forEachNode((node, attrs) => {
    const back = { ...parsed.getNodeAttributes(node) };
    back.color = rgbToHex(back.color);
    expect(back, node).toEqual(lists(tabular(attrs)));
  });
  graph.forEachEdge((edge, attrs, _s, _t, _sa, _ta, undirected) => {
    const { kind, thickness, color, symmetric, ...rest } = parsed.getEdgeAttributes(edge);
    expect(kind, edge).toBe(attrs.type);
    expect(symmetric, edge).toBe(undirected);
    expect({ ...rest, size: thickness, color: rgbToHex(color) }, edge).toEqual(
      lists(tabular(attrs)),
    );
  });
}

function mapLists(
  attrs: Record<string, unknown>,
  map: (items: unknown[]) => unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = Array.isArray(v) ? map(v) : v;
  return out;
}

/** GraphML has no list type: lists are written (and read back) as JSON text. */
export function expectGraphmlRoundTrip(graph: KgGraph, text: string, mixed = false): void {
  const parsed = parseGraphml(MultiGraph, text);
  expectSameStructure(parsed, graph, mixed);
  const lists = mapLists(graphScalars(graph), (items) => JSON.stringify(items));
  expect(parsed.getAttributes()).toEqual({ id: 'G', ...lists });
  const json = (attrs: Record<string, unknown>): Record<string, unknown> =>
    mapLists(tabular(attrs), (items) => JSON.stringify(items));
  graph.forEachNode((node, attrs) =>
    expect(parsed.getNodeAttributes(node), node).toEqual(json(attrs)),
  );
  graph.forEachEdge((edge, attrs, _s, _t, _sa, _ta, undirected) =>
    expect(parsed.getEdgeAttributes(edge), edge).toEqual({
      ...json(attrs),
      symmetric: undirected,
    }),
  );
}

export function expectJsonRoundTrip(graph: KgGraph, text: string): void {
  const data = JSON.parse(text) as ReturnType<KgGraph['export']>;
  expect(data).toEqual(graph.export());
  const viaFrom = MultiGraph.from(data);
  const viaImport = new MultiGraph();
  viaImport.import(data);
  for (const copy of [viaFrom, viaImport]) {
    expect(copy.type).toBe(graph.type);
    expect(copy.multi).toBe(graph.multi);
    expect(copy.export()).toEqual(graph.export());
    // Insertion order is kept too (the compiler's order is meaningful and stable).
    expect(copy.nodes()).toEqual(graph.nodes());
    expect(copy.edges()).toEqual(graph.edges());
  }
}

/** Rows as objects keyed by the header (every row as wide as the header). */
export function csvRecords(text: string | undefined): Record<string, string>[] {
  // A leading BOM (the default, for Excel) is not part of the first column's name.
  const [header, ...rows] = parseCsv((text ?? '').replace(/^\uFEFF/, ''));
  if (!header) throw new Error('no header');
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

/** What a cell should hold for an attribute value (lists joined with `|`, evidence as JSON). */
const cellOf = (value: unknown): string =>
  value === undefined
    ? ''
    : structured(value)
      ? JSON.stringify(value)
      : Array.isArray(value)
        ? value.join('|')
        : String(value);
/** Undoes the formula guard (a `'` before `=`, `+`, `-`, `@`, TAB, CR). */
const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** nodes.csv / edges.csv parse back (RFC 4180) to every node and edge attribute. */
export function expectCsvRoundTrip(graph: KgGraph, files: Record<string, string>): void {
  const nodes = csvRecords(files['nodes.csv']);
  expect(nodes.map((n) => n.id)).toEqual(graph.nodes());
  const nodeKeys = new Set(Object.keys(nodes[0] ?? {}));
  for (const row of nodes) {
    const attrs = graph.getNodeAttributes(row.id ?? '');
    for (const key of Object.keys(tabular(attrs)))
      expect(nodeKeys.has(key), `column ${key}`).toBe(true);
    for (const [key, cell] of Object.entries(row)) {
      if (key !== 'id') expect(unguard(cell), `${row.id}.${key}`).toBe(cellOf(attrs[key]));
    }
  }
  const edges = csvRecords(files['edges.csv']);
  expect(edges.map((e) => e.id)).toEqual(graph.edges());
  const edgeKeys = new Set(Object.keys(edges[0] ?? {}));
  for (const row of edges) {
    const id = row.id ?? '';
    const attrs = graph.getEdgeAttributes(id);
    for (const key of Object.keys(tabular(attrs)))
      expect(edgeKeys.has(key), `column ${key}`).toBe(true);
    expect(row.source).toBe(graph.source(id));
    expect(row.target).toBe(graph.target(id));
    expect(row.directed).toBe(String(graph.isDirected(id)));
    for (const [key, cell] of Object.entries(row)) {
      if (['id', 'source', 'target', 'directed'].includes(key)) continue;
      expect(unguard(cell), `${id}.${key}`).toBe(cellOf(attrs[key]));
    }
  }
}
