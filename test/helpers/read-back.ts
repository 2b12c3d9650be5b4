// What each real reader must give back from kg's exports (docs/exports.md, "Who reads what"):
// every node and edge, the direction (or the symmetric flag), and every value with its type.
// Expected and read elements are built as plain records and compared element by element
// (`expect` runs on a mismatch only: a 10k-edge graph would otherwise cost 100k assertions).
import { isDeepStrictEqual } from 'node:util';
import { expect } from 'vitest';
import { parseHexColor } from '../../src/export/color.js';
import { edgeColumns, nodeColumns, type Column } from '../../src/export/columns.js';
import { edgeSpell } from '../../src/export/time.js';
import type { KgGraph } from '../../src/types.js';
import type { GephiImport } from './gephi.js';
import type { PythonRead, Typed } from './python.js';

type Attrs = Record<string, unknown>;

/** Graph attributes of object shape (the sources table, the schema) are JSON-only. */
function isTabular(value: unknown): boolean {
  const isObject = (x: unknown): boolean => typeof x === 'object' && x !== null;
  return value !== undefined && !(Array.isArray(value) ? value.some(isObject) : isObject(value));
}

/** Lists, and `json` columns (an edge's evidence): text that one JSON parse decodes. */
const decoded = (column: Column | undefined): boolean =>
  column !== undefined && (column.list || column.kind === 'json');

const SYMMETRIC: Column = { key: 'symmetric', kind: 'boolean', list: false };

function columnMap(
  columns: { core: Column[]; properties: Column[] },
  edges = false,
): Map<string, Column> {
  const map = new Map([...columns.core, ...columns.properties].map((c) => [c.key, c]));
  if (edges) map.set(SYMMETRIC.key, SYMMETRIC);
  return map;
}

/** An edge's attributes plus the derived `symmetric` column. */
function edgeAttrs(graph: KgGraph, edge: string): Attrs {
  return { ...graph.getEdgeAttributes(edge), symmetric: graph.isUndirected(edge) };
}

/** JSON with raw control characters allowed, as Python's `json.loads(text, strict=False)`. */
export function parseLooseJson(text: string): unknown {
  return JSON.parse(
    // eslint-disable-next-line no-control-regex -- control characters are the point here
    text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
}

/** Compares two maps of elements; `expect` reports the first element that differs. */
function expectSameElements(actual: Map<string, unknown>, expected: Map<string, unknown>): void {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!isDeepStrictEqual(got, want)) expect(got, id).toEqual(want);
  }
}

export interface PythonExpectation {
  format: 'gexf' | 'graphml';
  /** igraph: one attribute set for all vertices (missing values filled), numbers as floats. */
  igraph: boolean;
}

/** The Python type name a reader gives a scalar of this column. */
function pythonType(column: Column, igraph: boolean): string {
  if (column.kind === 'integer') return igraph ? 'float' : 'int';
  if (column.kind === 'double') return 'float';
  if (column.kind === 'boolean') return 'bool';
  return 'str';
}

/** igraph's fill-in for a missing value of a column of this type. */
function igraphMissing(column: Column): Typed {
  if (decoded(column)) return ['str', ''];
  if (column.kind === 'integer' || column.kind === 'double') return ['float', null];
  if (column.kind === 'boolean') return ['bool', false];
  return ['str', ''];
}

/** What Python should hold for kg's attributes; lists are checked decoded (`list-json`). */
function pythonExpected(
  attrs: Attrs,
  columns: Map<string, Column>,
  skip: ReadonlySet<string>,
  igraph: boolean,
): Record<string, Typed> {
  const out: Record<string, Typed> = {};
  for (const [key, column] of columns) {
    if (skip.has(key)) continue;
    const value = attrs[key];
    if (value === undefined) {
      if (igraph) out[key] = igraphMissing(column);
    } else if (decoded(column)) out[key] = ['list-json', value];
    else out[key] = [pythonType(column, igraph), value];
  }
  return out;
}

/** A read element's attributes with list texts decoded (only for list columns). */
function pythonActual(
  read: Record<string, Typed>,
  columns: Map<string, Column>,
): Record<string, Typed> {
  const out: Record<string, Typed> = {};
  for (const [key, typed] of Object.entries(read)) {
    const [type, value] = typed;
    const list = decoded(columns.get(key)) && type === 'str' && value !== '';
    out[key] = list ? ['list-json', parseLooseJson(String(value))] : typed;
  }
  return out;
}

const GEXF_NODE_BUILT_INS: ReadonlySet<string> = new Set(['label', 'color', 'size', 'x', 'y']);
const GEXF_EDGE_BUILT_INS: ReadonlySet<string> = new Set(['label', 'color', 'size']);
const NONE: ReadonlySet<string> = new Set();
/** GraphML keys Gephi maps to its own node and edge properties (by name) rather than columns. */
const GRAPHML_GEPHI_NODE_PROPERTIES: ReadonlySet<string> = new Set([
  'label',
  'color',
  'size',
  'x',
  'y',
]);
const GRAPHML_GEPHI_EDGE_PROPERTIES: ReadonlySet<string> = new Set(['label', 'color']);

/**
 * networkx (GEXF, GraphML) and igraph (GraphML) read every node and edge of `graph`, every edge
 * directed (the portable form) with `symmetric` telling symmetric relations, and every value
 * typed. GEXF built-ins come back as networkx's `label`, `viz` and `spells`; networkx ignores
 * edge viz (colour, thickness). igraph keeps the file's edge order, and 1.0 reads each edge's
 * target id into its `id` (a reader bug): its edges are matched by position.
 */
export function expectPythonRead(
  graph: KgGraph,
  read: PythonRead,
  expectation: PythonExpectation,
): void {
  const { format, igraph } = expectation;
  const gexf = format === 'gexf';
  expect(read.directed).toBe(true);
  expect(read.edges).toHaveLength(graph.size);
  const nodeCols = columnMap(nodeColumns(graph));
  const edgeCols = columnMap(edgeColumns(graph), true);

  const expectedNodes = new Map<string, unknown>();
  graph.forEachNode((node, a) => {
    const attrs = pythonExpected(a, nodeCols, gexf ? GEXF_NODE_BUILT_INS : NONE, igraph);
    if (gexf) {
      attrs.label = ['str', a.label];
      const position = ['dict', { x: ['float', a.x], y: ['float', a.y], z: ['float', 0] }];
      attrs.viz = ['dict', { size: ['float', a.size], position, color: 'any' }];
    }
    if (igraph) attrs.id = ['str', node];
    expectedNodes.set(node, attrs);
  });
  const actualNodes = new Map<string, unknown>();
  for (const node of read.nodes) {
    const attrs = pythonActual(node.attrs, nodeCols);
    const viz = attrs.viz?.[1] as Record<string, unknown> | undefined;
    if (viz?.color) viz.color = 'any'; // colours: checked in the GEXF unit tests
    actualNodes.set(node.id ?? '', attrs);
  }
  expectSameElements(actualNodes, expectedNodes);

  const ids = graph.edges();
  const expectedEdges = new Map<string, unknown>();
  for (const id of ids) {
    const a = edgeAttrs(graph, id);
    const attrs = pythonExpected(a, edgeCols, gexf ? GEXF_EDGE_BUILT_INS : NONE, igraph);
    if (gexf) {
      attrs.label = ['str', a.label];
      attrs.id = ['str', id];
      // The timeline interval comes as `spells`: [(start, end)], an open end as 'None'.
      const spell = edgeSpell(a);
      if (spell) {
        const bounds = [spell.start?.value ?? 'None', spell.end?.value ?? 'None'];
        attrs.spells = ['list', [['tuple', bounds.map((b) => ['str', b])]]];
      }
    }
    expectedEdges.set(id, { source: graph.source(id), target: graph.target(id), attrs });
  }
  const actualEdges = new Map<string, unknown>();
  read.edges.forEach((edge, index) => {
    const attrs = pythonActual(edge.attrs, edgeCols);
    // networkx: multigraphs key edges by id, simple graphs keep it as the `id` attribute.
    const id = igraph ? (ids[index] ?? '') : String(edge.key ?? attrs.id?.[1]);
    if (igraph) delete attrs.id;
    if (!gexf && !igraph && edge.key === null) delete attrs.id;
    actualEdges.set(id, { source: edge.source, target: edge.target, attrs });
  });
  expectSameElements(actualEdges, expectedEdges);

  if (!gexf) {
    for (const [key, value] of Object.entries(graph.getAttributes())) {
      if (!isTabular(value)) continue;
      const want = Array.isArray(value) ? JSON.stringify(value) : value;
      expect(read.graph[key], `graph.${key}`).toEqual(['str', want]);
    }
  }
}

/**
 * Gephi (GEXF or GraphML, imported without merging parallel edges) has every node and edge,
 * with typed columns, read with "Don't merge" and no auto-scale. GEXF: lists are arrays (of
 * strings in the portable form, which declares every list `liststring`); GraphML: lists are
 * JSON text, and label, colour, size and position become Gephi's own node properties.
 */
export function expectGephiRead(
  graph: KgGraph,
  result: GephiImport,
  format: 'gexf' | 'graphml',
  mixed: boolean,
): void {
  expect(result.issues.filter((i) => i.level === 'SEVERE' || i.level === 'CRITICAL')).toEqual([]);
  expect(result.nodes).toBe(graph.order);
  expect(result.edges).toBe(graph.size);
  const nodeCols = columnMap(nodeColumns(graph));
  const edgeCols = columnMap(edgeColumns(graph), true);
  const gephiExpected = (
    attrs: Attrs,
    columns: Map<string, Column>,
    skip: ReadonlySet<string>,
  ): Attrs => {
    const out: Attrs = { label: attrs.label };
    for (const [key, column] of columns) {
      const value = attrs[key];
      if (skip.has(key) || value === undefined) continue;
      if (column.kind === 'json') out[key] = JSON.stringify(value);
      else if (!column.list) out[key] = value;
      else if (format === 'graphml') out[key] = JSON.stringify(value);
      else out[key] = mixed ? value : (value as unknown[]).map(String);
    }
    return out;
  };

  // Gephi holds positions and sizes as 32-bit floats.
  const float = Math.fround;
  const expectedNodes = new Map<string, unknown>();
  const actualNodes = new Map<string, unknown>();
  graph.forEachNode((node, a) => {
    const skip = format === 'gexf' ? GEXF_NODE_BUILT_INS : GRAPHML_GEPHI_NODE_PROPERTIES;
    const { r, g, b } = parseHexColor(a.color) ?? { r: 0, g: 0, b: 0 };
    const viz = { r, g, b, size: float(a.size), x: float(a.x), y: float(a.y) };
    expectedNodes.set(node, { attrs: gephiExpected(a, nodeCols, skip), viz });
  });
  for (const [node, attrs] of result.nodeAttrs) {
    const viz = result.nodeViz.get(node);
    actualNodes.set(node, {
      attrs,
      viz: viz && { ...viz, size: float(viz.size), x: float(viz.x), y: float(viz.y) },
    });
  }
  expectSameElements(actualNodes, expectedNodes);

  const expectedEdges = new Map<string, unknown>();
  for (const id of graph.edges()) {
    const a = edgeAttrs(graph, id);
    const skip = format === 'gexf' ? GEXF_EDGE_BUILT_INS : GRAPHML_GEPHI_EDGE_PROPERTIES;
    expectedEdges.set(id, {
      source: graph.source(id),
      target: graph.target(id),
      directed: !(mixed && graph.isUndirected(id)),
      kind: format === 'gexf' ? a.type : 'null',
      attrs: { ...gephiExpected(a, edgeCols, skip), weight: 1 },
    });
  }
  const actualEdges = new Map<string, unknown>();
  for (const e of result.edgeList) {
    const { source, target, directed, kind } = e;
    actualEdges.set(e.id, { source, target, directed, kind, attrs: result.edgeAttrs.get(e.id) });
  }
  expectSameElements(actualEdges, expectedEdges);
}

/** What the v2 checks found, so a caller can tell they were not vacuous. */
export interface V2Facts {
  symmetric: number;
  multiEvidence: number;
}

/**
 * The v2 model's edge values, checked one by one (on top of the element-wise comparison above):
 * the `symmetric` flag, `evidence_count` as a number, `sources` and `quotes` as lists (one JSON
 * parse away), `evidence` as its objects, and, in GraphML, the project's title in the graph.
 */
export function expectV2Facts(
  graph: KgGraph,
  read: PythonRead,
  expectation: PythonExpectation,
): V2Facts {
  const { igraph, format } = expectation;
  expect(read.nodes).toHaveLength(graph.order);
  expect(read.edges).toHaveLength(graph.size);
  const ids = graph.edges();
  const facts: V2Facts = { symmetric: 0, multiEvidence: 0 };
  const list = (typed: Typed | undefined): unknown =>
    typed?.[0] === 'str' ? parseLooseJson(String(typed[1])) : typed;
  read.edges.forEach((edge, index) => {
    const id = igraph ? (ids[index] ?? '') : String(edge.key ?? edge.attrs.id?.[1]);
    const a = graph.getEdgeAttributes(id);
    const got = edge.attrs;
    expect(got.type, id).toEqual(['str', a.type]);
    expect(got.symmetric, id).toEqual(['bool', graph.isUndirected(id)]);
    expect(got.evidence_count, id).toEqual([igraph ? 'float' : 'int', a.evidence_count]);
    expect(list(got.sources), id).toEqual(a.sources);
    expect(list(got.quotes), id).toEqual(a.quotes);
    expect(list(got.evidence), id).toEqual(a.evidence);
    if (graph.isUndirected(id)) facts.symmetric++;
    if (a.evidence_count > 1) facts.multiEvidence++;
  });
  const title = graph.getAttribute('title');
  // networkx.read_gexf ignores <meta>; the GraphML readers keep every graph attribute.
  if (format === 'graphml' && title !== undefined) {
    expect(read.graph.title).toEqual(['str', title]);
  }
  return facts;
}
