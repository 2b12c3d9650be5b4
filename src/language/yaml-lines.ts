// A line of YAML read the way a person reads it (indentation, list dashes, `key: value`), for
// explaining syntax errors: the `yaml` package knows what went wrong, this knows what was meant.

/** A column range within one line (0-based, end exclusive). */
export interface ColumnRange {
  start: number;
  end: number;
  text: string;
}

export interface LineParts {
  /** Leading whitespace (spaces and tabs) length. */
  indent: number;
  /** Where the content starts after the indentation and any `- ` list dashes. */
  keyCol: number;
  /** True when the line starts a list item (`- …` or `-` alone). */
  dash: boolean;
  /** The text from keyCol to the end (no comment, no trailing space). */
  content: ColumnRange;
  /** `key:` — when the line is a mapping entry. */
  key?: ColumnRange;
  /** The value after `key: ` (up to a comment), when there is one. */
  value?: ColumnRange;
  /** `key:` or `-` with nothing after it: the indented lines below are its value. */
  opens: boolean;
}

/** A line without its trailing `\r`. */
export function bare(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/** Where a plain scalar starting at `from` ends: before ` #` or at the end, trailing space trimmed. */
function plainEnd(line: string, from: number): number {
  const hash = line.indexOf(' #', from);
  let end = hash === -1 ? line.length : hash;
  while (end > from && (line[end - 1] === ' ' || line[end - 1] === '\t')) end--;
  return end;
}

/** The end of a quoted key starting at `at`, after its closing quote, or -1. */
function quotedKeyEnd(line: string, at: number): number {
  const q = line[at];
  for (let i = at + 1; i < line.length; i++) {
    if (q === '"' && line[i] === '\\') i++;
    else if (line[i] === q) {
      if (q === "'" && line[i + 1] === "'") i++;
      else return i + 1;
    }
  }
  return -1;
}

/** Finds `key:` (followed by a space or the end) at `at`; returns the colon's index or -1. */
function keyColon(line: string, at: number): number {
  const first = line[at];
  if (first === '"' || first === "'") {
    const end = quotedKeyEnd(line, at);
    return end !== -1 && line[end] === ':' && (end + 1 === line.length || line[end + 1] === ' ')
      ? end
      : -1;
  }
  if (first === undefined || '[{#&*!|>%@`'.includes(first)) return -1;
  for (let i = at; i < line.length; i++) {
    if (line[i] === ' ' && line[i + 1] === '#') return -1;
    if (line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ')) return i;
  }
  return -1;
}

function range(line: string, start: number, end: number): ColumnRange {
  return { start, end, text: line.slice(start, end) };
}

export function lineParts(raw: string): LineParts {
  const line = bare(raw);
  let indent = 0;
  while (line[indent] === ' ' || line[indent] === '\t') indent++;
  let keyCol = indent;
  let dash = false;
  while (line[keyCol] === '-' && (keyCol + 1 === line.length || line[keyCol + 1] === ' ')) {
    dash = true;
    keyCol++;
    while (line[keyCol] === ' ') keyCol++;
  }
  const content = range(line, keyCol, line[keyCol] === '#' ? keyCol : plainEnd(line, keyCol));
  const parts: LineParts = { indent, keyCol, dash, content, opens: false };
  const colon = keyColon(line, keyCol);
  if (colon === -1) {
    parts.opens = dash && content.text === '';
    return parts;
  }
  parts.key = range(line, keyCol, colon);
  let v = colon + 1;
  while (line[v] === ' ') v++;
  const end = line[v] === '#' ? v : plainEnd(line, v);
  if (end > v) parts.value = range(line, v, end);
  parts.opens = !parts.value;
  return parts;
}

/** Blank and comment-only lines carry no structure. */
export function isBlank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/** A value as a single-quoted YAML scalar: the one quoting that needs no escapes but ''. */
export function singleQuoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** "1 space" / "6 spaces". */
export function spaces(n: number): string {
  return `${n} space${n === 1 ? '' : 's'}`;
}
