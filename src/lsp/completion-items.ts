// Completion items built from what the project knows (completion.ts picks which, by where the
// cursor is): keys not yet written, values, entities ranked by prefix then degree, relation
// types that may start at the subject, entity types, sources, property values.
import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver';
import type { Analysis } from '../compile/project-state.js';
import type { PropertySpec } from '../types.js';
import type { CompletionOptions } from './completion.js';
import type { CursorContext } from './completion-context.js';

export interface Ctx {
  analysis: Analysis | undefined;
  cursor: CursorContext;
  range: Range;
  options: CompletionOptions;
}

export function keyItems(ctx: Ctx, keys: readonly string[], detail: string): CompletionItem[] {
  const present = ctx.cursor.siblings;
  return keys
    .filter((k) => !present.has(k))
    .map((k) => ({
      label: k,
      kind: CompletionItemKind.Field,
      detail,
      textEdit: { range: ctx.range, newText: `${k}: ` },
    }));
}

export function valueItems(
  ctx: Ctx,
  values: Iterable<string>,
  kind: CompletionItemKind,
  detail: (v: string) => string | undefined,
): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const v of values) {
    const item: CompletionItem = { label: v, kind, textEdit: { range: ctx.range, newText: v } };
    const d = detail(v);
    if (d) item.detail = d;
    out.push(item);
  }
  return out;
}

/** Entity ids and aliases allowed at this place (`types`: allowed entity types, [] = any). */
export function entityItems(ctx: Ctx, types: readonly string[], noSpaces: boolean): CompletionList {
  const analysis = ctx.analysis;
  if (!analysis) return { isIncomplete: true, items: [] };
  const needle = ctx.cursor.word.text.toLowerCase();
  const allowed = types.length ? new Set(types) : undefined;
  const scored: { item: CompletionItem; degree: number }[] = [];
  let total = 0;
  for (const e of analysis.entities.values()) {
    if (allowed && e.type && !allowed.has(e.type)) continue;
    const degree = analysis.degree.get(e.id) ?? 0;
    const names = [e.id, ...e.aliases.filter((a) => !noSpaces || !/\s/.test(a))];
    for (const name of names) {
      if (needle && !name.toLowerCase().includes(needle)) continue;
      total++;
      if (scored.length >= ctx.options.maxEntities * 4) continue;
      const isAlias = name !== e.id;
      scored.push({
        degree,
        item: {
          label: name,
          kind: isAlias ? CompletionItemKind.Reference : CompletionItemKind.Value,
          detail: isAlias ? `alias of ${e.id} (${e.type ?? '?'})` : (e.type ?? 'entity'),
          textEdit: { range: ctx.range, newText: name },
        },
      });
    }
  }
  // Exact prefix first, then the most connected.
  const prefixed = (i: CompletionItem) => (i.label.toLowerCase().startsWith(needle) ? 0 : 1);
  scored.sort(
    (a, b) =>
      prefixed(a.item) - prefixed(b.item) ||
      b.degree - a.degree ||
      (a.item.label < b.item.label ? -1 : 1),
  );
  const items = scored.slice(0, ctx.options.maxEntities).map((s, i) => ({
    ...s.item,
    sortText: String(i).padStart(5, '0'),
  }));
  return { isIncomplete: total > items.length, items };
}

export function entityTypeOf(
  analysis: Analysis | undefined,
  ref: string | undefined,
): string | undefined {
  if (!analysis || !ref) return undefined;
  const found = analysis.index.lookup(ref);
  return found.kind === 'found' ? found.entity.type : undefined;
}

export function relationTypeItems(ctx: Ctx, subject: string | undefined): CompletionItem[] {
  const schema = ctx.analysis?.schema;
  if (!schema) return [];
  const type = entityTypeOf(ctx.analysis, subject);
  const out: CompletionItem[] = [];
  for (const [name, info] of Object.entries(schema.relations)) {
    if (type && info.from.length && !info.from.includes(type)) continue;
    out.push({
      label: name,
      kind: CompletionItemKind.Function,
      detail: `${info.from.join('|') || 'any'} → ${info.to.join('|') || 'any'}`,
      textEdit: { range: ctx.range, newText: name },
    });
  }
  return out;
}

export function entityTypeItems(ctx: Ctx): CompletionItem[] {
  const schema = ctx.analysis?.schema;
  if (!schema) return [];
  return valueItems(
    ctx,
    Object.keys(schema.entities),
    CompletionItemKind.Class,
    () => 'entity type',
  );
}

export function sourceItems(ctx: Ctx): CompletionItem[] {
  const sources = ctx.analysis?.sources;
  if (!sources) return [];
  return valueItems(ctx, sources.keys(), CompletionItemKind.File, (id) => sources.get(id)?.title);
}

/** Completion of a property's value from its declaration. */
export function propertyValue(
  ctx: Ctx,
  spec: PropertySpec | undefined,
): CompletionItem[] | CompletionList {
  if (!spec) return [];
  if (spec.type === 'enum') {
    return valueItems(ctx, spec.values ?? [], CompletionItemKind.EnumMember, () => 'enum value');
  }
  if (spec.type === 'ref') return entityItems(ctx, spec.to ?? [], false);
  if (spec.type === 'boolean') {
    return valueItems(ctx, ['true', 'false'], CompletionItemKind.Keyword, () => undefined);
  }
  return [];
}

export function propertyKeys(
  ctx: Ctx,
  reserved: readonly string[],
  properties: Record<string, PropertySpec> | undefined,
  owner: string,
): CompletionItem[] {
  return [
    ...keyItems(ctx, Object.keys(properties ?? {}), `property of ${owner}`),
    ...keyItems(ctx, reserved, 'kg field'),
  ];
}
