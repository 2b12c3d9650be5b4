// compile(dir) → { graph, diagnostics }: the library entry point behind every command.
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import type { SourceFile } from '../language/source-file.js';
import type { KgGraph } from '../types.js';
import { addEntities, addRelation, createGraph, sizeNodes } from './build-graph.js';
import {
  applyLayout,
  DEFAULT_LAYOUT_OPTIONS,
  type LayoutMode,
  type LayoutReport,
} from './layout.js';
import { findProjectFiles, type ProjectFile } from './load-project.js';
import { parallelParseAvailable, parseInWorkers } from './parse-pool.js';
import { resolveEntities } from './resolve-entities.js';
import { resolveRelations } from './resolve-relations.js';
import { resolveSchema } from './resolve-schema.js';
import { resolveSources } from './resolve-sources.js';

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
   * false: check only (`kg validate`). The graph then has its attributes but no nodes or
   * edges, which saves the time and memory of building it; `counts` still tells the sizes.
   */
  emit: boolean;
}

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = {
  maxFileSize: 20 * 1024 * 1024,
  maxAliasCount: 100,
  layout: 'full',
  seed: 1,
  threads: 'auto',
  parallelThreshold: 4 * 1024 * 1024,
  emit: true,
};

export type Phase = 'load' | 'parse' | 'resolve' | 'build' | 'layout';

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
  /** Milliseconds spent per phase. */
  timings: Record<Phase, number>;
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

/** push(...items) overflows the stack on very large arrays; a loop does not. */
function append<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}

/** Resolution, graph building and layout over parsed files (parse order = file order). */
function compileParsed(
  parsed: FileContribution[],
  files: SourceFile[],
  opts: CompileOptions & { name: string },
  sink: DiagnosticSink,
  timings: Pick<CompileResult['timings'], 'load' | 'parse'>,
): CompileResult {
  const lap = stopwatch();
  const all: FileContribution = emptyContribution();
  for (const c of parsed) {
    append(all.entityTypes, c.entityTypes);
    append(all.relationTypes, c.relationTypes);
    append(all.sources, c.sources);
    append(all.entities, c.entities);
  }
  const schema = resolveSchema(sink, all.entityTypes, all.relationTypes);
  const sources = resolveSources(sink, all.sources);
  const { entities, index } = resolveEntities(sink, all.entities, schema.info, sources);
  const graph = createGraph(opts.name, schema.info, sources);
  if (opts.emit) addEntities(graph, schema.info, entities);
  let relationCount = 0;
  const connected = new Set<string>();
  const totalRelations = parsed.reduce((sum, c) => sum + c.relations.length, 0);
  let resolved = 0;
  resolveRelations(sink, parsed, schema.info, index, sources, {
    connected,
    fileDone: (n) => {
      resolved += n;
      opts.onProgress?.({ phase: 'resolve', done: resolved, total: totalRelations });
    },
    emit: (relation) => {
      relationCount++;
      if (opts.emit) addRelation(graph, schema.info, relation);
    },
  });
  for (const e of entities) {
    if (connected.has(e.id) || index.referenced.has(e.id)) continue;
    sink.report('KG201', e.span, `entity '${e.id}' has no relations`, {
      value: e.id,
      hint: 'add a relation that involves it, or remove it',
    });
  }
  const resolve = lap();
  sizeNodes(graph);
  const build = lap();
  if (opts.layout !== 'none') opts.onProgress?.({ phase: 'layout', done: 0, total: graph.order });
  const layoutReport = applyLayout(graph, {
    ...DEFAULT_LAYOUT_OPTIONS,
    mode: opts.layout,
    seed: opts.seed,
  });
  const layout = lap();
  return {
    graph,
    diagnostics: sortDiagnostics(sink.items),
    files,
    layout: layoutReport,
    counts: { entities: entities.length, relations: relationCount },
    timings: { ...timings, resolve, build, layout },
  };
}

/** Compiles already-loaded files (tests, editors, the watcher). */
export function compileFiles(
  files: SourceFile[],
  options: Partial<CompileOptions> & { name: string },
): CompileResult {
  const opts = { ...DEFAULT_COMPILE_OPTIONS, ...options };
  const sink = new DiagnosticSink();
  const lap = stopwatch();
  const parsed = files.map((file) => parseFile(file, sink, opts));
  return compileParsed(parsed, files, opts, sink, { load: 0, parse: lap() });
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
  if (found.length === 0 && sink.items.length === 0) {
    sink.reportFile('KG006', { path: dir, text: '' }, `no .yaml or .yml files in ${dir}`, {
      hint: 'run `kg init` to start a project',
    });
  }
  const threads = threadCount(opts, found);
  if (threads > 1 && found.length > 1 && parallelParseAvailable()) {
    const load = lap();
    const jobs = found.map((f, index) => ({ index, absolute: f.absolute, display: f.display }));
    // Workers get plain data only (options may hold callbacks, which cannot be cloned).
    const workerOptions = { maxAliasCount: opts.maxAliasCount };
    const parsed = await parseInWorkers(jobs, threads, workerOptions, (done) =>
      opts.onProgress?.({ phase: 'parse', done, total: jobs.length }),
    );
    for (const d of parsed.diagnostics) sink.items.push(d);
    return compileParsed(parsed.contributions, parsed.files, { ...opts, name }, sink, {
      load,
      parse: lap(),
    });
  }
  const files: SourceFile[] = [];
  for (const f of found) {
    try {
      files.push({ path: f.display, text: await readFile(f.absolute, 'utf8') });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      sink.reportFile('KG005', { path: f.display, text: '' }, `cannot read file: ${message}`);
    }
  }
  const load = lap();
  const parsed = files.map((file, i) => {
    const c = parseFile(file, sink, opts);
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: files.length });
    return c;
  });
  return compileParsed(parsed, files, { ...opts, name }, sink, { load, parse: lap() });
}
