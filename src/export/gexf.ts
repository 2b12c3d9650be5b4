// GEXF 1.3 writer (graphology-gexf only writes 1.2, with a malformed viz namespace). Written by
// hand, node by node, so large graphs stream; pure string work, so the viewer's "GEXF" button
// runs this same module in the browser. Validates against the official 1.3 RelaxNG.
import type { Column } from './columns.js';
import {
  SYMMETRIC_COLUMN,
  edgeColumns,
  formatCell,
  formatNumber,
  formatScalar,
  gephiListText,
  jsonText,
  nodeColumns,
} from './columns.js';
import { parseHexColor } from './color.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type Exporter } from './exporter.js';
import { asDateTime, edgeSpell } from './time.js';
import type { Spell } from './time.js';
import { escapeXmlAttr, escapeXmlText, xmlAttr } from './xml.js';
import type { KgGraph } from '../types.js';
import { own } from '../util/dict.js';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';
export const GEXF_VIZ_NAMESPACE = 'http://gexf.net/1.3/viz';

/**
 * GEXF built-ins, not repeated as attvalues: node label, colour, size and position (label,
 * viz:*); edge label, colour and size (label, viz:color, viz:thickness). The relation type is
 * both the edge `kind` (Gephi) and an ordinary `type` attvalue (networkx ignores `kind`).
 */
const NODE_BUILT_INS: ReadonlySet<string> = new Set(['label', 'color', 'size', 'x', 'y']);
const EDGE_BUILT_INS: ReadonlySet<string> = new Set(['label', 'color', 'size']);

/**
 * GEXF 1.3 has no date attribute type: dates stay ISO strings (their time lives in the edge
 * spell). Integers are `long` (Gephi's `integer` is 32-bit). URLs are strings: the schema's
 * `anyURI` makes Gephi 0.10 drop the whole column ("type not recognized"). Lists are
 * `liststring` unless `typedLists` (networkx has no reader for listlong/listdouble/listboolean
 * and fails on them).
 */
export function gexfType(column: Column, typedLists = true): string {
  const base =
    column.kind === 'integer'
      ? 'long'
      : column.kind === 'double'
        ? 'double'
        : column.kind === 'boolean'
          ? 'boolean'
          : 'string';
  if (!column.list) return base;
  return typedLists ? `list${base}` : 'liststring';
}

/** A column with its attvalue opening precomputed (written once per node or edge). */
interface PreparedColumn {
  column: Column;
  open: string;
}

function prepare(columns: Column[], indent: string): PreparedColumn[] {
  return columns.map((column) => ({
    column,
    open: `${indent}<attvalue${xmlAttr('for', column.key)} value="`,
  }));
}

function formatValue({ column }: PreparedColumn, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (column.kind === 'json') return jsonText(value);
  if (column.list) return gephiListText(value, column);
  return formatCell(value);
}

function attributesBlock(cls: 'node' | 'edge', columns: Column[], typedLists: boolean): string {
  let out = `    <attributes class="${cls}">\n`;
  for (const c of columns) {
    out += `      <attribute${xmlAttr('id', c.key)}${xmlAttr('title', c.key)} type="${gexfType(c, typedLists)}"/>\n`;
  }
  return out + '    </attributes>\n';
}

/** `symmetric` is not an attribute: it is passed for edges (whether the edge is undirected). */
function attvalues(
  columns: PreparedColumn[],
  attrs: Record<string, unknown>,
  indent: string,
  symmetric?: boolean,
): string {
  let out = '';
  for (const prepared of columns) {
    const { column } = prepared;
    const raw = column === SYMMETRIC_COLUMN ? symmetric : own(attrs, column.key);
    const value = formatValue(prepared, raw);
    if (value !== undefined) out += `${prepared.open}${escapeXmlAttr(value)}"/>\n`;
  }
  return out === '' ? '' : `${indent}<attvalues>\n${out}${indent}</attvalues>\n`;
}

function vizColor(color: unknown, indent: string): string {
  const rgba = typeof color === 'string' ? parseHexColor(color) : undefined;
  if (!rgba) return '';
  return `${indent}<viz:color r="${rgba.r}" g="${rgba.g}" b="${rgba.b}"${xmlAttr('a', rgba.a)}/>\n`;
}

function vizNumber(tag: string, value: unknown, indent: string): string {
  const text = typeof value === 'number' && value >= 0 ? formatNumber(value) : undefined;
  return text === undefined ? '' : `${indent}<viz:${tag} value="${text}"/>\n`;
}

/**
 * An edge's time as a `<spells>` child rather than start/end attributes: networkx reads those
 * attributes into the edge's `start`/`end` and would overwrite the relation's own values.
 */
function spells(spell: Spell | undefined, dateTimes: boolean, indent: string): string {
  if (!spell) return '';
  const text = (bound: 'start' | 'end'): string | undefined => {
    const time = spell[bound];
    if (!time) return undefined;
    return dateTimes ? asDateTime(time, bound) : time.value;
  };
  const bounds = xmlAttr('start', text('start')) + xmlAttr('end', text('end'));
  return `${indent}<spells>\n${indent}  <spell${bounds}/>\n${indent}</spells>\n`;
}

/**
 * Whether the graph has dates, and whether any value carries a time of day (then every bound
 * is written as a dateTime). A cheap scan (the spells themselves are computed once, while
 * writing); a value that turns out unparsable only costs a needlessly dynamic header.
 */
function timeScan(graph: KgGraph): { dated: boolean; dateTimes: boolean } {
  let dated = false;
  let dateTimes = false;
  graph.forEachEdge((_edge, attrs) => {
    for (const value of [attrs.date, attrs.start, attrs.end]) {
      if (typeof value !== 'string') continue;
      dated = true;
      // Longer than YYYY-MM-DD: a date-time.
      if (value.length > 10) dateTimes = true;
    }
  });
  return { dated, dateTimes };
}

/**
 * GEXF's <meta> from the project manifest (GEXF has one creator, a description and keywords,
 * no title or licence): the authors as the creator (else kg); the title (else the graph name),
 * the description and the licence as the description. Keywords: none (the manifest has none).
 */
function metaBlock(graph: KgGraph): string {
  const a: Record<string, unknown> = { ...graph.getAttributes() };
  const text = (v: unknown): string | undefined =>
    typeof v === 'string' && v !== '' ? v : undefined;
  const authors = Array.isArray(a.authors) ? a.authors.filter((x) => text(x) !== undefined) : [];
  const license = text(a.license);
  const parts = [text(a.title) ?? text(a.name), text(a.description)];
  if (license) parts.push(`License: ${license}`);
  const description = parts.filter(Boolean).join(' — ');
  let out = `  <meta>\n    <creator>${escapeXmlText(authors.length ? authors.join('; ') : 'kg')}</creator>\n`;
  if (description) out += `    <description>${escapeXmlText(description)}</description>\n`;
  return out + '  </meta>\n';
}

function* gexfChunks(graph: KgGraph, options: ExportOptions): Generator<string> {
  const { mixed } = options;
  const nodes = nodeColumns(graph);
  const edges = edgeColumns(graph);
  const nodeCols = [...nodes.core, ...nodes.properties].filter((c) => !NODE_BUILT_INS.has(c.key));
  const edgeCols = [...edges.core, ...edges.properties].filter((c) => !EDGE_BUILT_INS.has(c.key));
  // `symmetric` right after `type`: the relation's direction survives readers that need one
  // edge type for the whole graph.
  edgeCols.splice(edgeCols.findIndex((c) => c.key === 'type') + 1, 0, SYMMETRIC_COLUMN);
  const nodeValues = prepare(nodeCols, '          ');
  const edgeValues = prepare(edgeCols, '          ');
  const time = timeScan(graph);

  let head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  head += `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:viz="${GEXF_VIZ_NAMESPACE}" version="1.3">\n`;
  head += metaBlock(graph);
  // Portable: one edge type for the graph, which networkx requires. Mixed: no
  // defaultedgetype, every edge states its own type (with any default, Gephi imports the graph
  // as directed-only or undirected-only and drops the other edges).
  head += mixed ? '  <graph' : '  <graph defaultedgetype="directed"';
  // networkx has no reader for timeformat="dateTime"; Gephi parses date-times under "date" too.
  const format = mixed && time.dateTimes ? 'dateTime' : 'date';
  head += time.dated ? ` mode="dynamic" timeformat="${format}">\n` : ' mode="static">\n';
  head += attributesBlock('node', nodeCols, mixed);
  head += attributesBlock('edge', edgeCols, mixed);
  head += `    <nodes count="${graph.order}">\n`;
  yield head;

  for (const node of graph.nodeEntries()) {
    const a = node.attributes as Record<string, unknown>;
    const label = formatScalar(a.label);
    let out = `      <node id="${escapeXmlAttr(node.node)}"${xmlAttr('label', label)}>\n`;
    out += attvalues(nodeValues, a, '        ');
    out += vizColor(a.color, '        ');
    out += vizNumber('size', a.size, '        ');
    const x = typeof a.x === 'number' ? formatNumber(a.x) : undefined;
    const y = typeof a.y === 'number' ? formatNumber(a.y) : undefined;
    if (x !== undefined && y !== undefined) out += `        <viz:position x="${x}" y="${y}"/>\n`;
    yield out + '      </node>\n';
  }

  yield `    </nodes>\n    <edges count="${graph.size}">\n`;

  for (const edge of graph.edgeEntries()) {
    const a = edge.attributes as Record<string, unknown>;
    let out = `      <edge id="${escapeXmlAttr(edge.edge)}"`;
    out += ` source="${escapeXmlAttr(edge.source)}" target="${escapeXmlAttr(edge.target)}"`;
    if (mixed) out += edge.undirected ? ' type="undirected"' : ' type="directed"';
    out += xmlAttr('label', formatScalar(a.label)) + xmlAttr('kind', formatScalar(a.type));
    out += '>\n';
    out += attvalues(edgeValues, a, '        ', edge.undirected);
    if (time.dated) out += spells(edgeSpell(a), time.dateTimes, '        ');
    out += vizColor(a.color, '        ');
    out += vizNumber('thickness', a.size, '        ');
    yield out + '      </edge>\n';
  }

  yield '    </edges>\n  </graph>\n</gexf>\n';
}

export const gexf: Exporter = {
  description: 'GEXF 1.3 for Gephi and networkx (typed attributes, viz, a dynamic timeline)',
  output: 'file',
  defaultName: 'graph.gexf',
  options: ['mixed'],
  files: (graph, options) => [
    {
      name: 'graph.gexf',
      chunks: () => gexfChunks(graph, { ...DEFAULT_EXPORT_OPTIONS, ...options }),
    },
  ],
};
