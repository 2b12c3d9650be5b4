// The Python readers (networkx, python-igraph) in the virtual environment `.ci/run` makes
// (`.venv`, or KG_PYTHON). Missing on a user's machine: the tests skip loudly; under CI=true
// they fail.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';
import { REPO } from './cli.js';

export const PYTHON = process.env.KG_PYTHON ?? path.join(REPO, '.venv', 'bin', 'python');
const SCRIPT = path.join(REPO, 'test', 'python', 'read_back.py');

export const HAS_PYTHON_READERS =
  spawnSync(PYTHON, ['-c', 'import networkx, igraph'], { stdio: 'ignore' }).status === 0;

/** Call at module level: a failing test in CI, or a loud warning, when the readers are missing. */
export function requirePythonReaders(): void {
  if (HAS_PYTHON_READERS) return;
  const hint = `python3 -m venv .venv && .venv/bin/pip install -r test/python/requirements.txt`;
  if (process.env.CI === 'true') {
    test('networkx and python-igraph are installed (required in CI)', () => {
      throw new Error(`${PYTHON} cannot import networkx and igraph: ${hint}`);
    });
  } else {
    console.warn(
      `\n*** networkx/igraph not found: SKIPPING the Python reader tests (${hint}) ***\n`,
    );
  }
}

export type PythonReader = 'networkx-gexf' | 'networkx-graphml' | 'igraph-graphml';

/** A value as Python saw it: its type name and its JSON value (NaN as null). */
export type Typed = [string, unknown];

export interface PythonElement {
  id?: string;
  source?: string;
  target?: string;
  key?: string | number | null;
  attrs: Record<string, Typed>;
}

export interface PythonRead {
  class: string;
  directed: boolean;
  graph: Record<string, Typed>;
  nodes: PythonElement[];
  edges: PythonElement[];
}

/** Reads `text` (written to a file with `ext`) with `reader` (test/python/read_back.py). */
export function pythonRead(reader: PythonReader, text: string, ext: string): PythonRead {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-python-'));
  try {
    const file = path.join(dir, `graph.${ext}`);
    writeFileSync(file, text);
    const run = spawnSync(PYTHON, [SCRIPT, reader, file], {
      encoding: 'utf8',
      maxBuffer: 512 * 1024 * 1024,
    });
    if (run.status !== 0) throw new Error(`${reader} failed (${run.status}):\n${run.stderr}`);
    return JSON.parse(run.stdout) as PythonRead;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
