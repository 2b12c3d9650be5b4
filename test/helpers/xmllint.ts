// xmllint (libxml2-utils) validates exports against official schemas. On a user's machine a
// missing xmllint skips those tests loudly; under CI=true it is a failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'vitest';

export const HAS_XMLLINT = spawnSync('xmllint', ['--version']).status === 0;

/** Call at module level: registers a failing test in CI, or warns, when xmllint is missing. */
export function requireXmllint(): void {
  if (HAS_XMLLINT) return;
  if (process.env.CI === 'true') {
    test('xmllint is installed (required in CI)', () => {
      throw new Error('xmllint not found: apt-get install -y libxml2-utils');
    });
  } else {
    console.warn(
      '\n*** xmllint not found: SKIPPING XML schema validation tests (apt-get install -y libxml2-utils) ***\n',
    );
  }
}

export interface LintResult {
  ok: boolean;
  output: string;
}

/** Runs `xmllint --noout [extra args] file` on `text` written to a temp file. */
export function xmllint(text: string, args: string[] = []): LintResult {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-xmllint-'));
  try {
    const file = path.join(dir, 'doc.xml');
    writeFileSync(file, text);
    const run = spawnSync('xmllint', ['--noout', ...args, file], { encoding: 'utf8' });
    return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
