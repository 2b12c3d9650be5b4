// A quote as a pattern: literal parts separated by gaps. `…`, `...` (or `[…]`, `[...]`) is
// an omission: the parts around it appear in this order, anything between them. `[words]` is
// an editorial insertion: it stands for a short stretch of the source (0 to
// `maxInsertion` characters), such as the word it replaces or a changed capital (`[W]e`).

import { fold } from './fold.js';

export type Gap = 'omission' | 'insertion';

export interface QuotePattern {
  /** Folded literal parts, in order; at least one unless the quote has no words. */
  parts: string[];
  /** gaps[i] is the gap between parts[i] and parts[i + 1]. */
  gaps: Gap[];
  /** An insertion before the first part (`[W]e …`) or after the last one. */
  leading: boolean;
  trailing: boolean;
}

const MARKER = /\[(?:…|\.{3,})\]|…|\.{3,}|\[[^\]\n]*\]/g;

export function parseQuote(quote: string): QuotePattern {
  const parts: string[] = [];
  const gaps: Gap[] = [];
  let pending: Gap | undefined;
  let leading = false;
  let trailing = false;
  let from = 0;
  const literal = (text: string): void => {
    const f = fold(text).text;
    if (!f) return;
    if (parts.length) gaps.push(pending ?? 'omission');
    else if (pending === 'insertion') leading = true;
    parts.push(f);
    pending = undefined;
  };
  for (const m of quote.matchAll(MARKER)) {
    literal(quote.slice(from, m.index));
    const gap: Gap =
      m[0].startsWith('[') && !/^\[(?:…|\.+)\]$/.test(m[0]) ? 'insertion' : 'omission';
    // Two markers in a row: an omission wins (it allows anything).
    pending = pending === 'omission' || gap === 'omission' ? 'omission' : 'insertion';
    from = m.index + m[0].length;
  }
  literal(quote.slice(from));
  if (pending === 'insertion' && parts.length) trailing = true;
  return { parts, gaps, leading, trailing };
}

/** The quote's words as written, markers left out (for the closest-passage search). */
export function quoteWordsText(quote: string): string {
  return quote.replace(MARKER, ' ');
}
