// Completion from what the project knows: entity ids and aliases filtered by what the relation
// type allows at that end, relation types that may start at the subject, entity types, the
// properties of the entity's (or relation's) type, enum values, source ids, and the keys of
// each part of a file.
import {
  CompletionItemKind,
  type CompletionItem,
  type CompletionList,
} from 'vscode-languageserver';
import type { Analysis } from '../compile/project-state.js';
import {
  ENTITY_RESERVED_KEYS,
  ENTITY_TYPE_FIELDS,
  RELATION_TYPE_FIELDS,
  SOURCE_FIELDS,
  TOP_LEVEL_KEYS,
} from '../language/file-keys.js';
import { SPEC_FIELDS } from '../language/property-spec.js';
import { DEFAULTS_FIELDS, PROJECT_FIELDS } from '../language/parse-manifest.js';
import { EVIDENCE_FIELDS, RELATION_RESERVED_KEYS } from '../language/parse-relation.js';
import type { SourceFile } from '../language/source-file.js';
import { BASE_TYPES, type SchemaInfo } from '../types.js';
import { positionOf } from './convert.js';
import { cursorContext } from './completion-context.js';
import {
  entityItems,
  entityTypeItems,
  keyItems,
  propertyKeys,
  propertyValue,
  relationTypeItems,
  sourceItems,
  valueItems,
  type Ctx,
} from './completion-items.js';
import { own } from '../util/dict.js';

export interface CompletionOptions {
  /** At most this many entity proposals (the list is then marked incomplete). */
  maxEntities: number;
}

export const DEFAULT_COMPLETION_OPTIONS: CompletionOptions = { maxEntities: 200 };

/** The first name of an endpoint side as written: `a` or `[a, b]`. */
function firstName(side: string | undefined): string | undefined {
  return side?.replace(/^\[/, '').split(/[\s,\]]+/)[0] || undefined;
}

/** `a TYPE b` (either side may be a list `[a, b]`) as typed so far: which word is the cursor's. */
function shorthand(ctx: Ctx): CompletionItem[] | CompletionList {
  const typed = ctx.cursor.typed;
  const head = typed.slice(0, typed.length - ctx.cursor.word.text.length);
  const words = head.match(/\[[^\]]*(?:\]|$)|[^\s[]+/g) ?? [];
  // Inside an open list, the list is the cursor's word.
  const last = words[words.length - 1];
  const at = last?.startsWith('[') && !last.endsWith(']') ? words.length - 1 : words.length;
  if (at === 0) return entityItems(ctx, [], true);
  if (at === 1) return relationTypeItems(ctx, firstName(words[0]));
  const info = own(ctx.analysis?.schema.relations, words[1]!);
  if (at === 2) return entityItems(ctx, info?.to ?? [], true);
  return [];
}

function relationValue(ctx: Ctx, key: string, type: string | undefined, from: string | undefined) {
  const info = type ? own(ctx.analysis?.schema.relations, type) : undefined;
  switch (key) {
    case 'from':
      return entityItems(ctx, info?.from ?? [], false);
    case 'to':
      return entityItems(ctx, info?.to ?? [], false);
    case 'type':
      return relationTypeItems(ctx, from);
    case 'source':
      return sourceItems(ctx);
    default:
      return propertyValue(ctx, own(info?.properties, key));
  }
}

/** The relation type named by a `- a TYPE b:` key (either side may be a list). */
function shorthandType(key: string | undefined): string | undefined {
  const words = key?.match(/\[[^\]]*\]|[^\s[]+/g);
  return words?.length === 3 ? words[1] : undefined;
}

function isRelationKey(key: string | undefined): boolean {
  return (RELATION_RESERVED_KEYS as readonly (string | undefined)[]).includes(key);
}

function inSchema(ctx: Ctx, path: string[]): CompletionItem[] {
  const { cursor } = ctx;
  const [, section, , prop, propName] = path;
  if (path.length === 1)
    return cursor.position === 'key'
      ? keyItems(ctx, ['entities', 'relations'], 'schema section')
      : [];
  if (path.length === 2) return [];
  if (path.length === 3 && cursor.position === 'key') {
    return keyItems(
      ctx,
      section === 'relations' ? RELATION_TYPE_FIELDS : ENTITY_TYPE_FIELDS,
      'type field',
    );
  }
  if (path.length === 3 && (cursor.key === 'from' || cursor.key === 'to'))
    return entityTypeItems(ctx);
  if (path.length === 4 && prop === 'properties' && cursor.position === 'value') {
    // `name: string`, or `name: { type: enum, … }` on one line.
    const flow = /(?:^|[{,])\s*(type|to):\s*\[?[^,}\]]*$/.exec(cursor.typed);
    if (flow?.[1] === 'to') return entityTypeItems(ctx);
    if (flow || !cursor.typed.includes('{')) return baseTypeItems(ctx);
    return [];
  }
  if (path.length === 5 && propName !== undefined && cursor.position === 'key') {
    return keyItems(ctx, SPEC_FIELDS, 'property field');
  }
  if (path.length === 5 && cursor.key === 'type') return baseTypeItems(ctx);
  if (path.length === 5 && cursor.key === 'to') return entityTypeItems(ctx);
  return [];
}

function baseTypeItems(ctx: Ctx): CompletionItem[] {
  const names = BASE_TYPES.flatMap((t) => (t === 'enum' || t === 'ref' ? [t] : [t, `${t}[]`]));
  return valueItems(ctx, names, CompletionItemKind.TypeParameter, () => 'property type');
}

function inEntities(ctx: Ctx): CompletionItem[] | CompletionList {
  const { cursor, analysis } = ctx;
  const type = cursor.siblings.get('type');
  const properties = type ? own(analysis?.schema.entities, type)?.properties : undefined;
  if (cursor.position === 'key' || (cursor.position === 'item' && !cursor.typed.includes(':'))) {
    return propertyKeys(ctx, ENTITY_RESERVED_KEYS, properties, type ?? 'the entity');
  }
  switch (cursor.key) {
    case 'type':
      return entityTypeItems(ctx);
    case 'source':
      return sourceItems(ctx);
    case 'id':
    case 'aliases':
    case 'note':
      return [];
    default:
      return propertyValue(ctx, cursor.key ? own(properties, cursor.key) : undefined);
  }
}

/** In an `evidence:` list: its items' keys, and source ids as their `source`. */
function inEvidence(ctx: Ctx): CompletionItem[] {
  const { cursor } = ctx;
  // `- { source: wh|` or `- { source: a, quo|`: the flow map's key or value being typed.
  // A line-level reading sees `{ source` as a key: read the flow map whole.
  const typed = cursor.key?.startsWith('{') ? `${cursor.key}: ${cursor.typed}` : cursor.typed;
  const flow = /[{,]\s*([\w-]*)(:\s*[^,}]*)?$/.exec(typed);
  const key = flow ? (flow[2] === undefined ? undefined : flow[1]) : cursor.key;
  const typingKey = flow
    ? flow[2] === undefined
    : cursor.position === 'key' || (cursor.position === 'item' && !cursor.typed.includes(':'));
  if (typingKey) return keyItems(ctx, EVIDENCE_FIELDS, 'evidence field');
  return key === 'source' ? sourceItems(ctx) : [];
}

function inRelations(ctx: Ctx, path: string[]): CompletionItem[] | CompletionList {
  const { cursor, analysis } = ctx;
  if (path.length === 2 && cursor.position === 'item') return shorthand(ctx);
  // Under `- a TYPE b:` (path relations › - › 'a TYPE b'), or in a full-form item.
  const nested =
    path.length >= 3 && path[2] !== '-' && !isRelationKey(path[2]) ? path[2] : undefined;
  const type = shorthandType(nested) ?? cursor.siblings.get('type');
  const from = firstName(nested?.split(/\s+/)[0] ?? cursor.siblings.get('from'));
  const info = type ? own(analysis?.schema.relations, type) : undefined;
  const inner = path.slice(nested ? 3 : 2);
  if (inner[0] === 'evidence' && inner[1] === '-') return inEvidence(ctx);
  // A block list of endpoints: `from:` / `to:` followed by `- name` lines.
  if ((inner[0] === 'from' || inner[0] === 'to') && inner[1] === '-') {
    return cursor.position === 'item' ? relationValue(ctx, inner[0], type, from) : [];
  }
  if (inner.length) return [];
  if (cursor.position === 'key') {
    const reserved = nested
      ? RELATION_RESERVED_KEYS.filter((k) => k !== 'from' && k !== 'type' && k !== 'to')
      : RELATION_RESERVED_KEYS;
    return propertyKeys(
      ctx,
      reserved,
      info?.properties,
      type ? `relation type '${type}'` : 'the relation',
    );
  }
  if (cursor.key === undefined) return [];
  return relationValue(ctx, cursor.key, type, from);
}

export function complete(
  file: SourceFile,
  offset: number,
  analysis: Analysis | undefined,
  options: CompletionOptions = DEFAULT_COMPLETION_OPTIONS,
): CompletionList {
  const cursor = cursorContext(file.text, offset);
  const range = {
    start: positionOf(file, cursor.word.start),
    end: positionOf(file, cursor.word.end),
  };
  const ctx: Ctx = { analysis, cursor, range, options };
  const { path } = cursor;
  let result: CompletionItem[] | CompletionList = [];
  if (path.length === 0 && cursor.position === 'key') {
    result = keyItems(ctx, TOP_LEVEL_KEYS, 'top-level section');
  } else if (path[0] === 'schema') result = inSchema(ctx, path);
  else if (path[0] === 'sources' && path.length === 2) {
    result = cursor.position === 'value' ? [] : keyItems(ctx, SOURCE_FIELDS, 'source field');
  } else if (path[0] === 'entities' && path.length === 2) result = inEntities(ctx);
  else if (path[0] === 'relations' && path.length >= 2) result = inRelations(ctx, path);
  else if (path[0] === 'defaults' && path.length === 1) {
    if (cursor.position === 'key') result = keyItems(ctx, DEFAULTS_FIELDS, 'default for this file');
    else if (cursor.key === 'source') result = sourceItems(ctx);
  } else if (path[0] === 'project' && path.length === 1 && cursor.position === 'key') {
    result = keyItems(ctx, PROJECT_FIELDS, 'project field');
  }
  return Array.isArray(result) ? { isIncomplete: false, items: result } : result;
}

export type { SchemaInfo };
