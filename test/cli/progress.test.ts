import { cpSync, mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type CompileProgress } from '../../src/compile/compile.js';
import { progressLine } from '../../src/cli/progress.js';
import { captureStream as stream } from '../helpers/capture-stream.js';
import { REPO, runKg } from '../helpers/cli.js';

describe('progress', () => {
  it('compile reports files parsed and relations resolved up to their totals', async () => {
    const seen: CompileProgress[] = [];
    const { counts } = await compile(path.join(REPO, 'data'), {
      layout: 'fast',
      onProgress: (p) => seen.push(p),
    });
    const parse = seen.filter((p) => p.phase === 'parse');
    expect(parse.map((p) => p.done)).toEqual(parse.map((_p, i) => i + 1));
    expect(parse.at(-1)?.done).toBe(parse.at(-1)?.total);
    // Resolution counts relation statements; a v2 statement with lists or a repeated fact
    // makes more or fewer relations, so the total is the statements, not counts.relations.
    const resolve = seen.filter((p) => p.phase === 'resolve');
    expect(resolve.at(-1)?.done).toBe(resolve.at(-1)?.total);
    expect(resolve.at(-1)?.total).toBeGreaterThan(0);
    expect(counts.relations).toBeGreaterThan(0);
    expect(seen.at(-1)?.phase).toBe('layout');
  });

  it('shows resolution after parsing when relations stream during the parse', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-progress-'));
    cpSync(path.join(REPO, 'data'), dir, { recursive: true });
    // Entities and schema first, relations after: relations resolve while files arrive.
    renameSync(path.join(dir, 'relations'), path.join(dir, 'z-relations'));
    const seen: CompileProgress[] = [];
    const { counts } = await compile(dir, { layout: 'none', onProgress: (p) => seen.push(p) });
    const phases = seen.map((p) => p.phase);
    // Never back to 'parse' once resolution is shown: one line, no flicker.
    expect(phases.slice(phases.indexOf('resolve'))).not.toContain('parse');
    const last = seen.at(-1);
    expect(last?.phase).toBe('resolve');
    expect(last?.done).toBe(last?.total);
    expect(counts.relations).toBeGreaterThan(0);
  });

  it('draws one line in place on a terminal and erases it', () => {
    const out = stream(true);
    const io = { stdout: out.s, stderr: out.s, cwd: REPO, env: {} };
    const line = progressLine(io, false, 0);
    line.update({ phase: 'parse', done: 1, total: 2 });
    line.update({ phase: 'parse', done: 2, total: 2 });
    line.done();
    expect(out.text()).toBe(
      '\r\u001b[Kkg: parsing files 1/2…\r\u001b[Kkg: parsing files 2/2…\r\u001b[K',
    );
  });

  it('stays silent when piped or quiet', async () => {
    const piped = stream(false);
    progressLine({ stdout: piped.s, stderr: piped.s, cwd: REPO, env: {} }, false).update({
      phase: 'parse',
      done: 1,
      total: 1,
    });
    const tty = stream(true);
    progressLine({ stdout: tty.s, stderr: tty.s, cwd: REPO, env: {} }, true).update({
      phase: 'parse',
      done: 1,
      total: 1,
    });
    expect(piped.text() + tty.text()).toBe('');
    const r = await runKg(['build', 'data', '-o', path.join(REPO, 'out', 'progress-test')]);
    expect(r.stderr).not.toContain('\r');
  });
});
