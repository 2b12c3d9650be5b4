// Export throughput: builds a synthetic KgGraph (default 20,000 nodes, 100,000 edges) and
// writes every file format with writeOutput, printing a table. Run after `npm run build:lib`:
//   node bench/export-formats.mjs [nodes] [edges]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import graphology from 'graphology';
import { EXPORTERS } from '../dist/export/registry.js';
import { writeOutput } from '../dist/export/write-output.js';
import { mulberry32 } from './prng.mjs';

const nodes = Number(process.argv[2] ?? 20_000);
const edges = Number(process.argv[3] ?? 100_000);

/** Deterministic PRNG so runs are comparable. */
const random = mulberry32;

function buildGraph() {
  const rand = random(42);
  const spec = (type, list = false) => ({ type, list, required: false });
  const graph = new graphology.MultiGraph();
  graph.replaceAttributes({
    name: 'bench',
    sources: { s1: { id: 's1', title: 'Source one' } },
    schema: {
      entities: {
        Person: {
          color: '#4e79a7',
          labelProperty: 'name',
          properties: { name: spec('string'), born: spec('date'), tags: spec('string', true) },
        },
      },
      relations: {
        KNOWS: {
          from: ['Person'],
          to: ['Person'],
          symmetric: false,
          label: 'knows',
          color: '#999999',
          properties: { weight: spec('number') },
        },
        MET: {
          from: ['Person'],
          to: ['Person'],
          symmetric: true,
          label: 'met',
          color: '#bab0ac',
          properties: {},
        },
      },
    },
  });
  for (let i = 0; i < nodes; i++) {
    graph.addNode(`p${i}`, {
      label: `Person ${i} & <co>`,
      type: 'Person',
      color: '#4e79a7',
      size: 1 + rand() * 10,
      x: rand() * 1000,
      y: rand() * 1000,
      aliases: [`P${i}`],
      sources: ['s1'],
      name: `Person ${i}`,
      born: `19${String(i % 100).padStart(2, '0')}-05`,
      tags: ['a', 'b "quoted"'],
    });
  }
  for (let i = 0; i < edges; i++) {
    const s = `p${Math.floor(rand() * nodes)}`;
    const t = `p${Math.floor(rand() * nodes)}`;
    const attrs = {
      color: '#999999',
      size: 1,
      sources: ['s1'],
      quote: `said "${i}" <b>`,
      date: `2025-0${1 + (i % 9)}`,
    };
    if (i % 5 === 0)
      graph.addUndirectedEdgeWithKey(`e${i}`, s, t, { ...attrs, type: 'MET', label: 'met' });
    else
      graph.addDirectedEdgeWithKey(`e${i}`, s, t, {
        ...attrs,
        type: 'KNOWS',
        label: 'knows',
        weight: rand(),
      });
  }
  return graph;
}

const started = performance.now();
const graph = buildGraph();
console.log(
  `graph: ${graph.order} nodes, ${graph.size} edges (built in ${(performance.now() - started).toFixed(0)} ms)`,
);
const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-bench-export-'));
const rows = [];
try {
  for (const [format, exporter] of Object.entries(EXPORTERS)) {
    const target = path.join(dir, exporter.defaultName);
    const t0 = performance.now();
    const { bytes } = await writeOutput(exporter, graph, target);
    const ms = performance.now() - t0;
    rows.push({
      format,
      'time (ms)': Math.round(ms),
      'size (MB)': (bytes / 1e6).toFixed(1),
      'MB/s': (bytes / 1e6 / (ms / 1000)).toFixed(0),
    });
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
