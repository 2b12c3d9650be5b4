// Builds the graphology graph every output uses: nodes first (in id order), then edges
// as relations are resolved, so no intermediate list of relations is kept in memory.
import { MultiGraph } from 'graphology';
import { PROJECT_GRAPH_KEYS } from '../types.js';
import type {
  EdgeAttrs,
  GraphAttrs,
  KgGraph,
  NodeAttrs,
  SchemaInfo,
  SourceInfo,
} from '../types.js';
import { dict, own } from '../util/dict.js';
import { summarizeEvidence, summarizeInto } from './evidence.js';
import { sizeForDegree } from './layout.js';
import { UNKNOWN_TYPE_COLOR } from './palette.js';
import type { ResolvedEntity } from './resolve-entities.js';
import type { FactMerge, ResolvedRelation } from './facts.js';

/** An empty graph carrying the schema, the sources table and the project's description. */
export function createGraph(
  name: string,
  schema: SchemaInfo,
  sources: Map<string, SourceInfo>,
  project: Pick<GraphAttrs, 'title' | 'description' | 'authors' | 'license'> = {},
): KgGraph {
  const sourceTable = dict<SourceInfo>();
  for (const id of [...sources.keys()].sort()) sourceTable[id] = sources.get(id)!;
  const attributes: GraphAttrs = { name, sources: sourceTable, schema };
  for (const key of PROJECT_GRAPH_KEYS) {
    const value = project[key];
    if (value !== undefined) Object.assign(attributes, { [key]: value });
  }
  const graph: KgGraph = new MultiGraph<NodeAttrs, EdgeAttrs, GraphAttrs>({ type: 'mixed' });
  graph.replaceAttributes(attributes);
  return graph;
}

/** A node's attributes (also used by the streaming neo4j-csv export, which has no graph). */
export function entityAttributes(schema: SchemaInfo, e: ResolvedEntity): NodeAttrs {
  const typeInfo = e.type ? own(schema.entities, e.type) : undefined;
  const labelValue = typeInfo ? own(e.properties, typeInfo.labelProperty) : undefined;
  const attrs: NodeAttrs = {
    label: typeof labelValue === 'string' ? labelValue : e.id,
    type: e.type ?? 'Unknown',
    color: typeInfo?.color ?? UNKNOWN_TYPE_COLOR,
    size: 1,
    x: 0,
    y: 0,
    aliases: e.aliases,
    sources: e.sources,
  };
  if (e.note !== undefined) attrs.note = e.note;
  Object.assign(attrs, e.properties);
  return attrs;
}

/** Adds entities as nodes, in id order: outputs do not change when entities move between files. */
export function addEntities(graph: KgGraph, schema: SchemaInfo, entities: ResolvedEntity[]): void {
  const sorted = [...entities].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of sorted) graph.addNode(e.id, entityAttributes(schema, e));
}

const UNSET: string[] = [];

/** An edge's attributes (also used by the streaming neo4j-csv export). */
export function relationAttributes(schema: SchemaInfo, r: ResolvedRelation): EdgeAttrs {
  const typeInfo = own(schema.relations, r.type);
  const attrs: EdgeAttrs = {
    type: r.type,
    label: typeInfo?.label ?? r.type,
    color: typeInfo?.color ?? UNKNOWN_TYPE_COLOR,
    size: 1,
    evidence: r.evidence,
    // Set by summarizeInto (declared here to keep the keys in this order).
    sources: UNSET,
    quotes: UNSET,
    evidence_count: 0,
  };
  summarizeInto(attrs, r.evidence);
  if (r.note !== undefined) attrs.note = r.note;
  Object.assign(attrs, r.properties);
  return attrs;
}

const NOTE_SEPARATOR = '\n';

/** Distinct notes of a fact's statements, joined in statement order (one per line). */
export function joinNotes(note: string | undefined, more: string | undefined): string | undefined {
  if (more === undefined || note === more) return note;
  if (note === undefined) return more;
  const s = NOTE_SEPARATOR;
  const known = note.startsWith(more + s) || note.endsWith(s + more) || note.includes(s + more + s);
  return known ? note : `${note}${s}${more}`;
}

/**
 * A relation with more evidence (the same fact stated again): the new items are appended and
 * everything derived from the evidence is computed again.
 */
export function mergedAttributes(attrs: EdgeAttrs, m: FactMerge): EdgeAttrs {
  const evidence = m.evidence.length ? attrs.evidence.concat(m.evidence) : attrs.evidence;
  const merged: EdgeAttrs = { ...attrs, evidence };
  // The time and confidence are derived again: drop the old ones first.
  delete merged.date;
  delete merged.start;
  delete merged.end;
  delete merged.confidence;
  Object.assign(merged, summarizeEvidence(evidence));
  const note = joinNotes(attrs.note, m.note);
  if (note !== undefined) merged.note = note;
  return merged;
}

export function addRelation(graph: KgGraph, schema: SchemaInfo, r: ResolvedRelation): void {
  if (!graph.hasNode(r.from) || !graph.hasNode(r.to)) return;
  const attrs = relationAttributes(schema, r);
  if (r.symmetric) graph.addUndirectedEdgeWithKey(r.id, r.from, r.to, attrs);
  else graph.addDirectedEdgeWithKey(r.id, r.from, r.to, attrs);
}

export function mergeRelation(graph: KgGraph, m: FactMerge): void {
  if (!graph.hasEdge(m.id)) return;
  graph.replaceEdgeAttributes(m.id, mergedAttributes(graph.getEdgeAttributes(m.id), m));
}

/** Node sizes from degree, once every edge is in. */
export function sizeNodes(graph: KgGraph): void {
  graph.updateEachNodeAttributes(
    (node, attrs) => {
      attrs.size = sizeForDegree(graph.degree(node));
      return attrs;
    },
    { attributes: ['size'] },
  );
}
