// GraphML writer (graphology-graphml only parses). Every attribute gets a typed <key>; lists are
// joined with `|` into string values (GraphML has no list type), so they come back as joined
// strings. The graph is mixed: edgedefault="undirected" and every edge states `directed`.
import type { Exporter } from './exporter.js';
import type { Column } from './columns.js';
import {
  EDGE_CORE_COLUMNS as E,
  NODE_CORE_COLUMNS as N,
  edgePropertyColumns,
  formatCell,
  nodePropertyColumns,
} from './columns.js';
import { escapeXmlAttr, escapeXmlText, xmlAttr } from './xml.js';
import { PROJECT_GRAPH_KEYS, type KgGraph } from '../types.js';
import { own } from '../util/dict.js';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

const NODE_COLUMNS: Column[] = [
  N.label,
  N.type,
  N.color,
  N.size,
  N.x,
  N.y,
  N.aliases,
  N.sources,
  N.note,
];
const EDGE_COLUMNS: Column[] = [
  E.type,
  E.label,
  E.color,
  E.size,
  E.sources,
  E.quotes,
  E.evidence_count,
  E.date,
  E.start,
  E.end,
  E.confidence,
  E.note,
];

/** GraphML attr.type: integers are `long` (values may exceed 32 bits); lists are strings. */
export function graphmlType(column: Column): string {
  if (column.list) return 'string';
  if (column.kind === 'integer') return 'long';
  if (column.kind === 'double') return 'double';
  if (column.kind === 'boolean') return 'boolean';
  return 'string';
}

interface Key {
  id: string;
  column: Column;
}

function keyLines(keys: Key[], domain: 'graph' | 'node' | 'edge'): string {
  let out = '';
  for (const { id, column } of keys) {
    out += `  <key id="${id}" for="${domain}"${xmlAttr('attr.name', column.key)} attr.type="${graphmlType(column)}"/>\n`;
  }
  return out;
}

function dataLines(keys: Key[], attrs: Record<string, unknown>, indent: string): string {
  let out = '';
  for (const { id, column } of keys) {
    const text = formatCell(own(attrs, column.key));
    if (text !== undefined) out += `${indent}<data key="${id}">${escapeXmlText(text)}</data>\n`;
  }
  return out;
}

function* graphmlChunks(graph: KgGraph): Generator<string> {
  // Positional key ids (d0…) because attribute names need not be valid XML tokens.
  let next = 0;
  const keysFor = (columns: Column[]): Key[] =>
    columns.map((column) => ({ id: `d${next++}`, column }));
  // The graph's name, and what the project manifest gives of title, description, authors…
  const graphAttrs: Record<string, unknown> = { ...graph.getAttributes() };
  const graphKeys = keysFor(
    ['name', ...PROJECT_GRAPH_KEYS]
      .filter((key) => key === 'name' || graphAttrs[key] !== undefined)
      .map((key) => ({ key, kind: 'string', list: key === 'authors' })),
  );
  const nodeKeys = keysFor([...NODE_COLUMNS, ...nodePropertyColumns(graph)]);
  const edgeKeys = keysFor([...EDGE_COLUMNS, ...edgePropertyColumns(graph)]);

  let head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  head += `<graphml xmlns="${GRAPHML_NAMESPACE}">\n`;
  head += keyLines(graphKeys, 'graph') + keyLines(nodeKeys, 'node') + keyLines(edgeKeys, 'edge');
  head += '  <graph id="G" edgedefault="undirected">\n';
  head += dataLines(graphKeys, graphAttrs, '    ');
  yield head;

  for (const { node, attributes } of graph.nodeEntries()) {
    const data = dataLines(nodeKeys, attributes, '      ');
    yield data === ''
      ? `    <node id="${escapeXmlAttr(node)}"/>\n`
      : `    <node id="${escapeXmlAttr(node)}">\n${data}    </node>\n`;
  }

  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    // `directed` on every edge: graphology-graphml reads a missing one as the graph default.
    let out = `    <edge id="${escapeXmlAttr(edge)}" source="${escapeXmlAttr(source)}" target="${escapeXmlAttr(target)}" directed="${undirected ? 'false' : 'true'}"`;
    const data = dataLines(edgeKeys, attributes, '      ');
    out += data === '' ? '/>\n' : `>\n${data}    </edge>\n`;
    yield out;
  }

  yield '  </graph>\n</graphml>\n';
}

export const graphml: Exporter = {
  description: 'GraphML with typed keys (lists joined with "|")',
  output: 'file',
  defaultName: 'graph.graphml',
  files: (graph) => [{ name: 'graph.graphml', chunks: () => graphmlChunks(graph) }],
};
