// Diagnostics are printed in pieces; the pieces must add up to exactly the one-string forms.
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/language/codes.js';
import type { Diagnostic } from '../../src/language/diagnostic.js';
import {
  diagnosticsJsonChunks,
  diagnosticsToJson,
  formatDiagnostic,
  formatDiagnosticChunks,
} from '../../src/language/format-diagnostic.js';

const FILE = { path: 'd/r.yaml', text: 'relations:\n  - a MET b\n  - a MET c\n' };

function many(n: number): Diagnostic[] {
  return Array.from({ length: n }, (_, i) => ({
    code: i % 2 ? 'KG202' : 'KG108',
    severity: i % 2 ? 'warning' : 'error',
    message: `problem ${i} with "quotes" and \\ backslashes`,
    file: FILE.path,
    line: 2 + (i % 2),
    column: 5,
    endLine: 2 + (i % 2),
    endColumn: 12,
    value: `v${i}`,
    hint: i % 3 ? 'did you mean x?' : undefined,
    related: i % 5 ? undefined : [{ file: FILE.path, line: 2, column: 5, message: 'first' }],
  }));
}

describe('printing diagnostics in pieces', () => {
  for (const n of [0, 1, 499, 500, 1234]) {
    it(`JSON of ${n} diagnostics is JSON.stringify(report, null, 2)`, () => {
      const list = many(n);
      const errors = list.filter((d) => d.severity === 'error').length;
      const items = list.map((d) => ({ ...d, name: CODES[d.code].name }));
      const whole = `${JSON.stringify({ errors, warnings: n - errors, diagnostics: items }, null, 2)}\n`;
      expect([...diagnosticsJsonChunks(list)].join('')).toBe(whole);
      expect(diagnosticsToJson(list)).toBe(whole);
      expect([...diagnosticsJsonChunks(list)].length).toBe(n === 0 ? 1 : 2 + Math.ceil(n / 500));
    });

    it(`text of ${n} diagnostics is each code frame joined by a blank line`, () => {
      const list = many(n);
      const byPath = new Map([[FILE.path, FILE]]);
      const whole = list.map((d) => formatDiagnostic(d, byPath)).join('\n\n');
      expect([...formatDiagnosticChunks(list, [FILE])].join('')).toBe(whole);
    });
  }
});
