// Shared by every command that reads a project: options, compiling, and printing
// diagnostics (text with code frames on stderr, or JSON on stdout).
import { compile, hasErrors, type CompileOptions, type CompileResult } from '../compile/compile.js';
import { ProjectNotFoundError } from '../compile/load-project.js';
import {
  diagnosticsJsonChunks,
  formatDiagnosticChunks,
  summarize,
} from '../language/format-diagnostic.js';
import { isLayoutMode } from '../compile/layout.js';
import type { Diagnostic } from '../language/diagnostic.js';
import type { SourceFile } from '../language/source-file.js';
import { progressLine } from './progress.js';
import { EXIT, UsageError, type CommandIO, type ParsedArgs } from './command.js';
export { UsageError };

export { LAYOUT_OPTIONS, LAYOUT_USAGE, PROJECT_OPTIONS, PROJECT_USAGE } from './project-options.js';

function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?)?$/i.exec(text.trim());
  if (!m) {
    throw new UsageError(
      `--max-file-size must be a positive size such as 50MB, 512kb or 1048576 (got '${text}')`,
    );
  }
  const unit = (m[2] ?? '').toLowerCase()[0];
  const factor = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Math.round(Number(m[1]) * factor);
}

export function compileOptionsFrom(values: ParsedArgs['values']): Partial<CompileOptions> {
  const opts: Partial<CompileOptions> = {};
  const size = values['max-file-size'];
  if (typeof size === 'string') opts.maxFileSize = parseSize(size);
  const threads = values.threads;
  if (typeof threads === 'string' && threads !== 'auto') {
    if (!/^[1-9]\d*$/.test(threads)) throw new UsageError(`--threads must be auto or a number`);
    opts.threads = Number(threads);
  }
  const layout = values.layout;
  if (typeof layout === 'string') {
    if (!isLayoutMode(layout)) {
      throw new UsageError(`--layout must be none, fast or full (got '${layout}')`);
    }
    opts.layout = layout;
  }
  const seed = values.seed;
  if (typeof seed === 'string') {
    if (!/^\d+$/.test(seed)) throw new UsageError(`--seed must be a whole number (got '${seed}')`);
    opts.seed = Number(seed);
  }
  return opts;
}

export function useColor(io: CommandIO, stream: CommandIO['stderr']): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}

export interface RunCompileResult {
  result?: CompileResult;
  /** Set when the command should stop with this exit code. */
  exit?: number;
}

/**
 * Compiles `dir` and reports diagnostics. JSON goes to stdout (`--format json`);
 * human output goes to stderr so stdout stays clean for exported data.
 */
export async function runCompile(
  dir: string,
  args: ParsedArgs,
  io: CommandIO,
  extra: Partial<CompileOptions> = {},
  json = false,
): Promise<RunCompileResult> {
  let result: CompileResult;
  const progress = progressLine(io, args.values.quiet === true || json);
  try {
    result = await compile(dir, {
      ...compileOptionsFrom(args.values),
      ...extra,
      onProgress: (p) => progress.update(p),
    });
  } catch (error) {
    if (error instanceof ProjectNotFoundError || error instanceof UsageError) {
      io.stderr.write(`kg: ${error.message}\n`);
      return { exit: EXIT.usage };
    }
    throw error;
  } finally {
    progress.done();
  }
  if (result.layout.skipped && args.values.quiet !== true && !json) {
    io.stderr.write(`kg: ${result.layout.skipped}\n`);
  }
  const exit = reportDiagnostics(result.diagnostics, result.files, dir, args, io, json);
  return exit === undefined ? { result } : { result, exit };
}

/**
 * Prints diagnostics (JSON on stdout, or code frames on stderr; errors only with --quiet) and
 * returns EXIT.errors when there are errors.
 */
export function reportDiagnostics(
  diagnostics: Diagnostic[],
  files: SourceFile[],
  dir: string,
  args: ParsedArgs,
  io: CommandIO,
  json = false,
): number | undefined {
  const quiet = args.values.quiet === true;
  const shown = quiet ? diagnostics.filter((d) => d.severity === 'error') : diagnostics;
  // Written piece by piece: a large project's warnings would otherwise be one huge string.
  if (json) for (const chunk of diagnosticsJsonChunks(diagnostics)) io.stdout.write(chunk);
  else if (shown.length) {
    const color = useColor(io, io.stderr);
    for (const chunk of formatDiagnosticChunks(shown, files, { color })) io.stderr.write(chunk);
    io.stderr.write('\n\n');
  }
  if (hasErrors(diagnostics)) {
    if (!json) io.stderr.write(`kg: ${summarize(diagnostics)} in ${dir}\n`);
    return EXIT.errors;
  }
  return undefined;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
