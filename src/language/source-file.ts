// A loaded YAML file and offset → line/column conversion, computed lazily because
// most files never produce a diagnostic.

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

const lineStartsCache = new WeakMap<SourceFile, number[]>();

/** Offsets where each line starts (computed once per file). */
export function lineStarts(file: SourceFile): number[] {
  let starts = lineStartsCache.get(file);
  if (!starts) {
    starts = [0];
    const { text } = file;
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStartsCache.set(file, starts);
  }
  return starts;
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
 * YAML in memory again.
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
        text = read();
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

/** A file whose text is read from disk on first use (code frames of rare diagnostics). */
export function lazySourceFile(path: string, read: () => string): SourceFile {
  return reloadableText({ path }, read);
}
