// compile(dir) → { graph, diagnostics }: the library entry point behind every command.
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import { rememberText, reloadableText, type SourceFile } from '../language/source-file.js';
import type { KgGraph } from '../types.js';
import { sizeNodes } from './build-graph.js';
import {
  applyLayout,
  DEFAULT_LAYOUT_OPTIONS,
  type LayoutMode,
  type LayoutReport,
} from './layout.js';
import { findProjectFiles, readProjectFile, type ProjectFile } from './load-project.js';
import { parallelParseAvailable, parseInWorkers } from './parse-pool.js';
import { rereadText } from './read-source.js';
import { mayDeclareNodes, Resolution } from './resolution.js';
import type { CheckedSource } from '../sources/check-quotes.js';
import { commonDirectory, ProjectSources } from '../sources/project-sources.js';

export interface CompileOptions {
  /** Files larger than this (bytes) are refused with KG003. */
  maxFileSize: number;
  /** The yaml package's alias expansion limit (KG004 above it). */
  maxAliasCount: number;
  layout: LayoutMode;
  /** Seed of the deterministic layout. */
  seed: number;
  /** Graph name; defaults to the project directory's base name. */
  name?: string;
  /** Parser threads: 'auto' uses every core for projects over `parallelThreshold` bytes. */
  threads: number | 'auto';
  /** Progress of long phases, for a status line on a terminal. */
  onProgress?: (progress: CompileProgress) => void;
  /** Total YAML size (bytes) from which 'auto' parses on several threads. */
  parallelThreshold: number;
  /**
   * Resolve each file's relations as soon as every file that may declare entities is parsed,
   * instead of holding all parsed files (memory). Results are the same either way.
   */
  streaming: boolean;
  /**
   * false: check only (`kg validate`). The graph then has its attributes but no nodes or
   * edges, which saves the time and memory of building it; `counts` still tells the sizes.
   */
  emit: boolean;
  /**
   * The project directory, which sources' `file:` paths are relative to. compile() uses its
   * `dir`; compileFiles() defaults to the directory its files have in common.
   */
  root?: string;
}

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = {
  maxFileSize: 20 * 1024 * 1024,
  maxAliasCount: 100,
  layout: 'full',
  seed: 1,
  threads: 'auto',
  parallelThreshold: 4 * 1024 * 1024,
  emit: true,
  streaming: true,
};

/** 'sources': checking quotes against source texts (part of 'resolve', also shown alone). */
export type Phase = 'load' | 'parse' | 'resolve' | 'sources' | 'build' | 'layout';

export interface CompileProgress {
  /** 'parse': files parsed; 'resolve': relations resolved; 'layout': started (done = 0). */
  phase: 'parse' | 'resolve' | 'layout';
  done: number;
  total: number;
}

export interface CompileResult {
  graph: KgGraph;
  /** Sorted by file, line and column. */
  diagnostics: Diagnostic[];
  files: SourceFile[];
  /** ForceAtlas2 iterations run, and why the layout was skipped if it was. */
  layout: LayoutReport;
  /** Entities and relations compiled (also when `emit` is false). */
  counts: { entities: number; relations: number };
  /** Milliseconds spent per phase ('parse' includes the resolution done while parsing). */
  timings: Record<Phase, number>;
  /** Sources with a text, their quotes checked and anchored (empty when `emit` is false). */
  texts: CheckedSource[];
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function stopwatch() {
  let t = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
}

/** Resolution, graph building and layout as parsed files arrive (in any order). */
class ProjectCompiler {
  private readonly resolution: Resolution;
  private readonly files: SourceFile[] = [];
  private parsedFiles = 0;

  constructor(
    private readonly opts: CompileOptions & { name: string; root: string; displayRoot: string },
    private readonly sink: DiagnosticSink,
    nodeFiles: Iterable<number>,
    private readonly totalFiles: number,
  ) {
    this.resolution = new Resolution(sink, {
      name: opts.name,
      emit: opts.emit,
      nodeFiles,
      sources: new ProjectSources(sink, {
        root: opts.root,
        displayRoot: opts.displayRoot,
        maxFileSize: opts.maxFileSize,
      }),
      // While files still arrive, the parse count is the progress shown (one line, no flicker).
      onResolved: (done, total) => {
        if (this.parsedFiles === this.totalFiles) {
          opts.onProgress?.({ phase: 'resolve', done, total });
        }
      },
    });
  }

  get late(): boolean {
    return this.resolution.late;
  }

  /** A parsed file (no `file` for one that could not be read). */
  add(parsed: { index: number; contribution: FileContribution; file?: SourceFile }): void {
    if (parsed.file) this.files[parsed.index] = parsed.file;
    this.opts.onProgress?.({ phase: 'parse', done: ++this.parsedFiles, total: this.totalFiles });
    this.resolution.add(parsed.index, parsed.contribution);
  }

  finish(timings: Pick<CompileResult['timings'], 'load' | 'parse'>): CompileResult {
    const lap = stopwatch();
    const { graph, entities, relations, texts, sourcesMs } = this.resolution.finish();
    const resolve = lap();
    sizeNodes(graph);
    const build = lap();
    const { opts } = this;
    if (opts.layout !== 'none') opts.onProgress?.({ phase: 'layout', done: 0, total: graph.order });
    const layoutReport = applyLayout(graph, {
      ...DEFAULT_LAYOUT_OPTIONS,
      mode: opts.layout,
      seed: opts.seed,
    });
    const layout = lap();
    return {
      graph,
      diagnostics: sortDiagnostics(this.sink.items),
      files: this.files.filter((f) => f !== undefined),
      layout: layoutReport,
      counts: { entities, relations },
      timings: { ...timings, resolve, sources: sourcesMs, build, layout },
      texts,
    };
  }
}

/**
 * The files that may declare schema, sources or entities (all of them without streaming):
 * they are parsed first, so relations can be resolved while the rest is parsed.
 */
function nodeFiles(
  streaming: boolean,
  count: number,
  bytes: (i: number) => Buffer | string | undefined,
): number[] {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const b = streaming ? bytes(i) : undefined;
    if (b === undefined || mayDeclareNodes(b)) out.push(i);
  }
  return out;
}

/** Node files first, then the others, each group in file order. */
function parseOrder<T>(items: T[], first: number[]): { item: T; index: number }[] {
  const isFirst = new Set(first);
  const all = items.map((item, index) => ({ item, index }));
  return [...all.filter((x) => isFirst.has(x.index)), ...all.filter((x) => !isFirst.has(x.index))];
}

/** Compiles already-loaded files (tests, editors, the watcher). */
export function compileFiles(
  files: SourceFile[],
  options: Partial<CompileOptions> & { name: string },
): CompileResult {
  const opts = { ...DEFAULT_COMPILE_OPTIONS, ...options };
  const sink = new DiagnosticSink();
  const lap = stopwatch();
  const first = nodeFiles(opts.streaming, files.length, (i) => files[i]?.text);
  const root = opts.root ?? commonDirectory(files.map((f) => f.path));
  const displayRoot = path.relative(process.cwd(), root) || '.';
  const compiler = new ProjectCompiler({ ...opts, root, displayRoot }, sink, first, files.length);
  for (const { item: file, index } of parseOrder(files, first)) {
    compiler.add({ index, contribution: parseFile(file, sink, opts), file });
  }
  if (compiler.late) return compileFiles(files, { ...options, streaming: false });
  return compiler.finish({ load: 0, parse: lap() });
}

function threadCount(opts: CompileOptions, files: ProjectFile[]): number {
  if (opts.threads !== 'auto') return opts.threads;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  return total >= opts.parallelThreshold ? availableParallelism() : 1;
}

/** Reads every YAML file under `dir` and compiles the project. */
export async function compile(
  dir: string,
  options: Partial<CompileOptions> = {},
): Promise<CompileResult> {
  const opts = { ...DEFAULT_COMPILE_OPTIONS, ...options };
  const name = opts.name ?? (path.basename(path.resolve(dir)) || 'kg');
  const sink = new DiagnosticSink();
  const lap = stopwatch();
  const found = await findProjectFiles(dir, opts.maxFileSize, sink);
  const threads = threadCount(opts, found);
  // A byte scan of every file before parsing (the parallel path re-reads them in the
  // workers rather than copying texts to them).
  const first = nodeFiles(opts.streaming, found.length, (i) => {
    const f = found[i];
    try {
      return f ? readFileSync(f.absolute) : undefined;
    } catch {
      return undefined;
    }
  });
  const order = parseOrder(found, first);
  const root = path.resolve(opts.root ?? dir);
  const compiler = new ProjectCompiler(
    { ...opts, name, root, displayRoot: dir },
    sink,
    first,
    found.length,
  );
  let result: CompileResult;
  if (threads > 1 && found.length > 1 && parallelParseAvailable()) {
    const load = lap();
    const jobs = order.map(({ item: f, index }) => ({
      index,
      absolute: f.absolute,
      display: f.display,
    }));
    // Workers get plain data only (options may hold callbacks, which cannot be cloned).
    const workerOptions = { maxAliasCount: opts.maxAliasCount };
    await parseInWorkers(jobs, threads, workerOptions, (parsed) => {
      for (const d of parsed.diagnostics) sink.items.push(d);
      compiler.add(parsed);
    });
    result = compiler.finish({ load, parse: lap() });
  } else {
    const load = lap();
    for (const { item: f, index } of order) {
      const file = await readProjectFile(f, sink);
      if (!file) {
        compiler.add({ index, contribution: emptyContribution() });
        continue;
      }
      const contribution = parseFile(file, sink, opts);
      // Parsed: later positions come from this text's line starts, and the text is re-read
      // only if a code frame needs it (see rememberText, reloadableText).
      rememberText(file);
      const absolute = f.absolute;
      reloadableText(file, () => rereadText(absolute));
      compiler.add({ index, contribution, file });
    }
    result = compiler.finish({ load, parse: lap() });
  }
  // A late file declared entities (an escaped key hid it from the byte scan): start again,
  // holding every file until the end.
  if (compiler.late) return compile(dir, { ...options, streaming: false });
  return result;
}
