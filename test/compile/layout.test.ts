import { MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { applyLayout, DEFAULT_LAYOUT_OPTIONS, iterationsFor } from '../../src/compile/layout.js';
import type { KgGraph } from '../../src/types.js';
import { compileTexts, SCHEMA } from '../helpers/project.js';

const DATA = `entities:
  - { id: a, type: Person, name: A }
  - { id: b, type: Person, name: B }
  - { id: c, type: Person, name: C }
relations:
  - a MET b: { source: wh-talks }
  - b MET c: { source: wh-talks }
`;

function positions(seed: number, mode: 'none' | 'full' = 'full') {
  const { graph } = compileTexts({ 's.yaml': SCHEMA, 'd.yaml': DATA }, 'none');
  applyLayout(graph, { ...DEFAULT_LAYOUT_OPTIONS, seed, mode });
  return graph.mapNodes((n, a) => [n, a.x, a.y]);
}

describe('layout', () => {
  it('is deterministic for a seed and changes with the seed', () => {
    expect(positions(1)).toEqual(positions(1));
    expect(positions(2)).not.toEqual(positions(1));
  });

  it('moves nodes from their seeded start when it runs', () => {
    expect(positions(1, 'full')).not.toEqual(positions(1, 'none'));
  });

  it('spends a bounded budget: fewer iterations on larger graphs', () => {
    const opts = DEFAULT_LAYOUT_OPTIONS;
    expect(iterationsFor(50, 100, opts)).toBe(1000);
    expect(iterationsFor(33_333, 100_000, opts)).toBe(45);
    expect(iterationsFor(33_333, 100_000, { ...opts, mode: 'fast' })).toBe(11);
    expect(iterationsFor(333_333, 1_000_000, opts)).toBe(0);
    expect(iterationsFor(50, 100, { ...opts, mode: 'none' })).toBe(0);
  });

  it('says so when a graph is too large for the budget', () => {
    const { graph } = compileTexts({ 's.yaml': SCHEMA, 'd.yaml': DATA }, 'none');
    const report = applyLayout(graph, { ...DEFAULT_LAYOUT_OPTIONS, budget: 10 });
    expect(report.iterations).toBe(0);
    expect(report.skipped).toMatch(/layout skipped/);
    expect(applyLayout(graph).skipped).toBeUndefined();
  });

  it('separates two communities on a graph large enough for Barnes-Hut', () => {
    // Two groups of 1,200 entities, densely linked inside, with a few links between them.
    const rand = mulberry32(3);
    const graph = new MultiGraph() as unknown as KgGraph;
    const group = (i: number) => (i < 1200 ? 'a' : 'b');
    for (let i = 0; i < 2400; i++) graph.addNode(`n${i}`, { x: 0, y: 0 } as never);
    for (let e = 0; e < 12000; e++) {
      const from = Math.floor(rand() * 2400);
      const inside = rand() < 0.995;
      const base = inside === from < 1200 ? 0 : 1200;
      const to = base + Math.floor(rand() * 1200);
      if (to !== from) graph.addEdge(`n${from}`, `n${to}`);
    }
    const report = applyLayout(graph, { ...DEFAULT_LAYOUT_OPTIONS, budget: 700_000 });
    expect(report.iterations).toBeGreaterThanOrEqual(40);
    const centre = (g: string) => {
      const nodes = graph.filterNodes((n) => group(Number(n.slice(1))) === g);
      let x = 0;
      let y = 0;
      for (const n of nodes) {
        x += graph.getNodeAttribute(n, 'x');
        y += graph.getNodeAttribute(n, 'y');
      }
      return { x: x / nodes.length, y: y / nodes.length, nodes };
    };
    const a = centre('a');
    const b = centre('b');
    const spread = (c: { x: number; y: number; nodes: string[] }) =>
      c.nodes.reduce(
        (acc, n) =>
          acc +
          Math.hypot(graph.getNodeAttribute(n, 'x') - c.x, graph.getNodeAttribute(n, 'y') - c.y),
        0,
      ) / c.nodes.length;
    // The groups' centres lie further apart than a typical member lies from its own centre.
    expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(Math.max(spread(a), spread(b)));
  });
});
