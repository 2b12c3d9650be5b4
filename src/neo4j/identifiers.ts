// Labels and relationship types are the only names kg writes into Cypher text (values are
// always parameters or escaped literals). They are validated first, then backtick-escaped.
import { Neo4jModelError } from './errors.js';

/** What the YAML language allows for type names; anything else is refused, never "fixed". */
export const IDENTIFIER_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Labels and types kg itself uses: an entity or relation type must not take them. */
export const ENTITY_LABEL = 'Entity';
export const SOURCE_LABEL = 'Source';
export const CITED_IN = 'CITED_IN';
export const EVIDENCE_LABEL = 'Evidence';
/** The node recording a pushed graph's hash (src/neo4j/push-first.ts); never an entity. */
export const MARKER_LABEL = 'KgGraph';

/** Backtick-quotes a validated label, relationship type or property key. */
export function escapeIdentifier(name: string): string {
  if (!IDENTIFIER_PATTERN.test(name)) {
    throw new Neo4jModelError(
      'NEO4J_INVALID_IDENTIFIER',
      `'${name}' is not a valid Neo4j label, type or key for kg (letters, digits, _)`,
    );
  }
  // Validation already excludes backticks; doubling them keeps this safe on its own too.
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Backtick-quotes any property key (map keys in Cypher literals), doubling backticks. */
export function escapeKey(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
