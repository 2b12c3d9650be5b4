// A synthetic compiled graph for the viewer benchmark and the viewer's large-graph browser
// tests: clustered positions like a laid-out graph, six entity and seven relation types (two
// of them polar, for the stance matrix), dated relations with quotes. Seeded: same every run.
import graphology from 'graphology';
import { mulberry32 } from './prng.mjs';

export function syntheticViewGraph(nodes = 10_000, edges = 50_000, seed = 7) {
  const rand = mulberry32(seed);
  const types = ['Person', 'Organization', 'Country', 'Event', 'Place', 'Document'];
  const colors = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];
  const rels = ['MEETS', 'MEMBER_OF', 'LOCATED_IN', 'CITES', 'FUNDS', 'ALLIED_WITH', 'OPPOSES'];
  const relColors = ['#1f78b4', '#666666', '#0b2e6b', '#a6761d', '#1b9e77', '#66a61e', '#d62728'];
  const polarity = { FUNDS: 'positive', ALLIED_WITH: 'positive', OPPOSES: 'negative' };
  const g = new graphology.MultiGraph();
  const spec = { type: 'string', list: false, required: false };
  g.replaceAttributes({
    name: 'bench',
    title: `Synthetic graph: ${nodes} entities, ${edges} relations`,
    sources: { s1: { id: 's1', title: 'Source one', url: 'https://example.org/' } },
    schema: {
      entities: Object.fromEntries(
        types.map((t, i) => [
          t,
          { color: colors[i], labelProperty: 'name', properties: { name: spec } },
        ]),
      ),
      relations: Object.fromEntries(
        rels.map((r, i) => [
          r,
          {
            from: [],
            to: [],
            symmetric: r === 'MEETS' || r === 'ALLIED_WITH',
            label: r.toLowerCase().replace('_', ' '),
            color: relColors[i],
            properties: {},
            ...(polarity[r] ? { polarity: polarity[r] } : {}),
          },
        ]),
      ),
    },
  });
  // Clustered positions, like a laid-out graph.
  const clusters = Array.from({ length: 40 }, () => [rand() * 2000 - 1000, rand() * 2000 - 1000]);
  for (let i = 0; i < nodes; i++) {
    const t = Math.floor(rand() * types.length);
    const c = clusters[i % clusters.length];
    const a = rand() * Math.PI * 2;
    const r = Math.sqrt(rand()) * 120;
    g.addNode(`n${i}`, {
      label: `Entity ${i}`,
      type: types[t],
      color: colors[t],
      size: 3,
      x: c[0] + Math.cos(a) * r,
      y: c[1] + Math.sin(a) * r,
      aliases: [`alias ${i}`],
      sources: ['s1'],
      name: `Entity ${i}`,
    });
  }
  for (let i = 0; i < edges; i++) {
    const s = Math.floor(rand() * nodes);
    // Mostly within the cluster, some across.
    const t =
      rand() < 0.8 ? (s + 40 * Math.floor(rand() * 20)) % nodes : Math.floor(rand() * nodes);
    const k = Math.floor(rand() * rels.length);
    const attrs = {
      type: rels[k],
      label: rels[k].toLowerCase().replace('_', ' '),
      color: relColors[k],
      size: 1,
      sources: ['s1'],
      date: `20${10 + Math.floor(rand() * 15)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      quote: `Quote ${i}`,
    };
    if (rels[k] === 'MEETS' || rels[k] === 'ALLIED_WITH')
      g.addUndirectedEdgeWithKey(`e${i}`, `n${s}`, `n${t}`, attrs);
    else g.addDirectedEdgeWithKey(`e${i}`, `n${s}`, `n${t}`, attrs);
  }
  return g;
}
