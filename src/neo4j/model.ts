// How a KgGraph maps to Neo4j (documented with a diagram in docs/neo4j.md):
//   (:Entity:<Type> {kg_graph, id, kg_type, <properties>, aliases, sources, note})
//   (:Source {kg_graph, id, title, url, published, publisher, author, note})
//   (:Entity)-[:CITED_IN {kg_graph}]->(:Source)            one per source an entity cites
//   (:Entity)-[:<TYPE> {kg_graph, id, sources, quotes, evidence_count, date, start, end,
//                       confidence, note, <properties>}]->(:Entity)   symmetric types once
//   (:Evidence {kg_graph, id: '<relation id>#<n>', relation, relation_type, from, to, n, source,
//               quote, date, start, end, confidence, note, quote_start, quote_end,
//               quote_prefix, quote_suffix})     one per evidence item of a relationship
// Visual attributes (color, size, x, y, label) stay out of the database; empty lists and
// absent values are absent properties.
import type {
  EdgeAttrs,
  Evidence,
  KgGraph,
  NodeAttrs,
  PropertySpec,
  PropertyValue,
  SchemaInfo,
  SourceInfo,
} from '../types.js';
import { CORE_EDGE_KEYS, CORE_NODE_KEYS } from '../types.js';
import { isValidPropertyName, NEO4J_KEYS, PROPERTY_NAME_HINT } from '../language/property-name.js';
import { dict, own } from '../util/dict.js';
import { Neo4jModelError } from './errors.js';
import {
  CITED_IN,
  ENTITY_LABEL,
  EVIDENCE_LABEL,
  IDENTIFIER_PATTERN,
  SOURCE_LABEL,
} from './identifiers.js';
import { dateValue, toTemporal, type Neo4jProps, type Neo4jValue } from './values.js';

export interface NodeRow {
  id: string;
  props: Neo4jProps;
}
export interface RelRow {
  id: string;
  from: string;
  to: string;
  props: Neo4jProps;
}
export interface CitationRow {
  id: string;
  sources: string[];
}
export interface NodeGroup {
  /** The entity type: the node's second label. */
  label: string;
  rows: NodeRow[];
}
export interface RelGroup {
  type: string;
  symmetric: boolean;
  rows: RelRow[];
}

/** Everything a push, script or CSV export writes, in a stable order. */
export interface Neo4jModel {
  graph: string;
  sources: NodeRow[];
  nodeGroups: NodeGroup[];
  citations: CitationRow[];
  relGroups: RelGroup[];
  /** One node per evidence item, by relationship (relGroups' order), then item order. */
  evidence: NodeRow[];
  /** Property types per entity label / relationship type (for typed CSV headers). */
  nodeSpecs: Record<string, Record<string, PropertySpec>>;
  relSpecs: Record<string, Record<string, PropertySpec>>;
}

const NODE_SKIP = new Set<string>(CORE_NODE_KEYS);
const EDGE_SKIP = new Set<string>(CORE_EDGE_KEYS);
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function checkName(kind: string, name: string, reserved: string[]): void {
  if (!IDENTIFIER_PATTERN.test(name)) {
    throw new Neo4jModelError(
      'NEO4J_INVALID_IDENTIFIER',
      `${kind} '${name}' is not a valid Neo4j name`,
    );
  }
  if (reserved.includes(name)) {
    throw new Neo4jModelError(
      'NEO4J_RESERVED_NAME',
      `${kind} '${name}' is reserved in Neo4j by kg (${reserved.join(', ')}); rename it`,
    );
  }
}

/**
 * kg_graph scopes every push and kg_type mirrors the label: a property must not replace them.
 * Compiled graphs never fail here (KG022, KG027); hand-built ones get the same rule, so that
 * push, the Cypher script and the neo4j-admin files refuse the same names.
 */
const RESERVED_KEYS: readonly string[] = NEO4J_KEYS;
function checkKey(key: string): void {
  if (RESERVED_KEYS.includes(key)) {
    throw new Neo4jModelError(
      'NEO4J_RESERVED_NAME',
      `property '${key}' is reserved in Neo4j by kg (${RESERVED_KEYS.join(', ')}); rename it`,
    );
  }
  if (!isValidPropertyName(key)) {
    throw new Neo4jModelError(
      'NEO4J_INVALID_IDENTIFIER',
      `property '${key}' is not a valid name: ${PROPERTY_NAME_HINT}`,
    );
  }
}

function propertyValue(
  value: PropertyValue,
  spec: PropertySpec | undefined,
): Neo4jValue | undefined {
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (spec?.type === 'date') {
    if (typeof value === 'string') return dateValue(value);
    if (Array.isArray(value) && value.every((v) => typeof v === 'string')) {
      return dateValue(value as string[]);
    }
  }
  if (spec?.type === 'integer') {
    if (typeof value === 'number' && Number.isSafeInteger(value)) return { kind: 'int', value };
    if (
      Array.isArray(value) &&
      value.every((v) => typeof v === 'number' && Number.isSafeInteger(v))
    ) {
      return (value as number[]).map((v) => ({ kind: 'int' as const, value: v }));
    }
  }
  return value;
}

/** A scalar or a list of scalars (not a list of objects such as `evidence`). */
function isPropertyValue(value: PropertyValue | Evidence[]): value is PropertyValue {
  return !Array.isArray(value) || value.every((v) => typeof v !== 'object');
}

function setIf(props: Neo4jProps, key: string, value: Neo4jValue | undefined): void {
  if (value === undefined) return;
  if (Array.isArray(value) && value.length === 0) return;
  props[key] = value;
}

function optionalDate(text: string | undefined): Neo4jValue | undefined {
  return text === undefined ? undefined : (toTemporal(text) ?? text);
}

/** A row's properties, starting with its keys (a record keyed by property names: see dict). */
function keyProps(name: string, id: string): Neo4jProps {
  const props = dict<Neo4jValue>();
  props.kg_graph = name;
  props.id = id;
  return props;
}

/** Source nodes, sorted by id. */
export function sourceRows(table: Record<string, SourceInfo>, name: string): NodeRow[] {
  return Object.keys(table)
    .sort(byString)
    .map((id) => {
      const s = own(table, id)!;
      const props = keyProps(name, id);
      setIf(props, 'title', s.title);
      setIf(props, 'url', s.url);
      setIf(props, 'published', optionalDate(s.published));
      setIf(props, 'publisher', s.publisher);
      setIf(props, 'author', s.author);
      setIf(props, 'note', s.note);
      return { id, props };
    });
}

/** One entity's node row (shared by the graph path and the streaming neo4j-csv export). */
export function entityRow(id: string, a: NodeAttrs, schema: SchemaInfo, name: string): NodeRow {
  checkName('entity type', a.type, [ENTITY_LABEL, SOURCE_LABEL, EVIDENCE_LABEL]);
  const specs = own(schema.entities, a.type)?.properties;
  const props = keyProps(name, id);
  props.kg_type = a.type;
  for (const key of Object.keys(a).sort(byString)) {
    const value = a[key];
    if (NODE_SKIP.has(key) || value === undefined) continue;
    checkKey(key);
    setIf(props, key, propertyValue(value, own(specs, key)));
  }
  setIf(props, 'aliases', a.aliases);
  setIf(props, 'sources', a.sources);
  setIf(props, 'note', a.note);
  return { id, props };
}

/** One relation's row (shared by the graph path and the streaming neo4j-csv export). */
export function relationRow(
  id: string,
  a: EdgeAttrs,
  from: string,
  to: string,
  schema: SchemaInfo,
  name: string,
): RelRow {
  checkName('relation type', a.type, [CITED_IN]);
  const specs = own(schema.relations, a.type)?.properties;
  const props = keyProps(name, id);
  for (const key of Object.keys(a).sort(byString)) {
    const value = a[key];
    if (EDGE_SKIP.has(key) || value === undefined || !isPropertyValue(value)) continue;
    checkKey(key);
    setIf(props, key, propertyValue(value, own(specs, key)));
  }
  // The evidence objects themselves cannot be a Neo4j property: their flat lists can.
  setIf(props, 'sources', a.sources);
  setIf(props, 'quotes', a.quotes);
  if (a.evidence_count !== undefined) {
    setIf(props, 'evidence_count', { kind: 'int', value: a.evidence_count });
  }
  setIf(props, 'date', optionalDate(a.date));
  setIf(props, 'start', optionalDate(a.start));
  setIf(props, 'end', optionalDate(a.end));
  setIf(props, 'confidence', a.confidence);
  setIf(props, 'note', a.note);
  return { id, from, to, props };
}

/**
 * Where a quote is in its source's text (issue 11: a W3C Web Annotation selector list, the
 * position first). Read structurally, so a graph without anchors needs nothing of it.
 */
interface AnchorLike {
  selector?: readonly [
    { start?: unknown; end?: unknown }?,
    { prefix?: unknown; suffix?: unknown }?,
  ];
}

const evidenceId = (relation: string, n: number) => `${relation}#${n}`;

/**
 * One node per evidence item of a relation (shared by the graph path and the streaming
 * neo4j-csv export). The relation's endpoints and type are copied onto each, so a question
 * about evidence finds its fact by two index seeks, and evidence never links entities (paths
 * and degrees stay those of the facts). `n` numbers the items from 1 in statement order.
 */
export function evidenceRows(
  id: string,
  a: EdgeAttrs,
  from: string,
  to: string,
  name: string,
): NodeRow[] {
  // `?? []`: a hand-built graph may have no evidence lists.
  return (a.evidence ?? []).map((item, i) => {
    const row = evidenceId(id, i + 1);
    const props = keyProps(name, row);
    props.relation = id;
    props.relation_type = a.type;
    props.from = from;
    props.to = to;
    props.n = { kind: 'int', value: i + 1 };
    setIf(props, 'source', item.source);
    setIf(props, 'quote', item.quote);
    setIf(props, 'date', optionalDate(item.date));
    setIf(props, 'start', optionalDate(item.start));
    setIf(props, 'end', optionalDate(item.end));
    setIf(props, 'confidence', item.confidence);
    setIf(props, 'note', item.note);
    const [position, quote] = (item as { anchor?: AnchorLike }).anchor?.selector ?? [];
    if (Number.isSafeInteger(position?.start) && Number.isSafeInteger(position?.end)) {
      props.quote_start = { kind: 'int', value: position!.start as number };
      props.quote_end = { kind: 'int', value: position!.end as number };
    }
    if (typeof quote?.prefix === 'string') setIf(props, 'quote_prefix', quote.prefix);
    if (typeof quote?.suffix === 'string') setIf(props, 'quote_suffix', quote.suffix);
    return { id: row, props };
  });
}

export interface Neo4jModelOptions {
  /**
   * 'id': relationships sorted by id (push, Cypher script). 'graph': in the graph's order,
   * i.e. as written in the project, which a streaming export can reproduce without sorting.
   */
  relationOrder: 'id' | 'graph';
}

export function buildNeo4jModel(
  graph: KgGraph,
  graphName?: string,
  options: Partial<Neo4jModelOptions> = {},
): Neo4jModel {
  const attrs = graph.getAttributes();
  const name = graphName ?? attrs.name;
  const schema = attrs.schema;
  const sources = sourceRows(attrs.sources, name);

  const groups = new Map<string, NodeRow[]>();
  const citations: CitationRow[] = [];
  const nodeIds = graph.nodes().sort(byString);
  for (const id of nodeIds) {
    const a = graph.getNodeAttributes(id);
    let rows = groups.get(a.type);
    if (!rows) groups.set(a.type, (rows = []));
    rows.push(entityRow(id, a, schema, name));
    citations.push({ id, sources: [...a.sources].sort(byString) });
  }

  const rels = new Map<string, RelGroup>();
  const edgeIds = graph.edges();
  if (options.relationOrder !== 'graph') edgeIds.sort(byString);
  for (const id of edgeIds) {
    const a = graph.getEdgeAttributes(id);
    const row = relationRow(id, a, graph.source(id), graph.target(id), schema, name);
    let group = rels.get(a.type);
    if (!group) {
      group = { type: a.type, symmetric: !graph.isDirected(id), rows: [] };
      rels.set(a.type, group);
    }
    group.rows.push(row);
  }
  const evidence = [...rels.values()]
    .sort((x, y) => byString(x.type, y.type))
    .flatMap((group) =>
      group.rows.flatMap((row) =>
        evidenceRows(row.id, graph.getEdgeAttributes(row.id), row.from, row.to, name),
      ),
    );

  const nodeSpecs = dict<Record<string, PropertySpec>>();
  for (const [t, info] of Object.entries(schema.entities)) nodeSpecs[t] = info.properties;
  const relSpecs = dict<Record<string, PropertySpec>>();
  for (const [t, info] of Object.entries(schema.relations)) relSpecs[t] = info.properties;

  return {
    graph: name,
    sources,
    nodeGroups: [...groups.entries()]
      .sort(([x], [y]) => byString(x, y))
      .map(([label, rows]) => ({ label, rows })),
    citations,
    relGroups: [...rels.values()].sort((x, y) => byString(x.type, y.type)),
    evidence,
    nodeSpecs,
    relSpecs,
  };
}

/**
 * Relationships (and citations) per entity in the model: a relationship is looked up from its
 * endpoint with the lower degree (a hub's thousands of relationships are never walked per row).
 */
export function entityDegrees(model: Neo4jModel): Map<string, number> {
  const degree = new Map<string, number>();
  const add = (id: string, n: number) => degree.set(id, (degree.get(id) ?? 0) + n);
  for (const c of model.citations) add(c.id, c.sources.length);
  for (const group of model.relGroups) {
    for (const row of group.rows) {
      add(row.from, 1);
      add(row.to, 1);
    }
  }
  return degree;
}

/** Whether to look a relationship up from its target rather than its source. */
export function lookupFromTarget(
  row: { from: string; to: string },
  degree: Map<string, number>,
): boolean {
  return (degree.get(row.to) ?? 0) < (degree.get(row.from) ?? 0);
}

/** Splits rows into batches of at most `size`. */
export function* batches<T>(rows: T[], size: number): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
