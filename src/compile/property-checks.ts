// Checks shared by entities and relations: unknown properties, required ones, source ids.
import type { Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { didYouMean } from '../language/suggest.js';
import type { PropertySpec, PropertyValue, SourceInfo } from '../types.js';

export function checkUnknownProperty(
  sink: DiagnosticSink,
  key: Str,
  declared: Record<string, PropertySpec>,
  reserved: readonly string[],
  owner: string,
): void {
  const names = Object.keys(declared);
  sink.report('KG104', key.span, `property '${key.value}' is not declared for ${owner}`, {
    value: key.value,
    hint:
      didYouMean(key.value, [...names, ...reserved]) ??
      (names.length
        ? `declared properties: ${names.join(', ')}`
        : `declare it under the properties of ${owner} in the schema`),
  });
}

export function requiredMissing(
  declared: Record<string, PropertySpec>,
  values: Record<string, PropertyValue>,
): string[] {
  return Object.entries(declared)
    .filter(([name, spec]) => spec.required && values[name] === undefined)
    .map(([name]) => name);
}

export function checkSourceRefs(
  sink: DiagnosticSink,
  refs: Str[],
  sources: Map<string, SourceInfo>,
): void {
  for (const ref of refs) {
    if (sources.has(ref.value)) continue;
    sink.report('KG111', ref.span, `unknown source '${ref.value}'`, {
      value: ref.value,
      hint:
        didYouMean(ref.value, sources.keys()) ?? 'declare it under sources: with an id and a title',
    });
  }
}
