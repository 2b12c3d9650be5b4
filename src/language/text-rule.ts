// Text every output can carry: XML 1.0 forbids NUL, the other C0 controls but tab, line feed
// and carriage return, and U+FFFE/U+FFFF; UTF-8 (CSV, Cypher, Neo4j) cannot encode a lone
// surrogate. JSON can carry all of them, so such text used to come out differently in each
// format (U+FFFD in some, as written in others). kg refuses it at the source (KG009).

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above
const FORBIDDEN_ALL = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when every output format can carry `text` as it is. */
export function isCarriableText(text: string): boolean {
  return !FORBIDDEN.test(text) && !LONE_SURROGATE.test(text);
}

/** `U+0000`-style name of a code unit. */
export function codePointName(text: string, index: number): string {
  const code = text.charCodeAt(index);
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Index of the first character that no output can carry, or -1. */
export function firstUncarriable(text: string): number {
  const bad = FORBIDDEN.exec(text);
  const lone = LONE_SURROGATE.exec(text);
  if (!bad && !lone) return -1;
  return Math.min(bad?.index ?? Infinity, lone?.index ?? Infinity);
}

/** Offsets of the raw forbidden characters in a file's text (lone surrogates cannot be raw). */
export function forbiddenOffsets(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(FORBIDDEN_ALL)) out.push(m.index);
  return out;
}

export const UNCARRIABLE_HINT =
  'remove it: NUL, control characters (but tab and line breaks) and lone surrogates ' +
  'cannot be written to XML, CSV or Neo4j';
