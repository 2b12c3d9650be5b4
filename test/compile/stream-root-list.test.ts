// Found by the fuzzer (seed 202): a file holding a bare list of entities at the top (KG011,
// read as the `entities:` it looks like) never names a section, so the streaming compiler took
// it for a relations-only file and learnt of its entities only in its second pass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { mayDeclareNodes } from '../../src/compile/resolution.js';
import { streamCompile } from '../../src/compile/stream-compile.js';

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

const key = (d: { code: string; line: number; column: number }): string =>
  `${d.code} ${d.line}:${d.column}`;

describe('a bare list at the top of a file', () => {
  it('counts as a file that may declare entities', () => {
    expect(mayDeclareNodes('# people\n\n  - { id: a, type: Person }\n')).toBe(true);
    expect(mayDeclareNodes(Buffer.from('\uFEFF---\n- { id: a, type: Person }\n'))).toBe(true);
    expect(mayDeclareNodes('[{ id: a, type: Person }]\n')).toBe(true);
    expect(mayDeclareNodes('# notes\nrelations:\n  - a MET b\n')).toBe(false);
  });

  it('streams with the diagnostics and entities of a full compile, in one pass', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-root-list-'));
    made.push(dir);
    writeFileSync(
      path.join(dir, 'kg.yaml'),
      'schema:\n  entities:\n    Person: {}\n  relations:\n    MET: { from: Person, to: Person }\n',
    );
    writeFileSync(path.join(dir, 'people.yaml'), '# who\n  - { id: a, type: Person, name: A }\n');
    writeFileSync(path.join(dir, 'talks.yaml'), 'relations:\n  - a MET a\n');
    const full = await compile(dir, { layout: 'none' });
    expect(full.diagnostics.map((d) => d.code)).toContain('KG011');
    const streamed = await streamCompile(dir, { nodes: async () => {}, relation: () => {} });
    expect(streamed.counts.entities).toBe(1);
    expect(full.counts.entities).toBe(1);
    expect(streamed.diagnostics.map(key)).toEqual(full.diagnostics.map(key));
  });
});
