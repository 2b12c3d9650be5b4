// Parsing on several threads must give exactly what a sequential parse gives.
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, runKg } from '../helpers/cli.js';

describe('parallel parsing (--threads)', () => {
  it('gives byte-identical graphs on data/', async () => {
    const one = await runKg(['export', 'data', '-f', 'json', '--threads', '1']);
    const two = await runKg(['export', 'data', '-f', 'json', '--threads', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('reports the same diagnostics, with code frames, for files parsed in workers', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-threads-'));
    cpSync(path.join(REPO, 'test/fixtures/invalid/KG112-conflicting-entity-value'), dir, {
      recursive: true,
    });
    writeFileSync(path.join(dir, 'c.yaml'), 'relations:\n  - a MET\n  - [unclosed\n');
    const one = await runKg(['validate', dir, '--format', 'json', '--threads', '1']);
    const two = await runKg(['validate', dir, '--format', 'json', '--threads', '3']);
    expect(two.code).toBe(1);
    expect(two.stdout).toBe(one.stdout);
    const codes = (JSON.parse(two.stdout) as { diagnostics: { code: string }[] }).diagnostics.map(
      (d) => d.code,
    );
    expect(codes).toEqual(['KG112', 'KG114', 'KG001']);
    const text = await runKg(['validate', dir, '--threads', '2']);
    expect(text.stderr).toMatch(/^ {2}4 \| {5}name: Anne$/m);
    // The unclosed list is reported at its bracket, not where YAML noticed it.
    expect(text.stderr).toMatch(/c\.yaml:3:5/);
  });

  it('runs workers even when node was given V8 flags a worker refuses', async () => {
    const flags = ['--max-semi-space-size=32', '--max-old-space-size=2048'];
    const one = await runKg(['export', 'data', '-f', 'json', '--threads', '1']);
    const two = await runKg(['export', 'data', '-f', 'json', '--threads', '2'], {
      nodeArgs: flags,
    });
    expect(two.stderr).toBe('');
    expect(two.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
  });

  it('rejects a bad thread count', async () => {
    expect((await runKg(['validate', 'data', '--threads', 'many'])).code).toBe(2);
  });
});
