// Issue 9: hostile YAML gets a diagnostic, never a JavaScript error. Defect 3 (deep nesting
// overflowed the stack, or came back as "Maximum call stack size exceeded" in a KG001) and the
// code frame of a diagnostic on a very long line (the whole line was printed per diagnostic).
import { describe, expect, it } from 'vitest';
import { formatDiagnostics } from '../../src/language/format-diagnostic.js';
import { compileTexts } from '../helpers/project.js';

function only(text: string) {
  const result = compileTexts({ 'a.yaml': text });
  return { result, list: result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`) };
}

describe('deep nesting (defect 3)', () => {
  const cases: Record<string, string> = {
    'block lists, compact': `entities:\n  ${'- '.repeat(5000)}x\n`,
    'block lists, indented': `entities:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}-\n`).join('')}`,
    'block mappings': `entities:\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i + 1)}k:\n`).join('')}`,
    'flow lists': `entities: ${'['.repeat(5000)}${']'.repeat(5000)}\n`,
    'flow mappings': `entities: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`,
    'flow lists with an anchor (composer path)': `entities: &x ${'['.repeat(3000)}${']'.repeat(3000)}\n`,
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: KG007 at the first level too deep, nothing else`, () => {
      const { result, list } = only(text);
      expect(list).toHaveLength(1);
      expect(list[0]).toMatch(/^KG007 \d+:\d+$/);
      const d = result.diagnostics[0]!;
      expect(d.message).not.toMatch(/stack/i);
      // Inside the file: the line exists and the column is on it.
      const line = text.split('\n')[d.line - 1];
      expect(line).toBeDefined();
      expect(d.column).toBeLessThanOrEqual((line?.length ?? 0) + 1);
    });
  }

  it('100 levels are fine (the limit is on the 101st)', () => {
    // The root mapping is level 1; 99 nested lists make 100.
    const ok = only(`entities:\n  ${'- '.repeat(99)}x\n`);
    expect(ok.list.filter((d) => d.startsWith('KG007'))).toEqual([]);
    const deep = only(`entities:\n  ${'- '.repeat(100)}x\n`);
    expect(deep.list).toEqual(['KG007 2:201']);
  });
});

describe('code frames on long lines', () => {
  it('show a window around the caret, not the whole line', () => {
    const filler = 'x'.repeat(500_000);
    const text = `entities:\n  - { id: a, type: Nope, note: "${filler}", other: [${'b, '.repeat(1000)}c] }\n`;
    const { result } = only(text);
    expect(result.diagnostics.length).toBeGreaterThan(0);
    const printed = formatDiagnostics(result.diagnostics, [{ path: 'a.yaml', text }]);
    expect(printed.length).toBeLessThan(2000 * result.diagnostics.length);
    const kg101 = printed.split('\n\n').find((block) => block.includes('KG101'))!;
    const lines = kg101.split('\n');
    const source = lines.find((l) => l.includes('type: Nope'))!;
    const caret = lines[lines.indexOf(source) + 1]!;
    // The caret stands under the offending value in the shown window.
    const at = caret.indexOf('^');
    expect(source.slice(at, at + 4)).toBe('Nope');
    expect(caret.trimEnd().endsWith('^^^^') || caret.includes('^^^^ ')).toBe(true);
  });

  it('mark a cut with … on the side that was cut', () => {
    const text = `entities:\n  - { note: "${'y'.repeat(1000)}", id: a, type: Nope }\n`;
    const { result } = only(text);
    const printed = formatDiagnostics(result.diagnostics, [{ path: 'a.yaml', text }]);
    const source = printed.split('\n').find((l) => l.includes('type: Nope'))!;
    expect(source).toContain('…y');
    expect(source.length).toBeLessThan(200);
  });
});
