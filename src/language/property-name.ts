// The one rule for property names, checked once at the schema (KG027, KG022) and relied on by
// every output. A property name becomes a GEXF/GraphML attribute, a CSV column header, a Neo4j
// property key and a `neo4j-admin` header field (`name:type`, where `:` starts the type and
// `role:LABEL` would make a label): so a letter first (no formula start in spreadsheets, no
// `:`-prefixed import keyword), then letters, digits, marks, `_` and `-` only. Writers still
// escape every name for their target (backticks, XML, CSV quoting); the Neo4j model refuses a
// name outside the rule (hand-built graphs), so `kg push` and `neo4j-csv` always agree.
import { CORE_EDGE_KEYS, CORE_NODE_KEYS } from '../types.js';
import { ENTITY_RESERVED_KEYS } from './file-keys.js';
import { RELATION_RESERVED_KEYS } from './parse-relation.js';

export const PROPERTY_NAME_PATTERN = /^\p{L}[\p{L}\p{M}\p{N}_-]*$/u;

export const PROPERTY_NAME_HINT =
  'property names start with a letter and use letters, digits, _ and - only ' +
  '(they become column names in CSV, GEXF and Neo4j)';

/** Keys kg itself writes to Neo4j next to the properties (docs/neo4j.md). */
export const NEO4J_KEYS = ['kg_graph', 'kg_type', 'id'] as const;
/**
 * Edge columns exports derive besides the edge attributes: edges.csv's endpoints and direction
 * (src/export/csv.ts), GEXF's and GraphML's `symmetric` flag (src/export/columns.ts).
 */
const EDGE_CSV_KEYS = ['source', 'target', 'directed', 'symmetric'] as const;

/** Names an entity property may not take: YAML keys, node attributes, Neo4j keys. */
export const RESERVED_ENTITY_PROPERTIES: ReadonlySet<string> = new Set<string>([
  ...ENTITY_RESERVED_KEYS,
  ...CORE_NODE_KEYS,
  ...NEO4J_KEYS,
]);

/** Names a relation property may not take: YAML keys, edge attributes, CSV and Neo4j keys. */
export const RESERVED_RELATION_PROPERTIES: ReadonlySet<string> = new Set<string>([
  ...RELATION_RESERVED_KEYS,
  ...CORE_EDGE_KEYS,
  ...EDGE_CSV_KEYS,
  ...NEO4J_KEYS,
]);

export function isValidPropertyName(name: string): boolean {
  return PROPERTY_NAME_PATTERN.test(name);
}
