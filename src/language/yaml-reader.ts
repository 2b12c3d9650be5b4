// Reads YAML nodes into the parser's plain structures, reporting wrong shapes
// (a list where a mapping belongs, a mapping where a string belongs…) as diagnostics.
import type { RawValue, Str } from './ast.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import type { SourceFile, Span } from './source-file.js';
import { didYouMean } from './suggest.js';
import { codePointName, firstUncarriable, UNCARRIABLE_HINT } from './text-rule.js';
import type { YNode, YPair, YScalar } from './yaml-node.js';

export type YamlNode = YNode | null | undefined;

export class YamlReader {
  constructor(
    readonly file: SourceFile,
    readonly sink: DiagnosticSink,
  ) {}

  span(node: YamlNode, fallback?: Span): Span {
    if (node) return { file: this.file, start: node.start, end: node.end };
    return fallback ?? { file: this.file, start: 0, end: 0 };
  }

  /** A Str: the value with its position inline (one object; projects hold millions). */
  private strAt(value: string, node: YScalar): Str {
    if (node.style === 'QUOTE_DOUBLE') this.checkEscapes(value, node);
    return { value, file: this.file, start: node.start, end: node.end };
  }

  /**
   * KG009 for a character no output can carry, written as an escape in a double-quoted
   * scalar (`"\0"`, `"\uD800"`); raw ones are reported for the whole file by parseFile.
   */
  private checkEscapes(value: string, node: YScalar): void {
    const at = firstUncarriable(value);
    if (at < 0) return;
    const name = codePointName(value, at);
    this.sink.report('KG009', this.span(node), `this text contains ${name}`, {
      value: name,
      hint: UNCARRIABLE_HINT,
    });
  }

  describe(n: YamlNode): string {
    if (n?.kind === 'map') return 'a mapping';
    if (n?.kind === 'seq') return 'a list';
    if (n?.kind === 'scalar') return n.value === null ? 'an empty value' : `'${String(n.value)}'`;
    return 'nothing';
  }

  /** The pairs of a mapping node, or undefined (with a diagnostic) for anything else. */
  pairs(n: YamlNode, what: string, fallback?: Span): YPair[] | undefined {
    if (n?.kind === 'map') return n.pairs;
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a mapping`, {
      value: this.describe(n),
      hint: `write ${what} as 'key: value' lines`,
    });
    return undefined;
  }

  /** The items of a list node, or undefined (with a diagnostic). */
  items(n: YamlNode, what: string, fallback?: Span): YamlNode[] | undefined {
    if (n?.kind === 'seq') return n.items;
    if (n?.kind === 'scalar' && n.value === null) return [];
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a list`, {
      value: this.describe(n),
      hint: `write each item of ${what} on its own line starting with '- '`,
    });
    return undefined;
  }

  /** A pair's key as a string (keys are always scalars in this language). */
  key(pair: YPair): Str | undefined {
    const k = pair.key;
    if (k?.kind === 'scalar' && isText(k.value)) return this.strAt(flat(String(k.value)), k);
    this.sink.report('KG011', this.span(k), 'a mapping key must be a plain string', {
      value: this.describe(k),
    });
    return undefined;
  }

  /** A scalar read as a string (numbers and booleans keep their written text). */
  str(n: YamlNode, what: string, fallback?: Span): Str | undefined {
    if (n?.kind === 'scalar' && isText(n.value)) return this.strAt(scalarText(n), n);
    this.sink.report('KG011', this.span(n, fallback), `${what} must be a string`, {
      value: this.describe(n),
    });
    return undefined;
  }

  /** One string or a list of strings (e.g. `source: a` or `source: [a, b]`). */
  strList(n: YamlNode, what: string, fallback?: Span): Str[] {
    if (n?.kind === 'seq') {
      const out: Str[] = [];
      for (const item of n.items) {
        const s = this.str(item, `each item of ${what}`, this.span(n));
        if (s) out.push(s);
      }
      return out;
    }
    const single = this.str(n, what, fallback);
    return single ? [single] : [];
  }

  bool(n: YamlNode, what: string): boolean | undefined {
    if (n?.kind === 'scalar' && typeof n.value === 'boolean') return n.value;
    this.sink.report('KG011', this.span(n), `${what} must be true or false`, {
      value: this.describe(n),
    });
    return undefined;
  }

  /** Any value, kept with spans for later checking against the schema. */
  raw(n: YamlNode, fallback?: Span): RawValue {
    if (n?.kind === 'seq') {
      const items = n.items.map((i) => this.raw(i));
      return { kind: 'list', items, ...this.span(n) };
    }
    if (n?.kind === 'map') return { kind: 'map', ...this.span(n) };
    if (n?.kind === 'scalar') {
      const v = n.value;
      const value =
        typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
      if (v !== null && typeof v === 'object') {
        // `!!binary`, `!!timestamp`…: not an empty value (that read as a missing property).
        this.sink.report('KG105', this.span(n), 'tagged values are not supported here', {
          value: n.source,
          hint: 'write the value as plain text, without a !! tag (dates: 2025-08-18)',
        });
      }
      const quoted = n.style === 'QUOTE_DOUBLE' || n.style === 'QUOTE_SINGLE';
      if (typeof v === 'string' && n.style === 'QUOTE_DOUBLE') this.checkEscapes(v, n);
      const { start, end } = n;
      const text = scalarText(n);
      const file = this.file;
      if (v !== null && typeof v === 'object') {
        return { kind: 'scalar', value, text, quoted, tagged: true, file, start, end };
      }
      return { kind: 'scalar', value, text, quoted, file, start, end };
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

/** A scalar value that reads as text: not empty, not a tagged object. */
function isText(value: unknown): boolean {
  return value !== null && typeof value !== 'object';
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

function scalarText(n: YScalar): string {
  return flat(typeof n.value === 'string' ? n.value : n.source);
}
