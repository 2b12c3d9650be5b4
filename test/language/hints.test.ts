// The words of the hints built from the user's own text: dates, shorthands, articles.
import { describe, expect, it } from 'vitest';
import { article, withArticle } from '../../src/language/article.js';
import { dateHint } from '../../src/language/date-hints.js';
import { shorthandHint } from '../../src/language/shorthand-hints.js';

describe('date hints', () => {
  const cases: [string, string][] = [
    ['2025-5-22', 'write it as 2025-05-22 (year-month-day)'],
    ['2025-5', 'write it as 2025-05 (year-month)'],
    ['2025/05/22', 'write it as 2025-05-22 (year-month-day)'],
    ['20250522', 'write it as 2025-05-22 (year-month-day)'],
    ['22 May 2025', 'write it as 2025-05-22 (year-month-day)'],
    ['22nd May, 2025', 'write it as 2025-05-22 (year-month-day)'],
    ['May 22, 2025', 'write it as 2025-05-22 (year-month-day)'],
    ['Aug 18 2025', 'write it as 2025-08-18 (year-month-day)'],
    ['Aug. 18, 2025', 'write it as 2025-08-18 (year-month-day)'],
    ['Monday, 18 August 2025', 'write it as 2025-08-18 (year-month-day)'],
    ['Sept 3 2025', 'write it as 2025-09-03 (year-month-day)'],
    ['August 2025', 'write it as 2025-08 (year-month)'],
    [
      '22/05/2025',
      'the order of day and month is ambiguous (it varies by country): write 2025-05-22 if you mean 22 May 2025',
    ],
    [
      '05/22/2025',
      'the order of day and month is ambiguous (it varies by country): write 2025-05-22 if you mean May 22, 2025',
    ],
    [
      '05/06/2025',
      'the order of day and month is ambiguous (it varies by country): write 2025-06-05 for 5 June or 2025-05-06 for May 6',
    ],
    ['05.05.2025', 'write it as 2025-05-05 (year-month-day)'],
    ['22.05.25', "the year '25' is ambiguous: write the full year, as YYYY-MM-DD (year-month-day)"],
    ['May 22', 'the date has no year: write it as YYYY-05-22 with the year'],
    ['22 May', 'the date has no year: write it as YYYY-05-22 with the year'],
    ['2025-02-30', 'February 2025 has no day 30 (it has 28 days)'],
    ['2024-02-30', 'February 2024 has no day 30 (it has 29 days)'],
    ['31/06/2025', 'June 2025 has no day 31 (it has 30 days)'],
    ['30 February 2025', 'February 2025 has no day 30 (it has 28 days)'],
    ['2025-13-01', 'there is no month 13'],
    ['2025-05-22 25:00', '25:00 is not a time of day (00:00 to 23:59)'],
    [
      'last Tuesday',
      'write YYYY-MM-DD (year-month-day), or YYYY-MM, YYYY, or a date-time YYYY-MM-DDTHH:MM:SSZ',
    ],
  ];
  for (const [text, hint] of cases) {
    it(text, () => expect(dateHint(text)).toBe(hint));
  }
});

describe('shorthand hints', () => {
  it('gives fields written after the three words their : form', () => {
    expect(shorthandHint('a MET b source:x')).toBe(
      "fields go after a ':' — write `- a MET b: { source: x }`, or put them on the lines below, indented under `a MET b:`",
    );
    expect(shorthandHint('a MET b source', 'x')).toContain('`- a MET b: { source: x }`');
    expect(shorthandHint('a MET b source:x date: 2025-05-01 quote:He said: no')).toContain(
      "`- a MET b: { source: x, date: 2025-05-01, quote: 'He said: no' }`",
    );
  });

  it('builds the full form for names with spaces', () => {
    expect(shorthandHint('David Littleproud MET Sussan Ley')).toBe(
      'ids have no spaces: use the ids, or name entities by alias in the full form: `{ from: David Littleproud, type: MET, to: Sussan Ley }`',
    );
  });

  it('says which end is missing', () => {
    expect(shorthandHint('a MET')).toBe('a shorthand names both ends: `a MET <object id>`');
    expect(shorthandHint('MET b')).toBe('a shorthand names both ends: `<subject id> MET b`');
    expect(shorthandHint('met')).toBe("a shorthand is three words: 'subject TYPE object'");
  });
});

describe('shorthand hints in the v2 forms', () => {
  it('keeps endpoint lists whole and quotes a list that starts the line', () => {
    expect(shorthandHint('a DEMANDS [p, q] source:x')).toContain(
      '`- a DEMANDS [p, q]: { source: x }`',
    );
    expect(shorthandHint('[a, b] MET c source', 'x')).toContain(
      "`- '[a, b] MET c': { source: x }`",
    );
  });

  it('keeps a value quoted whole as written', () => {
    expect(shorthandHint('a MET b source:x quote: "It\'s: done"')).toContain(
      '`- a MET b: { source: x, quote: "It\'s: done" }`',
    );
  });

  it('puts endpoints written with commas in brackets', () => {
    expect(shorthandHint('a DEMANDS p, q, r')).toBe(
      'several endpoints go in brackets: `- a DEMANDS [p, q, r]`',
    );
    expect(shorthandHint('a, b MET c')).toBe(
      "several endpoints go in brackets: `- '[a, b] MET c'` (quoted: a line starting with [ is a YAML list)",
    );
    // Names with spaces are not a list: the full form, as before.
    expect(shorthandHint('a DEMANDS Sussan Ley, q')).toContain('the full form');
  });

  it("moves the ':' of a field that opens the lines below to the shorthand", () => {
    expect(shorthandHint('a MET b evidence', undefined, true)).toBe(
      "the ':' goes right after the shorthand: write `- a MET b:` and put `evidence:` on the next line, indented under it",
    );
  });
});

describe('articles', () => {
  const cases: [string, 'a' | 'an'][] = [
    ['Outlet', 'an'],
    ['Organization', 'an'],
    ['Event', 'an'],
    ['Person', 'a'],
    ['University', 'a'],
    ['European_body', 'a'],
    ['Hour', 'an'],
    ['NGO', 'an'],
    ['URL', 'a'],
    ['MP', 'an'],
    ['Union', 'a'],
    ['Idea', 'an'],
  ];
  for (const [word, expected] of cases) {
    it(`${expected} ${word}`, () => expect(article(word)).toBe(expected));
  }
  it('writes the pair', () => expect(withArticle('Outlet')).toBe('an Outlet'));
});
