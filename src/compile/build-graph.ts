// Builds the graphology graph every output uses: nodes first (in id order), then edges
// as relations are resolved, so no intermediate list of relations is kept in memory.
import { MultiGraph } from 'graphology';
import type {
  EdgeAttrs,
  GraphAttrs,
  KgGraph,
  NodeAttrs,
  SchemaInfo,
  SourceInfo,
} from '../types.js';
import { dict, own } from '../util/dict.js';
import { sizeForDegree } from './layout.js';
import { UNKNOWN_TYPE_COLOR } from './palette.js';
import type { ResolvedEntity } from './resolve-entities.js';
import type { ResolvedRelation } from './resolve-relations.js';

/** An empty graph carrying the schema and the sources table. */
export function createGraph(
  name: string,
  schema: SchemaInfo,
  sources: Map<string, SourceInfo>,
): KgGraph {
  const sourceTable = dict<SourceInfo>();
  for (const id of [...sources.keys()].sort()) sourceTable[id] = sources.get(id)!;
  const attributes: GraphAttrs = { name, sources: sourceTable, schema };
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

/** An edge's attributes (also used by the streaming neo4j-csv export). */
export function relationAttributes(schema: SchemaInfo, r: ResolvedRelation): EdgeAttrs {
  const typeInfo = own(schema.relations, r.type);
  const attrs: EdgeAttrs = {
    type: r.type,
    label: typeInfo?.label ?? r.type,
    color: typeInfo?.color ?? UNKNOWN_TYPE_COLOR,
    size: 1,
    sources: r.sources,
  };
  if (r.quote !== undefined) attrs.quote = r.quote;
  if (r.date !== undefined) attrs.date = r.date;
  if (r.start !== undefined) attrs.start = r.start;
  if (r.end !== undefined) attrs.end = r.end;
  if (r.note !== undefined) attrs.note = r.note;
  if (r.confidence !== undefined) attrs.confidence = r.confidence;
  Object.assign(attrs, r.properties);
  return attrs;
}

export function addRelation(graph: KgGraph, schema: SchemaInfo, r: ResolvedRelation): void {
  if (!graph.hasNode(r.from) || !graph.hasNode(r.to)) return;
  const attrs = relationAttributes(schema, r);
  if (r.symmetric) graph.addUndirectedEdgeWithKey(r.id, r.from, r.to, attrs);
  else graph.addDirectedEdgeWithKey(r.id, r.from, r.to, attrs);
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
