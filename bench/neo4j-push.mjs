// Push throughput on a synthetic, seeded in-memory graph (no YAML, no compile): measures
// src/neo4j/push.ts alone. Usage (after `npm run build:lib`):
//   node bench/neo4j-push.mjs [--relations 100000] [--batch 2000] [--start-neo4j]
// Without --start-neo4j it uses NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD.
import { parseArgs } from 'node:util';
import graphology from 'graphology';
import { connect, resolveConnection } from '../dist/neo4j/connection.js';
import { pushGraph } from '../dist/neo4j/push.js';
import { ensureBuilt, freePort, startNeo4j } from '../scripts/neo4j-launcher.mjs';

const { values } = parseArgs({
  options: {
    relations: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '2000' },
    'start-neo4j': { type: 'boolean' },
  },
});
const R = Number(values.relations);
const N = Math.max(100, Math.round(R / 10));

// Deterministic PRNG (mulberry32) so every run pushes the same graph.
let seed = 42;
const rand = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// Hubs: endpoints drawn with a skewed distribution.
const pick = () => Math.floor(N * rand() ** 2.5);

const ENTITY_TYPES = ['Person', 'Country', 'Organization', 'Event', 'Place', 'Proposal'];
const REL_TYPES = [
  'SUPPORTS',
  'OPPOSES',
  'MET',
  'DEMANDS',
  'REJECTS',
  'PART_OF',
  'VISITED',
  'PRAISES',
];
const p = (type) => ({ type, list: false, required: false });

function buildGraph() {
  const graph = new graphology.MultiGraph();
  const entities = Object.fromEntries(
    ENTITY_TYPES.map((t) => [
      t,
      {
        color: '#999',
        labelProperty: 'name',
        properties: { name: p('string'), born: p('date'), rank: p('integer') },
      },
    ]),
  );
  const relations = Object.fromEntries(
    REL_TYPES.map((t) => [
      t,
      {
        from: ENTITY_TYPES,
        to: ENTITY_TYPES,
        symmetric: t === 'MET',
        label: t,
        color: '#999',
        properties: { weight: p('number') },
      },
    ]),
  );
  graph.replaceAttributes({
    name: 'bench',
    sources: {
      s1: { id: 's1', title: 'Source one', published: '2025-08-18' },
      s2: { id: 's2', title: 'Two' },
    },
    schema: { entities, relations },
  });
  for (let i = 0; i < N; i++) {
    graph.addNode(`e${i}`, {
      label: `Entity ${i}`,
      type: ENTITY_TYPES[i % ENTITY_TYPES.length],
      color: '#999',
      size: 1,
      x: 0,
      y: 0,
      aliases: i % 3 === 0 ? [`E${i}`] : [],
      sources: [i % 2 ? 's1' : 's2'],
      name: `Entity ${i} “quoted”`,
      born: i % 4 === 0 ? '1960' : `19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10}`,
      rank: i,
    });
  }
  for (let j = 0; j < R; j++) {
    let a = pick();
    let b = pick();
    if (a === b) b = (b + 1) % N;
    const type = REL_TYPES[j % REL_TYPES.length];
    const attrs = {
      type,
      label: type,
      color: '#999',
      size: 1,
      sources: ['s1'],
      date: j % 5 === 0 ? '2025-08' : `2025-0${1 + (j % 9)}-1${j % 10}`,
      quote: j % 3 === 0 ? `He said "${j}" — it's fine` : undefined,
      confidence: (j % 10) / 10,
      weight: rand(),
    };
    if (attrs.quote === undefined) delete attrs.quote;
    if (type === 'MET') graph.addUndirectedEdgeWithKey(`r${j}`, `e${a}`, `e${b}`, attrs);
    else graph.addDirectedEdgeWithKey(`r${j}`, `e${a}`, `e${b}`, attrs);
  }
  return graph;
}

let server;
if (values['start-neo4j']) {
  ensureBuilt();
  server = await startNeo4j({ port: await freePort(), watchStdin: true });
}
const conn = server
  ? { uri: server.uri, username: server.username, password: server.password }
  : resolveConnection({}, process.env);
const graph = buildGraph();
const driver = await connect(conn);
const name = `bench-${Date.now().toString(36)}`;
const rows = [];
try {
  for (const [label, opts] of [
    ['first push', {}],
    ['re-push (no change)', {}],
  ]) {
    const s = await pushGraph(driver, graph, {
      graphName: name,
      batchSize: Number(values.batch),
      ...opts,
    });
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
    'MATCH (n) WHERE n.kg_graph = $g CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 2000 ROWS',
    { g: name },
  );
  await session.close();
} finally {
  await driver.close();
  await server?.stop();
}
const head = ['run', 'entities', 'relationships', 'time', 'rels/s', 'nodes+rels/s'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
for (const r of [head, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
