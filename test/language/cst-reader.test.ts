// The CST fast path must build exactly the tree the yaml composer builds (values, styles and
// positions), and must never accept a document the composer reports a problem in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { readCst } from '../../src/language/cst-reader.js';
import { NestingTooDeepError, tooDeepAt } from '../../src/language/nesting.js';
import { fromDocument } from '../../src/language/yaml-node.js';
import { COMPOSER_CASES, FAST_CASES, YAML_CASES as CASES } from '../helpers/yaml-cases.js';
import { mutate } from '../helpers/random-yaml.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/**
 * 'fast' when the CST path took the text (and agreed with the composer), 'deep' when both
 * nesting checks refuse it at the same place, else 'composer'.
 */
function compare(text: string): 'fast' | 'composer' | 'deep' {
  let fast;
  try {
    fast = readCst(text);
  } catch (error) {
    if (!(error instanceof NestingTooDeepError)) throw error;
    expect(tooDeepAt(text)).toBe(error.offset);
    return 'deep';
  }
  if (!fast) return 'composer';
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  expect(doc.errors.map((e) => e.code)).toEqual([]);
  expect(fast.root).toEqual(fromDocument(doc));
  return 'fast';
}

describe('CST fast path', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`agrees with the composer: ${name}`, () => {
      compare(text);
    });
  }

  it('takes the common cases itself', () => {
    const fastOnes = FAST_CASES;
    expect(fastOnes.filter((name) => compare(CASES[name] ?? '') !== 'fast')).toEqual([]);
  });

  it('gives up on everything the composer reports or that needs its tags and anchors', () => {
    const composerOnes = COMPOSER_CASES;
    expect(composerOnes.filter((name) => readCst(CASES[name] ?? '') !== undefined)).toEqual([]);
  });

  const way = (_file: string) => 'fast';

  it('reads every data file of data/ itself, identically', () => {
    const files = yamlFiles(path.join(REPO, 'data'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      expect([file, compare(readFileSync(file, 'utf8'))]).toEqual([file, way(file)]);
    }
  });

  it('agrees on every fixture file (valid or not)', () => {
    const files = yamlFiles(path.join(REPO, 'test/fixtures'));
    expect(files.length).toBeGreaterThan(30);
    const ways = files.map((file) => compare(readFileSync(file, 'utf8')));
    expect(ways).toContain('fast');
    expect(ways).toContain('composer');
  });

  it('reads a generated project (all three relation forms) itself, identically', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-cst-'));
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      ...['--relations', '3000', '--seed', '11', '--per-file', '1000', '-o', dir],
    ]);
    const files = yamlFiles(dir);
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      expect([file, compare(readFileSync(file, 'utf8'))]).toEqual([file, way(file)]);
    }
  });

  it('never disagrees with the composer on thousands of mutated files', () => {
    const rand = mulberry32(2026);
    const pieces = [' ', ':', ': ', '-', '- ', '#', ' #', '"', "'", '[', ']', '{', ',', '\n', '\t'];
    pieces.push('&a ', '*a', '!', '|', '>', '?', 'x', '1', '\\', '\n  ', '\n    - ', '...', '---');
    const bases = ['relations/oval-office.yaml', 'entities/people.yaml', 'sources.yaml'].map((f) =>
      readFileSync(path.join(REPO, 'data', f), 'utf8'),
    );
    let fast = 0;
    for (let i = 0; i < 1500; i++) {
      const text = mutate(bases[i % bases.length] ?? '', rand, pieces);
      if (compare(text) === 'fast') fast++;
    }
    // Many mutants stay valid YAML; the fast path must have taken a good share of them.
    expect(fast).toBeGreaterThan(300);
  });
});
