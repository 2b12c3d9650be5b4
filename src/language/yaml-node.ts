// The YAML tree the parser reads: plain objects, built either straight from the `yaml` package's
// CST (cst-reader.ts, the fast path) or converted from a composed `yaml` Document (the fallback
// for documents with errors, anchors or tags). Positions are the composer's: `start`/`end` are
// range[0]/range[1] of the node it would have built.
import { isAlias, isMap, isScalar, isSeq, type Document } from 'yaml';

export type ScalarStyle =
  'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

export interface YScalar {
  kind: 'scalar';
  /** The value under the core schema (string, number, boolean, null; other types stay unknown). */
  value: unknown;
  /** The scalar's string before the schema typed it (keeps `1.50` as written). */
  source: string;
  style: ScalarStyle | undefined;
  start: number;
  end: number;
}

export interface YPair {
  key: YNode | null;
  value: YNode | null;
}

export interface YMap {
  kind: 'map';
  pairs: YPair[];
  start: number;
  end: number;
}

export interface YSeq {
  kind: 'seq';
  items: (YNode | null)[];
  start: number;
  end: number;
}

export type YNode = YScalar | YMap | YSeq;

/**
 * Duplicate-key checks of the fast readers: a scan while a map has a handful of keys (as kg
 * maps do), a Set beyond, so a hostile map of 50,000 keys costs milliseconds, not seconds.
 * (A Set also takes NaN for a duplicate of NaN, where `===` does not: the reader then gives up
 * and the composer decides.)
 */
export class KeyIndex {
  private set: Set<unknown> | undefined;

  /** Whether `value` is the key of one of `pairs` (every key added so far). */
  has(pairs: readonly YPair[], value: unknown): boolean {
    if (pairs.length < 16) {
      for (const p of pairs) if ((p.key as YScalar | null)?.value === value) return true;
      return false;
    }
    this.set ??= new Set(pairs.map((p) => (p.key as YScalar | null)?.value));
    return this.set.has(value);
  }

  /** `value` became the key of a new pair. */
  added(value: unknown): void {
    this.set?.add(value);
  }
}

/** Deeper than this, a converted document is cut (only an alias cycle gets here). */
const MAX_DEPTH = 256;

/**
 * Converts a composed document's contents. Aliases become the node they name (converted once
 * and shared); the caller has already refused alias bombs through the yaml package's limit.
 */
export function fromDocument(doc: Document): YNode | null {
  const seen = new Map<unknown, YNode | null>();
  const convert = (node: unknown, depth: number): YNode | null => {
    let n = node;
    for (let hops = 0; isAlias(n) && hops < 64; hops++) n = n.resolve(doc);
    if (depth > MAX_DEPTH) return null;
    const known = seen.get(n);
    if (known !== undefined) return known;
    const range = (n as { range?: [number, number, number] } | null)?.range;
    const start = range?.[0] ?? 0;
    const end = range?.[1] ?? 0;
    if (isMap(n)) {
      const map: YMap = { kind: 'map', pairs: [], start, end };
      seen.set(n, map);
      // Later copies of a duplicated key are dropped: the composer reported them (KG002).
      const keys = new Set<unknown>();
      for (const p of n.items) {
        const id = isScalar(p.key) ? p.key.value : p.key;
        if (keys.has(id)) continue;
        keys.add(id);
        map.pairs.push({ key: convert(p.key, depth + 1), value: convert(p.value, depth + 1) });
      }
      return map;
    }
    if (isSeq(n)) {
      const seq: YSeq = { kind: 'seq', items: [], start, end };
      seen.set(n, seq);
      for (const item of n.items) seq.items.push(convert(item, depth + 1));
      return seq;
    }
    if (isScalar(n)) {
      const scalar: YScalar = {
        kind: 'scalar',
        value: n.value,
        source: n.source ?? String(n.value),
        style: n.type as ScalarStyle | undefined,
        start,
        end,
      };
      seen.set(n, scalar);
      return scalar;
    }
    return null;
  };
  return convert(doc.contents, 0);
}
