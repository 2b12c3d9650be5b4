// Incremental resolution: keeps every relation statement prepared (resolved against the
// declarations, see RelationResolver.prepare) between edits and, when a file changes, prepares
// again only what can have changed; the fact table (same-fact merging, KG203, KG113, KG118)
// then adds again only the identities of the statements that changed (fact-state.ts). The
// results (diagnostics, graph) are those of a fresh compile; test/compile/incremental.test.ts
// checks that after thousands of seeded edits.
//
// What is invalidated by what:
// - a file's text: its statements are prepared again (its parse is new; its `defaults:` too) —
//   unless it was re-parsed in part (reparse.ts): then only its new statements are, and the
//   ones after them when lines came or went (their diagnostics' lines move);
// - its schema or sources (compared without positions): every statement of the project (no
//   file is parsed again);
// - its entity declarations or manifest: the declarations of the whole project are resolved
//   again (cheap next to parsing), then the statements that name an id or alias whose lookup
//   changed (missing / found / ambiguous, which entity, its type), plus — when ids or aliases
//   came or went — the statements with an unresolved name, whose "did you mean" may change;
// - a file added or removed: everything is prepared again (file order changes).
// A statement is prepared again alone, except in a file whose default source is unknown: that
// KG111 is reported once per file, so the whole file is prepared again.
import type { FileDefaults } from '../language/ast.js';
import type { ProjectSourcesOptions } from '../sources/project-sources.js';
import { FactState } from './fact-state.js';
import type { EntityIndex } from './entity-index.js';
import { assembleResult, type IncrementalResult } from './incremental-result.js';
import type { FileState } from './project-state.js';
import {
  buildDeclarations,
  statementPreparer,
  type Declarations,
  type FileRecord,
  type StatementPreparer,
  type Stmt,
} from './statement-preparer.js';

export type { IncrementalResult } from './incremental-result.js';

/** JSON of parsed definitions without their positions (which move with every edit). */
function keyOf(value: unknown): string {
  return JSON.stringify(value, (k, v: unknown) =>
    k === 'file' || k === 'start' || k === 'end' || k === 'span' ? undefined : v,
  );
}

function entityKeys(state: FileState): Map<string, string> {
  const out = new Map<string, string>();
  const c = state.contribution;
  const defaults = c.entities.length ? keyOf(c.defaults?.sources) : '';
  for (const e of c.entities) {
    out.set(e.id.value, (out.get(e.id.value) ?? defaults) + keyOf(e));
  }
  return out;
}

function declares(state: FileState): boolean {
  const c = state.contribution;
  return (
    c.entities.length > 0 ||
    c.entityTypes.length > 0 ||
    c.relationTypes.length > 0 ||
    c.sources.length > 0 ||
    c.project !== undefined
  );
}

function lookupKey(index: EntityIndex, name: string): string {
  const found = index.lookup(name);
  if (found.kind === 'found') return `found:${found.entity.id}:${found.entity.type ?? ''}`;
  return found.kind === 'ambiguous' ? `ambiguous:${found.candidates.join(',')}` : 'missing';
}

export class IncrementalResolution {
  private readonly records = new Map<string, FileRecord>();
  private order: string[] = [];
  private decls: Declarations | undefined;
  private resolvedStatements = 0;
  private readonly facts = new FactState();
  /** Statements replaced since the fact table was last brought up to date (undefined: all). */
  private changes: { removed: Stmt[]; added: Stmt[] } | undefined;

  constructor(
    private readonly name: string,
    /** Where sources' `file:` texts are read from (see ProjectSources). */
    private readonly texts: ProjectSourcesOptions,
  ) {}

  /** Brings the resolution up to date with `files` (in project order) and returns it. */
  update(files: FileState[], options: { emit?: boolean } = {}): IncrementalResult {
    this.resolvedStatements = 0;
    this.changes = this.facts.built ? { removed: [], added: [] } : undefined;
    const sameFiles =
      this.decls !== undefined &&
      files.length === this.order.length &&
      files.every((f, i) => this.order[i] === f.absolute);
    if (sameFiles) this.incremental(files);
    else this.full(files);
    return this.result(files, options.emit === true);
  }

  private full(files: FileState[]): void {
    this.records.clear();
    this.changes = undefined;
    this.order = files.map((f) => f.absolute);
    this.decls = buildDeclarations(files);
    for (const [position, state] of files.entries()) {
      const record: FileRecord = {
        state,
        position,
        stmts: [],
        diagnostics: undefined,
        schemaKey: keyOf([state.contribution.entityTypes, state.contribution.relationTypes]),
        sourcesKey: keyOf(state.contribution.sources),
        entityKeys: entityKeys(state),
      };
      this.records.set(state.absolute, record);
      this.prepareFile(record);
    }
  }

  private incremental(files: FileState[]): void {
    const changed: FileRecord[] = [];
    let schemaOrSources = false;
    let declarations = false;
    const changedIds = new Set<string>();
    /** The version each changed file had when it was last resolved. */
    const versions = new Map<FileRecord, number>();
    for (const state of files) {
      const record = this.records.get(state.absolute)!;
      if (record.state === state) continue;
      changed.push(record);
      versions.set(record, record.state.version);
      const schemaKey = keyOf([state.contribution.entityTypes, state.contribution.relationTypes]);
      const sourcesKey = keyOf(state.contribution.sources);
      if (schemaKey !== record.schemaKey || sourcesKey !== record.sourcesKey) {
        schemaOrSources = true;
      }
      // Declarations that only moved still need resolving again: their positions are reported.
      if (declares(record.state) || declares(state)) declarations = true;
      const keys = entityKeys(state);
      for (const id of new Set([...keys.keys(), ...record.entityKeys.keys()])) {
        if (keys.get(id) !== record.entityKeys.get(id)) changedIds.add(id);
      }
      Object.assign(record, { state, schemaKey, sourcesKey, entityKeys: keys });
    }
    if (!changed.length) return;
    const before = this.decls!;
    if (declarations) {
      this.decls = buildDeclarations(files);
      // Reference edges and KG201's entities may differ: the fact table is rebuilt.
      this.changes = undefined;
    }
    // Names whose lookup differs now.
    const names = new Set<string>();
    for (const id of changedIds) {
      const candidates = [id];
      for (const a of before.byId.get(id)?.aliases ?? []) candidates.push(a);
      for (const a of this.decls!.byId.get(id)?.aliases ?? []) candidates.push(a);
      for (const n of candidates) {
        if (lookupKey(before.index, n) !== lookupKey(this.decls!.index, n)) names.add(n);
      }
    }
    const edited = new Set(changed);
    const stable = !declarations && !schemaOrSources;
    for (const record of changed) {
      if (!stable || !this.prepareReparsed(record, versions.get(record)!)) this.prepareFile(record);
    }
    if (!schemaOrSources && !changedIds.size) return;
    for (const state of files) {
      const record = this.records.get(state.absolute)!;
      if (edited.has(record)) continue;
      if (schemaOrSources) {
        this.prepareFile(record);
        continue;
      }
      const stale = (stmt: Stmt) =>
        (changedIds.size > 0 && stmt.unresolved) || stmt.names.some((n) => names.has(n));
      if (!record.stmts.some(stale)) continue;
      if (!this.defaultsKnown(state.contribution.defaults)) {
        this.prepareFile(record);
        continue;
      }
      const resolver = this.preparer();
      record.stmts.forEach((stmt, i) => {
        if (!stale(stmt)) return;
        const next = resolver.stmt(stmt.def, state.contribution.defaults, record.position, i);
        record.stmts[i] = next;
        this.changes?.removed.push(stmt);
        this.changes?.added.push(next);
      });
      record.diagnostics = undefined;
    }
  }

  private preparer(): StatementPreparer {
    return statementPreparer(this.decls!, () => this.resolvedStatements++);
  }

  /** True when every default source of a file is declared (see the top of this file). */
  private defaultsKnown(defaults: FileDefaults | undefined): boolean {
    return (defaults?.sources ?? []).every((s) => this.decls!.sources.has(s.value));
  }

  /**
   * A file re-parsed in part from the version resolved last (reparse.ts): only its new
   * statements are prepared — and the ones after them when lines came or went (their
   * diagnostics' lines move). False when the whole file must be prepared.
   */
  private prepareReparsed(record: FileRecord, version: number): boolean {
    const part = record.state.reparsed;
    const { relations, defaults } = record.state.contribution;
    if (part?.from !== version || !this.defaultsKnown(defaults)) return false;
    const { first, removed, added, lineDelta } = part;
    const old = record.stmts;
    const resolver = this.preparer();
    const stmts = old.slice(0, first);
    const fresh: Stmt[] = [];
    const prepare = (i: number) => {
      const stmt = resolver.stmt(relations[i]!, defaults, record.position, i);
      fresh.push(stmt);
      stmts.push(stmt);
    };
    for (let i = first; i < first + added; i++) prepare(i);
    const gone = old.slice(first, first + removed);
    for (let j = first + removed; j < old.length; j++) {
      const i = j - removed + added;
      const kept = old[j]!;
      if (lineDelta || kept.def !== relations[i]) {
        gone.push(kept);
        prepare(i);
      } else {
        kept.index = i;
        stmts.push(kept);
      }
    }
    this.changes?.removed.push(...gone);
    this.changes?.added.push(...fresh);
    record.stmts = stmts;
    record.diagnostics = undefined;
    return true;
  }

  private prepareFile(record: FileRecord): void {
    const resolver = this.preparer();
    const { relations, defaults } = record.state.contribution;
    const old = record.stmts;
    record.stmts = relations.map((def, i) => resolver.stmt(def, defaults, record.position, i));
    record.diagnostics = undefined;
    if (this.changes) {
      for (const stmt of old) this.changes.removed.push(stmt);
      for (const stmt of record.stmts) this.changes.added.push(stmt);
    }
  }

  private result(files: FileState[], emit: boolean): IncrementalResult {
    const changes = this.changes;
    this.changes = undefined;
    return assembleResult(
      {
        name: this.name,
        decls: this.decls!,
        files,
        records: this.records,
        facts: this.facts,
        changes,
        texts: this.texts,
        resolvedStatements: this.resolvedStatements,
      },
      emit,
    );
  }
}
