// The readable text of an HTML page, as a browser would lay it out in plain text: parsed by
// parse5 (the WHATWG algorithm, so broken markup is read as browsers read it), scripts,
// styles and other non-text elements dropped, whitespace collapsed, each block (paragraph,
// heading, list item, table row…) a paragraph of its own separated by a blank line, `<br>`
// a line break, `<pre>` kept as written. Quotes are checked against, and anchored in, this text.
import { createRequire } from 'node:module';
import type * as Parse5Module from 'parse5';
import type { DefaultTreeAdapterTypes as T } from 'parse5';

type Parse5 = typeof Parse5Module;
let parse5: Parse5 | undefined;
/** Loaded on first use (require of an ES module, Node ≥ 20.19): every command paid for it. */
function parser(): Parse5 {
  parse5 ??= createRequire(import.meta.url)('parse5') as Parse5;
  return parse5;
}

const DROPPED = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'canvas',
  'svg',
  'math',
  'select',
  'button',
  'textarea',
  'input',
]);

const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Cells of one row stay on one line. */
const INLINE_CELLS = new Set(['td', 'th']);

class TextBuilder {
  private out = '';
  /** 0: none, 1: a line break, 2: a paragraph break before the next text. */
  private pending = 0;
  private space = false;

  text(value: string, pre: boolean): void {
    if (pre) {
      this.flush();
      this.out += value;
      return;
    }
    const collapsed = value.replace(/[ \t\n\f\r]+/g, ' ');
    if (collapsed === ' ') {
      if (this.out && !this.pending) this.space = true;
      return;
    }
    const lead = collapsed.startsWith(' ');
    const trail = collapsed.endsWith(' ');
    const body = collapsed.trim();
    if (!body) return;
    if ((lead || this.space) && this.out && !this.pending) this.out += ' ';
    this.flush();
    this.out += body;
    this.space = trail;
  }

  /** A break of at least `level` before the next text. */
  brk(level: 1 | 2): void {
    this.space = false;
    if (this.out) this.pending = Math.max(this.pending, level);
  }

  cell(): void {
    if (this.out && !this.pending) this.space = true;
  }

  private flush(): void {
    if (this.pending) this.out += this.pending === 2 ? '\n\n' : '\n';
    this.pending = 0;
    this.space = false;
  }

  result(): string {
    return this.out;
  }
}

type Node = T.ChildNode | T.Document;

/** The text of an HTML document (see the module comment). */
export function htmlToText(html: string): string {
  const doc = parser().parse(html);
  const b = new TextBuilder();
  // An explicit stack: hostile pages nest deeper than the call stack goes.
  const stack: { node: Node; exit?: boolean; pre: boolean }[] = [{ node: doc, pre: false }];
  while (stack.length) {
    const item = stack.pop();
    if (!item) break;
    const { node, pre } = item;
    const name = node.nodeName;
    if (item.exit) {
      if (INLINE_CELLS.has(name)) b.cell();
      else if (BLOCKS.has(name)) b.brk(2);
      continue;
    }
    if (name === '#text') {
      b.text((node as T.TextNode).value, pre);
      continue;
    }
    if (name === 'br') {
      b.brk(1);
      continue;
    }
    if (DROPPED.has(name) || !('childNodes' in node)) continue;
    if (INLINE_CELLS.has(name)) b.cell();
    else if (BLOCKS.has(name)) b.brk(2);
    stack.push({ node, exit: true, pre });
    const inPre = pre || name === 'pre';
    const children = node.childNodes;
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ node: child, pre: inPre });
    }
  }
  return b.result();
}
