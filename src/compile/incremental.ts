// Incremental resolution: keeps every relation statement resolved between edits and, when a
// file changes, re-resolves only what can have changed. The results (diagnostics, graph) are
// those of a fresh compile; test/compile/incremental.test.ts checks that after thousands of
// seeded edits.
//
// What is invalidated by what:
// - a file's text: its statements are resolved again (its parse is new);
// - its schema or sources (compared without positions): every statement of the project (no
//   file is parsed again);
// - its entity declarations: the declarations of the whole project are resolved again (cheap
//   next to parsing), then the statements that name an id or alias whose lookup changed
//   (missing / found / ambiguous, which entity, its type), plus — when ids or aliases came or
//   went — the statements with an unresolved name, whose "did you mean" may change;
// - a file added or removed: everything is resolved again (file order changes).
// Statements are grouped by relation id: the first statement of a group is the relation (the
// edge), later ones are duplicates (KG113/KG203), so an edit re-sorts only the groups it
// touches. "Entity without relations" (KG201) is derived from per-entity reference counts.
import type { RelationDef } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { KgGraph, SchemaInfo, SourceInfo } from '../types.js';
import { own } from '../util/dict.js';
import { addEntities, addRelation, createGraph, sizeNodes } from './build-graph.js';
import type { EntityIndex } from './entity-index.js';
import type { FileState } from './project-state.js';
import type { ResolvedEntity } from './resolve-entities.js';
import {
  deriveRelationId,
  reportDuplicate,
  resolveDef,
  type ResolvedRelation,
} from './resolve-relations.js';
import { reportUnconnected, resolveDeclarations } from './resolution.js';

/** One relation as written, resolved on its own. */
interface Stmt {
  def: RelationDef;
  /** Position in the project: file rank, then index in the file. */
  rank: number;
  index: number;
  diagnostics: Diagnostic[];
  relation?: Omit<ResolvedRelation, 'id' | 'span'>;
  id?: string;
  /** Entities it connects (endpoints, `ref` values), counted for KG201. */
  touches: string[];
  /** Every entity name it writes (endpoints and `ref` values), resolved or not. */
  names: string[];
  unresolved: boolean;
}

interface Declarations {
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  entities: ResolvedEntity[];
  byId: Map<string, ResolvedEntity>;
  index: EntityIndex;
  /** The index as relations see it: `ref` values they name go to a scratch set. */
  relationView: EntityIndex;
  /** Entities named by entity `ref` properties (connected without relations). */
  referenced: Set<string>;
  diagnostics: Diagnostic[];
}

interface FileRecord {
  state: FileState;
  stmts: Stmt[];
  schemaKey: string;
  sourcesKey: string;
  /** Each declared entity id's definitions in this file, without positions. */
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
  for (const e of state.contribution.entities) {
    out.set(e.id.value, (out.get(e.id.value) ?? '') + keyOf(e));
  }
  return out;
}

function declares(state: FileState): boolean {
  const c = state.contribution;
  return (
    c.entities.length > 0 ||
    c.entityTypes.length > 0 ||
    c.relationTypes.length > 0 ||
    c.sources.length > 0
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
  /** Valid relations naming each entity (either end). */
  degree: Map<string, number>;
  /** Valid relations of each relation type. */
  relationCounts: Map<string, number>;
  /** Only when asked for (`emit`). */
  graph?: KgGraph;
  /** Statements resolved by the last update (for tests and the benchmark). */
  resolvedStatements: number;
}

export class IncrementalResolution {
  private records = new Map<string, FileRecord>();
  private order: string[] = [];
  private decls: Declarations | undefined;
  private readonly groups = new Map<string, Stmt[]>();
  /** Statements naming each entity (endpoints and refs), for KG201. */
  private readonly touchCount = new Map<string, number>();
  private resolvedStatements = 0;

  constructor(private readonly name: string) {}

  /** Brings the resolution up to date with `files` (in project order) and returns it. */
  update(files: FileState[], options: { emit?: boolean } = {}): IncrementalResult {
    this.resolvedStatements = 0;
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
    this.groups.clear();
    this.touchCount.clear();
    this.order = files.map((f) => f.absolute);
    this.decls = this.declarations(files);
    files.forEach((state, rank) => {
      const record: FileRecord = {
        state,
        stmts: [],
        schemaKey: keyOf([state.contribution.entityTypes, state.contribution.relationTypes]),
        sourcesKey: keyOf(state.contribution.sources),
        entityKeys: entityKeys(state),
      };
      this.records.set(state.absolute, record);
      this.setStatements(record, rank);
    });
  }

  private incremental(files: FileState[]): void {
    const changed: { rank: number; record: FileRecord; state: FileState }[] = [];
    let schemaOrSources = false;
    let declarations = false;
    const changedIds = new Set<string>();
    files.forEach((state, rank) => {
      const record = this.records.get(state.absolute)!;
      if (record.state === state) return;
      changed.push({ rank, record, state });
      const schemaKey = keyOf([state.contribution.entityTypes, state.contribution.relationTypes]);
      const sourcesKey = keyOf(state.contribution.sources);
      if (schemaKey !== record.schemaKey || sourcesKey !== record.sourcesKey)
        schemaOrSources = true;
      // Declarations that only moved still need resolving again: their positions are reported.
      if (declares(record.state) || declares(state)) declarations = true;
      const keys = entityKeys(state);
      for (const id of new Set([...keys.keys(), ...record.entityKeys.keys()])) {
        if (keys.get(id) !== record.entityKeys.get(id)) changedIds.add(id);
      }
      Object.assign(record, { schemaKey, sourcesKey, entityKeys: keys });
    });
    if (!changed.length) return;
    const before = this.decls!;
    if (declarations) this.decls = this.declarations(files);
    // Names whose lookup differs now.
    const names = new Set<string>();
    if (changedIds.size) {
      const candidates = new Set<string>();
      for (const id of changedIds) {
        candidates.add(id);
        for (const a of before.byId.get(id)?.aliases ?? []) candidates.add(a);
        for (const a of this.decls!.byId.get(id)?.aliases ?? []) candidates.add(a);
      }
      for (const n of candidates) {
        if (lookupKey(before.index, n) !== lookupKey(this.decls!.index, n)) names.add(n);
      }
    }
    const edited = new Set(changed.map((c) => c.record));
    for (const { rank, record, state } of changed) {
      record.state = state;
      this.setStatements(record, rank);
    }
    if (!schemaOrSources && !changedIds.size) return;
    files.forEach((state, rank) => {
      const record = this.records.get(state.absolute)!;
      if (edited.has(record)) return;
      record.stmts.forEach((stmt, i) => {
        const stale =
          schemaOrSources ||
          (changedIds.size > 0 && stmt.unresolved) ||
          stmt.names.some((n) => names.has(n));
        if (stale) this.replace(record, i, this.resolve(stmt.def, rank, i));
      });
    });
  }

  private declarations(files: FileState[]): Declarations {
    const sink = new DiagnosticSink();
    const { schema, sources, entities, index } = resolveDeclarations(
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
      entities,
      byId,
      index,
      relationView,
      referenced,
      diagnostics: sink.items,
    };
  }

  private resolve(def: RelationDef, rank: number, index: number): Stmt {
    const { schema, sources, relationView } = this.decls!;
    const sink = new DiagnosticSink();
    const connected = new Set<string>();
    const relation = resolveDef(sink, def, schema, relationView, sources, connected);
    this.resolvedStatements++;
    const names = [def.from.value, def.to.value];
    const touches = [...connected];
    const specs = own(schema.relations, def.type.value)?.properties;
    for (const p of def.properties) {
      if (own(specs, p.key.value)?.type !== 'ref') continue;
      // As checkValue reads it: a list only where the property takes a list.
      const spec = own(specs, p.key.value)!;
      const values = p.value.kind === 'list' ? (spec.list ? p.value.items : []) : [p.value];
      for (const v of values) {
        if (v.kind !== 'scalar' || v.value === null) continue;
        names.push(v.text);
        const found = relationView.lookup(v.text);
        if (found.kind === 'found') touches.push(found.entity.id);
      }
    }
    const stmt: Stmt = {
      def,
      rank,
      index,
      diagnostics: sink.items,
      touches,
      names,
      unresolved: sink.items.some((d) => d.code === 'KG108'),
    };
    if (relation) {
      stmt.relation = relation;
      stmt.id = def.id?.value ?? deriveRelationId(relation);
    }
    return stmt;
  }

  private setStatements(record: FileRecord, rank: number): void {
    for (const old of record.stmts) this.detach(old);
    record.stmts = record.state.contribution.relations.map((def, i) => {
      const stmt = this.resolve(def, rank, i);
      this.attach(stmt);
      return stmt;
    });
  }

  private replace(record: FileRecord, i: number, stmt: Stmt): void {
    this.detach(record.stmts[i]!);
    record.stmts[i] = stmt;
    this.attach(stmt);
  }

  private attach(stmt: Stmt): void {
    for (const id of stmt.touches) this.touchCount.set(id, (this.touchCount.get(id) ?? 0) + 1);
    if (stmt.id === undefined) return;
    const group = this.groups.get(stmt.id);
    if (!group) {
      this.groups.set(stmt.id, [stmt]);
      return;
    }
    // Statement order: file rank, then position in the file.
    let at = group.length;
    while (
      at > 0 &&
      (group[at - 1]!.rank > stmt.rank ||
        (group[at - 1]!.rank === stmt.rank && group[at - 1]!.index > stmt.index))
    ) {
      at--;
    }
    group.splice(at, 0, stmt);
  }

  private detach(stmt: Stmt): void {
    for (const id of stmt.touches) {
      const n = (this.touchCount.get(id) ?? 0) - 1;
      if (n > 0) this.touchCount.set(id, n);
      else this.touchCount.delete(id);
    }
    if (stmt.id === undefined) return;
    const group = this.groups.get(stmt.id);
    if (!group) return;
    const at = group.indexOf(stmt);
    if (at >= 0) group.splice(at, 1);
    if (!group.length) this.groups.delete(stmt.id);
  }

  private result(files: FileState[], emit: boolean): IncrementalResult {
    const decls = this.decls!;
    const sink = new DiagnosticSink();
    const diagnostics: Diagnostic[] = [...decls.diagnostics];
    const degree = new Map<string, number>();
    const relationCounts = new Map<string, number>();
    const bump = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);
    let graph: KgGraph | undefined;
    if (emit) {
      graph = createGraph(this.name, decls.schema, decls.sources);
      addEntities(graph, decls.schema, decls.entities);
    }
    for (const f of files) {
      for (const stmt of this.records.get(f.absolute)!.stmts) {
        for (const d of stmt.diagnostics) diagnostics.push(d);
        if (stmt.id === undefined || !stmt.relation) continue;
        const group = this.groups.get(stmt.id)!;
        const first = group[0]!;
        if (first !== stmt) {
          reportDuplicate(sink, stmt.def, stmt.id, {
            span: first.def.id ?? first.def.span,
            explicit: first.def.id !== undefined,
          });
          continue;
        }
        const relation = stmt.relation;
        bump(relationCounts, relation.type);
        bump(degree, relation.from);
        if (relation.to !== relation.from) bump(degree, relation.to);
        if (graph) {
          addRelation(graph, decls.schema, {
            ...relation,
            id: stmt.id,
            span: stmt.def.id ?? stmt.def.span,
          });
        }
      }
    }
    const connected = new Set(this.touchCount.keys());
    reportUnconnected(sink, decls.entities, connected, { referenced: decls.referenced });
    if (graph) sizeNodes(graph);
    for (const d of sink.items) diagnostics.push(d);
    const out: IncrementalResult = {
      diagnostics,
      schema: decls.schema,
      sources: decls.sources,
      entities: decls.byId,
      index: decls.index,
      degree,
      relationCounts,
      resolvedStatements: this.resolvedStatements,
    };
    if (graph) out.graph = graph;
    return out;
  }
}
