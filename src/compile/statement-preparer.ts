// What the incremental resolution (incremental.ts) keeps between edits: the project's resolved
// declarations, and each file's relation statements prepared one by one against them.
import type { FileDefaults, RelationDef, Str } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Evidence, SchemaInfo, SourceInfo } from '../types.js';
import { own } from '../util/dict.js';
import type { EntityIndex } from './entity-index.js';
import type { FactSource } from './fact-state.js';
import { deriveRelationId } from './facts.js';
import type { FileState } from './project-state.js';
import type { ResolvedEntity } from './resolve-entities.js';
import type { ProjectInfo } from './resolve-project.js';
import { RelationResolver } from './resolve-relations.js';
import { resolveDeclarations } from './resolution.js';

/** One relation statement as written, prepared on its own. */
export interface Stmt extends FactSource {
  def: RelationDef;
  diagnostics: Diagnostic[];
  /** Every entity name it writes (endpoints and `ref` values), resolved or not. */
  names: string[];
  unresolved: boolean;
  /** Its quoted evidence items, checked against source texts on every update. */
  quotes: [Evidence, Str, Str | undefined][];
}

export interface Declarations {
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

export interface FileRecord {
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

/** Resolves the declarations of the whole project (cheap next to parsing). */
export function buildDeclarations(files: FileState[]): Declarations {
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

export interface StatementPreparer {
  stmt(def: RelationDef, defaults: FileDefaults | undefined, file: number, index: number): Stmt;
}

/**
 * A preparer of statements; one per file, as compile() checks a file's default source once.
 * `prepared` is called once per statement prepared (the resolution counts them).
 */
export function statementPreparer(decls: Declarations, prepared: () => void): StatementPreparer {
  const { schema, sources, relationView } = decls;
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
      const result = resolver.prepare(def, defaults);
      prepared();
      const diagnostics = sink.items.splice(0);
      return {
        def,
        prepared: result,
        identities: result ? result.facts.map(deriveRelationId) : [],
        diagnostics,
        touches: [...new Set([...connected, ...referenced])],
        names: namesOf(def, schema),
        unresolved: diagnostics.some((d) => d.code === 'KG108'),
        quotes,
        file,
        index,
      };
    },
  };
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
