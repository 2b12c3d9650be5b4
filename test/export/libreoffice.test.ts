// nodes.csv and edges.csv opened in LibreOffice Calc: non-ASCII text intact with or without the
// UTF-8 BOM, every cell as written, and the formula guard keeping text from running.
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { createCsvExporter } from '../../src/export/csv.js';
import type { KgGraph } from '../../src/types.js';
import { REPO } from '../helpers/cli.js';
import { exportFiles } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { HAS_LIBREOFFICE, libreofficeCells, requireLibreOffice } from '../helpers/libreoffice.js';
import { parseCsv } from '../helpers/parse-csv.js';

requireLibreOffice();

/**
 * Calc writes booleans as TRUE/FALSE and numbers in its own notation (1e-7 → 1.00E-07), and
 * keeps a line break inside a cell as LF (a CRLF in a quote comes back as LF).
 */
function sameCell(calc: string, ours: string): boolean {
  if (calc === ours || calc === ours.replace(/\r\n?/g, '\n')) return true;
  if (/^(true|false)$/i.test(ours)) return calc === ours.toUpperCase();
  return ours.trim() !== '' && Number.isFinite(Number(ours)) && Number(calc) === Number(ours);
}

/** Every cell of `ours` (a BOM aside) is what Calc shows. */
function expectSameCells(calc: string | undefined, ours: string | undefined, name: string): void {
  const want = parseCsv((ours ?? '').replace(/^\uFEFF/, ''));
  const got = parseCsv(calc ?? '', '\n');
  expect(got.length, name).toBe(want.length);
  want.forEach((row, r) =>
    row.forEach((cell, c) => {
      const calcCell = got[r]?.[c] ?? '';
      if (!sameCell(calcCell, cell)) expect(calcCell, `${name} row ${r} col ${c}`).toBe(cell);
    }),
  );
}

describe.skipIf(!HAS_LIBREOFFICE)('LibreOffice Calc opens the CSV export', () => {
  let data: KgGraph;
  beforeAll(async () => {
    data = (await compile(path.join(REPO, 'data'), { layout: 'none' })).graph;
  });

  test('with the BOM (the default) and without: non-ASCII intact, every cell as written', () => {
    // One Calc run for every file: fixture and data/, with and without the BOM.
    const files: Record<string, string> = {};
    for (const bom of [true, false]) {
      for (const [name, graph] of [
        ['fixture', fixtureGraph()],
        ['data', data],
      ] as const) {
        const written = exportFiles(createCsvExporter({ bom }), graph);
        for (const [file, text] of Object.entries(written))
          files[`${name}-bom-${bom}-${file}`] = text;
      }
    }
    const calc = libreofficeCells(files);
    for (const [name, text] of Object.entries(files)) {
      expectSameCells(calc[name], text, name);
      // The BOM is not part of the first header cell.
      expect(calc[name]?.startsWith('id,'), name).toBe(true);
    }
    // data/ on the v2 model, read from what Calc shows: one row per fact, evidence_count a
    // number, sources and quotes `|`-joined, the evidence list one JSON cell.
    const [header = [], ...rows] = parseCsv(calc['data-bom-true-edges.csv'] ?? '', '\n');
    expect(rows).toHaveLength(data.size);
    const at = (row: string[], column: string): string => row[header.indexOf(column)] ?? '';
    let repeated = 0;
    for (const row of rows) {
      const id = at(row, 'id');
      const a = data.getEdgeAttributes(id);
      expect(Number(at(row, 'evidence_count')), id).toBe(a.evidence_count);
      expect(at(row, 'sources'), id).toBe(a.sources.join('|'));
      expect(at(row, 'directed'), id).toBe(String(data.isDirected(id)).toUpperCase());
      expect(JSON.parse(at(row, 'evidence')), id).toEqual(a.evidence);
      if (a.evidence_count > 1) repeated++;
    }
    expect(repeated).toBeGreaterThanOrEqual(5);
    expect(files['fixture-bom-true-nodes.csv']?.startsWith('\uFEFF')).toBe(true);
    expect(calc['fixture-bom-true-nodes.csv']).toContain('Володимир Зеленський');
    expect(calc['fixture-bom-true-nodes.csv']).toContain('Security guarantees 🛡️');
  }, 600_000);

  test('the formula guard keeps text from running; without it Calc evaluates it', () => {
    const graph = fixtureGraph();
    const cellOf = (files: Record<string, string>, file: string, id: string, column: string) => {
      const [header = [], ...rows] = parseCsv((files[file] ?? '').replace(/\r\n/g, '\n'), '\n');
      return rows.find((row) => row[0] === id)?.[header.indexOf(column)];
    };
    const guarded = exportFiles(createCsvExporter(), graph);
    const raw = exportFiles(createCsvExporter({ formulaGuard: false }), graph);
    const calc = libreofficeCells({
      'nodes.csv': guarded['nodes.csv'] ?? '',
      'edges.csv': guarded['edges.csv'] ?? '',
      'raw-nodes.csv': raw['nodes.csv'] ?? '',
    });
    expect(cellOf(calc, 'nodes.csv', 'guarantees', 'note')).toBe(
      '\'=HYPERLINK("http://evil.example","click")',
    );
    expect(cellOf(calc, 'edges.csv', 'supports-2', 'note')).toBe("'+1 for this, -1 for that");
    // The control: unguarded, Calc runs the formula and shows its result.
    expect(cellOf(calc, 'raw-nodes.csv', 'guarantees', 'note')).toBe('click');
  }, 600_000);
});
