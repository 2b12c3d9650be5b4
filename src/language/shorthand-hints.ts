// Hints for a relation shorthand that is not `subject TYPE object`, built from the user's own
// words: `a MET b source:x` gets back its `:` form, `a DEMANDS p, q` its brackets, `David
// Littleproud MET ley` its full form.
import { RELATION_RESERVED_KEYS } from './parse-relation.js';
import { singleQuoted } from './yaml-lines.js';

const TYPE_WORD = /^[A-Z][A-Z0-9_]*$/;
const FIELD = /([A-Za-z_][\w-]*):[ \t]*/g;

// The relation's own keys but its endpoints and type: after the first field, only these start
// another one (a quote's "he said: no" stays in the quote). Built on first use: parse-relation
// imports this module.
let known: Set<string> | undefined;

/** Whether a word is one of a relation's own keys (`source`, `evidence`…). */
export function isRelationField(word: string): boolean {
  known ??= new Set(
    RELATION_RESERVED_KEYS.filter((k) => k !== 'from' && k !== 'type' && k !== 'to'),
  );
  return known.has(word);
}

/** `key` → `{ key: value }` pairs written inline after the three words (`source:x date: y`). */
function inlineFields(rest: string): string | undefined {
  const keys = [...rest.matchAll(FIELD)].filter((m, i) => i === 0 || isRelationField(m[1] ?? ''));
  if (keys.length === 0 || keys[0]?.index !== 0) return undefined;
  const pairs = keys.map((m, i) => {
    const from = (m.index ?? 0) + m[0].length;
    const value = rest.slice(from, keys[i + 1]?.index ?? rest.length).trim();
    return `${m[1]}: ${flowScalar(value)}`;
  });
  return `{ ${pairs.join(', ')} }`;
}

const QUOTED = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*')$/;

/** A field's value as written in a flow mapping: as is when quoted whole or plain enough. */
export function flowScalar(value: string): string {
  if (value === '') return "''";
  return QUOTED.test(value) || !/[:,#{}[\]'"]/.test(value) ? value : singleQuoted(value);
}

/** An entity as written in a flow mapping: quoted when YAML would misread it. */
function flowValue(text: string): string {
  return /[:,#{}[\]'"]/.test(text) ? singleQuoted(text) : text;
}

/** Words, and `[a, b]` lists of endpoints as one word each. */
function wordsOf(text: string): string[] {
  return text.match(/\[[^\]]*\]?|[^\s[]+/g) ?? [];
}

/** A shorthand as an item of `relations:`: quoted when it starts with a `[` list. */
export function shorthandItem(text: string): string {
  return text.startsWith('[') ? singleQuoted(text) : text;
}

/**
 * `a MET b` followed on its line by fields (`source:x quote: y`): the shorthand and the fields
 * as a flow mapping, or undefined when the words are not that.
 */
export function splitInlineFields(
  text: string,
  value?: string,
): { head: string; fields: string } | undefined {
  const words = wordsOf(text);
  const rest = words.slice(3).join(' ') + (value === undefined ? '' : `: ${value}`);
  const fields = words.length > 3 ? inlineFields(rest) : undefined;
  if (!fields || !TYPE_WORD.test(words[1] ?? '')) return undefined;
  return { head: words.slice(0, 3).join(' '), fields };
}

/** The hint for `a MET b` followed by fields on its own line. */
export function inlineFieldsHint(head: string, fields: string): string {
  return `fields go after a ':' — write \`- ${shorthandItem(head)}: ${fields}\`, or put them on the lines below, indented under \`${shorthandItem(head)}:\``;
}

/** `a DEMANDS p, q` / `a, b MET c`: several endpoints written without their brackets. */
function bracketsHint(words: string[], typeAt: number): string | undefined {
  const side = (ws: string[]): string | undefined => {
    const text = ws.join(' ');
    if (!text.includes(',')) return text;
    const items = text.split(',').map((s) => s.trim());
    return items.every((s) => /^[^\s[\]]+$/.test(s)) ? `[${items.join(', ')}]` : undefined;
  };
  const from = side(words.slice(0, typeAt));
  const to = side(words.slice(typeAt + 1));
  if (from === undefined || to === undefined || !(from + to).includes('[')) return undefined;
  const fixed = shorthandItem(`${from} ${words[typeAt]} ${to}`);
  const quoted = from.startsWith('[') ? ' (quoted: a line starting with [ is a YAML list)' : '';
  return `several endpoints go in brackets: \`- ${fixed}\`${quoted}`;
}

/**
 * The hint for a shorthand of `words.length` ≠ 3 words. `value` is what followed a `:` on the
 * same line, when the words were a mapping key (`- a MET b source: x`); `opens` says the `:`
 * ended the line and indented lines below were its value (`- a MET b evidence:`).
 */
export function shorthandHint(text: string, value?: string, opens = false): string {
  const words = wordsOf(text);
  const inline = splitInlineFields(text, value);
  if (inline) return inlineFieldsHint(inline.head, inline.fields);
  const last = words.at(-1) ?? '';
  if (opens && words.length === 4 && TYPE_WORD.test(words[1] ?? '') && isRelationField(last)) {
    const head = shorthandItem(words.slice(0, 3).join(' '));
    return `the ':' goes right after the shorthand: write \`- ${head}:\` and put \`${last}:\` on the next line, indented under it`;
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
    const brackets = bracketsHint(words, typeAt);
    if (brackets) return brackets;
    const from = words.slice(0, typeAt).join(' ');
    const to = words.slice(typeAt + 1).join(' ');
    return `ids have no spaces: use the ids, or name entities by alias in the full form: \`{ from: ${flowValue(from)}, type: ${words[typeAt]}, to: ${flowValue(to)} }\``;
  }
  return words.length < 3
    ? "a shorthand is three words: 'subject TYPE object'"
    : "a shorthand is three words: 'subject TYPE object'; for names with spaces use the full form (from:, type:, to:)";
}
