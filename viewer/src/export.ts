// Export plumbing: the viewer writes files with the project's own writers (src/export/), the
// same modules `kg export` runs, so a file of the visible subgraph is byte for byte what the CLI
// writes for that subgraph. The writers yield text chunks; here they become a Blob.
import { MultiGraph } from 'graphology';
import type { ExportFile } from '../../src/export/exporter.js';
import type { KgGraph } from '../../src/types.js';
import type { ViewGraph, Visibility } from './model.js';

/** Attributes without the viewer's private `_` display keys. */
function dataOnly<T extends object>(attrs: T): T {
  const out = {} as T;
  for (const [key, value] of Object.entries(attrs)) {
    if (!key.startsWith('_')) (out as Record<string, unknown>)[key] = value;
  }
  return out;
}

/**
 * The visible nodes and edges as a compiled graph: graph attributes, nodes and edges in the
 * graph's order, symmetric relations still undirected. Positions are the current ones (as
 * compiled, unless the layout was run in the viewer).
 */
export function visibleSubgraph(graph: ViewGraph, vis: Visibility): KgGraph {
  const sub: KgGraph = new MultiGraph({ allowSelfLoops: graph.allowSelfLoops });
  sub.replaceAttributes({ ...graph.getAttributes() });
  graph.forEachNode((node, attrs) => {
    if (vis.nodes.has(node)) sub.addNode(node, dataOnly(attrs));
  });
  graph.forEachEdge((edge, attrs, source, target, _sa, _ta, undirected) => {
    if (!vis.edges.has(edge)) return;
    if (undirected) sub.addUndirectedEdgeWithKey(edge, source, target, dataOnly(attrs));
    else sub.addDirectedEdgeWithKey(edge, source, target, dataOnly(attrs));
  });
  return sub;
}

/** An export file as a Blob, chunk by chunk (the browser's sink for the shared writers). */
export function fileBlob(file: ExportFile, type: string): Blob {
  return new Blob([...file.chunks()], { type });
}
