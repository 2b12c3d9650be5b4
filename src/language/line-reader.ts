// The fastest path of YAML reading: one pass over the characters of the plain block YAML kg
// files are written in, building the YNode tree without the `yaml` package's lexer and parser
// (two thirds of the time of reading a file). It takes block maps and lists, one-line plain,
// quoted and flow scalars/collections (flow nested one level, as cst-reader.ts allows) and
// comments; anything else — block scalars, multi-line scalars, escapes, anchors, tags, quoted
// keys, empty values beside comments, unusual characters, anything the composer would report —
// makes it decline (undefined), and the CST reader takes the text. Positions follow the
// composer's rules; test/language/line-reader.test.ts compares it with the CST reader.
import { MAX_NESTING, typeOf } from './cst-reader.js';
import type { ScalarStyle, YMap, YNode, YPair, YScalar, YSeq } from './yaml-node.js';

const DECLINE = Symbol('decline');
function decline(): never {
  throw DECLINE;
}

const NL = 10;
const SPACE = 32;
const HASH = 35;
const DQUOTE = 34;
const SQUOTE = 39;
const COMMA = 44;
const DASH = 45;
const COLON = 58;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;
const PIPE = 124;
const GREATER = 62;

// Tabs, CR, other control characters, BOM and the Unicode line breaks are left to the yaml package.
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\x00-\x09\x0b-\x1f\x7f\x85\ufeff\u2028\u2029]/;

// A plain scalar may not start with these (some only before a space; refused here anyway).
const NOT_PLAIN_START: boolean[] = [];
for (const c of '[]{},#&*!|>\'"%@`?:') NOT_PLAIN_START[c.charCodeAt(0)] = true;

// A flow item starting with `-` is plain only when a character like these follows.
const PLAIN_AFTER_DASH = /^[\w.]$/;

class LineReader {
  private depth = 0;
  /** End of the node built last, trailing comment and line break included (its range[2]). */
  private after = 0;
  /** Offset of the next content character (-1 at the end) and its line's indentation. */
  private next = -1;
  private nextIndent = 0;
  /** Whether nextContent skipped a comment line, and the deepest one's indentation (or -1). */
  private sawComment = false;
  private commentIndent = -1;

  constructor(private readonly text: string) {}

  root(): YNode {
    // A root collection off column 0 is rare, and the composer's rules for it differ.
    if (this.nextContent(0) < 0 || this.nextIndent > 0) decline();
    const node = this.block(this.next, this.nextIndent);
    if (this.next >= 0) decline();
    return node;
  }

  /** Finds the next line with content from line start `from`; sets next / nextIndent. */
  private nextContent(from: number): number {
    const { text } = this;
    const length = text.length;
    this.sawComment = false;
    this.commentIndent = -1;
    let line = from;
    while (line < length) {
      let i = line;
      while (text.charCodeAt(i) === SPACE) i++;
      const c = text.charCodeAt(i);
      if (i === length) break;
      if (c === NL) {
        line = i + 1;
        continue;
      }
      if (c === HASH) {
        this.sawComment = true;
        if (i - line > this.commentIndent) this.commentIndent = i - line;
        line = this.lineAfter(i);
        continue;
      }
      // Document markers and directives belong to the composer.
      if (i === line && (c === 37 || text.startsWith('---', i) || text.startsWith('...', i))) {
        decline();
      }
      this.nextIndent = i - line;
      return (this.next = i);
    }
    this.nextIndent = 0;
    return (this.next = -1);
  }

  /** The start of the line after offset `i` (or the end of the text). */
  private lineAfter(i: number): number {
    const nl = this.text.indexOf('\n', i);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private isItem(i: number): boolean {
    const c = this.text.charCodeAt(i + 1);
    return this.text.charCodeAt(i) === DASH && (c === SPACE || c === NL || Number.isNaN(c));
  }

  /** A block collection whose first line's content starts at `i`, on column `indent`. */
  private block(i: number, indent: number): YMap | YSeq {
    if (++this.depth > MAX_NESTING) decline();
    const node = this.isItem(i) ? this.seq(i, indent) : this.map(i, indent);
    this.depth--;
    return node;
  }

  private map(start: number, indent: number): YMap {
    const { text } = this;
    const pairs: YPair[] = [];
    let i = start;
    for (;;) {
      const colon = this.keyEnd(i);
      if (colon < 0 || colon === i || colon - i > 1000) decline();
      if (text.charCodeAt(colon - 1) === SPACE) decline();
      const key = this.plain(i, colon);
      for (const p of pairs) if ((p.key as YScalar).value === key.value) decline();
      let j = colon + 1;
      while (text.charCodeAt(j) === SPACE) j++;
      const value = this.value(j, indent, true, false);
      pairs.push({ key, value });
      if (this.next < 0 || this.nextIndent < indent) {
        this.ended(indent);
        break;
      }
      if (this.nextIndent > indent || this.isItem(this.next)) decline();
      i = this.next;
    }
    return { kind: 'map', pairs, start, end: this.after };
  }

  private seq(start: number, indent: number): YSeq {
    const { text } = this;
    const items: YNode[] = [];
    let i = start;
    for (;;) {
      // Comment lines before a `-` belong to the item: an empty one would then end after them.
      const commentBefore = this.sawComment;
      let j = i + 1;
      while (text.charCodeAt(j) === SPACE) j++;
      const c = text.charCodeAt(j);
      let item: YNode;
      if (j < text.length && c !== NL && c !== HASH && this.keyEnd(j) >= 0) {
        // `- key: value` — a map on the item's column.
        if (++this.depth > MAX_NESTING) decline();
        item = this.map(j, j - (text.lastIndexOf('\n', j) + 1));
        this.depth--;
      } else {
        item = this.value(j, indent, false, commentBefore);
      }
      items.push(item);
      if (this.next >= 0 && this.nextIndent > indent) decline();
      if (this.next < 0 || this.nextIndent < indent || !this.isItem(this.next)) {
        this.ended(indent);
        break;
      }
      i = this.next;
    }
    return { kind: 'seq', items, start, end: this.after };
  }

  /**
   * A collection on column `indent` ends. The composer gives comment lines between its last
   * item and what follows to the collection when they are deeper than it (and refuses them at
   * its own column) — except after the root, whose column may hold comments: left to it.
   */
  private ended(indent: number): void {
    if (this.commentIndent >= (this.depth === 1 ? indent + 1 : indent)) decline();
  }

  /**
   * The value after `key:` or `-` (its first character at `j`), of a collection on column
   * `indent`; leaves `next` on the following content.
   */
  private value(j: number, indent: number, inMap: boolean, commentBefore: boolean): YNode {
    const { text } = this;
    const c = text.charCodeAt(j);
    if (j >= text.length || c === NL || c === HASH) {
      const comment = c === HASH;
      this.nextContent(this.lineAfter(j));
      const n = this.next;
      if (
        n >= 0 &&
        (this.nextIndent > indent || (inMap && this.nextIndent === indent && this.isItem(n)))
      ) {
        return this.block(n, this.nextIndent);
      }
      if (comment || commentBefore || this.sawComment) decline();
      this.after = j;
      return { kind: 'scalar', value: null, source: '', style: 'PLAIN', start: j, end: j };
    }
    if (c === PIPE || c === GREATER) {
      const scalar = this.blockScalar(j, indent);
      this.after = scalar.end;
      this.nextContent(scalar.end);
      return scalar;
    }
    let node: YNode;
    let end: number;
    if (c === LBRACKET || c === LBRACE) {
      node = this.flow(j, true);
      end = node.end;
    } else if (c === DQUOTE || c === SQUOTE) {
      node = this.quoted(j);
      end = node.end;
    } else {
      if (c === DASH && this.isItem(j)) decline();
      const stop = this.plainEnd(j);
      node = this.plain(j, stop);
      end = stop;
    }
    // Only spaces and a comment may follow on the line.
    let k = end;
    while (text.charCodeAt(k) === SPACE) k++;
    const rest = text.charCodeAt(k);
    if (k < text.length && rest !== NL && (rest !== HASH || k === end)) decline();
    this.after = this.lineAfter(end);
    this.nextContent(this.after);
    return node;
  }

  /**
   * A `|`, `|-`, `>` or `>-` block scalar (no indentation indicator, no `+`) of a collection on
   * column `indent`; a folded one without more-indented lines. Ends after its last content line.
   */
  private blockScalar(start: number, indent: number): YScalar {
    const { text } = this;
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
    let line = this.lineAfter(k);
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

  /** The `:` ending a plain key on this line, or -1 when the line holds no key. */
  private keyEnd(i: number): number {
    const { text } = this;
    const c0 = text.charCodeAt(i);
    if (NOT_PLAIN_START[c0] || (c0 === DASH && this.isItem(i))) return -1;
    for (let p = i; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === NL) return -1;
      if (c === COLON) {
        const d = text.charCodeAt(p + 1);
        if (d === SPACE || d === NL || Number.isNaN(d)) return p;
      } else if (c === HASH && text.charCodeAt(p - 1) === SPACE) return -1;
    }
    return -1;
  }

  /** The end of a one-line plain value in block context starting at `i` (spaces trimmed). */
  private plainEnd(i: number): number {
    const { text } = this;
    if (NOT_PLAIN_START[text.charCodeAt(i)]) decline();
    let end = i;
    for (let p = i; p < text.length; p++) {
      const c = text.charCodeAt(p);
      if (c === NL) break;
      if (c === HASH && text.charCodeAt(p - 1) === SPACE) break;
      if (c === COLON) {
        const d = text.charCodeAt(p + 1);
        if (d === SPACE || d === NL || Number.isNaN(d)) decline();
      }
      if (c !== SPACE) end = p + 1;
    }
    return end;
  }

  private plain(start: number, end: number): YScalar {
    const source = this.text.slice(start, end);
    return { kind: 'scalar', value: typeOf(source), source, style: 'PLAIN', start, end };
  }

  /** A one-line quoted scalar without escapes (other than '' in single quotes). */
  private quoted(start: number): YScalar {
    const { text } = this;
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
  private flow(start: number, nested: boolean): YSeq | YMap {
    const { text } = this;
    const isMap = text.charCodeAt(start) === LBRACE;
    const close = isMap ? RBRACE : RBRACKET;
    const items: YNode[] = [];
    const pairs: YPair[] = [];
    let p = start + 1;
    if (text.charCodeAt(p) !== close) {
      for (;;) {
        while (text.charCodeAt(p) === SPACE) p++;
        if (isMap) {
          const key = this.flowScalar(p, true);
          for (const pair of pairs) if ((pair.key as YScalar).value === key.value) decline();
          p = key.end;
          if (text.charCodeAt(p) !== COLON || text.charCodeAt(p + 1) !== SPACE) decline();
          p += 2;
          while (text.charCodeAt(p) === SPACE) p++;
          const value = this.flowItem(p, nested);
          pairs.push({ key, value });
          p = value.end;
        } else {
          const item = this.flowItem(p, nested);
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

  private flowItem(p: number, nested: boolean): YNode {
    const c = this.text.charCodeAt(p);
    if (c === LBRACKET || c === LBRACE) return nested ? this.flow(p, false) : decline();
    return this.flowScalar(p, false);
  }

  /** A scalar inside a flow collection: quoted, or plain without `:`, `#` or indicators. */
  private flowScalar(p: number, isKey: boolean): YScalar {
    const { text } = this;
    const c0 = text.charCodeAt(p);
    if (c0 === DQUOTE || c0 === SQUOTE) {
      if (isKey) decline();
      return this.quoted(p);
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
    return this.plain(p, end);
  }
}

/**
 * The document's root collection read in one pass, or undefined when the text needs the CST
 * reader (or the composer). Never throws on any input.
 */
export function readLines(text: string): { root: YNode } | undefined {
  if (UNUSUAL.test(text)) return undefined;
  try {
    return { root: new LineReader(text).root() };
  } catch (error) {
    if (error === DECLINE) return undefined;
    throw error;
  }
}
