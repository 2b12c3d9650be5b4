// Runs test/gephi-check (Gephi's own GEXF importer, gephi-toolkit 0.10.1) on a GEXF text.
// Needs java and mvn; on a user's machine their absence skips loudly, under CI=true it fails.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';

const PROJECT = path.resolve(import.meta.dirname, '../gephi-check');
const CLASSPATH_FILE = path.join(PROJECT, 'target', 'classpath.txt');

const has = (cmd: string): boolean =>
  spawnSync(cmd, ['-version'], { stdio: 'ignore' }).status === 0;
export const HAS_GEPHI_TOOLS = has('java') && has('mvn');

/** Call at module level: a failing test in CI, or a loud warning, when java/mvn are missing. */
export function requireGephiTools(): void {
  if (HAS_GEPHI_TOOLS) return;
  if (process.env.CI === 'true') {
    test('java and mvn are installed (required in CI for the Gephi import test)', () => {
      throw new Error('java/mvn not found: the Gephi import check needs a JDK 17+ and Maven');
    });
  } else {
    console.warn('\n*** java/mvn not found: SKIPPING the Gephi import tests ***\n');
  }
}

/** Compiles the checker once (downloads gephi-toolkit from Maven Central the first time). */
export function buildGephiCheck(): void {
  const classes = path.join(PROJECT, 'target', 'classes', 'kg', 'gephi', 'GephiCheck.class');
  const source = path.join(PROJECT, 'src', 'main', 'java', 'kg', 'gephi', 'GephiCheck.java');
  // A class older than its source (a merge changed the checker) is rebuilt, not trusted.
  const fresh = existsSync(classes) && statSync(classes).mtimeMs >= statSync(source).mtimeMs;
  if (fresh && existsSync(CLASSPATH_FILE)) return;
  const run = spawnSync('mvn', ['-q', '-B', 'compile'], { cwd: PROJECT, encoding: 'utf8' });
  if (run.status !== 0)
    throw new Error(`mvn compile failed in ${PROJECT}:\n${run.stdout}${run.stderr}`);
}

export interface GephiImport {
  issues: { level: string; message: string }[];
  /** Attribute values by node or edge id, then column id (JSON as the checker printed it). */
  nodeAttrs: Map<string, Record<string, unknown>>;
  edgeAttrs: Map<string, Record<string, unknown>>;
  nodeViz: Map<string, { r: number; g: number; b: number; size: number; x: number; y: number }>;
  nodes: number;
  edges: number;
  timeFormat: string;
  nodeColumns: Record<string, string>;
  edgeColumns: Record<string, string>;
  edgeList: {
    id: string;
    source: string;
    target: string;
    directed: boolean;
    kind: string;
    time: string;
  }[];
}

export interface GephiImportOptions {
  /** Which importer Gephi picks (by the file extension). */
  format: 'gexf' | 'graphml';
  /**
   * Keep what the file says: parallel edges ("Don't merge" in the import dialog, instead of
   * Gephi's default merge) and positions and sizes (Gephi's default auto-scale rescales them).
   */
  exact: boolean;
}

/** Imports a GEXF (or GraphML) text with Gephi and returns what Gephi made of it. */
export function gephiImport(text: string, options: Partial<GephiImportOptions> = {}): GephiImport {
  const { format = 'gexf', exact = false } = options;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-gephi-'));
  try {
    const file = path.join(dir, `graph.${format}`);
    writeFileSync(file, text);
    const cp = `${path.join(PROJECT, 'target', 'classes')}${path.delimiter}${readFileSync(CLASSPATH_FILE, 'utf8').trim()}`;
    const run = spawnSync(
      'java',
      [
        '-Djava.awt.headless=true',
        '-cp',
        cp,
        'kg.gephi.GephiCheck',
        file,
        ...(exact ? ['--no-merge', '--no-autoscale'] : []),
      ],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    if (run.status !== 0)
      throw new Error(`GephiCheck failed (${run.status}):\n${run.stdout}${run.stderr}`);
    const result: GephiImport = {
      issues: [],
      nodeAttrs: new Map(),
      edgeAttrs: new Map(),
      nodeViz: new Map(),
      nodes: -1,
      edges: -1,
      timeFormat: '',
      nodeColumns: {},
      edgeColumns: {},
      edgeList: [],
    };
    for (const line of run.stdout.split('\n')) {
      const [tag, ...f] = line.split('\t');
      if (tag === 'ISSUE') result.issues.push({ level: f[0] ?? '', message: f[1] ?? '' });
      else if (tag === 'GRAPH') {
        result.nodes = Number(f[0]);
        result.edges = Number(f[1]);
        result.timeFormat = f[2] ?? '';
      } else if (tag === 'NODECOL') result.nodeColumns[f[0] ?? ''] = f[1] ?? '';
      else if (tag === 'EDGECOL') result.edgeColumns[f[0] ?? ''] = f[1] ?? '';
      else if (tag === 'ATTR') {
        const [kind = '', id = '', column = '', json = 'null'] = f;
        const table = kind === 'node' ? result.nodeAttrs : result.edgeAttrs;
        const attrs = table.get(id) ?? {};
        attrs[column] = JSON.parse(json) as unknown;
        table.set(id, attrs);
      } else if (tag === 'NODEVIZ') {
        const [id = '', ...n] = f;
        const [r, g, b, , size, x, y] = n.map(Number);
        result.nodeViz.set(id, {
          r: r ?? 0,
          g: g ?? 0,
          b: b ?? 0,
          size: size ?? 0,
          x: x ?? 0,
          y: y ?? 0,
        });
      } else if (tag === 'EDGE')
        result.edgeList.push({
          id: f[0] ?? '',
          source: f[1] ?? '',
          target: f[2] ?? '',
          directed: f[3] === 'true',
          kind: f[4] ?? '',
          time: f[5] ?? '',
        });
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
