// One fixture per diagnostic code under test/fixtures/invalid/: each declares the exact
// diagnostics it must produce (code and position), and must produce nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, compileFiles } from '../../src/compile/compile.js';
import { CODES } from '../../src/language/codes.js';

const root = path.join(import.meta.dirname, '../fixtures/invalid');
const fixtures = readdirSync(root).sort();

function render(d: { code: string; file: string; line: number; column: number }, dir?: string) {
  const file = dir ? `${path.relative(dir, d.file) || '.'}:` : '';
  return `${d.code} ${file}${d.line}:${d.column}`;
}

describe('diagnostic fixtures', () => {
  for (const name of fixtures) {
    const full = path.join(root, name);
    it(name, async () => {
      if (name.endsWith('.yaml')) {
        const text = readFileSync(full, 'utf8');
        const expected = [...text.matchAll(/^# expect: (\S+ \d+:\d+)$/gm)].map((m) => m[1]);
        const result = compileFiles([{ path: full, text }], { name: 'fixture', layout: 'none' });
        expect(result.diagnostics.map((d) => render(d))).toEqual(expected);
      } else {
        const expected = readFileSync(path.join(full, 'expect.txt'), 'utf8').trim().split('\n');
        const result = await compile(full, { layout: 'none', maxFileSize: 1000 });
        expect(result.diagnostics.map((d) => render(d, full))).toEqual(expected);
      }
    });
  }

  // A fixture is one file's text: unreadable files and symbolic links are tested on disk
  // (test/compile/source-text.test.ts, test/compile/symlinks.test.ts).
  const ON_DISK = new Set(['KG005', 'KG206', 'KG207']);

  it('covers every diagnostic code except those about files on disk', () => {
    const covered = new Set(fixtures.map((f) => f.slice(0, 5)));
    const missing = Object.keys(CODES).filter((c) => !covered.has(c) && !ON_DISK.has(c));
    expect(missing).toEqual([]);
  });

  it('names each fixture after the code it tests', () => {
    for (const name of fixtures) {
      const code = name.slice(0, 5);
      expect(Object.keys(CODES)).toContain(code);
      expect(name.slice(6).replace(/\.yaml$/, '')).toBe(CODES[code as keyof typeof CODES].name);
      expect(existsSync(path.join(root, name))).toBe(true);
    }
  });
});
