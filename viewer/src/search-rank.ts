// Search matching: accent- and case-insensitive, tolerant of typos ("litle" finds "Little"),
// ranked by closeness: exact, prefix, word prefix, substring, then by edit distance.
import { distance } from 'fastest-levenshtein';

export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}

const WORD = /[\s\-_.,;:()'"/–—]+/;

/** Typos allowed for a query word of this length. */
function allowed(length: number): number {
  return length < 4 ? 0 : length < 6 ? 1 : length < 9 ? 2 : 3;
}

/** Edit distance between a query word and the closest start of a target word. */
function wordDistance(q: string, w: string): number {
  if (w.startsWith(q)) return 0;
  let best = distance(q, w);
  for (let len = q.length - 1; len <= q.length + 1; len++) {
    if (len > 0 && len < w.length) best = Math.min(best, distance(q, w.slice(0, len)));
  }
  return best;
}

/**
 * How well a folded query matches a folded text: lower is closer, null is no match.
 * 0 exact · 1 prefix · 2 a word starts with it · 3 substring · 4+ typos (4 + edits).
 */
export function matchScore(query: string, text: string): number | null {
  if (!query) return null;
  if (text === query) return 0;
  const pos = text.indexOf(query);
  if (pos === 0) return 1;
  if (pos > 0) return WORD.test(text[pos - 1] ?? '') ? 2 : 3;
  const words = text.split(WORD).filter(Boolean);
  let total = 0;
  for (const q of query.split(WORD).filter(Boolean)) {
    const max = allowed(q.length);
    let best = Infinity;
    for (const w of words) {
      if (max === 0) {
        if (w.startsWith(q)) best = 0;
      } else if (Math.abs(w.length - q.length) <= max || w.length > q.length) {
        best = Math.min(best, wordDistance(q, w));
      }
      if (best === 0) break;
    }
    if (best > max) return null;
    total += best;
  }
  return 4 + total;
}
