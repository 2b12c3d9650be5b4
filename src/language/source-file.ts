// A loaded YAML file and offset → line/column conversion, computed lazily because
// most files never produce a diagnostic.
import { hash } from 'node:crypto';

export interface SourceFile {
  /** Display path: the project directory as given, joined with the relative path. */
  path: string;
  text: string;
}

/** A half-open character range in one of the project's files. */
export interface Span {
  file: SourceFile;
  start: number;
  end: number;
}

const lineStartsCache = new WeakMap<SourceFile, Uint32Array>();
/** sha1 of the text each remembered file was parsed from (see rememberText). */
const digests = new WeakMap<SourceFile, string>();

/** Offsets where each line of `text` starts. */
export function computeLineStarts(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** Offsets where each line of a file starts (computed once per file). */
export function lineStarts(file: SourceFile): Uint32Array {
  let starts = lineStartsCache.get(file);
  if (!starts) {
    starts = computeLineStarts(file.text);
    lineStartsCache.set(file, starts);
  }
  return starts;
}

export function textDigest(text: string): string {
  return hash('sha1', text);
}

/** What positions and code frames need of a parsed text once the text itself is dropped. */
export interface TextFacts {
  lines: Uint32Array;
  digest: string;
}

/** The facts of a file's current text (computed once, at parse time). */
export function textFacts(file: SourceFile): TextFacts {
  return { lines: lineStarts(file), digest: digests.get(file) ?? textDigest(file.text) };
}

/**
 * Remembers the line starts and digest of the text a file was parsed from (given, when they
 * were computed elsewhere, e.g. in a parse worker): positions of later diagnostics then come
 * from that text, never from the file as it is on disk by then, and a code frame is shown only
 * if the file still holds the same text (see reloadableText). A file edited or deleted during
 * a compile used to give wrong positions or crash.
 */
export function rememberText(file: SourceFile, facts: TextFacts = textFacts(file)): void {
  lineStartsCache.set(file, facts.lines);
  digests.set(file, facts.digest);
}

/** 1-based line and column of a character offset. */
export function positionAt(file: SourceFile, offset: number): { line: number; column: number } {
  const starts = lineStarts(file);
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const starts = lineStarts(file);
  const start = starts[line - 1];
  if (start === undefined) return '';
  const next = starts[line];
  return file.text.slice(start, next === undefined ? undefined : next - 1).replace(/\r$/, '');
}

/** Texts re-read from disk, most recent last: diagnostics come in file order, so a few do. */
const recentTexts = new Map<SourceFile, string>();
const RECENT_TEXTS = 4;

/**
 * Makes `file.text` read from disk when used (code frames and positions of diagnostics) and
 * keeps only the last few texts: a project with warnings in every file does not hold all its
 * YAML in memory again. A file remembered at parse time (rememberText) reads back as '' — no
 * code frame — when it cannot be read any more or no longer holds the text that was parsed.
 */
export function reloadableText<T extends { path: string }>(
  file: T,
  read: () => string,
): T & SourceFile {
  Object.defineProperty(file, 'text', {
    get: () => {
      const f = file as unknown as SourceFile;
      let text = recentTexts.get(f);
      if (text === undefined) {
        text = readSame(f, read);
        if (recentTexts.size >= RECENT_TEXTS) {
          const oldest = recentTexts.keys().next().value;
          if (oldest) recentTexts.delete(oldest);
        }
      } else recentTexts.delete(f);
      recentTexts.set(f, text);
      return text;
    },
    enumerable: true,
    configurable: true,
  });
  return file as T & SourceFile;
}

function readSame(file: SourceFile, read: () => string): string {
  let text: string;
  try {
    text = read();
  } catch {
    return '';
  }
  const digest = digests.get(file);
  return digest === undefined || textDigest(text) === digest ? text : '';
}

/** A file whose text is read from disk on first use (code frames of rare diagnostics). */
export function lazySourceFile(path: string, read: () => string): SourceFile {
  return reloadableText({ path }, read);
}

/**
 * Gives a file a new text in place, for an editor's re-parse of one part of it (see
 * src/compile/reparse.ts): every span of the parts kept points to this object, so their
 * positions follow the new text once their offsets are moved.
 */
export function replaceText(file: SourceFile, text: string): void {
  file.text = text;
  lineStartsCache.delete(file);
  digests.delete(file);
}
