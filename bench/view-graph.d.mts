import type { MultiGraph } from 'graphology';

/** A seeded synthetic compiled graph (graphology) for viewer benchmarks and tests. */
export function syntheticViewGraph(nodes?: number, edges?: number, seed?: number): MultiGraph;
