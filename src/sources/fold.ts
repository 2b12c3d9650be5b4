// The match form of a text: what "the same words" means when a quote is checked against its
// source. Folding is applied to the source text and to each literal part of a quote alike:
//   - canonical equivalence (NFC): every character is decomposed (NFD), so é and e + ◌́ match;
//   - every run of whitespace (spaces, tabs, line breaks, no-break spaces…) is one space;
//   - zero-width characters and soft hyphens are dropped;
//   - curly, straight, angle (« » ‹ ›) and prime quotation marks are one double or one single
//     quotation mark; every dash (hyphen, en, em, minus…) is `-`, with or without spaces
//     around it;
//   - `…` is three dots.
// Case is kept: a quote is verbatim (write an editor's change of case as `[W]e`).
// `starts[j]` is the UTF-16 offset in the original of the character that produced folded
// character j, so a match in the folded text maps back to the original exactly.

export interface Folded {
  text: string;
  /** UTF-16 offset in the original of the character behind each folded character. */
  starts: Int32Array;
}

const SINGLE_QUOTES = new Set([
  0x27, 0x60, 0xb4, 0x2018, 0x2019, 0x201a, 0x201b, 0x2032, 0x2039, 0x203a,
]);
const DOUBLE_QUOTES = new Set([0x22, 0xab, 0xbb, 0x201c, 0x201d, 0x201e, 0x201f, 0x2033]);
const DASHES = new Set([
  0x2d, 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2e3a, 0x2e3b, 0xfe58, 0xfe63,
  0xff0d,
]);
const DROPPED = new Set([0xad, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);

/** Whitespace as JS regular expressions see it (\s), by code point. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

const decomposed = new Map<number, string>();

/** The folded form of one non-space, non-punctuation-class code point. */
function foldOther(c: number): string {
  if (c < 0x80) return String.fromCharCode(c);
  let d = decomposed.get(c);
  if (d === undefined) {
    d = String.fromCodePoint(c).normalize('NFD');
    decomposed.set(c, d);
  }
  return d;
}

const SPACE = 0x20;
const DASH = 0x2d;

/** Folds `text` (see the module comment); `starts` maps folded offsets back. */
export function fold(text: string): Folded {
  // Typed buffers, grown when needed: a project's texts are folded in one pass each.
  let out = new Uint16Array(text.length + 16);
  let starts = new Int32Array(text.length + 16);
  let n = 0;
  let last = -1; // last folded code unit, -1 at the start
  const push = (unit: number, at: number): void => {
    if (n === out.length) {
      const bigger = new Uint16Array(out.length * 2);
      bigger.set(out);
      out = bigger;
      const s2 = new Int32Array(starts.length * 2);
      s2.set(starts);
      starts = s2;
    }
    out[n] = unit;
    starts[n++] = at;
    last = unit;
  };
  for (let i = 0; i < text.length;) {
    const c = text.charCodeAt(i);
    // Fast path: ASCII letters, digits and plain punctuation fold to themselves.
    if (c > 0x20 && c < 0x7f && c !== 0x22 && c !== 0x27 && c !== 0x2d && c !== 0x60) {
      push(c, i++);
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (isSpace(cp)) {
      // A run is one space; none at the start, and none right after a dash.
      if (last !== SPACE && last !== DASH && last !== -1) push(SPACE, i);
    } else if (DROPPED.has(cp)) {
      /* invisible */
    } else if (DASHES.has(cp)) {
      if (last === SPACE) n--;
      push(DASH, i);
    } else if (SINGLE_QUOTES.has(cp)) push(0x27, i);
    else if (DOUBLE_QUOTES.has(cp)) push(0x22, i);
    else if (cp === 0x2026) {
      push(0x2e, i);
      push(0x2e, i);
      push(0x2e, i);
    } else {
      const f = foldOther(cp);
      for (let k = 0; k < f.length; k++) push(f.charCodeAt(k), i);
    }
    i += width;
  }
  // No trailing space: quotes are trimmed, and a text's last space ends nothing.
  if (n > 0 && out[n - 1] === SPACE) n--;
  return { text: codeUnitsToString(out, n), starts: starts.slice(0, n) };
}

function codeUnitsToString(units: Uint16Array, n: number): string {
  // The buffer's bytes are UTF-16 in platform order; every platform Node runs on is
  // little-endian. (String.fromCharCode over chunks took 5× longer.)
  return Buffer.from(units.buffer, units.byteOffset, n * 2).toString('utf16le');
}

/** The end (UTF-16, exclusive) in the original of folded range [.., end). */
export function originalEnd(original: string, folded: Folded, end: number): number {
  if (end <= 0) return folded.starts[0] ?? 0;
  const at = folded.starts[end - 1] ?? 0;
  const c = original.codePointAt(at) ?? 0;
  return at + (c > 0xffff ? 2 : 1);
}

/** Letters, digits and combining marks: what a word is made of. */
const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

export function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}
