// Stable diagnostic codes. Codes never change meaning once released; tests and
// editors match on them, never on message text. Documented in docs/language.md.
import type { Severity } from './diagnostic.js';

interface CodeInfo {
  severity: Severity;
  /** Short kebab-case name, shown beside the code. */
  name: string;
}

export const CODES = {
  // Files and YAML syntax
  KG001: { severity: 'error', name: 'yaml-syntax' },
  KG002: { severity: 'error', name: 'duplicate-key' },
  KG003: { severity: 'error', name: 'file-too-large' },
  KG004: { severity: 'error', name: 'alias-limit' },
  KG005: { severity: 'error', name: 'unreadable-file' },
  KG006: { severity: 'error', name: 'no-yaml-files' },
  KG007: { severity: 'error', name: 'nesting-too-deep' },
  KG008: { severity: 'error', name: 'invalid-encoding' },
  KG009: { severity: 'error', name: 'invalid-character' },
  // Document structure
  KG010: { severity: 'error', name: 'unknown-top-level-key' },
  KG011: { severity: 'error', name: 'wrong-shape' },
  KG012: { severity: 'error', name: 'unknown-field' },
  KG013: { severity: 'error', name: 'missing-field' },
  KG014: { severity: 'error', name: 'invalid-id' },
  // Schema
  KG020: { severity: 'error', name: 'invalid-property-type' },
  KG021: { severity: 'error', name: 'unknown-type-in-schema' },
  KG022: { severity: 'error', name: 'reserved-property-name' },
  KG023: { severity: 'error', name: 'invalid-color' },
  KG024: { severity: 'error', name: 'unknown-label-property' },
  KG025: { severity: 'error', name: 'conflicting-type-definition' },
  KG026: { severity: 'error', name: 'conflicting-source' },
  KG027: { severity: 'error', name: 'invalid-property-name' },
  // Project manifest and reference edges
  KG030: { severity: 'error', name: 'duplicate-project' },
  KG031: { severity: 'error', name: 'invalid-reference-edge' },
  // Source texts (`file:` on a source)
  KG040: { severity: 'error', name: 'source-file-outside-project' },
  KG041: { severity: 'error', name: 'source-file-unreadable' },
  KG042: { severity: 'error', name: 'source-file-too-large' },
  KG043: { severity: 'error', name: 'unsupported-source-file' },
  KG044: { severity: 'error', name: 'source-file-not-text' },
  KG045: { severity: 'error', name: 'invalid-polarity' },
  // Entities and relations
  KG101: { severity: 'error', name: 'unknown-entity-type' },
  KG102: { severity: 'error', name: 'unknown-relation-type' },
  KG103: { severity: 'error', name: 'missing-required-property' },
  KG104: { severity: 'error', name: 'unknown-property' },
  KG105: { severity: 'error', name: 'wrong-value-type' },
  KG106: { severity: 'error', name: 'invalid-date' },
  KG107: { severity: 'error', name: 'enum-value-not-allowed' },
  KG108: { severity: 'error', name: 'unresolved-reference' },
  KG109: { severity: 'error', name: 'ambiguous-reference' },
  KG110: { severity: 'error', name: 'endpoint-type-not-allowed' },
  KG111: { severity: 'error', name: 'unknown-source' },
  KG112: { severity: 'error', name: 'conflicting-entity-value' },
  KG113: { severity: 'error', name: 'duplicate-relation-id' },
  KG114: { severity: 'error', name: 'malformed-shorthand' },
  KG115: { severity: 'error', name: 'invalid-confidence' },
  KG116: { severity: 'error', name: 'conflicting-entity-type' },
  KG117: { severity: 'error', name: 'invalid-url' },
  KG118: { severity: 'error', name: 'conflicting-relation-id' },
  KG119: { severity: 'error', name: 'id-for-several-relations' },
  KG120: { severity: 'error', name: 'quote-beside-evidence' },
  // Quotes checked against source texts
  KG130: { severity: 'error', name: 'quote-not-found' },
  KG131: { severity: 'error', name: 'quote-near-miss' },
  KG132: { severity: 'error', name: 'near-not-found' },
  KG133: { severity: 'error', name: 'quote-without-words' },
  KG134: { severity: 'error', name: 'near-without-quote' },
  // Warnings
  KG201: { severity: 'warning', name: 'entity-without-relations' },
  KG202: { severity: 'warning', name: 'relation-without-source' },
  KG203: { severity: 'warning', name: 'duplicate-relation' },
  KG204: { severity: 'warning', name: 'start-after-end' },
  KG205: { severity: 'warning', name: 'alias-shadows-id' },
  KG206: { severity: 'warning', name: 'symlink-to-project-file' },
  KG207: { severity: 'warning', name: 'symlink-to-directory' },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof CODES;
