// A project kept in memory between edits, for `kg lsp` and `kg view`: every file's text and
// parse are kept, so an edit re-parses only the file it changed. `analyze()` resolves the
// parsed files exactly as compile() does (same functions, same order), so its diagnostics and
// graph are those of a fresh compile of the same texts.
import path from 'node:path';
import type { FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink, sortDiagnostics } from '../language/diagnostic-sink.js';
import { parseFile } from '../language/parse-file.js';
import type { SourceFile } from '../language/source-file.js';
import { DEFAULT_COMPILE_OPTIONS } from './compile.js';
import {
  DISK,
  findProjectFiles,
  readProjectFile,
  YAML_FILE,
  type FileSource,
} from './load-project.js';
import { parallelParseAvailable, parseInWorkers } from './parse-pool.js';
import { rereadText } from './read-source.js';
import { IncrementalResolution, type IncrementalResult } from './incremental.js';
import { reparseRelations, type Reparsed } from './reparse.js';
import { applyLayout, DEFAULT_LAYOUT_OPTIONS, type LayoutMode } from './layout.js';

export interface ProjectStateOptions {
  maxFileSize: number;
  maxAliasCount: number;
  /** Graph name; defaults to the directory's base name. */
  name?: string;
  /** Parse on worker threads from this much YAML on (files read from disk only). */
  parallelThreshold: number;
  /**
   * How diagnostics name files: joined to this directory as the user gave it (`data/…`).
   * Default: absolute paths (what editors need).
   */
  displayDir?: string;
}

export const DEFAULT_PROJECT_STATE_OPTIONS: ProjectStateOptions = {
  maxFileSize: DEFAULT_COMPILE_OPTIONS.maxFileSize,
  maxAliasCount: DEFAULT_COMPILE_OPTIONS.maxAliasCount,
  parallelThreshold: DEFAULT_COMPILE_OPTIONS.parallelThreshold,
};

/** One file of the project as last parsed. */
export interface FileState {
  /** Path relative to the project directory, with '/' separators (the sort key). */
  rel: string;
  absolute: string;
  /** The text that was parsed (every span of the contribution points into it). */
  file: SourceFile;
  /** Never modified: resolution works on copies. */
  contribution: FileContribution;
  /** Parse diagnostics (syntax, shapes, ids). */
  diagnostics: Diagnostic[];
  /** Changes with every new text of the file. */
  version: number;
  /** Set when this text was parsed in part from version `from` (see reparse.ts). */
  reparsed?: Omit<Reparsed, 'contribution' | 'diagnostics'> & { from: number };
}

let versions = 0;

/** What a resolution of the whole project found (diagnostics sorted as compile() sorts them). */
export type Analysis = IncrementalResult;

export class ProjectState {
  private readonly files = new Map<string, FileState>();
  /** Diagnostics about the file set itself (KG003, KG005, KG006). */
  private fileDiagnostics: Diagnostic[] = [];
  private sorted: FileState[] | undefined;
  private readonly resolution: IncrementalResolution;
  readonly options: ProjectStateOptions;
  readonly name: string;

  private constructor(
    /** Absolute: diagnostics name files by absolute path. */
    readonly dir: string,
    options: Partial<ProjectStateOptions>,
  ) {
    this.options = { ...DEFAULT_PROJECT_STATE_OPTIONS, ...options };
    this.name = this.options.name ?? (path.basename(dir) || 'kg');
    // As compileFiles() names the project directory in diagnostics about source texts.
    const displayRoot = this.options.displayDir ?? (path.relative(process.cwd(), dir) || '.');
    this.resolution = new IncrementalResolution(this.name, {
      root: dir,
      displayRoot,
      maxFileSize: this.options.maxFileSize,
    });
  }

  /** Reads and parses every YAML file under `dir` (texts from `source`). */
  static async load(
    dir: string,
    source: FileSource = DISK,
    options: Partial<ProjectStateOptions> = {},
    /** Files `source` overlays: parsed here, never by workers (which read the disk). */
    overlaid: ReadonlySet<string> = new Set(),
  ): Promise<ProjectState> {
    const state = new ProjectState(path.resolve(dir), options);
    const sink = new DiagnosticSink();
    const found = await findProjectFiles(state.displayDir, state.options.maxFileSize, sink);
    state.fileDiagnostics = sink.items;
    const total = found.reduce((sum, f) => sum + f.size, 0);
    const parallel =
      total >= state.options.parallelThreshold && found.length > 1 && parallelParseAvailable();
    const fromDisk = parallel ? found.filter((f) => !overlaid.has(f.absolute)) : [];
    const rest = parallel ? found.filter((f) => overlaid.has(f.absolute)) : found;
    if (fromDisk.length) {
      const jobs = fromDisk.map((f, index) => ({
        index,
        absolute: f.absolute,
        display: f.display,
      }));
      await parseInWorkers(jobs, 2, { maxAliasCount: state.options.maxAliasCount }, (parsed) => {
        const f = fromDisk[parsed.index]!;
        // Workers send no text; an editor needs it for positions, so it is held from now on.
        const text = rereadText(f.absolute);
        Object.defineProperty(parsed.file, 'text', { value: text, writable: true });
        state.files.set(f.absolute, {
          rel: relOf(state.dir, f.absolute),
          absolute: f.absolute,
          file: parsed.file,
          contribution: parsed.contribution,
          diagnostics: parsed.diagnostics,
          version: ++versions,
        });
      });
    }
    for (const f of rest) {
      const readSink = new DiagnosticSink();
      const file = await readProjectFile(f, readSink, source);
      if (file) state.setText(f.absolute, file.text, readSink.items);
      else state.fileDiagnostics.push(...readSink.items);
    }
    return state;
  }

  private get displayDir(): string {
    return this.options.displayDir ?? this.dir;
  }

  private displayOf(absolute: string): string {
    return this.options.displayDir === undefined
      ? absolute
      : path.join(this.options.displayDir, relOf(this.dir, absolute));
  }

  /** True when `absolute` is a YAML file this project would read (whether or not it exists). */
  contains(absolute: string): boolean {
    const rel = path.relative(this.dir, absolute);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    const parts = rel.split(path.sep);
    return (
      YAML_FILE.test(absolute) && !parts.some((p) => p.startsWith('.') || p === 'node_modules')
    );
  }

  /**
   * Parses a new text of one file (adding the file if it is new); `read` are the diagnostics of
   * reading it (KG008).
   */
  setText(absolute: string, text: string, read: readonly Diagnostic[] = []): FileState {
    const old = this.files.get(absolute);
    const part =
      old && !read.length && Buffer.byteLength(text) <= this.options.maxFileSize
        ? reparseRelations(old.file, old, text, this.options)
        : undefined;
    if (old && part) {
      const { contribution, diagnostics, ...reparsed } = part;
      const state: FileState = {
        rel: old.rel,
        absolute,
        file: old.file,
        contribution,
        diagnostics,
        version: ++versions,
        reparsed: { ...reparsed, from: old.version },
      };
      this.files.set(absolute, state);
      this.sorted = undefined;
      return state;
    }
    const sink = new DiagnosticSink();
    sink.items.push(...read);
    const file: SourceFile = { path: this.displayOf(absolute), text };
    let contribution: FileContribution;
    const size = Buffer.byteLength(text);
    if (size > this.options.maxFileSize) {
      sink.reportFile(
        'KG003',
        file,
        `file is ${size} bytes, over the limit of ${this.options.maxFileSize}`,
        {
          value: String(size),
          hint: 'split it into several files, or raise the limit with --max-file-size',
        },
      );
      contribution = parseFile({ path: file.path, text: '' }, new DiagnosticSink(), this.options);
    } else contribution = parseFile(file, sink, this.options);
    const state: FileState = {
      rel: relOf(this.dir, absolute),
      absolute,
      file,
      contribution,
      diagnostics: sink.items,
      version: ++versions,
    };
    this.files.set(absolute, state);
    this.sorted = undefined;
    this.fileDiagnostics = this.fileDiagnostics.filter((d) => d.code !== 'KG006');
    return state;
  }

  /** Drops a deleted file. */
  remove(absolute: string): boolean {
    const had = this.files.delete(absolute);
    if (had) this.sorted = undefined;
    return had;
  }

  /** Re-reads one file from `source` (changed on disk), or drops it when it is gone. */
  async refresh(absolute: string, source: FileSource = DISK): Promise<void> {
    const sink = new DiagnosticSink();
    const file = await source.read({ absolute, display: this.displayOf(absolute) }, sink);
    if (file) this.setText(absolute, file.text, sink.items);
    else this.remove(absolute);
  }

  get(absolute: string): FileState | undefined {
    return this.files.get(absolute);
  }

  /** Every file, in project order (sorted by relative path, as compile() reads them). */
  list(): FileState[] {
    this.sorted ??= [...this.files.values()].sort((a, b) =>
      a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0,
    );
    return this.sorted;
  }

  /**
   * Resolves the project as compile() does — incrementally: only what the files changed since
   * the last call can affect (see incremental.ts). With `emit`, builds the graph (no layout) —
   * or updates the one it returned last time in place (`graphChanges` says what changed).
   */
  analyze(options: { emit?: boolean; layout?: LayoutMode; seed?: number } = {}): Analysis {
    const files = this.list();
    const result = this.resolution.update(files, options);
    // A graph updated in place keeps its positions (kg view's, or those laid out before).
    if (result.graph && !result.graphChanges) {
      const mode = options.layout ?? 'none';
      applyLayout(result.graph, { ...DEFAULT_LAYOUT_OPTIONS, mode, seed: options.seed ?? 1 });
    }
    const diagnostics = [...this.fileDiagnostics, ...result.diagnostics];
    for (const f of files) for (const d of f.diagnostics) diagnostics.push(d);
    return { ...result, diagnostics: sortDiagnostics(diagnostics) };
  }
}

function relOf(dir: string, absolute: string): string {
  return path.relative(dir, absolute).split(path.sep).join('/');
}
