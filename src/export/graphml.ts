// GraphML writer (graphology-graphml only parses). Every attribute gets a typed <key>; lists
// have no GraphML type and are written as JSON text (`["a","b"]`), which every reader gives back
// as a string that one JSON parse turns into the list. Portable by default: a directed graph,
// symmetric relations flagged `symmetric=true`; `mixed`: undirected edges for them.
import type { Column } from './columns.js';
import {
  SYMMETRIC_COLUMN,
  edgeColumns,
  formatCell,
  graphColumns,
  jsonListText,
  jsonText,
  nodeColumns,
} from './columns.js';
import { DEFAULT_EXPORT_OPTIONS, type ExportOptions, type Exporter } from './exporter.js';
import { escapeXmlAttr, escapeXmlText, xmlAttr } from './xml.js';
import type { KgGraph } from '../types.js';
import { own } from '../util/dict.js';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

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

/** `symmetric` is not an attribute: it is passed for edges (whether the edge is undirected). */
function dataLines(
  keys: Key[],
  attrs: Record<string, unknown>,
  indent: string,
  symmetric?: boolean,
): string {
  let out = '';
  for (const { id, column } of keys) {
    const value = column === SYMMETRIC_COLUMN ? symmetric : own(attrs, column.key);
    if (value === undefined || value === null) continue;
    const text =
      column.kind === 'json'
        ? jsonText(value)
        : column.list
          ? jsonListText(value, column)
          : formatCell(value);
    if (text !== undefined) out += `${indent}<data key="${id}">${escapeXmlText(text)}</data>\n`;
  }
  return out;
}

function* graphmlChunks(graph: KgGraph, options: ExportOptions): Generator<string> {
  // Positional key ids (d0…) because attribute names need not be valid XML tokens.
  let next = 0;
  const keysFor = (columns: Column[]): Key[] =>
    columns.map((column) => ({ id: `d${next++}`, column }));
  const nodes = nodeColumns(graph);
  const edges = edgeColumns(graph);
  const edgeCols = [...edges.core, ...edges.properties];
  edgeCols.splice(edgeCols.findIndex((c) => c.key === 'type') + 1, 0, SYMMETRIC_COLUMN);
  const graphKeys = keysFor(graphColumns(graph));
  const nodeKeys = keysFor([...nodes.core, ...nodes.properties]);
  const edgeKeys = keysFor(edgeCols);

  let head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  head += `<graphml xmlns="${GRAPHML_NAMESPACE}">\n`;
  head += keyLines(graphKeys, 'graph') + keyLines(nodeKeys, 'node') + keyLines(edgeKeys, 'edge');
  head += `  <graph id="G" edgedefault="${options.mixed ? 'undirected' : 'directed'}">\n`;
  head += dataLines(graphKeys, { ...graph.getAttributes() }, '    ');
  yield head;

  for (const { node, attributes } of graph.nodeEntries()) {
    const data = dataLines(nodeKeys, attributes, '      ');
    yield data === ''
      ? `    <node id="${escapeXmlAttr(node)}"/>\n`
      : `    <node id="${escapeXmlAttr(node)}">\n${data}    </node>\n`;
  }

  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    let out = `    <edge id="${escapeXmlAttr(edge)}" source="${escapeXmlAttr(source)}" target="${escapeXmlAttr(target)}"`;
    // Mixed: `directed` on every edge (graphology-graphml reads a missing one as the default).
    if (options.mixed) out += ` directed="${undirected ? 'false' : 'true'}"`;
    const data = dataLines(edgeKeys, attributes, '      ', undirected);
    out += data === '' ? '/>\n' : `>\n${data}    </edge>\n`;
    yield out;
  }

  yield '  </graph>\n</graphml>\n';
}

export const graphml: Exporter = {
  description: 'GraphML with typed keys for networkx, igraph, Gephi, yEd (lists as JSON text)',
  output: 'file',
  defaultName: 'graph.graphml',
  options: ['mixed'],
  files: (graph, options) => [
    {
      name: 'graph.graphml',
      chunks: () => graphmlChunks(graph, { ...DEFAULT_EXPORT_OPTIONS, ...options }),
    },
  ],
};
