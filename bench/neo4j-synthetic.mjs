// A seeded synthetic KgGraph for the Neo4j benchmarks: R relationships of 8 types between R/10
// entities of 6 types, skewed degrees (hubs), complete and partial dates, quotes, integers.
import graphology from 'graphology';
import { mulberry32 } from './prng.mjs';

// Deterministic PRNG (mulberry32) so every run builds the same graph.
let rand = mulberry32(0);
// Hubs: endpoints drawn with a skewed distribution.
const pick = (n) => Math.floor(n * rand() ** 2.5);

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

/** @param {number} R relationships */
export function buildGraph(R) {
  const N = Math.max(100, Math.round(R / 10));
  rand = mulberry32(42);
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
    let a = pick(N);
    let b = pick(N);
    if (a === b) b = (b + 1) % N;
    const type = REL_TYPES[j % REL_TYPES.length];
    const date = j % 5 === 0 ? '2025-08' : `2025-0${1 + (j % 9)}-1${j % 10}`;
    const quote = j % 3 === 0 ? `He said "${j}" — it's fine` : undefined;
    const confidence = (j % 10) / 10;
    // The v2 edge shape: one evidence item, and its flat lists.
    const item = { source: 's1', date, confidence };
    if (quote !== undefined) item.quote = quote;
    const attrs = {
      type,
      label: type,
      color: '#999',
      size: 1,
      evidence: [item],
      sources: ['s1'],
      quotes: quote === undefined ? [] : [quote],
      evidence_count: 1,
      date,
      confidence,
      weight: rand(),
    };
    if (type === 'MET') graph.addUndirectedEdgeWithKey(`r${j}`, `e${a}`, `e${b}`, attrs);
    else graph.addDirectedEdgeWithKey(`r${j}`, `e${a}`, `e${b}`, attrs);
  }
  return graph;
}
