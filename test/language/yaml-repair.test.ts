// A file with a newcomer's YAML mistake is read as the user meant it: the same data as the
// fixed file, positions in the file as written, one mistake reported.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import type { YNode, YScalar } from '../../src/language/yaml-node.js';
import { readWithRepairs } from '../../src/language/yaml-repair.js';

/** Plain data of a YNode tree. */
function data(n: YNode | null): unknown {
  if (n === null) return null;
  if (n.kind === 'scalar') return n.value;
  if (n.kind === 'seq') return n.items.map(data);
  return Object.fromEntries(n.pairs.map((p) => [String(data(p.key)), data(p.value)]));
}

/** Every scalar of a tree. */
function scalars(n: YNode | null, out: YScalar[] = []): YScalar[] {
  if (n?.kind === 'scalar') out.push(n);
  else if (n?.kind === 'seq') n.items.forEach((i) => scalars(i, out));
  else if (n?.kind === 'map') n.pairs.forEach((p) => (scalars(p.key, out), scalars(p.value, out)));
  return out;
}

const CASES: [name: string, written: string, meant: string][] = [
  [
    "a ': ' in a value",
    "relations:\n  - a MET b:\n      quote: She said: no, it's over\n      source: s1\n",
    "relations:\n  - a MET b:\n      quote: 'She said: no, it''s over'\n      source: s1\n",
  ],
  [
    "a ': ' in a value in braces",
    'relations:\n  - a MET b: { source: s1, quote: He said: no }\n',
    "relations:\n  - a MET b: { source: s1, quote: 'He said: no' }\n",
  ],
  [
    'a double quote inside double quotes',
    'relations:\n  - a MET b:\n      quote: "He called it "a betrayal""\n      source: s1\n',
    'relations:\n  - a MET b:\n      quote: \'He called it "a betrayal"\'\n      source: s1\n',
  ],
  [
    'an apostrophe inside single quotes',
    "relations:\n  - a MET b:\n      quote: 'It's over'\n",
    "relations:\n  - a MET b:\n      quote: 'It''s over'\n",
  ],
  [
    "a shorthand without its ':'",
    'relations:\n  - a MET b\n      source: s1\n      date: 2025-05-01\n  - b MET c\n',
    'relations:\n  - a MET b:\n      source: s1\n      date: 2025-05-01\n  - b MET c\n',
  ],
  [
    "a list item without its '-'",
    'relations:\n  - a MET b:\n      source: s1\n  b MET c:\n      source: s1\n',
    'relations:\n  - a MET b:\n      source: s1\n  - b MET c:\n      source: s1\n',
  ],
  [
    'a field dedented by one space',
    'entities:\n  - id: a\n    type: Person\n   name: A\n  - id: b\n',
    'entities:\n  - id: a\n    type: Person\n    name: A\n  - id: b\n',
  ],
  [
    "a field slipped back to its item's dash",
    'entities:\n  - id: a\n    type: Person\n  name: A\n  - id: b\n',
    'entities:\n  - id: a\n    type: Person\n    name: A\n  - id: b\n',
  ],
  [
    'a field indented one space too far',
    'relations:\n  - a MET b:\n      source: s1\n       quote: x\n',
    'relations:\n  - a MET b:\n      source: s1\n      quote: x\n',
  ],
  [
    'a section indented like a list item',
    'relations:\n  - a MET b\n  entities:\n  - { id: a }\n',
    'relations:\n  - a MET b\nentities:\n  - { id: a }\n',
  ],
  [
    "schema's relations one space off, after an entity type's field",
    'schema:\n  entities:\n    Person:\n      color: red\n   relations:\n    MET: { from: Person }\n',
    'schema:\n  entities:\n    Person:\n      color: red\n  relations:\n    MET: { from: Person }\n',
  ],
  [
    'a tab among spaces',
    'relations:\n  - a MET b:\n\tsource: s1\n      quote: x\n',
    'relations:\n  - a MET b:\n      source: s1\n      quote: x\n',
  ],
  [
    'tabs throughout, with a block scalar',
    'relations:\n\t- a MET b:\n\t\tnote: >-\n\t\t  long\n\t\t  note\n\t\tsource: s1\n',
    'relations:\n  - a MET b:\n      note: >-\n        long\n        note\n      source: s1\n',
  ],
  [
    "a shorthand's field on its line",
    'relations:\n  - a MET b: source: s1\n',
    'relations:\n  - a MET b: { source: s1 }\n',
  ],
  // Language v2 forms: lists of endpoints, evidence items, project and defaults.
  [
    "a shorthand with a list, without its ':'",
    'relations:\n  - a DEMANDS [p, q]\n      source: s1\n',
    'relations:\n  - a DEMANDS [p, q]:\n      source: s1\n',
  ],
  [
    "a shorthand without its ':', evidence lined up with it",
    'relations:\n  - a MET b\n    evidence:\n      - { source: s1 }\n\n      - source: s2\n  - b MET c\n',
    'relations:\n  - a MET b:\n      evidence:\n        - { source: s1 }\n\n        - source: s2\n  - b MET c\n',
  ],
  [
    "fields on a shorthand's line with no ':' after it",
    'relations:\n  - a DEMANDS [p, q] source: s1 quote: He said: no\n',
    "relations:\n  - a DEMANDS [p, q]: { source: s1, quote: 'He said: no' }\n",
  ],
  [
    'a list of subjects starting a shorthand',
    'relations:\n  - [a, b] MET c\n  - [a, b] DEMANDS p:\n      source: s1\n',
    "relations:\n  - '[a, b] MET c'\n  - '[a, b] DEMANDS p':\n      source: s1\n",
  ],
  [
    "a ': ' in an evidence item's quote",
    'relations:\n  - a MET b:\n      evidence:\n        - quote: He said: no\n          source: s1\n        - { quote: Yes: later, source: s2 }\n',
    "relations:\n  - a MET b:\n      evidence:\n        - quote: 'He said: no'\n          source: s1\n        - { quote: 'Yes: later', source: s2 }\n",
  ],
  [
    "quotes inside an evidence item's quote",
    'relations:\n  - a MET b:\n      evidence:\n        - { source: s1, quote: "a" and b, date: 2025 }\n        - { source: s2, quote: "He said "no"" }\n',
    'relations:\n  - a MET b:\n      evidence:\n        - { source: s1, quote: \'"a" and b\', date: 2025 }\n        - { source: s2, quote: \'He said "no"\' }\n',
  ],
  [
    'tabs under defaults and project',
    'project:\n\tid: talks\n\ttitle: Talks\ndefaults:\n\tsource: s1\n',
    'project:\n  id: talks\n  title: Talks\ndefaults:\n  source: s1\n',
  ],
  [
    'a field of defaults dedented by one space, then an indented section',
    'defaults:\n  source: s1\n date: 2025\n project:\n  id: x\n',
    'defaults:\n  source: s1\n  date: 2025\nproject:\n  id: x\n',
  ],
  [
    'a list and a mapping never closed',
    'relations:\n  - from: [a,\n      b\n    type: MET\n    to: [c, d # two\n  - a MET b: { source: s1\n',
    'relations:\n  - from: [a,\n      b]\n    type: MET\n    to: [c, d] # two\n  - a MET b: { source: s1 }\n',
  ],
  [
    'Windows line ends',
    'relations:\r\n  - a MET b\r\n      quote: x: y\r\n',
    "relations:\r\n  - a MET b:\r\n      quote: 'x: y'\r\n",
  ],
];

describe('reading YAML with a newcomer’s mistakes', () => {
  for (const [name, written, meant] of CASES) {
    it(`${name}: the data meant, positions as written`, () => {
      const r = readWithRepairs(written);
      expect(r.errors).toEqual([]);
      expect(r.mistakes.length).toBeGreaterThan(0);
      expect(data(r.root)).toEqual(parseDocument(meant).toJS());
      // Each scalar points at its own text in the file as written: exactly for plain ones,
      // around the words for the values the repair quoted.
      for (const n of scalars(r.root)) {
        const at = written.slice(n.start, n.end);
        if (n.style === 'PLAIN') expect(at).toBe(n.source);
        else if (n.style?.startsWith('QUOTE')) expect(at).toContain(n.source.split(/[' ]/)[0]);
      }
    });
  }

  it('reports each mistake once, and the first of several tab lines for all of them', () => {
    const tabs = readWithRepairs('relations:\n\t- a MET b\n\t- b MET c\n');
    expect(tabs.mistakes).toHaveLength(1);
    expect(tabs.mistakes[0]?.hint).toBe(
      'indent with spaces instead (2 spaces on this line); tabs also indent line 3',
    );
    const two = readWithRepairs(
      'relations:\n  - a MET b\n      source: s1\n  - c MET d:\n      quote: a: b\n',
    );
    expect(two.mistakes.map((m) => m.message)).toEqual([
      "missing ':' after 'a MET b'",
      "the value of 'quote' contains ': ', which YAML reads as a nested key",
    ]);
  });

  it(
    'reads mutated files of data/ without throwing, every position inside the file',
    { timeout: 60_000 },
    () => {
      const rand = mulberry32(7);
      const pieces = [
        ' ',
        ': ',
        '- ',
        '#',
        '"',
        "'",
        '[',
        '{',
        ',',
        '\n',
        '\t',
        '\n  ',
        '>-',
        'x: y',
      ];
      const bases = ['relations/oval-office.yaml', 'entities/people.yaml', 'schema.yaml'].map((f) =>
        readFileSync(path.join(import.meta.dirname, '../../data', f), 'utf8'),
      );
      let repaired = 0;
      for (let i = 0; i < 150; i++) {
        let text = bases[i % bases.length] ?? '';
        for (let k = 1 + Math.floor(rand() * 3); k > 0; k--) {
          const at = Math.floor(rand() * text.length);
          const piece = pieces[Math.floor(rand() * pieces.length)] ?? '';
          text = text.slice(0, at) + piece + text.slice(at + (rand() < 0.4 ? 1 : 0));
        }
        const r = readWithRepairs(text);
        if (r.mistakes.length) repaired++;
        const inside = (n: { start: number; end: number }) =>
          n.start >= 0 && n.start <= n.end && n.end <= text.length;
        expect(r.mistakes.every(inside)).toBe(true);
        // The yaml parser puts an error at the end of the file one character past it.
        expect(r.errors.every((e) => inside({ ...e, end: Math.min(e.end, text.length) }))).toBe(
          true,
        );
        expect(scalars(r.root).every(inside)).toBe(true);
      }
      // Random edits make many of the mistakes this module knows.
      expect(repaired).toBeGreaterThan(20);
    },
  );

  it('leaves errors it does not recognise as the yaml parser reports them', () => {
    const r = readWithRepairs('relations:\n  - a MET b\n  ]\n');
    expect(r.mistakes).toEqual([]);
    expect(r.errors.map((e) => e.code)).toEqual(['UNEXPECTED_TOKEN']);
  });
});
