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
