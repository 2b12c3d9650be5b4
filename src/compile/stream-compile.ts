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
import path from 'node:path';
import type { FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import {
  lazySourceFile,
  rememberText,
  textDigest,
  textFacts,
  type SourceFile,
  type Span,
  type TextFacts,
} from '../language/source-file.js';
import { ProjectSources } from '../sources/project-sources.js';
import type { SchemaInfo, SourceInfo } from '../types.js';
import { CompactIdIndex } from './compact-id-index.js';
import { DEFAULT_COMPILE_OPTIONS, hasErrors, type CompileProgress } from './compile.js';
import { findProjectFiles, readProjectFile } from './load-project.js';
import { rereadText } from './read-source.js';
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
  merge?(merge: FactMerge): void;
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

/** Reads a file again, as parsed: '' when it is gone or holds another text now. */
function sameText(absolute: string, digest: string | undefined): string {
  try {
    const text = rereadText(absolute);
    return digest === undefined || textDigest(text) === digest ? text : '';
  } catch {
    return '';
  }
}

/**
 * File numbers (in the project's file order) for the fact table. Files other than the current
 * one are lazy: read again (only if unchanged since they were parsed) when a diagnostic needs
 * their text; positions in a pass-2 file come from the line starts kept when it was parsed
 * (4 bytes a line), so a repeated fact looking up its first statement reads nothing.
 */
class PassFiles {
  current: SourceFile | undefined;
  currentIndex = -1;
  private readonly lazy = new Map<number, SourceFile>();
  private readonly facts = new Map<number, TextFacts>();
  private readonly byPath: Map<string, number>;

  constructor(
    private readonly list: { absolute: string; display: string }[],
    private readonly digests: Map<string, string>,
  ) {
    this.byPath = new Map(list.map((f, i) => [f.display, i]));
  }

  /** Done with the current file: keep what positions in it need. */
  release(): TextFacts | undefined {
    const facts = this.current && textFacts(this.current);
    if (facts) this.facts.set(this.currentIndex, facts);
    this.current = undefined;
    return facts;
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
      const facts = this.facts.get(index);
      const digest = facts?.digest ?? this.digests.get(f.display);
      file = lazySourceFile(f.display, () => sameText(f.absolute, digest));
      if (facts) rememberText(file, facts);
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
  /** Digest of each file's parsed text, so code frames show only what was parsed. */
  const digests = new Map<string, string>();
  const passFiles: PassFile[] = [];
  for (const [i, f] of found.entries()) {
    const file = await readProjectFile(f, sink);
    if (file) digests.set(f.display, textDigest(file.text));
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
  const texts = new ProjectSources(sink, {
    root: path.resolve(dir),
    displayRoot: dir,
    maxFileSize: opts.maxFileSize,
  });
  const resolved = resolveDeclarations(sink, declared, texts);
  declared.length = 0;
  const { schema, sources, index, project } = resolved;
  let writing = !hasErrors(sink.items);
  resolved.entities.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const { entities } = resolved;
  const graphName = project.id ?? name;
  if (writing) await handlers.nodes({ name: graphName, project, schema, sources, entities });
  const files = new PassFiles(found, digests);
  const connected = new Set<string>();
  const resolver = new RelationResolver(sink, schema, index, sources, {
    connected,
    facts: new CompactIdIndex(files),
    emit: (relation) => {
      if (writing) handlers.relation(relation);
    },
    merge: (merge) => {
      if (writing) handlers.merge?.(merge);
    },
    quoted: texts.quoted.bind(texts),
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
    // Pass 1 read every file and reported its read problems (KG008) then.
    const scratch = new DiagnosticSink();
    const file = await readProjectFile(f, scratch);
    opts.onProgress?.({ phase: 'parse', done: i + 1, total: passFiles.length });
    if (file && textDigest(file.text) !== digests.get(f.display)) {
      sink.reportFile('KG005', file, 'file changed while kg was reading it; run the command again');
    } else if (!file) sink.items.push(...scratch.items);
    if (!file || hasErrors(sink.items.slice(before))) {
      writing = false;
      if (!file) continue;
    }
    files.current = file;
    files.currentIndex = f.index;
    const contribution = parseFile(file, f.parsed ? new DiagnosticSink() : sink, opts);
    if (!f.parsed && declaresNodes(contribution)) {
      throw new RestartStreamError(`${f.display} declares entities after all: parse it first`);
    }
    resolver.file(contribution);
    if (writing && hasErrors(sink.items.slice(before))) writing = false;
    const facts = files.release();
    if (facts) digests.set(f.display, facts.digest);
  }
  reportUnconnected(sink, spans, connected, index);
  // Quotes are checked once every relation is in (relations already written are kept only
  // if no error turns up, as with any other error). Anchors are made too (`keep`): the
  // neo4j-csv writer reads them from the evidence items after this returns; the results
  // themselves are dropped here.
  texts.run(true);
  const diagnostics = sortDiagnostics(sink.items);
  return {
    diagnostics,
    files: filesOf(diagnostics, found, digests),
    counts: { entities: entityCount, relations: resolver.count },
    complete: !hasErrors(diagnostics),
  };
}

/** The files diagnostics point into, read again for their code frames (if unchanged). */
function filesOf(
  diagnostics: Diagnostic[],
  found: { absolute: string; display: string }[],
  digests: Map<string, string>,
): SourceFile[] {
  const named = new Set(diagnostics.map((d) => d.file));
  const out: SourceFile[] = [];
  for (const f of found) {
    if (!named.has(f.display)) continue;
    const text = sameText(f.absolute, digests.get(f.display));
    if (text !== '') out.push({ path: f.display, text });
  }
  return out;
}
