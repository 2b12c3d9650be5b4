// graphology's serialization format (what graph.export() returns and Graph.from() reads),
// written one node / edge per line with object keys sorted, so output is stable and diffable.
import type { Exporter } from './exporter.js';
import type { KgGraph } from '../types.js';

/**
 * JSON.stringify's output with object keys sorted at every depth (arrays keep their order).
 * Hand-rolled: a replacer that rebuilds every object is several times slower.
 */
export function stableStringify(value: unknown): string {
  return write(value) ?? 'null';
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      const withJson = value as { toJSON?: () => unknown };
      if (typeof withJson.toJSON === 'function') return write(withJson.toJSON());
      if (Array.isArray(value)) return `[${value.map((item) => write(item) ?? 'null').join(',')}]`;
      const record = value as Record<string, unknown>;
      let out = '';
      for (const key of Object.keys(record).sort()) {
        const text = write(record[key]);
        if (text !== undefined) out += `${out === '' ? '' : ','}${JSON.stringify(key)}:${text}`;
      }
      return `{${out}}`;
    }
    default:
      // undefined, functions and symbols are omitted, as JSON.stringify does.
      return undefined;
  }
}

const hasKeys = (o: object): boolean => Object.keys(o).length > 0;

const ENTRY_KEYS = ['attributes', 'key', 'source', 'target', 'undirected'];

/**
 * stableStringify for a node or edge entry, through native JSON.stringify: with a property
 * list as replacer it prints each object's keys in the list's order, so the sorted union of the
 * entry's and its attributes' keys sorts both levels (attribute values are scalars or lists of
 * scalars; anything else takes the general path). The list is cached per attribute shape.
 */
function entryStringifier(): (entry: object, attributes: Record<string, unknown>) => string {
  const lists = new Map<string, string[]>();
  return (entry, attributes) => {
    const keys = Object.keys(attributes);
    for (const key of keys) {
      const v = attributes[key];
      if (v !== null && typeof v === 'object' && !(Array.isArray(v) && v.every(isScalar))) {
        return stableStringify(entry);
      }
    }
    const shape = keys.join('\u0000');
    let list = lists.get(shape);
    if (!list) {
      list = [...new Set([...ENTRY_KEYS, ...keys])].sort();
      lists.set(shape, list);
    }
    return JSON.stringify(entry, list);
  };
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

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
  const stringify = entryStringifier();
  for (const { node, attributes } of graph.nodeEntries()) {
    const entry = hasKeys(attributes) ? { key: node, attributes } : { key: node };
    yield `${first ? '\n' : ',\n'}${stringify(entry, attributes)}`;
    first = false;
  }
  yield first ? '],\n"edges": [' : '\n],\n"edges": [';
  first = true;
  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    const entry: Record<string, unknown> = { key: edge, source, target };
    if (hasKeys(attributes)) entry.attributes = attributes;
    if (undirected) entry.undirected = true;
    yield `${first ? '\n' : ',\n'}${stringify(entry, attributes)}`;
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
