// `kg push` connects and stages the schema while the project compiles (docs/neo4j.md, "Where
// the time goes"). On a server of its own (the shared test server has the schema already): a
// project with errors reports them and leaves the database exactly as it was — no constraint,
// no index, no node —, a wrong password is still one NEO4J_AUTH_FAILED line, and a good
// project then commits the staged schema and its data.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startNeo4j, type RunningNeo4j } from '../../scripts/neo4j-launcher.mjs';
import { constraintStatements } from '../../src/neo4j/statements.js';
import { REPO, runKg } from '../helpers/cli.js';
import { neo4jTestConnection } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

/** Schema rules and nodes in the database (the two built-in token lookup indexes left out). */
async function contents(driver: Driver) {
  const rules = await driver.executeQuery(
    "SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name ORDER BY name",
  );
  const nodes = await driver.executeQuery('MATCH (n) RETURN count(n) AS n');
  return {
    rules: rules.records.map((r) => r.get('name') as string),
    nodes: neo4j.integer.toNumber(nodes.records[0]!.get('n')),
  };
}

describe.skipIf(!conn)('kg push, schema staged while compiling', () => {
  const dirs: string[] = [];
  let server: RunningNeo4j | undefined;
  let driver: Driver | undefined;
  let env: NodeJS.ProcessEnv = {};

  beforeAll(async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'kg-neo4j-overlap-'));
    dirs.push(home);
    server = await startNeo4j({ port: await freePort(), home, watchStdin: true });
    driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password));
    env = {
      NEO4J_URI: server.uri,
      NEO4J_USERNAME: server.username,
      NEO4J_PASSWORD: server.password,
    };
  }, 180_000);

  afterAll(async () => {
    await driver?.close();
    await server?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('a project with errors pushes nothing, schema included', async () => {
    const project = await mkdtemp(path.join(os.tmpdir(), 'kg-overlap-project-'));
    dirs.push(project);
    await cp(path.join(REPO, 'data'), project, { recursive: true });
    await writeFile(path.join(project, 'zz-broken.yaml'), 'relations:\n  - nobody MET noone\n');
    expect(await contents(driver!)).toEqual({ rules: [], nodes: 0 });

    const push = await runKg(['push', project, '--graph-name', 'broken'], { env });
    expect(push.code).toBe(1);
    expect(push.stderr).toContain('error[KG108]');
    expect(push.stderr).toContain('zz-broken.yaml:2:');
    expect(push.stderr).not.toContain('NEO4J_');
    expect(await contents(driver!)).toEqual({ rules: [], nodes: 0 });

    // Errors in the data win over a connection problem, as before.
    const both = await runKg(['push', project], { env: { ...env, NEO4J_PASSWORD: 'wrong' } });
    expect(both.code).toBe(1);
    expect(both.stderr).toContain('error[KG108]');
  }, 120_000);

  it('a wrong password is one NEO4J_AUTH_FAILED line, exit 3', async () => {
    const push = await runKg(['push', 'data'], { env: { ...env, NEO4J_PASSWORD: 'wrong' } });
    expect(push.code).toBe(3);
    expect(push.stderr.trim().split('\n')).toHaveLength(1);
    expect(push.stderr).toContain('[NEO4J_AUTH_FAILED]');
    expect(await contents(driver!)).toEqual({ rules: [], nodes: 0 });
  }, 60_000);

  it('--dry-run creates no schema; a good project commits the staged schema and its data', async () => {
    const dry = await runKg(['push', 'data', '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(await contents(driver!)).toEqual({ rules: [], nodes: 0 });

    const push = await runKg(['push', 'data', '--verbose'], { env });
    expect(push.code).toBe(0);
    // The overlap as --verbose shows it: the compile started before the schema had run.
    const span = (phase: string) => {
      const m = new RegExp(`^ {2}${phase} +(\\d+) → +(\\d+) +\\d+ ms`, 'm').exec(push.stdout);
      expect(m, `${phase} in\n${push.stdout}`).not.toBeNull();
      return { from: Number(m![1]), to: Number(m![2]) };
    };
    expect(span('compile').from).toBeLessThan(span('schema, staged').to);
    expect(span('schema, commit').from).toBeGreaterThanOrEqual(span('compile').to);
    const after = await contents(driver!);
    expect(after.rules).toHaveLength(constraintStatements().length);
    expect(after.nodes).toBeGreaterThan(0);
  }, 120_000);
});
