// W3C Web Annotation anchors for verified quotes: a TextPositionSelector in code points (what
// the W3C model counts; JavaScript strings count UTF-16 units) and a TextQuoteSelector whose
// prefix and suffix let a reader find the passage again if the text shifts.
import type { QuoteAnchor } from '../types.js';

export const CONTEXT_CODE_POINTS = 32;

/** UTF-16 offsets ↔ code point offsets of one text (the identity unless it has astral characters). */
export class CodePoints {
  /** Code point offset of every UTF-16 offset, only for texts with surrogate pairs. */
  private readonly table: Int32Array | undefined;

  constructor(readonly text: string) {
    if (!/[\uD800-\uDBFF]/.test(text)) return;
    const table = new Int32Array(text.length + 1);
    let cp = 0;
    for (let i = 0; i < text.length; i++) {
      table[i] = cp;
      const c = text.charCodeAt(i);
      // The low half of a pair shares its code point with the high half.
      if (!(c >= 0xd800 && c <= 0xdbff && i + 1 < text.length)) cp++;
    }
    table[text.length] = cp;
    this.table = table;
  }

  toCodePoint(utf16: number): number {
    return this.table ? (this.table[utf16] ?? 0) : utf16;
  }

  /** The UTF-16 offset of a code point offset. */
  toUtf16(codePoint: number): number {
    const t = this.table;
    if (!t) return codePoint;
    let lo = 0;
    let hi = this.text.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((t[mid] ?? 0) < codePoint) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function lastCodePoints(s: string, n: number): string {
  const cps = Array.from(s);
  return cps.slice(Math.max(0, cps.length - n)).join('');
}

function firstCodePoints(s: string, n: number): string {
  return Array.from(s).slice(0, n).join('');
}

/** The anchor of the passage [start, end) (UTF-16 offsets) of `cp.text`. */
export function makeAnchor(cp: CodePoints, start: number, end: number): QuoteAnchor {
  const { text } = cp;
  const n = CONTEXT_CODE_POINTS;
  return {
    selector: [
      { type: 'TextPositionSelector', start: cp.toCodePoint(start), end: cp.toCodePoint(end) },
      {
        type: 'TextQuoteSelector',
        exact: text.slice(start, end),
        prefix: lastCodePoints(text.slice(Math.max(0, start - 2 * n), start), n),
        suffix: firstCodePoints(text.slice(end, end + 2 * n), n),
      },
    ],
  };
}
