// What of a source is encoded: its paragraphs (blocks separated by a blank line) and
// sentences (Intl.Segmenter), each cited when an anchored quote overlaps it. The paragraphs no
// fact cites yet are the analyst's to-do list (`kg sources`, the viewer's reader).
import type { CheckedSource } from './check-quotes.js';

export interface Paragraph {
  /** [start, end) in UTF-16 offsets of the text, trimmed. */
  start: number;
  end: number;
  /** 1-based line of its start in the text. */
  line: number;
  cited: boolean;
}

export interface QuoteFailure {
  quote: string;
  status: 'near-miss' | 'absent' | 'no-words';
  file: string;
  line: number;
  column: number;
}

export interface SourceCoverage {
  id: string;
  file: string;
  format: CheckedSource['format'];
  /** Length of the text in code points. */
  characters: number;
  quotes: { total: number; anchored: number; failing: number; repeated: number };
  paragraphs: { total: number; cited: number };
  sentences: { total: number; cited: number };
  /** Paragraphs no anchored quote touches: where, and their first words. */
  uncited: { paragraph: number; line: number; words: string }[];
  failures: QuoteFailure[];
}

const HAS_WORD = /[\p{L}\p{N}]/u;

/** The text's paragraphs: blocks separated by blank lines, with at least one letter or digit. */
export function paragraphsOf(text: string): Omit<Paragraph, 'cited'>[] {
  const out: Omit<Paragraph, 'cited'>[] = [];
  const breaks = /\n[ \t\r\f\v]*\n\s*/g;
  let line = 1;
  let from = 0;
  let counted = 0;
  const add = (start: number, end: number): void => {
    const block = text.slice(start, end);
    const lead = block.length - block.trimStart().length;
    const trimmed = block.trim();
    if (!HAS_WORD.test(trimmed)) return;
    const s = start + lead;
    line += countLines(text, counted, s);
    counted = s;
    out.push({ start: s, end: s + trimmed.length, line });
  };
  for (const m of text.matchAll(breaks)) {
    add(from, m.index);
    from = m.index + m[0].length;
  }
  add(from, text.length);
  return out;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Anchored ranges, merged and sorted. */
function citedRanges(source: CheckedSource): [number, number][] {
  const ranges = source.quotes
    .flatMap((q) => (q.range ? [q.range] : []))
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const [s, e] of ranges) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** Whether [start, end) overlaps a range, for ranges sorted and queries in ascending order. */
function overlapper(ranges: [number, number][]): (start: number, end: number) => boolean {
  let i = 0;
  return (start, end) => {
    while (i < ranges.length && (ranges[i]?.[1] ?? 0) <= start) i++;
    const r = ranges[i];
    return r !== undefined && r[0] < end;
  };
}

/** Paragraphs of a checked source, each marked cited or not. */
export function citedParagraphs(source: CheckedSource): Paragraph[] {
  const overlaps = overlapper(citedRanges(source));
  return paragraphsOf(source.text).map((p) => ({ ...p, cited: overlaps(p.start, p.end) }));
}

function firstWords(text: string, max = 10): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.length > max ? `${words.slice(0, max).join(' ')} …` : words.join(' ');
}

let segmenter: Intl.Segmenter | undefined;

export function sourceCoverage(source: CheckedSource): SourceCoverage {
  const paragraphs = citedParagraphs(source);
  const overlaps = overlapper(citedRanges(source));
  segmenter ??= new Intl.Segmenter('en', { granularity: 'sentence' });
  let sentences = 0;
  let citedSentences = 0;
  for (const p of paragraphs) {
    for (const s of segmenter.segment(source.text.slice(p.start, p.end))) {
      if (!HAS_WORD.test(s.segment)) continue;
      sentences++;
      if (overlaps(p.start + s.index, p.start + s.index + s.segment.trimEnd().length)) {
        citedSentences++;
      }
    }
  }
  const failures: QuoteFailure[] = [];
  let anchored = 0;
  let repeated = 0;
  for (const q of source.quotes) {
    if (q.status === 'anchored') {
      anchored++;
      if (q.occurrences > 1) repeated++;
    } else {
      failures.push({
        quote: q.quote,
        status: q.status,
        file: q.file,
        line: q.line,
        column: q.column,
      });
    }
  }
  return {
    id: source.id,
    file: source.file,
    format: source.format,
    characters: [...source.text].length,
    quotes: { total: source.quotes.length, anchored, failing: failures.length, repeated },
    paragraphs: { total: paragraphs.length, cited: paragraphs.filter((p) => p.cited).length },
    sentences: { total: sentences, cited: citedSentences },
    uncited: paragraphs.flatMap((p, i) =>
      p.cited
        ? []
        : [
            {
              paragraph: i + 1,
              line: p.line,
              words: firstWords(source.text.slice(p.start, p.end)),
            },
          ],
    ),
    failures,
  };
}
