// The CST fast path must build exactly the tree the yaml composer builds (values, styles and
// positions), and must never accept a document the composer reports a problem in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { NestingTooDeepError, readCst, tooDeepAt } from '../../src/language/cst-reader.js';
import { fromDocument } from '../../src/language/yaml-node.js';

const REPO = path.resolve(import.meta.dirname, '../..');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

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

const CASES: Record<string, string> = {
  comments: '# head\nkey: value # tail\n# between\nlist:\n  # before item\n  - a # after\n  - b\n',
  'empty values': 'a:\nb: # only a comment\nc:\n  -\n  - # comment\n  - x\n',
  'doc start': '---\nentities:\n  - id: a\n',
  'doc start with comment': '--- # the start\nrelations: []\n',
  'block scalars': 'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n',
  'quoted scalars': `a: "esc \\" \\n \\u00e9"\nb: 'it''s'\nc: "multi\n  line"\nd: ''\ne: ""\n`,
  'typed plain scalars':
    'a: 1\nb: -2.5\nc: 1e3\nd: .inf\ne: -.Inf\nf: .nan\ng: 0x1F\nh: 0o17\ni: true\nj: False\nk: ~\nl: null\nm: NULL\nn: 2024-05-01\no: 1.50\np: +3\nq: nope\nr: Null\n',
  'numeric and boolean keys': '1: one\ntrue: yes\n1.5: x\nnull: n\n',
  'flow lists': 'a: [x, "y z", \'w\']\nb: []\nc: [1, 2,]\nd: [ a , b ]\ne: [a,\n  b]\n',
  'nested lists': 'a:\n  - - x\n    - y\n  - - z\n',
  'multi-line plain scalar': 'quote: this goes\n  on and on\n\n  and on\nnext: 1\n',
  'compact maps in lists':
    'relations:\n  - a MET b:\n      source: s\n      date: 2025\n  - from: a\n    to: b\n',
  'CRLF line endings': 'a: 1\r\nb:\r\n  - x\r\n  - y # c\r\n',
  unicode: 'name: "Volodymyr Zelenskyy — Україна"\nplain: Україна\n',
  'root scalar': 'just a string\n',
  'root list': '- a\n- b\n',
  'trailing comments': 'a: 1\n\n# end\n# really\n',
  'no final newline': 'a: [1, 2]',
  'key with colon-free spaces': 'a b c: d\n',
  'flow maps': 'a: {b: 1}\nc: { d: "e f", g: [h, i] , }\nj: {}\nk: {x: 1,\n  y: 2} # c\n',
  'flow maps in lists':
    "evidence:\n  - { source: r1, quote: 'it''s', date: 2025-05-20 }\n  - {source: [a, b]}\nl: [{ a: 1 }, {b: 2}]\n",
  'nested flow collections': 'a: {b: {c: 1}}\nd: [[1], [2, 3]]\n',
  // These need the composer: each must fall back (or be accepted identically).
  duplicate: 'a: 1\na: 2\n',
  anchors: 'a: &x 1\nb: *x\n',
  tags: 'a: !!str 1\n',
  'explicit key': '? a\n: b\n',
  'deeper flow nesting': 'a: {b: {c: {d: 1}}}\ne: [[[1]]]\n',
  'flow map without value': 'a: {b: , c}\n',
  'flow map duplicate': 'a: {b: 1, b: 2}\n',
  tab: 'a:\t1\n',
  'bad indent': 'a:\n  b: 1\n c: 2\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'unclosed list': 'a: [1, 2\nb: 3\n',
  'unclosed quote': 'a: "open\n',
  'compact nested map': 'a: b: c\n',
  'comment without space': 'a: "x"# c\n',
  'empty document': '# nothing\n',
};

describe('CST fast path', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(`agrees with the composer: ${name}`, () => {
      compare(text);
    });
  }

  it('takes the common cases itself', () => {
    const fastOnes = Object.keys(CASES).slice(0, Object.keys(CASES).indexOf('duplicate'));
    expect(fastOnes.filter((name) => compare(CASES[name] ?? '') !== 'fast')).toEqual([]);
  });

  it('gives up on everything the composer reports or that needs its tags and anchors', () => {
    const composerOnes = Object.keys(CASES).slice(Object.keys(CASES).indexOf('duplicate'));
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
      const base = bases[i % bases.length] ?? '';
      let text = base;
      for (let edits = 1 + Math.floor(rand() * 3); edits > 0; edits--) {
        const at = Math.floor(rand() * text.length);
        const piece = pieces[Math.floor(rand() * pieces.length)] ?? '';
        const cut = rand() < 0.4 ? 1 + Math.floor(rand() * 3) : 0;
        text = text.slice(0, at) + piece + text.slice(at + cut);
      }
      if (compare(text) === 'fast') fast++;
    }
    // Many mutants stay valid YAML; the fast path must have taken a good share of them.
    expect(fast).toBeGreaterThan(300);
  });
});
