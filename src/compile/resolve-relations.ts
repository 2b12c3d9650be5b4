// Resolves relation statements: type, endpoints (ids or unique aliases, one relation per pair
// when a side is a list), endpoint types, evidence, properties and ids; then hands each
// endpoint pair to the fact table (src/compile/facts.ts), which makes it a new fact or more
// evidence for one stated before. Reference edges (`ref` properties with `edge:`) enter the
// same table first, so a relation that restates one adds to its evidence.
import type { FileDefaults, RelationDef, Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { isTagged } from '../language/ast.js';
import type { Span } from '../language/source-file.js';
import { ID_PATTERN, idHint } from '../language/file-keys.js';
import { RELATION_RESERVED_KEYS } from '../language/parse-relation.js';
import { didYouMean } from '../language/suggest.js';
import type { PropertyValue, RelationTypeInfo, SchemaInfo, SourceInfo } from '../types.js';
import { dict, own } from '../util/dict.js';
import type { EntityIndex } from './entity-index.js';
import { FactTable, type FactIndex, type FactSink, type FactStatement } from './facts.js';
import { checkProperty, requiredMissing } from './property-checks.js';
import type { ResolvedEntity } from './resolve-entities.js';
import { EvidenceResolver, type QuotedItem } from './resolve-evidence.js';
import { withArticle } from '../language/article.js';

export { deriveRelationId, type ResolvedRelation } from './facts.js';

export interface RelationSink extends FactSink {
  /** Entities named as an endpoint by any relation, even one with other errors. */
  connected: Set<string>;
  /** Facts by identity (default: a Map); the streaming export passes a compact table. */
  facts?: FactIndex;
  /** Called with each evidence item that has a quote (checked against its source's text). */
  quoted?: QuotedItem;
}

/** A statement ready for the fact table (see RelationResolver.prepare). */
export interface PreparedStatement {
  facts: FactStatement[];
  span: Span;
  /** Where each evidence item was written (see StatementEvidence). */
  spans: Span[] | undefined;
  id?: Str;
}

/** An endpoint side as written: `a` or `[a, b]`. */
function sideText(side: Str[]): string {
  const names = side.map((s) => s.value);
  return names.length === 1 ? names.join('') : `[${names.join(', ')}]`;
}

/** Resolves the relations of a project's files, file by file, into facts. */
export class RelationResolver {
  private readonly table: FactTable;
  private readonly evidence: EvidenceResolver;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly schema: SchemaInfo,
    private readonly index: EntityIndex,
    sources: Map<string, SourceInfo>,
    private readonly out: RelationSink,
  ) {
    this.table = new FactTable(sink, out, out.facts);
    this.evidence = new EvidenceResolver(sink, sources, out.quoted);
  }

  /** Facts so far (statements of the same fact count once). */
  get count(): number {
    return this.table.count;
  }

  /** Adds the reference edges of `entities` (see referenceFacts). */
  referenceEdges(entities: readonly ResolvedEntity[]): void {
    for (const { fact, span } of referenceFacts(this.schema, entities)) {
      this.table.add(fact, span, []);
    }
  }

  /** Resolves one file's relations (and empties its list, to free them). */
  file(file: { relations: RelationDef[]; defaults?: FileDefaults | undefined }): number {
    const defs = file.relations;
    file.relations = [];
    for (const def of defs) this.statement(def, file.defaults);
    return defs.length;
  }

  private statement(def: RelationDef, defaults: FileDefaults | undefined): void {
    const prepared = this.prepare(def, defaults);
    if (!prepared) return;
    for (const fact of prepared.facts) this.add(prepared, fact);
  }

  /** One fact of a prepared statement into the fact table (`identity`: when already known). */
  add(prepared: PreparedStatement, fact: FactStatement, identity?: string): void {
    this.table.add(fact, prepared.span, prepared.spans, prepared.id, identity);
  }

  /**
   * Everything about one statement that does not depend on the other statements: its
   * diagnostics are reported, and its facts (one per resolved endpoint pair) are returned for
   * the fact table. The incremental compiler keeps these between edits.
   */
  prepare(def: RelationDef, defaults: FileDefaults | undefined): PreparedStatement | undefined {
    const { sink } = this;
    const typeName = def.type.value;
    const typeInfo = own(this.schema.relations, typeName);
    if (!typeInfo) {
      sink.report('KG102', def.type, `unknown relation type '${typeName}'`, {
        value: typeName,
        hint:
          didYouMean(typeName, Object.keys(this.schema.relations)) ??
          'declare it under schema.relations',
      });
    }
    const froms = this.endpoints(def.from, typeInfo, typeName, 'from');
    const tos = this.endpoints(def.to, typeInfo, typeName, 'to');
    const { items, spans } = this.evidence.resolve(def, defaults);
    const properties = typeInfo ? this.properties(def, typeInfo) : undefined;
    let id = def.id;
    if (id && !ID_PATTERN.test(id.value)) {
      sink.report('KG014', id, `invalid relation id '${id.value}'`, {
        value: id.value,
        hint: idHint(id.value),
      });
      return undefined;
    }
    if (id && froms.length * tos.length > 1) {
      sink.report('KG119', id, 'one id for several relations', {
        value: id.value,
        hint: 'a list of endpoints makes one relation per pair, each with its own derived id: remove the id, or write the relations separately',
      });
      id = undefined;
    }
    if (!typeInfo || !properties) return undefined;
    const resolved = !froms.includes(undefined) && !tos.includes(undefined);
    if (resolved && !items.some((item) => item.source !== undefined)) {
      const text = `${sideText(def.from)} ${typeName} ${sideText(def.to)}`;
      sink.report('KG202', def.span, `relation '${text}' has no source`, {
        hint: 'add source: <source id> (or a default source: defaults: { source: … }) so readers can check it',
      });
    }
    const facts: FactStatement[] = [];
    for (const from of froms) {
      if (from === undefined) continue;
      for (const to of tos) {
        if (to === undefined) continue;
        const fact: FactStatement = {
          type: typeName,
          from,
          to,
          symmetric: typeInfo.symmetric,
          event: typeInfo.event === true,
          evidence: items,
          properties,
        };
        if (def.note) fact.note = def.note.value;
        facts.push(fact);
      }
    }
    const out: PreparedStatement = { facts, span: def.span, spans };
    if (id) out.id = id;
    return out;
  }

  /** Each endpoint's entity id (undefined where it does not resolve: reported). */
  private endpoints(
    refs: Str[],
    typeInfo: RelationTypeInfo | undefined,
    typeName: string,
    side: 'from' | 'to',
  ): (string | undefined)[] {
    const out: (string | undefined)[] = [];
    for (const ref of refs) out.push(this.endpoint(ref, typeInfo, typeName, side));
    return out;
  }

  /** An endpoint's entity id; undefined when it does not resolve (reported). */
  private endpoint(
    ref: Str,
    typeInfo: RelationTypeInfo | undefined,
    typeName: string,
    side: 'from' | 'to',
  ): string | undefined {
    const target = this.index.resolve(
      this.sink,
      ref.value,
      ref,
      `relation ${side === 'from' ? 'subject' : 'object'}`,
    );
    if (!target) return undefined;
    // Endpoints count as connected even when the relation has other errors.
    this.out.connected.add(target.id);
    const allowed = typeInfo?.[side] ?? [];
    if (allowed.length && target.type && !allowed.includes(target.type)) {
      this.sink.report(
        'KG110',
        ref,
        `${typeName} cannot ${side === 'from' ? 'start at' : 'end at'} ${withArticle(target.type)}`,
        { value: ref.value, hint: `'${side}' of ${typeName} allows ${allowed.join(', ')}` },
      );
    }
    return target.id;
  }

  private properties(
    def: RelationDef,
    typeInfo: RelationTypeInfo,
  ): Record<string, PropertyValue> | undefined {
    const properties = dict<PropertyValue>();
    const typeName = def.type.value;
    const refused = new Set<string>();
    for (const prop of def.properties) {
      const said = this.sink.items.length;
      const value = checkProperty(
        this.sink,
        this.index,
        prop,
        typeInfo.properties,
        RELATION_RESERVED_KEYS,
        `relation type '${typeName}'`,
      );
      if (value !== undefined) properties[prop.key.value] = value;
      else if (this.sink.items.length > said || isTagged(prop.value)) refused.add(prop.key.value);
    }
    for (const name of requiredMissing(typeInfo.properties, properties, refused)) {
      this.sink.report(
        'KG103',
        def.type,
        `${typeName} relation is missing required property '${name}'`,
        { value: name, hint: `add ${name}: … to this relation` },
      );
    }
    return properties;
  }
}

/**
 * Each value of a `ref` property declared with `edge: TYPE` is also a relation of that type,
 * from the entity to the value, with one evidence item per source of the entity; in entity id
 * order, as they enter the fact table (before any statement).
 */
export function referenceFacts(
  schema: SchemaInfo,
  entities: readonly ResolvedEntity[],
): { fact: FactStatement; span: Span }[] {
  const out: { fact: FactStatement; span: Span }[] = [];
  const types = Object.values(schema.entities);
  if (!types.some((t) => Object.values(t.properties).some((p) => p.edge !== undefined))) return out;
  const byId = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of byId) {
    const typeInfo = e.type ? own(schema.entities, e.type) : undefined;
    if (!typeInfo) continue;
    for (const [name, spec] of Object.entries(typeInfo.properties)) {
      const edgeType = spec.edge === undefined ? undefined : own(schema.relations, spec.edge);
      const value = e.properties[name];
      if (!spec.edge || !edgeType || value === undefined) continue;
      const evidence = e.sources.map((source) => ({ source }));
      for (const to of Array.isArray(value) ? value : [value]) {
        const fact: FactStatement = {
          type: spec.edge,
          from: e.id,
          to: String(to),
          symmetric: edgeType.symmetric,
          event: false,
          evidence,
          properties: dict(),
        };
        out.push({ fact, span: e.span });
      }
    }
  }
  return out;
}
