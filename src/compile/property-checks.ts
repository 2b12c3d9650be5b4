// Checks shared by entities and relations: unknown properties, required ones, source ids.
import type { RawProperty, Str } from '../language/ast.js';
import { checkValue } from '../language/check-value.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { isValidPropertyName, PROPERTY_NAME_HINT } from '../language/property-name.js';
import type { Span } from '../language/source-file.js';
import { didYouMean } from '../language/suggest.js';
import type { PropertySpec, PropertyValue, SourceInfo } from '../types.js';
import { own } from '../util/dict.js';
import type { EntityIndex } from './entity-index.js';
import { withArticle } from '../language/article.js';

export function checkUnknownProperty(
  sink: DiagnosticSink,
  key: Str,
  declared: Record<string, PropertySpec>,
  reserved: readonly string[],
  owner: string,
): void {
  const names = Object.keys(declared);
  sink.report('KG104', key, `property '${key.value}' is not declared for ${owner}`, {
    value: key.value,
    hint:
      didYouMean(key.value, [...names, ...reserved]) ??
      (!isValidPropertyName(key.value)
        ? `it cannot be declared either: ${PROPERTY_NAME_HINT}`
        : undefined) ??
      (names.length
        ? `declared properties: ${names.join(', ')}`
        : `declare it under the properties of ${owner} in the schema`),
  });
}

/**
 * Required properties with no value. A property whose value was given but refused (a wrong
 * type, a `!!binary` tag…) is in `refused`: its own diagnostic says what is wrong, and calling it
 * missing as well would be false.
 */
export function requiredMissing(
  declared: Record<string, PropertySpec>,
  values: Record<string, PropertyValue>,
  refused: ReadonlySet<string> = new Set(),
): string[] {
  return Object.entries(declared)
    .filter(([name, spec]) => spec.required && own(values, name) === undefined)
    .filter(([name]) => !refused.has(name))
    .map(([name]) => name);
}

export function checkSourceRefs(
  sink: DiagnosticSink,
  refs: Str[],
  sources: Map<string, SourceInfo>,
): void {
  for (const ref of refs) {
    if (sources.has(ref.value)) continue;
    sink.report('KG111', ref, `unknown source '${ref.value}'`, {
      value: ref.value,
      hint:
        didYouMean(ref.value, sources.keys()) ?? 'declare it under sources: with an id and a title',
    });
  }
}

/** Resolves a `ref` value to an entity id, checking the entity types the property allows. */
export function resolveRef(
  sink: DiagnosticSink,
  index: EntityIndex,
  ref: string,
  span: Span,
  allowed: string[] | undefined,
  property: string,
): string | undefined {
  const target = index.resolve(sink, ref, span, `'${property}' reference`);
  if (!target) return undefined;
  index.referenced.add(target.id);
  if (allowed && target.type && !allowed.includes(target.type)) {
    sink.report(
      'KG110',
      span,
      `'${property}' must refer to ${allowed.join(' or ')}, not ${target.type}`,
      {
        value: ref,
        hint: `'${target.id}' is ${withArticle(target.type)}`,
      },
    );
    return undefined;
  }
  return target.id;
}

/**
 * Checks one written property of an entity or relation against its type's declarations:
 * undeclared (KG104) or a valid value. Undefined when invalid (already reported).
 */
export function checkProperty(
  sink: DiagnosticSink,
  index: EntityIndex,
  prop: RawProperty,
  declared: Record<string, PropertySpec>,
  reserved: readonly string[],
  owner: string,
): PropertyValue | undefined {
  const name = prop.key.value;
  const spec = own(declared, name);
  if (!spec) {
    checkUnknownProperty(sink, prop.key, declared, reserved, owner);
    return undefined;
  }
  return checkValue(spec, prop.value, name, {
    sink,
    resolveRef: (ref, span, allowed) => resolveRef(sink, index, ref, span, allowed, name),
  });
}
