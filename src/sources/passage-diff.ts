// Shows where a quote and the closest passage of its source differ, in the source's own
// words, the way `git diff --word-diff` does: `[-quote's word-]{+source's word+}`. Long
// passages keep a few words of context around each difference and elide the rest.

import {
  align,
  isNearMiss,
  isRelevant,
  words,
  type Alignment,
  type Word,
} from './closest-passage.js';
import { fold, originalEnd, type Folded } from './fold.js';
import { quoteWordsText } from './quote-pattern.js';

export interface ClosestPassage {
  kind: 'near-miss' | 'absent';
  /** The passage in the source text (UTF-16 offsets), when one is worth showing. */
  start?: number;
  end?: number;
  /** The passage with the differences marked. */
  diff?: string;
  /** Quote words that differ (changed, typo, missing or extra). */
  differing: number;
}

/** A source text's words, mapped back to the original text. */
export function sourceWords(original: string, folded: Folded): Word[] {
  return words(folded.text).map((w) => ({
    key: w.key,
    start: folded.starts[w.start] ?? 0,
    end: originalEnd(original, folded, w.end),
  }));
}

const CONTEXT = 6;

function render(
  a: Alignment,
  quote: { text: string; words: Word[] },
  source: { text: string; words: Word[] },
): string {
  const q = (i: number): string => {
    const w = quote.words[i];
    return w ? quote.text.slice(w.start, w.end) : '';
  };
  const s = (i: number): string => {
    const w = source.words[i];
    return w ? source.text.slice(w.start, w.end) : '';
  };
  // Tokens in passage order: words (plain or a marked difference) and the separators between.
  const tokens: { text: string; word: boolean; diff: boolean }[] = [];
  const word = (text: string, diff: boolean): void => {
    tokens.push({ text, word: true, diff });
  };
  const sep = (text: string): void => {
    tokens.push({ text, word: false, diff: false });
  };
  const firstQuote = a.steps.find((st) => 'quote' in st);
  const lastQuote = [...a.steps].reverse().find((st) => 'quote' in st);
  const head = firstQuote && 'quote' in firstQuote ? firstQuote.quote : 0;
  for (let i = 0; i < head; i++) {
    if (i) sep(' ');
    word(`[-${q(i)}-]`, true);
  }
  let lastSource = -1;
  for (const st of a.steps) {
    if ('source' in st && lastSource >= 0) {
      // The source's own spacing and punctuation between its words.
      const from = source.words[lastSource]?.end;
      sep(source.text.slice(from, source.words[st.source]?.start).replace(/\s+/g, ' '));
    } else if (tokens.length) sep(' ');
    if ('source' in st) lastSource = st.source;
    if (st.op === 'same') word(s(st.source), false);
    else if (st.op === 'extra') word(`{+${s(st.source)}+}`, true);
    else if (st.op === 'missing') word(`[-${q(st.quote)}-]`, true);
    else word(`[-${q(st.quote)}-]{+${s(st.source)}+}`, true);
  }
  const tail = lastQuote && 'quote' in lastQuote ? lastQuote.quote + 1 : quote.words.length;
  for (let i = tail; i < quote.words.length; i++) {
    sep(' ');
    word(`[-${q(i)}-]`, true);
  }
  // Keep CONTEXT words around each difference; elide longer unchanged stretches.
  const wordAt = tokens.flatMap((t, i) => (t.word ? [i] : []));
  const keep = new Set<number>();
  wordAt.forEach((ti, k) => {
    if (!tokens[ti]?.diff) return;
    for (let d = -CONTEXT; d <= CONTEXT; d++) {
      const at = wordAt[k + d];
      if (at !== undefined) keep.add(at);
    }
  });
  if (keep.size === 0 || wordAt.length - keep.size < 2) wordAt.forEach((i) => keep.add(i));
  let out = '';
  let elided = false;
  for (const [i, t] of tokens.entries()) {
    if (!t.word) {
      // A separator shows only between two shown words.
      if (keep.has(i - 1) && keep.has(i + 1)) out += t.text;
      else if (!elided && keep.has(i - 1)) out += ' ';
      continue;
    }
    if (keep.has(i)) {
      if (elided) out += '… ';
      elided = false;
      out += t.text;
    } else if (!elided) {
      elided = true;
      if (i > 0 && out) out = `${out.trimEnd()} `;
    }
  }
  if (elided) out += '…';
  return out.replace(/\s+/g, ' ').trim();
}

/** The closest passage of a source to a quote that was not found there. */
export function closestPassage(
  quote: string,
  source: { text: string; words: () => Word[] },
): ClosestPassage {
  const shown = quoteWordsText(quote);
  const folded = fold(shown);
  const quoteWords = words(folded.text).map((w) => ({
    key: w.key,
    start: folded.starts[w.start] ?? 0,
    end: originalEnd(shown, folded, w.end),
  }));
  const sw = source.words();
  const a = align(quoteWords, sw);
  if (!a) return { kind: 'absent', differing: quoteWords.length };
  const near = isNearMiss(a);
  const differing = a.quoteWords - a.same;
  if (!near && !isRelevant(a)) return { kind: 'absent', differing };
  const sourceSteps = a.steps.filter((st) => 'source' in st);
  const first = sourceSteps[0];
  const last = sourceSteps[sourceSteps.length - 1];
  const start = first && 'source' in first ? sw[first.source]?.start : undefined;
  const end = last && 'source' in last ? sw[last.source]?.end : undefined;
  return {
    kind: near ? 'near-miss' : 'absent',
    ...(start !== undefined && end !== undefined ? { start, end } : {}),
    diff: render(a, { text: shown, words: quoteWords }, { text: source.text, words: sw }),
    differing,
  };
}
