// Hints for a relation shorthand that is not `subject TYPE object`, built from the user's own
// words: `a MET b source:x` gets back its `:` form, `David Littleproud MET ley` its full form.
import { singleQuoted } from './yaml-lines.js';

const TYPE_WORD = /^[A-Z][A-Z0-9_]*$/;
const FIELD = /([A-Za-z_][\w-]*):[ \t]*/g;

// The relation's own keys: after the first field, only these start another one (a quote's
// "he said: no" stays in the quote).
const KNOWN = new Set(['id', 'source', 'quote', 'date', 'start', 'end', 'confidence', 'note']);

/** `key` → `{ key: value }` pairs written inline after the three words (`source:x date: y`). */
function inlineFields(rest: string): string | undefined {
  const keys = [...rest.matchAll(FIELD)].filter((m, i) => i === 0 || KNOWN.has(m[1] ?? ''));
  if (keys.length === 0 || keys[0]?.index !== 0) return undefined;
  const pairs = keys.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const value = rest.slice(from, keys[i + 1]?.index ?? rest.length).trim();
    const written = value === '' ? "''" : /[:,#{}[\]'"]/.test(value) ? singleQuoted(value) : value;
    return `${m[1]}: ${written}`;
  });
  return `{ ${pairs.join(', ')} }`;
}

/** An entity as written in a flow mapping: quoted when YAML would misread it. */
function flowValue(text: string): string {
  return /[:,#{}[\]'"]/.test(text) ? singleQuoted(text) : text;
}

/**
 * The hint for a shorthand of `words.length` ≠ 3 words. `value` is what followed a `:` on the
 * same line, when the words were a mapping key (`- a MET b source: x`).
 */
export function shorthandHint(text: string, value?: string): string {
  // Words, and `[a, b]` lists of endpoints as one word each.
  const words = text.match(/\[[^\]]*\]?|[^\s[]+/g) ?? [];
  const rest = words.slice(3).join(' ') + (value === undefined ? '' : `: ${value}`);
  const fields = words.length > 3 ? inlineFields(rest) : undefined;
  const head = words.slice(0, 3).join(' ');
  if (fields && TYPE_WORD.test(words[1] ?? '')) {
    return `fields go after a ':' — write \`- ${head}: ${fields}\`, or put them on the lines below, indented under \`${head}:\``;
  }
  const typeAt = words.findIndex((w) => TYPE_WORD.test(w));
  if (words.length === 2 && typeAt === 1) {
    return `a shorthand names both ends: \`${words.join(' ')} <object id>\``;
  }
  if (words.length === 2 && typeAt === 0) {
    return `a shorthand names both ends: \`<subject id> ${words.join(' ')}\``;
  }
  const types = words.filter((w) => TYPE_WORD.test(w));
  if (words.length > 3 && types.length === 1 && typeAt > 0 && typeAt < words.length - 1) {
    const from = words.slice(0, typeAt).join(' ');
    const to = words.slice(typeAt + 1).join(' ');
    return `ids have no spaces: use the ids, or name entities by alias in the full form: \`{ from: ${flowValue(from)}, type: ${words[typeAt]}, to: ${flowValue(to)} }\``;
  }
  return words.length < 3
    ? "a shorthand is three words: 'subject TYPE object'"
    : "a shorthand is three words: 'subject TYPE object'; for names with spaces use the full form (from:, type:, to:)";
}
