// Every name written in a parsed file, with what it names: entity ids and aliases (declared,
// or used as endpoints and `ref` values), entity and relation types, and source ids. Hover,
// go to definition, references and rename all start from "which name is under the cursor".
import type { RawValue, Str } from '../language/ast.js';
import type { Span } from '../language/source-file.js';
import type { FileState } from '../compile/project-state.js';
import type { PropertySpec, SchemaInfo } from '../types.js';
import { own } from '../util/dict.js';

export type NameKind = 'entity' | 'alias' | 'entity-type' | 'relation-type' | 'source';

export interface Occurrence {
  /** `entity` is an id or alias as written at a use; `alias` only where one is declared. */
  kind: NameKind;
  /** The name as written. */
  name: string;
  span: Span;
  declaration: boolean;
}

function add(out: Occurrence[], kind: NameKind, s: Str | undefined, declaration = false): void {
  if (s) out.push({ kind, name: s.value, span: s, declaration });
}

/** The scalars of a `ref` value (a single reference or a list of them). */
function refScalars(value: RawValue): { name: string; span: Span }[] {
  if (value.kind === 'scalar')
    return value.value === null ? [] : [{ name: value.text, span: value }];
  if (value.kind === 'list') return value.items.flatMap(refScalars);
  return [];
}

function addRefs(
  out: Occurrence[],
  properties: { key: Str; value: RawValue }[],
  specs: Record<string, PropertySpec> | undefined,
): void {
  if (!specs) return;
  for (const p of properties) {
    if (own(specs, p.key.value)?.type !== 'ref') continue;
    for (const { name, span } of refScalars(p.value)) {
      out.push({ kind: 'entity', name, span, declaration: false });
    }
  }
}

/** Names inside a `ref` property's `to:` list, found in its text (the parser keeps no spans). */
function refTargets(out: Occurrence[], def: { spec: PropertySpec; span: Span }): void {
  const { spec, span } = def;
  if (spec.type !== 'ref') return;
  const text = span.file.text.slice(span.start, span.end);
  const names: [Occurrence['kind'], string][] = (spec.to ?? []).map((t) => ['entity-type', t]);
  // A reference edge's relation type (`edge: MEMBER_OF`).
  if (spec.edge !== undefined) names.push(['relation-type', spec.edge]);
  for (const [kind, name] of names) {
    for (const m of text.matchAll(new RegExp(`(?<![\\w-])${name}(?![\\w-])`, 'g'))) {
      const start = span.start + (m.index ?? 0);
      out.push({
        kind,
        name,
        span: { file: span.file, start, end: start + name.length },
        declaration: false,
      });
    }
  }
}

const cache = new WeakMap<FileState, { schema: SchemaInfo; list: Occurrence[] }>();

/** Every name in the file, sorted by position. */
export function occurrences(file: FileState, schema: SchemaInfo): Occurrence[] {
  const hit = cache.get(file);
  if (hit && hit.schema === schema) return hit.list;
  const out: Occurrence[] = [];
  const c = file.contribution;
  for (const t of c.entityTypes) {
    add(out, 'entity-type', t.name, true);
    for (const p of t.properties) refTargets(out, p);
  }
  for (const t of c.relationTypes) {
    add(out, 'relation-type', t.name, true);
    for (const s of [...t.from, ...t.to]) add(out, 'entity-type', s);
    for (const p of t.properties) refTargets(out, p);
  }
  for (const s of c.sources) add(out, 'source', s.id, true);
  for (const e of c.entities) {
    add(out, 'entity', e.id, true);
    for (const a of e.aliases) add(out, 'alias', a, true);
    add(out, 'entity-type', e.type);
    for (const s of e.sources) add(out, 'source', s);
    addRefs(out, e.properties, e.type ? own(schema.entities, e.type.value)?.properties : undefined);
  }
  for (const s of c.defaults?.sources ?? []) add(out, 'source', s);
  for (const r of c.relations) {
    for (const e of r.from) add(out, 'entity', e);
    add(out, 'relation-type', r.type);
    for (const e of r.to) add(out, 'entity', e);
    for (const s of r.sources) add(out, 'source', s);
    for (const item of r.evidence ?? []) for (const s of item.sources) add(out, 'source', s);
    addRefs(out, r.properties, own(schema.relations, r.type.value)?.properties);
  }
  out.sort((a, b) => a.span.start - b.span.start);
  cache.set(file, { schema, list: out });
  return out;
}

/** The name under `offset` (its end counts: the cursor often sits right after a word). */
export function occurrenceAt(
  file: FileState,
  schema: SchemaInfo,
  offset: number,
): Occurrence | undefined {
  const list = occurrences(file, schema);
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid]!.span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  // Spans may nest (a `to:` list inside a property definition): take the innermost.
  for (let i = lo; i >= 0 && i >= lo - 8; i--) {
    const o = list[i];
    if (o && o.span.start <= offset && offset <= o.span.end) return o;
  }
  return undefined;
}

/** A quoted scalar's span includes its quotes; the name itself is inside them. */
export function nameSpan(o: Occurrence): Span {
  const { file, start, end } = o.span;
  const first = file.text[start];
  if ((first === '"' || first === "'") && end - start >= 2 && file.text[end - 1] === first) {
    return { file, start: start + 1, end: end - 1 };
  }
  return o.span;
}
