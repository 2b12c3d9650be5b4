// The compiled graph: the one contract shared by the compiler, every exporter,
// the Neo4j pusher and the viewer. Everything they need lives in these attributes.
import type { MultiGraph } from 'graphology';

/** A scalar property value after validation (dates are ISO 8601 strings). */
export type Scalar = string | number | boolean;
/** A property value: a scalar or a list of scalars of one type. */
export type PropertyValue = Scalar | Scalar[];

/** The base property types of the YAML language. */
export const BASE_TYPES = [
  'string',
  'text',
  'number',
  'integer',
  'boolean',
  'date',
  'url',
  'enum',
  'ref',
] as const;
export type BaseType = (typeof BASE_TYPES)[number];

/** A property declaration, normalised from the YAML schema. */
export interface PropertySpec {
  type: BaseType;
  /** `string[]` and friends: the value is a list. */
  list: boolean;
  required: boolean;
  /** Allowed values, for `enum`. */
  values?: string[];
  /** Allowed entity types, for `ref` (absent: any entity). */
  to?: string[];
  description?: string;
}

export interface EntityTypeInfo {
  color: string;
  /** The property shown as the node label (default `name`). */
  labelProperty: string;
  properties: Record<string, PropertySpec>;
  description?: string;
}

export interface RelationTypeInfo {
  from: string[];
  to: string[];
  /** Undirected: stored as an undirected edge. */
  symmetric: boolean;
  /** Human label (default: the type lower-cased, underscores as spaces). */
  label: string;
  color: string;
  properties: Record<string, PropertySpec>;
  description?: string;
}

export interface SchemaInfo {
  entities: Record<string, EntityTypeInfo>;
  relations: Record<string, RelationTypeInfo>;
}

export interface SourceInfo {
  id: string;
  title: string;
  url?: string;
  /** ISO 8601 date string. */
  published?: string;
  publisher?: string;
  author?: string;
  note?: string;
  /** The source's text file, relative to the project (quotes are checked against it). */
  file?: string;
}

/**
 * Node attributes. Core keys are fixed; every schema property of the entity is
 * stored flat beside them (the schema forbids property names that clash).
 */
export interface CoreNodeAttrs {
  label: string;
  type: string;
  color: string;
  size: number;
  x: number;
  y: number;
  aliases: string[];
  sources: string[];
  note?: string;
}
export type NodeAttrs = CoreNodeAttrs & { [property: string]: PropertyValue | undefined };

/** Edge attributes: type, label, provenance, and every schema property flat. */
export interface CoreEdgeAttrs {
  type: string;
  label: string;
  color: string;
  size: number;
  /** Source ids this relation is attested by (may be empty: a warning). */
  sources: string[];
  quote?: string;
  date?: string;
  start?: string;
  end?: string;
  confidence?: number;
  note?: string;
}
export type EdgeAttrs = CoreEdgeAttrs & { [property: string]: PropertyValue | undefined };

export interface GraphAttrs {
  /** Graph name (defaults to the project directory's name); scopes Neo4j pushes. */
  name: string;
  /** Sources by id, in id order. */
  sources: Record<string, SourceInfo>;
  schema: SchemaInfo;
}

/** The compiled knowledge graph: a mixed multigraph (symmetric relations undirected). */
export type KgGraph = MultiGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

/** Node attribute keys that are not schema properties. */
export const CORE_NODE_KEYS = [
  'label',
  'type',
  'color',
  'size',
  'x',
  'y',
  'aliases',
  'sources',
  'note',
] as const;

/** Edge attribute keys that are not schema properties. */
export const CORE_EDGE_KEYS = [
  'type',
  'label',
  'color',
  'size',
  'sources',
  'quote',
  'date',
  'start',
  'end',
  'confidence',
  'note',
] as const;

/** W3C Web Annotation TextPositionSelector: code points into the source text, [start, end). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** W3C Web Annotation TextQuoteSelector: the passage as the source writes it, with context. */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  /** Up to 32 code points before `exact` (fewer at the start of the text). */
  prefix: string;
  /** Up to 32 code points after `exact`. */
  suffix: string;
}

/**
 * Where a verified quote is in its source's text (docs/language.md, "Source texts"): a W3C Web
 * Annotation `selector` list, the position first.
 */
export interface QuoteAnchor {
  selector: [TextPositionSelector, TextQuoteSelector];
}
