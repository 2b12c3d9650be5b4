// The graphs every real-reader test reads back (Gephi, networkx, igraph): the hand-built fixture
// (every value type), a compiled project, the repository's data/ and a generated 10k project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import type { KgGraph } from '../../src/types.js';
import { REPO } from './cli.js';
import { fixtureGraph } from './fixture-graph.js';

export interface NamedGraph {
  name: string;
  graph: KgGraph;
}

async function compiled(dir: string): Promise<KgGraph> {
  const result = await compile(dir, { layout: 'none' });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.graph;
}

/** A generated project (bench/generate.mjs, seed 1) compiled without layout. */
export async function generatedGraph(relations: number): Promise<KgGraph> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-readback-'));
  try {
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      ...['--relations', String(relations), '--seed', '1', '-o', dir],
    ]);
    return await compiled(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The four graphs of the read-back tests. */
export async function readBackGraphs(): Promise<NamedGraph[]> {
  return [
    { name: 'fixture', graph: fixtureGraph() },
    {
      name: 'export-project',
      graph: await compiled(path.join(REPO, 'test/fixtures/export-project')),
    },
    { name: 'data/', graph: await compiled(path.join(REPO, 'data')) },
    { name: 'generated 10k', graph: await generatedGraph(10_000) },
  ];
}
