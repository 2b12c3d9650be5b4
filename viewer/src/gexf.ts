// A small browser-side GEXF 1.3 writer for "export the visible subgraph". The project's
// exporter (src/export/) targets Node; this one only needs strings and a Blob.
import type { ViewGraph, Visibility } from './model.js';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};
// Characters XML 1.0 forbids even escaped.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(String).join('|');
  return String(value);
}

/** Attribute keys shown in GEXF: data keys only (not layout, colour or private `_` keys). */
function dataKeys(records: Iterable<Record<string, unknown>>, skip: Set<string>): string[] {
  const keys = new Set<string>();
  for (const r of records) {
    for (const [k, v] of Object.entries(r)) {
      if (!skip.has(k) && !k.startsWith('_') && v !== undefined) keys.add(k);
    }
  }
  return [...keys].sort();
}

function hexToRgb(color: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(color);
  if (!m?.[1]) return null;
  const n = parseInt(m[1], 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function visibleGexf(graph: ViewGraph, vis: Visibility): string {
  const nodes = [...vis.nodes].sort();
  const edges = [...vis.edges].sort();
  const nodeKeys = dataKeys(
    nodes.map((n) => graph.getNodeAttributes(n)),
    new Set(['label', 'color', 'size', 'x', 'y']),
  );
  const edgeKeys = dataKeys(
    edges.map((e) => graph.getEdgeAttributes(e)),
    // `evidence` is a list of objects: its flat lists (sources, quotes…) carry it.
    new Set(['label', 'color', 'size', 'evidence']),
  );
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">',
    `  <meta><creator>kg viewer</creator><description>${escapeXml(
      String(graph.getAttribute('name') ?? ''),
    )} (visible subgraph)</description></meta>`,
    '  <graph defaultedgetype="directed" mode="static">',
    '    <attributes class="node">',
    ...nodeKeys.map(
      (k) => `      <attribute id="${escapeXml(k)}" title="${escapeXml(k)}" type="string"/>`,
    ),
    '    </attributes>',
    '    <attributes class="edge">',
    ...edgeKeys.map(
      (k) => `      <attribute id="${escapeXml(k)}" title="${escapeXml(k)}" type="string"/>`,
    ),
    '    </attributes>',
    '    <nodes>',
  ];
  for (const n of nodes) {
    const a = graph.getNodeAttributes(n) as Record<string, unknown>;
    out.push(`      <node id="${escapeXml(n)}" label="${escapeXml(text(a.label ?? n))}">`);
    out.push('        <attvalues>');
    nodeKeys.forEach((k) => {
      if (a[k] !== undefined)
        out.push(`          <attvalue for="${escapeXml(k)}" value="${escapeXml(text(a[k]))}"/>`);
    });
    out.push('        </attvalues>');
    const rgb = hexToRgb(String(a.color ?? ''));
    if (rgb) out.push(`        <viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>`);
    out.push(`        <viz:position x="${Number(a.x) || 0}" y="${Number(a.y) || 0}" z="0"/>`);
    out.push(`        <viz:size value="${Number(a._size ?? a.size) || 1}"/>`);
    out.push('      </node>');
  }
  out.push('    </nodes>', '    <edges>');
  for (const e of edges) {
    const a = graph.getEdgeAttributes(e) as Record<string, unknown>;
    const type = graph.isDirected(e) ? 'directed' : 'undirected';
    out.push(
      `      <edge id="${escapeXml(e)}" source="${escapeXml(graph.source(e))}" target="${escapeXml(
        graph.target(e),
      )}" type="${type}" label="${escapeXml(text(a.label ?? ''))}">`,
    );
    out.push('        <attvalues>');
    edgeKeys.forEach((k) => {
      if (a[k] !== undefined)
        out.push(`          <attvalue for="${escapeXml(k)}" value="${escapeXml(text(a[k]))}"/>`);
    });
    out.push('        </attvalues>');
    const rgb = hexToRgb(String(a.color ?? ''));
    if (rgb) out.push(`        <viz:color r="${rgb[0]}" g="${rgb[1]}" b="${rgb[2]}"/>`);
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
