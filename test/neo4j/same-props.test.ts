// push compares what Neo4j holds with the data exactly, types included (no server needed:
// values as the driver returns them).
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { sameProps } from '../../src/neo4j/driver-values.js';
import type { Neo4jProps } from '../../src/neo4j/values.js';

const ours: Neo4jProps = {
  id: 'a',
  name: 'Ann',
  score: 2.5,
  rank: { kind: 'int', value: 3 },
  nato: true,
  born: { kind: 'date', text: '1946-06-14' },
  at: { kind: 'datetime', text: '2025-08-18T14:30:00+02:00' },
  local: { kind: 'localdatetime', text: '2025-08-18T14:30' },
  aliases: ['A', 'B'],
  days: [
    { kind: 'date', text: '2025-08-18' },
    { kind: 'date', text: '2025-08-19' },
  ],
};

function stored(): Record<string, unknown> {
  return {
    id: 'a',
    name: 'Ann',
    score: 2.5,
    rank: neo4j.int(3),
    nato: true,
    born: new neo4j.types.Date(1946, 6, 14),
    at: new neo4j.types.DateTime(2025, 8, 18, 14, 30, 0, 0, 7200),
    local: new neo4j.types.LocalDateTime(2025, 8, 18, 14, 30, 0, 0),
    aliases: ['A', 'B'],
    days: [new neo4j.types.Date(2025, 8, 18), new neo4j.types.Date(2025, 8, 19)],
  };
}

describe('sameProps', () => {
  it('is true for the same values as the driver returns them', () => {
    expect(sameProps(stored(), ours)).toBe(true);
  });

  it('is false for any difference, type included', () => {
    const changes: [string, unknown][] = [
      ['name', 'Anne'],
      ['score', 2.4],
      ['rank', 3], // a float where an INTEGER is wanted
      ['rank', neo4j.int(4)],
      ['nato', 'true'],
      ['born', '1946-06-14'], // a string where a DATE is wanted
      ['born', new neo4j.types.Date(1946, 6, 15)],
      ['at', new neo4j.types.DateTime(2025, 8, 18, 14, 30, 0, 0, 3600)],
      ['at', new neo4j.types.LocalDateTime(2025, 8, 18, 14, 30, 0, 0)],
      ['aliases', ['A']],
      ['aliases', ['B', 'A']],
      ['days', [new neo4j.types.Date(2025, 8, 18)]],
    ];
    for (const [key, value] of changes) {
      expect(sameProps({ ...stored(), [key]: value }, ours), `${key}: ${String(value)}`).toBe(
        false,
      );
    }
    expect(sameProps({ ...stored(), extra: 1 }, ours)).toBe(false);
    const missing = stored();
    delete missing.name;
    expect(sameProps(missing, ours)).toBe(false);
  });
});
