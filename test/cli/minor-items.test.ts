// Issue 9, minor items: each was a confusing message or a silent oddity.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKg } from '../helpers/cli.js';
import { compileTexts } from '../helpers/project.js';

function dir(text: string): string {
  const d = mkdtempSync(path.join(tmpdir(), 'kg-minor-'));
  writeFileSync(path.join(d, 'a.yaml'), text);
  return d;
}

describe('minor items', () => {
  it('a multi-document file gets a kg message, not the yaml library’s advice', () => {
    const result = compileTexts({ 'a.yaml': 'entities: []\n---\nrelations: []\n' });
    expect(result.diagnostics[0]?.message).toMatch(/one YAML document/);
    expect(result.diagnostics[0]?.message).not.toMatch(/parseAllDocuments/);
  });

  it('!!binary and !!timestamp values are reported as tagged, not as missing', () => {
    const text = `schema:\n  entities:\n    P: { properties: { born: { type: date, required: true }, b: string } }\nentities:\n  - { id: a, type: P, born: !!timestamp 2025-08-18, b: !!binary aGk= }\n`;
    const codes = compileTexts({ 'a.yaml': text }).diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'KG105')).toHaveLength(2);
    // The required `born` was given, refused for its tag: not also "missing".
    expect(codes).not.toContain('KG103');
  });

  it('a required property given a refused value is not also missing; an empty one is', () => {
    const schema = `schema:
  entities:
    P: { properties: { born: { type: date, required: true } } }
  relations:
    MET: { from: P, to: P, properties: { at: { type: date, required: true } } }
`;
    const codesOf = (body: string) =>
      compileTexts({ 'a.yaml': schema + body }).diagnostics.map((d) => `${d.code}@${d.line}`);
    const given = codesOf(
      `entities:
  - { id: a, type: P, born: hello }
  - { id: b, type: P, born: !!binary aGk= }
relations:
  - { from: a, type: MET, to: b, at: soon }
  - { from: b, type: MET, to: a, at: !!timestamp 2025-08-18 }
`,
    ).filter((c) => !c.startsWith('KG2'));
    expect(given).toEqual(['KG106@7', 'KG105@8', 'KG106@10', 'KG105@11']);
    const empty = codesOf(
      `entities:
  - { id: a, type: P, born: }
  - { id: b, type: P, born: 2020-01-01 }
relations:
  - { from: a, type: MET, to: b }
`,
    ).filter((c) => !c.startsWith('KG2'));
    expect(empty).toEqual(['KG103@7', 'KG103@10']);
  });

  it('no warning of the yaml library reaches stderr', async () => {
    const run = await runKg(['validate', dir('a: &x [1]\nb: *x\n? [a, b]\n: c\n')]);
    expect(run.stderr).not.toMatch(/stringified|Keys with collection values/);
  });

  it('--uri http://… names its code; --graph-name "" is refused; --max-file-size -5 is explained', async () => {
    const uri = await runKg(['push', 'data', '--uri', 'http://localhost:7474']);
    expect(uri.code).toBe(3);
    expect(uri.stderr).toContain('[NEO4J_INVALID_URI]');
    const name = await runKg(['push', 'data', '--graph-name', '']);
    expect(name.code).toBe(2);
    expect(name.stderr).toContain('--graph-name must not be empty');
    const size = await runKg(['validate', 'data', '--max-file-size', '-5']);
    expect(size.code).toBe(2);
    expect(size.stderr).toMatch(/--max-file-size needs a value, and '-5' is not one/);
    const eq = await runKg(['validate', 'data', '--max-file-size=-5']);
    expect(eq.code).toBe(2);
    expect(eq.stderr).toMatch(/--max-file-size must be a positive size/);
  }, 60_000); // four runs of the built CLI, two of them compile data/
});
