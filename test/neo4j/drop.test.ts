// kg drop on a real Neo4j holding several graphs: only the named graph goes, after a
// confirmation (or --yes), never without one when nobody can answer.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import type { Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { dropGraph, graphCounts } from '../../src/neo4j/drop.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { captureStream } from '../helpers/capture-stream.js';
import { runKg } from '../helpers/cli.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  dropGraph as cleanUp,
  neo4jTestConnection,
  snapshot,
  testDriver,
  uniqueGraphName,
} from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

describe.skipIf(!conn)('kg drop (real Neo4j)', () => {
  let driver: Driver;
  const graphs: string[] = [];
  const dirs: string[] = [];
  const env = conn
    ? { NEO4J_URI: conn.uri, NEO4J_USERNAME: conn.username, NEO4J_PASSWORD: conn.password }
    : {};
  const name = (prefix: string) => {
    const n = uniqueGraphName(prefix);
    graphs.push(n);
    return n;
  };
  /** Two graphs with the same ids in one database. */
  async function twoGraphs() {
    const doomed = name('doomed');
    const kept = name('kept');
    await pushGraph(driver, fixtureGraph(), { graphName: doomed });
    await pushGraph(driver, fixtureGraph(), { graphName: kept });
    return { doomed, kept, keptBefore: await snapshot(driver, kept) };
  }

  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(async () => {
    for (const g of graphs) await cleanUp(driver, g);
    await driver.close();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  // The first test on a freshly started server (it creates the schema): slow under load.
  it('counts a graph, deletes it all, and leaves the other graph as it was', async () => {
    const { doomed, kept, keptBefore } = await twoGraphs();
    const counts = await graphCounts(driver, doomed);
    // fixture: 6 entities, 2 sources, 6 relations, 6 citations, 7 evidence items (push.test.ts)
    expect(counts).toEqual({
      entities: 6,
      sources: 2,
      relationships: 6,
      citations: 6,
      evidence: 7,
    });
    const deleted = await dropGraph(driver, doomed, { batchSize: 2 });
    expect(deleted).toEqual({ nodes: 15, relationships: 12 });
    expect(await snapshot(driver, doomed)).toEqual({ nodes: [], rels: [] });
    expect(await graphCounts(driver, doomed)).toEqual({
      entities: 0,
      sources: 0,
      relationships: 0,
      citations: 0,
      evidence: 0,
    });
    expect(await snapshot(driver, kept)).toEqual(keptBefore);
    // Pushing the dropped graph again creates it anew.
    const again = await pushGraph(driver, fixtureGraph(), { graphName: doomed });
    expect(again.nodes.created).toBe(6);
  }, 120_000);

  it('CLI: refuses without --yes when stdin is not a terminal; --dry-run and --yes work', async () => {
    const { doomed, kept, keptBefore } = await twoGraphs();
    const before = await snapshot(driver, doomed);
    const refused = await runKg(['drop', '--graph-name', doomed], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(`refusing to delete graph '${doomed}' without confirmation`);
    expect(refused.stderr).toContain('--yes');
    const dry = await runKg(['drop', '--graph-name', doomed, '--dry-run'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      `would delete graph '${doomed}' at ${conn!.uri}: 6 entities, 6 relationships, 2 sources, 6 citations, 7 evidence items`,
    );
    expect(await snapshot(driver, doomed)).toEqual(before);

    const done = await runKg(['drop', '--graph-name', doomed, '--yes'], { env });
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(
      new RegExp(
        `^Dropped graph '${doomed}' in \\d+\\.\\d\\d s: 15 nodes and 12 relationships deleted\\.\\n$`,
      ),
    );
    expect((await snapshot(driver, doomed)).nodes).toEqual([]);
    expect(await snapshot(driver, kept)).toEqual(keptBefore);

    const nothing = await runKg(['drop', '--graph-name', doomed, '--yes'], { env });
    expect(nothing.code).toBe(0);
    expect(nothing.stdout).toContain(`Nothing to drop: no graph '${doomed}'`);
    expect(nothing.stdout).toContain(`'${kept}'`);
  }, 120_000);

  it('CLI: asks on a terminal; anything but yes keeps the graph', async () => {
    const { doomed } = await twoGraphs();
    const ask = async (answer: string) => {
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const out = captureStream(false);
      const err = captureStream(true);
      const code = main(['drop', '--graph-name', doomed], {
        stdin,
        stdout: out.s,
        stderr: err.s,
        env: { ...process.env, ...env },
      });
      stdin.write(`${answer}\n`);
      return { code: await code, stdout: out.text(), stderr: err.text() };
    };
    const no = await ask('n');
    expect(no.code).toBe(1);
    expect(no.stderr).toContain(
      `Delete graph '${doomed}' at ${conn!.uri}: 6 entities, 6 relationships, 2 sources, 6 citations, 7 evidence items? [y/N]`,
    );
    expect(no.stderr).toContain('not confirmed; nothing deleted');
    expect((await graphCounts(driver, doomed)).entities).toBe(6);
    const yes = await ask('yes');
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`Dropped graph '${doomed}'`);
    expect((await graphCounts(driver, doomed)).entities).toBe(0);
  }, 60_000);

  it('CLI: drops the graph of a project directory (its name as kg push gives it)', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'kg-drop-'));
    dirs.push(parent);
    const dir = path.join(parent, 'project');
    await cp('data', dir, { recursive: true });
    // The graph name is the manifest's project id (unique here, so parallel runs never meet).
    const graph = name('project');
    const manifest = path.join(dir, 'kg.yaml');
    const text = await readFile(manifest, 'utf8');
    expect(text).toContain('id: peace-talks');
    await writeFile(manifest, text.replace('id: peace-talks', `id: ${graph}`));
    const pushed = await runKg(['push', dir], { env });
    expect(pushed.code).toBe(0);
    expect((await graphCounts(driver, graph)).entities).toBe(47);
    const both = await runKg(['drop', dir, '--graph-name', graph, '--yes'], { env });
    expect(both.code).toBe(2);
    const dropped = await runKg(['drop', dir, '--yes'], { env });
    expect(dropped.code).toBe(0);
    expect(dropped.stdout).toContain(`Dropped graph '${graph}'`);
    expect(await graphCounts(driver, graph)).toEqual({
      entities: 0,
      sources: 0,
      relationships: 0,
      citations: 0,
      evidence: 0,
    });
  }, 120_000);
});
