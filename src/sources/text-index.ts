// An index of a folded source text, so checking a quote costs about the length of the quote
// and the number of places its rarest stretch occurs, not a scan of the text: every position
// is chained under a hash of the K characters starting there (K-gram). A literal is looked up
// under its rarest K-gram (the smallest bucket) and each candidate verified in place. Literals
// shorter than K (rare: `[W]e` leaves `e`) fall back to indexOf.

const K = 6;
/** 31^(K-1) modulo 2^32: the weight of the character leaving the rolling window. */
const TOP = Math.imul(Math.imul(Math.imul(Math.imul(31, 31), 31), 31), 31);

export class TextIndex {
  private readonly mask: number;
  /** First position of each bucket's chain (-1: empty); chains run in ascending order. */
  private readonly head: Int32Array;
  private readonly next: Int32Array;
  private readonly counts: Int32Array;

  constructor(readonly text: string) {
    const n = text.length;
    let size = 16;
    while (size < n) size <<= 1;
    this.mask = size - 1;
    this.head = new Int32Array(size).fill(-1);
    this.counts = new Int32Array(size);
    const positions = Math.max(0, n - K + 1);
    this.next = new Int32Array(positions).fill(-1);
    // Rolling hashes forward, then chains built from the end (each in ascending order).
    const hashes = new Int32Array(positions);
    let h = 0;
    for (let i = 0; i < n; i++) {
      if (i >= K) h = (h - Math.imul(text.charCodeAt(i - K), TOP)) | 0;
      h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
      if (i >= K - 1) hashes[i - K + 1] = h;
    }
    for (let i = positions - 1; i >= 0; i--) {
      const b = this.bucket(hashes[i] ?? 0);
      this.next[i] = this.head[b] ?? -1;
      this.head[b] = i;
      this.counts[b] = (this.counts[b] ?? 0) + 1;
    }
  }

  private bucket(h: number): number {
    return (h ^ (h >>> 15)) & this.mask;
  }

  private hashAt(s: string, at: number): number {
    let h = 0;
    for (let k = 0; k < K; k++) h = (Math.imul(h, 31) + s.charCodeAt(at + k)) | 0;
    return this.bucket(h);
  }

  /** Every start of `literal` at or after `from` (and before `until`, if given), ascending. */
  *occurrences(literal: string, from = 0, until = Infinity): Generator<number> {
    const { text } = this;
    if (literal.length < K) {
      for (let at = text.indexOf(literal, from); at !== -1 && at < until;) {
        yield at;
        at = text.indexOf(literal, at + 1);
      }
      return;
    }
    // The rarest K-gram of the literal: its chain is the shortest list of candidates.
    let best = 0;
    let bestCount = Infinity;
    for (let d = 0; d + K <= literal.length; d++) {
      const count = this.counts[this.hashAt(literal, d)] ?? 0;
      if (count < bestCount) {
        bestCount = count;
        best = d;
        if (count === 0) return;
      }
    }
    for (let p = this.head[this.hashAt(literal, best)] ?? -1; p !== -1; p = this.next[p] ?? -1) {
      const at = p - best;
      if (at < from) continue;
      if (at >= until) return;
      if (text.startsWith(literal, at)) yield at;
    }
  }
}
