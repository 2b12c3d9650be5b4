// `kg sources` end to end through the built binary (npm test builds dist/ first).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SourcesReport } from '../../src/cli/commands/sources.js';
import { runKg } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kg-sources-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXT = [
  'Headline of the report',
  '',
  'First paragraph. It has two sentences.',
  '',
  'Second paragraph, which nobody has encoded yet.',
  '',
  'Third paragraph: we agree on the plan.',
].join('\n');

mkdirSync(path.join(dir, 'sources'));
writeFileSync(path.join(dir, 'sources/report.txt'), TEXT);
writeFileSync(
  path.join(dir, 'kg.yaml'),
  `schema:
  entities:
    Person: { properties: { name: string } }
  relations:
    SAID: { from: Person, to: Person }
sources:
  - { id: report, title: The report, file: sources/report.txt }
  - { id: call, title: A phone call }
entities:
  - { id: a, type: Person, name: A }
  - { id: b, type: Person, name: B }
relations:
  - a SAID b: { source: report, quote: It has two sentences. }
  - b SAID a: { source: report, quote: we agree on the plan }
  - a SAID a: { source: [report, call], quote: we agreed on the plan }
`,
);

describe('kg sources', () => {
  it('prints coverage and the paragraphs not yet encoded, and exits 1 on a failing quote', async () => {
    const { code, stdout, stderr } = await runKg(['sources', dir]);
    expect(code).toBe(1);
    expect(stderr).toContain('error[KG131]');
    expect(stdout).toBe(
      [
        'report — The report',
        `  sources/report.txt (text, ${TEXT.length} characters)`,
        '  quotes      2 anchored, 1 failing',
        '  paragraphs  2 of 4 cited (50%)',
        '  sentences   2 of 5 cited (40%)',
        `  ✗ ${path.join(dir, 'kg.yaml')}:15:48 near-miss: "we agreed on the plan"`,
        '  not yet encoded:',
        '    line 1  Headline of the report',
        '    line 5  Second paragraph, which nobody has encoded yet.',
        '',
        '1 source with a text: 2 quotes anchored, 1 failing; paragraphs 2 of 4 cited (50%), sentences 2 of 5 cited (40%)',
        'without a text (quotes not checked; add file: to the source): call',
        '',
      ].join('\n'),
    );
  });

  it('prints the same report as JSON', async () => {
    const { stdout } = await runKg(['sources', dir, '--format', 'json']);
    const report = JSON.parse(stdout) as SourcesReport;
    expect(report.sources).toHaveLength(1);
    expect(report.sources[0]).toMatchObject({
      id: 'report',
      title: 'The report',
      quotes: { total: 3, anchored: 2, failing: 1, repeated: 0 },
      paragraphs: { total: 4, cited: 2 },
      sentences: { total: 5, cited: 2 },
      uncited: [
        { paragraph: 1, line: 1, words: 'Headline of the report' },
        { paragraph: 3, line: 5, words: 'Second paragraph, which nobody has encoded yet.' },
      ],
      failures: [{ quote: 'we agreed on the plan', status: 'near-miss', line: 15 }],
    });
    expect(report.withoutText).toEqual(['call']);
  });

  it('reports data/ with every quote anchored', async () => {
    const { code, stdout } = await runKg(['sources', 'data', '--format', 'json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as SourcesReport;
    expect(report.totals.quotes.failing).toBe(0);
    expect(report.totals.quotes.anchored).toBeGreaterThanOrEqual(10);
    expect(report.sources.map((s) => s.file)).toEqual(['sources/peace-talks-article.txt']);
  });
});
