// Where each item of a file's `relations:` list starts, kept so that an editor's change inside
// one item can re-parse that item alone (src/compile/reparse.ts). Recorded only for documents
// the fast reader took (no errors, anchors, aliases or tags) whose list is a block list of
// items each starting with `- ` on its own line.
import type { RelationItems } from './ast.js';
import type { YNode } from './yaml-node.js';

/** Start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/**
 * The items' places, or undefined when one of them is not plainly `- ` at the same indentation
 * (an empty item, a comment between the dash and the item…).
 */
export function relationItems(
  text: string,
  key: number,
  list: YNode,
  first: number[],
  next: number | undefined,
): RelationItems | undefined {
  if (list.kind !== 'seq' || lineStartOf(text, key) !== key) return undefined;
  const dashes: number[] = [];
  let column = -1;
  for (const item of list.items) {
    if (!item) return undefined;
    let i = item.start - 1;
    while (i > key && (text[i] === ' ' || text[i] === '\n')) i--;
    if (text[i] !== '-') return undefined;
    const start = lineStartOf(text, i);
    if (text.slice(start, i).trim() !== '') return undefined;
    if (column >= 0 && i - start !== column) return undefined;
    column = i - start;
    dashes.push(i);
  }
  const end = next === undefined ? undefined : lineStartOf(text, next);
  return { key, dashes, first, end };
}
