// GEXF 1.3 writer (graphology-gexf only writes 1.2, with a malformed viz namespace). Written by
// hand, node by node, so large graphs stream. Validates against the official 1.3 RelaxNG.
import type { Exporter } from './exporter.js';
import type { Column } from './columns.js';
import {
  EDGE_CORE_COLUMNS as E,
  NODE_CORE_COLUMNS as N,
  edgePropertyColumns,
  formatCell,
  formatNumber,
  formatScalar,
  nodePropertyColumns,
} from './columns.js';
import { parseHexColor } from './color.js';
import { asDateTime, edgeSpell } from './time.js';
import type { Spell } from './time.js';
import { escapeXmlAttr, escapeXmlText, xmlAttr } from './xml.js';
import type { KgGraph } from '../types.js';
import { own } from '../util/dict.js';

export const GEXF_NAMESPACE = 'http://gexf.net/1.3';
export const GEXF_VIZ_NAMESPACE = 'http://gexf.net/1.3/viz';

/**
 * Node attvalues: label, colour, size and position are GEXF built-ins (label, viz:*), so they
 * are not repeated as attributes. Edges: `type` is the GEXF `kind`, `label` the edge label,
 * colour and size are viz:color and viz:thickness.
 */
const NODE_COLUMNS: Column[] = [N.type, N.aliases, N.sources, N.note];
const EDGE_COLUMNS: Column[] = [
  E.sources,
  E.quotes,
  E.evidence_count,
  E.date,
  E.start,
  E.end,
  E.confidence,
  E.note,
];

/**
 * GEXF 1.3 has no date attribute type: dates stay ISO strings (their time lives in the edge
 * spell). Integers are `long` (Gephi's `integer` is 32-bit). URLs are strings: the schema's
 * `anyURI` makes Gephi 0.10 drop the whole column ("type not recognized").
 */
export function gexfType(column: Column): string {
  const base =
    column.kind === 'integer'
      ? 'long'
      : column.kind === 'double'
        ? 'double'
        : column.kind === 'boolean'
          ? 'boolean'
          : 'string';
  return column.list ? `list${base}` : base;
}

/** A list in Gephi's `[a, "b, c"]` notation (strings quoted, `\` and `"` backslash-escaped). */
function formatList(items: unknown[], quoted: boolean): string {
  const parts: string[] = [];
  for (const item of items) {
    const text = formatScalar(item);
    if (text === undefined) continue;
    parts.push(quoted ? `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"` : text);
  }
  return `[${parts.join(', ')}]`;
}

/** A column with its attvalue opening precomputed (written once per node or edge). */
interface PreparedColumn {
  column: Column;
  open: string;
  quoted: boolean;
}

function prepare(columns: Column[], indent: string): PreparedColumn[] {
  return columns.map((column) => ({
    column,
    open: `${indent}<attvalue${xmlAttr('for', column.key)} value="`,
    quoted: gexfType(column) === 'liststring',
  }));
}

function formatValue({ column, quoted }: PreparedColumn, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (column.list) return formatList(Array.isArray(value) ? value : [value], quoted);
  return formatCell(value);
}

function attributesBlock(cls: 'node' | 'edge', columns: Column[]): string {
  let out = `    <attributes class="${cls}">\n`;
  for (const c of columns) {
    out += `      <attribute${xmlAttr('id', c.key)}${xmlAttr('title', c.key)} type="${gexfType(c)}"/>\n`;
  }
  return out + '    </attributes>\n';
}

function attvalues(
  columns: PreparedColumn[],
  attrs: Record<string, unknown>,
  indent: string,
): string {
  let out = '';
  for (const prepared of columns) {
    const value = formatValue(prepared, own(attrs, prepared.column.key));
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

function spellAttrs(spell: Spell | undefined, format: 'date' | 'dateTime'): string {
  if (!spell) return '';
  const text = (bound: 'start' | 'end'): string | undefined => {
    const time = spell[bound];
    if (!time) return undefined;
    return format === 'dateTime' ? asDateTime(time, bound) : time.value;
  };
  return xmlAttr('start', text('start')) + xmlAttr('end', text('end'));
}

/**
 * The graph's time format: undefined without dates, `dateTime` when any value carries a time
 * of day. A cheap scan (the spells themselves are computed once, while writing); a value that
 * turns out unparsable only costs a needlessly dynamic header, which is still valid.
 */
function timeFormat(graph: KgGraph): 'date' | 'dateTime' | undefined {
  let format: 'date' | 'dateTime' | undefined;
  graph.forEachEdge((_edge, attrs) => {
    for (const value of [attrs.date, attrs.start, attrs.end]) {
      if (typeof value !== 'string') continue;
      // Longer than YYYY-MM-DD: a date-time.
      if (value.length > 10) format = 'dateTime';
      else format ??= 'date';
    }
  });
  return format;
}

/**
 * GEXF's <meta>: the project's authors as the creator (else kg), its title (else the graph
 * name) and description as the description.
 */
function metaOf(graph: KgGraph): { creator: string; description: string } {
  const a: Record<string, unknown> = { ...graph.getAttributes() };
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  const authors = Array.isArray(a.authors) ? a.authors.filter((x) => typeof x === 'string') : [];
  const parts = [text(a.title) ?? text(a.name), text(a.description)].filter(Boolean);
  return { creator: authors.length ? authors.join(', ') : 'kg', description: parts.join(' — ') };
}

function* gexfChunks(graph: KgGraph): Generator<string> {
  const nodeColumns = [...NODE_COLUMNS, ...nodePropertyColumns(graph)];
  const edgeColumns = [...EDGE_COLUMNS, ...edgePropertyColumns(graph)];
  const nodeValues = prepare(nodeColumns, '          ');
  const edgeValues = prepare(edgeColumns, '          ');
  const format = timeFormat(graph);
  const meta = metaOf(graph);

  let head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  head += `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:viz="${GEXF_VIZ_NAMESPACE}" version="1.3">\n`;
  head += `  <meta>\n    <creator>${escapeXmlText(meta.creator)}</creator>\n`;
  if (meta.description)
    head += `    <description>${escapeXmlText(meta.description)}</description>\n`;
  head += '  </meta>\n';
  // No defaultedgetype: every edge states its own type, and with any default Gephi imports the
  // graph as directed-only or undirected-only and drops the other edges. Without it: mixed.
  head += '  <graph';
  head += format ? ` mode="dynamic" timeformat="${format}">\n` : ' mode="static">\n';
  head += attributesBlock('node', nodeColumns);
  head += attributesBlock('edge', edgeColumns);
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
    out += edge.undirected ? ' type="undirected"' : ' type="directed"';
    out += xmlAttr('label', formatScalar(a.label)) + xmlAttr('kind', formatScalar(a.type));
    if (format) out += spellAttrs(edgeSpell(a), format);
    out += '>\n';
    out += attvalues(edgeValues, a, '        ');
    out += vizColor(a.color, '        ');
    out += vizNumber('thickness', a.size, '        ');
    yield out + '      </edge>\n';
  }

  yield '    </edges>\n  </graph>\n</gexf>\n';
}

export const gexf: Exporter = {
  description: 'GEXF 1.3 for Gephi (typed attributes, viz colours/sizes/positions, dated edges)',
  output: 'file',
  defaultName: 'graph.gexf',
  files: (graph) => [{ name: 'graph.gexf', chunks: () => gexfChunks(graph) }],
};
