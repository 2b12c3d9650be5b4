// `window.__kg` for the browser tests and the benchmark (read-only but for `applyDelta`): counts, state, where
// things are drawn, which labels were drawn where, what the last PNG said.
import type { ColorLegend } from './appearance.js';
import { LINES_LAYER } from './batching-sigma.js';
import { POINTS_LAYER } from './node-points.js';
import type { WireDelta } from './delta.js';
import type { DrawnLabel } from './labels/label-layer.js';
import type { ViewGraph, Visibility } from './model.js';
import type { PngText } from './png.js';
import { sigmaTimes, type KgSigma } from './renderer.js';
import { sigmaInternals } from './sigma-internals.js';
import Sigma from 'sigma';
import type { ViewState } from './view-state.js';

export interface HookSources {
  ready(): boolean;
  graph(): ViewGraph;
  vis(): Visibility;
  state: ViewState;
  renderer(): KgSigma;
  reloads(): number;
  deltas(): number;
  errors(): number;
  layoutRunning(): boolean;
  hovered(): string | null;
  labels(): DrawnLabel[];
  labelMs(): number;
  relabel(): void;
  colorLegend(): ColorLegend | null;
  lastPng(): (PngText & { width: number; height: number }) | null;
  pathFocus(): { nodes: string[]; edges: string[] } | null;
  applyDelta(delta: WireDelta): boolean;
}

export function exposeHook(src: HookSources): void {
  const hook = {
    get ready() {
      return src.ready();
    },
    get order() {
      return src.graph().order;
    },
    get size() {
      return src.graph().size;
    },
    get visibleNodes() {
      return src.vis().nodes.size;
    },
    get visibleEdges() {
      return src.vis().edges.size;
    },
    get selected() {
      return src.state.selection ? { ...src.state.selection } : null;
    },
    get state() {
      const s = src.state;
      return JSON.parse(
        JSON.stringify({
          ...s,
          hiddenEntityTypes: [...s.hiddenEntityTypes],
          hiddenRelationTypes: [...s.hiddenRelationTypes],
        }),
      ) as unknown;
    },
    get reloads() {
      return src.reloads();
    },
    get deltas() {
      return src.deltas();
    },
    get errors() {
      return src.errors();
    },
    get layoutRunning() {
      return src.layoutRunning();
    },
    get hovered() {
      return src.hovered();
    },
    isNodeVisible: (key: string) => src.vis().nodes.has(key),
    isEdgeVisible: (key: string) => src.vis().edges.has(key),
    /** The edges of an entity: key, type, ends and evidence count. */
    edgesOf: (node: string) =>
      src.graph().hasNode(node)
        ? src.graph().mapEdges(node, (key, a, source, target) => ({
            key,
            type: a.type,
            source,
            target,
            evidence: a.evidence_count,
          }))
        : [],
    nodeLabel: (key: string) =>
      src.graph().hasNode(key) ? src.graph().getNodeAttribute(key, 'label') : null,
    nodeColor: (key: string) => {
      const a = src.graph().getNodeAttributes(key);
      return String(a._color ?? a.color);
    },
    nodeSize: (key: string) => Number(src.graph().getNodeAttribute(key, '_size')),
    camera: () => src.renderer().getCamera().getState(),
    /** Every node's graph position, in node order. */
    positions: () => src.graph().mapNodes((_k, a): [number, number] => [a.x, a.y]),
    /** Visible neighbours of an entity. */
    neighbours: (key: string) =>
      src
        .graph()
        .neighbors(key)
        .filter((n) => src.vis().nodes.has(n)),
    /** Where a node is drawn, in CSS pixels relative to the graph container. */
    nodeOnScreen: (key: string) => {
      const r = src.renderer();
      const d = r.getNodeDisplayData(key);
      return d ? { ...r.framedGraphToViewport({ x: d.x, y: d.y }), r: r.scaleSize(d.size) } : null;
    },
    /** The labels the last frame drew (CSS pixels relative to the graph container). */
    labels: () =>
      src
        .labels()
        .map(({ kind, key, text, x, y, w, h, font }) => ({ kind, key, text, x, y, w, h, font })),
    /** Milliseconds the label layer took for the last frame. */
    labelMs: () => src.labelMs(),
    /** Places and draws the labels again now; returns how long that took (ms). */
    relabel: () => {
      src.relabel();
      return src.labelMs();
    },
    colorLegend: () => src.colorLegend(),
    lastPng: () => src.lastPng(),
    pathFocus: () => src.pathFocus(),
    dimensions: () => src.renderer().getDimensions(),
    /** An entity as a delta carries it (its attributes as the page holds them). */
    nodeData: (key: string) => ({ key, attributes: src.graph().getNodeAttributes(key) }),
    /** A relation as a delta carries it (its attributes as the page holds them). */
    edgeData: (key: string) => {
      const g = src.graph();
      return {
        key,
        source: g.source(key),
        target: g.target(key),
        undirected: g.isUndirected(key),
        attributes: g.getEdgeAttributes(key),
      };
    },
    /**
     * Applies a delta as if `kg view` had sent it (tests: sequences the server would take
     * seconds to produce); false when the page would load the whole graph instead.
     */
    applyDelta: (delta: WireDelta) => src.applyDelta(delta),
    /** The relation sigma shows as hovered (its own hover state; sigma internals), or null. */
    hoveredEdge: (): string | null => {
      const r = src.renderer() as unknown as {
        stateManager: { hovered: { kind: string; key: string } | null };
      };
      const h = r.stateManager.hovered;
      return h?.kind === 'edge' ? h.key : null;
    },
    /** Every relation's key, sorted. */
    edgeKeys: (): string[] => src.graph().edges().sort(),
    /**
     * The relations in sigma's edge buffers as its last processing left them (its picking
     * ids, one per edge processed; sigma internals), sorted: after a delta, the graph's.
     */
    drawnEdges: (): string[] => {
      const r = src.renderer() as unknown as {
        pickingState: { idsByKind: Record<string, Map<string, number> | undefined> };
      };
      return [...(r.pickingState.idsByKind.edge?.keys() ?? [])].sort();
    },
    /** Lines the big-graph lines layer drew at its last rebuild, all and focused (null: not in use). */
    linesDrawn: () => src.renderer().linesDrawn(),
    /** Every line as text, drawn now, or after all are rebuilt; and the rebuilds so far. */
    describeLines: (rebuilt: boolean) => src.renderer().describeLines(rebuilt),
    /** Edge slots sigma ever filled in its edge data texture (sigma internals). */
    sigmaEdgeSlots: (): number =>
      (
        src.renderer() as unknown as {
          internals: { edgeDataTexture: { getHighWaterMark(): number } };
        }
      ).internals.edgeDataTexture.getHighWaterMark(),
    /** Takes the lines layer away (the relations are then drawn by nothing). */
    dropLines: (): void => void src.renderer().removeCustomLayerProgram(LINES_LAYER),
    /** Removes the entity points layer (big graphs), to see what sigma itself draws. */
    dropPoints: (): void => {
      src.renderer().removeCustomLayerProgram(POINTS_LAYER);
      src.renderer().renderNow();
    },
    /**
     * A frame drawn now, then the colour of the drawn picture at each point (CSS pixels of the
     * graph's canvas), read before the browser takes the frame.
     */
    pixelsAt: (points: { x: number; y: number }[]): [number, number, number, number][] => {
      const r = src.renderer();
      r.renderNow();
      const gl = r.getWebGLContext();
      const ratio = gl.drawingBufferWidth / r.getDimensions().width;
      const out = new Uint8Array(4);
      return points.map(({ x, y }) => {
        gl.readPixels(
          Math.round(x * ratio),
          gl.drawingBufferHeight - 1 - Math.round(y * ratio),
          1,
          1,
          gl.RGBA,
          gl.UNSIGNED_BYTE,
          out,
        );
        return [out[0] ?? 0, out[1] ?? 0, out[2] ?? 0, out[3] ?? 0];
      });
    },
    /** The entity the CPU picker finds at each point (big graphs; node-picker.ts). */
    nodeAt: (points: { x: number; y: number }[]): (string | null)[] =>
      points.map((p) => src.renderer().nodeAtOnCpu(p)),
    /**
     * What sigma's own picking buffer holds at each point: as the last frame left it
     * (`redraw` false), or after a frame drawn with sigma's picking pass, at full resolution.
     */
    pickedBySigma: (points: { x: number; y: number }[], redraw: boolean): (string | null)[] => {
      const r = src.renderer();
      const own = Object.getOwnPropertyDescriptor(r, 'getRenderParams');
      const ratio = r.getSetting('pickingDownSizingRatio');
      if (redraw) {
        Reflect.deleteProperty(r, 'getRenderParams');
        r.setSetting('pickingDownSizingRatio', 1);
        r.withSigmaNodes(() => r.renderNow());
      }
      const hits = points.map((p) => {
        const hit = sigmaInternals(Sigma.prototype).getHitAtPosition.call(r, p);
        return hit?.kind === 'node' ? hit.key : null;
      });
      if (redraw) {
        if (own) Object.defineProperty(r, 'getRenderParams', own);
        r.setSetting('pickingDownSizingRatio', ratio);
        r.renderNow();
      }
      return hits;
    },
    /** Sigma's processing and render time so far (renderer.ts). */
    sigmaTimes: () => ({ ...sigmaTimes }),
    /**
     * Times one sigma frame alone: its JavaScript (with `reprocess`, its buffers rebuilt from
     * the whole graph first, as after a structural change) and until two animation frames
     * later, when the browser has drawn it (WebGL runs in the GPU process).
     */
    drawOnce: async (reprocess: boolean) => {
      const r = src.renderer();
      const t0 = performance.now();
      if (reprocess) r.refresh();
      else r.renderNow();
      const jsMs = performance.now() - t0;
      await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
      return { jsMs, frameMs: performance.now() - t0 };
    },
  };
  Object.defineProperty(window, '__kg', { value: Object.freeze(hook), configurable: false });
}
