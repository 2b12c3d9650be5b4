// A JSON Schema (draft-07, what the YAML extensions of VS Code and JetBrains read best) for the
// files of one project: the language's structure plus the project's own entity and relation
// types, their property names, value types and enum values, its source ids and — while there
// are not too many — its entity ids, so a generic YAML editor completes and checks them too.
import { BASE_TYPES, POLARITIES, type PropertySpec, type SchemaInfo } from '../types.js';
import { ID_PATTERN, TOP_LEVEL_KEYS, TYPE_NAME_PATTERN } from './file-keys.js';

export interface JsonSchemaOptions {
  /** Entity ids (and aliases) offered as values of `ref` properties and endpoints, up to a limit. */
  maxEnumIds: number;
}

export const DEFAULT_JSON_SCHEMA_OPTIONS: JsonSchemaOptions = { maxEnumIds: 2000 };

export interface JsonSchemaInput {
  name: string;
  schema: SchemaInfo;
  sources: Iterable<string>;
  /** Entity ids with their types, in a stable order. */
  entities: Iterable<{ id: string; type: string | undefined; aliases: string[] }>;
}

type Json = { [key: string]: unknown };

const DATE =
  '^\\d{4}(-\\d{2}(-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?)?$';
const strings = (schema: Json): Json => ({ anyOf: [schema, { type: 'array', items: schema }] });

/** An endpoint side of the shorthand: a name, or a flow list `[a, b]`. */
const SIDE = '(\\[[^\\]]*\\]|[^\\s[]\\S*)';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function scalarSchema(spec: PropertySpec, names: (types?: string[]) => string[] | undefined): Json {
  const description = spec.description ? { description: spec.description } : {};
  switch (spec.type) {
    case 'number':
      return { type: 'number', ...description };
    case 'integer':
      return { type: 'integer', ...description };
    case 'boolean':
      return { type: 'boolean', ...description };
    case 'date':
      // A bare year is a number to YAML.
      return { anyOf: [{ type: 'string', pattern: DATE }, { type: 'integer' }], ...description };
    case 'url':
      return { type: 'string', pattern: '^https?://', ...description };
    case 'enum':
      return { enum: spec.values ?? [], ...description };
    case 'ref': {
      const ids = names(spec.to);
      return ids ? { enum: ids, ...description } : { type: 'string', ...description };
    }
    default:
      return { type: 'string', ...description };
  }
}

function valueSchema(spec: PropertySpec, names: (types?: string[]) => string[] | undefined): Json {
  const item = scalarSchema(spec, names);
  return spec.list ? { anyOf: [item, { type: 'array', items: item }] } : item;
}

const PROPERTY_SPEC: Json = {
  anyOf: [
    { type: 'string', enum: BASE_TYPES.flatMap((t) => (t === 'enum' ? [] : [t, `${t}[]`])) },
    {
      type: 'object',
      properties: {
        type: { type: 'string', enum: BASE_TYPES.flatMap((t) => [t, `${t}[]`]) },
        required: { type: 'boolean' },
        values: { type: 'array', items: { type: 'string' } },
        to: strings({ type: 'string' }),
        edge: { type: 'string', pattern: TYPE_NAME_PATTERN.source },
        description: { type: 'string' },
      },
      required: ['type'],
      additionalProperties: false,
    },
  ],
};

function schemaSection(entityTypes: string[]): Json {
  const typeRef = entityTypes.length ? { enum: entityTypes } : { type: 'string' };
  const common = {
    color: { type: 'string', pattern: '^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$' },
    label: { type: 'string' },
    description: { type: 'string' },
    properties: {
      type: 'object',
      propertyNames: { pattern: '^[A-Za-z_][A-Za-z0-9_]*$' },
      additionalProperties: PROPERTY_SPEC,
    },
  };
  return {
    type: 'object',
    properties: {
      entities: {
        type: 'object',
        propertyNames: { pattern: TYPE_NAME_PATTERN.source },
        additionalProperties: {
          type: ['object', 'null'],
          properties: common,
          additionalProperties: false,
        },
      },
      relations: {
        type: 'object',
        propertyNames: { pattern: TYPE_NAME_PATTERN.source },
        additionalProperties: {
          type: ['object', 'null'],
          properties: {
            ...common,
            from: strings(typeRef),
            to: strings(typeRef),
            symmetric: { type: 'boolean' },
            event: { type: 'boolean' },
            polarity: { enum: [...POLARITIES] },
          },
          additionalProperties: false,
        },
      },
    },
    additionalProperties: false,
  };
}

export function projectJsonSchema(
  input: JsonSchemaInput,
  options: Partial<JsonSchemaOptions> = {},
): Json {
  const opts = { ...DEFAULT_JSON_SCHEMA_OPTIONS, ...options };
  const { schema } = input;
  const entityTypes = Object.keys(schema.entities).sort();
  const relationTypes = Object.keys(schema.relations).sort();
  const sourceIds = [...input.sources].sort();
  const entities = [...input.entities];
  // Names of the entities of some types (all types: undefined), unless there are too many.
  const names = (types?: string[]): string[] | undefined => {
    const out: string[] = [];
    for (const e of entities) {
      if (types?.length && (!e.type || !types.includes(e.type))) continue;
      out.push(e.id, ...e.aliases);
      if (out.length > opts.maxEnumIds) return undefined;
    }
    return out;
  };
  const sourceRef = strings(sourceIds.length ? { enum: sourceIds } : { type: 'string' });
  const entityRef = (types?: string[]): Json => {
    const ids = names(types);
    return ids ? { enum: ids } : { type: 'string', pattern: ID_PATTERN.source };
  };
  const props = (specs: Record<string, PropertySpec>): Json =>
    Object.fromEntries(Object.entries(specs).map(([k, s]) => [k, valueSchema(s, names)]));
  const required = (specs: Record<string, PropertySpec>) =>
    Object.entries(specs)
      .filter(([, s]) => s.required)
      .map(([k]) => k);

  const entityBase: Json = {
    id: { type: 'string', pattern: ID_PATTERN.source },
    type: { enum: entityTypes },
    aliases: strings({ type: 'string' }),
    source: sourceRef,
    note: { type: 'string' },
  };
  const entity: Json = {
    type: 'object',
    required: ['id', 'type'],
    properties: { type: { enum: entityTypes } },
    allOf: entityTypes.map((t) => ({
      if: { properties: { type: { const: t } }, required: ['type'] },
      then: {
        properties: { ...entityBase, ...props(schema.entities[t]!.properties) },
        required: required(schema.entities[t]!.properties),
        additionalProperties: false,
      },
    })),
  };

  const dateField = scalarSchema({ type: 'date', list: false, required: false }, names);
  const evidenceFields: Json = {
    source: sourceRef,
    quote: { type: 'string' },
    near: { type: 'string' },
    date: dateField,
    start: dateField,
    end: dateField,
    confidence: { type: 'number', minimum: 0, maximum: 1 },
    note: { type: 'string' },
  };
  const relationFields = (): Json => ({
    id: { type: 'string', pattern: ID_PATTERN.source },
    ...evidenceFields,
    evidence: {
      type: 'array',
      items: { type: 'object', properties: evidenceFields, additionalProperties: false },
    },
  });
  const fullForm: Json = {
    type: 'object',
    required: ['from', 'type', 'to'],
    properties: { type: { enum: relationTypes } },
    allOf: relationTypes.map((t) => {
      const info = schema.relations[t]!;
      return {
        if: { properties: { type: { const: t } }, required: ['type'] },
        then: {
          properties: {
            ...relationFields(),
            from: strings(entityRef(info.from)),
            type: { const: t },
            to: strings(entityRef(info.to)),
            ...props(info.properties),
          },
          required: required(info.properties),
          additionalProperties: false,
        },
      };
    }),
  };
  // `- a TYPE b: { … }`: one key naming the relation, its fields under it.
  const shorthandWithFields: Json = {
    type: 'object',
    minProperties: 1,
    maxProperties: 1,
    patternProperties: Object.fromEntries(
      relationTypes.map((t) => {
        const info = schema.relations[t]!;
        return [
          `^${SIDE}\\s+${escapeRegExp(t)}\\s+${SIDE}$`,
          {
            type: ['object', 'null'],
            properties: { ...relationFields(), ...props(info.properties) },
            required: required(info.properties),
            additionalProperties: false,
          },
        ];
      }),
    ),
    additionalProperties: false,
  };
  const shorthand: Json = {
    type: 'string',
    pattern: relationTypes.length
      ? `^${SIDE}\\s+(${relationTypes.map(escapeRegExp).join('|')})\\s+${SIDE}$`
      : `^${SIDE}\\s+\\S+\\s+${SIDE}$`,
  };

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: `kg-${input.name}.schema.json`,
    title: `kg project '${input.name}'`,
    description:
      'Generated by `kg schema --format json-schema`; regenerate after changing the schema.',
    type: ['object', 'null'],
    properties: {
      project: {
        type: 'object',
        properties: {
          id: { type: 'string', pattern: ID_PATTERN.source },
          title: { type: 'string' },
          description: { type: 'string' },
          authors: strings({ type: 'string' }),
          license: { type: 'string' },
        },
        additionalProperties: false,
      },
      defaults: {
        type: 'object',
        properties: {
          source: sourceRef,
          date: dateField,
          confidence: evidenceFields.confidence,
        },
        additionalProperties: false,
      },
      schema: schemaSection(entityTypes),
      sources: {
        type: ['array', 'null'],
        items: {
          type: 'object',
          required: ['id', 'title'],
          properties: {
            id: { type: 'string', pattern: ID_PATTERN.source },
            title: { type: 'string' },
            url: { type: 'string', pattern: '^https?://' },
            published: scalarSchema({ type: 'date', list: false, required: false }, names),
            publisher: { type: 'string' },
            author: { type: 'string' },
            note: { type: 'string' },
            file: { type: 'string' },
          },
          additionalProperties: false,
        },
      },
      entities: { type: ['array', 'null'], items: entity },
      relations: {
        type: ['array', 'null'],
        items: { anyOf: [shorthand, shorthandWithFields, fullForm] },
      },
    },
    propertyNames: { enum: [...TOP_LEVEL_KEYS] },
  };
}
