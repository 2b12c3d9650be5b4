import { describe, expect, test } from 'vitest';
import { createCsvExporter, csv, csvField } from '../../src/export/csv.js';
import type { Exporter } from '../../src/export/exporter.js';
import { fileText } from '../../src/export/exporter.js';
import type { KgGraph } from '../../src/types.js';
import { csvRecords, expectCsvRoundTrip } from '../helpers/export-checks.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { expectGolden } from '../helpers/golden.js';
import { parseCsv } from '../helpers/parse-csv.js';

function csvFiles(graph: KgGraph, exporter: Exporter = csv): Record<string, string> {
  return Object.fromEntries(exporter.files(graph).map((f) => [f.name, fileText(f)]));
}

describe('CSV export', () => {
  test('writes nodes.csv and edges.csv into a directory', () => {
    expect(csv.output).toBe('directory');
    expect(csv.files(fixtureGraph()).map((f) => f.name)).toEqual(['nodes.csv', 'edges.csv']);
  });

  test('matches the golden files', () => {
    const files = csvFiles(fixtureGraph());
    expectGolden('fixture-csv/nodes.csv', files['nodes.csv'] ?? '');
    expectGolden('fixture-csv/edges.csv', files['edges.csv'] ?? '');
  });

  test('is deterministic', () => {
    expect(csvFiles(fixtureGraph())).toEqual(csvFiles(fixtureGraph()));
  });

  test('starts with a UTF-8 BOM for spreadsheets, which an option turns off', () => {
    const files = csvFiles(fixtureGraph());
    for (const name of ['nodes.csv', 'edges.csv']) {
      expect(Buffer.from(files[name] ?? '', 'utf8').subarray(0, 4)).toEqual(
        Buffer.from([0xef, 0xbb, 0xbf, 0x69]), // BOM, then "id"
      );
    }
    const plain = csvFiles(fixtureGraph(), createCsvExporter({ bom: false }));
    expect(plain['nodes.csv']?.startsWith('id,')).toBe(true);
    expect(plain['nodes.csv']).toBe(files['nodes.csv']?.slice(1));
  });

  test('has the documented column order', () => {
    const files = csvFiles(fixtureGraph(), createCsvExporter({ bom: false }));
    expect(parseCsv(files['nodes.csv'] ?? '')[0]).toEqual([
      'id', 'label', 'type', 'aliases', 'sources', 'note',
      'born', 'country', 'gdp', 'name', 'nato', 'nicknames', 'population', 'role', 'scores', 'status', 'tags', 'website',
      'x', 'y', 'size', 'color',
    ]); // prettier-ignore
    expect(parseCsv(files['edges.csv'] ?? '')[0]).toEqual([
      'id', 'source', 'target', 'type', 'label', 'directed', 'date', 'start', 'end',
      'confidence', 'quotes', 'sources', 'evidence_count', 'note',
      'conditional', 'place', 'strength', 'color', 'size', 'evidence',
    ]); // prettier-ignore
  });

  test('parses back (RFC 4180) to every node and edge attribute', () => {
    const graph = fixtureGraph();
    expectCsvRoundTrip(graph, csvFiles(graph));
  });

  test('quotes commas, quotes and line breaks, and keeps CRLF inside quoted values', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"');
    const edges = csvRecords(csvFiles(fixtureGraph())['edges.csv']);
    expect(edges.find((e) => e.id === 'opposes-1')?.quotes).toBe(
      "I don't believe a ceasefire is necessary,\r\nhe said",
    );
    // Several quotes are joined with `|` like every list.
    expect(edges.find((e) => e.id === 'supports-1')?.quotes).toBe(
      'He said: <img src=x onerror=alert(1)> and "quotes" & ampersands|A second | quote, with "commas"',
    );
    expect(edges.find((e) => e.id === 'supports-1')?.evidence_count).toBe('2');
  });

  test('guards formula-like text cells but never numbers', () => {
    const graph = fixtureGraph();
    const nodes = csvRecords(csvFiles(graph)['nodes.csv']);
    const guarantees = nodes.find((n) => n.id === 'guarantees');
    expect(guarantees?.note).toBe('\'=HYPERLINK("http://evil.example","click")');
    const trump = nodes.find((n) => n.id === 'trump');
    expect(trump?.y).toBe('-3.5');
    const edges = csvRecords(csvFiles(graph)['edges.csv']);
    expect(edges.find((e) => e.id === 'supports-2')?.note).toBe("'+1 for this, -1 for that");
  });

  test('the guard and line ending are options', () => {
    const exporter = createCsvExporter({ formulaGuard: false, newline: '\n' });
    const nodes = csvFiles(fixtureGraph(), exporter)['nodes.csv'] ?? '';
    expect(nodes).not.toContain('\r\n');
    expect(nodes).toContain('"=HYPERLINK(""http://evil.example"",""click"")"');
  });
});
