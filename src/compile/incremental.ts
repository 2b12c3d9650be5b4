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
import type { FileDefaults, RelationDef, Str } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { CheckedSource } from '../sources/check-quotes.js';
import { ProjectSources, type ProjectSourcesOptions } from '../sources/project-sources.js';
import type { SerializedGraph } from 'graphology-types';
import type { EdgeAttrs, Evidence, GraphAttrs, KgGraph, NodeAttrs } from '../types.js';
import type { SchemaInfo, SourceInfo } from '../types.js';
import { own } from '../util/dict.js';
import { addEntities, createGraph, sizeNodes } from './build-graph.js';
import { FactState, type FactSource, type GraphChanges } from './fact-state.js';
import type { EntityIndex } from './entity-index.js';
import { deriveRelationId } from './facts.js';
import type { FileState } from './project-state.js';
import type { ResolvedEntity } from './resolve-entities.js';
import type { ProjectInfo } from './resolve-project.js';
import { referenceFacts, RelationResolver } from './resolve-relations.js';
import { reportUnconnected, resolveDeclarations } from './resolution.js';

/** One relation statement as written, prepared on its own. */
interface Stmt extends FactSource {
  def: RelationDef;
  diagnostics: Diagnostic[];
  /** Every entity name it writes (endpoints and `ref` values), resolved or not. */
  names: string[];
  unresolved: boolean;
  /** Its quoted evidence items, checked against source texts on every update. */
  quotes: [Evidence, Str, Str | undefined][];
}

interface Declarations {
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  project: ProjectInfo;
  entities: ResolvedEntity[];
  byId: Map<string, ResolvedEntity>;
  index: EntityIndex;
  /** The index as relations see it: the `ref` values they name go to a scratch set. */
  relationView: EntityIndex;
  /** Entities named by entity `ref` properties (connected without relations). */
  referenced: Set<string>;
  diagnostics: Diagnostic[];
}

interface FileRecord {
  state: FileState;
  /** Its place in project order. */
  position: number;
  stmts: Stmt[];
  /** Its statements' diagnostics, in order (undefined: to be gathered again). */
  diagnostics: Diagnostic[] | undefined;
  schemaKey: string;
  sourcesKey: string;
  /** Each declared entity id's definitions in this file (and the file's defaults), no positions. */
  entityKeys: Map<string, string>;
}

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

export interface IncrementalResult {
  /** Resolution's diagnostics (not the parse's); unsorted. */
  diagnostics: Diagnostic[];
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  entities: Map<string, ResolvedEntity>;
  index: EntityIndex;
  /** Relations (facts) naming each entity (either end). */
  degree: Map<string, number>;
  /** Relations (facts) of each relation type. */
  relationCounts: Map<string, number>;
  /** Evidence items of each fact, by identity (deriveRelationId), after merging. */
  evidenceCounts: Map<string, number>;
  /** The facts a statement makes (file, index in the file), by identity. */
  factsOf(absolute: string, index: number): { identity: string; from: string; to: string }[];
  /**
   * Only when asked for (`emit`). Kept between updates and updated in place when only some
   * statements changed (see graphChanges); its edges may then be out of a fresh compile's
   * order: serialise it with exportGraph.
   */
  graph?: KgGraph;
  /**
   * The graph serialised as a fresh compile's graph.export() is (edges in its order), as it
   * is now (a graph kept is updated in place by later updates).
   */
  exportGraph?: () => SerializedKgGraph;
  /**
   * With `emit`, when the graph is the one returned last time, updated in place: the edges and
   * nodes that changed since then (absent: a new graph).
   */
  graphChanges?: GraphChanges;
  /** Source texts and their checked quotes (with `emit`; see ProjectSources.run). */
  texts: CheckedSource[];
  /** Statements prepared by the last update (for tests and the benchmark). */
  resolvedStatements: number;
  /** False when the last update changed the fact table in place (for tests). */
  rebuiltFacts: boolean;
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
    this.decls = this.declarations(files);
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
      this.decls = this.declarations(files);
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
      const resolver = this.resolver();
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

  /** True when every default source of a file is declared (see the top of this file). */
  private defaultsKnown(defaults: FileDefaults | undefined): boolean {
    return (defaults?.sources ?? []).every((s) => this.decls!.sources.has(s.value));
  }

  private declarations(files: FileState[]): Declarations {
    const sink = new DiagnosticSink();
    const { schema, sources, entities, index, project } = resolveDeclarations(
      sink,
      files.map((f) => f.contribution),
    );
    const referenced = new Set(index.referenced);
    // Relations' `ref` values would be added to index.referenced; they are counted per
    // statement instead, so a view of the index gives them a set of their own.
    const relationView: EntityIndex = Object.create(index, {
      referenced: { value: new Set<string>() },
    });
    const byId = new Map(entities.map((e) => [e.id, e]));
    return {
      schema,
      sources,
      project,
      entities,
      byId,
      index,
      relationView,
      referenced,
      diagnostics: sink.items,
    };
  }

  /** A preparer of statements; one per file, as compile() checks a file's default source once. */
  private resolver(): {
    stmt(def: RelationDef, defaults: FileDefaults | undefined, file: number, index: number): Stmt;
  } {
    const { schema, sources, relationView } = this.decls!;
    const sink = new DiagnosticSink();
    const connected = new Set<string>();
    const noop = () => undefined;
    let quotes: Stmt['quotes'] = [];
    const out = {
      connected,
      emit: noop,
      merge: noop,
      quoted: (item: Evidence, quote: Str, near: Str | undefined) => {
        quotes.push([item, quote, near]);
      },
    };
    const resolver = new RelationResolver(sink, schema, relationView, sources, out);
    const referenced = relationView.referenced;
    return {
      stmt: (def, defaults, file, index) => {
        connected.clear();
        referenced.clear();
        quotes = [];
        const prepared = resolver.prepare(def, defaults);
        this.resolvedStatements++;
        const diagnostics = sink.items.splice(0);
        const stmt: Stmt = {
          def,
          prepared,
          identities: prepared ? prepared.facts.map(deriveRelationId) : [],
          diagnostics,
          touches: [...new Set([...connected, ...referenced])],
          names: namesOf(def, schema),
          unresolved: diagnostics.some((d) => d.code === 'KG108'),
          quotes,
          file,
          index,
        };
        return stmt;
      },
    };
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
    const resolver = this.resolver();
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
    const resolver = this.resolver();
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
    const decls = this.decls!;
    const sink = new DiagnosticSink();
    const diagnostics: Diagnostic[] = [...decls.diagnostics];
    const records = files.map((f) => this.records.get(f.absolute)!);
    const changes = this.changes;
    this.changes = undefined;
    // The table (and the graph kept with it, if any) updated in place when it can be.
    let rebuiltFacts = !changes || !this.facts.replace(changes.removed, changes.added);
    if (emit && !this.facts.graph) rebuiltFacts = true;
    let graph: KgGraph | undefined;
    let graphChanges: GraphChanges | undefined;
    if (rebuiltFacts) {
      if (emit) {
        graph = createGraph(
          decls.project.id ?? this.name,
          decls.schema,
          decls.sources,
          decls.project,
        );
        addEntities(graph, decls.schema, decls.entities);
      }
      const statements = function* () {
        for (const record of records) yield* record.stmts;
      };
      const references = referenceFacts(decls.schema, decls.entities);
      this.facts.rebuild(references, statements(), graph && { graph, schema: decls.schema });
    } else if (emit) {
      graph = this.facts.graph;
      graphChanges = this.facts.takeGraphChanges();
    }
    for (const record of records) {
      record.diagnostics ??= record.stmts.flatMap((stmt) => stmt.diagnostics);
      for (const d of record.diagnostics) diagnostics.push(d);
    }
    // As compile() reports them: reference edges' facts, source texts declared (in file
    // order), the statements' facts, KG201, then the quotes checked against the texts.
    const table = this.facts.diagnostics();
    const references = table.findIndex(([order]) => order[0] !== -1);
    const split = references < 0 ? table.length : references;
    for (const [, d] of table.slice(0, split)) sink.items.push(d);
    const texts = new ProjectSources(sink, this.texts);
    const sources = files.flatMap((f) => f.contribution.sources);
    texts.declare(sources);
    for (const [, d] of table.slice(split)) sink.items.push(d);
    if (emit || sources.some((s) => s.file)) {
      for (const record of records) {
        for (const stmt of record.stmts) {
          for (const [item, quote, near] of stmt.quotes) {
            // Kept items were anchored by an earlier check: this one decides again.
            delete item.anchor;
            texts.quoted(item, quote, near);
          }
        }
      }
    }
    reportUnconnected(sink, decls.entities, this.facts.connected, {
      referenced: decls.referenced,
    });
    const checked = texts.run(emit);
    if (graph && !graphChanges) sizeNodes(graph);
    for (const d of sink.items) diagnostics.push(d);
    const { degree, relationCounts, evidenceCounts } = this.facts;
    const byPath = this.records;
    const out: IncrementalResult = {
      diagnostics,
      schema: decls.schema,
      sources: decls.sources,
      entities: decls.byId,
      index: decls.index,
      degree,
      relationCounts,
      evidenceCounts,
      factsOf: (absolute, index) => {
        const stmt = byPath.get(absolute)?.stmts[index];
        const facts = stmt?.prepared?.facts ?? [];
        return facts.map(({ from, to }, i) => ({ identity: stmt!.identities[i]!, from, to }));
      },
      resolvedStatements: this.resolvedStatements,
      rebuiltFacts,
      texts: checked,
    };
    if (graph) {
      out.graph = graph;
      const facts = this.facts;
      out.exportGraph = () => exportInOrder(graph, facts.edgeOrder(graph));
    }
    if (graphChanges) out.graphChanges = graphChanges;
    return out;
  }
}

export type SerializedKgGraph = SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

/** graph.export() with its edges in `order` (their keys), when given. */
function exportInOrder(graph: KgGraph, order: string[] | undefined): SerializedKgGraph {
  const data = graph.export();
  if (!order) return data;
  const at = new Map(order.map((key, i) => [key, i]));
  data.edges.sort((a, b) => at.get(a.key!)! - at.get(b.key!)!);
  return data;
}

/** Every entity name a statement writes: its endpoints and its `ref` property values. */
function namesOf(def: RelationDef, schema: SchemaInfo): string[] {
  const names = [...def.from.map((s) => s.value), ...def.to.map((s) => s.value)];
  const specs = own(schema.relations, def.type.value)?.properties;
  for (const p of def.properties) {
    const spec = own(specs, p.key.value);
    if (spec?.type !== 'ref') continue;
    // As checkValue reads it: a list only where the property takes a list.
    const values = p.value.kind === 'list' ? (spec.list ? p.value.items : []) : [p.value];
    for (const v of values) if (v.kind === 'scalar' && v.value !== null) names.push(v.text);
  }
  return names;
}
