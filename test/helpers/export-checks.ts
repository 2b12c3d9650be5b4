// Checks shared by the per-format tests (hand-built fixture) and the compiled-project test:
// round-trips through the real parsers and schema validation.
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import path from 'node:path';
import { expect } from 'vitest';
import type { Exporter } from '../../src/export/exporter.js';
import { fileText } from '../../src/export/exporter.js';
import type { KgGraph } from '../../src/types.js';
import { parseCsv } from './parse-csv.js';
import { xmllint } from './xmllint.js';

export const GEXF_RNG = path.resolve(
  import.meta.dirname,
  '../../../shared/specs/gexf-1.3/gexf.rng',
);

/** An export's files as name → text. */
export function exportFiles(exporter: Exporter, graph: KgGraph): Record<string, string> {
  return Object.fromEntries(exporter.files(graph).map((f) => [f.name, fileText(f)]));
}

/** The text of a single-file export. */
export function exportText(exporter: Exporter, graph: KgGraph): string {
  const [file, ...rest] = exporter.files(graph);
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

/** Tabular formats carry `evidence` (a list of objects) as its flat lists only. */
function withoutEvidence(attrs: Record<string, unknown>): Record<string, unknown> {
  const rest = { ...attrs };
  delete rest.evidence;
  return rest;
}

/** The GEXF <meta> description kg writes: the title (or name), then the description. */
export function gexfDescription(graph: KgGraph): string | undefined {
  const a = graph.getAttributes();
  const text = [a.title ?? a.name, a.description].filter(Boolean).join(' — ');
  return text || undefined;
}

function expectSameStructure(
  parsed: { order: number; size: number } & Pick<KgGraph, 'source' | 'target' | 'isUndirected'>,
  graph: KgGraph,
): void {
  expect(parsed.order).toBe(graph.order);
  expect(parsed.size).toBe(graph.size);
  graph.forEachEdge((edge, _attrs, source, target, _sa, _ta, undirected) => {
    expect(parsed.source(edge)).toBe(source);
    expect(parsed.target(edge)).toBe(target);
    expect(parsed.isUndirected(edge)).toBe(undirected);
  });
}

/**
 * graphology-gexf gives back every node and edge attribute. GEXF built-ins map back as:
 * viz:color → `rgb(…)`, edge kind → `kind` (our `type`), viz:thickness → `thickness` (`size`).
 */
export function expectGexfRoundTrip(graph: KgGraph, text: string): void {
  const parsed = parseGexf(MultiGraph, text);
  expectSameStructure(parsed, graph);
  expect(parsed.getAttribute('description')).toBe(gexfDescription(graph));
  graph.forEachNode((node, attrs) => {
    const back = { ...parsed.getNodeAttributes(node) };
    back.color = rgbToHex(back.color);
    expect(back, node).toEqual(attrs);
  });
  graph.forEachEdge((edge, attrs) => {
    const { kind, thickness, color, ...rest } = parsed.getEdgeAttributes(edge);
    const back = { ...rest, type: kind, size: thickness, color: rgbToHex(color) };
    expect(back, edge).toEqual(withoutEvidence(attrs));
  });
}

/** GraphML has no list type: lists are written (and read back) joined with `|`. */
function joinLists(attrs: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attrs)) out[k] = Array.isArray(v) ? v.join('|') : v;
  return out;
}

export function expectGraphmlRoundTrip(graph: KgGraph, text: string): void {
  const parsed = parseGraphml(MultiGraph, text);
  expectSameStructure(parsed, graph);
  const { name, title, description, authors, license } = graph.getAttributes();
  const project = joinLists({ title, description, authors, license });
  for (const k of Object.keys(project)) if (project[k] === undefined) delete project[k];
  expect(parsed.getAttributes()).toEqual({ id: 'G', name, ...project });
  graph.forEachNode((node, attrs) =>
    expect(parsed.getNodeAttributes(node), node).toEqual(joinLists(attrs)),
  );
  graph.forEachEdge((edge, attrs) =>
    expect(parsed.getEdgeAttributes(edge), edge).toEqual(joinLists(withoutEvidence(attrs))),
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
  const [header, ...rows] = parseCsv(text ?? '');
  if (!header) throw new Error('no header');
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
}

/** What a cell should hold for an attribute value (lists joined with `|`). */
const cellOf = (value: unknown): string =>
  value === undefined ? '' : Array.isArray(value) ? value.join('|') : String(value);
/** Undoes the formula guard (a `'` before `=`, `+`, `-`, `@`, TAB, CR). */
const unguard = (cell: string): string => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** nodes.csv / edges.csv parse back (RFC 4180) to every node and edge attribute. */
export function expectCsvRoundTrip(graph: KgGraph, files: Record<string, string>): void {
  const nodes = csvRecords(files['nodes.csv']);
  expect(nodes.map((n) => n.id)).toEqual(graph.nodes());
  const nodeKeys = new Set(Object.keys(nodes[0] ?? {}));
  for (const row of nodes) {
    const attrs = graph.getNodeAttributes(row.id ?? '');
    for (const key of Object.keys(attrs)) expect(nodeKeys.has(key), `column ${key}`).toBe(true);
    for (const [key, cell] of Object.entries(row)) {
      if (key !== 'id') expect(unguard(cell), `${row.id}.${key}`).toBe(cellOf(attrs[key]));
    }
  }
  const edges = csvRecords(files['edges.csv']);
  expect(edges.map((e) => e.id)).toEqual(graph.edges());
  const edgeKeys = new Set(Object.keys(edges[0] ?? {}));
  for (const row of edges) {
    const id = row.id ?? '';
    const attrs = withoutEvidence(graph.getEdgeAttributes(id));
    for (const key of Object.keys(attrs)) expect(edgeKeys.has(key), `column ${key}`).toBe(true);
    expect(row.source).toBe(graph.source(id));
    expect(row.target).toBe(graph.target(id));
    expect(row.directed).toBe(String(graph.isDirected(id)));
    for (const [key, cell] of Object.entries(row)) {
      if (['id', 'source', 'target', 'directed'].includes(key)) continue;
      expect(unguard(cell), `${id}.${key}`).toBe(cellOf(attrs[key]));
    }
  }
}
