// Parses one relation in any of its three forms:
//   - trump MET zelensky                       (shorthand)
//   - macron SUPPORTS guarantees: { quote: … } (shorthand with properties)
//   - { from: trump, type: OPPOSES, to: … }    (full form)
import type { RawProperty, RelationDef, RelationForm, Str } from './ast.js';
import type { Span } from './source-file.js';
import type { YPair, YScalar } from './yaml-node.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';

export const RELATION_RESERVED_KEYS = [
  'id',
  'from',
  'type',
  'to',
  'source',
  'quote',
  'near',
  'date',
  'start',
  'end',
  'confidence',
  'note',
] as const;

const SHORTHAND_HINT = "write 'subject TYPE object', e.g. 'trump MET zelensky'";

/** Splits `a TYPE b` into three tokens with their own spans. */
function splitShorthand(
  r: YamlReader,
  text: string,
  span: Span,
  quoted: boolean,
): Str[] | undefined {
  const tokens: Str[] = [];
  const base = span.start + (quoted ? 1 : 0);
  for (const m of text.matchAll(/\S+/g)) {
    const start = base + (m.index ?? 0);
    tokens.push({ value: m[0], file: span.file, start, end: start + m[0].length });
  }
  if (tokens.length === 3) return tokens;
  r.sink.report('KG114', span, `malformed relation shorthand '${text}'`, {
    value: text,
    hint:
      tokens.length < 3
        ? `${SHORTHAND_HINT}; it needs exactly three words`
        : `${SHORTHAND_HINT}; for ids or aliases with spaces use the full form (from:, type:, to:)`,
  });
  return undefined;
}

function shorthandTokens(r: YamlReader, node: YScalar): Str[] | undefined {
  const quoted = node.style === 'QUOTE_DOUBLE' || node.style === 'QUOTE_SINGLE';
  const text = typeof node.value === 'string' ? node.value : String(node.value);
  return splitShorthand(r, text, r.span(node), quoted);
}

interface Fields {
  id?: Str;
  from?: Str;
  type?: Str;
  to?: Str;
  sources: Str[];
  quote?: Str;
  near?: Str;
  note?: Str;
  date?: RelationDef['date'];
  start?: RelationDef['start'];
  end?: RelationDef['end'];
  confidence?: RelationDef['confidence'];
  properties: RawProperty[];
}

function readFields(r: YamlReader, pairs: YPair[], fields: Fields, allowEndpoints: boolean): void {
  for (const pair of pairs) {
    const key = r.key(pair);
    if (!key) continue;
    const v = pair.value;
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
        fields[key.value] = r.str(v, key.value, key);
        break;
      case 'id':
      case 'quote':
      case 'near':
      case 'note':
        fields[key.value] = r.str(v, key.value, key);
        break;
      case 'source':
        fields.sources = r.strList(v, 'source', key);
        break;
      case 'date':
      case 'start':
      case 'end':
      case 'confidence':
        fields[key.value] = r.raw(v, key);
        break;
      default:
        fields.properties.push({ key, value: r.raw(v, key) });
    }
  }
}

export function parseRelation(r: YamlReader, node: YamlNode): RelationDef | undefined {
  const n = node;
  const span = r.span(n);
  const fields: Fields = { sources: [], properties: [] };
  let form: RelationForm;
  if (n?.kind === 'scalar' && typeof n.value === 'string') {
    const tokens = shorthandTokens(r, n);
    if (!tokens) return undefined;
    [fields.from, fields.type, fields.to] = tokens;
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
      const tokens = shorthandTokens(r, firstKey as YScalar);
      if (!tokens) return undefined;
      [fields.from, fields.type, fields.to] = tokens;
      const value = first?.value;
      if (value && !(value.kind === 'scalar' && value.value === null)) {
        readFields(r, r.pairs(value, 'the fields of a relation', span) ?? [], fields, false);
      }
      form = 'shorthand-with-properties';
    } else {
      readFields(r, pairs, fields, true);
      form = 'full';
      const missing = (['from', 'type', 'to'] as const).filter((k) => !fields[k]);
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
  const { from, type, to } = fields;
  if (!from || !type || !to) return undefined;
  if (fields.near && !fields.quote) {
    r.sink.report('KG134', fields.near, "'near' without a 'quote'", {
      value: fields.near.value,
      hint: 'near: tells which occurrence of the quote is meant; add the quote, or remove near:',
    });
  }
  const def: RelationDef = { ...fields, form, from, type, to, span };
  return def;
}
