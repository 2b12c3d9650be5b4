// Fixtures under test/fixtures/invalid/, at least one per diagnostic code (more as
// `KGnnn-name--case.yaml`): each declares the exact diagnostics it must produce (code and
// position, and where given the message and hint, on `# message:` / `# hint:` lines after its
// `# expect:` line), and must produce nothing else.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, compileFiles } from '../../src/compile/compile.js';
import { CODES } from '../../src/language/codes.js';
import type { Diagnostic } from '../../src/language/diagnostic.js';

const root = path.join(import.meta.dirname, '../fixtures/invalid');
const fixtures = readdirSync(root).sort();

interface Expected {
  at: string;
  message?: string;
  hint?: string;
}

function render(d: { code: string; file: string; line: number; column: number }, dir?: string) {
  const file = dir ? `${path.relative(dir, d.file) || '.'}:` : '';
  return `${d.code} ${file}${d.line}:${d.column}`;
}

function expectations(text: string): Expected[] {
  const out: Expected[] = [];
  // `# expect: KG001 3:5` in a YAML fixture; `KG001 a.yaml:3:5` in a directory's expect.txt.
  const lines = /^(?:# expect: |(?=KG))(\S+ \S+)$|^(?:# |\s+)(message|hint): (.*)$/gm;
  for (const [, at, field, value] of text.matchAll(lines)) {
    const last = out.at(-1);
    if (at !== undefined) out.push({ at });
    else if (last && (field === 'message' || field === 'hint')) last[field] = value ?? '';
  }
  return out;
}

/** What a diagnostic shows of what its expectation asks for. */
function shown(d: Diagnostic, expected: Expected | undefined, dir?: string): Expected {
  const out: Expected = { at: render(d, dir) };
  if (expected?.message !== undefined) out.message = d.message;
  if (expected?.hint !== undefined) out.hint = d.hint ?? '(no hint)';
  return out;
}

describe('diagnostic fixtures', () => {
  for (const name of fixtures) {
    const full = path.join(root, name);
    it(name, async () => {
      if (name.endsWith('.yaml')) {
        const text = readFileSync(full, 'utf8');
        const expected = expectations(text);
        const result = compileFiles([{ path: full, text }], { name: 'fixture', layout: 'none' });
        expect(result.diagnostics.map((d, i) => shown(d, expected[i]))).toEqual(expected);
      } else {
        const expected = expectations(readFileSync(path.join(full, 'expect.txt'), 'utf8'));
        const result = await compile(full, { layout: 'none', maxFileSize: 1000 });
        expect(result.diagnostics.map((d, i) => shown(d, expected[i], full))).toEqual(expected);
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
      const base = name
        .slice(6)
        .replace(/\.yaml$/, '')
        .split('--')[0];
      expect(base).toBe(CODES[code as keyof typeof CODES].name);
      expect(existsSync(path.join(root, name))).toBe(true);
    }
  });
});
