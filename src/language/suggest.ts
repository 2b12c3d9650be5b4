// "Did you mean …" suggestions by edit distance (fastest-levenshtein).
import { distance } from 'fastest-levenshtein';

/** The candidates closest to `input`, best first, within a length-scaled distance. */
export function closest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const limit = Math.max(1, Math.min(3, Math.floor(needle.length / 3)));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const hay = c.toLowerCase();
    const d = hay === needle ? 0 : distance(needle, hay);
    if (d <= limit || (needle.length >= 3 && (hay.startsWith(needle) || needle.startsWith(hay)))) {
      scored.push({ c, d });
    }
  }
  scored.sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  return scored.slice(0, max).map((s) => s.c);
}

/** "did you mean 'x'?" / "did you mean 'x' or 'y'?", or undefined. */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  const found = closest(input, candidates);
  if (found.length === 0) return undefined;
  const quoted = found.map((f) => `'${f}'`);
  const last = quoted.pop();
  return `did you mean ${quoted.length ? `${quoted.join(', ')} or ${last}` : last}?`;
}
