// "Did you mean …" suggestions by edit distance (fastest-levenshtein).
import { distance } from 'fastest-levenshtein';

interface Scored {
  c: string;
  d: number;
}

/** How far a suggestion may be from the input: a third of its length, 1 to 3 edits. */
function limitFor(needle: string): number {
  return Math.max(1, Math.min(3, Math.floor(needle.length / 3)));
}

/** Close (within the limit) or a prefix either way, for inputs of 3+ characters. */
function score(needle: string, hay: string, c: string, limit: number): Scored | undefined {
  const d = hay === needle ? 0 : distance(needle, hay);
  if (d <= limit || (needle.length >= 3 && (hay.startsWith(needle) || needle.startsWith(hay)))) {
    return { c, d };
  }
  return undefined;
}

function best(scored: Scored[], max: number): string[] {
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}

/** The candidates closest to `input`, best first, within a length-scaled distance. */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = limitFor(needle);
  const scored: Scored[] = [];
  for (const c of candidates) {
    const s = score(needle, c.toLowerCase(), c, limit);
    if (s) scored.push(s);
  }
  return best(scored, max);
}

/** Work units (an index step is 1, an edit distance DISTANCE_COST): about two seconds here. */
export const SUGGESTION_BUDGET = 300_000_000;
const DISTANCE_COST = 25;

interface Entry {
  c: string;
  hay: string;
}

/** The distinct two-letter runs of a string. */
function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/**
 * closest() over a large, fixed candidate list (every entity id and alias). Scanning 300k ids
 * for each of thousands of misspelt references took minutes; this measures only candidates
 * that can be within the limit — k edits change at most 2k of a string's distinct bigrams, so
 * a match shares at least |bigrams(input)| − 2k of them (counted through an inverted index) —
 * finds prefixes by binary search, and remembers each input. Results equal closest()'s
 * (test/language/suggest.test.ts).
 */
export class Suggester {
  private readonly entries: Entry[] = [];
  private readonly byLength = new Map<number, number[]>();
  private readonly postings = new Map<string, number[]>();
  private readonly sorted: Entry[];
  private readonly byHay = new Map<string, string[]>();
  private readonly memo = new Map<string, string[]>();
  private readonly counts: Uint32Array;
  /** Candidates still to measure before giving up on suggestions (see `exhausted`). */
  private budget: number;

  constructor(
    candidates: Iterable<string>,
    private readonly max = 3,
    budget = SUGGESTION_BUDGET,
  ) {
    this.budget = budget;
    for (const c of candidates) {
      const i = this.entries.length;
      const hay = c.toLowerCase();
      this.entries.push({ c, hay });
      push(this.byLength, hay.length, i);
      push(this.byHay, hay, c);
      for (const bg of bigrams(hay)) push(this.postings, bg, i);
    }
    this.sorted = [...this.entries].sort((a, b) => (a.hay < b.hay ? -1 : a.hay > b.hay ? 1 : 0));
    this.counts = new Uint32Array(this.entries.length);
  }

  /**
   * True once the budget is spent: thousands of distinct misspellings in a large project get
   * suggestions for the first ones only, so validation stays seconds, not minutes.
   */
  get exhausted(): boolean {
    return this.budget <= 0;
  }

  closest(input: string): string[] {
    const known = this.memo.get(input);
    if (known) return known;
    if (this.exhausted) return [];
    const needle = input.toLowerCase();
    const limit = limitFor(needle);
    const scored: Scored[] = [];
    const add = (e: Entry | undefined) => {
      this.budget -= DISTANCE_COST;
      const s = e && score(needle, e.hay, e.c, limit);
      if (s) scored.push(s);
    };
    const near = (e: Entry) => Math.abs(e.hay.length - needle.length) <= limit;
    const grams = bigrams(needle);
    const least = grams.size - 2 * limit;
    if (least <= 0) {
      for (let n = needle.length - limit; n <= needle.length + limit; n++) {
        const same = this.byLength.get(n) ?? [];
        this.budget -= same.length;
        for (const i of same) add(this.entries[i]);
      }
    } else {
      const touched: number[] = [];
      for (const bg of grams) {
        const list = this.postings.get(bg) ?? [];
        this.budget -= list.length;
        for (const i of list) {
          const n = this.counts[i] ?? 0;
          this.counts[i] = n + 1;
          if (n === 0) touched.push(i);
        }
      }
      for (const i of touched) {
        const e = this.entries[i];
        if ((this.counts[i] ?? 0) >= least && e && near(e)) add(e);
        this.counts[i] = 0;
      }
    }
    if (needle.length >= 3) {
      // Longer candidates that start with the input: a run in sorted order.
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.sorted[mid]?.hay ?? '') < needle) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; this.sorted[i]?.hay.startsWith(needle); i++) {
        const e = this.sorted[i];
        if (e && !near(e)) add(e);
      }
      // Shorter candidates the input starts with: its prefixes, looked up exactly.
      for (let k = 0; k < needle.length - limit; k++) {
        for (const c of this.byHay.get(needle.slice(0, k)) ?? []) {
          scored.push({ c, d: needle.length - k });
        }
      }
    }
    const result = best(scored, this.max);
    this.memo.set(input, result);
    return result;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "did you mean 'x'?" / "did you mean 'x' or 'y'?", or undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const found = closest(input, candidates);
  if (found.length === 0) return undefined;
  const quoted = found.map((f) => `'${f}'`);
  const last = quoted.pop();
  return `did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}
