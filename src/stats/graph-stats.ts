// Summary figures of a compiled graph, for `kg stats` and scripts.
import { connectedComponents } from 'graphology-components';
import type { KgGraph } from '../types.js';
import { dict } from '../util/dict.js';

export interface GraphStats {
  /** The graph's name and, from the project manifest, its title. */
  name: string;
  title?: string;
  entities: number;
  relations: number;
  sources: number;
  entityTypes: Record<string, number>;
  relationTypes: Record<string, number>;
  topByDegree: { id: string; label: string; type: string; degree: number }[];
  components: { count: number; sizes: number[] };
  dated: { relations: number; first?: string; last?: string };
}

function countBy(values: Iterable<string>, keys: string[]): Record<string, number> {
  const counts = dict<number>();
  for (const k of keys) counts[k] = 0;
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
}

export function graphStats(graph: KgGraph, top = 10): GraphStats {
  const schema = graph.getAttribute('schema');
  const nodeTypes = graph.mapNodes((_n, a) => a.type);
  const edgeTypes = graph.mapEdges((_e, a) => a.type);
  const topByDegree = graph
    .mapNodes((id, a) => ({ id, label: a.label, type: a.type, degree: graph.degree(id) }))
    .sort((a, b) => b.degree - a.degree || (a.id < b.id ? -1 : 1))
    .slice(0, top);
  const sizes = connectedComponents(graph)
    .map((c) => c.length)
    .sort((a, b) => b - a);
  const dates = graph
    .mapEdges((_e, a) => a.date ?? a.start ?? a.end)
    .filter((d): d is string => d !== undefined)
    .sort();
  const dated: GraphStats['dated'] = { relations: dates.length };
  if (dates.length) {
    dated.first = dates[0];
    dated.last = dates[dates.length - 1];
  }
  const title = graph.getAttribute('title');
  return {
    name: graph.getAttribute('name'),
    ...(title === undefined ? {} : { title }),
    entities: graph.order,
    relations: graph.size,
    sources: Object.keys(graph.getAttribute('sources')).length,
    entityTypes: countBy(nodeTypes, Object.keys(schema.entities)),
    relationTypes: countBy(edgeTypes, Object.keys(schema.relations)),
    topByDegree,
    components: { count: sizes.length, sizes },
    dated,
  };
}
