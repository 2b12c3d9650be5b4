// The fastest path of YAML reading: one pass over the characters of the plain block YAML kg
// files are written in, building the YNode tree without the `yaml` package's lexer and parser
// (two thirds of the time of reading a file). It takes block maps and lists, one-line plain,
// quoted and flow scalars/collections (flow nested one level, as cst-reader.ts allows) and
// comments, and `|`/`>` block scalars (line-scalars.ts); anything else — multi-line plain and
// quoted scalars, escapes, anchors, tags, quoted keys, empty values beside comments, unusual
// characters, anything the composer would report — makes it decline (undefined), and the CST
// reader takes the text. Positions follow the composer's rules;
// test/language/line-reader.test.ts compares it with the CST reader.
import { MAX_NESTING } from './nesting.js';
import {
  blockScalar,
  COLON,
  DASH,
  decline,
  DECLINE,
  flowCollection,
  GREATER,
  HASH,
  LBRACE,
  LBRACKET,
  lineAfter,
  NL,
  NOT_PLAIN_START,
  PIPE,
  plainScalar,
  quotedScalar,
  SPACE,
  SQUOTE,
  DQUOTE,
  UNUSUAL,
} from './line-scalars.js';
import { KeyIndex, type YMap, type YNode, type YPair, type YSeq } from './yaml-node.js';

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
        line = lineAfter(this.text, i);
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

  /** A block map whose first key starts at `start`; `colon` ends that key when known. */
  private map(start: number, indent: number, colon = this.keyEnd(start)): YMap {
    const { text } = this;
    const pairs: YPair[] = [];
    const keys = new KeyIndex();
    let i = start;
    for (;;) {
      if (colon < 0 || colon === i || colon - i > 1000) decline();
      if (text.charCodeAt(colon - 1) === SPACE) decline();
      const key = plainScalar(this.text, i, colon);
      if (keys.has(pairs, key.value)) decline();
      keys.added(key.value);
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
      colon = this.keyEnd(i);
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
      const colon = j < text.length && c !== NL && c !== HASH ? this.keyEnd(j) : -1;
      if (colon >= 0) {
        // `- key: value` — a map on the item's column (the `-` is on the list's column).
        if (++this.depth > MAX_NESTING) decline();
        item = this.map(j, indent + (j - i), colon);
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
      this.nextContent(lineAfter(this.text, j));
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
      const scalar = blockScalar(this.text, j, indent);
      this.after = scalar.end;
      this.nextContent(scalar.end);
      return scalar;
    }
    let node: YNode;
    let end: number;
    if (c === LBRACKET || c === LBRACE) {
      node = flowCollection(this.text, j, true);
      end = node.end;
    } else if (c === DQUOTE || c === SQUOTE) {
      node = quotedScalar(this.text, j);
      end = node.end;
    } else {
      if (c === DASH && this.isItem(j)) decline();
      const stop = this.plainEnd(j);
      node = plainScalar(this.text, j, stop);
      end = stop;
    }
    // Only spaces and a comment may follow on the line.
    let k = end;
    while (text.charCodeAt(k) === SPACE) k++;
    const rest = text.charCodeAt(k);
    if (k < text.length && rest !== NL && (rest !== HASH || k === end)) decline();
    this.after = lineAfter(this.text, end);
    this.nextContent(this.after);
    return node;
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
