// Compiling without building the graph, for exports too large for graphology (its edge Map
// caps at 2^24) or for memory (~0.5 KB a relation). Pass 1 parses the files that may declare
// schema, sources or entities (see mayDeclareNodes), keeps only those (their relations are
// dropped right after parsing, only counted) and resolves them as compile() does. Pass 2
// parses, one at a time and in file order, the files that hold relations — relation-only files
// for the first time, the others again (into a scratch sink: their parse diagnostics are in
// already) — and hands each resolved relation to the caller, who writes it at once. The
// diagnostics are those of compile(), with a compact id index for the duplicate checks. Should
// a file that looked relation-only declare entities after all (an escaped key), the run starts
// again parsing every file in pass 1.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import { lazySourceFile, type SourceFile, type Span } from '../language/source-file.js';
import type { SchemaInfo, SourceInfo } from '../types.js';
import { CompactIdIndex } from './compact-id-index.js';
import { DEFAULT_COMPILE_OPTIONS, hasErrors, type CompileProgress } from './compile.js';
import { findProjectFiles, readProjectFile } from './load-project.js';
import type { ResolvedEntity } from './resolve-entities.js';
import type { FactMerge, ResolvedRelation } from './facts.js';
import type { ProjectInfo } from './resolve-project.js';
import { RelationResolver } from './resolve-relations.js';
import {
  declaresNodes,
  mayDeclareNodes,
  reportUnconnected,
  resolveDeclarations,
} from './resolution.js';

export interface StreamCompileOptions {
  maxFileSize: number;
  maxAliasCount: number;
  /** Graph name; defaults to the project directory's base name. */
  name?: string;
  /** 'parse' counts files parsed in pass 1, then again in pass 2. */
  onProgress?: (progress: CompileProgress) => void;
  /** Parse every file in pass 1 (set on the second try, see above). */
  parseAllFirst?: boolean;
}

export const DEFAULT_STREAM_COMPILE_OPTIONS: StreamCompileOptions = {
  maxFileSize: DEFAULT_COMPILE_OPTIONS.maxFileSize,
  maxAliasCount: DEFAULT_COMPILE_OPTIONS.maxAliasCount,
};

/** What pass 1 resolved: everything but the relations. */
export interface StreamNodes {
  name: string;
  project: ProjectInfo;
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  /** Sorted by id. */
  entities: ResolvedEntity[];
}

export interface StreamHandlers {
  /** After pass 1, only when it found no errors (awaited before pass 2). */
  nodes(nodes: StreamNodes): Promise<void>;
  /** Each new fact, in the order written; only while no error has been found. */
  relation(relation: ResolvedRelation): void;
  /** More evidence for a fact handed over before (the same fact stated again). */
  merge(merge: FactMerge): void;
}

export interface StreamCompileResult {
  /** Sorted by file, line and column, as compile() returns them. */
  diagnostics: Diagnostic[];
  /** The files named by diagnostics (re-read for code frames). */
  files: SourceFile[];
  counts: { entities: number; relations: number };
  /** false once an error was found: the handlers then missed part of the project. */
  complete: boolean;
}

interface PassFile {
  absolute: string;
  display: string;
  /** Its position in the project's file order. */
  index: number;
  /** Parsed in pass 1 (its parse diagnostics are in). */
  parsed: boolean;
}

/** Thrown when a file skipped by pass 1 declares nodes: the caller restarts with parseAllFirst. */
export class RestartStreamError extends Error {
  readonly code = 'KG_STREAM_RESTART';
}

/**
 * File numbers (in the project's file order) for the fact table. Other files than the current
 * one are lazy: their text is read from disk only if a diagnostic needs a position in them
 * (a repeated fact looks up its first statement's span, but rarely reports at it).
 */
class PassFiles {
  current: SourceFile | undefined;
  currentIndex = -1;
  private readonly lazy = new Map<number, SourceFile>();
  private readonly byPath: Map<string, number>;

  constructor(private readonly list: { absolute: string; display: string }[]) {
    this.byPath = new Map(list.map((f, i) => [f.display, i]));
  }

  indexOf(file: Span['file']): number {
    if (file === this.current) return this.currentIndex;
    // A reference edge's statement is its entity, in a file of pass 1.
    const index = this.byPath.get(file.path);
    if (index === undefined) throw new Error(`span outside the project: ${file.path}`);
    return index;
  }

  get(index: number): SourceFile {
    if (index === this.currentIndex && this.current) return this.current;
    let file = this.lazy.get(index);
    if (!file) {
      const f = this.list[index]!;
      file = lazySourceFile(f.display, () => readFileSync(f.absolute, 'utf8'));
      this.lazy.set(index, file);
    }
    return file;
  }
}

/** Compiles `dir` in two passes, handing entities then relations to `handlers`. */
export async function streamCompile(
  dir: string,
  handlers: StreamHandlers,
  options: Partial<StreamCompileOptions> = {},
): Promise<StreamCompileResult> {
  const opts = { ...DEFAULT_STREAM_COMPILE_OPTIONS, ...options };
  const name = opts.name ?? (path.basename(path.resolve(dir)) || 'kg');
  const sink = new DiagnosticSink();
  const found = await findProjectFiles(dir, opts.maxFileSize, sink);

  // Pass 1: everything but relations.
  const declared: FileContribution[] = [];
  const passFiles: PassFile[] = [];
  for (const [i, f] of found.entries()) {
    const file = await readProjectFile(f, sink);
    if (file && !opts.parseAllFirst && !mayDeclareNodes(file.text)) {
      passFiles.push({ ...f, index: i, parsed: false });
    } else if (file) {
      const c = parseFile(file, sink, opts);
      if (c.relations.length) passFiles.push({ ...f, index: i, parsed: true });
      c.relations = [];
      declared.push(c);
    }
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: found.length });
  }
  const resolved = resolveDeclarations(sink, declared);
  declared.length = 0;
  const { schema, sources, index, project } = resolved;
  let writing = !hasErrors(sink.items);
  resolved.entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { entities } = resolved;
  const graphName = project.id ?? name;
  if (writing) await handlers.nodes({ name: graphName, project, schema, sources, entities });
  const files = new PassFiles(found);
  const connected = new Set<string>();
  const resolver = new RelationResolver(sink, schema, index, sources, {
    connected,
    facts: new CompactIdIndex(files),
    emit: (relation) => {
      if (writing) handlers.relation(relation);
    },
    merge: (merge) => {
      if (writing) handlers.merge(merge);
    },
  });
  // Reference edges first, as compile() adds them.
  resolver.referenceEdges(entities);
  // Only what the KG201 check needs is kept through pass 2.
  const entityCount = entities.length;
  const spans = entities.map((e) => ({ id: e.id, span: e.span }));
  resolved.entities = [];
  entities.length = 0;

  // Pass 2: relations, one file at a time.
  for (const [i, f] of passFiles.entries()) {
    const before = sink.items.length;
    const file = await readProjectFile(f, sink);
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: passFiles.length });
    if (!file) {
      if (hasErrors(sink.items.slice(before))) writing = false;
      continue;
    }
    files.current = file;
    files.currentIndex = f.index;
    const contribution = parseFile(file, f.parsed ? new DiagnosticSink() : sink, opts);
    if (!f.parsed && declaresNodes(contribution)) {
      throw new RestartStreamError(`${f.display} declares entities after all: parse it first`);
    }
    resolver.file(contribution);
    if (writing && hasErrors(sink.items.slice(before))) writing = false;
    files.current = undefined;
  }
  reportUnconnected(sink, spans, connected, index);
  const diagnostics = sortDiagnostics(sink.items);
  return {
    diagnostics,
    files: await filesOf(diagnostics, found),
    counts: { entities: entityCount, relations: resolver.count },
    complete: !hasErrors(diagnostics),
  };
}

/** The files diagnostics point into, read again for their code frames. */
async function filesOf(
  diagnostics: Diagnostic[],
  found: { absolute: string; display: string }[],
): Promise<SourceFile[]> {
  const named = new Set(diagnostics.map((d) => d.file));
  const out: SourceFile[] = [];
  for (const f of found) {
    if (!named.has(f.display)) continue;
    const file = await readProjectFile(f, new DiagnosticSink());
    if (file) out.push(file);
  }
  return out;
}
