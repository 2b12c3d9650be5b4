// Merges the schema sections of all files and checks them: colours, label
// properties, reserved names, and the entity types that relations and refs name.
import type { EntityTypeDef, PropertyDef, RelationTypeDef, Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import {
  isValidPropertyName,
  PROPERTY_NAME_HINT,
  RESERVED_ENTITY_PROPERTIES,
  RESERVED_RELATION_PROPERTIES,
} from '../language/property-name.js';
import type { Span } from '../language/source-file.js';
import { didYouMean } from '../language/suggest.js';
import {
  POLARITIES,
  type EntityTypeInfo,
  type Polarity,
  type PropertySpec,
  type RelationTypeInfo,
  type SchemaInfo,
} from '../types.js';
import { checkReferenceEdges } from './check-reference-edges.js';
import {
  COLOR_PATTERN,
  ENTITY_PALETTE,
  nextRelationColor,
  normalizeColor,
  paletteColor,
} from './palette.js';
import { dict } from '../util/dict.js';

export interface ResolvedSchema {
  info: SchemaInfo;
  /** Where each type was (first) declared, for diagnostics. */
  entitySpans: Map<string, Span>;
  relationSpans: Map<string, Span>;
}

type AnyTypeDef = EntityTypeDef | RelationTypeDef;

/** Groups definitions by name; the first one is the primary, the rest merge into it. */
function groupByName<T extends AnyTypeDef>(defs: T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const def of defs) {
    const list = groups.get(def.name.value);
    if (list) list.push(def);
    else groups.set(def.name.value, [def]);
  }
  return groups;
}

function conflict(sink: DiagnosticSink, what: string, later: Str, first: Str): void {
  sink.report('KG025', later, `${what} is declared differently elsewhere`, {
    value: later.value,
    hint: `it is '${first.value}' in the first declaration; keep one`,
    related: [{ span: first, message: 'first declared here' }],
  });
}

/** The one value of an optional field across several declarations, reporting disagreements. */
function single(sink: DiagnosticSink, values: (Str | undefined)[], what: string): Str | undefined {
  let first: Str | undefined;
  for (const v of values) {
    if (!v) continue;
    if (!first) first = v;
    else if (v.value !== first.value) conflict(sink, what, v, first);
  }
  return first;
}

function mergeProperties(
  sink: DiagnosticSink,
  defs: PropertyDef[],
  reserved: ReadonlySet<string>,
  owner: string,
): Record<string, PropertySpec> {
  const out = dict<PropertySpec>();
  const firstDef = new Map<string, PropertyDef>();
  for (const def of defs) {
    const name = def.name.value;
    if (!isValidPropertyName(name)) {
      sink.report('KG027', def.name, `invalid property name '${name}' in ${owner}`, {
        value: name,
        hint: PROPERTY_NAME_HINT,
      });
      continue;
    }
    if (reserved.has(name)) {
      sink.report('KG022', def.name, `'${name}' is a reserved name and cannot be a property`, {
        value: name,
        hint: `rename the property of ${owner}, e.g. '${name}_'`,
      });
      continue;
    }
    const first = firstDef.get(name);
    if (first) {
      if (JSON.stringify(first.spec) !== JSON.stringify(def.spec)) {
        conflict(sink, `property '${name}' of ${owner}`, def.name, first.name);
      }
      continue;
    }
    firstDef.set(name, def);
    out[name] = def.spec;
  }
  return out;
}

function colorOf(sink: DiagnosticSink, color: Str | undefined): string | undefined {
  if (!color) return undefined;
  if (COLOR_PATTERN.test(color.value)) return normalizeColor(color.value);
  sink.report('KG023', color, `invalid colour '${color.value}'`, {
    value: color.value,
    hint: "write a hex colour such as '#4e79a7' (quoted: # starts a YAML comment)",
  });
  return undefined;
}

function polarityOf(sink: DiagnosticSink, polarity: Str | undefined): Polarity | undefined {
  if (!polarity) return undefined;
  const known = POLARITIES.find((p) => p === polarity.value);
  if (known) return known;
  sink.report('KG045', polarity, `invalid polarity '${polarity.value}'`, {
    value: polarity.value,
    hint: didYouMean(polarity.value, POLARITIES) ?? 'write positive, negative or neutral',
  });
  return undefined;
}

function checkTypeRefs(
  sink: DiagnosticSink,
  names: Str[],
  known: Map<string, unknown>,
  what: string,
): string[] {
  const out: string[] = [];
  for (const n of names) {
    if (known.has(n.value)) {
      if (!out.includes(n.value)) out.push(n.value);
      continue;
    }
    sink.report('KG021', n, `${what} names unknown entity type '${n.value}'`, {
      value: n.value,
      hint: didYouMean(n.value, known.keys()) ?? 'declare it under schema.entities',
    });
  }
  return out;
}

/** The colour, label and description shared by both kinds of type declarations. */
function commonFields(sink: DiagnosticSink, defs: AnyTypeDef[], owner: string) {
  const pick = (field: 'color' | 'label' | 'description', what: string) =>
    single(
      sink,
      defs.map((d) => d[field]),
      `the ${what} of ${owner}`,
    );
  return {
    explicit: colorOf(sink, pick('color', 'colour')),
    label: pick('label', 'label'),
    description: pick('description', 'description'),
  };
}

export function resolveSchema(
  sink: DiagnosticSink,
  entityDefs: EntityTypeDef[],
  relationDefs: RelationTypeDef[],
): ResolvedSchema {
  const entityGroups = groupByName(entityDefs);
  const relationGroups = groupByName(relationDefs);
  const entities = dict<EntityTypeInfo>();
  const relations = dict<RelationTypeInfo>();
  const entitySpans = new Map<string, Span>();
  const relationSpans = new Map<string, Span>();

  // Explicit colours first, so palette colours skip the ones already taken.
  const taken = new Set<string>();
  for (const def of [...entityDefs, ...relationDefs]) {
    if (def.color && COLOR_PATTERN.test(def.color.value))
      taken.add(normalizeColor(def.color.value));
  }
  const nextColor = (palette: readonly string[], cursor: { i: number }): string => {
    for (let tries = 0; tries < palette.length; tries++) {
      const c = paletteColor(palette, cursor.i++);
      if (!taken.has(c)) return c;
    }
    return paletteColor(palette, cursor.i++);
  };
  const entityCursor = { i: 0 };
  for (const name of [...entityGroups.keys()].sort()) {
    const defs = entityGroups.get(name) ?? [];
    const owner = `entity type '${name}'`;
    const { explicit, label, description } = commonFields(sink, defs, owner);
    const properties = mergeProperties(
      sink,
      defs.flatMap((d) => d.properties),
      RESERVED_ENTITY_PROPERTIES,
      owner,
    );
    const labelProperty = label?.value ?? 'name';
    if (label && !(labelProperty in properties) && labelProperty !== 'id') {
      sink.report('KG024', label, `label property '${labelProperty}' is not declared`, {
        value: labelProperty,
        hint:
          didYouMean(labelProperty, Object.keys(properties)) ??
          `add it under properties of ${name}`,
      });
    }
    const info: EntityTypeInfo = {
      color: explicit ?? nextColor(ENTITY_PALETTE, entityCursor),
      labelProperty,
      properties,
    };
    if (description) info.description = description.value;
    entities[name] = info;
    entitySpans.set(name, defs[0]!.name);
  }
  const entityNames = new Map(Object.entries(entities));

  const schemaUsesPolarity = relationDefs.some((d) =>
    POLARITIES.some((p) => p === d.polarity?.value),
  );
  for (const name of [...relationGroups.keys()].sort()) {
    const defs = relationGroups.get(name) ?? [];
    const owner = `relation type '${name}'`;
    if (entityNames.has(name)) {
      sink.report('KG025', defs[0]!.name, `'${name}' is both an entity type and a relation type`, {
        value: name,
        hint: 'relation types are usually verbs in capitals (SUPPORTS), entity types nouns (Person)',
      });
    }
    const { explicit, label, description } = commonFields(sink, defs, owner);
    const polarity = polarityOf(
      sink,
      single(
        sink,
        defs.map((d) => d.polarity),
        `the polarity of ${owner}`,
      ),
    );
    const first = defs[0]!;
    for (const d of defs.slice(1)) {
      const same = (a: Str[], b: Str[]) =>
        a.map((s) => s.value).join() === b.map((s) => s.value).join();
      for (const side of ['from', 'to'] as const) {
        if (!d[side].length || same(d[side], first[side])) continue;
        const text = (list: Str[]) => list.map((s) => s.value).join(', ');
        conflict(
          sink,
          `'${side}' of ${owner}`,
          { ...d[side][0]!, value: text(d[side]) },
          { ...(first[side][0] ?? first.name), value: text(first[side]) },
        );
      }
      for (const flag of ['symmetric', 'event'] as const) {
        if (d[flag] === first[flag]) continue;
        const was: Str = { ...first.name, value: String(first[flag]) };
        conflict(sink, `'${flag}' of ${owner}`, { ...d.name, value: String(d[flag]) }, was);
      }
    }
    const properties = mergeProperties(
      sink,
      defs.flatMap((d) => d.properties),
      RESERVED_RELATION_PROPERTIES,
      owner,
    );
    const info: RelationTypeInfo = {
      from: checkTypeRefs(sink, first.from, entityNames, `'from' of ${owner}`),
      to: checkTypeRefs(sink, first.to, entityNames, `'to' of ${owner}`),
      symmetric: first.symmetric,
      event: first.event,
      label: label?.value ?? name.toLowerCase().replace(/_/g, ' '),
      color: explicit ?? nextRelationColor(taken, polarity, schemaUsesPolarity),
      properties,
    };
    if (description) info.description = description.value;
    if (polarity) info.polarity = polarity;
    relations[name] = info;
    relationSpans.set(name, first.name);
  }

  // `ref` properties may restrict their targets to entity types: those must exist.
  const refDefs = [...entityDefs, ...relationDefs].flatMap((d) => d.properties);
  for (const def of refDefs) {
    if (def.spec.type !== 'ref' || !def.spec.to) continue;
    const unknown = def.spec.to.filter((t) => !entityNames.has(t));
    for (const t of unknown) {
      sink.report(
        'KG021',
        def.span,
        `property '${def.name.value}' refers to unknown entity type '${t}'`,
        {
          value: t,
          hint: didYouMean(t, entityNames.keys()) ?? 'declare it under schema.entities',
        },
      );
    }
  }
  const info: SchemaInfo = { entities, relations };
  checkReferenceEdges(sink, info, entityDefs, relationDefs);
  return { info, entitySpans, relationSpans };
}
