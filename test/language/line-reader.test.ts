// The one-pass line reader must build exactly the tree the CST reader builds (which itself
// equals the composer's, test/language/cst-reader.test.ts), and must decline everything the
// CST reader declines.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { readCst } from '../../src/language/cst-reader.js';
import { NestingTooDeepError } from '../../src/language/nesting.js';
import { readLines } from '../../src/language/line-reader.js';
import { mutate, randomYaml } from '../helpers/random-yaml.js';
import { COMPOSER_CASES, YAML_CASES } from '../helpers/yaml-cases.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const REPO = path.resolve(import.meta.dirname, '../..');

/** 'lines' when the line reader took the text (and agreed with the CST reader), else 'cst'. */
function compare(text: string): 'lines' | 'cst' {
  const lines = readLines(text);
  if (!lines) return 'cst';
  let cst;
  try {
    cst = readCst(text);
  } catch (error) {
    if (!(error instanceof NestingTooDeepError)) throw error;
  }
  expect(cst, JSON.stringify(text)).toBeDefined();
  expect(lines.root, JSON.stringify(text)).toEqual(cst?.root);
  return 'lines';
}

/** The cases of YAML_CASES the line reader takes itself. */
const LINE_CASES = [
  'comments',
  'common block scalars',
  'typed plain scalars',
  'numeric and boolean keys',
  'compact maps in lists',
  'unicode',
  'root list',
  'trailing comments',
  'no final newline',
  'key with colon-free spaces',
  'flow maps in lists',
  'nested flow collections',
  'many keys',
];

describe('line reader', () => {
  for (const [name, text] of Object.entries(YAML_CASES)) {
    it(`agrees with the CST reader: ${name}`, () => {
      compare(text);
    });
  }

  it('takes the plain block YAML kg files are written in itself', () => {
    const taken = Object.keys(YAML_CASES).filter((name) => readLines(YAML_CASES[name] ?? ''));
    expect(taken).toEqual(LINE_CASES);
  });

  it('declines everything that needs the composer', () => {
    expect(COMPOSER_CASES.filter((name) => readLines(YAML_CASES[name] ?? ''))).toEqual([]);
  });

  it('declines (never throws on) nesting deeper than the CST reader allows', () => {
    const deep = Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}k${i}:\n`).join('');
    expect(readLines(deep + ' '.repeat(300) + 'x: 1\n')).toBeUndefined();
    expect(readLines('- '.repeat(5000) + 'x\n')).toBeUndefined();
  });

  it('agrees on every file of data/ and of the fixtures', () => {
    const files = [...yamlFiles(path.join(REPO, 'data')), ...yamlFiles(path.join(REPO, 'test'))];
    expect(files.length).toBeGreaterThan(50);
    const ways = files.map((file) => compare(readFileSync(file, 'utf8')));
    expect(ways.filter((w) => w === 'lines').length).toBeGreaterThan(20);
  });

  it('reads every file of a generated project (all relation forms) itself', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-lines-'));
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      ...['--relations', '3000', '--seed', '12', '--per-file', '1000', '-o', dir],
    ]);
    const files = yamlFiles(dir);
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      expect([file, compare(readFileSync(file, 'utf8'))]).toEqual([file, 'lines']);
    }
  });

  it('never disagrees on thousands of random and mutated documents', () => {
    // LINE_READER_DOCS=200000 LINE_READER_SEED=n for long runs.
    const docs = Number(process.env.LINE_READER_DOCS ?? 4000);
    const rand = mulberry32(Number(process.env.LINE_READER_SEED ?? 20261129));
    let taken = 0;
    for (let i = 0; i < docs; i++) if (compare(randomYaml(rand)) === 'lines') taken++;
    // A good share of random documents are valid YAML of the shapes it reads.
    expect(taken).toBeGreaterThan(docs * 0.15);
    const bases = ['relations/oval-office.yaml', 'entities/people.yaml', 'sources.yaml'].map((f) =>
      readFileSync(path.join(REPO, 'data', f), 'utf8'),
    );
    for (let i = 0; i < 1500; i++) compare(mutate(bases[i % bases.length] ?? '', rand));
  });
});
