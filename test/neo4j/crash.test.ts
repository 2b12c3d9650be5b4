// A server killed (SIGKILL) in the middle of a push: every committed batch survives recovery
// (each batch is one transaction), the push fails as NEO4J_UNREACHABLE, and re-running it
// completes it.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MultiGraph } from 'graphology';
import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, it } from 'vitest';
import { pushGraph } from '../../src/neo4j/push.js';
import type { KgGraph } from '../../src/types.js';
import { freePort, startNeo4j, type RunningNeo4j } from '../../scripts/neo4j-launcher.mjs';
import { factAttrs } from '../helpers/fixture-graph.js';
import { neo4jTestConnection } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

function chainGraph(entities: number, relations: number): KgGraph {
  const graph: KgGraph = new MultiGraph();
  graph.replaceAttributes({
    name: 'crash',
    sources: {},
    schema: {
      entities: { Thing: { color: '#999', labelProperty: 'name', properties: {} } },
      relations: {
        LINKS: {
          from: ['Thing'],
          to: ['Thing'],
          symmetric: false,
          label: 'links',
          color: '#999',
          properties: {},
        },
      },
    },
  });
  for (let i = 0; i < entities; i++) {
    graph.addNode(`t${i}`, {
      label: `T${i}`,
      type: 'Thing',
      color: '#999',
      size: 1,
      x: 0,
      y: 0,
      aliases: [],
      sources: [],
    });
  }
  for (let j = 0; j < relations; j++) {
    graph.addDirectedEdgeWithKey(`l${j}`, `t${j % entities}`, `t${(j * 7 + 1) % entities}`, {
      type: 'LINKS',
      label: 'links',
      color: '#999',
      size: 1,
      ...factAttrs({ quote: `q${j}` }),
    });
  }
  return graph;
}

async function count(uri: string, user: string, password: string): Promise<number> {
  const driver = neo4j.driver(uri, neo4j.auth.basic(user, password));
  try {
    const { records } = await driver.executeQuery('MATCH ()-[r:LINKS]->() RETURN count(r) AS n');
    return neo4j.integer.toNumber(records[0]!.get('n'));
  } finally {
    await driver.close();
  }
}

describe.skipIf(!conn)('push survives a killed server', () => {
  const dirs: string[] = [];
  let server: RunningNeo4j | undefined;
  afterAll(async () => {
    await server?.stop();
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps every batch committed before a SIGKILL, and a re-run completes the push', async () => {
    const home = await mkdtemp(path.join(os.tmpdir(), 'kg-neo4j-crash-'));
    dirs.push(home);
    const port = await freePort();
    server = await startNeo4j({ port, home, watchStdin: true });
    const graph = chainGraph(200, 3000);
    const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password), {
      maxTransactionRetryTime: 1000,
    });
    let committed = -1;
    const failure = await pushGraph(driver, graph, {
      batchSize: 250,
      onProgress: (p) => {
        if (p.phase === 'relationships' && p.done >= 1000 && committed < 0) {
          committed = p.done;
          server!.process.kill('SIGKILL');
        }
      },
    }).catch((error: unknown) => error);
    await driver.close().catch(() => undefined);
    expect(committed).toBe(1000);
    expect(failure).toMatchObject({ code: 'NEO4J_UNREACHABLE' });

    server = await startNeo4j({ port, home, watchStdin: true });
    expect(await count(server.uri, server.username, server.password)).toBe(committed);
    const again = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password));
    try {
      const resumed = await pushGraph(again, graph, { batchSize: 250 });
      expect(resumed.relationships).toMatchObject({ created: 2000, unchanged: 1000 });
      expect(resumed.nodes).toMatchObject({ created: 0, unchanged: 200 });
    } finally {
      await again.close();
    }
    expect(await count(server.uri, server.username, server.password)).toBe(3000);
  }, 240_000);
});
