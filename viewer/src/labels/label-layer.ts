// Node and relation labels, drawn on a 2D canvas over sigma's WebGL canvases instead of by
// sigma: we choose every label's place (no two overlap, at any zoom), shorten long names with
// "…" (in full on hover) and keep the list of what was drawn, which the PNG export redraws at
// 2× and the browser tests check box by box.
import { affineOf } from '../affine.js';
import type { ViewGraph } from '../model.js';
import type { KgSigma } from '../renderer.js';
import type { LabelDensity } from '../view-state.js';
import { BoxGrid, placeLabels, type Box, type NodeLabelCandidate } from './placement.js';
import { TextFitter } from './text-fit.js';

/** Screen area per free label and the gap between labels, by density. */
const DENSITY: Record<
  LabelDensity,
  { area: number; gap: number; maxWidth: number; discs: boolean }
> = {
  few: { area: 26_000, gap: 8, maxWidth: 140, discs: true },
  normal: { area: 11_000, gap: 4, maxWidth: 170, discs: true },
  // More labels: they may also cross the discs of unlabelled entities.
  many: { area: 4_500, gap: 2, maxWidth: 170, discs: false },
};

const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const NODE_FONT = `500 12px ${FAMILY}`;
const HOVER_FONT = `600 13px ${FAMILY}`;
const EDGE_FONT = `11px ${FAMILY}`;
const PAD_X = 3;
/** Above this many entities on screen, labels may cross the discs of unlabelled ones. */
const CROWDED = 400;
/** Graphs this big skip all but forced labels while the camera moved this recently (ms). */
const BIG = 3_000;
const MOVING_MS = 150;

export interface LabelInputs {
  visible: Set<string>;
  visibleEdges: Set<string>;
  hovered: string | null;
  /** Nodes that must be labelled: the selection, its neighbours, a path. */
  forced: Set<string>;
  /** True while a selection or hover fades everything outside `forced`. */
  focusing: boolean;
  /** Relations to label (the highlighted ones); empty: label visible ones when zoomed in. */
  edges: Set<string>;
  density: LabelDensity;
}

export interface DrawnLabel extends Box {
  kind: 'node' | 'edge';
  key: string;
  text: string;
  font: string;
  color: string;
  background?: string;
  border?: string;
}

function darken(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return '#4a5360';
  const n = parseInt(m[1], 16);
  const ch = (s: number): string =>
    Math.round(((n >> s) & 255) * (1 - amount))
      .toString(16)
      .padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

export class LabelLayer {
  readonly canvas: HTMLCanvasElement;
  /** What the last frame drew, in CSS pixels relative to the graph container. */
  labels: DrawnLabel[] = [];
  /** How long the last update took (placement and drawing), for the benchmark. */
  lastMs = 0;
  private order: string[] = [];
  private toScreen: (node: string) => { x: number; y: number; r: number } = () => ({
    x: 0,
    y: 0,
    r: 0,
  });
  private readonly fitter = new TextFitter();

  constructor(
    private readonly renderer: KgSigma,
    private graph: ViewGraph,
    private readonly inputs: () => LabelInputs,
  ) {
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'label-layer';
    this.canvas.setAttribute('aria-hidden', 'true');
    renderer.getContainer().after(this.canvas);
    renderer.on('afterRender', () => this.update());
    // On big graphs, only forced labels while the camera moves; all of them once it rests.
    renderer.getCamera().on('updated', () => {
      this.movedAt = performance.now();
      clearTimeout(this.restTimer);
      this.restTimer = window.setTimeout(() => this.update(), MOVING_MS + 20);
    });
  }

  private movedAt = 0;
  private restTimer = 0;

  /** Label priority: larger nodes first, then more connected, then by key (stable). */
  setGraph(graph: ViewGraph): void {
    this.graph = graph;
    // Sizes and degrees read once per entity, not in every comparison (33,333 at 100k).
    const ranked = graph.mapNodes((key, a) => ({
      key,
      size: Number(a._size) || 0,
      degree: graph.degree(key),
    }));
    ranked.sort((a, b) => b.size - a.size || b.degree - a.degree || (a.key < b.key ? -1 : 1));
    this.order = ranked.map((r) => r.key);
  }

  private nodeCandidate(
    node: string,
    maxWidth: number,
    forced: boolean,
    hovered: boolean,
  ): NodeLabelCandidate | null {
    const { x, y, r } = this.toScreen(node);
    const full = String(this.graph.getNodeAttribute(node, 'label') || node);
    const font = hovered ? HOVER_FONT : NODE_FONT;
    const text = hovered ? full : this.fitter.fit(full, font, maxWidth);
    if (!text) return null;
    const w = this.fitter.width(text, font) + PAD_X * 2 + (hovered ? 6 : 0);
    return { key: node, x, y, r, w, h: hovered ? 22 : 17, forced };
  }

  /**
   * Where an entity is on screen this frame, from its attributes. The graph → screen map is
   * affine (sigma's normalisation, then the camera) and sizes scale linearly, so three points
   * and one size give it; asking sigma for each entity's display data evaluates its styles
   * every time, far too slow for 10,000 entities a frame.
   */
  private screenTransform(): (node: string) => { x: number; y: number; r: number } {
    const norm = this.renderer.getNormalizationFunction();
    const toScreen = affineOf((p) => this.renderer.framedGraphToViewport(norm(p)));
    const k = this.renderer.scaleSize(1);
    const graph = this.graph;
    return (node) => {
      const a = graph.getNodeAttributes(node);
      const { x, y } = toScreen(Number(a.x) || 0, Number(a.y) || 0);
      return { x, y, r: (Number(a._size) || 6) * k };
    };
  }

  /** The part of the graph not under a panel floating over it (the phone's details sheet). */
  private usableHeight(height: number): number {
    const sheet = document.getElementById('details');
    if (!sheet || getComputedStyle(sheet).position !== 'fixed' || !sheet.offsetHeight)
      return height;
    const top = this.renderer.getContainer().getBoundingClientRect().top;
    return Math.max(0, Math.min(height, sheet.getBoundingClientRect().top - top));
  }

  /** Recomputes the labels for the current camera and state, and draws them. */
  update(): void {
    const t0 = performance.now();
    this.toScreen = this.screenTransform();
    const { width } = this.renderer.getDimensions();
    const height = this.usableHeight(this.renderer.getDimensions().height);
    const inputs = this.inputs();
    const density = DENSITY[inputs.density];
    const grid = new BoxGrid(density.gap);
    const drawn: DrawnLabel[] = [];
    const inView = (c: NodeLabelCandidate): boolean =>
      c.x > -c.r && c.y > -c.r && c.x < width + c.r && c.y < height + c.r;

    // 1. Forced labels (hover first), with the discs of forced nodes as obstacles.
    const forced = [...inputs.forced].filter((n) => inputs.visible.has(n) && n !== inputs.hovered);
    if (inputs.hovered && inputs.visible.has(inputs.hovered)) forced.unshift(inputs.hovered);
    const forcedCands: NodeLabelCandidate[] = [];
    for (const n of forced) {
      const c = this.nodeCandidate(n, density.maxWidth, true, n === inputs.hovered);
      if (c && inView(c)) forcedCands.push(c);
    }
    const discs = new BoxGrid(0);
    for (const c of forcedCands) discs.add({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r });
    const options = { width, height, gap: density.gap, max: 0 };
    for (const p of placeLabels(forcedCands, options, grid, discs)) {
      const hovered = p.key === inputs.hovered;
      drawn.push({
        ...p,
        kind: 'node',
        text: hovered
          ? String(this.graph.getNodeAttribute(p.key, 'label') || p.key)
          : this.fitter.fit(
              String(this.graph.getNodeAttribute(p.key, 'label') || p.key),
              NODE_FONT,
              density.maxWidth,
            ),
        font: hovered ? HOVER_FONT : NODE_FONT,
        color: '#111827',
        ...(hovered ? { background: '#ffffff', border: '#c9d0d9' } : {}),
      });
    }

    if (this.graph.order > BIG && performance.now() - this.movedAt < MOVING_MS) {
      this.labels = drawn;
      this.paint(width, this.renderer.getDimensions().height);
      this.lastMs = performance.now() - t0;
      return;
    }

    // 2. Relation labels where they fit.
    const onScreen = new Set<string>();
    for (const n of this.order) {
      if (!inputs.visible.has(n)) continue;
      const p = this.toScreen(n);
      if (p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height) onScreen.add(n);
    }
    this.placeEdgeLabels(inputs, grid, drawn, width, height, onScreen);

    // 3. Other labels, most important first, up to the density's budget.
    const max = Math.round(((width * height) / density.area) * (inputs.focusing ? 0.5 : 1));
    const free: NodeLabelCandidate[] = [];
    const taken = new Set(forced);
    // Labels keep off other entities' discs, so no label hides an entity; on a crowded
    // screen (discs everywhere) only off the labelled ones.
    const shown: { x: number; y: number; r: number }[] = [];
    for (const n of this.order) {
      if (!inputs.visible.has(n)) continue;
      const p = this.toScreen(n);
      const r = p.r;
      if (p.x < -r || p.y < -r || p.x > width + r || p.y > height + r) continue;
      if (shown.length <= CROWDED) shown.push({ x: p.x, y: p.y, r });
      if (free.length >= max * 6 || taken.has(n)) continue;
      const c = this.nodeCandidate(n, density.maxWidth, false, false);
      if (c) free.push(c);
    }
    if (density.discs && shown.length <= CROWDED) {
      for (const { x, y, r } of shown) discs.add({ x: x - r, y: y - r, w: 2 * r, h: 2 * r });
    }
    const faded = inputs.focusing;
    for (const p of placeLabels(free, { width, height, gap: density.gap, max }, grid, discs)) {
      drawn.push({
        ...p,
        kind: 'node',
        text: this.fitter.fit(
          String(this.graph.getNodeAttribute(p.key, 'label') || p.key),
          NODE_FONT,
          density.maxWidth,
        ),
        font: NODE_FONT,
        color: faded ? '#9aa3ae' : '#1f2933',
      });
    }
    this.labels = drawn;
    this.paint(width, this.renderer.getDimensions().height);
    this.lastMs = performance.now() - t0;
  }

  private placeEdgeLabels(
    inputs: LabelInputs,
    grid: BoxGrid,
    drawn: DrawnLabel[],
    width: number,
    height: number,
    onScreen: Set<string>,
  ): void {
    const graph = this.graph;
    let edges = [...inputs.edges];
    if (!edges.length && !inputs.focusing && this.renderer.getCamera().getState().ratio < 0.45) {
      // Zoomed in: the relations between entities on screen, when they are not too many.
      if (onScreen.size > 300) return;
      const seen = new Set<string>();
      for (const n of onScreen) {
        graph.forEachEdge(n, (e, _a, s, t) => {
          if (inputs.visibleEdges.has(e) && onScreen.has(s === n ? t : s)) seen.add(e);
        });
      }
      edges = [...seen];
    }
    // Parallel relations share one label: "met · praises".
    const pairs = new Map<string, { s: string; t: string; labels: string[]; color: string }>();
    for (const e of edges) {
      if (!graph.hasEdge(e)) continue;
      const [s, t] = graph.extremities(e);
      if (!inputs.visible.has(s) || !inputs.visible.has(t)) continue;
      const key = s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`;
      const label = String(graph.getEdgeAttribute(e, 'label') || graph.getEdgeAttribute(e, 'type'));
      const p = pairs.get(key);
      if (!p)
        pairs.set(key, {
          s,
          t,
          labels: [label],
          color: String(graph.getEdgeAttribute(e, 'color') ?? ''),
        });
      else if (!p.labels.includes(label)) p.labels.push(label);
    }
    for (const [key, p] of pairs) {
      const pa = this.toScreen(p.s);
      const pb = this.toScreen(p.t);
      const room = Math.hypot(pb.x - pa.x, pb.y - pa.y) - pa.r - pb.r - 12;
      const text = this.fitter.fit(p.labels.join(' · '), EDGE_FONT, Math.min(room, 180));
      if (!text || room < 36) continue;
      const w = this.fitter.width(text, EDGE_FONT) + PAD_X * 2;
      const h = 15;
      const box = { x: (pa.x + pb.x) / 2 - w / 2, y: (pa.y + pb.y) / 2 - h / 2, w, h };
      if (box.x < 0 || box.y < 0 || box.x + w > width || box.y + h > height) continue;
      if (grid.collides(box)) continue;
      grid.add(box);
      drawn.push({
        ...box,
        kind: 'edge',
        key,
        text,
        font: EDGE_FONT,
        color: darken(p.color, 0.35),
        background: 'rgba(255,255,255,0.92)',
      });
    }
  }

  private paint(width: number, height: number): void {
    const ratio = window.devicePixelRatio || 1;
    const w = Math.round(width * ratio);
    const h = Math.round(height * ratio);
    if (this.canvas.width !== w || this.canvas.height !== h) {
      this.canvas.width = w;
      this.canvas.height = h;
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = `${height}px`;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, w, h);
    drawLabels(ctx, this.labels, ratio);
  }
}

/** Draws labels into any 2D context at a scale (the screen, or the PNG at 2×). */
export function drawLabels(
  ctx: CanvasRenderingContext2D,
  labels: DrawnLabel[],
  scale: number,
): void {
  ctx.save();
  ctx.scale(scale, scale);
  ctx.textBaseline = 'middle';
  ctx.lineJoin = 'round';
  for (const l of labels) {
    if (l.background) {
      ctx.fillStyle = l.background;
      ctx.beginPath();
      ctx.roundRect(l.x, l.y, l.w, l.h, l.kind === 'edge' ? l.h / 2 : 4);
      ctx.fill();
      if (l.border) {
        ctx.strokeStyle = l.border;
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.roundRect(l.x + 0.5, l.y + 0.5, l.w - 1, l.h - 1, 4);
        ctx.stroke();
      }
    }
    ctx.font = l.font;
    const x = l.x + PAD_X + (l.border ? 3 : 0);
    const y = l.y + l.h / 2;
    if (!l.background) {
      ctx.strokeStyle = 'rgba(251,251,252,0.95)';
      ctx.lineWidth = 3;
      ctx.strokeText(l.text, x, y);
    }
    ctx.fillStyle = l.color;
    ctx.fillText(l.text, x, y);
  }
  ctx.restore();
}
