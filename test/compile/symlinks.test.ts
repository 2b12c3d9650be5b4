// Issue 9, defect 8: symbolic links were skipped without a word, so counts changed silently.
// Now a link to a YAML file is read (wherever it points), a link to a project file is read once
// with KG206, a link to a directory is reported (KG207), and a broken link is KG005.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { streamCompile } from '../../src/compile/stream-compile.js';
import { runKg } from '../helpers/cli.js';

const SCHEMA = `schema:
  entities:
    Person: {}
  relations: {}
`;

const made: string[] = [];
afterEach(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A project in `<base>/proj` with kg.yaml and people.yaml, and a shared file outside it. */
function project(): { base: string; dir: string } {
  const base = mkdtempSync(path.join(tmpdir(), 'kg-symlinks-'));
  made.push(base);
  const dir = path.join(base, 'proj');
  mkdirSync(path.join(dir, 'more'), { recursive: true });
  writeFileSync(path.join(dir, 'kg.yaml'), SCHEMA);
  writeFileSync(path.join(dir, 'people.yaml'), 'entities:\n  - { id: ada, type: Person }\n');
  writeFileSync(
    path.join(base, 'shared.yaml'),
    'entities:\n  - { id: bob, type: Person }\n  - { id: cy, type: Person }\n',
  );
  return { base, dir };
}

const codes = (ds: { code: string }[]): string[] => ds.map((d) => d.code);

describe('symbolic links in a project', () => {
  it('reads a link to a YAML file outside the project, under the link name', async () => {
    const { base, dir } = project();
    symlinkSync(path.join(base, 'shared.yaml'), path.join(dir, 'more', 'shared.yaml'));
    const r = await compile(dir, { layout: 'none' });
    expect(r.counts.entities).toBe(3);
    expect(r.graph.hasNode('bob')).toBe(true);
    // Its diagnostics (here KG201: no relations) name the link's path.
    expect(
      r.diagnostics.filter((d) => d.file.endsWith(path.join('more', 'shared.yaml'))),
    ).toHaveLength(2);
  });

  it('reads a linked project file once, with KG206 at the link', async () => {
    const { dir } = project();
    symlinkSync(path.join(dir, 'people.yaml'), path.join(dir, 'more', 'again.yaml'));
    const r = await compile(dir, { layout: 'none' });
    expect(r.counts.entities).toBe(1);
    const w = r.diagnostics.find((d) => d.code === 'KG206');
    expect(w?.severity).toBe('warning');
    expect(w?.file).toBe(path.join(dir, 'more', 'again.yaml'));
    expect(w?.value).toBe('people.yaml');
    expect(codes(r.diagnostics)).not.toContain('KG110'); // no duplicate entity
  });

  it('does not follow a link to a directory, and says so (KG207)', async () => {
    const { base, dir } = project();
    mkdirSync(path.join(base, 'elsewhere'));
    writeFileSync(
      path.join(base, 'elsewhere', 'x.yaml'),
      'entities:\n  - { id: dee, type: Person }\n',
    );
    symlinkSync(path.join(base, 'elsewhere'), path.join(dir, 'linked'));
    symlinkSync(dir, path.join(dir, 'loop'));
    const r = await compile(dir, { layout: 'none' });
    expect(r.counts.entities).toBe(1);
    const ws = r.diagnostics.filter((d) => d.code === 'KG207');
    expect(ws.map((d) => path.basename(d.file))).toEqual(['linked', 'loop']);
  });

  it('reports a broken link named like YAML as KG005, an error', async () => {
    const { base, dir } = project();
    symlinkSync(path.join(base, 'gone.yaml'), path.join(dir, 'gone.yaml'));
    symlinkSync(path.join(base, 'gone.txt'), path.join(dir, 'notes.txt'));
    const r = await compile(dir, { layout: 'none' });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(codes(errors)).toEqual(['KG005']);
    expect(errors[0]?.file).toBe(path.join(dir, 'gone.yaml'));
  });

  it('gives the streaming compiler the same files and warnings', async () => {
    const { base, dir } = project();
    symlinkSync(path.join(base, 'shared.yaml'), path.join(dir, 'shared.yaml'));
    symlinkSync(path.join(dir, 'people.yaml'), path.join(dir, 'more', 'again.yaml'));
    const full = await compile(dir, { layout: 'none' });
    const streamed = await streamCompile(dir, { nodes: async () => {}, relation: () => {} });
    expect(streamed.counts.entities).toBe(full.counts.entities);
    expect(codes(streamed.diagnostics).sort()).toEqual(codes(full.diagnostics).sort());
  });

  it('prints the warnings through the CLI with file and code', async () => {
    const { base, dir } = project();
    symlinkSync(path.join(dir, 'people.yaml'), path.join(dir, 'again.yaml'));
    symlinkSync(path.join(base), path.join(dir, 'up'));
    const run = await runKg(['validate', dir]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /again\.yaml.*\n?.*warning\[KG206\]|warning\[KG206\][^\n]*people\.yaml/,
    );
    expect(run.stderr).toContain('warning[KG207]');
  });
});
