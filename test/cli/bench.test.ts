// `npm run bench` prints its table: the runner (bench/run.mjs) against the built commands, on
// data/ itself (the generated sizes take minutes; the same code plans and runs them).
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';

describe('npm run bench', () => {
  let dir = '';
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('runs the named measurements on data/ and prints and writes their table', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kg-bench-'));
    const out = path.join(dir, 'results.json');
    const args = ['bench/run.mjs', '--sizes', 'data', '--only', 'validate,gexf', '--runs', '1'];
    const { code, stdout, stderr } = await new Promise<{
      code: number;
      stdout: string;
      stderr: string;
    }>((resolve) => {
      execFile(process.execPath, [...args, '--out', out], { cwd: REPO }, (error, so, se) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: so, stderr: se }),
      );
    });
    expect(stderr).not.toMatch(/TypeError|ReferenceError|at .*\.mjs:\d+/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\| size \| measurement/m);
    expect(stdout).toMatch(/^\| data \| kg validate .*\| +[\d.]+ s \|/m);
    expect(stdout).toMatch(/^\| data \| .*gexf.*\| +[\d.]+ s \|/im);
    const results = JSON.parse(await readFile(out, 'utf8')) as unknown;
    expect(JSON.stringify(results)).toContain('"validate"');
  }, 120_000);
});
