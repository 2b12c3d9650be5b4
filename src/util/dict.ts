// Tables keyed by user text (type, property and source names, ids). A plain `{}` answers
// `table['constructor']` and `'toString' in table` from Object.prototype, and
// `table['__proto__'] = x` replaces its prototype: an entity of type `toString` crashed the
// compiler (issue 9). The records made here inherit nothing. Their prototype is one empty,
// frozen object whose own prototype is null — for lookups the same as Object.create(null), but
// V8 keeps these objects in its fast mode (Object.create(null) starts in dictionary mode: twice
// the memory, and this is used for per-entity records). They serialise like plain objects.

const NOTHING: object = Object.freeze(Object.create(null) as object);

/** An empty record that inherits no keys. */
export function dict<V>(): Record<string, V> {
  return Object.create(NOTHING) as Record<string, V>;
}

/** A record that inherits no keys, from entries (later entries win, as in Object.fromEntries). */
export function dictFrom<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const out = dict<V>();
  for (const [key, value] of entries) out[key] = value;
  return out;
}

/**
 * `table[key]` only when `key` is the table's own key: safe on any record, including plain
 * objects read back from JSON or built by hand (library users, tests).
 */
export function own<V>(table: Readonly<Record<string, V>> | undefined, key: string): V | undefined {
  return table !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
