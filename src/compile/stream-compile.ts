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
import type { SourceFile, Span } from '../language/source-file.js';
import { ProjectSources } from '../sources/project-sources.js';
import type { SchemaInfo, SourceInfo } from '../types.js';
import { CompactIdIndex } from './compact-id-index.js';
import { DEFAULT_COMPILE_OPTIONS, hasErrors, type CompileProgress } from './compile.js';
import { findProjectFiles, readProjectFile } from './load-project.js';
import type { ResolvedEntity } from './resolve-entities.js';
import { resolveRelations, type ResolvedRelation } from './resolve-relations.js';
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
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  /** Sorted by id. */
  entities: ResolvedEntity[];
}

export interface StreamHandlers {
  /** After pass 1, only when it found no errors (awaited before pass 2). */
  nodes(nodes: StreamNodes): Promise<void>;
  /** Each valid relation, in the order written; only while no error has been found. */
  relation(relation: ResolvedRelation): void;
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
  /** Parsed in pass 1 (its parse diagnostics are in). */
  parsed: boolean;
}

/** Thrown when a file skipped by pass 1 declares nodes: the caller restarts with parseAllFirst. */
export class RestartStreamError extends Error {
  readonly code = 'KG_STREAM_RESTART';
}

/** File numbers for the id index; files other than the current one are re-read on demand. */
class PassFiles {
  current: SourceFile | undefined;
  currentIndex = -1;
  private readonly cache = new Map<number, SourceFile>();

  constructor(private readonly list: PassFile[]) {}

  indexOf(file: Span['file']): number {
    if (file !== this.current) throw new Error(`span outside the current file: ${file.path}`);
    return this.currentIndex;
  }

  get(index: number): SourceFile {
    if (index === this.currentIndex && this.current) return this.current;
    let file = this.cache.get(index);
    if (!file) {
      // Only a duplicate relation's first statement in an earlier file gets here (rare).
      const f = this.list[index]!;
      file = { path: f.display, text: readFileSync(f.absolute, 'utf8') };
      if (this.cache.size > 8) this.cache.clear();
      this.cache.set(index, file);
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
      passFiles.push({ ...f, parsed: false });
    } else if (file) {
      const c = parseFile(file, sink, opts);
      if (c.relations.length) passFiles.push({ ...f, parsed: true });
      c.relations = [];
      declared.push(c);
    }
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: found.length });
  }
  const texts = new ProjectSources(sink, {
    root: path.resolve(dir),
    displayRoot: dir,
    maxFileSize: opts.maxFileSize,
  });
  const resolved = resolveDeclarations(sink, declared, texts);
  declared.length = 0;
  const { schema, sources, index } = resolved;
  let writing = !hasErrors(sink.items);
  if (writing) {
    const entities = resolved.entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await handlers.nodes({ name, schema, sources, entities });
  }
  // Only what the KG201 check needs is kept through pass 2.
  const entityCount = resolved.entities.length;
  const spans = resolved.entities.map((e) => ({ id: e.id, span: e.span }));
  resolved.entities = [];

  // Pass 2: relations, one file at a time.
  const files = new PassFiles(passFiles);
  const ids = new CompactIdIndex(files);
  const connected = new Set<string>();
  let relationCount = 0;
  for (const [i, f] of passFiles.entries()) {
    const before = sink.items.length;
    const file = await readProjectFile(f, sink);
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: passFiles.length });
    if (!file) {
      if (hasErrors(sink.items.slice(before))) writing = false;
      continue;
    }
    files.current = file;
    files.currentIndex = i;
    const contribution = parseFile(file, f.parsed ? new DiagnosticSink() : sink, opts);
    if (!f.parsed && declaresNodes(contribution)) {
      throw new RestartStreamError(`${f.display} declares entities after all: parse it first`);
    }
    resolveRelations(sink, [contribution], schema, index, sources, {
      connected,
      ids,
      emit: (relation) => {
        relationCount++;
        if (writing) handlers.relation(relation);
      },
      quoted: (id, def) => texts.quoted(id, def),
    });
    if (writing && hasErrors(sink.items.slice(before))) writing = false;
    files.current = undefined;
  }
  reportUnconnected(sink, spans, connected, index);
  // Quotes are checked once every relation is in (relations already written are kept only
  // if no error turns up, as with any other error).
  texts.run(false);
  const diagnostics = sortDiagnostics(sink.items);
  return {
    diagnostics,
    files: await filesOf(diagnostics, found),
    counts: { entities: entityCount, relations: relationCount },
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
