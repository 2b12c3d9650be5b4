// XML escaping shared by the GEXF and GraphML writers. Values come from analysts' YAML and
// quoted articles, so anything may appear: markup, quotes, control characters, lone surrogates.

/** Characters XML 1.0 forbids anywhere (even as character references). */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
/** Anything that needs work in text content (cheap pre-check: most values are clean). */
const TEXT_NEEDS_WORK = /[&<>\r]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;
const ATTR_NEEDS_WORK = /[&<>"'\t\n\r]|[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/** Replacement for characters XML 1.0 cannot carry: visible, so the loss is noticed. */
export const XML_REPLACEMENT = '\uFFFD';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Attribute-value normalisation would turn raw whitespace into spaces, and
  // end-of-line handling turns CR into LF: character references survive both.
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Replaces characters that are illegal in XML 1.0 with U+FFFD. */
export function stripIllegalXml(value: string): string {
  return value.replace(ILLEGAL_XML, XML_REPLACEMENT);
}

/** Escapes a string for element text content. */
export function escapeXmlText(value: string): string {
  if (!TEXT_NEEDS_WORK.test(value)) return value;
  return stripIllegalXml(value).replace(/[&<>\r]/g, (c) => ENTITIES[c] ?? c);
}

/** Escapes a string for a double-quoted attribute value (whitespace preserved exactly). */
export function escapeXmlAttr(value: string): string {
  if (!ATTR_NEEDS_WORK.test(value)) return value;
  return stripIllegalXml(value).replace(/[&<>"'\t\n\r]/g, (c) => ENTITIES[c] ?? c);
}

/** ` name="value"` with the value escaped; empty when the value is undefined. */
export function xmlAttr(name: string, value: string | number | undefined): string {
  if (value === undefined) return '';
  return ` ${name}="${escapeXmlAttr(String(value))}"`;
}
