// "Did you mean" suggestions: the indexed Suggester must give exactly closest()'s answers.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/prng.mjs';
import { closest, didYouMean, Suggester } from '../../src/language/suggest.js';

describe('closest', () => {
  it('suggests near misses and prefixes, best first', () => {
    const ids = ['zelensky', 'zelenska', 'putin', 'trump', 'white-house', 'ukraine'];
    expect(closest('zelenskyy', ids)).toEqual(['zelensky', 'zelenska']);
    expect(closest('white', ids)).toEqual(['white-house']);
    expect(closest('xyz', ids)).toEqual([]);
    expect(didYouMean('Putin', ids)).toBe("did you mean 'putin'?");
  });
});

describe('Suggester', () => {
  it('gives closest() answers on thousands of random ids and misspellings', () => {
    const rand = mulberry32(7);
    const letters = 'abcde-1';
    const word = (min: number, spread: number) =>
      Array.from(
        { length: min + Math.floor(rand() * spread) },
        () => letters[Math.floor(rand() * letters.length)],
      ).join('');
    const ids = Array.from({ length: 3000 }, () => word(1, 12));
    ids.push('', 'ABC', 'abc', 'abc'); // empty, case variants and duplicates count as closest() counts them
    const suggester = new Suggester(ids);
    let answered = 0;
    for (let i = 0; i < 600; i++) {
      const base = ids[Math.floor(rand() * ids.length)] ?? '';
      const input = rand() < 0.5 ? word(0, 14) : base + word(0, 3);
      const expected = closest(input, ids);
      expect([input, suggester.closest(input)]).toEqual([input, expected]);
      if (expected.length) answered++;
    }
    expect(answered).toBeGreaterThan(300);
  });

  it('remembers an input it has answered', () => {
    const suggester = new Suggester(['alpha', 'beta']);
    const first = suggester.closest('alpga');
    expect(first).toEqual(['alpha']);
    expect(suggester.closest('alpga')).toBe(first);
  });

  it('stops suggesting once its work budget is spent, and says so', () => {
    const ids = Array.from({ length: 500 }, (_, i) => `person-${i}`);
    const suggester = new Suggester(ids, 3, 30_000);
    const first = closest('person-7x', ids);
    expect(first.length).toBe(3);
    expect(suggester.closest('person-7x')).toEqual(first);
    expect(suggester.exhausted).toBe(false);
    for (let i = 0; i < 20 && !suggester.exhausted; i++) suggester.closest(`persn-${i}`);
    expect(suggester.exhausted).toBe(true);
    expect(suggester.closest('person-8x')).toEqual([]);
    // Answers already given stay available.
    expect(suggester.closest('person-7x')).toEqual(first);
  });
});
