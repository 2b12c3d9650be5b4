// Reading a YAML file that has syntax errors: the newcomer's mistakes (yaml-mistakes.ts) are
// fixed line by line and the text read again, a few rounds at most, so the file's data is read
// as the user meant it and each mistake is reported once, in plain words, with no follow-on
// errors. Edits never add or remove lines, so positions map back column by column.
import type { Document } from 'yaml';
import { composeDocument } from './duplicate-keys.js';
import { findMistakes, type LineEdit, type LocatedError } from './yaml-mistakes.js';
import { positionAt } from './source-file.js';
import { fromDocument, type YNode } from './yaml-node.js';

/** A range of the original text (character offsets). */
interface Range {
  start: number;
  end: number;
}

export interface RepairedMistake extends Range {
  message: string;
  hint: string;
}

export interface YamlError extends Range {
  code: string;
  message: string;
}

export interface RepairedDocument {
  /** The last document read (the repaired text's, or the original's when nothing was fixed). */
  doc: Document.Parsed;
  /** Its root, positions in the original text. */
  root: YNode | null;
  mistakes: RepairedMistake[];
  /** Errors no mistake explains, positions in the original text. */
  errors: YamlError[];
  /** 1-based lines of the mistakes: shape complaints there only restate them. */
  mistakeLines: Set<number>;
}

const MAX_ROUNDS = 4;

function lineStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const l of lines) {
    starts.push(at);
    at += l.length + 1;
  }
  return starts;
}

/** Maps offsets of the edited text back to the original, through every round's edits. */
class OffsetMap {
  private readonly edits = new Map<number, LineEdit[]>();
  private readonly originalStarts: number[];

  constructor(lines: readonly string[]) {
    this.originalStarts = lineStarts(lines);
  }

  record(edit: LineEdit): void {
    const list = this.edits.get(edit.line);
    if (list) list.push(edit);
    else this.edits.set(edit.line, [edit]);
  }

  /** A column of the edited line, back through its edits, latest first. */
  column(line: number, col: number): number {
    let c = col;
    const list = this.edits.get(line) ?? [];
    for (let k = list.length - 1; k >= 0; k--) {
      const e = list[k] as LineEdit;
      const after = e.start + e.text.length;
      if (c >= after) c = c - after + e.end;
      else if (c > e.start) c = e.start;
    }
    return c;
  }

  offset(line: number, col: number): number {
    return (this.originalStarts[line] ?? 0) + this.column(line, col);
  }
}

/** Offset → 0-based line and column of a text. */
function locator(text: string): (offset: number) => { line: number; col: number } {
  const file = { path: '', text };
  return (offset) => {
    const p = positionAt(file, offset);
    return { line: p.line - 1, col: p.column - 1 };
  };
}

function syntaxErrors(doc: Document.Parsed): number {
  return doc.errors.filter((e) => e.code !== 'DUPLICATE_KEY').length;
}

function parse(text: string): Document.Parsed {
  return composeDocument(text);
}

/** Moves every node's positions from the edited text to the original. */
function remap(root: YNode | null, map: (offset: number) => number): void {
  const seen = new Set<YNode>();
  const visit = (n: YNode | null): void => {
    if (!n || seen.has(n)) return;
    seen.add(n);
    n.start = map(n.start);
    n.end = map(n.end);
    if (n.kind === 'map') {
      for (const p of n.pairs) {
        visit(p.key);
        visit(p.value);
      }
    } else if (n.kind === 'seq') n.items.forEach(visit);
  };
  visit(root);
}

export function readWithRepairs(text: string): RepairedDocument {
  const original = text.split('\n');
  const lines = [...original];
  const offsets = new OffsetMap(original);
  const mistakes: RepairedMistake[] = [];
  const mistakeLines = new Set<number>();
  let current = text;
  let doc = parse(current);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const at = locator(current);
    const located: LocatedError[] = doc.errors
      .filter((e) => e.code !== 'DUPLICATE_KEY')
      .map((e) => {
        const s = at(e.pos[0]);
        const t = at(e.pos[1]);
        return {
          code: e.code,
          message: e.message,
          line: s.line,
          col: s.col,
          endLine: t.line,
          endCol: t.col,
        };
      });
    if (located.length === 0) break;
    const found = findMistakes(lines, located);
    if (found.length === 0) break;
    const next = [...lines];
    const edits = found.flatMap((m) => [...m.edits].sort((a, b) => b.start - a.start));
    for (const edit of edits) {
      const line = next[edit.line] ?? '';
      next[edit.line] = line.slice(0, edit.start) + edit.text + line.slice(edit.end);
    }
    const text = next.join('\n');
    const reread = parse(text);
    // Fixes that leave as many errors as before were guesses gone wrong: keep the last reading.
    if (syntaxErrors(reread) >= located.length) break;
    for (const m of found) {
      mistakes.push({
        start: offsets.offset(m.line, m.start),
        end: offsets.offset(m.line, m.end),
        message: m.message,
        hint: m.hint,
      });
      for (const l of m.lines) mistakeLines.add(l + 1);
    }
    for (const edit of edits) offsets.record(edit);
    lines.splice(0, lines.length, ...next);
    current = text;
    doc = reread;
  }
  const root = fromDocument(doc);
  if (mistakes.length === 0) {
    return { doc, root, mistakes, errors: errorsOf(doc, (o) => o), mistakeLines };
  }
  const at = locator(current);
  const map = (offset: number) => {
    const p = at(offset);
    return offsets.offset(p.line, p.col);
  };
  remap(root, map);
  return { doc, root, mistakes, errors: errorsOf(doc, map), mistakeLines };
}

function errorsOf(doc: Document.Parsed, map: (offset: number) => number): YamlError[] {
  return doc.errors.map((e) => ({
    code: e.code,
    message: e.message,
    start: map(e.pos[0]),
    end: map(e.pos[1]),
  }));
}
