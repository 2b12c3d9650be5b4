// graphology's serialization format (what graph.export() returns and Graph.from() reads),
// written one node / edge per line with object keys sorted, so output is stable and diffable.
import type { Exporter } from './exporter.js';
import type { KgGraph } from '../types.js';

/** JSON.stringify with object keys sorted at every depth (arrays keep their order). */
export function stableStringify(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const hasKeys = (o: object): boolean => Object.keys(o).length > 0;

function* jsonChunks(graph: KgGraph): Generator<string> {
  const options = { allowSelfLoops: graph.allowSelfLoops, multi: graph.multi, type: graph.type };
  // Same members and omissions as graph.export(): `attributes` only when non-empty,
  // `undirected` only when true.
  let head = '{\n';
  head += `"options": ${stableStringify(options)},\n`;
  head += `"attributes": ${stableStringify(graph.getAttributes())},\n`;
  head += '"nodes": [';
  yield head;
  let first = true;
  for (const { node, attributes } of graph.nodeEntries()) {
    const entry = hasKeys(attributes) ? { key: node, attributes } : { key: node };
    yield `${first ? '\n' : ',\n'}${stableStringify(entry)}`;
    first = false;
  }
  yield first ? '],\n"edges": [' : '\n],\n"edges": [';
  first = true;
  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    const entry: Record<string, unknown> = { key: edge, source, target };
    if (hasKeys(attributes)) entry.attributes = attributes;
    if (undirected) entry.undirected = true;
    yield `${first ? '\n' : ',\n'}${stableStringify(entry)}`;
    first = false;
  }
  yield first ? ']\n}\n' : '\n]\n}\n';
}

export const json: Exporter = {
  description: "graphology's JSON serialization (Graph.from / graph.import read it back)",
  output: 'file',
  defaultName: 'graph.json',
  files: (graph) => [{ name: 'graph.json', chunks: () => jsonChunks(graph) }],
};
