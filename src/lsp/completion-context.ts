// Where the cursor is in a kg file, read from the text around it by indentation — the text
// being typed is usually not valid YAML yet, and a large file takes too long to parse on
// every keystroke. Finds the chain of keys above the cursor (e.g. relations › - › source),
// whether a key or a value is being typed, and the word being typed.

export interface LineShape {
  /** Columns of the `- ` list markers on the line, left to right. */
  dashes: number[];
  /** Column where the content after the markers starts. */
  column: number;
  /** The key, when the content is `key:` (followed by a space, or the line end). */
  key?: string;
  /** Text after `key:` (or the whole content without a key). */
  rest: string;
  /** Column where `rest` starts. */
  restColumn: number;
}

const KEY = /^((?:"[^"]*"|'[^']*'|[^\s#'"][^:#]*?))\s*:(?=\s|$)/;

export function lineShape(line: string): LineShape | undefined {
  let i = 0;
  const dashes: number[] = [];
  for (;;) {
    while (line[i] === ' ') i++;
    if (line[i] === '-' && (line[i + 1] === ' ' || i + 1 === line.length)) {
      dashes.push(i);
      i++;
      continue;
    }
    break;
  }
  if (i >= line.length && !dashes.length) return undefined;
  if (line[i] === '#')
    return dashes.length ? { dashes, column: i, rest: '', restColumn: i } : undefined;
  const content = line.slice(i);
  const m = KEY.exec(content);
  if (m) {
    const key = m[1]!.replace(/^(["'])(.*)\1$/, '$2').trim();
    let restColumn = i + m[0].length;
    while (line[restColumn] === ' ') restColumn++;
    return { dashes, column: i, key, rest: line.slice(restColumn), restColumn };
  }
  return { dashes, column: i, rest: content, restColumn: i };
}

export interface CursorContext {
  /** Keys from the top of the document down to the cursor's mapping; `-` for a list item. */
  path: string[];
  /** Typing a key (`key` position), a value after `key:`, or a list item's scalar. */
  position: 'key' | 'value' | 'item';
  /** The key whose value is being typed (position `value`). */
  key?: string;
  /** The text of the value or item typed so far on this line (before the cursor). */
  typed: string;
  /** The word under the cursor: what a completion replaces. */
  word: { start: number; end: number; text: string };
  /** Keys and plain values of the enclosing list item's top mapping (e.g. type, from). */
  siblings: Map<string, string>;
  /** In a flow list `[a, b]`: the items before the cursor's. */
  inFlowList: boolean;
}

const WORD_CHAR = /[^\s,[\]{}:"']/;

function lineAt(text: string, offset: number): { start: number; end: number } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const nl = text.indexOf('\n', offset);
  return { start, end: nl === -1 ? text.length : nl };
}

/** Walks up from the line before `lineStart` while lines are more indented than `column`. */
function parents(text: string, lineStart: number, column: number, path: string[]): void {
  let col = column;
  let end = lineStart - 1;
  while (end > 0 && col > 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const shape = lineShape(text.slice(start, end).replace(/\r$/, ''));
    end = start - 1;
    if (!shape) continue;
    if (shape.key !== undefined && shape.column < col) {
      path.unshift(shape.key);
      col = shape.column;
    }
    for (let d = shape.dashes.length - 1; d >= 0; d--) {
      const dash = shape.dashes[d]!;
      if (dash < col) {
        path.unshift('-');
        col = dash;
      }
    }
  }
  if (col > 0) return;
  // Column 0 reached: a top-level key (or an unindented list under one) may be further up.
  if (path[0] === '-' || path.length === 0) {
    while (end > 0) {
      const start = text.lastIndexOf('\n', end - 1) + 1;
      const shape = lineShape(text.slice(start, end).replace(/\r$/, ''));
      end = start - 1;
      if (shape?.key !== undefined && shape.column === 0 && !shape.dashes.length) {
        path.unshift(shape.key);
        return;
      }
    }
  }
}

/** Keys with plain values at the top level of the list item that holds the cursor. */
function itemSiblings(text: string, lineStart: number, itemColumn: number): Map<string, string> {
  const out = new Map<string, string>();
  const keyColumn = (shape: LineShape) => shape.column;
  // Up to the item's `-`, then down to the item's end.
  let itemStart = -1;
  let keyCol = -1;
  for (let end = lineStart - 1, guard = 0; end > 0 && guard < 200; guard++) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    const shape = lineShape(text.slice(s, end).replace(/\r$/, ''));
    end = s - 1;
    if (!shape) continue;
    if (shape.dashes.includes(itemColumn)) {
      itemStart = s;
      keyCol = shape.column;
      break;
    }
    if (shape.column <= itemColumn) break;
  }
  const here = lineShape(text.slice(lineStart, lineAt(text, lineStart).end));
  if (itemStart < 0 && here?.dashes.includes(itemColumn)) {
    itemStart = lineStart;
    keyCol = here.column;
  }
  if (itemStart < 0) return out;
  let start = itemStart;
  for (let guard = 0; start < text.length && guard < 200; guard++) {
    const { end } = lineAt(text, start);
    const shape = lineShape(text.slice(start, end).replace(/\r$/, ''));
    if (shape && start !== itemStart && shape.column <= itemColumn) break;
    if (shape?.key !== undefined && keyColumn(shape) === keyCol) {
      out.set(shape.key, shape.rest.replace(/\s+#.*$/, '').trim());
    }
    start = end + 1;
  }
  return out;
}

export function cursorContext(text: string, offset: number): CursorContext {
  const line = lineAt(text, offset);
  const before = text.slice(line.start, offset);
  let ws = offset;
  while (ws > line.start && WORD_CHAR.test(text[ws - 1]!)) ws--;
  let we = offset;
  while (we < line.end && WORD_CHAR.test(text[we]!)) we++;
  const word = { start: ws, end: we, text: text.slice(ws, offset) };
  const shape = lineShape(before) ?? {
    dashes: [],
    column: before.length,
    rest: '',
    restColumn: before.length,
  };
  const path: string[] = [];
  let position: CursorContext['position'];
  let key: string | undefined;
  let typed: string;
  if (shape.key !== undefined) {
    position = 'value';
    key = shape.key;
    typed = shape.rest;
  } else if (shape.dashes.length) {
    position = 'item';
    typed = shape.rest;
  } else {
    position = 'key';
    typed = shape.rest;
  }
  // The cursor's own line: its list markers are levels too.
  for (let d = 0; d < shape.dashes.length; d++) path.push('-');
  const column = shape.dashes[0] ?? shape.column;
  // A key at column 0 is a top-level key: nothing is above it.
  if (column > 0 || shape.dashes.length) parents(text, line.start, column, path);
  const itemDash = findItemColumn(text, line.start, shape);
  const siblings = itemDash === undefined ? new Map() : itemSiblings(text, line.start, itemDash);
  const flowOpen = typed.lastIndexOf('[');
  const inFlowList = flowOpen !== -1 && typed.indexOf(']', flowOpen) === -1;
  return {
    path,
    position,
    ...(key !== undefined ? { key } : {}),
    typed,
    word,
    siblings,
    inFlowList,
  };
}

/** The column of the `-` of the list item around the cursor's line. */
function findItemColumn(text: string, lineStart: number, shape: LineShape): number | undefined {
  if (shape.dashes.length) return shape.dashes[shape.dashes.length - 1];
  let end = lineStart - 1;
  for (let guard = 0; end > 0 && guard < 200; guard++) {
    const s = text.lastIndexOf('\n', end - 1) + 1;
    const up = lineShape(text.slice(s, end).replace(/\r$/, ''));
    end = s - 1;
    if (!up) continue;
    if (up.dashes.length && up.column <= shape.column) return up.dashes[up.dashes.length - 1];
    if (up.column < shape.column) return undefined;
  }
  return undefined;
}
