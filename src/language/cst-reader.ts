// The fast path of YAML reading: builds the YNode tree straight from the `yaml` package's CST,
// skipping its composer (a third of parse time, and a class instance with a defineProperty per
// node). It covers the YAML that kg files are made of — block maps and lists, flow lists and
// flow maps of scalars (one level of nesting: `[{ a: b }]`, `{ a: [b, c] }`, as evidence items
// are written), plain, quoted and block scalars, comments — and gives up (returns undefined)
// on anything else or anything the composer would report: errors, anchors, aliases, tags,
// explicit keys, deeper flow nesting, tabs, duplicate keys, several documents. The caller then composes
// the document the full way, so diagnostics are the composer's in every case; the positions
// built here follow the composer's rules exactly (test/cst-reader.test.ts compares the two).
import { CST, Document, isScalar, Parser } from 'yaml';
import { MAX_NESTING, NestingTooDeepError } from './nesting.js';
import {
  KeyIndex,
  type ScalarStyle,
  type YMap,
  type YNode,
  type YPair,
  type YScalar,
  type YSeq,
} from './yaml-node.js';

type Token = CST.Token;
type SourceToken = CST.SourceToken;
type FlowScalar = CST.FlowScalar;

const DEFAULTS = new Document();
// The scalar tags the composer tries on a plain scalar, in its order (core schema, no merge).
const SCALAR_TAGS = DEFAULTS.schema.tags.filter(
  (tag) => !tag.collection && tag.default === true && tag.test !== undefined,
);
// Every core-schema pattern (null, bool, int, float, .inf/.nan) starts with one of these or
// matches the empty string; other plain scalars are strings without trying the patterns.
const MAYBE_TYPED: boolean[] = [];
for (const c of '-+.0123456789~nNtTfF') MAYBE_TYPED[c.charCodeAt(0)] = true;

/** Thrown (and caught below) when the document needs the full composer. */
const GIVE_UP = Symbol('give up');
function giveUp(): never {
  throw GIVE_UP;
}

class CstReader {
  /** range[2] of the node built last: where the next sibling's position counting resumes. */
  private after = 0;
  private depth = 0;
  // What props() found, in fields rather than a result object (it runs for every item).
  /** Offset after the last token. */
  private propsEnd = 0;
  private propsNewline = false;
  private propsComment = false;
  /** Offset of the indicator, or -1. */
  private propsFound = -1;

  document(doc: CST.Document): YNode {
    if (!doc.value) giveUp();
    this.props(doc.start, doc.offset, 'doc-start', false, true);
    if (this.propsFound >= 0 && isBlock(doc.value) && !this.propsNewline) giveUp();
    const root = this.node(doc.value);
    this.endTokens(doc.end, this.after, false);
    return root;
  }

  private node(token: Token): YNode {
    switch (token.type) {
      case 'block-map':
      case 'block-seq': {
        if (++this.depth > MAX_NESTING) throw new NestingTooDeepError(token.offset);
        const node = token.type === 'block-map' ? this.blockMap(token) : this.blockSeq(token);
        this.depth--;
        return node;
      }
      case 'flow-collection':
        return this.flow(token, true);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      default:
        return giveUp();
    }
  }

  private blockMap(bm: CST.BlockMap): YMap {
    const pairs: YPair[] = [];
    const keys = new KeyIndex();
    let offset = bm.offset;
    for (const item of bm.items) {
      const { start, key, sep, value } = item;
      this.props(start, offset, undefined, false, true);
      if (item.explicitKey || !key || !sep || !isFlowScalar(key)) giveUp();
      // A key on another column, over several lines or too long is the composer's error.
      if (key.indent !== bm.indent || key.source.includes('\n')) giveUp();
      if (key.end) for (const t of key.end) if (t.type === 'newline') giveUp();
      const k = this.scalar(key);
      if (keys.has(pairs, k.value)) giveUp();
      keys.added(k.value);
      this.props(sep, this.after, 'map-value-ind', true, false);
      if (this.propsFound - key.offset > 1000) giveUp();
      // `a: b: c` (a compact nested mapping) is an error.
      if (value?.type === 'block-map' && !this.propsNewline) giveUp();
      const v = value ? this.node(value) : this.empty(sep);
      offset = this.after;
      pairs.push({ key: k, value: v });
    }
    this.after = offset;
    return { kind: 'map', pairs, start: bm.offset, end: offset };
  }

  private blockSeq(bs: CST.BlockSequence): YSeq {
    const items: YNode[] = [];
    let offset = bs.offset;
    for (const { start, value } of bs.items) {
      this.props(start, offset, 'seq-item-ind', true, true);
      items.push(value ? this.node(value) : this.empty(start));
      offset = this.after;
    }
    this.after = offset;
    return { kind: 'seq', items, start: bs.offset, end: offset };
  }

  /**
   * A flow list or map. Items (list items, map values) are scalars, or — when `nested` is
   * allowed, i.e. one level down from block context — flow collections of scalars themselves.
   */
  private flow(fc: CST.FlowCollection, nested: boolean): YSeq | YMap {
    const isMap = fc.start.source === '{';
    if (!isMap && fc.start.source !== '[') giveUp();
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    const keys = new KeyIndex();
    const last = fc.items.length - 1;
    const item = (token: Token): YNode => {
      if (isFlowScalar(token)) return this.scalar(token);
      if (nested && token.type === 'flow-collection') return this.flow(token, false);
      return giveUp();
    };
    fc.items.forEach(({ start, key, sep, value }, i) => {
      let commas = 0;
      for (const t of start) {
        if (t.type === 'comma') commas++;
        else if (t.type !== 'space' && t.type !== 'newline') giveUp();
      }
      // A trailing comma is allowed; an empty item elsewhere is an error.
      if (!key && !sep && !value && i === last && i > 0 && commas === 1) return;
      if (commas !== (i === 0 ? 0 : 1)) giveUp();
      if (!isMap) {
        if (key !== undefined || sep !== undefined || !value) giveUp();
        items.push(item(value));
        return;
      }
      // `key: value` with a one-line scalar key, exactly one `:` and spaces, and a value.
      if (!key || !sep || !value || !isFlowScalar(key) || key.source.includes('\n')) giveUp();
      if (key.end) for (const t of key.end) if (t.type !== 'space') giveUp();
      let colons = 0;
      for (const t of sep) {
        if (t.type === 'map-value-ind') colons++;
        else if (t.type !== 'space') giveUp();
      }
      if (colons !== 1) giveUp();
      const k = this.scalar(key);
      if (keys.has(pairs, k.value)) giveUp();
      keys.added(k.value);
      pairs.push({ key: k, value: item(value) });
    });
    const [close, ...rest] = fc.end;
    if (close?.type !== (isMap ? 'flow-map-end' : 'flow-seq-end')) giveUp();
    const closeEnd = close.offset + close.source.length;
    this.endTokens(rest, closeEnd, true);
    return isMap
      ? { kind: 'map', pairs, start: fc.offset, end: closeEnd }
      : { kind: 'seq', items, start: fc.offset, end: closeEnd };
  }

  private scalar(token: FlowScalar | CST.BlockScalar): YScalar {
    const { offset } = token;
    let value: string;
    let style: ScalarStyle | undefined;
    let end: number;
    const src = token.source;
    if (token.type === 'scalar' && !src.includes('\n') && !BAD_PLAIN_START.has(src[0] ?? '')) {
      value = src;
      style = 'PLAIN';
      end = offset + src.length;
      this.endTokens(token.end, end, true);
    } else if (
      token.type === 'double-quoted-scalar' &&
      src.length > 1 &&
      src.endsWith('"') &&
      !src.includes('\\') &&
      !src.includes('\n')
    ) {
      value = src.slice(1, -1);
      style = 'QUOTE_DOUBLE';
      end = offset + src.length;
      this.endTokens(token.end, end, true);
    } else {
      const resolved = CST.resolveAsScalar(token, true, giveUp);
      value = resolved.value;
      style = resolved.type ?? undefined;
      end = resolved.range[1];
      this.after = resolved.range[2];
    }
    const typed = style === 'PLAIN' ? typeOf(value) : value;
    return { kind: 'scalar', value: typed, source: value, style, start: offset, end };
  }

  /** The composer's empty scalar for `key:` or `-` without a value (after props()). */
  private empty(before: SourceToken[]): YScalar {
    const at = emptyScalarPosition(this.propsEnd, before);
    this.after = this.propsComment ? this.propsEnd : at;
    return { kind: 'scalar', value: null, source: '', style: 'PLAIN', start: at, end: at };
  }

  /**
   * The whitespace, comments and (at most one, or exactly one if `required`) indicator before
   * a node, checked as the composer's resolveProps checks them.
   */
  private props(
    tokens: SourceToken[],
    offset: number,
    indicator: SourceToken['type'] | undefined,
    required: boolean,
    startOnNewline: boolean,
  ): void {
    let hasSpace = startOnNewline;
    let hasNewline = false;
    let hasComment = false;
    let found = -1;
    for (const t of tokens) {
      if (t.type === 'space') hasSpace = true;
      else if (t.type === 'newline') hasSpace = hasNewline = true;
      else if (t.type === 'comment') {
        if (!hasSpace) giveUp();
        hasComment = true;
      } else if (t.type === indicator && found < 0) {
        found = t.offset;
        hasSpace = false;
      } else giveUp();
    }
    if (required && found < 0) giveUp();
    const last = tokens[tokens.length - 1];
    this.propsEnd = last ? last.offset + last.source.length : offset;
    this.propsNewline = hasNewline;
    this.propsComment = hasComment;
    this.propsFound = found;
  }

  /** Whitespace and comments after a node (the composer's resolveEnd); sets `after`. */
  private endTokens(tokens: SourceToken[] | undefined, offset: number, reqSpace: boolean): void {
    let end = offset;
    let hasSpace = false;
    for (const t of tokens ?? []) {
      if (t.type === 'space' || t.type === 'newline') hasSpace = true;
      else if (t.type !== 'comment' || (reqSpace && !hasSpace)) giveUp();
      end += t.source.length;
    }
    this.after = end;
  }
}

// Plain scalars starting with these are errors the composer reports.
const BAD_PLAIN_START = new Set(['', ',', '%', '|', '>', '@', '`']);

function isFlowScalar(token: Token): token is FlowScalar {
  return (
    token.type === 'scalar' ||
    token.type === 'single-quoted-scalar' ||
    token.type === 'double-quoted-scalar'
  );
}

function isBlock(token: Token): boolean {
  return token.type === 'block-map' || token.type === 'block-seq';
}

/** A plain scalar's value under the core schema, as the composer's tag test resolves it. */
export function typeOf(value: string): unknown {
  if (value !== '' && !MAYBE_TYPED[value.charCodeAt(0)]) return value;
  for (const tag of SCALAR_TAGS) {
    if (!tag.test?.test(value)) continue;
    const result = tag.resolve(value, giveUp, DEFAULTS.options);
    return isScalar(result) ? result.value : result;
  }
  return value;
}

/** Port of the composer's emptyScalarPosition: after the indicator and the spaces behind it. */
function emptyScalarPosition(offset: number, before: SourceToken[]): number {
  let at = offset;
  for (let i = before.length - 1; i >= 0; --i) {
    const token = before[i];
    if (token && (token.type === 'space' || token.type === 'comment' || token.type === 'newline')) {
      at -= token.source.length;
      continue;
    }
    for (let j = i + 1; before[j]?.type === 'space'; j++) at += before[j]?.source.length ?? 0;
    break;
  }
  return at;
}

/**
 * The document's root node read from the CST, `null` for a document without content, or
 * undefined when the document needs the full composer (see the top of this file). Throws
 * NestingTooDeepError for a document nested deeper than MAX_NESTING.
 */
export function readCst(text: string): { root: YNode } | undefined {
  if (text.includes('\t') || text.startsWith('\uFEFF')) return undefined;
  let doc: CST.Document | undefined;
  for (const token of new Parser().parse(text)) {
    if (token.type === 'document' && !doc) doc = token;
    else if (token.type !== 'space' && token.type !== 'newline' && token.type !== 'comment') {
      return undefined;
    }
  }
  if (!doc) return undefined;
  try {
    return { root: new CstReader().document(doc) };
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}
