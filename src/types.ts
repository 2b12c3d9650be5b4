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
  /** For `ref`: each value is also a relation of this type, from the entity to the value. */
  edge?: string;
  description?: string;
}

export interface EntityTypeInfo {
  color: string;
  /** The property shown as the node label (default `name`). */
  labelProperty: string;
  properties: Record<string, PropertySpec>;
  description?: string;
}

/** The stance a relation type expresses, for stance views and polarity-aware colours. */
export const POLARITIES = ['positive', 'negative', 'neutral'] as const;
export type Polarity = (typeof POLARITIES)[number];

export interface RelationTypeInfo {
  from: string[];
  to: string[];
  /** Undirected: stored as an undirected edge. */
  symmetric: boolean;
  /**
   * Things that happen (meetings, calls, visits): statements at different times are different
   * facts. For other types the time is not part of a fact's identity (see docs/language.md).
   * Always set by the compiler; optional for hand-built graphs (absent: false).
   */
  event?: boolean;
  /** Human label (default: the type lower-cased, underscores as spaces). */
  label: string;
  color: string;
  properties: Record<string, PropertySpec>;
  description?: string;
  /** Declared stance (`polarity:`); absent when the schema says nothing. */
  polarity?: Polarity;
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

/** One piece of evidence: what one source says about a relation, and when. */
export interface Evidence {
  /** One source id (a flat `source: [a, b]` gives one item per source). */
  source?: string;
  /** The source's verbatim words. */
  quote?: string;
  /** ISO 8601 strings, as for properties of type `date`. */
  date?: string;
  start?: string;
  end?: string;
  /** 0..1, for hedged reports. */
  confidence?: number;
  note?: string;
  /** Where the quote is in its source's text (only when the source has a `file:` and it is found). */
  anchor?: QuoteAnchor;
}

/**
 * Edge attributes: type, label, evidence and what is derived from it, and every schema
 * property flat. One edge is one fact; the same fact stated in several places is one edge
 * whose evidence accumulates (docs/language.md, "Write each fact once").
 */
export interface CoreEdgeAttrs {
  type: string;
  label: string;
  color: string;
  size: number;
  /** Every evidence item, in statement order (files in path order, then position). */
  evidence: Evidence[];
  /** The distinct sources of the evidence, first-seen order (may be empty: a warning). */
  sources: string[];
  /** The distinct quotes of the evidence, in evidence order. */
  quotes: string[];
  evidence_count: number;
  /**
   * The fact's time: `date` when every dated item has that same single date; otherwise
   * `start` = the earliest start or date, `end` = the latest end or date.
   */
  date?: string;
  start?: string;
  end?: string;
  /** Absent when any item is unhedged; otherwise the highest item confidence. */
  confidence?: number;
  /** The relation's own note (notes of several statements joined, see docs/language.md). */
  note?: string;
}
export type EdgeAttrs = CoreEdgeAttrs & {
  [property: string]: PropertyValue | Evidence[] | undefined;
};

export interface GraphAttrs {
  /** Graph name: the project's `id`, else the project directory's name; scopes Neo4j pushes. */
  name: string;
  /** From the project manifest (`project:`), when given. */
  title?: string;
  description?: string;
  authors?: string[];
  license?: string;
  /** Sources by id, in id order. */
  sources: Record<string, SourceInfo>;
  schema: SchemaInfo;
}

/** The compiled knowledge graph: a mixed multigraph (symmetric relations undirected). */
export type KgGraph = MultiGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

/** Graph attribute keys from the project manifest (besides `name`). */
export const PROJECT_GRAPH_KEYS = ['title', 'description', 'authors', 'license'] as const;

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
  'evidence',
  'sources',
  'quotes',
  'evidence_count',
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
