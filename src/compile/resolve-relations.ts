// Resolves relations: type, endpoints (ids or unique aliases), endpoint types,
// provenance (sources, quote, dates, confidence), properties and ids.
import { hash } from 'node:crypto';
import type { RawValue, RelationDef } from '../language/ast.js';
import { checkDate } from '../language/check-value.js';
import { compareIsoDates } from '../language/dates.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { ID_PATTERN, idHint } from '../language/parse-file.js';
import { RELATION_RESERVED_KEYS } from '../language/parse-relation.js';
import type { Span } from '../language/source-file.js';
import { didYouMean } from '../language/suggest.js';
import type { PropertyValue, RelationTypeInfo, SchemaInfo, SourceInfo } from '../types.js';
import { dict, own } from '../util/dict.js';
import type { EntityIndex } from './entity-index.js';
import { checkProperty, checkSourceRefs, requiredMissing } from './property-checks.js';

export interface ResolvedRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  symmetric: boolean;
  sources: string[];
  quote?: string;
  date?: string;
  start?: string;
  end?: string;
  confidence?: number;
  note?: string;
  properties: Record<string, PropertyValue>;
  span: Span;
}

/** A stable id from what makes a relation the fact it is (not its note or sources). */
export function deriveRelationId(rel: Omit<ResolvedRelation, 'id' | 'span'>): string {
  const [a, b] = rel.symmetric && rel.to < rel.from ? [rel.to, rel.from] : [rel.from, rel.to];
  const identity = JSON.stringify([
    rel.type,
    a,
    b,
    rel.date,
    rel.start,
    rel.end,
    rel.quote,
    rel.properties,
  ]);
  return `${a}:${rel.type}:${b}:${hash('sha1', identity).slice(0, 8)}`;
}

function checkConfidence(sink: DiagnosticSink, raw: RawValue): number | undefined {
  if (raw.kind === 'scalar' && typeof raw.value === 'number' && raw.value >= 0 && raw.value <= 1) {
    return raw.value;
  }
  sink.report('KG115', raw, 'confidence must be a number from 0 to 1', {
    value: raw.kind === 'scalar' ? raw.text : `a ${raw.kind}`,
    hint: 'e.g. confidence: 0.8 (1 = certain)',
  });
  return undefined;
}

function endpoint(
  sink: DiagnosticSink,
  index: EntityIndex,
  ref: RelationDef['from'],
  allowed: string[],
  typeName: string,
  side: 'from' | 'to',
): string | undefined {
  const target = index.resolve(
    sink,
    ref.value,
    ref,
    `relation ${side === 'from' ? 'subject' : 'object'}`,
  );
  if (!target) return undefined;
  if (allowed.length && target.type && !allowed.includes(target.type)) {
    sink.report(
      'KG110',
      ref,
      `${typeName} cannot ${side === 'from' ? 'start at' : 'end at'} a ${target.type}`,
      {
        value: ref.value,
        hint: `'${side}' of ${typeName} allows ${allowed.join(', ')}`,
      },
    );
  }
  return target.id;
}

function resolveOne(
  sink: DiagnosticSink,
  def: RelationDef,
  typeInfo: RelationTypeInfo | undefined,
  index: EntityIndex,
  sources: Map<string, SourceInfo>,
  connected: Set<string>,
): Omit<ResolvedRelation, 'id' | 'span'> | undefined {
  const typeName = def.type.value;
  const from = endpoint(sink, index, def.from, typeInfo?.from ?? [], typeName, 'from');
  const to = endpoint(sink, index, def.to, typeInfo?.to ?? [], typeName, 'to');
  // Endpoints count as connected even when the relation has other errors.
  if (from !== undefined) connected.add(from);
  if (to !== undefined) connected.add(to);
  checkSourceRefs(sink, def.sources, sources);
  const rel: Omit<ResolvedRelation, 'id' | 'span'> = {
    type: typeName,
    from: from ?? def.from.value,
    to: to ?? def.to.value,
    symmetric: typeInfo?.symmetric ?? false,
    sources: [...new Set(def.sources.map((s) => s.value))],
    properties: dict(),
  };
  if (def.quote) rel.quote = def.quote.value;
  if (def.note) rel.note = def.note.value;
  for (const k of ['date', 'start', 'end'] as const) {
    const raw = def[k];
    const value = raw ? checkDate(raw, `'${k}'`, sink) : undefined;
    if (value) rel[k] = value;
  }
  if (rel.start && rel.end && compareIsoDates(rel.start, rel.end) > 0 && def.end) {
    sink.report('KG204', def.end, `relation ends (${rel.end}) before it starts (${rel.start})`, {
      value: rel.end,
      hint: 'swap start and end?',
    });
  }
  if (def.confidence) {
    const c = checkConfidence(sink, def.confidence);
    if (c !== undefined) rel.confidence = c;
  }
  if (!typeInfo) return from && to ? rel : undefined;
  for (const prop of def.properties) {
    const value = checkProperty(
      sink,
      index,
      prop,
      typeInfo.properties,
      RELATION_RESERVED_KEYS,
      `relation type '${typeName}'`,
    );
    if (value !== undefined) rel.properties[prop.key.value] = value;
  }
  for (const name of requiredMissing(typeInfo.properties, rel.properties)) {
    sink.report('KG103', def.type, `${typeName} relation is missing required property '${name}'`, {
      value: name,
      hint: `add ${name}: … to this relation`,
    });
  }
  return from && to ? rel : undefined;
}

/** First statements of relation ids, for the duplicate checks (KG113, KG203). */
export interface RelationIdIndex {
  get(id: string): { span: Span; explicit: boolean } | undefined;
  set(id: string, first: { span: Span; explicit: boolean }): void;
}

export interface RelationSink {
  /** Called with each valid relation, in the order written. */
  emit(relation: ResolvedRelation): void;
  /** Entities named as an endpoint by any relation, even one with other errors. */
  connected: Set<string>;
  /** Called after each file with the number of relations it held (progress display). */
  fileDone?: (relations: number) => void;
  /** Relation ids seen so far (default: a Map); pass one to resolve files in several calls. */
  ids?: RelationIdIndex;
}

/**
 * Resolves the relations of each file in turn and hands them to `out`. Each file's list is
 * emptied once resolved, so parsed definitions are freed while the graph grows.
 */
export function resolveRelations(
  sink: DiagnosticSink,
  files: { relations: RelationDef[] }[],
  schema: SchemaInfo,
  index: EntityIndex,
  sources: Map<string, SourceInfo>,
  out: RelationSink,
): void {
  const seen: RelationIdIndex = out.ids ?? new Map<string, { span: Span; explicit: boolean }>();
  for (const file of files) {
    const defs = file.relations;
    file.relations = [];
    for (const def of defs) {
      const rel = resolveDef(sink, def, schema, index, sources, out.connected);
      if (!rel) continue;
      const id = def.id?.value ?? deriveRelationId(rel);
      const span = def.id ?? def.span;
      const previous = seen.get(id);
      if (previous) {
        reportDuplicate(sink, def, id, previous);
        continue;
      }
      seen.set(id, { span, explicit: !!def.id });
      out.emit({ ...rel, id, span });
    }
    out.fileDone?.(defs.length);
  }
}

/** KG113 (an id given twice) or KG203 (the same relation stated again) for a later statement. */
export function reportDuplicate(
  sink: DiagnosticSink,
  def: RelationDef,
  id: string,
  previous: { span: Span; explicit: boolean },
): void {
  if (def.id || previous.explicit) {
    sink.report('KG113', def.id ?? def.span, `duplicate relation id '${id}'`, {
      value: id,
      hint: 'relation ids must be unique; rename one',
      related: [{ span: previous.span, message: 'first used here' }],
    });
  } else {
    sink.report('KG203', def.span, 'the same relation is stated twice', {
      value: `${def.from.value} ${def.type.value} ${def.to.value}`,
      hint: 'remove one, or list several sources on one relation: source: [a, b]',
      related: [{ span: previous.span, message: 'first stated here' }],
    });
  }
}

/** One relation statement resolved on its own (undefined: invalid, already reported). */
export function resolveDef(
  sink: DiagnosticSink,
  def: RelationDef,
  schema: SchemaInfo,
  index: EntityIndex,
  sources: Map<string, SourceInfo>,
  connected: Set<string>,
): Omit<ResolvedRelation, 'id' | 'span'> | undefined {
  const typeInfo = own(schema.relations, def.type.value);
  if (!typeInfo) {
    sink.report('KG102', def.type, `unknown relation type '${def.type.value}'`, {
      value: def.type.value,
      hint:
        didYouMean(def.type.value, Object.keys(schema.relations)) ??
        'declare it under schema.relations',
    });
  }
  const rel = resolveOne(sink, def, typeInfo, index, sources, connected);
  if (def.id && !ID_PATTERN.test(def.id.value)) {
    sink.report('KG014', def.id, `invalid relation id '${def.id.value}'`, {
      value: def.id.value,
      hint: idHint(def.id.value),
    });
    return undefined;
  }
  if (!rel || !typeInfo) return undefined;
  if (rel.sources.length === 0) {
    sink.report(
      'KG202',
      def.span,
      `relation '${def.from.value} ${def.type.value} ${def.to.value}' has no source`,
      { hint: 'add source: <source id> so readers can check it' },
    );
  }
  return rel;
}
