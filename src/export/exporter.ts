// The exporter contract. Exporters produce text lazily, chunk by chunk, so large
// graphs stream to disk without ever building one giant string.
import type { KgGraph } from '../types.js';

/** One output file: a name and a factory of its text chunks (called once per write). */
export interface ExportFile {
  /** File name relative to the output directory (e.g. `graph.gexf`, `nodes.csv`). */
  name: string;
  chunks: () => Iterable<string>;
}

/** Options of the file formats; an exporter lists the ones it reads in `Exporter.options`. */
export interface ExportOptions {
  /**
   * The mixed form, for Gephi only: symmetric relations as undirected edges beside directed
   * ones (and, in GEXF, typed numeric lists and a date-time timeline). Default (false): the
   * portable form that networkx and igraph read too: every edge directed, symmetric relations
   * flagged `symmetric=true` (docs/exports.md).
   */
  mixed: boolean;
}

export const DEFAULT_EXPORT_OPTIONS: ExportOptions = { mixed: false };

export interface Exporter {
  /** One line for `kg export --help`. */
  description: string;
  /**
   * `file`: a single file (written to `-o file` or stdout).
   * `directory`: several files written into `-o dir`.
   */
  output: 'file' | 'directory';
  /** Default file (or directory) name used by `kg build` and `kg export` without `-o`. */
  defaultName: string;
  /** The `ExportOptions` this format reads (the CLI refuses the others for it). */
  options?: readonly (keyof ExportOptions)[];
  files(graph: KgGraph, options?: Partial<ExportOptions>): ExportFile[];
}

/** Concatenates an export file's chunks (tests, small graphs). */
export function fileText(file: ExportFile): string {
  let text = '';
  for (const chunk of file.chunks()) text += chunk;
  return text;
}
