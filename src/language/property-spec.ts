// Parses a schema property declaration: `role: string`, `nicknames: string[]`, or
// `status: { type: enum, values: [a, b], required: true }`.
import { BASE_TYPES, type BaseType, type PropertySpec } from '../types.js';
import type { Str } from './ast.js';
import { didYouMean } from './suggest.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';

export const SPEC_FIELDS = ['type', 'required', 'values', 'to', 'edge', 'description'] as const;

function isBaseType(s: string): s is BaseType {
  return (BASE_TYPES as readonly string[]).includes(s);
}

/** Splits `string[]` into its base type and list flag, reporting unknown types. */
function parseTypeName(r: YamlReader, type: Str): { type: BaseType; list: boolean } | undefined {
  const list = type.value.endsWith('[]');
  const base = list ? type.value.slice(0, -2) : type.value;
  if (isBaseType(base)) return { type: base, list };
  r.sink.report('KG020', type, `unknown property type '${type.value}'`, {
    value: type.value,
    hint:
      didYouMean(base, BASE_TYPES) ?? `use one of: ${BASE_TYPES.join(', ')} (add [] for a list)`,
  });
  return undefined;
}

export function parsePropertySpec(r: YamlReader, node: YamlNode): PropertySpec | undefined {
  const n = node;
  if (n?.kind === 'scalar') {
    const type = r.str(n, 'a property type');
    if (!type) return undefined;
    const parsed = parseTypeName(r, type);
    if (!parsed) return undefined;
    if (parsed.type === 'enum') {
      r.sink.report('KG020', type, 'an enum property needs its allowed values', {
        value: type.value,
        hint: 'write { type: enum, values: [a, b, c] }',
      });
      return undefined;
    }
    return { ...parsed, required: false };
  }
  const pairs = r.pairs(n, 'a property declaration');
  if (!pairs) return undefined;
  let parsed: { type: BaseType; list: boolean } | undefined;
  let typeStr: Str | undefined;
  let edge: Str | undefined;
  const spec: Partial<PropertySpec> = { required: false };
  for (const pair of pairs) {
    const key = r.key(pair);
    if (!key) continue;
    const value = pair.value;
    switch (key.value) {
      case 'type':
        typeStr = r.str(value, 'type');
        if (typeStr) parsed = parseTypeName(r, typeStr);
        break;
      case 'required': {
        const b = r.bool(value, 'required');
        if (b !== undefined) spec.required = b;
        break;
      }
      case 'values':
        spec.values = r.strList(value, 'values').map((s) => s.value);
        break;
      case 'to':
        spec.to = r.strList(value, 'to').map((s) => s.value);
        break;
      case 'edge':
        edge = r.str(value, 'edge', key);
        break;
      case 'description': {
        const d = r.str(value, 'description');
        if (d) spec.description = d.value;
        break;
      }
      default:
        r.unknownKey(key, 'a property declaration', SPEC_FIELDS);
    }
  }
  if (!typeStr) {
    r.sink.report('KG013', r.span(n), "a property declaration needs a 'type'", {
      hint: 'e.g. { type: string, required: true }',
    });
    return undefined;
  }
  if (!parsed) return undefined;
  if (parsed.type === 'enum' && !spec.values?.length) {
    r.sink.report('KG020', typeStr, 'an enum property needs its allowed values', {
      value: typeStr.value,
      hint: 'add values: [a, b, c]',
    });
    return undefined;
  }
  const result: PropertySpec = { type: parsed.type, list: parsed.list, required: !!spec.required };
  if (parsed.type === 'enum') result.values = spec.values;
  if (parsed.type === 'ref' && spec.to?.length) result.to = spec.to;
  if (edge && parsed.type !== 'ref') {
    r.sink.report('KG031', edge, `only a 'ref' property can be an edge, not a '${typeStr.value}'`, {
      value: edge.value,
      hint: 'an edge links to another entity: give the property type: ref (and to: an entity type)',
    });
  } else if (edge) result.edge = edge.value;
  if (spec.description !== undefined) result.description = spec.description;
  return result;
}
