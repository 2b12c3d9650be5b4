// Faults (issue 9): a full disk (defect 9: a stack trace and exit 70, empty directories left)
// and a build killed at any moment (defect 6: new graph.* beside old CSV files, `.kg-tmp-*`
// files never removed). A full disk is a small tmpfs where this machine allows one (root, or
// user namespaces), else an injected write error; both run where they can. A Neo4j server
// killed mid-push, then a re-push: test/neo4j/crash.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KG_BIN, REPO, runKg } from '../helpers/cli.js';

const PRELOAD = path.join(REPO, 'test/helpers/enospc-preload.mjs');
const TMPFS_OK =
  spawnSync('unshare', [
    '-rm',
    'sh',
    '-c',
    'mount -t tmpfs -o size=64k tmpfs /mnt 2>/dev/null || mount -t tmpfs -o size=64k tmpfs "$0"',
    tmpdir(),
  ]).status === 0;

const COMMANDS: [string, (out: string) => string[]][] = [
  ['build', (out) => ['build', 'data', '-o', `${out}/out`, '--layout', 'none']],
  [
    'build --site',
    (out) => ['build', 'data', '-o', `${out}/out`, '--site', `${out}/site`, '--layout', 'none'],
  ],
  ['export gexf', (out) => ['export', 'data', '-f', 'gexf', '-o', `${out}/g/graph.gexf`]],
  ['export csv', (out) => ['export', 'data', '-f', 'csv', '-o', `${out}/csv`]],
  [
    'export neo4j-csv --stream',
    (out) => ['export', 'data', '-f', 'neo4j-csv', '--stream', '-o', `${out}/n`],
  ],
];

function expectCleanFailure(run: { code: number; stderr: string }, leftovers: string[]): void {
  expect(run.code).toBe(4);
  expect(run.stderr).toMatch(
    /cannot write( .*)?: no space left on device \[ENOSPC\]; nothing was replaced/,
  );
  expect(run.stderr).not.toMatch(/^\s+at .*\.js:\d+/m);
  expect(leftovers).toEqual([]);
}

describe('a full disk (defect 9)', () => {
  it.skipIf(!TMPFS_OK)(
    'tmpfs: every write command exits 4 with one line and leaves nothing',
    () => {
      for (const [name, args] of COMMANDS) {
        const mnt = mkdtempSync(path.join(tmpdir(), 'kg-full-'));
        const script = `mount -t tmpfs -o size=8k tmpfs "$1" && shift && "$@"; code=$?; ls -A "$0"; exit $code`;
        const run = spawnSync(
          'unshare',
          [
            '-rm',
            'sh',
            '-c',
            script.replace('"$0"', '"$MNT"'),
            'sh',
            mnt,
            process.execPath,
            KG_BIN,
            ...args(mnt),
          ],
          { cwd: REPO, encoding: 'utf8', env: { ...process.env, MNT: mnt, NO_COLOR: '1' } },
        );
        const leftovers = run.stdout.split('\n').filter(Boolean);
        expectCleanFailure({ code: run.status ?? -1, stderr: run.stderr }, leftovers);
        rmSync(mnt, { recursive: true, force: true });
        void name;
      }
    },
  );

  it('injected ENOSPC: every write command exits 4 with one line and leaves nothing', async () => {
    for (const [name, args] of COMMANDS) {
      const dir = mkdtempSync(path.join(tmpdir(), 'kg-enospc-'));
      const run = await runKg(args(dir), { nodeArgs: ['--import', PRELOAD] });
      expectCleanFailure(run, readdirSync(dir));
      rmSync(dir, { recursive: true, force: true });
      void name;
    }
  });

  it('a full disk leaves the previous output untouched', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-enospc-keep-'));
    expect((await runKg(['build', 'data', '-o', `${dir}/out`, '--layout', 'none'])).code).toBe(0);
    const before = snapshot(`${dir}/out`);
    const run = await runKg(['build', 'data', '-o', `${dir}/out`, '--layout', 'none'], {
      nodeArgs: ['--import', PRELOAD],
    });
    expect(run.code).toBe(4);
    expect(snapshot(`${dir}/out`)).toEqual(before);
    expect(readdirSync(dir)).toEqual(['out']);
  });
});

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    out[name] = createHash('sha1')
      .update(readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return out;
}

describe('a build killed at any moment (defect 6)', () => {
  it('leaves the old set or the new set, never a mix, and the next build cleans up', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kg-kill-'));
    const project = path.join(work, 'project');
    const gen = spawnSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      '--relations',
      '3000',
      '--seed',
      '3',
      '-o',
      project,
    ]);
    expect(gen.status).toBe(0);
    const out = path.join(work, 'out');
    const build = ['build', project, '-o', out, '--layout', 'none', '-q'];
    expect((await runKg(build)).code).toBe(0);
    const v1 = snapshot(out);
    // v2: one more source changes every output file.
    const extra = path.join(project, 'zz-extra.yaml');
    writeFileSync(extra, 'sources:\n  - { id: zz-extra, title: One more }\n');
    const ref = path.join(work, 'ref');
    expect((await runKg(['build', project, '-o', ref, '--layout', 'none', '-q'])).code).toBe(0);
    const v2 = snapshot(ref);
    expect(v2).not.toEqual(v1);
    let killedMidWrite = 0;
    for (const delay of [0, 40, 120, 250, 400, 600]) {
      const child = spawn(process.execPath, [KG_BIN, ...build], { stdio: 'ignore' });
      const started = Date.now();
      // Kill once the staging directory exists (plus a delay), or after the delay at most.
      await new Promise<void>((resolve) => {
        const poll = setInterval(() => {
          const staging = readdirSync(work).some((n) => n.startsWith('.kg-tmp-out-'));
          if ((staging && Date.now() - started >= delay) || Date.now() - started > 20_000) {
            if (staging) killedMidWrite++;
            clearInterval(poll);
            child.kill('SIGKILL');
            resolve();
          }
        }, 2);
      });
      await new Promise((resolve) => child.on('exit', resolve));
      const now = existsSync(out) ? snapshot(out) : {};
      expect([JSON.stringify(v1), JSON.stringify(v2)]).toContain(JSON.stringify(now));
    }
    expect(killedMidWrite).toBeGreaterThan(0);
    expect((await runKg(build)).code).toBe(0);
    expect(snapshot(out)).toEqual(v2);
    expect(readdirSync(work).filter((n) => n.startsWith('.kg-'))).toEqual([]);
    expect(readdirSync(out).filter((n) => n.startsWith('.kg-'))).toEqual([]);
    rmSync(work, { recursive: true, force: true });
  }, 240_000);

  it('old .kg-tmp-* leftovers of dead processes are removed by the next run', async () => {
    const work = mkdtempSync(path.join(tmpdir(), 'kg-leftover-'));
    const out = path.join(work, 'out');
    mkdirSync(out);
    // A pid that is not running: the largest pid number is never ours.
    const dead = 4194304 + 7;
    mkdirSync(path.join(work, `.kg-tmp-out-${dead}-deadbeef`));
    writeFileSync(path.join(out, `.kg-tmp-graph.gexf-${dead}-deadbeef`), 'half');
    cpSync(path.join(REPO, 'README.md'), path.join(out, 'mine.md'));
    expect((await runKg(['build', 'data', '-o', out, '--layout', 'none', '-q'])).code).toBe(0);
    expect(readdirSync(work)).toEqual(['out']);
    expect(readdirSync(out).sort()).toEqual([
      'edges.csv',
      'graph.gexf',
      'graph.graphml',
      'graph.json',
      'mine.md',
      'nodes.csv',
    ]);
  });
});
