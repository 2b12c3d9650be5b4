// The neo4j-csv export, bulk-loaded by the real `neo4j-admin database import full` (Neo4j 5.26
// from Maven Central) with the command line it writes, gives the same database as kg push.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { fileText } from '../../src/export/exporter.js';
import { neo4jCsv } from '../../src/export/neo4j-csv.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { freePort, runNeo4jAdmin, startNeo4j } from '../../scripts/neo4j-launcher.mjs';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  dropGraph,
  neo4jTestConnection,
  snapshot,
  testDriver,
  uniqueGraphName,
} from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

/** The arguments of the neo4j-admin command in neo4j-import.sh, database `neo4j`. */
function importArgs(script: string): string[] {
  const command = script.slice(script.indexOf('neo4j-admin database')).replace(/\\\n/g, ' ');
  return command
    .split(/\s+/)
    .filter(Boolean)
    .slice(1)
    .map((a) => (a === '"${NEO4J_DATABASE:-neo4j}"' ? 'neo4j' : a));
}

describe.skipIf(!conn)('neo4j-admin import of the neo4j-csv export', () => {
  const cleanup: string[] = [];
  afterAll(async () => {
    for (const dir of cleanup) await rm(dir, { recursive: true, force: true });
  });

  it('imports with the written command and equals a pushed database', async () => {
    // The fixture mixes complete and partial dates in one property: the split files keep
    // each value's type, so the import must equal the push exactly.
    const make = fixtureGraph;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'kg-neo4j-csv-'));
    const home = await mkdtemp(path.join(os.tmpdir(), 'kg-neo4j-home-'));
    cleanup.push(dir, home);
    for (const file of neo4jCsv.files(make())) {
      await writeFile(path.join(dir, file.name), fileText(file));
    }
    const args = importArgs(await readFile(path.join(dir, 'neo4j-import.sh'), 'utf8'));
    expect(args.slice(0, 3)).toEqual(['database', 'import', 'full']);
    const imported = await runNeo4jAdmin(args, { home, cwd: dir });
    expect(imported.output).toContain('IMPORT DONE');
    expect(imported.code).toBe(0);

    const driver = testDriver();
    const pushedName = uniqueGraphName('csv-ref');
    const graph = make();
    await pushGraph(driver, graph, { graphName: pushedName });
    const pushed = await snapshot(driver, pushedName);
    await dropGraph(driver, pushedName);
    await driver.close();

    const server = await startNeo4j({ port: await freePort(), home, watchStdin: true });
    try {
      const local = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password));
      try {
        const loaded = await snapshot(local, graph.getAttribute('name'));
        // 6 entities, 2 sources, 7 evidence items
        expect(loaded.nodes.length).toBe(15);
        expect(loaded).toEqual(pushed);
      } finally {
        await local.close();
      }
    } finally {
      await server.stop();
    }
  }, 300_000);
});
