// One kg project open in the editor: its in-memory state (the disk under the editor's unsaved
// buffers), the latest analysis, and the diagnostics last published for each of its files.
// Edits are coalesced: a burst of keystrokes re-parses each touched file once and resolves
// once, and requests that need positions wait for that (`settled()`).
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../language/diagnostic.js';
import { overlaySource } from '../compile/load-project.js';
import { ProjectState, type Analysis, type ProjectStateOptions } from '../compile/project-state.js';
import { pathToUri, toLspDiagnostic } from './convert.js';

export interface SessionHost {
  /** The current text of an open document, by absolute path (undefined: not open). */
  openText(file: string): string | undefined;
  /** Every open document's path. */
  openFiles(): Iterable<string>;
  publish(uri: string, diagnostics: LspDiagnostic[]): void;
  log(message: string): void;
}

export class ProjectSession {
  private state: ProjectState | undefined;
  private loading: Promise<ProjectState> | undefined;
  private latest: Analysis | undefined;
  /** Files whose text changed since the last analysis (absolute path → re-read from disk?). */
  private readonly pending = new Map<string, 'editor' | 'disk'>();
  private scheduled: Promise<Analysis> | undefined;
  /** What was last published per file (its diagnostics, serialised), to skip repeats. */
  private readonly published = new Map<string, { items: Diagnostic[]; key: string }>();
  /** Milliseconds of the last analysis, parse of the changed files included. */
  lastUpdateMs = 0;

  constructor(
    readonly root: string,
    private readonly host: SessionHost,
    private readonly options: Partial<ProjectStateOptions> = {},
  ) {}

  /** Loads the project once (files open in the editor are read from their buffers). */
  private load(): Promise<ProjectState> {
    this.loading ??= (async () => {
      const started = performance.now();
      const texts = new Map<string, string>();
      for (const file of this.host.openFiles()) {
        const text = this.host.openText(file);
        if (text !== undefined) texts.set(file, text);
      }
      const state = await ProjectState.load(
        this.root,
        overlaySource(texts),
        this.options,
        new Set(texts.keys()),
      );
      this.state = state;
      this.host.log(
        `kg: loaded ${this.root} (${state.list().length} files) in ${Math.round(performance.now() - started)} ms`,
      );
      return state;
    })();
    return this.loading;
  }

  /** A file's text changed in the editor, or on disk (`disk`: read it again, or drop it). */
  changed(file: string, from: 'editor' | 'disk'): void {
    this.pending.set(file, from);
    void this.schedule();
  }

  /** The latest analysis once every change so far is in. */
  settled(): Promise<Analysis> {
    if (this.latest && !this.pending.size && !this.scheduled) return Promise.resolve(this.latest);
    return this.schedule();
  }

  /** The latest analysis as it is (may lag behind the last keystrokes), if any. */
  get current(): Analysis | undefined {
    return this.latest;
  }

  get project(): ProjectState | undefined {
    return this.state;
  }

  private schedule(): Promise<Analysis> {
    // One run at a time; changes that arrive during a run are taken by the next one.
    this.scheduled ??= new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.run())
      .finally(() => {
        this.scheduled = undefined;
      })
      .then((analysis) => (this.pending.size ? this.schedule() : analysis));
    return this.scheduled;
  }

  private async run(): Promise<Analysis> {
    const state = await this.load();
    const started = performance.now();
    const changes = [...this.pending];
    this.pending.clear();
    for (const [file, from] of changes) {
      const text = from === 'editor' ? this.host.openText(file) : undefined;
      if (text !== undefined) state.setText(file, text);
      else await state.refresh(file);
    }
    const analysis = state.analyze();
    this.latest = analysis;
    this.publish(
      analysis.diagnostics,
      changes.map(([file]) => file),
    );
    this.lastUpdateMs = performance.now() - started;
    return analysis;
  }

  /** Publishes what changed, and always for `edited` files (the editor awaits an answer). */
  private publish(diagnostics: Diagnostic[], edited: string[]): void {
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of diagnostics) {
      let list = byFile.get(d.file);
      if (!list) byFile.set(d.file, (list = []));
      list.push(d);
    }
    for (const file of this.published.keys()) if (!byFile.has(file)) byFile.set(file, []);
    for (const file of edited) if (!byFile.has(file)) byFile.set(file, []);
    const force = new Set(edited);
    // The edited files first: their editor waits for them.
    const order = [...edited, ...[...byFile.keys()].filter((f) => !force.has(f))];
    for (const file of order) {
      const list = byFile.get(file)!;
      const last = this.published.get(file);
      // Most diagnostics are the very objects of the last analysis (kept with what they are
      // about): a file whose list is the same objects is skipped without converting it.
      if (!force.has(file) && last && sameItems(last.items, list)) continue;
      const converted = list.map(toLspDiagnostic);
      const key = JSON.stringify(converted);
      if (last?.key === key && !force.has(file)) {
        last.items = list;
        continue;
      }
      if (list.length) this.published.set(file, { items: list, key });
      else this.published.delete(file);
      this.host.publish(pathToUri(file), converted);
    }
  }
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
