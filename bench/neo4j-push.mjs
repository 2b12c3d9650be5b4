// Push throughput on a synthetic, seeded in-memory graph (no YAML, no compile): measures
// src/neo4j/push.ts alone. Usage (after `npm run build:lib`):
//   node bench/neo4j-push.mjs [--relations 100000] [--batch 2000] [--start-neo4j]
// Without --start-neo4j it uses NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { buildGraph } from './neo4j-synthetic.mjs';
import { connect, resolveConnection } from '../dist/neo4j/connection.js';
import { pushGraph } from '../dist/neo4j/push.js';
import { ensureBuilt, freePort, startNeo4j } from '../scripts/neo4j-launcher.mjs';

const { values } = parseArgs({
  options: {
    relations: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '2000' },
    'start-neo4j': { type: 'boolean' },
    phases: { type: 'boolean' },
  },
});
const R = Number(values.relations);
const N = Math.max(100, Math.round(R / 10));

let server;
if (values['start-neo4j']) {
  ensureBuilt();
  server = await startNeo4j({ port: await freePort(), watchStdin: true });
}
const conn = server
  ? { uri: server.uri, username: server.username, password: server.password }
  : resolveConnection({}, process.env);
const graph = buildGraph(R);
const driver = await connect(conn);
const name = `bench-${Date.now().toString(36)}`;
const rows = [];
try {
  // A second graph name repeats the first push on a warmed-up server (JIT, store files).
  const second = `${name}-b`;
  for (const [label, graphName, prune] of [
    ['first push (cold server)', name, false],
    ['re-push (no change: the marker)', name, false],
    ['re-push --prune (reads, compares all)', name, true],
    ['first push, 2nd graph (warm)', second, false],
  ]) {
    const t0 = performance.now();
    const phases = [];
    const onProgress = (p) => {
      if (phases.at(-1)?.[0] !== p.phase) phases.push([p.phase, performance.now()]);
    };
    const s = await pushGraph(driver, graph, {
      graphName,
      batchSize: Number(values.batch),
      prune,
      onProgress,
    });
    if (values.phases) {
      const marks = phases.map(([ph, t]) => `${ph}@${((t - t0) / 1000).toFixed(1)}s`).join(' ');
      console.error(`${label}: ${marks}`);
    }
    const rels = s.relationships.created + s.relationships.updated + s.relationships.unchanged;
    rows.push([
      label,
      String(N),
      String(rels),
      `${(s.ms / 1000).toFixed(1)} s`,
      `${Math.round((rels * 1000) / s.ms)}/s`,
      `${s.rate}/s`,
    ]);
  }
  // CALL … IN TRANSACTIONS needs an auto-commit transaction (session.run).
  const session = driver.session();
  await session.run(
    'MATCH (n) WHERE n.kg_graph IN $g CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS',
    { g: [name, second] },
  );
  await session.run('MATCH (m:KgGraph) WHERE m.graph IN $g AND NOT m:Entity DELETE m', {
    g: [name, second],
  });
  await session.close();
} finally {
  await driver.close();
  await server?.stop();
}
const head = ['run', 'entities', 'relationships', 'time', 'rels/s', 'nodes+rels/s'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
