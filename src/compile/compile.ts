// compile(dir) → { graph, diagnostics }: the library entry point behind every command.
import path from 'node:path';
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import type { SourceFile } from '../language/source-file.js';
import type { KgGraph } from '../types.js';
import { buildGraph } from './build-graph.js';
import { applyLayout, DEFAULT_LAYOUT_OPTIONS, type LayoutMode } from './layout.js';
import { loadProject } from './load-project.js';
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
}

export const DEFAULT_COMPILE_OPTIONS: CompileOptions = {
  maxFileSize: 20 * 1024 * 1024,
  maxAliasCount: 100,
  layout: 'full',
  seed: 1,
};

export interface CompileResult {
  graph: KgGraph;
  /** Sorted by file, line and column. */
  diagnostics: Diagnostic[];
  files: SourceFile[];
  /** Milliseconds spent per phase. */
  timings: Record<'load' | 'parse' | 'resolve' | 'build' | 'layout', number>;
}

export function hasErrors(diagnostics: Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Compiles already-loaded files (tests, editors, the watcher). */
export function compileFiles(
  files: SourceFile[],
  options: Partial<CompileOptions> & { name: string },
  sink = new DiagnosticSink(),
  loadMs = 0,
): CompileResult {
  const opts = { ...DEFAULT_COMPILE_OPTIONS, ...options };
  let t = performance.now();
  const lap = () => {
    const now = performance.now();
    const ms = Math.round(now - t);
    t = now;
    return ms;
  };
  const all: FileContribution = emptyContribution();
  for (const file of files) {
    const c = parseFile(file, sink, { maxAliasCount: opts.maxAliasCount });
    all.entityTypes.push(...c.entityTypes);
    all.relationTypes.push(...c.relationTypes);
    all.sources.push(...c.sources);
    all.entities.push(...c.entities);
    all.relations.push(...c.relations);
  }
  const parse = lap();

  const schema = resolveSchema(sink, all.entityTypes, all.relationTypes);
  const sources = resolveSources(sink, all.sources);
  const { entities, index } = resolveEntities(sink, all.entities, schema.info, sources);
  const relations = resolveRelations(sink, all.relations, schema.info, index, sources);
  // Count endpoints of every written relation, even one with errors: an entity named by a
  // broken relation is not "without relations", and saying so would only add noise.
  const connected = new Set<string>();
  for (const def of all.relations) {
    for (const end of [def.from.value, def.to.value]) {
      const found = index.lookup(end);
      if (found.kind === 'found') connected.add(found.entity.id);
    }
  }
  for (const e of entities) {
    if (connected.has(e.id) || index.referenced.has(e.id)) continue;
    sink.report('KG201', e.span, `entity '${e.id}' has no relations`, {
      value: e.id,
      hint: 'add a relation that involves it, or remove it',
    });
  }
  const resolve = lap();

  const graph = buildGraph(opts.name, schema.info, sources, entities, relations);
  const build = lap();
  applyLayout(graph, { ...DEFAULT_LAYOUT_OPTIONS, mode: opts.layout, seed: opts.seed });
  const layout = lap();
  return {
    graph,
    diagnostics: sortDiagnostics(sink.items),
    files,
    timings: { load: loadMs, parse, resolve, build, layout },
  };
}

/** Reads every YAML file under `dir` and compiles the project. */
export async function compile(
  dir: string,
  options: Partial<CompileOptions> = {},
): Promise<CompileResult> {
  const opts = { ...DEFAULT_COMPILE_OPTIONS, ...options };
  const sink = new DiagnosticSink();
  const start = performance.now();
  const files = await loadProject(dir, opts.maxFileSize, sink);
  if (files.length === 0 && sink.items.length === 0) {
    sink.reportFile('KG006', { path: dir, text: '' }, `no .yaml or .yml files in ${dir}`, {
      hint: 'run `kg init` to start a project',
    });
  }
  const name = opts.name ?? (path.basename(path.resolve(dir)) || 'kg');
  return compileFiles(files, { ...opts, name }, sink, Math.round(performance.now() - start));
}
