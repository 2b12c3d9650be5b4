// Property values on their way to Neo4j, in a neutral form that push (driver values), the
// Cypher script (literals) and the neo4j-admin CSV (typed cells) all render the same way.
// Complete dates become Neo4j temporals; partial dates ('2025', '2025-08') stay strings.
import { escapeKey } from './identifiers.js';

export type TemporalKind = 'date' | 'datetime' | 'localdatetime';
export interface Temporal {
  kind: TemporalKind;
  /** ISO text, e.g. `2025-08-18` or `2025-08-18T14:30:00+02:00`. */
  text: string;
}
/** An integer (schema type `integer`): Neo4j INTEGER, never a float. */
export interface IntValue {
  kind: 'int';
  value: number;
}
export type Neo4jScalar = string | number | boolean | IntValue | Temporal;
export type Neo4jValue = Neo4jScalar | Neo4jScalar[];
export type Neo4jProps = Record<string, Neo4jValue>;

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
export const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A temporal for a complete date or date-time; undefined for partial dates (kept as text). */
export function toTemporal(text: string): Temporal | undefined {
  if (DATE_ONLY.test(text)) return { kind: 'date', text };
  const m = DATE_TIME.exec(text);
  if (!m) return undefined;
  return { kind: m[8] === undefined ? 'localdatetime' : 'datetime', text };
}

export function isTemporal(value: unknown): value is Temporal {
  return (
    typeof value === 'object' &&
    value !== null &&
    'kind' in value &&
    (value.kind === 'date' || value.kind === 'datetime' || value.kind === 'localdatetime')
  );
}

export function isInt(value: unknown): value is IntValue {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'int';
}

/**
 * Date-typed values: temporals when every element is complete and of one kind (Neo4j lists
 * are homogeneous), otherwise the original strings.
 */
export function dateValue(value: string | string[]): Neo4jValue {
  if (typeof value === 'string') return toTemporal(value) ?? value;
  const temporals = value.map(toTemporal);
  const first = temporals[0];
  if (first && temporals.every((t) => t !== undefined && t.kind === first.kind)) {
    return temporals as Temporal[];
  }
  return value;
}

// ---- Cypher literals (script export) ----

/** A Cypher string literal: quotes, backslashes and control characters escaped. */
export function cypherString(text: string): string {
  let out = "'";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const code = text.charCodeAt(i);
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // Keep a valid surrogate pair as is (UTF-8 file); a lone surrogate cannot be encoded.
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1];
        i++;
      } else out += '\ufffd';
    } else out += ch;
  }
  return `${out}'`;
}

function cypherNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to Neo4j`);
  // A float must stay a float: 2 → 2.0 (push sends JS numbers as Neo4j FLOAT).
  const text = String(value);
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

function cypherScalar(value: Neo4jScalar): string {
  if (typeof value === 'string') return cypherString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return cypherNumber(value);
  if (isInt(value)) return String(value.value);
  return `${value.kind}(${cypherString(value.text)})`;
}

export function cypherValue(value: Neo4jValue): string {
  return Array.isArray(value) ? `[${value.map(cypherScalar).join(', ')}]` : cypherScalar(value);
}

/** `{`key`: value, …}` with keys in the given (stable) order. */
export function cypherMap(props: Record<string, Neo4jValue>): string {
  const parts = Object.entries(props).map(([k, v]) => `${escapeKey(k)}: ${cypherValue(v)}`);
  return `{${parts.join(', ')}}`;
}
