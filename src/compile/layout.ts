// Seeded, deterministic layout: each node starts at a position hashed from its id
// (so adding an entity does not move the others' starting points), then ForceAtlas2
// runs a fixed number of iterations, Barnes-Hut above ~2,000 nodes.
import fa2Module from 'graphology-layout-forceatlas2';
import type { KgGraph } from '../types.js';

// CommonJS package with an ES-style d.ts: at runtime the default import is the layout itself.
const forceAtlas2 = fa2Module as unknown as typeof fa2Module.default;

export const LAYOUT_MODES = ['none', 'fast', 'full'] as const;
export type LayoutMode = (typeof LAYOUT_MODES)[number];

export function isLayoutMode(s: string): s is LayoutMode {
  return (LAYOUT_MODES as readonly string[]).includes(s);
}

export interface LayoutOptions {
  mode: LayoutMode;
  seed: number;
  /** Upper bound on node+edge visits (iterations × (order + size)). */
  budget: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = { mode: 'full', seed: 1, budget: 8_000_000 };

const BARNES_HUT_THRESHOLD = 2000;

/** FNV-1a, 32-bit: a tiny, stable string hash. */
function fnv1a(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

const round = (v: number) => Math.round(v * 100) / 100;

export function iterationsFor(order: number, size: number, options: LayoutOptions): number {
  if (options.mode === 'none' || order === 0) return 0;
  const max = options.mode === 'full' ? 1000 : 200;
  const min = options.mode === 'full' ? 50 : 20;
  return Math.max(min, Math.min(max, Math.floor(options.budget / (order + size))));
}

export function applyLayout(graph: KgGraph, options: LayoutOptions = DEFAULT_LAYOUT_OPTIONS): void {
  const radius = Math.max(10, Math.sqrt(graph.order) * 10);
  graph.forEachNode((node) => {
    const a = fnv1a(node, options.seed) / 0xffffffff;
    const b = fnv1a(node, options.seed + 1) / 0xffffffff;
    // Uniform in a disc: sqrt on the radius.
    const r = radius * Math.sqrt(a);
    const theta = 2 * Math.PI * b;
    graph.mergeNodeAttributes(node, { x: r * Math.cos(theta), y: r * Math.sin(theta) });
  });
  const iterations = iterationsFor(graph.order, graph.size, options);
  if (iterations > 0) {
    const settings = forceAtlas2.inferSettings(graph);
    forceAtlas2.assign(graph, {
      iterations,
      settings: { ...settings, barnesHutOptimize: graph.order > BARNES_HUT_THRESHOLD },
    });
  }
  graph.updateEachNodeAttributes(
    (_node, attrs) => ({ ...attrs, x: round(attrs.x), y: round(attrs.y) }),
    {
      attributes: ['x', 'y'],
    },
  );
}

/** Node size from degree: readable range for both leaves and hubs. */
export function sizeForDegree(degree: number): number {
  return round(3 + 2.5 * Math.sqrt(degree));
}
