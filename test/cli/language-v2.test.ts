// Language v2 end to end through the built binary: a project written with a manifest, file
// defaults, several endpoints, evidence lists and a reference edge validates, builds (every
// format carrying the evidence), reports its title, and its mistakes get their codes.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MultiGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { runKg } from '../helpers/cli.js';
import { csvRecords } from '../helpers/export-checks.js';

const PROJECT = {
  'kg.yaml': `project:
  id: nationals-2025
  title: What the Nationals want
  authors: [A. Reporter, B. Editor]
`,
  'schema.yaml': `schema:
  entities:
    Person:
      properties:
        name: { type: string, required: true }
        party: { type: ref, to: Party, edge: MEMBER_OF }
    Party: { properties: { name: { type: string, required: true } } }
    Policy: { properties: { name: { type: string, required: true } } }
  relations:
    DEMANDS: { from: [Person, Party], to: Policy }
    MEMBER_OF: { from: Person, to: Party }
    MET: { from: Person, to: Person, symmetric: true, event: true }
sources:
  - { id: r1, title: Report one }
  - { id: r2, title: Report two }
  - { id: r3, title: Report three }
`,
  'entities.yaml': `defaults:
  source: r1
entities:
  - { id: nationals, type: Party, name: The Nationals }
  - { id: lee, type: Person, name: Lee, party: nationals }
  - { id: kim, type: Person, name: Kim, party: nationals }
  - { id: nuclear, type: Policy, name: Nuclear power }
  - { id: fund, type: Policy, name: A fund }
  - { id: divest, type: Policy, name: Divestiture }
`,
  'report-1.yaml': `defaults:
  source: r1
  date: 2025-05-20
relations:
  - nationals DEMANDS [nuclear, fund, divest]:
      quote: 'The four policies the Nationals want kept: nuclear, the fund and divestiture'
  - lee MET kim
`,
  'report-2.yaml': `defaults: { source: r2 }
relations:
  - nationals DEMANDS nuclear:
      evidence:
        - { quote: "Nuclear, first of all", date: 2025-05-22 }
        - { source: r3, quote: "Still nuclear", date: 2025-06-01, confidence: 0.7 }
  - lee MET kim: { date: 2025-06-03 }
`,
};

function project(extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-v2-'));
  for (const [name, text] of Object.entries({ ...PROJECT, ...extra })) {
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('language v2 (CLI)', () => {
  it('validates a project in the v2 forms without a warning', async () => {
    const r = await runKg(['validate', project()]);
    expect(r.stderr).toMatch(/7 relations, 5 files — 0 errors, 0 warnings/);
    expect(r.code).toBe(0);
  });

  it('builds every format with the evidence of each fact', async () => {
    const dir = project();
    const out = path.join(dir, 'out');
    const r = await runKg(['build', dir, '-o', out, '--layout', 'none']);
    expect(r.code).toBe(0);
    const graph = MultiGraph.from(JSON.parse(readFileSync(path.join(out, 'graph.json'), 'utf8')));
    expect(graph.getAttribute('name')).toBe('nationals-2025');
    const demand = graph.findEdge(
      (_e, a, s, t) => a.type === 'DEMANDS' && s === 'nationals' && t === 'nuclear',
    )!;
    expect(graph.getEdgeAttribute(demand, 'evidence')).toEqual([
      {
        source: 'r1',
        date: '2025-05-20',
        quote: 'The four policies the Nationals want kept: nuclear, the fund and divestiture',
      },
      { source: 'r2', date: '2025-05-22', quote: 'Nuclear, first of all' },
      { source: 'r3', date: '2025-06-01', quote: 'Still nuclear', confidence: 0.7 },
    ]);
    // MET is an event: two dates, two meetings. MEMBER_OF comes from the party property.
    const types = graph.mapEdges((_e, a) => a.type).sort();
    expect(types).toEqual([
      'DEMANDS',
      'DEMANDS',
      'DEMANDS',
      'MEMBER_OF',
      'MEMBER_OF',
      'MET',
      'MET',
    ]);
    const edges = csvRecords(readFileSync(path.join(out, 'edges.csv'), 'utf8'));
    const row = edges.find((e) => e.id === demand)!;
    expect(row.evidence_count).toBe('3');
    expect(row.sources).toBe('r1|r2|r3');
    expect([row.start, row.end, row.date]).toEqual(['2025-05-20', '2025-06-01', '']);
    const gexf = readFileSync(path.join(out, 'graph.gexf'), 'utf8');
    // Authors joined with '; ': a name may hold a comma ('Doe, Jane').
    expect(gexf).toContain('<creator>A. Reporter; B. Editor</creator>');
    expect(gexf).toContain('<description>What the Nationals want</description>');
    expect(gexf).toContain('<attribute id="evidence_count" title="evidence_count" type="long"/>');
    const graphml = readFileSync(path.join(out, 'graph.graphml'), 'utf8');
    expect(graphml).toContain('attr.name="title"');
  });

  it('shows the title in kg stats', async () => {
    const r = await runKg(['stats', project()]);
    expect(r.stdout.split('\n')[0]).toBe('What the Nationals want (nationals-2025)');
    const json = JSON.parse((await runKg(['stats', project(), '--format', 'json'])).stdout) as {
      title: string;
      relations: number;
    };
    expect(json).toMatchObject({ title: 'What the Nationals want', relations: 7 });
  });

  it('reports v2 mistakes with their codes and positions', async () => {
    const dir = project({
      'more.yaml': `project: { title: Another }
relations:
  - { id: x1, from: [lee, kim], type: MET, to: lee, source: r1 }
  - nationals DEMANDS fund:
      source: r1
      quote: which item?
      evidence: [{ quote: one }]
  - nationals DEMANDS [nuclear, nukes]: { source: r1 }
  - nationals DEMANDS divest:
      source: r1
      date: 2025-05-20
      quote: 'The four policies the Nationals want kept: nuclear, the fund and divestiture'
`,
    });
    const r = await runKg(['validate', dir, '--format', 'json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as {
      diagnostics: { code: string; file: string; line: number; column: number; value?: string }[];
    };
    const found = report.diagnostics.map((d) => `${d.code} ${path.basename(d.file)}:${d.line}`);
    expect(found).toEqual([
      'KG030 more.yaml:1',
      'KG119 more.yaml:3',
      'KG120 more.yaml:6',
      'KG108 more.yaml:8',
      // more.yaml comes first in path order: the list in report-1.yaml repeats its evidence.
      'KG203 report-1.yaml:5',
    ]);
    const unresolved = report.diagnostics.find((d) => d.code === 'KG108')!;
    expect([unresolved.column, unresolved.value]).toEqual([33, 'nukes']);
  });

  it('kg init writes the manifest and an example in the new forms', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'kg-init-')), 'p');
    expect((await runKg(['init', dir])).code).toBe(0);
    const manifest = readFileSync(path.join(dir, 'kg.yaml'), 'utf8');
    expect(manifest).toMatch(/^project:$/m);
    const relations = readFileSync(path.join(dir, 'relations.yaml'), 'utf8');
    for (const form of [/^defaults:$/m, /SUPPORTS \[plan-a, plan-b\]/, /^ {4}evidence:$/m]) {
      expect(relations).toMatch(form);
    }
    const built = await runKg(['export', dir, '-f', 'json']);
    const graph = MultiGraph.from(JSON.parse(built.stdout));
    expect(graph.getAttribute('title')).toBe('My knowledge graph');
    expect(graph.someEdge((_e, a) => a.type === 'MEMBER_OF')).toBe(true);
    expect(graph.someEdge((_e, a) => a.evidence_count === 2)).toBe(true);
  });
});
