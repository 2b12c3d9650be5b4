// Issue 9: what a file's bytes say is what kg reads, and positions come from the text that was
// parsed. Defect 4: a file deleted during a compile crashed the KG201 report (ENOENT), a file
// rewritten during a compile got a warning at a wrong line:col. Defect 11: invalid UTF-8 was
// silently replaced by U+FFFD, a UTF-16 file gave "must be a mapping" with NUL bytes. Defect 13:
// lone surrogates and NUL were accepted, then came out differently per format.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile as compileSrc, type CompileOptions } from '../../src/compile/compile.js';
import { streamCompile } from '../../src/compile/stream-compile.js';
import { formatDiagnostics } from '../../src/language/format-diagnostic.js';
import { REPO, runKg } from '../helpers/cli.js';
import { compileTexts } from '../helpers/project.js';

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-source-text-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const SCHEMA = `schema:
  entities:
    Person: { properties: { name: string } }
  relations:
    MET: { from: Person, to: Person, symmetric: true }
sources:
  - { id: s, title: S }
`;
const ENTITIES = `entities:
  - { id: a, type: Person, name: Anne }
  - { id: b, type: Person, name: Bob }
  - { id: lonely, type: Person, name: Lonely }
`;
const RELATIONS = `relations:
  - a MET b: { source: s }
`;

const at = (d: { code: string; file: string; line: number; column: number }) =>
  `${d.code} ${path.basename(d.file)}:${d.line}:${d.column}`;

describe('positions come from the parsed text (defect 4)', () => {
  // The dist build runs the parse workers (from sources there are none).
  const variants: [string, () => Promise<typeof compileSrc>, Partial<CompileOptions>][] = [
    ['one thread', () => Promise.resolve(compileSrc), { threads: 1 }],
    [
      'parse workers',
      async () => (await import(path.join(REPO, 'dist/compile/compile.js'))).compile,
      { threads: 3, parallelThreshold: 0 },
    ],
  ];
  for (const [name, load, options] of variants) {
    for (const change of ['deleted', 'rewritten'] as const) {
      it(`${name}: a file ${change} once parsed keeps its positions; no code frame`, async () => {
        const compile = await load();
        const files = { 'a.yaml': SCHEMA, 'b.yaml': ENTITIES, 'c.yaml': RELATIONS };
        const dir = project(files);
        const calm = await compile(dir, { layout: 'none', ...options });
        let touched = false;
        const racing = await compile(dir, {
          layout: 'none',
          ...options,
          onProgress: (p) => {
            if (p.phase !== 'parse' || p.done !== p.total || touched) return;
            touched = true;
            const file = path.join(dir, 'b.yaml');
            if (change === 'deleted') rmSync(file);
            else writeFileSync(file, `# moved down\n\n\n${ENTITIES.replace('lonely', 'other')}`);
          },
        });
        expect(touched).toBe(true);
        expect(racing.diagnostics.map(at)).toEqual(calm.diagnostics.map(at));
        expect(racing.diagnostics.map(at)).toContain('KG201 b.yaml:4:11');
        const printed = formatDiagnostics(racing.diagnostics, racing.files);
        expect(printed).toContain('b.yaml:4:11');
        // The file no longer holds what was parsed: no frame rather than a wrong one.
        expect(printed).not.toMatch(/\| .*other/);
        expect(printed).toContain('hint: add a relation');
      });
    }
  }

  it('streaming export: a duplicate’s first statement keeps its place in a rewritten file', async () => {
    const dir = project({
      'a.yaml': SCHEMA + ENTITIES.replace(/ {2}- \{ id: lonely.*\n/, ''),
      'r1.yaml': `relations:\n  - a MET b: { source: s }\n`,
      'r2.yaml': `relations:\n  - b MET a: { source: s }\n`,
    });
    const result = await streamCompile(
      dir,
      { nodes: async () => undefined, relation: () => undefined },
      {
        onProgress: (p) => {
          // Pass 2, before r2.yaml is parsed: r1.yaml changes under it.
          if (p.phase === 'parse' && p.total === 2 && p.done === 2) {
            writeFileSync(
              path.join(dir, 'r1.yaml'),
              `\n\n\nrelations:\n  - a MET b: { source: s }\n`,
            );
          }
        },
      },
    );
    const kg203 = result.diagnostics.find((d) => d.code === 'KG203');
    expect(kg203?.related?.[0]).toMatchObject({ line: 2, column: 5 });
    expect(result.files.map((f) => path.basename(f.path))).toEqual(['r2.yaml']);
  });

  it('a file deleted between listing and reading is KG005, through the CLI too', async () => {
    const dir = project({ 'a.yaml': SCHEMA, 'b.yaml': ENTITIES });
    rmSync(path.join(dir, 'b.yaml'));
    writeFileSync(path.join(dir, 'c.yaml'), RELATIONS);
    const result = await compileSrc(dir, { layout: 'none' });
    expect(result.diagnostics.filter((d) => d.code === 'KG108').length).toBe(2);
  });
});

describe('encodings (defect 11)', () => {
  const utf8 = SCHEMA + ENTITIES.replace('Anne', 'Anne Müller ✓') + RELATIONS;

  it('invalid UTF-8 is KG008 at the first bad byte, and nothing is written', async () => {
    const bytes = Buffer.concat([
      Buffer.from(`${SCHEMA}entities:\n  - { id: a, type: Person, name: "caf`),
      Buffer.from([0xe9]),
      Buffer.from('" }\n'),
    ]);
    const dir = project({ 'a.yaml': bytes });
    const run = await runKg(['build', dir, '-o', path.join(dir, 'out')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error\[KG008\] file is not valid UTF-8/);
    expect(run.stderr).toContain('a.yaml:9:38');
    expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    const json = await runKg(['validate', dir, '--format', 'json']);
    const kg008 = JSON.parse(json.stdout).diagnostics.find(
      (d: { code: string }) => d.code === 'KG008',
    );
    expect(kg008).toMatchObject({ line: 9, column: 38, value: '0xE9 0x22 0x20 0x7D' });
  });

  for (const [name, bytes] of [
    [
      'UTF-16 LE with BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf8, 'utf16le')]),
    ],
    [
      'UTF-16 BE with BOM',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(utf8, 'utf16le').swap16()]),
    ],
    ['UTF-16 LE without BOM', Buffer.from(utf8, 'utf16le')],
  ] as const) {
    it(`${name} reads as its UTF-8 twin`, async () => {
      const plain = await compileSrc(project({ 'a.yaml': utf8 }), { layout: 'none', name: 'x' });
      const wide = await compileSrc(project({ 'a.yaml': bytes }), { layout: 'none', name: 'x' });
      expect(wide.diagnostics.map(at)).toEqual(plain.diagnostics.map(at));
      expect(wide.graph.export()).toEqual(plain.graph.export());
      expect(wide.graph.getNodeAttribute('a', 'name')).toBe('Anne Müller ✓');
    });
  }

  it('UTF-32 is KG008', async () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from('a\0\0\0')]);
    const result = await compileSrc(project({ 'a.yaml': bytes }), { layout: 'none' });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['KG008']);
  });
});

describe('characters no output can carry (defect 13)', () => {
  const cases: [string, string, string][] = [
    ['an escaped NUL', 'note: "a\\0b"', 'U+0000'],
    ['an escaped lone high surrogate', 'note: "x\\uD800y"', 'U+D800'],
    ['an escaped lone low surrogate', 'note: "\\uDC00"', 'U+DC00'],
    ['an escaped control character', 'note: "\\x1b[31m"', 'U+001B'],
    ['an escaped U+FFFF', 'note: "\\uFFFF"', 'U+FFFF'],
    ['a raw control character', 'note: a\u0001b', 'U+0001'],
    ['a raw NUL', 'note: a\u0000b', 'U+0000'],
    ['an escaped NUL in a key', '"k\\0": x', 'U+0000'],
  ];
  for (const [name, field, value] of cases) {
    it(`${name} is KG009`, () => {
      const text = `${SCHEMA}entities:\n  - { id: a, type: Person, ${field.replace(': ', ': ')} }\n  - { id: b, type: Person }\nrelations:\n  - a MET b: { source: s }\n`;
      const result = compileTexts({ 'a.yaml': text });
      const kg009 = result.diagnostics.filter((d) => d.code === 'KG009');
      expect(kg009).toHaveLength(1);
      expect(kg009[0]).toMatchObject({ line: 9, value });
      const line = text.split('\n')[8]!;
      expect(kg009[0]!.column).toBeGreaterThan(line.indexOf('{'));
    });
  }

  it('a valid surrogate pair, tab, U+2028 and C1 controls are fine', () => {
    const text = `${SCHEMA}entities:\n  - { id: a, type: Person, note: "😀\\t\\u2028\\u0085" }\n  - { id: b, type: Person }\nrelations:\n  - a MET b: { source: s }\n`;
    const result = compileTexts({ 'a.yaml': text });
    expect(result.diagnostics).toEqual([]);
    expect(result.graph.getNodeAttribute('a', 'note')).toBe('😀\t\u2028\u0085');
  });

  it('diagnostics never print control characters to the terminal', async () => {
    const dir = project({
      'a.yaml': `entities:\n  - { id: a, type: "\\e[2J\\e]0;pwned\\a" }\n  - { id: b, type: x\u001b[1my }\n`,
    });
    const run = await runKg(['validate', dir]);
    expect(run.code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(run.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    expect(run.stderr).toContain('␛[2J');
  });
});
