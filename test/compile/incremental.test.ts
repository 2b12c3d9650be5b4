// The incremental compiler against a fresh compile: thousands of seeded edits to data/ and to
// a generated project, each followed by a comparison of every diagnostic and of the graph.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { compileFiles } from '../../src/compile/compile.js';
import {
  DEFAULT_PROJECT_STATE_OPTIONS,
  ProjectState,
  type Analysis,
} from '../../src/compile/project-state.js';
import type { FileContribution } from '../../src/language/ast.js';
import { DiagnosticSink } from '../../src/language/diagnostic-sink.js';
import { parseFile } from '../../src/language/parse-file.js';
import { REPO } from '../helpers/cli.js';
import { fourPeopleKg } from '../helpers/project.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'kg-incremental-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function fresh(state: ProjectState) {
  const files = state.list().map((f) => ({ path: f.absolute, text: f.file.text }));
  return compileFiles(files, { name: state.name, layout: 'none', root: state.dir });
}

const withoutFiles = (c: FileContribution) =>
  JSON.stringify(c, (k, v: unknown) => (k === 'file' ? undefined : v));

const counts = (a: Analysis) =>
  JSON.stringify([a.degree, a.relationCounts, a.evidenceCounts].map((m) => [...m].sort()));

/** Emits that updated the kept graph in place (rather than building a new one). */
let inPlace = 0;

/**
 * The analysis an editor gets (no graph: the fact table is updated in place, and keeps being
 * updated until a graph is asked for) against a fresh compile: the same diagnostics in the same
 * order; with `graph`, also the analysis `kg view` gets (the graph: the table is rebuilt) — the
 * same diagnostics, graph and counts.
 */
function expectSame(
  state: ProjectState,
  step: string,
  graph = true,
  /** The file edited (default: check every file's parse). */
  edited?: string,
): Analysis {
  const incremental = state.analyze();
  const full = fresh(state);
  // Strings first (cheap); the structural comparison only to show a difference.
  const a = incremental.diagnostics.map((d) => JSON.stringify(d));
  const b = full.diagnostics.map((d) => JSON.stringify(d));
  if (a.join('\n') !== b.join('\n')) expect(a, step).toEqual(b);
  for (const f of state.list()) {
    if (edited !== undefined && f.absolute !== edited) continue;
    // What the editor's features read (offsets): the same as parsing the text whole.
    const whole = parseFile(f.file, new DiagnosticSink(), DEFAULT_PROJECT_STATE_OPTIONS);
    if (withoutFiles(f.contribution) !== withoutFiles(whole)) {
      expect(JSON.parse(withoutFiles(f.contribution)), `${step}: ${f.rel}`).toEqual(
        JSON.parse(withoutFiles(whole)),
      );
    }
  }
  if (!graph) return incremental;
  const emitted = state.analyze({ emit: true });
  if (emitted.graphChanges) inPlace++;
  const c = emitted.diagnostics.map((d) => JSON.stringify(d));
  if (c.join('\n') !== b.join('\n')) expect(c, step).toEqual(b);
  expect(counts(incremental), step).toBe(counts(emitted));
  // The graph kept between emits and updated in place, serialised in a fresh compile's order.
  const g = JSON.stringify(emitted.exportGraph?.());
  if (g !== JSON.stringify(full.graph.export())) {
    expect(emitted.exportGraph?.(), step).toEqual(full.graph.export());
  }
  return incremental;
}

type Rand = () => number;
const pick = <T>(rand: Rand, list: T[]): T => list[Math.floor(rand() * list.length)]!;

/** One seeded edit of a file's text: the kinds of change people make, and some they should not. */
function edit(rand: Rand, text: string, names: string[]): string {
  const lines = text.split('\n');
  const at = Math.floor(rand() * lines.length);
  const line = lines[at] ?? '';
  const words = [...line.matchAll(/[A-Za-z][\w.:-]*/g)];
  switch (Math.floor(rand() * 12)) {
    case 0: // another known name in place of a word (an endpoint, a type, an id…)
    case 1: {
      const w = words.length ? pick(rand, words) : undefined;
      if (!w || w.index === undefined) return text;
      lines[at] = line.slice(0, w.index) + pick(rand, names) + line.slice(w.index + w[0].length);
      return lines.join('\n');
    }
    case 2: {
      // a typo in a word
      const w = words.length ? pick(rand, words) : undefined;
      if (!w || w.index === undefined) return text;
      const i = w.index + Math.floor(rand() * w[0].length);
      lines[at] = `${line.slice(0, i)}${pick(rand, ['x', 'e', '-', ''])}${line.slice(i + 1)}`;
      return lines.join('\n');
    }
    case 3: // a line deleted
      lines.splice(at, 1);
      return lines.join('\n');
    case 4: // a line duplicated (duplicate relations, keys, entities)
      lines.splice(at, 0, line);
      return lines.join('\n');
    case 5: {
      // a block of lines moved elsewhere
      const n = 1 + Math.floor(rand() * 6);
      const block = lines.splice(at, n);
      lines.splice(Math.floor(rand() * lines.length), 0, ...block);
      return lines.join('\n');
    }
    case 6: // a stray character (often a YAML syntax error)
      return `${text.slice(0, Math.floor(rand() * text.length))}${pick(rand, [':', '-', ' ', '"', '[', '#'])}${text.slice(Math.floor(rand() * text.length))}`;
    case 7: // a comment added (nothing changes but positions)
      lines.splice(at, 0, '# a note');
      return lines.join('\n');
    case 9: {
      // the file's defaults: block edited, added or removed (v2)
      const d = lines.findIndex((l) => l.startsWith('defaults:'));
      if (d < 0) {
        lines.unshift('defaults:', `  source: ${pick(rand, names)}`);
        return lines.join('\n');
      }
      const change = pick(rand, ['source', 'date', 'confidence', 'remove']);
      if (change === 'source') lines.splice(d + 1, 1, `  source: ${pick(rand, names)}`);
      else if (change === 'date') lines.splice(d + 1, 0, '  date: 2025-08-19');
      else if (change === 'confidence') lines.splice(d + 1, 0, '  confidence: 0.6');
      else lines.splice(d, 2);
      return lines.join('\n');
    }
    case 10: {
      // a ref property's value changed (v2: a reference edge when declared with edge:)
      const refs = lines.flatMap((l, i) => (/^\s+(held_at|\w+_of|party): /.test(l) ? [i] : []));
      if (!refs.length) return text;
      const i = pick(rand, refs);
      lines[i] = lines[i]!.replace(/: .*/, `: ${pick(rand, names)}`);
      return lines.join('\n');
    }
    case 11: {
      // the same fact stated again in this file, with evidence of its own (v2 merging)
      const stmts = lines.filter((l) => /^\s+- [\w-]+ [A-Z_]+ [\w-[\], ]+$/.test(l));
      if (!stmts.length) return text;
      const again = pick(rand, stmts);
      const evidence = `{ source: ${pick(rand, names)}, quote: 'said again' }`;
      return `${text}\n${again}: ${evidence}\n`;
    }
    default: // a new relation between known names
      return `${text}\n  - ${pick(rand, names)} ${pick(rand, names)} ${pick(rand, names)}\n`;
  }
}

/** A relation statement of another file appended to this one: the same fact in two files (v2). */
function restated(rand: Rand, state: ProjectState, text: string): string {
  const other = pick(rand, state.list()).file.text.split('\n');
  const stmts = other.filter((l) => /^\s+- [\w-]+ [A-Z_]+ /.test(l));
  return stmts.length ? `${text}\n${pick(rand, stmts)}\n` : text;
}

async function run(dir: string, edits: number, seed: number, revertEvery: number) {
  const state = await ProjectState.load(dir);
  const originals = new Map(state.list().map((f) => [f.absolute, f.file.text]));
  const names = [
    ...new Set(
      [...originals.values()].flatMap((t) =>
        [...t.matchAll(/(?:id: |- )([a-z][\w-]*)/g)].map((m) => m[1]!),
      ),
    ),
    ...Object.keys(state.analyze().schema.relations),
    ...Object.keys(state.analyze().schema.entities),
  ];
  const rand = mulberry32(seed);
  expectSame(state, 'initial');
  const inPlaceBefore = inPlace;
  /** Edits re-parsed in part (reparse.ts). */
  let partial = 0;
  for (let i = 0; i < edits; i++) {
    const file = pick(rand, state.list());
    const before = file.file.text;
    const next =
      i % revertEvery === revertEvery - 1
        ? originals.get(file.absolute)!
        : rand() < 0.1
          ? restated(rand, state, before)
          : edit(rand, before, names);
    if (state.setText(file.absolute, next).reparsed) partial++;
    // The graph every few edits: in between, the fact table is only ever updated in place;
    // and after three edits of a relation file in four, so the graph kept from the last emit is
    // updated in place (an edit elsewhere changes declarations, which builds a new graph).
    const step = `edit ${i} of ${path.relative(dir, file.absolute)}`;
    const relations = file.rel.startsWith('relations/');
    expectSame(state, step, i % 4 === 3 || (relations && i % 4 !== 0), file.absolute);
  }
  // Edits inside one relation item of a file without errors (a typo, a name, an appended
  // relation); the others (entity files, a syntax error until it is reverted) parse whole.
  expect(partial).toBeGreaterThan(edits / 20);
  // Most emits update the graph kept from the one before (declaration changes rebuild it).
  expect(inPlace - inPlaceBefore).toBeGreaterThan(edits / 25);
}

// Each edit is checked against a fresh compile, so the count is the test's cost: 500 in CI
// (about a minute on a quiet 2-core machine); long runs: INCREMENTAL_EDITS=5000 npx vitest run …
const EDITS = Number(process.env.INCREMENTAL_EDITS ?? 500);

describe('incremental compile = fresh compile', () => {
  test(`${EDITS} seeded edits of data/`, async () => {
    const dir = path.join(tmp, 'data');
    cpSync(path.join(REPO, 'data'), dir, { recursive: true });
    await run(dir, EDITS, 7, 12);
  }, 900_000);

  test('150 seeded edits of a generated project (600 relations in 4 files)', async () => {
    const dir = path.join(tmp, 'generated');
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      '--relations',
      '600',
      '--per-file',
      '150',
      '--seed',
      '3',
      '-o',
      dir,
    ]);
    await run(dir, 150, 11, 8);
  }, 900_000);

  test('an edit of a relation file resolves that file only; an entity edit, what names it', async () => {
    const dir = path.join(tmp, 'data-2');
    cpSync(path.join(REPO, 'data'), dir, { recursive: true });
    const state = await ProjectState.load(dir);
    const total = state.list().reduce((n, f) => n + f.contribution.relations.length, 0);
    expect(state.analyze().resolvedStatements).toBe(total);
    const rel = state.list().find((f) => f.rel === 'relations/oval-office.yaml')!;
    state.setText(rel.absolute, rel.file.text.replace('trump REJECTS', 'trumpp REJECTS'));
    const typo = expectSame(state, 'typo');
    // Re-parsed in part: the one statement edited is prepared again.
    expect(typo.resolvedStatements).toBe(1);
    expect(typo.rebuiltFacts).toBe(false);
    // Renaming an alias of zelensky re-resolves the statements that wrote the old alias only.
    const people = state.list().find((f) => f.rel === 'entities/people.yaml')!;
    state.setText(people.absolute, people.file.text.replace('[Zelensky, ', '[Zelenskyy, '));
    const resolved = expectSame(state, 'alias renamed').resolvedStatements;
    expect(resolved).toBeLessThan(total / 4);
  });

  test('the fact table updated in place: duplicates, first statements, merges across files, KG201', async () => {
    const dir = path.join(tmp, 'facts');
    mkdirSync(path.join(dir, 'relations'), { recursive: true });
    writeFileSync(path.join(dir, 'kg.yaml'), fourPeopleKg(['id: s1', 'id: s2']));
    const a = path.join(dir, 'relations', 'a.yaml');
    const b = path.join(dir, 'relations', 'b.yaml');
    const A = [
      'defaults:',
      '  source: s1',
      'relations:',
      "  - ann SUPPORTS bob: { quote: 'first' }",
      '  - ann MET cid: { date: 2025-01-01 }',
      '  - dan SUPPORTS cid',
      '',
    ].join('\n');
    const B = ['relations:', "  - ann SUPPORTS bob: { source: s2, quote: 'again' }", ''].join('\n');
    writeFileSync(a, A);
    writeFileSync(b, B);
    const state = await ProjectState.load(dir);
    expectSame(state, 'initial');
    const step = (file: string, text: string, name: string) => {
      state.setText(file, text);
      const analysis = expectSame(state, name, false);
      expect(analysis.rebuiltFacts, name).toBe(false);
      return analysis.diagnostics.map((d) => `${d.code} ${d.value ?? ''}`);
    };
    const dup = "  - ann SUPPORTS bob: { quote: 'first' }\n";
    expect(step(a, A + dup, 'a duplicate added')).toContain('KG203 ann SUPPORTS bob');
    expect(step(a, A, 'the duplicate removed')).not.toContain('KG203 ann SUPPORTS bob');
    step(a, A.replace("quote: 'first'", "quote: 'first, edited'"), 'first statement edited');
    step(a, A.replace("  - ann SUPPORTS bob: { quote: 'first' }\n", ''), 'first statement gone');
    step(b, B + '  - cid MET ann: { source: s2, date: 2025-01-01 }\n', 'merged across files');
    const alone = A.replace('  - dan SUPPORTS cid\n', '');
    expect(step(a, alone, 'dan loses its last relation')).toContain('KG201 dan');
    expect(step(a, A, 'dan connected again')).not.toContain('KG201 dan');
    // An explicit id ties identities together: the table is rebuilt, with the same results.
    state.setText(a, `${A}  - { from: cid, type: SUPPORTS, to: dan, id: r1 }\n`);
    expectSame(state, 'explicit id');
  });

  test('an edit inside one relation item re-parses that item alone; others parse the file', async () => {
    const dir = path.join(tmp, 'items');
    cpSync(path.join(REPO, 'data'), dir, { recursive: true });
    const file = path.join(dir, 'relations', 'oval-office.yaml');
    const state = await ProjectState.load(dir);
    // Diagnostics after every edit point: their lines must move with the text.
    let text = `${state.get(file)!.file.text}  - trump MEETS nobody\n`;
    state.setText(file, text);
    expectSame(state, 'setup');
    const step = (next: string, name: string, partial: boolean) => {
      text = next;
      expect(Boolean(state.setText(file, text).reparsed), name).toBe(partial);
      return expectSame(state, name, false);
    };
    const at = (s: string) => {
      const i = text.indexOf(s);
      expect(i, s).toBeGreaterThan(0);
      return i;
    };
    const splice = (i: number, remove: number, insert: string) =>
      text.slice(0, i) + insert + text.slice(i + remove);
    const typo = step(text.replace('trump REJECTS', 'trumpp REJECTS'), 'a typo', true);
    expect(typo.resolvedStatements).toBe(1);
    expect(typo.rebuiltFacts).toBe(false);
    step(text.replace('trumpp REJECTS', 'trump REJECTS'), 'the typo mended', true);
    step(
      splice(at('      date: 2025-08-18\n      note:'), 0, '      # a comment\n'),
      'a line added',
      true,
    );
    step(
      splice(at('  - trump REJECTS'), 0, '  - zelensky MET trump: { date: 2025-08-18 }\n'),
      'an item added',
      true,
    );
    step(
      splice(at('      # a comment\n'), '      # a comment\n'.length, ''),
      'a line removed',
      true,
    );
    // From inside one item to inside the next: the second item is gone.
    const first = at('  - zelensky MET trump') + 4;
    step(splice(first, at('  - trump REJECTS') + 4 - first, ''), 'across two items', false);
    step(splice(at('  - from: [trump'), 2, ''), 'a dash moved', false);
    step(splice(at('- from: [trump'), 0, '  '), 'moved back', false);
    step(text.replace('source: wh-talks', 'source: nowhere'), 'defaults', false);
    step(text.replace('source: nowhere', 'source: wh-talks'), 'defaults back', false);
    step(text.replace('MEETS nobody', 'MEETS nobody: ['), 'a syntax error', false);
    step(text.replace('MEETS nobody: [', 'MEETS nobody'), 'mended', false);
    step(text.replace('MEETS nobody', 'MET nobody'), 'after a full parse', true);
    step(
      text.replace('MET nobody\n', 'MET nobody\n  - trump MET vance\n'),
      'at the end of the list',
      true,
    );
    step(text.slice(0, -1), 'the last newline', true);
    step(`${text}\n`, 'and back', true);
    step(text.replace('PRECEDES white-house', 'PRECEDED white-house'), 'the first item', true);
    // A whole item removed: the change starts at its line's start (the last one: nothing after).
    step(text.replace('  - trump MET vance\n', ''), 'the last item removed', true);
    step(`${text}  - trump MET vance\n`, 'and added again', true);
    // The texts' difference then starts inside the item and ends inside the next (their lines
    // begin alike): the whole file is parsed.
    step(text.replace('  - trump MET nobody\n', ''), 'an item removed before another', false);
    step(
      text.replace('  - trump MET vance\n', '  - trump MET nobody\n  - trump MET vance\n'),
      'and put back',
      true,
    );
    step(splice(at('  - trump MET vance'), 0, '    '), 'a dash pushed deeper', false);
    // Back to an item of its own: a change inside the item before it (its region runs on).
    step(text.replace('      - trump MET vance', '  - trump MET vance'), 'and back', true);
    const section = 'entities:\n  - id: late-one\n    type: Person\n    name: Late\n';
    step(`${text}${section}`, 'a section after the list', false);
    step(text.replace('MET vance', 'MET vance: { date: 2025-08-18 }'), 'before that section', true);
    step(text.replace('2025-08-18 }\n', '2025-08-18 }\n\n'), 'a line before it', true);
    step(text.replace('name: Late', 'name: Later'), 'in that section', false);
  });
});
