// Merges entity declarations by id (an entity may be declared in several files),
// checks types, sources and properties, and builds the id/alias index.
import { isTagged, type EntityDef, type Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { ENTITY_RESERVED_KEYS } from '../language/file-keys.js';
import type { Span } from '../language/source-file.js';
import { didYouMean } from '../language/suggest.js';
import type { PropertyValue, SchemaInfo, SourceInfo } from '../types.js';
import { dict, own } from '../util/dict.js';
import { EntityIndex } from './entity-index.js';
import { checkProperty, checkSourceRefs, requiredMissing } from './property-checks.js';
import { article } from '../language/article.js';

export interface ResolvedEntity {
  id: string;
  /** The declared type; undefined when missing or unknown (already reported). */
  type: string | undefined;
  aliases: string[];
  sources: string[];
  note?: string;
  properties: Record<string, PropertyValue>;
  /** The id in the first declaration. */
  span: Span;
}

interface Group {
  defs: EntityDef[];
  type?: Str;
}

function pushUnique(list: string[], values: Str[]): void {
  for (const v of values) if (!list.includes(v.value)) list.push(v.value);
}

export function resolveEntities(
  sink: DiagnosticSink,
  defs: EntityDef[],
  schema: SchemaInfo,
  sources: Map<string, SourceInfo>,
): { entities: ResolvedEntity[]; index: EntityIndex } {
  const groups = new Map<string, Group>();
  for (const def of defs) {
    const group = groups.get(def.id.value) ?? { defs: [] };
    groups.set(def.id.value, group);
    group.defs.push(def);
    if (!def.type) continue;
    if (!group.type) group.type = def.type;
    else if (group.type.value !== def.type.value) {
      sink.report(
        'KG116',
        def.type,
        `entity '${def.id.value}' is declared with another type elsewhere`,
        {
          value: def.type.value,
          hint: `it is ${article(group.type.value)} '${group.type.value}' in its first declaration; an entity has one type`,
          related: [{ span: group.type, message: 'first declared here' }],
        },
      );
    }
  }

  const index = new EntityIndex();
  const entities: ResolvedEntity[] = [];
  for (const [id, group] of groups) {
    let type = group.type?.value;
    if (group.type && !own(schema.entities, group.type.value)) {
      sink.report('KG101', group.type, `unknown entity type '${group.type.value}'`, {
        value: group.type.value,
        hint:
          didYouMean(group.type.value, Object.keys(schema.entities)) ??
          'declare it under schema.entities',
      });
      type = undefined;
    }
    const entity: ResolvedEntity = {
      id,
      type,
      aliases: [],
      sources: [],
      properties: dict(),
      span: group.defs[0]!.id,
    };
    for (const def of group.defs) {
      pushUnique(entity.aliases, def.aliases);
      pushUnique(entity.sources, def.sources);
      if (def.note && entity.note === undefined) entity.note = def.note.value;
      checkSourceRefs(sink, def.sources, sources);
    }
    index.addEntity({ id, type });
    for (const alias of entity.aliases) index.addAlias(alias, id);
    entities.push(entity);
  }

  let byId: Map<string, ResolvedEntity> | undefined;
  for (const { alias, ids } of index.shadowingAliases()) {
    byId ??= new Map(entities.map((e) => [e.id, e]));
    const owner = byId.get(ids[0] ?? '');
    if (owner) {
      sink.report('KG205', owner.span, `alias '${alias}' of '${owner.id}' is also an entity id`, {
        value: alias,
        hint: `'${alias}' will always mean the entity with that id; remove the alias`,
      });
    }
  }

  // Properties last: `ref` values need the complete index.
  for (const entity of entities) {
    const group = groups.get(entity.id);
    const typeInfo = entity.type ? own(schema.entities, entity.type) : undefined;
    if (!group || !typeInfo) continue;
    const firstSpan = new Map<string, Span>();
    const refused = new Set<string>();
    for (const def of group.defs) {
      for (const prop of def.properties) {
        const name = prop.key.value;
        const said = sink.items.length;
        const value = checkProperty(
          sink,
          index,
          prop,
          typeInfo.properties,
          ENTITY_RESERVED_KEYS,
          `entity type '${entity.type}'`,
        );
        if (value === undefined) {
          if (sink.items.length > said || isTagged(prop.value)) refused.add(name);
          continue;
        }
        const previous = entity.properties[name];
        const prevSpan = firstSpan.get(name);
        if (previous !== undefined && prevSpan) {
          if (JSON.stringify(previous) !== JSON.stringify(value)) {
            sink.report(
              'KG112',
              prop.value,
              `'${entity.id}' has two different values for '${name}'`,
              {
                value: JSON.stringify(value),
                hint: `the other value is ${JSON.stringify(previous)}; keep one`,
                related: [{ span: prevSpan, message: 'other value here' }],
              },
            );
          }
          continue;
        }
        entity.properties[name] = value;
        firstSpan.set(name, prop.value);
      }
    }
    const missing = requiredMissing(typeInfo.properties, entity.properties, refused);
    for (const name of missing) {
      sink.report(
        'KG103',
        entity.span,
        `entity '${entity.id}' is missing required property '${name}'`,
        {
          value: entity.id,
          hint: `add ${name}: … (required by entity type '${entity.type}')`,
        },
      );
    }
    // Keep schema declaration order for stable, readable outputs.
    const ordered = dict<PropertyValue>();
    for (const name of Object.keys(typeInfo.properties)) {
      const v = entity.properties[name];
      if (v !== undefined) ordered[name] = v;
    }
    entity.properties = ordered;
  }
  return { entities, index };
}
