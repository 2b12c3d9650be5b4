// Parses one relation in any of its three forms:
//   - trump MET zelensky                       (shorthand)
//   - macron SUPPORTS guarantees: { quote: … } (shorthand with properties)
//   - { from: trump, type: OPPOSES, to: … }    (full form)
// Either endpoint may be a list (`a DEMANDS [b, c]`, `to: [b, c]`): one relation per pair.
// Evidence is the flat keys (source, quote, near, date, start, end, confidence) or `evidence:`.
import type {
  EvidenceDef,
  EvidenceFields,
  RawProperty,
  RelationDef,
  RelationForm,
  Str,
} from './ast.js';
import type { Span } from './source-file.js';
import type { YPair, YScalar } from './yaml-node.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';
import { shorthandHint } from './shorthand-hints.js';

export const RELATION_RESERVED_KEYS = [
  'id',
  'from',
  'type',
  'to',
  'source',
  'quote',
  'date',
  'start',
  'end',
  'near',
  'confidence',
  'note',
  'evidence',
] as const;

export const EVIDENCE_FIELDS = [
  'source',
  'quote',
  'near',
  'date',
  'start',
  'end',
  'confidence',
  'note',
] as const;

const SHORTHAND_HINT = "write 'subject TYPE object'";

/** One shorthand token: a word, or a `[a, b]` list of words (each with its own span). */
type Token = { list: false; word: Str } | { list: true; items: Str[]; span: Span };

/**
 * Splits `a TYPE b` into its three parts with their own spans; either endpoint may be a list
 * (`a DEMANDS [b, c]`). Undefined (reported) when it is not that.
 */
function splitShorthand(
  r: YamlReader,
  text: string,
  span: Span,
  quoted: boolean,
  value?: string,
  opens = false,
): { from: Str[]; type: Str; to: Str[] } | undefined {
  const tokens: Token[] = [];
  const base = span.start + (quoted ? 1 : 0);
  const at = (start: number, end: number): Span => ({
    file: span.file,
    start: base + start,
    end: base + end,
  });
  const bad = (message: string, hint: string, where: Span = span) => {
    r.sink.report('KG114', where, message, { value: text, hint });
    return undefined;
  };
  // The hint is built from the words written (and what followed a ':' on the same line).
  const malformed = () =>
    bad(`malformed relation shorthand '${text}'`, shorthandHint(text, value, opens));
  if (!text.includes('[')) {
    // No list (nearly every shorthand): words only, without the list machinery below.
    const words: Str[] = [];
    for (const m of text.matchAll(/\S+/g)) {
      const start = base + (m.index ?? 0);
      words.push({ value: m[0], file: span.file, start, end: start + m[0].length });
    }
    if (words.length !== 3) return malformed();
    return { from: [words[0]!], type: words[1]!, to: [words[2]!] };
  }
  for (const m of text.matchAll(/\[[^\]]*\]?|[^\s[]+(?:\[[^\]\s]*\]?)?\S*/g)) {
    const start = m.index ?? 0;
    const word = m[0];
    if (!word.startsWith('[')) {
      tokens.push({ list: false, word: { value: word, ...at(start, start + word.length) } });
      continue;
    }
    if (!word.endsWith(']')) {
      return bad(`unclosed '[' in relation shorthand '${text}'`, "close the list with ']'");
    }
    const items: Str[] = [];
    let offset = start + 1;
    for (const part of word.slice(1, -1).split(',')) {
      const lead = part.length - part.trimStart().length;
      const value = part.trim();
      if (value === '' || /\s/.test(value)) {
        return bad(
          value === '' ? 'an empty item in an endpoint list' : `'${value}' in an endpoint list`,
          value === ''
            ? 'write the list as [a, b, c]: items separated by commas, none empty'
            : 'ids and aliases in a shorthand list cannot contain spaces; use the full form',
          at(offset, offset + part.length),
        );
      }
      items.push({ value, ...at(offset + lead, offset + lead + value.length) });
      offset += part.length + 1;
    }
    tokens.push({ list: true, items, span: at(start, start + word.length) });
  }
  if (tokens.length !== 3) return malformed();
  const [from, type, to] = tokens as [Token, Token, Token];
  if (type.list) {
    return bad(
      'the relation type of a shorthand must be one word',
      `${SHORTHAND_HINT}; lists are for the subject and the object`,
      type.span,
    );
  }
  const side = (t: Token) => (t.list ? t.items : [t.word]);
  return { from: side(from), type: type.word, to: side(to) };
}

/** `value`: what followed the words' `:` when they are a mapping key (`- a MET b source: x`). */
function shorthandParts(r: YamlReader, node: YScalar, value?: YamlNode) {
  const quoted = node.style === 'QUOTE_DOUBLE' || node.style === 'QUOTE_SINGLE';
  const text = typeof node.value === 'string' ? node.value : String(node.value);
  const scalar = value?.kind === 'scalar' && value.value !== null;
  const after = scalar ? value.source : undefined;
  return splitShorthand(r, text, r.span(node), quoted, after, value !== undefined && !scalar);
}

interface Fields extends EvidenceFields {
  id?: Str;
  from: Str[];
  type?: Str;
  to: Str[];
  note?: Str;
  evidence?: EvidenceDef[];
  properties: RawProperty[];
}

/** The evidence fields shared by a relation's flat keys and its evidence items. */
function readEvidenceField(r: YamlReader, key: Str, v: YamlNode, into: EvidenceFields): boolean {
  switch (key.value) {
    case 'source':
      into.sources = r.strList(v, 'source', key);
      return true;
    case 'quote':
      into.quote = r.str(v, 'quote', key);
      return true;
    case 'near':
      into.near = r.str(v, 'near', key);
      return true;
    case 'date':
    case 'start':
    case 'end':
    case 'confidence':
      into[key.value] = r.raw(v, key);
      return true;
    default:
      return false;
  }
}

/** `near:` picks an occurrence of the quote beside it: KG134 when there is none. */
function nearNeedsQuote(r: YamlReader, fields: EvidenceFields): void {
  if (!fields.near || fields.quote) return;
  r.sink.report('KG134', fields.near, "'near' without a 'quote'", {
    value: fields.near.value,
    hint: 'near: tells which occurrence of the quote is meant; add the quote beside it, or remove near:',
  });
}

function parseEvidence(r: YamlReader, node: YamlNode, key: Str): EvidenceDef[] {
  const out: EvidenceDef[] = [];
  for (const item of r.items(node, 'evidence', key) ?? []) {
    const pairs = r.pairs(item, 'an evidence item', r.span(node));
    if (!pairs) continue;
    const def: EvidenceDef = { sources: [], span: r.span(item) };
    for (const pair of pairs) {
      const k = r.key(pair);
      if (!k) continue;
      if (readEvidenceField(r, k, pair.value, def)) continue;
      if (k.value === 'note') def.note = r.str(pair.value, 'note', k);
      else r.unknownKey(k, 'an evidence item', EVIDENCE_FIELDS);
    }
    nearNeedsQuote(r, def);
    out.push(def);
  }
  return out;
}

function readFields(r: YamlReader, pairs: YPair[], fields: Fields, allowEndpoints: boolean): void {
  for (const pair of pairs) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
    if (readEvidenceField(r, key, v, fields)) continue;
    switch (key.value) {
      case 'from':
      case 'type':
      case 'to':
        if (!allowEndpoints) {
          r.sink.report('KG114', key, `'${key.value}' is already given by the shorthand`, {
            value: key.value,
            hint: 'use either the shorthand or the full form (from:, type:, to:), not both',
          });
          break;
        }
        if (key.value === 'type') fields.type = r.str(v, 'type', key);
        else fields[key.value] = r.strList(v, key.value, key);
        break;
      case 'id':
      case 'note':
        fields[key.value] = r.str(v, key.value, key);
        break;
      case 'evidence':
        fields.evidence = parseEvidence(r, v, key);
        break;
      default:
        fields.properties.push({ key, value: r.raw(v, key) });
    }
  }
}

export function parseRelation(r: YamlReader, node: YamlNode): RelationDef | undefined {
  const n = node;
  const span = r.span(n);
  const fields: Fields = { from: [], to: [], sources: [], properties: [] };
  let form: RelationForm;
  if (n?.kind === 'scalar' && typeof n.value === 'string') {
    const parts = shorthandParts(r, n);
    if (!parts) return undefined;
    Object.assign(fields, parts);
    form = 'shorthand';
  } else if (n?.kind === 'map') {
    const pairs = n.pairs;
    const first = pairs[0];
    const firstKey = first?.key;
    const keyText =
      firstKey?.kind === 'scalar' && typeof firstKey.value === 'string' ? firstKey.value : '';
    if (/\s/.test(keyText.trim())) {
      if (pairs.length > 1) {
        const key = r.key(pairs[1] as YPair);
        r.sink.report(
          'KG114',
          key ?? span,
          'properties of a shorthand relation must be indented under it',
          {
            value: keyText,
            hint: `write '- ${keyText}:' and indent its fields by two more spaces`,
          },
        );
        return undefined;
      }
      const value = first?.value;
      const parts = shorthandParts(r, firstKey as YScalar, value);
      if (!parts) return undefined;
      Object.assign(fields, parts);
      if (value && !(value.kind === 'scalar' && value.value === null)) {
        readFields(r, r.pairs(value, 'the fields of a relation', span) ?? [], fields, false);
      }
      form = 'shorthand-with-properties';
    } else {
      readFields(r, pairs, fields, true);
      form = 'full';
      const missing = (['from', 'type', 'to'] as const).filter((k) =>
        k === 'type' ? !fields.type : !fields[k].length,
      );
      if (missing.length) {
        r.sink.report(
          'KG114',
          span,
          `relation is missing ${missing.map((m) => `'${m}'`).join(', ')}`,
          {
            hint: `the full form needs from:, type: and to: (or ${SHORTHAND_HINT})`,
          },
        );
        return undefined;
      }
    }
  } else {
    r.sink.report('KG114', span, 'a relation must be a shorthand string or a mapping', {
      value: r.describe(n),
      hint: SHORTHAND_HINT,
    });
    return undefined;
  }
  const { type } = fields;
  if (!type || !fields.from.length || !fields.to.length) return undefined;
  nearNeedsQuote(r, fields);
  const def: RelationDef = { ...fields, form, type, span };
  return def;
}
