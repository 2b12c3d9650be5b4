// kg push / kg query end to end through bin/kg.js on the real server and data/.
import { afterAll, describe, expect, it } from 'vitest';
import { runKg } from '../helpers/cli.js';
import { dropGraph, neo4jTestConnection, testDriver, uniqueGraphName } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

describe.skipIf(!conn)('kg push / kg query (CLI)', () => {
  const graph = uniqueGraphName('cli');
  const env = conn
    ? { NEO4J_URI: conn.uri, NEO4J_USERNAME: conn.username, NEO4J_PASSWORD: conn.password }
    : {};
  afterAll(async () => {
    const driver = testDriver();
    await dropGraph(driver, graph);
    await driver.close();
  });

  it('pushes data/, then a second push reports everything unchanged', async () => {
    const dry = await runKg(['push', 'data', '--graph-name', graph, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/Dry run/);
    expect(dry.stdout).toMatch(/entities\s+47 created/);
    const first = await runKg(['push', 'data', '--graph-name', graph], { env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/entities\s+47 created, 0 updated, 0 unchanged, 0 deleted/);
    expect(first.stdout).toMatch(/relationships\s+\d+ created, 0 updated/);
    expect(first.stdout).toMatch(/evidence\s+[1-9]\d* created, 0 updated, 0 unchanged, 0 deleted/);
    const second = await runKg(['push', 'data', '--graph-name', graph, '--prune'], { env });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/entities\s+0 created, 0 updated, 47 unchanged, 0 deleted/);
    expect(second.stdout).toMatch(/relationships\s+0 created, 0 updated, \d+ unchanged, 0 deleted/);
    expect(second.stdout).toMatch(/evidence\s+0 created, 0 updated, [1-9]\d* unchanged, 0 deleted/);
  }, 120_000);

  it('kg query prints a table, JSON or CSV and refuses writes', async () => {
    const cypher = `MATCH (p:Person {kg_graph: $g, id: 'trump'}) RETURN p.name AS name, 'a,"b"' AS odd`;
    const table = await runKg(['query', cypher, '--param', `g=${graph}`], { env });
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      'name         | odd',
      '-------------+------',
      'Donald Trump | a,"b"',
    ]);
    expect(table.stdout).toContain('(1 row)');
    const json = await runKg(['query', cypher, '--param', `g=${graph}`, '--format', 'json'], {
      env,
    });
    expect(JSON.parse(json.stdout)).toEqual([{ name: 'Donald Trump', odd: 'a,"b"' }]);
    const csv = await runKg(['query', cypher, '--param', `g=${graph}`, '--format', 'csv'], { env });
    expect(csv.stdout).toBe('name,odd\r\nDonald Trump,"a,""b"""\r\n');
    const write = await runKg(['query', 'CREATE (n:Oops)'], { env });
    expect(write.code).toBe(1);
    expect(write.stderr).toContain('[NEO4J_QUERY_FAILED]');
  });
});
