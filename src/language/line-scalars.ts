// The scalars and flow collections of the line reader (line-reader.ts): each reads one value
// at an offset of the text, or declines (throws DECLINE) when the value needs the CST reader.
import { typeOf } from './cst-reader.js';
import {
  KeyIndex,
  type ScalarStyle,
  type YMap,
  type YNode,
  type YPair,
  type YScalar,
  type YSeq,
} from './yaml-node.js';

/** The start of the line after offset `i` (or the end of the text). */
export function lineAfter(text: string, i: number): number {
  const nl = text.indexOf('\n', i);
  return nl < 0 ? text.length : nl + 1;
}

/** Thrown when the text needs the CST reader; caught by readLines. */
export const DECLINE = Symbol('decline');
export function decline(): never {
  throw DECLINE;
}

export const NL = 10;
export const SPACE = 32;
export const HASH = 35;
export const DQUOTE = 34;
export const SQUOTE = 39;
export const COMMA = 44;
export const DASH = 45;
export const COLON = 58;
export const LBRACKET = 91;
export const RBRACKET = 93;
export const LBRACE = 123;
export const RBRACE = 125;
export const PIPE = 124;
export const GREATER = 62;

// Tabs, CR, other control characters, BOM and the Unicode line breaks are left to the yaml package.
// eslint-disable-next-line no-control-regex
export const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f\x85\ufeff\u2028\u2029]/;

// A plain scalar may not start with these (some only before a space; refused here anyway).
export const NOT_PLAIN_START: boolean[] = [];
for (const c of '[]{},#&*!|>\'"%@`?:') NOT_PLAIN_START[c.charCodeAt(0)] = true;

// A flow item starting with `-` is plain only when a character like these follows.
const PLAIN_AFTER_DASH = /^[\w.]$/;

/**
 * A `|`, `|-`, `>` or `>-` block scalar (no indentation indicator, no `+`) of a collection on
 * column `indent`; a folded one without more-indented lines. Ends after its last content line.
 */
export function blockScalar(text: string, start: number, indent: number): YScalar {
  const length = text.length;
  const folded = text.charCodeAt(start) === GREATER;
  let p = start + 1;
  const strip = text.charCodeAt(p) === DASH;
  if (strip) p++;
  let k = p;
  while (text.charCodeAt(k) === SPACE) k++;
  const h = text.charCodeAt(k);
  if (k < length && h !== NL && (h !== HASH || k === p)) decline();
  const lines: string[] = [];
  let column = -1;
  let leading = 0;
  let last = -1;
  let end = -1;
  let line = lineAfter(text, k);
  while (line < length) {
    let i = line;
    while (text.charCodeAt(i) === SPACE) i++;
    if (i === length || text.charCodeAt(i) === NL) {
      // A blank line; with more spaces than the content's column it would be content.
      if (column < 0) leading = Math.max(leading, i - line);
      else if (i - line > column) decline();
      lines.push('');
      line = i === length ? length : i + 1;
      continue;
    }
    const at = i - line;
    if (column < 0) {
      if (at <= indent || leading > at) break;
      column = at;
    }
    if (at < column) break;
    if (at > column && folded) decline();
    const nl = text.indexOf('\n', i);
    const lineEnd = nl < 0 ? length : nl;
    lines.push(text.slice(line + column, lineEnd));
    last = lines.length - 1;
    line = end = nl < 0 ? length : nl + 1;
  }
  if (last < 0) decline();
  lines.length = last + 1;
  let value: string;
  if (folded) {
    value = '';
    let blanks = 0;
    let started = false;
    for (const l of lines) {
      if (l === '') {
        blanks++;
        continue;
      }
      value += (started && blanks === 0 ? ' ' : '\n'.repeat(blanks)) + l;
      started = true;
      blanks = 0;
    }
  } else {
    value = lines.join('\n');
  }
  if (!strip) value += '\n';
  const style: ScalarStyle = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
  return { kind: 'scalar', value, source: value, style, start, end };
}

export function plainScalar(text: string, start: number, end: number): YScalar {
  const source = text.slice(start, end);
  return { kind: 'scalar', value: typeOf(source), source, style: 'PLAIN', start, end };
}

/** A one-line quoted scalar without escapes (other than '' in single quotes). */
export function quotedScalar(text: string, start: number): YScalar {
  const q = text.charCodeAt(start);
  let p = start + 1;
  let doubled = false;
  for (;;) {
    const c = text.charCodeAt(p);
    if (Number.isNaN(c) || c === NL || (q === DQUOTE && c === 92)) decline();
    if (c === q) {
      if (q === SQUOTE && text.charCodeAt(p + 1) === SQUOTE) {
        doubled = true;
        p += 2;
        continue;
      }
      break;
    }
    p++;
  }
  let value = text.slice(start + 1, p);
  if (doubled) value = value.replaceAll("''", "'");
  const style: ScalarStyle = q === DQUOTE ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
  return { kind: 'scalar', value, source: value, style, start, end: p + 1 };
}

/** A one-line flow list or map at `start`; items are scalars or (if `nested`) flows of them. */
export function flowCollection(text: string, start: number, nested: boolean): YSeq | YMap {
  const isMap = text.charCodeAt(start) === LBRACE;
  const close = isMap ? RBRACE : RBRACKET;
  const items: YNode[] = [];
  const pairs: YPair[] = [];
  const keys = new KeyIndex();
  let p = start + 1;
  if (text.charCodeAt(p) !== close) {
    for (;;) {
      while (text.charCodeAt(p) === SPACE) p++;
      if (isMap) {
        const key = flowScalar(text, p, true);
        if (keys.has(pairs, key.value)) decline();
        keys.added(key.value);
        p = key.end;
        if (text.charCodeAt(p) !== COLON || text.charCodeAt(p + 1) !== SPACE) decline();
        p += 2;
        while (text.charCodeAt(p) === SPACE) p++;
        const value = flowItem(text, p, nested);
        pairs.push({ key, value });
        p = value.end;
      } else {
        const item = flowItem(text, p, nested);
        items.push(item);
        p = item.end;
      }
      while (text.charCodeAt(p) === SPACE) p++;
      let c = text.charCodeAt(p);
      if (c === COMMA) {
        p++;
        while (text.charCodeAt(p) === SPACE) p++;
        c = text.charCodeAt(p);
        if (c !== close) continue;
      }
      if (c !== close) decline();
      break;
    }
  }
  const end = p + 1;
  return isMap ? { kind: 'map', pairs, start, end } : { kind: 'seq', items, start, end };
}

function flowItem(text: string, p: number, nested: boolean): YNode {
  const c = text.charCodeAt(p);
  if (c === LBRACKET || c === LBRACE) return nested ? flowCollection(text, p, false) : decline();
  return flowScalar(text, p, false);
}

/** A scalar inside a flow collection: quoted, or plain without `:`, `#` or indicators. */
function flowScalar(text: string, p: number, isKey: boolean): YScalar {
  const c0 = text.charCodeAt(p);
  if (c0 === DQUOTE || c0 === SQUOTE) {
    if (isKey) decline();
    return quotedScalar(text, p);
  }
  if (NOT_PLAIN_START[c0] || (c0 === DASH && !PLAIN_AFTER_DASH.test(text.charAt(p + 1)))) {
    decline();
  }
  let end = p;
  for (let i = p; ; i++) {
    const c = text.charCodeAt(i);
    if (c === COLON) {
      if (isKey && i > p) break;
      decline();
    }
    if (c === COMMA || c === RBRACKET || c === RBRACE) break;
    if (Number.isNaN(c) || c === NL || c === HASH || c === LBRACKET || c === LBRACE) decline();
    if (c !== SPACE) end = i + 1;
  }
  if (end === p) decline();
  return plainScalar(text, p, end);
}
