// Reads YAML AST nodes into the parser's plain structures, reporting wrong shapes
// (a list where a mapping belongs, a mapping where a string belongs…) as diagnostics.
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { RawValue, Str } from './ast.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import type { SourceFile, Span } from './source-file.js';
import { didYouMean } from './suggest.js';

export type YamlNode = Node | null | undefined;

export class YamlReader {
  constructor(
    readonly file: SourceFile,
    private readonly doc: Document,
    readonly sink: DiagnosticSink,
  ) {}

  /** Follows aliases (`*anchor`) to the node they name. */
  deref(node: unknown): YamlNode {
    let current = node;
    for (let hops = 0; isAlias(current) && hops < 64; hops++) current = current.resolve(this.doc);
    return current as YamlNode;
  }

  span(node: unknown, fallback?: Span): Span {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    if (range) return { file: this.file, start: range[0], end: range[1] };
    return fallback ?? { file: this.file, start: 0, end: 0 };
  }

  /** A Str: the value with its position inline (one object; projects hold millions). */
  private strAt(value: string, node: unknown): Str {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    return { value, file: this.file, start: range?.[0] ?? 0, end: range?.[1] ?? 0 };
  }

  describe(node: YamlNode): string {
    const n = this.deref(node);
    if (isMap(n)) return 'a mapping';
    if (isSeq(n)) return 'a list';
    if (isScalar(n)) return n.value === null ? 'an empty value' : `'${String(n.value)}'`;
    return 'nothing';
  }

  /** The pairs of a mapping node, or undefined (with a diagnostic) for anything else. */
  pairs(node: YamlNode, what: string, fallback?: Span): Pair[] | undefined {
    const n = this.deref(node);
    if (isMap(n)) return uniquePairs(n.items as Pair[]);
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a mapping`, {
      value: this.describe(n),
      hint: `write ${what} as 'key: value' lines`,
    });
    return undefined;
  }

  /** The items of a list node, or undefined (with a diagnostic). */
  items(node: YamlNode, what: string, fallback?: Span): unknown[] | undefined {
    const n = this.deref(node);
    if (isSeq(n)) return n.items;
    if (isScalar(n) && n.value === null) return [];
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a list`, {
      value: this.describe(n),
      hint: `write each item of ${what} on its own line starting with '- '`,
    });
    return undefined;
  }

  /** A pair's key as a string (keys are always scalars in this language). */
  key(pair: Pair): Str | undefined {
    const k = this.deref(pair.key);
    if (isScalar(k) && k.value !== null && typeof k.value !== 'object') {
      return this.strAt(flat(String(k.value)), k);
    }
    this.sink.report('KG011', this.span(k), 'a mapping key must be a plain string', {
      value: this.describe(k),
    });
    return undefined;
  }

  /** A scalar read as a string (numbers and booleans keep their written text). */
  str(node: YamlNode, what: string, fallback?: Span): Str | undefined {
    const n = this.deref(node);
    if (isScalar(n) && n.value !== null && typeof n.value !== 'object') {
      return this.strAt(scalarText(n), n);
    }
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a string`, {
      value: this.describe(n),
    });
    return undefined;
  }

  /** One string or a list of strings (e.g. `source: a` or `source: [a, b]`). */
  strList(node: YamlNode, what: string, fallback?: Span): Str[] {
    const n = this.deref(node);
    if (isSeq(n)) {
      const out: Str[] = [];
      for (const item of n.items) {
        const s = this.str(item as YamlNode, `each item of ${what}`, this.span(n));
        if (s) out.push(s);
      }
      return out;
    }
    const single = this.str(n, what, fallback);
    return single ? [single] : [];
  }

  bool(node: YamlNode, what: string): boolean | undefined {
    const n = this.deref(node);
    if (isScalar(n) && typeof n.value === 'boolean') return n.value;
    this.sink.report('KG011', this.span(n), `${what} must be true or false`, {
      value: this.describe(n),
    });
    return undefined;
  }

  /** Any value, kept with spans for later checking against the schema. */
  raw(node: YamlNode, fallback?: Span): RawValue {
    const n = this.deref(node);
    if (isSeq(n)) {
      const items = n.items.map((i) => this.raw(i as YamlNode));
      return { kind: 'list', items, ...this.span(n) };
    }
    if (isMap(n)) return { kind: 'map', ...this.span(n) };
    if (isScalar(n)) {
      const v = n.value;
      const value =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE';
      const start = n.range?.[0] ?? 0;
      const end = n.range?.[1] ?? 0;
      return { kind: 'scalar', value, text: scalarText(n), quoted, file: this.file, start, end };
    }
    return { kind: 'scalar', value: null, text: '', quoted: false, ...(fallback ?? this.span(n)) };
  }

  /** Reports a key that is not one of `known`, with a suggestion. */
  unknownKey(key: Str, what: string, known: readonly string[], extraHint?: string): void {
    this.sink.report('KG012', key, `unknown field '${key.value}' in ${what}`, {
      value: key.value,
      hint: didYouMean(key.value, known) ?? extraHint ?? `known fields: ${known.join(', ')}`,
    });
  }
}

/** Drops the later copies of a duplicated key: the parser already reported them (KG002). */
function uniquePairs(pairs: Pair[]): Pair[] {
  const seen = new Set<unknown>();
  return pairs.filter((p) => {
    const k = isScalar(p.key) ? p.key.value : p.key;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The yaml package builds scalar values by concatenation, so each kept value is a tree of
 * V8 cons strings (≈ 30 nodes per relation, over a third of a parsed project's heap).
 * Reading a character flattens a string in place, and the GC then drops the tree.
 */
function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}

function scalarText(n: { value: unknown; source?: string }): string {
  return flat(typeof n.value === 'string' ? n.value : (n.source ?? String(n.value)));
}
