// What the mistake finders share: the located YAML error, the edit and mistake they produce,
// and the lines of the text being repaired, each read the way a person reads it (yaml-lines.ts).
import { bare, isBlank, lineParts, type LineParts } from './yaml-lines.js';

/** A YAML error at a 0-based line and column of the text being repaired. */
export interface LocatedError {
  code: string;
  message: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** Replace columns [start, end) of a line with text. */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface Mistake {
  line: number;
  start: number;
  end: number;
  message: string;
  hint: string;
  edits: LineEdit[];
  /** Lines whose other errors this mistake explains. */
  lines: number[];
  /** Lines its edits change without explaining their errors (no other fix there this round). */
  touches?: number[];
  /** The parser's errors after this one are not to be trusted until it is fixed. */
  final?: boolean;
}

/** The text being repaired, and which of its lines are block scalar content (`|`, `>`). */
export interface Lines {
  lines: string[];
  scalar: boolean[];
  /** lineParts of each line, read once (a file may have thousands of mistakes). */
  parts: (LineParts | undefined)[];
}

export function partsOf(ctx: Lines, i: number): LineParts {
  let parts = ctx.parts[i];
  if (!parts) {
    parts = lineParts(ctx.lines[i] ?? '');
    ctx.parts[i] = parts;
  }
  return parts;
}

/** Replaces line `i` (the tab fixes place later lines under earlier fixed ones). */
export function setLine(ctx: Lines, i: number, text: string): void {
  ctx.lines[i] = text;
  ctx.parts[i] = undefined;
}

export function blockScalarLines(lines: readonly string[]): boolean[] {
  let block = -1;
  return lines.map((l) => {
    const parts = lineParts(l);
    if (block >= 0 && (l.trim() === '' || parts.indent > block)) return true;
    block = parts.value && /^[|>]/.test(parts.value.text) ? parts.indent : -1;
    return false;
  });
}

/** Blank lines, comments and block scalar content carry no structure. */
export function skipped(ctx: Lines, i: number): boolean {
  return ctx.scalar[i] === true || isBlank(ctx.lines[i] ?? '');
}

export function applied(line: string, edit: LineEdit): string {
  return line.slice(0, edit.start) + edit.text + line.slice(edit.end);
}

/** The fixed line as shown in a hint: without its indentation. */
export function shown(line: string, edit: LineEdit): string {
  return `\`${bare(applied(line, edit)).trim()}\``;
}

export function nextContentLine(ctx: Lines, i: number): number {
  let j = i + 1;
  while (j < ctx.lines.length && skipped(ctx, j)) j++;
  return j < ctx.lines.length ? j : -1;
}

export function prevContentLine(ctx: Lines, i: number): number {
  let j = i - 1;
  while (j >= 0 && skipped(ctx, j)) j--;
  return j;
}

export const OPEN_LINES_REACH = 400;

/**
 * The lines above `i` that are still open at its position: each one less indented than all
 * lines between it and `i` (its parent, its parent's parent…, and the sibling just above),
 * down to the first at or under `floor` columns.
 */
export function openLines(ctx: Lines, i: number, floor = 0): { line: number; parts: LineParts }[] {
  const out: { line: number; parts: LineParts }[] = [];
  let min = Infinity;
  // A mistake's context is near it: the walk is bounded, so many errors stay linear.
  for (let j = i - 1; j >= 0 && j >= i - OPEN_LINES_REACH && min > floor; j--) {
    if (skipped(ctx, j)) continue;
    const parts = partsOf(ctx, j);
    if (parts.indent < min) {
      out.push({ line: j, parts });
      min = parts.indent;
    }
  }
  return out;
}
