// End-to-end: the real binary, real files, real exit codes.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { describe, expect, it } from 'vitest';
import { REPO, runKg } from '../helpers/cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'kg-cli-'));
const INVALID = path.join(REPO, 'test/fixtures/invalid');

describe('kg (CLI)', () => {
  it('prints help for itself and every command', async () => {
    const top = await runKg(['--help']);
    expect(top.code).toBe(0);
    const names = [...top.stdout.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]);
    expect(names).toEqual(expect.arrayContaining(['init', 'validate', 'build', 'export', 'stats']));
    for (const name of names) {
      const r = await runKg([name!, '--help']);
      expect(r.code, name).toBe(0);
      expect(r.stdout).toContain(`kg ${name}`);
    }
  });

  it('exits 2 on usage errors', async () => {
    expect((await runKg(['frobnicate'])).code).toBe(2);
    expect((await runKg(['validate', '--no-such-flag'])).code).toBe(2);
    expect((await runKg(['validate', 'no/such/dir'])).code).toBe(2);
    expect((await runKg(['export', 'data', '--format', 'pdf'])).code).toBe(2);
  });

  it('suggests the command or option a typo meant', async () => {
    const command = await runKg(['vaildate', 'data']);
    expect(command.code).toBe(2);
    expect(command.stderr).toBe(
      "kg: unknown command 'vaildate'. Did you mean 'validate'? Run `kg --help` for the list.\n",
    );
    const help = await runKg(['help', 'exprot']);
    expect(help.code).toBe(2);
    expect(help.stderr).toContain("Did you mean 'export'?");
    const option = await runKg(['validate', 'data', '--fromat', 'json']);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(
      /^kg validate: unknown option '--fromat'\. Did you mean '--format'\?\n/,
    );
  });

  it("shows a newcomer's YAML mistake once, with the fixed line, in text and JSON", async () => {
    const fixture = 'KG001-yaml-syntax--colon-in-value.yaml';
    const dir = tmp();
    writeFileSync(path.join(dir, 'x.yaml'), readFileSync(path.join(INVALID, fixture)));
    const fixed = "`quote: 'Asked about the talks, she said: we will not give in'`";
    const text = await runKg(['validate', dir]);
    expect(text.code).toBe(1);
    expect(text.stderr.match(/error\[/g)).toHaveLength(1);
    expect(text.stderr).toContain(`error[KG001] the value of 'quote' contains ': '`);
    expect(text.stderr).toMatch(/^ {5}\| {14}\^{52} wrap it in single quotes/m);
    expect(text.stderr).toContain(fixed);
    const json = await runKg(['validate', dir, '--format', 'json']);
    const report = JSON.parse(json.stdout) as { diagnostics: { code: string; hint: string }[] };
    expect(report.diagnostics).toHaveLength(1);
    expect(report.diagnostics[0]).toMatchObject({ code: 'KG001', line: 31, column: 14 });
    expect(report.diagnostics[0]?.hint).toContain(fixed);
  });

  it('reads the v2 forms as meant around a mistake: one error, the defaults and lists kept', async () => {
    const fixture = 'KG001-yaml-syntax--list-subject-shorthand.yaml';
    const dir = tmp();
    writeFileSync(path.join(dir, 'x.yaml'), readFileSync(path.join(INVALID, fixture)));
    // A tab under defaults: in a second file: one more error, and its default source applies.
    writeFileSync(path.join(dir, 'y.yaml'), 'defaults:\n\tsource: s2\nrelations:\n  - c MET a\n');
    const json = await runKg(['validate', dir, '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as {
      diagnostics: { code: string; file: string; line: number; hint: string }[];
    };
    // No KG201 (every entity is in a relation read from the repaired lines), no KG202.
    expect(report.diagnostics.map((d) => [d.code, path.basename(d.file), d.line])).toEqual([
      ['KG001', 'x.yaml', 29],
      ['KG001', 'x.yaml', 30],
      ['KG001', 'y.yaml', 2],
    ]);
    expect(report.diagnostics[0]?.hint).toContain("`- '[a, b] MET c': { source: s1 }`");
    expect(report.diagnostics[2]?.hint).toBe('indent it with 2 spaces instead');
  });

  it('validates data/ cleanly', async () => {
    const r = await runKg(['validate', 'data']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/0 errors, 0 warnings/);
  });

  it('reports errors with file:line:col, a code frame and exit code 1', async () => {
    const r = await runKg(['validate', path.join(INVALID, 'KG112-conflicting-entity-value')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error[KG112]');
    expect(r.stderr).toMatch(/KG112-conflicting-entity-value\/b\.yaml:4:11/);
    expect(r.stderr).toMatch(/^ {2}4 \| {5}name: Anne\n {4}\| {11}\^{4} /m);
    expect(r.stderr).toMatch(/note: other value here: .*a\.yaml:\d+:\d+/);
  });

  it('prints diagnostics as JSON for tools', async () => {
    const dir = tmp();
    writeFileSync(
      path.join(dir, 'x.yaml'),
      readFileSync(path.join(INVALID, 'KG101-unknown-entity-type.yaml')),
    );
    const r = await runKg(['validate', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      errors: number;
      diagnostics: { code: string; line: number; hint: string }[];
    };
    expect(json.errors).toBe(1);
    expect(json.diagnostics[0]).toMatchObject({
      code: 'KG101',
      line: 26,
      hint: "did you mean 'Person'?",
    });
  });

  it('builds every format, byte-identical on a second run', async () => {
    const a = tmp();
    const b = tmp();
    const r1 = await runKg(['build', 'data', '-o', a]);
    expect(r1.code).toBe(0);
    expect(r1.stderr).toMatch(/built data → .*: \d+ entities, \d+ relations/);
    await runKg(['build', 'data', '-o', b]);
    const files = readdirSync(a).sort();
    expect(files).toEqual(['edges.csv', 'graph.gexf', 'graph.graphml', 'graph.json', 'nodes.csv']);
    for (const f of files)
      expect(readFileSync(path.join(a, f)), f).toEqual(readFileSync(path.join(b, f)));
    const graph = MultiGraph.from(JSON.parse(readFileSync(path.join(a, 'graph.json'), 'utf8')));
    expect(graph.hasNode('zelensky')).toBe(true);
    // The project manifest (data/kg.yaml) names and describes the graph.
    expect(graph.getAttribute('name')).toBe('peace-talks');
    expect(graph.getAttribute('title')).toBe(
      'White House talks on security guarantees for Ukraine',
    );
  });

  it('writes nothing when the project has errors', async () => {
    const out = path.join(tmp(), 'out');
    const r = await runKg([
      'build',
      path.join(INVALID, 'KG112-conflicting-entity-value'),
      '-o',
      out,
    ]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
  });

  it('exports GEXF to stdout that graphology-gexf parses', async () => {
    const r = await runKg(['export', 'data', '--format', 'gexf']);
    expect(r.code).toBe(0);
    const graph = parseGexf(
      MultiGraph,
      new DOMParser().parseFromString(r.stdout, 'application/xml'),
    );
    const json = JSON.parse((await runKg(['export', 'data', '-f', 'json'])).stdout) as {
      nodes: unknown[];
    };
    expect(graph.order).toBe(json.nodes.length);
  });

  // Four compiles of data/ through the binary: more than the default 30 s on a loaded machine.
  it(
    'exports GEXF and GraphML portable by default and mixed with --mixed',
    { timeout: 120_000 },
    async () => {
      const gexfDefault = await runKg(['export', 'data', '--format', 'gexf', '--layout', 'none']);
      expect(gexfDefault.stdout).toContain('<graph defaultedgetype="directed"');
      expect(gexfDefault.stdout).not.toContain('type="undirected"');
      const gexfMixed = await runKg([
        'export',
        'data',
        '-f',
        'gexf',
        '--mixed',
        '--layout',
        'none',
      ]);
      expect(gexfMixed.code).toBe(0);
      expect(gexfMixed.stdout).toContain('type="undirected"');
      const graphml = await runKg([
        'export',
        'data',
        '-f',
        'graphml',
        '--mixed',
        '--layout',
        'none',
      ]);
      expect(graphml.stdout).toContain('edgedefault="undirected"');
      const csv = await runKg(['export', 'data', '-f', 'csv', '--mixed', '-o', tmp()]);
      expect(csv.code).toBe(2);
      expect(csv.stderr).toContain('--mixed applies to gexf and graphml only');
      const out = tmp();
      expect((await runKg(['build', 'data', '--mixed', '--layout', 'none', '-o', out])).code).toBe(
        0,
      );
      expect(readFileSync(path.join(out, 'graph.gexf'), 'utf8')).toContain('type="undirected"');
    },
  );

  it('exports CSV into a directory', async () => {
    const dir = path.join(tmp(), 'csv');
    const r = await runKg(['export', 'data', '--format', 'csv', '-o', dir]);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['edges.csv', 'nodes.csv']);
  });

  it('prints stats that agree with the graph', async () => {
    const r = await runKg(['stats', 'data', '--format', 'json', '--top', '3']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as {
      entities: number;
      relations: number;
      entityTypes: Record<string, number>;
      topByDegree: unknown[];
    };
    expect(Object.values(s.entityTypes).reduce((x, y) => x + y, 0)).toBe(s.entities);
    expect(s.topByDegree).toHaveLength(3);
    const text = await runKg(['stats', 'data']);
    expect(text.stdout).toContain('Top entities by degree');
    expect(text.stdout).toContain('Connected components:');
  });

  it('init creates a project that validates without warnings, and refuses to overwrite', async () => {
    const dir = path.join(tmp(), 'kg');
    expect((await runKg(['init', dir])).code).toBe(0);
    const v = await runKg(['validate', dir]);
    expect(v.code).toBe(0);
    expect(v.stderr).toMatch(/0 errors, 0 warnings/);
    expect((await runKg(['init', dir])).code).toBe(2);
  });

  it('rejects files over the size limit unless the limit is raised', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'big.yaml'), `# ${'x'.repeat(5000)}\n`);
    const small = await runKg(['validate', dir, '--max-file-size', '1kb', '--format', 'json']);
    expect(JSON.parse(small.stdout).diagnostics[0].code).toBe('KG003');
    const raised = await runKg(['validate', dir, '--max-file-size', '1mb', '--format', 'json']);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout).diagnostics).toEqual([]);
  });
});
