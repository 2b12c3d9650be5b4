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

/**
 * stableStringify for a node or edge entry through native JSON.stringify (about twice as
 * fast): the attributes are copied into an object whose keys are inserted in sorted order,
 * which JSON.stringify keeps, and the entry's own keys are already in order. Attribute values
 * are scalars, lists of scalars, or lists of flat records of scalars (an edge's `evidence`),
 * copied with sorted keys too; anything else, and integer-like keys (which objects always
 * order first), take the general path. Sorted key lists are cached per shape.
 */
function entryStringifier(): (
  head: { key: string; source?: string; target?: string },
  attributes: Record<string, unknown>,
  undirected: boolean,
) => string {
  const lists = new Map<string, string[] | null>();
  const sortedKeys = (keys: string[]): string[] | null => {
    const shape = keys.join('\u0000');
    let sorted = lists.get(shape);
    if (sorted === undefined) {
      sorted = keys.some((k) => /^\d+$/.test(k)) ? null : [...keys].sort();
      lists.set(shape, sorted);
    }
    return sorted;
  };
  /**
   * A record of scalars with its keys in order (itself when they already are, as the
   * compiler builds evidence items), or undefined when it is anything else.
   */
  const sortedRecord = (record: Record<string, unknown>): Record<string, unknown> | undefined => {
    const keys = Object.keys(record);
    const sorted = sortedKeys(keys);
    if (sorted === null) return undefined;
    let inOrder = true;
    for (let i = 0; i < keys.length; i++) {
      const v = record[keys[i]!];
      if (v !== null && typeof v === 'object') return undefined;
      if (keys[i] !== sorted[i]) inOrder = false;
    }
    if (inOrder) return record;
    const copy: Record<string, unknown> = {};
    for (const k of sorted) copy[k] = record[k];
    return copy;
  };
  return (head, attributes, undirected) => {
    const keys = Object.keys(attributes);
    const sorted = sortedKeys(keys);
    // Not native: an integer-like key or a nested value, left to stableStringify.
    let native = sorted !== null;
    const copy: Record<string, unknown> = {};
    for (const k of sorted ?? []) {
      let v = attributes[k];
      if (v !== null && typeof v === 'object') {
        if (!Array.isArray(v)) native = false;
        else if (!v.every(isScalar)) {
          const records: Record<string, unknown>[] = [];
          for (const item of v) {
            const r = isRecord(item) ? sortedRecord(item) : undefined;
            if (!r) break;
            records.push(r);
          }
          if (records.length === v.length) v = records;
          else native = false;
        }
        if (!native) break;
      }
      copy[k] = v;
    }
    const entry: Record<string, unknown> = {};
    if (keys.length) entry.attributes = native ? copy : attributes;
    entry.key = head.key;
    if (head.source !== undefined) entry.source = head.source;
    if (head.target !== undefined) entry.target = head.target;
    if (undirected) entry.undirected = true;
    return native ? JSON.stringify(entry) : stableStringify(entry);
  };
}

function isScalar(v: unknown): boolean {
  return v === null || typeof v !== 'object';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !('toJSON' in v);
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
    yield `${first ? '\n' : ',\n'}${stringify({ key: node }, attributes, false)}`;
    first = false;
  }
  yield first ? '],\n"edges": [' : '\n],\n"edges": [';
  first = true;
  for (const { edge, source, target, attributes, undirected } of graph.edgeEntries()) {
    yield `${first ? '\n' : ',\n'}${stringify({ key: edge, source, target }, attributes, undirected)}`;
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
