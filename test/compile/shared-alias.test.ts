// Issue 9, defect 7: many entities sharing one alias was superlinear (100k entities: 67 s to
// validate, 79 s with references to the alias): each alias added scanned the ids already
// sharing it, each reference sorted them again and listed them all in its hint. The timings are
// measured in the benchmarks (npm run bench); this checks the behaviour that went with them.
import { describe, expect, it } from 'vitest';
import { EntityIndex } from '../../src/compile/entity-index.js';
import { DiagnosticSink } from '../../src/language/diagnostic-sink.js';
import { compileTexts } from '../helpers/project.js';

describe('an alias shared by many entities', () => {
  it('gets one short KG109 hint per reference, naming a few ids and the count', () => {
    const n = 3_000;
    const entities = Array.from(
      { length: n },
      (_, i) => `  - { id: e${i}, type: T, aliases: [shared] }`,
    );
    const relations = Array.from({ length: 50 }, (_, i) => `  - e${i} R shared`);
    const text = `schema:\n  entities:\n    T: {}\n  relations:\n    R: {}\nentities:\n${entities.join('\n')}\nrelations:\n${relations.join('\n')}\n`;
    const result = compileTexts({ 'a.yaml': text });
    const kg109 = result.diagnostics.filter((d) => d.code === 'KG109');
    expect(kg109).toHaveLength(50);
    for (const d of kg109) {
      expect(d.hint).toBe(
        `use one of the ids: e0, e1, e10, e100, e1000, e1001, e1002, e1003, e1004, e1005 … (${n} in all)`,
      );
    }
  });

  it('keeps every entity once under the alias, sorted once', () => {
    const index = new EntityIndex();
    for (let i = 0; i < 5; i++) {
      index.addEntity({ id: `e${i}`, type: 'T' });
      index.addAlias('shared', `e${i}`);
    }
    const first = index.lookup('shared');
    expect(first).toEqual({ kind: 'ambiguous', candidates: ['e0', 'e1', 'e2', 'e3', 'e4'] });
    // The same sorted list object: not sorted again per lookup.
    expect(index.lookup('shared')).toEqual(first);
    if (first.kind === 'ambiguous' && index.lookup('shared').kind === 'ambiguous') {
      expect((index.lookup('shared') as typeof first).candidates).toBe(first.candidates);
    }
    index.addEntity({ id: 'a', type: 'T' });
    index.addAlias('shared', 'a');
    expect(index.lookup('shared')).toMatchObject({
      candidates: ['a', 'e0', 'e1', 'e2', 'e3', 'e4'],
    });
    const sink = new DiagnosticSink();
    expect(
      index.resolve(
        sink,
        'shared',
        { file: { path: 'x', text: 'shared' }, start: 0, end: 6 },
        'ref',
      ),
    ).toBeUndefined();
    expect(sink.items.map((d) => d.code)).toEqual(['KG109']);
  });
});
