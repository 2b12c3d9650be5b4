// The declarations of a kg file: its schema (entity and relation types), sources and entities.
// (Relations: parse-relation.ts; the manifest and defaults: parse-manifest.ts.)
import type {
  EntityDef,
  EntityTypeDef,
  FileContribution,
  PropertyDef,
  RawProperty,
  RelationTypeDef,
  SourceDef,
  Str,
} from './ast.js';
import {
  ENTITY_TYPE_FIELDS,
  ID_PATTERN,
  idHint,
  RELATION_TYPE_FIELDS,
  SOURCE_FIELDS,
  TYPE_NAME_PATTERN,
} from './file-keys.js';
import { parsePropertySpec } from './property-spec.js';
import type { YPair } from './yaml-node.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';

function checkTypeName(r: YamlReader, name: Str): boolean {
  if (TYPE_NAME_PATTERN.test(name.value)) return true;
  r.sink.report('KG014', name, `invalid type name '${name.value}'`, {
    value: name.value,
    hint: 'type names start with a letter and use letters, digits and _ only',
  });
  return false;
}

function parseProperties(r: YamlReader, node: YamlNode, key: Str): PropertyDef[] {
  const defs: PropertyDef[] = [];
  for (const pair of r.pairs(node, 'properties', key) ?? []) {
    const name = r.key(pair);
    if (!name) continue;
    const spec = parsePropertySpec(r, pair.value);
    if (spec) defs.push({ name, spec, span: r.span(pair.value, name) });
  }
  return defs;
}

export function parseSchema(r: YamlReader, node: YamlNode, out: FileContribution, key: Str): void {
  for (const pair of r.pairs(node, 'schema', key) ?? []) {
    const section = r.key(pair);
    if (!section) continue;
    if (section.value !== 'entities' && section.value !== 'relations') {
      r.unknownKey(section, 'schema', ['entities', 'relations']);
      continue;
    }
    for (const typePair of r.pairs(pair.value, `schema.${section.value}`, section) ?? []) {
      const name = r.key(typePair);
      if (!name || !checkTypeName(r, name)) continue;
      if (section.value === 'entities') {
        const def = parseEntityType(r, name, typePair);
        if (def) out.entityTypes.push(def);
      } else {
        const def = parseRelationType(r, name, typePair);
        if (def) out.relationTypes.push(def);
      }
    }
  }
}

function parseEntityType(r: YamlReader, name: Str, typePair: YPair): EntityTypeDef | undefined {
  const def: EntityTypeDef = { name, properties: [], span: r.span(typePair.value, name) };
  const value = typePair.value;
  if (value === null || r.describe(value) === 'an empty value') return def;
  for (const pair of r.pairs(value, `entity type '${name.value}'`, name) ?? []) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
    if (key.value === 'properties') def.properties = parseProperties(r, v, key);
    else if (key.value === 'color' || key.value === 'label' || key.value === 'description') {
      const s = r.str(v, key.value, key);
      if (s) def[key.value] = s;
    } else r.unknownKey(key, `entity type '${name.value}'`, ENTITY_TYPE_FIELDS);
  }
  return def;
}

function parseRelationType(r: YamlReader, name: Str, typePair: YPair): RelationTypeDef | undefined {
  const def: RelationTypeDef = {
    name,
    from: [],
    to: [],
    symmetric: false,
    event: false,
    properties: [],
    span: r.span(typePair.value, name),
  };
  const value = typePair.value;
  if (value === null || r.describe(value) === 'an empty value') return def;
  for (const pair of r.pairs(value, `relation type '${name.value}'`, name) ?? []) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
    switch (key.value) {
      case 'properties':
        def.properties = parseProperties(r, v, key);
        break;
      case 'from':
      case 'to':
        def[key.value] = r.strList(v, key.value, key);
        break;
      case 'symmetric':
      case 'event':
        def[key.value] = r.bool(v, key.value) ?? false;
        break;
      case 'label':
      case 'color':
      case 'polarity':
      case 'description': {
        const s = r.str(v, key.value, key);
        if (s) def[key.value] = s;
        break;
      }
      default:
        r.unknownKey(key, `relation type '${name.value}'`, RELATION_TYPE_FIELDS);
    }
  }
  return def;
}

function checkId(r: YamlReader, id: Str, what: string): boolean {
  if (ID_PATTERN.test(id.value)) return true;
  r.sink.report('KG014', id, `invalid ${what} id '${id.value}'`, {
    value: id.value,
    hint: idHint(id.value),
  });
  return false;
}

export function parseSource(r: YamlReader, node: YamlNode): SourceDef | undefined {
  const pairs = r.pairs(node, 'a source');
  if (!pairs) return undefined;
  const fields: Partial<SourceDef> = {};
  for (const pair of pairs) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
    if (key.value === 'published') fields.published = r.raw(v, key);
    else if ((SOURCE_FIELDS as readonly string[]).includes(key.value)) {
      const s = r.str(v, key.value, key);
      if (s) fields[key.value as Exclude<(typeof SOURCE_FIELDS)[number], 'published'>] = s;
    } else r.unknownKey(key, 'a source', SOURCE_FIELDS);
  }
  const span = r.span(node);
  if (!fields.id) {
    r.sink.report('KG013', span, "a source needs an 'id'", { hint: 'add id: some-source-id' });
    return undefined;
  }
  if (!checkId(r, fields.id, 'source')) return undefined;
  if (!fields.title) {
    r.sink.report('KG013', fields.id, `source '${fields.id.value}' needs a 'title'`, {
      value: fields.id.value,
      hint: 'add title: the headline or name of the document',
    });
  }
  return { ...fields, id: fields.id, span };
}

export function parseEntity(r: YamlReader, node: YamlNode): EntityDef | undefined {
  const pairs = r.pairs(node, 'an entity');
  if (!pairs) return undefined;
  const span = r.span(node);
  let id: Str | undefined;
  const def: Omit<EntityDef, 'id'> = { aliases: [], sources: [], properties: [], span };
  const properties: RawProperty[] = [];
  for (const pair of pairs) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
    switch (key.value) {
      case 'id':
        id = r.str(v, 'id', key);
        break;
      case 'type':
        def.type = r.str(v, 'type', key);
        break;
      case 'aliases':
        def.aliases = r.strList(v, 'aliases', key);
        break;
      case 'source':
        def.sources = r.strList(v, 'source', key);
        break;
      case 'note':
        def.note = r.str(v, 'note', key);
        break;
      default:
        properties.push({ key, value: r.raw(v, key) });
    }
  }
  if (!id) {
    r.sink.report('KG013', span, "an entity needs an 'id'", {
      hint: 'add id: a-stable-id (letters, digits, - _ . :)',
    });
    return undefined;
  }
  if (!checkId(r, id, 'entity')) return undefined;
  if (!def.type) {
    r.sink.report('KG013', id, `entity '${id.value}' needs a 'type'`, {
      value: id.value,
      hint: 'add type: one of the entity types in the schema',
    });
  }
  return { ...def, id, properties };
}
