// The closest passage to a quote that was not found: a Smith–Waterman local alignment over
// words (folded, compared without case; a word within a small edit distance counts as a
// typo), which finds the stretch of the source sharing the most words in order with the
// quote. Only quotes that fail get here, so its O(source words × quote words) cost is paid
// for a few quotes, not for every one.

import { distance } from 'fastest-levenshtein';

export interface Word {
  /** Lower-cased folded word. */
  key: string;
  /** [start, end) in the text the words were taken from. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]+)*/gu;

export function words(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    out.push({ key: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** One step of the alignment, in passage order. */
export type Step =
  | { op: 'same'; quote: number; source: number }
  | { op: 'typo' | 'changed'; quote: number; source: number }
  | { op: 'missing'; quote: number } // in the quote, not in the source
  | { op: 'extra'; source: number }; // in the source, not in the quote

export interface Alignment {
  steps: Step[];
  /** Quote words found unchanged, or with a typo. */
  same: number;
  typos: number;
  /** Quote words in the alignment's reach. */
  quoteWords: number;
}

const SAME = 3;
const TYPO = 1;
const CHANGED = -2;
const GAP = -1;

function similar(a: string, b: string): boolean {
  if (a === b) return true;
  const longest = Math.max(a.length, b.length);
  if (longest < 4) return false;
  return distance(a, b) <= (longest <= 6 ? 1 : 2);
}

/** Past this many cells the search is skipped (a book-length source with a long quote). */
export const MAX_ALIGNMENT_CELLS = 40_000_000;

/** The best local alignment of `quote` words within `source` words, or undefined. */
export function align(quote: Word[], source: Word[]): Alignment | undefined {
  const m = quote.length;
  const n = source.length;
  if (!m || !n || m * n > MAX_ALIGNMENT_CELLS) return undefined;
  const cols = m + 1;
  // 0 stop, 1 diagonal, 2 up (skip a source word), 3 left (skip a quote word).
  const dir = new Uint8Array((n + 1) * cols);
  let prev = new Int32Array(cols);
  let row = new Int32Array(cols);
  let best = 0;
  let bestAt = -1;
  for (let i = 1; i <= n; i++) {
    const s = source[i - 1]?.key ?? '';
    row[0] = 0;
    for (let j = 1; j <= m; j++) {
      const q = quote[j - 1]?.key ?? '';
      const pair = s === q ? SAME : similar(s, q) ? TYPO : CHANGED;
      const diag = (prev[j - 1] ?? 0) + pair;
      const up = (prev[j] ?? 0) + GAP;
      const left = (row[j - 1] ?? 0) + GAP;
      let v = 0;
      let d = 0;
      if (diag > v) [v, d] = [diag, 1];
      if (up > v) [v, d] = [up, 2];
      if (left > v) [v, d] = [left, 3];
      row[j] = v;
      dir[i * cols + j] = d;
      if (v > best) {
        best = v;
        bestAt = i * cols + j;
      }
    }
    [prev, row] = [row, prev];
  }
  if (bestAt < 0) return undefined;
  const steps: Step[] = [];
  let same = 0;
  let typos = 0;
  let i = Math.floor(bestAt / cols);
  let j = bestAt % cols;
  for (let d = dir[i * cols + j]; d; d = dir[i * cols + j]) {
    if (d === 1) {
      const s = source[i - 1]?.key;
      const q = quote[j - 1]?.key;
      const op = s === q ? 'same' : similar(s ?? '', q ?? '') ? 'typo' : 'changed';
      if (op === 'same') same++;
      if (op === 'typo') typos++;
      steps.push({ op, quote: j - 1, source: i - 1 });
      i--;
      j--;
    } else if (d === 2) {
      steps.push({ op: 'extra', source: i - 1 });
      i--;
    } else {
      steps.push({ op: 'missing', quote: j - 1 });
      j--;
    }
  }
  steps.reverse();
  return { steps, same, typos, quoteWords: m };
}

/** Near miss: most of the quote's words are there, in order (a typo, a changed word). */
export function isNearMiss(a: Alignment): boolean {
  const found = a.same + a.typos;
  const differing = a.quoteWords - a.same;
  return found / a.quoteWords >= 0.6 && (differing <= 3 || a.same / a.quoteWords >= 0.8);
}

/** Worth showing as the closest passage of an absent quote. */
export function isRelevant(a: Alignment): boolean {
  return a.same >= 2 && a.same / a.quoteWords >= 0.25;
}
