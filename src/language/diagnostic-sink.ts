// Collects diagnostics from every phase; positions come from spans so phases never
// deal with line/column arithmetic.
import { CODES, type DiagnosticCode } from './codes.js';
import type { Diagnostic, RelatedLocation } from './diagnostic.js';
import { positionAt, type Span } from './source-file.js';

export interface ReportExtras {
  value?: string;
  hint?: string | undefined;
  related?: { span: Span; message: string }[];
}

export function locationOf(span: Span): Omit<RelatedLocation, 'message'> {
  const start = positionAt(span.file, span.start);
  const end = positionAt(span.file, Math.max(span.start, span.end));
  return {
    file: span.file.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
  };
}

export class DiagnosticSink {
  readonly items: Diagnostic[] = [];

  report(code: DiagnosticCode, span: Span, message: string, extras: ReportExtras = {}): void {
    const diagnostic: Diagnostic = {
      code,
      severity: CODES[code].severity,
      message,
      ...locationOf(span),
    };
    if (extras.value !== undefined) diagnostic.value = extras.value;
    if (extras.hint !== undefined) diagnostic.hint = extras.hint;
    if (extras.related?.length) {
      diagnostic.related = extras.related.map((r) => ({
        ...locationOf(r.span),
        message: r.message,
      }));
    }
    this.items.push(diagnostic);
  }

  /** A diagnostic for a whole file (no useful position). */
  reportFile(code: DiagnosticCode, file: Span['file'], message: string, extras: ReportExtras = {}) {
    this.report(code, { file, start: 0, end: 0 }, message, extras);
  }

  /** Removes the diagnostics from index `from` on that match (cascades of an earlier one). */
  dropWhere(from: number, predicate: (d: Diagnostic) => boolean): void {
    const kept = this.items.slice(from).filter((d) => !predicate(d));
    this.items.splice(from, this.items.length - from, ...kept);
  }

  get errorCount(): number {
    return this.items.filter((d) => d.severity === 'error').length;
  }
}

/** Sorted for output: by file, line, column, then code. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code),
  );
}
