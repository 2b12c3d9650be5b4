// kg composes YAML without the yaml package's quadratic duplicate-key check and looks for
// duplicates itself: it must find some exactly when the package does (then the package's own
// errors are used), on hand cases and thousands of random and mutated documents; and a wide
// map with a duplicate must still get its error.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { composeDocument, duplicateKeys, WIDE_MAP } from '../../src/language/duplicate-keys.js';
import { mutate, randomYaml } from '../helpers/random-yaml.js';
import { YAML_CASES } from '../helpers/yaml-cases.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const errorsOf = (doc: Document.Parsed) =>
  doc.errors.map((e) => `${e.code} ${e.pos[0]}-${e.pos[1]} ${e.message}`);

/** The package's own reading of `text`, its duplicate-key check on. */
const theirs = (text: string) =>
  parseDocument(text, { uniqueKeys: true, prettyErrors: false, logLevel: 'error' });

function check(text: string): boolean {
  const own = duplicateKeys(parseDocument(text, { uniqueKeys: false, logLevel: 'error' }));
  const expected = theirs(text).errors.filter((e) => e.code === 'DUPLICATE_KEY');
  expect([text, own.errors.length > 0]).toEqual([text, expected.length > 0]);
  expect([text, errorsOf(composeDocument(text))]).toEqual([text, errorsOf(theirs(text))]);
  return expected.length > 0;
}

const CASES = [
  'a: 1\na: 2\n',
  '&x a: 1\na: 2\n',
  '? a\n: 1\n? a\n: 2\n',
  'f: {b: 1, b: 2}\n',
  ': 1\n: 2\n',
  '~: 1\nnull: 2\n',
  'x:\n  - a: 1\n    a: 2\n    a: 3\n',
  '1: a\n1.0: b\n0x1: c\n',
  '.nan: 1\n.nan: 2\n',
  '0: a\n-0: b\n',
  '!!str a: 1\na: 2\n',
  '[a]: 1\n[a]: 2\n',
  'a: &m {k: 1, k: 2}\nb: *m\n',
  'a: 1\n\tb: 2\na: 3\n',
  ...Object.values(YAML_CASES),
];

describe('duplicate keys, found in linear time', () => {
  it('are found exactly when the yaml package finds them (hand cases)', () => {
    expect(CASES.filter(check).length).toBeGreaterThan(8);
  });

  it('are found exactly when the yaml package finds them (random and mutated documents)', () => {
    const rand = mulberry32(4242);
    const keys = ['a', 'b', '1', '~', 'null', '.nan', '0', '-0', '"a"', "'b'", '!!str a', '&k a'];
    const base = readFileSync(path.join(REPO, 'data/relations/oval-office.yaml'), 'utf8');
    let found = 0;
    for (let i = 0; i < 1500; i++) {
      let text = i % 3 === 2 ? mutate(base, rand) : randomYaml(rand);
      // Repeat keys often, so that duplicates are common.
      text = text.replace(/^(\s*(?:- )?)([^\s:#-][^:#\n]*):/gm, (m, lead: string) =>
        rand() < 0.5 ? `${lead}${keys[Math.floor(rand() * keys.length)]}:` : m,
      );
      if (check(text)) found++;
    }
    expect(found).toBeGreaterThan(250);
  }, 120_000);

  it('reports a duplicate in a map wider than the package’s check is run for', () => {
    const keys = Array.from({ length: WIDE_MAP + 500 }, (_, i) => `k${i}: ${i}\n`).join('');
    const text = `${keys}k1200: again\n`;
    const at = text.lastIndexOf('k1200');
    expect(errorsOf(composeDocument(text))).toEqual([
      `DUPLICATE_KEY ${at}-${at + 1} Map keys must be unique`,
    ]);
  });
});
