// LibreOffice Calc (Debian's libreoffice-calc) opening kg's CSV files headless. Missing on a
// user's machine: the tests skip loudly; under CI=true they fail.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'vitest';

export const HAS_LIBREOFFICE =
  spawnSync('soffice', ['--version'], { stdio: 'ignore', timeout: 60_000 }).status === 0;

/** Call at module level: a failing test in CI, or a loud warning, when LibreOffice is missing. */
export function requireLibreOffice(): void {
  if (HAS_LIBREOFFICE) return;
  if (process.env.CI === 'true') {
    test('LibreOffice Calc is installed (required in CI)', () => {
      throw new Error(
        'soffice not found: apt-get install -y --no-install-recommends libreoffice-calc',
      );
    });
  } else {
    console.warn('\n*** soffice not found: SKIPPING the LibreOffice CSV tests ***\n');
  }
}

/** The CSV filter reading UTF-8 (token 3 = 76): what docs/exports.md tells users to pick. */
export const UTF8_CSV_FILTER = 'CSV:44,34,76';

/**
 * Opens each CSV file in LibreOffice Calc (`soffice --headless --infilter=… --convert-to`) and
 * returns what Calc's cells hold, saved back as UTF-8 CSV.
 */
export function libreofficeCells(
  files: Record<string, string>,
  infilter: string = UTF8_CSV_FILTER,
): Record<string, string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kg-libreoffice-'));
  try {
    const inputs = Object.entries(files).map(([name, text]) => {
      const file = path.join(dir, 'in', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    });
    const run = spawnSync(
      'soffice',
      [
        '--headless',
        // A profile of its own: parallel runs (and a user's open LibreOffice) do not collide.
        `-env:UserInstallation=${pathToFileURL(path.join(dir, 'profile')).href}`,
        `--infilter=${infilter}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        '--outdir',
        path.join(dir, 'out'),
        ...inputs,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    if (run.status !== 0) throw new Error(`soffice failed (${run.status}):\n${run.stderr}`);
    return Object.fromEntries(
      Object.keys(files).map((name) => [name, readFileSync(path.join(dir, 'out', name), 'utf8')]),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
