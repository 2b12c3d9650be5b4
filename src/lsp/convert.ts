// Between kg's positions (offsets into a file's text; 1-based line/column in diagnostics) and
// the protocol's (0-based line and UTF-16 character, file URIs). JavaScript string offsets are
// UTF-16 code units, the protocol's default encoding, so columns carry over unchanged.
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type Location,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { Diagnostic } from '../language/diagnostic.js';
import { lineStarts, positionAt, type SourceFile, type Span } from '../language/source-file.js';

export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

export function positionOf(file: SourceFile, offset: number): Position {
  const { line, column } = positionAt(file, offset);
  return { line: line - 1, character: column - 1 };
}

export function offsetOf(file: SourceFile, position: Position): number {
  const starts = lineStarts(file);
  const start = starts[Math.min(position.line, starts.length - 1)] ?? 0;
  if (position.line >= starts.length) return file.text.length;
  return Math.min(start + position.character, file.text.length);
}

export function rangeOf(span: Span): Range {
  return { start: positionOf(span.file, span.start), end: positionOf(span.file, span.end) };
}

export function locationOf(span: Span): Location {
  return { uri: pathToUri(span.file.path), range: rangeOf(span) };
}

function diagnosticRange(d: {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}): Range {
  const start = { line: Math.max(0, d.line - 1), character: Math.max(0, d.column - 1) };
  const end =
    d.endLine !== undefined && d.endColumn !== undefined
      ? { line: Math.max(0, d.endLine - 1), character: Math.max(0, d.endColumn - 1) }
      : start;
  return { start, end };
}

/** What a kg diagnostic carries besides message and range, for code actions. */
export interface DiagnosticData {
  value?: string;
  hint?: string;
}

/** A kg diagnostic as the protocol has it: code, range, hint, and the other places. */
export function toLspDiagnostic(d: Diagnostic): LspDiagnostic {
  const out: LspDiagnostic = {
    range: diagnosticRange(d),
    severity: d.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: d.code,
    source: 'kg',
    message: d.hint ? `${d.message}\n${d.hint}` : d.message,
  };
  // "Entity without relations": editors grey such code out.
  if (d.code === 'KG201') out.tags = [DiagnosticTag.Unnecessary];
  if (d.related?.length) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri: pathToUri(r.file), range: diagnosticRange(r) },
      message: r.message,
    }));
  }
  const data: DiagnosticData = {};
  if (d.value !== undefined) data.value = d.value;
  if (d.hint !== undefined) data.hint = d.hint;
  if (d.value !== undefined || d.hint !== undefined) out.data = data;
  return out;
}
