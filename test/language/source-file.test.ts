// Parsed files re-read their text from disk when a diagnostic needs it, keeping only a few.
import { describe, expect, it } from 'vitest';
import { lineText, positionAt, reloadableText } from '../../src/language/source-file.js';

describe('reloadableText', () => {
  it('reads on use and keeps only the most recent texts', () => {
    const reads: number[] = [];
    const files = Array.from({ length: 6 }, (_, i) =>
      reloadableText({ path: `f${i}.yaml` }, () => {
        reads.push(i);
        return `file: ${i}\nline: two\n`;
      }),
    );
    expect(reads).toEqual([]);
    for (const f of files) expect(f.text).toContain('line: two');
    expect(reads).toEqual([0, 1, 2, 3, 4, 5]);
    // The last four are still held; the first ones were let go and are read again.
    for (const f of files.slice(2)) void f.text;
    expect(reads).toHaveLength(6);
    expect(files[0]?.text).toBe('file: 0\nline: two\n');
    expect(reads).toEqual([0, 1, 2, 3, 4, 5, 0]);
  });

  it('serves positions and code-frame lines from the re-read text', () => {
    const file = reloadableText({ path: 'r.yaml' }, () => 'relations:\n  - a MET b\n');
    expect(positionAt(file, 15)).toEqual({ line: 2, column: 5 });
    expect(lineText(file, 2)).toBe('  - a MET b');
  });
});
