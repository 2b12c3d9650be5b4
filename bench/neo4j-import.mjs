// The neo4j-admin path for large graphs: writes the neo4j-csv export of a seeded synthetic
// graph (bench/neo4j-synthetic.mjs) and bulk-loads it with the real `neo4j-admin database
// import full` (Maven launcher), then checks the counts on the imported database.
// Usage (after `npm run build:lib`): node --max-old-space-size=8192 bench/neo4j-import.mjs [--relations 1000000]
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import neo4j from 'neo4j-driver';
import { neo4jCsv } from '../dist/export/neo4j-csv.js';
import { ensureBuilt, freePort, runNeo4jAdmin, startNeo4j } from '../scripts/neo4j-launcher.mjs';
import { buildGraph } from './neo4j-synthetic.mjs';

const { values } = parseArgs({ options: { relations: { type: 'string', default: '1000000' } } });
const R = Number(values.relations);
ensureBuilt();
const dir = await mkdtemp(path.join(os.tmpdir(), 'kg-bench-csv-'));
const home = await mkdtemp(path.join(os.tmpdir(), 'kg-bench-home-'));
const rows = [];
const lap = (label, t0, extra = '') => {
  rows.push([label, `${((performance.now() - t0) / 1000).toFixed(1)} s`, extra]);
};
try {
  let t = performance.now();
  const graph = buildGraph(R);
  lap('build graph in memory', t, `${graph.order} entities, ${graph.size} relations`);

  t = performance.now();
  let bytes = 0;
  for (const file of neo4jCsv.files(graph)) {
    const out = createWriteStream(path.join(dir, file.name));
    for (const chunk of file.chunks()) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  }
  lap('kg neo4j-csv export', t, `${(bytes / 1e6).toFixed(0)} MB`);

  const script = await readFile(path.join(dir, 'neo4j-import.sh'), 'utf8');
  const args = script
    .slice(script.indexOf('neo4j-admin database'))
    .replace(/\\\n/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .slice(1)
    .map((a) => (a === '"${NEO4J_DATABASE:-neo4j}"' ? 'neo4j' : a));
  t = performance.now();
  const imported = await runNeo4jAdmin(args, { home, cwd: dir });
  if (imported.code !== 0) throw new Error(imported.output.slice(-2000));
  const rate = Math.round((graph.size * 1000) / (performance.now() - t));
  lap('neo4j-admin database import full', t, `${rate} relations/s`);

  t = performance.now();
  const server = await startNeo4j({ port: await freePort(), home, watchStdin: true });
  const driver = neo4j.driver(server.uri, neo4j.auth.basic(server.username, server.password));
  try {
    const { records } = await driver.executeQuery(
      'MATCH ()-[r]->() WHERE type(r) <> "CITED_IN" RETURN count(r) AS n',
    );
    lap('start + count', t, `${records[0].get('n')} relationships`);
  } finally {
    await driver.close();
    await server.stop();
  }
} finally {
  await rm(dir, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
}
const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
