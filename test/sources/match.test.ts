// The matching engine on its own: folding, quote patterns, the index, exact and approximate
// matching, anchors, HTML text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodePoints, makeAnchor } from '../../src/sources/anchor.js';
import { fold, originalEnd } from '../../src/sources/fold.js';
import { htmlToText } from '../../src/sources/html-text.js';
import { findMatches } from '../../src/sources/match-quote.js';
import { closestPassage, sourceWords } from '../../src/sources/passage-diff.js';
import { parseQuote } from '../../src/sources/quote-pattern.js';
import { TextIndex } from '../../src/sources/text-index.js';

const ARTICLE = readFileSync(
  path.join(import.meta.dirname, '../../data/sources/peace-talks-article.txt'),
  'utf8',
);

/** The original passages a quote matches in `text`. */
function find(text: string, quote: string): string[] {
  const folded = fold(text);
  const index = new TextIndex(folded.text);
  return findMatches(index, parseQuote(quote)).map((m) =>
    text.slice(folded.starts[m.start], originalEnd(text, folded, m.end)),
  );
}

describe('folding', () => {
  it('treats whitespace runs, quotes, dashes and canonical equivalents alike', () => {
    expect(fold('a \t\n b').text).toBe('a b');
    expect(fold('«x» “y” ‘z’ don’t').text).toBe('"x" "y" \'z\' don\'t');
    expect(fold('a — b – c - d').text).toBe('a-b-c-d');
    expect(fold('café').text).toBe(fold('cafe\u0301').text);
    expect(fold('wait…').text).toBe('wait...');
    expect(fold('soft\u00adhyphen\u200b').text).toBe('softhyphen');
  });

  it('maps every folded character back to the original', () => {
    const text = '  «Café» —  “ok”\r\n';
    const f = fold(text);
    expect(f.text).toBe('"Cafe\u0301"-"ok"');
    expect(text.slice(f.starts[0], originalEnd(text, f, f.text.length))).toBe('«Café» —  “ok”');
  });
});

describe('quote patterns', () => {
  it('splits omissions and insertions', () => {
    expect(parseQuote('a b … c [d] e')).toEqual({
      parts: ['a b', 'c', 'e'],
      gaps: ['omission', 'insertion'],
      leading: false,
      trailing: false,
    });
    expect(parseQuote('[W]e go ... [...] on [sic]')).toMatchObject({
      parts: ['e go', 'on'],
      gaps: ['omission'],
      leading: true,
      trailing: true,
    });
    expect(parseQuote('… [x] …').parts).toEqual([]);
  });
});

describe('exact matching', () => {
  it('finds verbatim quotes across typographic differences', () => {
    expect(find(ARTICLE, "I don't believe a ceasefire is necessary")).toEqual([
      'I don’t believe a ceasefire is necessary',
    ]);
    expect(find(ARTICLE, 'primary requests - a focus on achieving')).toEqual([
      'primary requests—a focus on achieving',
    ]);
    expect(find(ARTICLE, '"We love them."')).toEqual(['«We love them.»']);
  });

  it('reads … as an omission and [brackets] as a short insertion', () => {
    const omitted = find(ARTICLE, 'We recognize … sustained pressure is imperative');
    expect(omitted).toHaveLength(1);
    expect(omitted[0]).toMatch(/^We recognize we shouldn’t expect Putin.*pressure is imperative$/s);
    expect(find(ARTICLE, '[T]he session was closed to the media')).toEqual([
      'the session was closed to the media',
    ]);
    expect(find(ARTICLE, 'Trump [the president] told reporters')).toEqual(['Trump told reporters']);
    // An insertion is short: it cannot swallow a paragraph.
    expect(find(ARTICLE, 'Trump [said] aboard Air Force One')).toEqual([]);
  });

  it('matches whole words only and finds every occurrence', () => {
    expect(find('she said it; he said it', 'he said')).toEqual(['he said']);
    expect(find(ARTICLE, 'security guarantees')).toHaveLength(6);
  });

  it('finds short literals too (below the index gram length)', () => {
    expect(find('an ox, an ox', 'ox')).toEqual(['ox', 'ox']);
  });
});

describe('closest passage', () => {
  const source = () => {
    const f = fold(ARTICLE);
    return { text: ARTICLE, words: () => sourceWords(ARTICLE, f) };
  };

  it('calls a changed word a near miss and marks it', () => {
    const c = closestPassage(
      'When we discuss security guarantees, we are addressing the general security of the European continent',
      source(),
    );
    expect(c.kind).toBe('near-miss');
    expect(c.differing).toBe(1);
    expect(c.diff).toBe(
      '… security guarantees, we are addressing the [-general-]{+overall+} security of the European continent',
    );
    expect(ARTICLE.slice(c.start, c.end)).toMatch(/^When we discuss .* European continent$/);
  });

  it('calls a typo a near miss', () => {
    const c = closestPassage('I dont beleive a ceasefire is necessary', source());
    expect(c.kind).toBe('near-miss');
    expect(c.diff).toContain('[-beleive-]{+believe+}');
  });

  it('calls words the source does not have absent', () => {
    const c = closestPassage('The moon is made of green cheese and nobody doubts it', source());
    expect(c.kind).toBe('absent');
  });
});

describe('anchors', () => {
  it('counts code points, not UTF-16 units, and keeps 32 of context', () => {
    const text = `${'😀'.repeat(40)} the quoted words ${'x'.repeat(40)}`;
    const start = text.indexOf('the quoted');
    const anchor = makeAnchor(new CodePoints(text), start, start + 'the quoted words'.length);
    const [position, quote] = anchor.selector;
    expect(position).toEqual({ type: 'TextPositionSelector', start: 41, end: 57 });
    expect(quote.exact).toBe('the quoted words');
    expect(Array.from(quote.prefix)).toHaveLength(32);
    expect(quote.prefix).toBe(`${'😀'.repeat(31)} `);
    expect(quote.suffix).toBe(` ${'x'.repeat(31)}`);
    expect(Array.from(text).slice(41, 57).join('')).toBe('the quoted words');
  });
});

describe('HTML text', () => {
  it('keeps the readable text, one paragraph per block, without scripts or styles', () => {
    const html = `<!doctype html><html><head><title>T</title><style>p{}</style></head>
      <body><h1>Title &amp; more</h1><script>alert("x")</script>
      <p>First   <b>bold</b>
      paragraph.<br>Next line</p><ul><li>one</li><li>two</li></ul>
      <table><tr><td>a</td><td>b</td></tr></table><p>Unclosed<div>block</div></body></html>`;
    expect(htmlToText(html)).toBe(
      'Title & more\n\nFirst bold paragraph.\nNext line\n\none\n\ntwo\n\na b\n\nUnclosed\n\nblock',
    );
  });

  it('survives very deep nesting', () => {
    const html = `${'<div>'.repeat(50_000)}deep${'</div>'.repeat(50_000)}`;
    expect(htmlToText(html)).toBe('deep');
  });
});
