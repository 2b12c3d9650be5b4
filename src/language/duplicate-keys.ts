// Duplicate keys without the `yaml` package's quadratic check. Composing with
// `uniqueKeys: true` compares each key with every earlier key of its map: a 350 KB file holding
// one 30,000-key mapping took 9.7 s to compose, 0.8 s without the check. So kg composes without
// it and looks for duplicates itself, in linear time (same rule). Only when there are some does
// it compose again with the package's check, for the package's own errors and positions —
// unless a map is wider than WIDE_MAP, where the errors found here (at each repeated key) stand.
import { isScalar, parseDocument, visit, YAMLParseError, type Document } from 'yaml';

/** Above this many keys in one map, the package's check is not run (its cost is quadratic). */
export const WIDE_MAP = 1000;

const OPTIONS = {
  prettyErrors: false,
  // The yaml package would print its warnings (e.g. collection keys) to stderr itself.
  logLevel: 'error',
} as const;

/**
 * Every key equal to an earlier key of its mapping, as the composer judges it (scalar keys are
 * equal when their values are, with `===`, so NaN never is; other keys only when they are the
 * same node), as errors at the repeated key; and the widest mapping's size.
 */
export function duplicateKeys(doc: Document.Parsed): { errors: YAMLParseError[]; widest: number } {
  const errors: YAMLParseError[] = [];
  let widest = 0;
  visit(doc, {
    Map(_, map) {
      widest = Math.max(widest, map.items.length);
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        if (!isScalar(key) || Number.isNaN(key.value)) continue;
        if (!seen.has(key.value)) seen.add(key.value);
        else {
          const at = key.range?.[0] ?? 0;
          errors.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
        }
      }
    },
  });
  return { errors, widest };
}

/** The document of `text`, with the package's DUPLICATE_KEY errors, in linear time as a rule. */
export function composeDocument(text: string): Document.Parsed {
  const doc = parseDocument(text, { ...OPTIONS, uniqueKeys: false });
  const { errors, widest } = duplicateKeys(doc);
  if (!errors.length) return doc;
  if (widest <= WIDE_MAP) return parseDocument(text, { ...OPTIONS, uniqueKeys: true });
  doc.errors.push(...errors);
  return doc;
}
