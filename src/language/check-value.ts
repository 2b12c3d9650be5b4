// Checks a written value against its property declaration and converts it to the
// stored form (numbers, booleans, ISO date strings, resolved entity ids).
import type { PropertySpec, PropertyValue, Scalar } from '../types.js';
import type { RawValue } from './ast.js';
import { dateHint } from './date-hints.js';
import { parseIsoDate } from './dates.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import type { Span } from './source-file.js';
import { didYouMean } from './suggest.js';

export interface ValueContext {
  sink: DiagnosticSink;
  /** Resolves an entity reference (id or unique alias), reporting failures; undefined if unresolved. */
  resolveRef(ref: string, span: Span, allowedTypes: string[] | undefined): string | undefined;
}

const TYPE_WORDS: Record<PropertySpec['type'], string> = {
  string: 'a string',
  text: 'a text',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  date: 'a date (YYYY, YYYY-MM, YYYY-MM-DD or a date-time)',
  url: 'an http(s) URL',
  enum: 'one of the allowed values',
  ref: 'an entity id or alias',
};

export function isHttpUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const { protocol } = new URL(text);
  return protocol === 'http:' || protocol === 'https:';
}

/** A date value (`date: 2025-08-18`, or a bare year `2025`) as an ISO string. */
export function checkDate(raw: RawValue, what: string, sink: DiagnosticSink): string | undefined {
  if (raw.kind !== 'scalar' || raw.value === null || typeof raw.value === 'boolean') {
    sink.report('KG106', raw, `${what} must be a date`, {
      value: raw.kind === 'scalar' ? raw.text : `a ${raw.kind}`,
      hint: 'write YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ',
    });
    return undefined;
  }
  const parsed = parseIsoDate(raw.text);
  if (!parsed) {
    sink.report('KG106', raw, `invalid date '${raw.text}' in ${what}`, {
      value: raw.text,
      hint: dateHint(raw.text),
    });
    return undefined;
  }
  return parsed.text;
}

function checkScalar(
  spec: PropertySpec,
  raw: Extract<RawValue, { kind: 'scalar' }>,
  name: string,
  ctx: ValueContext,
): Scalar | undefined {
  const { sink } = ctx;
  const wrong = (hint?: string) => {
    sink.report('KG105', raw, `'${name}' must be ${TYPE_WORDS[spec.type]}`, {
      value: raw.text,
      hint,
    });
    return undefined;
  };
  const v = raw.value;
  switch (spec.type) {
    case 'string':
    case 'text':
      return raw.text;
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
        ? v
        : wrong('write a number without quotes');
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) ? v : wrong('write a whole number');
    case 'boolean':
      return typeof v === 'boolean' ? v : wrong('write true or false');
    case 'date':
      return checkDate(raw, `'${name}'`, sink);
    case 'url':
      return isHttpUrl(raw.text) ? raw.text : wrong('write a full address starting with https://');
    case 'enum': {
      const values = spec.values ?? [];
      if (values.includes(raw.text)) return raw.text;
      sink.report('KG107', raw, `'${raw.text}' is not an allowed value of '${name}'`, {
        value: raw.text,
        hint: didYouMean(raw.text, values) ?? `allowed: ${values.join(', ')}`,
      });
      return undefined;
    }
    case 'ref':
      return ctx.resolveRef(raw.text, raw, spec.to);
  }
}

/** The stored value, or undefined when the value is invalid (already reported) or empty. */
export function checkValue(
  spec: PropertySpec,
  raw: RawValue,
  name: string,
  ctx: ValueContext,
): PropertyValue | undefined {
  if (raw.kind === 'map') {
    ctx.sink.report('KG105', raw, `'${name}' must be ${TYPE_WORDS[spec.type]}, not a mapping`, {
      value: 'a mapping',
    });
    return undefined;
  }
  if (raw.kind === 'list') {
    if (!spec.list) {
      ctx.sink.report('KG105', raw, `'${name}' takes one value, not a list`, {
        value: 'a list',
        hint: `declare it as '${spec.type}[]' in the schema to allow several values`,
      });
      return undefined;
    }
    const out: Scalar[] = [];
    for (const item of raw.items) {
      if (item.kind !== 'scalar') {
        ctx.sink.report('KG105', item, `each item of '${name}' must be ${TYPE_WORDS[spec.type]}`, {
          value: `a ${item.kind}`,
        });
        continue;
      }
      if (item.value === null) continue;
      const v = checkScalar(spec, item, name, ctx);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  if (raw.value === null) return undefined;
  const v = checkScalar(spec, raw, name, ctx);
  if (v === undefined) return undefined;
  return spec.list ? [v] : v;
}

/** A confidence (0..1), or undefined (reported) when it is anything else. */
export function checkConfidence(raw: RawValue, sink: DiagnosticSink): number | undefined {
  if (raw.kind === 'scalar' && typeof raw.value === 'number' && raw.value >= 0 && raw.value <= 1) {
    return raw.value;
  }
  sink.report('KG115', raw, 'confidence must be a number from 0 to 1', {
    value: raw.kind === 'scalar' ? raw.text : `a ${raw.kind}`,
    hint: 'e.g. confidence: 0.8 (1 = certain)',
  });
  return undefined;
}
