// Reading a project file, the one way every path does it (sequential, parse workers, the
// streaming export, code frames): bytes decoded without silent loss (KG008), a file that
// cannot be read (deleted mid-compile, a broken link, a directory named .yaml) is KG005, never
// an exception.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { decodeSource } from '../language/decode.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { SourceFile } from '../language/source-file.js';

export interface SourceLocation {
  absolute: string;
  /** The path shown in diagnostics. */
  display: string;
}

function reportUnreadable(sink: DiagnosticSink, display: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  sink.reportFile('KG005', { path: display, text: '' }, `cannot read file: ${message}`);
}

function decoded(bytes: Uint8Array, display: string, sink: DiagnosticSink): SourceFile {
  const { text, problem } = decodeSource(bytes);
  const file: SourceFile = { path: display, text };
  if (problem) {
    const { offset, message, value, hint } = problem;
    sink.report('KG008', { file, start: offset, end: offset + 1 }, message, { value, hint });
  }
  return file;
}

/** The file's text, or undefined with KG005 when it cannot be read. */
export async function readSource(
  f: SourceLocation,
  sink: DiagnosticSink,
): Promise<SourceFile | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(f.absolute);
  } catch (error) {
    reportUnreadable(sink, f.display, error);
    return undefined;
  }
  return decoded(bytes, f.display, sink);
}

/** readSource, synchronously (parse workers, re-reads). */
export function readSourceSync(f: SourceLocation, sink: DiagnosticSink): SourceFile | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(f.absolute);
  } catch (error) {
    reportUnreadable(sink, f.display, error);
    return undefined;
  }
  return decoded(bytes, f.display, sink);
}

/**
 * The text as a code frame re-reads it (decoded as it was for parsing); throws when the file
 * cannot be read, which reloadableText turns into "no code frame".
 */
export function rereadText(absolute: string): string {
  return decodeSource(readFileSync(absolute)).text;
}
