// Property values as the driver's parameter types (ints as Integer, temporals as Neo4j
// temporal types), for kg push. Apart from values.ts so that the exporters, which share the
// value model, do not load the driver.
import neo4j from 'neo4j-driver';
import {
  DATE_TIME,
  isInt,
  isTemporal,
  type Neo4jProps,
  type Neo4jScalar,
  type Neo4jValue,
  type Temporal,
} from './values.js';
import { dict } from '../util/dict.js';

function offsetSeconds(zone: string): number {
  if (zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
}

function driverTemporal(t: Temporal): unknown {
  if (t.kind === 'date') {
    const [y, m, d] = t.text.split('-').map(Number);
    return new neo4j.types.Date(y ?? 0, m ?? 1, d ?? 1);
  }
  const m = DATE_TIME.exec(t.text);
  if (!m) throw new Error(`not a date-time: ${t.text}`);
  const n = (i: number) => Number(m[i] ?? 0);
  const nanos = Number((m[7] ?? '').padEnd(9, '0') || 0);
  if (t.kind === 'localdatetime') {
    return new neo4j.types.LocalDateTime(n(1), n(2), n(3), n(4), n(5), n(6), nanos);
  }
  return new neo4j.types.DateTime(
    n(1),
    n(2),
    n(3),
    n(4),
    n(5),
    n(6),
    nanos,
    offsetSeconds(m[8] ?? 'Z'),
  );
}

function driverScalar(value: Neo4jScalar): unknown {
  if (isInt(value)) return neo4j.int(value.value);
  if (isTemporal(value)) return driverTemporal(value);
  return value;
}

/** Parameter form of a property map for the driver (ints as Integer, temporals as types). */
export function toDriverProps(props: Neo4jProps): Record<string, unknown> {
  const out = dict<unknown>();
  for (const [key, value] of Object.entries(props)) {
    out[key] = Array.isArray(value) ? value.map(driverScalar) : driverScalar(value);
  }
  return out;
}

/** A count from a result record (driver Integer, bigint or number) as a number. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (value && typeof value === 'object' && 'toNumber' in value) {
    return (value as { toNumber(): number }).toNumber();
  }
  return Number(value ?? 0);
}

const TEMPORAL_CHECK: Record<Temporal['kind'], (v: unknown) => boolean> = {
  date: (v) => neo4j.isDate(v as object),
  datetime: (v) => neo4j.isDateTime(v as object),
  localdatetime: (v) => neo4j.isLocalDateTime(v as object),
};

/** Whether a value read from Neo4j is exactly `value` (type included: 2 is not 2.0). */
function sameScalar(stored: unknown, value: Neo4jScalar): boolean {
  if (typeof value !== 'object') return stored === value;
  if (isInt(value)) return neo4j.isInt(stored) && stored.toString() === String(value.value);
  // The same driver type and the same fields (the driver formats both alike).
  return TEMPORAL_CHECK[value.kind](stored) && String(stored) === String(driverTemporal(value));
}

/** Whether a property map read from Neo4j holds exactly `props` (no more, no less). */
export function sameProps(stored: Record<string, unknown>, props: Neo4jProps): boolean {
  const keys = Object.keys(props);
  if (Object.keys(stored).length !== keys.length) return false;
  for (const key of keys) {
    const value = props[key] as Neo4jValue;
    const s = Object.hasOwn(stored, key) ? stored[key] : undefined;
    if (Array.isArray(value)) {
      if (!Array.isArray(s) || s.length !== value.length) return false;
      if (!value.every((v, i) => sameScalar(s[i], v))) return false;
    } else if (!sameScalar(s, value)) return false;
  }
  return true;
}
