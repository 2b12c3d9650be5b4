// `kg query`: runs one read-only Cypher query and turns the driver's values into plain JSON
// values (integers as numbers, temporals as ISO strings, nodes/relationships as maps).
import neo4j, { type Driver } from 'neo4j-driver';
import { classifyNeo4jError } from './errors.js';
import { dict } from '../util/dict.js';

export type PlainValue =
  null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };

export interface QueryResult {
  columns: string[];
  rows: PlainValue[][];
}

export function toPlain(value: unknown): PlainValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean' || typeof value === 'string') return value;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (neo4j.isInt(value)) return value.inSafeRange() ? value.toNumber() : value.toString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value) ||
    neo4j.isPoint(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value)) {
    return { labels: value.labels, properties: toPlain(value.properties) };
  }
  if (neo4j.isRelationship(value)) {
    return { type: value.type, properties: toPlain(value.properties) };
  }
  if (neo4j.isPath(value)) {
    const nodes = [toPlain(value.start), ...value.segments.map((s) => toPlain(s.end))];
    return { nodes, relationships: value.segments.map((s) => toPlain(s.relationship)) };
  }
  if (typeof value === 'object') {
    const out = dict<PlainValue>();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
    return out;
  }
  return String(value);
}

/** Runs `cypher` in a read transaction (writes are refused by the server). */
export async function runReadQuery(
  driver: Driver,
  cypher: string,
  params: Record<string, unknown>,
  target: { uri: string; database?: string },
): Promise<QueryResult> {
  const session = driver.session({
    defaultAccessMode: neo4j.session.READ,
    ...(target.database ? { database: target.database } : {}),
  });
  try {
    return await session.executeRead(async (tx) => {
      const running = tx.run(cypher, params);
      // keys() also answers for an empty result, unlike records[0].keys.
      const columns = (await running.keys()).map(String);
      const { records } = await running;
      return { columns, rows: records.map((r) => columns.map((k) => toPlain(r.get(k)))) };
    });
  } catch (error) {
    throw classifyNeo4jError(error, target);
  } finally {
    await session.close();
  }
}
