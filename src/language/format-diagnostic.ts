// Renders diagnostics for people (rustc-style code frames) and for tools (JSON).
import type { Diagnostic } from './diagnostic.js';
import { CODES } from './codes.js';
import { lineText, type SourceFile } from './source-file.js';

export interface FormatOptions {
  /** ANSI colours (on a TTY, unless NO_COLOR). */
  color: boolean;
}

export const DEFAULT_FORMAT_OPTIONS: FormatOptions = { color: false };

const ANSI = { red: 31, yellow: 33, blue: 34, cyan: 36, bold: 1, dim: 2 } as const;

const CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\0-\x1F\x7F-\x9F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text from the data, made safe and visible for a terminal: a control character (an ESC could
 * rewrite the screen) becomes its Unicode control picture (␀, ␛…), one column wide like the
 * character it stands for, so carets stay aligned; C1 controls and lone surrogates become �.
 */
export function visible(text: string): string {
  return text.replace(CONTROL, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? '\u2421' : '\uFFFD';
  });
}

function painter(enabled: boolean) {
  return (style: keyof typeof ANSI, text: string) =>
    enabled ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

/** A code frame shows at most this many characters of a line, around the caret. */
export const FRAME_WIDTH = 160;
/** Characters shown before the caret when a long line is cut. */
const FRAME_LEAD = 40;

/**
 * The part of a long line around `column` (1-based), with `…` where it is cut, and the column
 * of the caret in that part: one diagnostic on a 1 MB line prints a line, not a megabyte.
 */
function window(text: string, column: number): { shown: string; column: number } {
  if (text.length <= FRAME_WIDTH) return { shown: text, column };
  const from = Math.max(0, Math.min(column - 1 - FRAME_LEAD, text.length - FRAME_WIDTH));
  const to = Math.min(text.length, from + FRAME_WIDTH);
  const head = from > 0 ? '…' : '';
  const tail = to < text.length ? '…' : '';
  return { shown: head + text.slice(from, to) + tail, column: column - from + head.length };
}

/** Code frame: the offending line with a caret under the span. */
function frame(
  d: Diagnostic,
  file: SourceFile | undefined,
  paint: ReturnType<typeof painter>,
): string[] {
  if (!file || file.text === '') return [];
  const full = visible(lineText(file, d.line).replace(/\t/g, ' '));
  const { shown: text, column } = window(full, d.column);
  const gutter = String(d.line).length;
  const pad = ' '.repeat(gutter);
  const sameLine = d.endLine === d.line && d.endColumn !== undefined;
  const width = sameLine
    ? Math.max(1, (d.endColumn ?? d.column) - d.column)
    : Math.max(1, full.length - d.column + 1);
  const room = Math.max(1, text.length - column + 1);
  const caret = ' '.repeat(Math.max(0, column - 1)) + '^'.repeat(Math.min(width, room));
  const colour = d.severity === 'error' ? 'red' : 'yellow';
  return [
    `${pad} ${paint('blue', '|')}`,
    `${paint('blue', String(d.line))} ${paint('blue', '|')} ${text}`,
    `${pad} ${paint('blue', '|')} ${paint(colour, caret)}${d.hint ? ' ' + paint(colour, visible(d.hint)) : ''}`,
  ];
}

export function formatDiagnostic(
  d: Diagnostic,
  files: Map<string, SourceFile>,
  options: FormatOptions = DEFAULT_FORMAT_OPTIONS,
): string {
  const paint = painter(options.color);
  const head =
    d.severity === 'error'
      ? paint('red', `error[${d.code}]`)
      : paint('yellow', `warning[${d.code}]`);
  const message = visible(d.message);
  const lines = [`${head} ${paint('bold', message)} ${paint('dim', `(${CODES[d.code].name})`)}`];
  lines.push(`  ${paint('blue', '-->')} ${visible(d.file)}:${d.line}:${d.column}`);
  const framed = frame(d, files.get(d.file), paint);
  lines.push(...framed.map((l) => `  ${l}`));
  if (framed.length === 0 && d.hint) {
    lines.push(`  ${paint('blue', '=')} hint: ${visible(d.hint)}`);
  }
  for (const r of d.related ?? []) {
    const at = `${visible(r.file)}:${r.line}:${r.column}`;
    lines.push(`  ${paint('blue', '=')} note: ${visible(r.message)}: ${at}`);
  }
  return lines.join('\n');
}

export function summarize(diagnostics: Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

export function formatDiagnostics(
  diagnostics: Diagnostic[],
  files: SourceFile[],
  options: FormatOptions = DEFAULT_FORMAT_OPTIONS,
): string {
  return [...formatDiagnosticChunks(diagnostics, files, options)].join('');
}

/** Diagnostics in a project's file order can be many: output goes out this many at a time. */
const CHUNK = 500;

/**
 * formatDiagnostics' text in pieces (their concatenation is the same string), so a run with a
 * hundred thousand warnings writes them as it formats them instead of building one string.
 */
export function* formatDiagnosticChunks(
  diagnostics: Diagnostic[],
  files: SourceFile[],
  options: FormatOptions = DEFAULT_FORMAT_OPTIONS,
): Generator<string> {
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (let i = 0; i < diagnostics.length; i += CHUNK) {
    const part = diagnostics.slice(i, i + CHUNK).map((d) => formatDiagnostic(d, byPath, options));
    yield (i === 0 ? '' : '\n\n') + part.join('\n\n');
  }
}

/** Stable JSON for editors and scripts: one object, diagnostics in position order. */
export function diagnosticsToJson(diagnostics: Diagnostic[]): string {
  return [...diagnosticsJsonChunks(diagnostics)].join('');
}

/**
 * diagnosticsToJson's text in pieces: exactly `JSON.stringify(report, null, 2)` plus a newline,
 * with each diagnostic printed on its own (tested against the one-string form).
 */
export function* diagnosticsJsonChunks(diagnostics: Diagnostic[]): Generator<string> {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const head = { errors, warnings: diagnostics.length - errors };
  const opening = JSON.stringify(head, null, 2).slice(0, -2);
  if (diagnostics.length === 0) {
    yield `${opening},\n  "diagnostics": []\n}\n`;
    return;
  }
  yield `${opening},\n  "diagnostics": [\n`;
  for (let i = 0; i < diagnostics.length; i += CHUNK) {
    const part = diagnostics.slice(i, i + CHUNK).map((d) => {
      const item = JSON.stringify({ ...d, name: CODES[d.code].name }, null, 2);
      return `    ${item.replace(/\n/g, '\n    ')}`;
    });
    yield (i === 0 ? '' : ',\n') + part.join(',\n');
  }
  yield '\n  ]\n}\n';
}
