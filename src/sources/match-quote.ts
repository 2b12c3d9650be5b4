// Exact matching of a quote pattern in an indexed, folded source text. A match starts and
// ends on word boundaries (a quote is not a piece of a word), except beside a leading or
// trailing insertion (`[W]e are`), where it is widened to the whole word. Parts after the
// first are searched from where the previous one ended: after an insertion within
// `maxInsertion` characters, after an omission anywhere further on.

import { isWordChar } from './fold.js';
import type { QuotePattern } from './quote-pattern.js';
import type { TextIndex } from './text-index.js';

export interface MatchOptions {
  /** The longest stretch of the source an `[insertion]` stands for (folded characters). */
  maxInsertion: number;
  /** Stop after this many matches (a quote such as "Yes." may occur very often). */
  maxMatches: number;
}

export const DEFAULT_MATCH_OPTIONS: MatchOptions = { maxInsertion: 60, maxMatches: 1000 };

/** A match in folded coordinates: [start, end). */
export interface FoldedMatch {
  start: number;
  end: number;
}

/** No word continues across offset `at` (a letter on both sides). */
function boundaryAt(text: string, at: number): boolean {
  return !isWordChar(text[at - 1]) || !isWordChar(text[at]);
}

/** The rest of the parts, from `from`; returns the end of the match or -1. */
function matchRest(
  index: TextIndex,
  pattern: QuotePattern,
  part: number,
  from: number,
  opts: MatchOptions,
  budget: { steps: number },
): number {
  if (part === pattern.parts.length) return from;
  const literal = pattern.parts[part] ?? '';
  const gap = pattern.gaps[part - 1];
  const until = gap === 'insertion' ? from + opts.maxInsertion + 1 : Infinity;
  for (const at of index.occurrences(literal, from, until)) {
    if (--budget.steps < 0) return -1;
    const end = matchRest(index, pattern, part + 1, at + literal.length, opts, budget);
    if (end !== -1) return end;
  }
  return -1;
}

/** Every match of the pattern, ascending by start; the shortest match for each start. */
export function findMatches(
  index: TextIndex,
  pattern: QuotePattern,
  options: Partial<MatchOptions> = {},
): FoldedMatch[] {
  const opts = { ...DEFAULT_MATCH_OPTIONS, ...options };
  const first = pattern.parts[0];
  if (first === undefined) return [];
  const { text } = index;
  const out: FoldedMatch[] = [];
  const budget = { steps: 100_000 };
  for (const at of index.occurrences(first)) {
    if (!pattern.leading && !boundaryAt(text, at)) continue;
    let end = matchRest(index, pattern, 1, at + first.length, opts, budget);
    if (end === -1) {
      if (budget.steps < 0) break;
      continue;
    }
    let start = at;
    if (pattern.leading) {
      while (start > 0 && at - start < opts.maxInsertion && isWordChar(text[start - 1])) start--;
    }
    if (pattern.trailing) {
      const limit = end + opts.maxInsertion;
      while (end < text.length && end < limit && isWordChar(text[end])) end++;
    } else if (!boundaryAt(text, end)) continue;
    // A shared start (a leading insertion widened two hits to one word) is one match.
    if (out.length && out[out.length - 1]?.start === start) continue;
    out.push({ start, end });
    if (out.length >= opts.maxMatches) break;
  }
  return out;
}
