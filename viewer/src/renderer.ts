// Sigma v4 set-up: declarative styles driven by node/edge state. Filtering uses the
// built-in `isHidden` state, focus (hover/selection) the `isHighlighted` state plus a
// custom graph flag, so updates are incremental instead of full re-indexing.
import { extremityArrow, layerPlain, pathCurved, pathLine } from 'sigma/rendering';
import { BatchingSigma, LINES_SETTING } from './batching-sigma.js';
import type { ViewGraph, Visibility } from './model.js';

export const DIM_NODE = '#e3e6ea';
export const DIM_EDGE = '#eef0f3';
/** A relation's colour when it has none, and its opacity at rest: sigma's and the lines'. */
const EDGE_COLOR = '#c3c9d2';
const EDGE_OPACITY = 0.6;

export type KgSigma = BatchingSigma;

/**
 * Above this many relations we trade looks for speed: straight edges only (one edge program
 * with a curved path tessellates every edge), no arrowheads, no edge antialiasing, no edge
 * picking. Without arrowheads sigma draws each edge with 4 vertices instead of 12 (a tail and a
 * head zone of 4 each, for every edge since any edge may have one); with no GPU (SwiftShader)
 * a frame of 90,000 edges is bound by those vertices (docs/editors.md, "The frame, split").
 */
export const BIG_GRAPH_EDGES = 20_000;

export function createRenderer(graph: ViewGraph, container: HTMLElement): KgSigma {
  const big = graph.size > BIG_GRAPH_EDGES;
  const renderer = new BatchingSigma(graph as never, container, {
    primitives: {
      edges: {
        paths: big ? [pathLine()] : [pathLine(), pathCurved({ segments: 12 })],
        extremities: big ? [] : [extremityArrow()],
        layers: [layerPlain()],
      },
    },
    customGraphState: { focusing: false, zoomedIn: false },
    styles: {
      nodes: {
        x: { attribute: 'x' },
        y: { attribute: 'y' },
        size: (a, s) => (Number(a._size) || 6) * (s.isHovered ? 1.15 : 1),
        color: (a, s, gs) =>
          gs.focusing && !s.isHighlighted ? DIM_NODE : String(a._color ?? a.color ?? '#8a94a6'),
        // Labels are drawn by the label layer (labels/label-layer.ts), never by sigma.
        labelVisibility: 'hidden',
        visibility: { whenState: 'isHidden', then: 'hidden', else: 'visible' },
        depth: (_a, s) => (s.isHovered || s.isHighlighted ? 'topNodes' : 'nodes'),
        backdropVisibility: { whenState: 'isHovered', then: 'visible', else: 'hidden' },
        backdropColor: '#ffffff',
        backdropShadowColor: 'rgba(15, 23, 42, 0.18)',
        backdropShadowBlur: 10,
        backdropPadding: 5,
        backdropArea: 'node',
        cursor: 'pointer',
      },
      edges: {
        path: 'straight',
        parallelPath: big ? 'straight' : 'curved',
        size: (a, s) => (Number(a._size) || 1) * (s.isHovered ? 2 : s.isHighlighted ? 1.4 : 1),
        color: (a, s, gs) =>
          gs.focusing && !s.isHighlighted && !s.isHovered
            ? DIM_EDGE
            : String(a.color ?? EDGE_COLOR),
        opacity: (_a, s, gs) => (s.isHovered || s.isHighlighted || gs.focusing ? 1 : EDGE_OPACITY),
        head: big ? 'none' : { attribute: '_head' },
        labelVisibility: 'hidden',
        visibility: { whenState: 'isHidden', then: 'hidden', else: 'visible' },
        depth: (_a, s) => (s.isHovered || s.isHighlighted ? 'topEdges' : 'edges'),
        cursor: 'pointer',
      },
      stage: { background: '#fbfbfc' },
    },
    settings: {
      renderLabels: false,
      renderEdgeLabels: false,
      // Sizes are screen pixels, growing only gently when zooming in, so a small graph is not a few huge discs.
      itemSizesReference: 'screen',
      zoomToSizeRatioFunction: (ratio: number) => (ratio >= 1 ? Math.sqrt(ratio) : ratio ** 0.2),
      // Edge picking doubles the edge drawing work; big graphs select relations from the panel.
      enableEdgeEvents: !big,
      [LINES_SETTING]: big,
      hideEdgesOnMove: big,
      antialiasEdges: !big,
      stagePadding: 40,
      minCameraRatio: 0.02,
      maxCameraRatio: 8,
    } as never,
  });
  renderer.repaintNodesInPlace();
  if (big) {
    renderer.pickNodesOnCpu();
    renderer.drawNodesAsPoints();
    renderer.drawEdgesAsLines({ color: EDGE_COLOR, opacity: EDGE_OPACITY, dimColor: DIM_EDGE });
  }
  const camera = renderer.getCamera();
  camera.on('updated', (state) => {
    const zoomedIn = state.ratio < 0.45;
    if (renderer.getGraphState().zoomedIn !== zoomedIn) renderer.setGraphState({ zoomedIn });
  });
  timeRenderer(renderer);
  return renderer;
}

/**
 * Where sigma's time goes, for bench/view-edit.mjs (window.__kg.sigmaTimes): its data
 * processing (buffers rebuilt from the graph) and its whole render calls (processing
 * included); WebGL's own drawing runs after them, in the GPU process.
 */
export const sigmaTimes = { processMs: 0, processes: 0, renderMs: 0, renders: 0 };

function timeRenderer(renderer: KgSigma): void {
  let processStart = 0;
  let renderStart = 0;
  renderer.on('beforeProcess', () => void (processStart = performance.now()));
  renderer.on('afterProcess', () => {
    sigmaTimes.processMs += performance.now() - processStart;
    sigmaTimes.processes++;
  });
  renderer.on('beforeRender', () => void (renderStart = performance.now()));
  renderer.on('afterRender', () => {
    sigmaTimes.renderMs += performance.now() - renderStart;
    sigmaTimes.renders++;
  });
}

/** Hides everything outside `vis`, only touching items whose state changes. */
export function applyVisibility(renderer: KgSigma, graph: ViewGraph, vis: Visibility): void {
  const showN: string[] = [];
  const hideN: string[] = [];
  graph.forEachNode((n) => {
    const hidden = !vis.nodes.has(n);
    if (renderer.getNodeState(n).isHidden !== hidden) (hidden ? hideN : showN).push(n);
  });
  if (showN.length) renderer.setNodesState(showN, { isHidden: false });
  if (hideN.length) renderer.setNodesState(hideN, { isHidden: true });
  // Lines mode (big graphs): sigma knows no relation; the lines layer filters them.
  if (renderer.linesMode) return renderer.setLinesVisible(vis.edges);
  const showE: string[] = [];
  const hideE: string[] = [];
  graph.forEachEdge((e) => {
    const hidden = !vis.edges.has(e);
    if (renderer.getEdgeState(e).isHidden !== hidden) (hidden ? hideE : showE).push(e);
  });
  if (showE.length) renderer.setEdgesState(showE, { isHidden: false });
  if (hideE.length) renderer.setEdgesState(hideE, { isHidden: true });
}

let highlightedNodes = new Set<string>();
let highlightedEdges = new Set<string>();

/** Highlights a set of nodes/edges and dims the rest; null clears the focus. */
export function setFocus(
  renderer: KgSigma,
  focus: { nodes: Set<string>; edges: Set<string> } | null,
): void {
  const nodes = focus?.nodes ?? new Set<string>();
  const edges = focus?.edges ?? new Set<string>();
  const graph = renderer.getGraph();
  const off = (prev: Set<string>, next: Set<string>, has: (k: string) => boolean): string[] =>
    [...prev].filter((k) => !next.has(k) && has(k));
  renderer.setNodesState(
    off(highlightedNodes, nodes, (k) => graph.hasNode(k)),
    { isHighlighted: false },
  );
  renderer.setNodesState([...nodes], { isHighlighted: true });
  if (renderer.linesMode) {
    renderer.setLinesFocus(focus ? edges : null);
  } else {
    renderer.setEdgesState(
      off(highlightedEdges, edges, (k) => graph.hasEdge(k)),
      { isHighlighted: false },
    );
    renderer.setEdgesState([...edges], { isHighlighted: true });
  }
  highlightedNodes = nodes;
  highlightedEdges = edges;
  renderer.setGraphState({ focusing: focus !== null });
}

export function resetFocusMemory(): void {
  highlightedNodes = new Set();
  highlightedEdges = new Set();
}
