// Diagnostics: every problem found in a project, with a stable code and a position.
import type { DiagnosticCode } from './codes.js';

export type Severity = 'error' | 'warning';

/** A 1-based position in a file. */
export interface Position {
  line: number;
  column: number;
}

export interface Location {
  /** The file's path: the project directory as given, joined with the file's relative path. */
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A secondary place relevant to a diagnostic (e.g. the first declaration). */
export interface RelatedLocation extends Location {
  message: string;
}

export interface Diagnostic extends Location {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** The offending value, as written (when there is one). */
  value?: string;
  /** A short suggestion: "did you mean 'Person'?" */
  hint?: string;
  related?: RelatedLocation[];
}
