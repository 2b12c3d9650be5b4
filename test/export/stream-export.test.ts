// `kg export --format neo4j-csv --stream`: the same bytes as the graph path, the same
// diagnostics as `kg validate`, nothing written when the project has errors.
import { execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompactIdIndex } from '../../src/compile/compact-id-index.js';
import { compile } from '../../src/compile/compile.js';
import { streamCompile } from '../../src/compile/stream-compile.js';
import { streamNeo4jCsv } from '../../src/export/neo4j-csv-stream.js';
import type { SourceFile } from '../../src/language/source-file.js';
import { REPO, runKg } from '../helpers/cli.js';

const ERRORS = path.join(REPO, 'test/fixtures/stream-errors');
let tmp: string;

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kg-stream-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) {
    out[name] = await readFile(path.join(dir, name), 'utf8');
  }
  return out;
}

async function bothWays(project: string, tag: string) {
  const graphDir = path.join(tmp, `${tag}-graph`);
  const streamDir = path.join(tmp, `${tag}-stream`);
  const g = await runKg(['export', project, '-f', 'neo4j-csv', '-o', graphDir, '-q']);
  const s = await runKg(['export', project, '-f', 'neo4j-csv', '--stream', '-o', streamDir, '-q']);
  expect(g.code).toBe(0);
  expect(s.code).toBe(0);
  return { graph: await tree(graphDir), stream: await tree(streamDir) };
}

describe('neo4j-csv --stream', () => {
  it('writes the same files, byte for byte, as the graph path (data/)', async () => {
    const { graph, stream } = await bothWays('data', 'data');
    expect(Object.keys(stream)).toEqual(Object.keys(graph));
    expect(Object.keys(stream).filter((f) => f.startsWith('neo4j-relationships-')).length).toBe(26);
    expect(stream).toEqual(graph);
  });

  it('writes the same files on a generated project (3,000 relations, several files)', async () => {
    const project = path.join(tmp, 'gen');
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      '--relations',
      '3000',
      '--seed',
      '7',
      '--per-file',
      '700',
      '-o',
      project,
    ]);
    const { graph, stream } = await bothWays(project, 'gen');
    expect(stream).toEqual(graph);
    // Rows: every relation once (header excluded), in both.
    const rows = Object.entries(stream)
      .filter(([f]) => f.startsWith('neo4j-relationships-'))
      .reduce((n, [, text]) => n + text.split('\n').length - 2, 0);
    expect(rows).toBeGreaterThan(2800);
  }, 60_000);

  it('finds exactly the diagnostics compile() finds (codes, positions, related places)', async () => {
    const full = await compile(ERRORS, { emit: false, layout: 'none', threads: 1 });
    let nodes = 0;
    const streamed = await streamCompile(ERRORS, {
      nodes: async () => void nodes++,
      relation: () => undefined,
      merge: () => undefined,
    });
    expect(streamed.diagnostics).toEqual(full.diagnostics);
    expect(streamed.counts).toEqual(full.counts);
    expect(streamed.complete).toBe(false);
    // Pass 1 (files declaring entities) is clean; the errors come from relation files.
    expect(nodes).toBe(1);
    expect(streamed.diagnostics.map((d) => d.code).sort()).toEqual(
      ['KG001', 'KG108', 'KG111', 'KG113', 'KG201', 'KG202', 'KG203'].sort(),
    );
    // The duplicates' first statements are in another file, re-read for their positions.
    const kg113 = streamed.diagnostics.find((d) => d.code === 'KG113');
    expect(kg113?.related?.[0]).toMatchObject({ file: path.join(ERRORS, 'a.yaml'), line: 19 });
  });

  it('prints what kg validate prints, exits 1 and writes nothing on errors', async () => {
    const target = path.join(tmp, 'errors-out');
    const validate = await runKg(['validate', ERRORS]);
    const s = await runKg(['export', ERRORS, '-f', 'neo4j-csv', '--stream', '-o', target]);
    expect(validate.code).toBe(1);
    expect(s.code).toBe(1);
    expect(s.stderr).toBe(validate.stderr);
    expect(await readdir(tmp)).not.toContain('errors-out');
    expect((await readdir(tmp)).filter((f) => f.startsWith('.kg-tmp-'))).toEqual([]);
  });

  it('deletes node files already written when pass 2 finds an error', async () => {
    const project = path.join(tmp, 'late-error');
    await mkdir(project);
    await copyFile(path.join(ERRORS, 'a.yaml'), path.join(project, 'a.yaml'));
    await writeFile(
      path.join(project, 'b.yaml'),
      'relations:\n  - a KNOWS nobody: { source: s1 }\n',
    );
    const target = path.join(tmp, 'late-out');
    const s = await runKg(['export', project, '-f', 'neo4j-csv', '--stream', '-o', target]);
    expect(s.code).toBe(1);
    expect(s.stderr).toContain('KG108');
    const left = await readdir(tmp);
    expect(left).not.toContain('late-out');
    expect(left.filter((f) => f.startsWith('.kg-tmp-'))).toEqual([]);
  });

  it('parses every file first when a relation-only-looking file declares entities', async () => {
    const project = path.join(tmp, 'escaped');
    await mkdir(project);
    await copyFile(path.join(ERRORS, 'a.yaml'), path.join(project, 'a.yaml'));
    // "entit\x69es" is `entities`, but the word is not in the bytes: pass 1 skips this file.
    await writeFile(
      path.join(project, 'b.yaml'),
      [
        '"entit\\x69es":',
        '  - { id: z, type: Person, name: Z }',
        'relations:',
        '  - z KNOWS lonely: { source: s1 }',
        '  - c MET b: { source: s1 }',
        '',
      ].join('\n'),
    );
    const full = await compile(project, { emit: false, layout: 'none', threads: 1 });
    expect(full.counts.entities).toBe(5);
    const streamed = await streamNeo4jCsv(project, path.join(tmp, 'escaped-lib'), { fsync: false });
    expect(streamed.diagnostics).toEqual(full.diagnostics);
    expect(streamed.counts).toEqual(full.counts);
    const { graph, stream } = await bothWays(project, 'escaped');
    expect(stream).toEqual(graph);
    expect(stream['neo4j-entities-Person.csv']).toContain('\nz,');
  });

  it('is a usage error with other formats', async () => {
    const r = await runKg(['export', 'data', '-f', 'gexf', '--stream']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--stream');
  });
});

describe('CompactIdIndex', () => {
  it('keeps every fact, its first position, key and evidence digests through growth', () => {
    const files: SourceFile[] = [
      { path: 'a.yaml', text: 'x'.repeat(100) },
      { path: 'b.yaml', text: 'y'.repeat(100) },
    ];
    const index = new CompactIdIndex(
      {
        indexOf: (f) => files.indexOf(f),
        get: (i) => files[i]!,
      },
      16,
    );
    const n = 50_000;
    for (let i = 0; i < n; i++) {
      const current = i % 2;
      const id = `e${i}:REL:e${i + 1}:${(i * 2654435761) >>> 0}`;
      expect(index.get(id)).toBeUndefined();
      const key = i % 3 === 0 ? `explicit-${i}` : undefined;
      const items = i % 5 === 0 ? [i, i + 1] : i % 5 === 1 ? [] : i;
      index.set(id, {
        span: { file: files[current]!, start: i % 97, end: 3 },
        items,
        ...(key === undefined ? {} : { key }),
      });
    }
    expect(index.size).toBe(n);
    for (let i = 0; i < n; i += 7) {
      const got = index.get(`e${i}:REL:e${i + 1}:${(i * 2654435761) >>> 0}`);
      expect(got?.span.file).toBe(files[i % 2]);
      expect(got?.span.start).toBe(i % 97);
      expect(got?.key).toBe(i % 3 === 0 ? `explicit-${i}` : undefined);
      expect(got?.items).toEqual(i % 5 === 0 ? [i, i + 1] : i % 5 === 1 ? [] : i);
    }
    expect(index.get('not-there')).toBeUndefined();
  });
});
