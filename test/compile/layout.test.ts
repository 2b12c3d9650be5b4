import { describe, expect, it } from 'vitest';
import { applyLayout, DEFAULT_LAYOUT_OPTIONS, iterationsFor } from '../../src/compile/layout.js';
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
});
