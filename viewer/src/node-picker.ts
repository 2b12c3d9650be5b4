// Big graphs: the entity under the pointer found on the CPU, instead of sigma's picking pass.
// Sigma draws every node a second time, into a picking framebuffer, at every frame; without a
// GPU (SwiftShader) that second pass was 0.3–0.4 s of a 1.1–1.5 s frame at 33,333 entities,
// for a buffer read only when the pointer moves or clicks. Here a grid over the entities'
// positions answers a pointer position in microseconds, with what sigma last drew (its
// node display data: position, size, visibility, depth).

import { TOP_NODES } from './node-points.js';
import { sigmaInternals, type PickableNode } from './sigma-internals.js';

/** What the picker needs of the renderer. */
export interface PickerHost {
  /** Sigma's display data of every node, by key. */
  nodeData(): Readonly<Record<string, PickableNode | undefined>>;
  /** Viewport to sigma's framed coordinates, those of its display data. */
  viewportToFramedGraph(point: { x: number; y: number }): { x: number; y: number };
  /** The radius drawn for a node size, in framed coordinates, at the current zoom. */
  framedRadius(size: number): number;
  /** Where a node is in sigma's draw order: the one drawn last is on top. */
  drawOrder(key: string): number;
}

/**
 * How far beyond the largest size the grid was built with a query looks: hovering grows an
 * entity by 15% (renderer.ts) without sigma processing it again.
 */
const REACH = 1.25;

export class NodePicker {
  private cells = new Map<number, string[]>();
  private cellSize = 1;
  private minX = 0;
  private minY = 0;
  private columns = 1;
  private rows = 1;
  private maxSize = 0;
  private dirty = true;

  constructor(private readonly host: PickerHost) {}

  /** Sigma processed its nodes again (added, dropped, moved): the grid is rebuilt when next asked. */
  invalidate(): void {
    this.dirty = true;
  }

  /**
   * Sigma wrote a node in place (a new size or colour, a state): its place is unchanged, but
   * a size beyond the largest the grid reaches for needs a wider reach.
   */
  written(node: PickableNode): void {
    if (node.size > this.maxSize * REACH) this.dirty = true;
  }

  /**
   * The entity drawn at this viewport position, or null: of several overlapping there, the
   * one drawn last, on top, as sigma's picking pass would find it.
   */
  hitAt(point: { x: number; y: number }): string | null {
    if (this.dirty) this.build();
    const data = this.host.nodeData();
    const at = this.host.viewportToFramedGraph(point);
    const reach = this.host.framedRadius(this.maxSize) * REACH;
    let best: string | null = null;
    let bestOrder = -Infinity;
    const c0 = this.column(at.x - reach);
    const c1 = this.column(at.x + reach);
    const r0 = this.row(at.y - reach);
    const r1 = this.row(at.y + reach);
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        const keys = this.cells.get(r * this.columns + c);
        if (!keys) continue;
        for (const key of keys) {
          const node = data[key];
          if (!node || node.visibility === 'hidden') continue;
          const radius = this.host.framedRadius(node.size);
          if (!(Math.hypot(node.x - at.x, node.y - at.y) <= radius)) continue;
          const order = this.host.drawOrder(key);
          if (order <= bestOrder) continue;
          best = key;
          bestOrder = order;
        }
      }
    }
    return best;
  }

  private column(x: number): number {
    return Math.min(this.columns - 1, Math.max(0, Math.floor((x - this.minX) / this.cellSize)));
  }

  private row(y: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((y - this.minY) / this.cellSize)));
  }

  /** About two entities per cell on average, over the extent of their positions. */
  private build(): void {
    const data = this.host.nodeData();
    const keys = Object.keys(data);
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let maxSize = 0;
    for (const key of keys) {
      const node = data[key];
      if (!node) continue;
      minX = Math.min(minX, node.x);
      maxX = Math.max(maxX, node.x);
      minY = Math.min(minY, node.y);
      maxY = Math.max(maxY, node.y);
      maxSize = Math.max(maxSize, node.size);
    }
    const extent = Math.max(maxX - minX, maxY - minY);
    const perSide = Math.max(1, Math.ceil(Math.sqrt(keys.length / 2)));
    this.cellSize = extent > 0 ? extent / perSide : 1;
    this.minX = Number.isFinite(minX) ? minX : 0;
    this.minY = Number.isFinite(minY) ? minY : 0;
    this.columns = Math.floor((maxX - this.minX) / this.cellSize) + 1 || 1;
    this.rows = Math.floor((maxY - this.minY) / this.cellSize) + 1 || 1;
    this.maxSize = maxSize;
    this.cells = new Map();
    for (const key of keys) {
      const node = data[key];
      if (!node) continue;
      const cell = this.row(node.y) * this.columns + this.column(node.x);
      const list = this.cells.get(cell);
      if (list) list.push(key);
      else this.cells.set(cell, [key]);
    }
    this.dirty = false;
  }
}

/** What `pickOnCpu` needs of sigma's public API. */
interface PickingSigma extends Pick<PickerHost, 'viewportToFramedGraph'> {
  scaleSize(size?: number): number;
  on(event: 'afterProcess', listener: () => void): unknown;
}

/**
 * Sigma finds entities on the CPU and draws no picking pass (nothing else of ours is picked on a
 * big graph: relations are selected from the panel). Sigma's two readers of its picking buffer
 * ask the picker instead: a click's `getHitAtPosition`, and the hover resolver, which resolves
 * at once rather than a frame later. The picker's grid follows sigma's processing (positions)
 * and its writes of a node in place (sizes).
 */
export function pickOnCpu(sigma: PickingSigma): NodePicker {
  const self = sigmaInternals(sigma);
  const picker = new NodePicker({
    nodeData: () => self.internals.nodeDataCache,
    viewportToFramedGraph: (p) => sigma.viewportToFramedGraph(p),
    // Sigma's node shaders: radius = size × correction ratio ÷ size ratio × 2, before the
    // camera matrix (its GLSL_NODE_SIZE_TO_PIXELS).
    framedRadius: (size) => size * self.correctionRatio * sigma.scaleSize() * 2,
    // Sigma draws its slots depth by depth: hovered and highlighted nodes after the others.
    drawOrder: (key) => {
      const slot = self.nodeProgramIndex[key];
      if (slot === undefined) return -1;
      return self.internals.nodeDataCache[key]?.depth === TOP_NODES ? slot + 2 ** 30 : slot;
    },
  });
  const render = self.getRenderParams.bind(sigma);
  self.getRenderParams = () => ({ ...render(), pickingFrameBuffer: null });
  self.getHitAtPosition = (position) => {
    const key = picker.hitAt(position);
    return key === null ? null : { kind: 'node', key };
  };
  const hover = self.internals.hoverResolver;
  hover.request = () => {
    const event = hover.lastEvent;
    if (hover.killed || !hover.active || !event) return;
    const key = picker.hitAt(event);
    // Index 0 is sigma's "nothing here".
    hover.options.onIndex(
      key === null ? 0 : (self.pickingState.idsByKind.node.get(key) ?? 0),
      event,
    );
  };
  // Every write of a node by sigma (processing, a repaint in place, a state) passes here.
  const write = self.addNodeToProgram.bind(sigma);
  self.addNodeToProgram = (node, slot) => {
    write(node, slot);
    const data = self.internals.nodeDataCache[node];
    if (data) picker.written(data);
  };
  sigma.on('afterProcess', () => picker.invalidate());
  return picker;
}
