// Big graphs: every relation drawn as a one-pixel GL line by one custom layer program (sigma's
// `addCustomLayerProgram`), instead of sigma's edge program. Sigma draws an edge as an
// instanced quad whose every vertex reads node and edge data textures; without a GPU
// (SwiftShader) that was 2.1 s of a 3 s frame at 100,000 relations, and even hidden edges cost
// their vertices. A line needs two vertices with plain attributes. The focused relations (a
// selection's, a path's) are drawn again after the others, in their colour, opaque.
import type { RenderParams } from 'sigma/types';
import { colorToArray, type NormalizationFunction } from 'sigma/utils';
import { affineOf } from './affine.js';
import { compileProgram } from './gl-program.js';
import { PackedColors } from './packed-colors.js';
import { LineBatch } from './line-batch.js';

/** What the lines layer needs of the renderer (a sigma instance; see renderer.ts). */
export interface LinesHost {
  getGraph(): {
    forEachNode(cb: (node: string, attributes: Record<string, unknown>) => void): void;
    forEachEdge(
      cb: (
        edge: string,
        attributes: Record<string, unknown>,
        source: string,
        target: string,
      ) => void,
    ): void;
    readonly size: number;
    hasEdge(edge: string): boolean;
    extremities(edge: string): [string, string];
    getEdgeAttributes(edge: string): Record<string, unknown>;
    getNodeAttributes(node: string): Record<string, unknown>;
  };
  /** Graph coordinates to sigma's framed ones, which its matrix maps to the screen. */
  getNormalizationFunction(): NormalizationFunction;
}

export interface EdgeLinesOptions {
  /** A relation's colour when it has none of its own. */
  color: string;
  /** Opacity of every line while nothing is focused. */
  opacity: number;
  /** The colour of the other lines while something is focused. */
  dimColor: string;
}

export const DEFAULT_EDGE_LINES_OPTIONS: EdgeLinesOptions = {
  color: '#c3c9d2',
  opacity: 0.6,
  dimColor: '#eef0f3',
};

const VERTEX = `#version 300 es
in vec2 a_position;
in vec4 a_color;
uniform mat3 u_matrix;
out vec4 v_color;
void main() {
  gl_Position = vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0);
  v_color = a_color;
}`;

// Sigma blends premultiplied colours (ONE, ONE_MINUS_SRC_ALPHA).
const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
uniform vec4 u_dim;
uniform float u_dimming;
out vec4 fragColor;
void main() {
  vec4 c = mix(v_color, u_dim, u_dimming);
  fragColor = vec4(c.rgb * c.a, c.a);
}`;

/** Graph coordinates to sigma's framed ones (what its camera matrix maps): an affine map. */
type Framing = (x: number, y: number) => { x: number; y: number };

/** An entity's place in framed coordinates. */
function framed(frame: Framing, attributes: Record<string, unknown>): { x: number; y: number } {
  return frame(Number(attributes.x), Number(attributes.y));
}

/**
 * The lines of every visible relation, and those of the focused ones drawn again over them.
 * Rebuilt from the graph when `invalidate` was called (the graph replaced, the nodes placed
 * again) or when most of the visible set changed; a relation added, dropped or recoloured, or
 * a few shown or hidden, change their own lines alone; the focused lines are drawn anew when
 * the focus changes.
 */
export class EdgeLines {
  private readonly program: WebGLProgram;
  private readonly all: LineBatch;
  private readonly focused: LineBatch;
  private readonly uMatrix: WebGLUniformLocation | null;
  private readonly uDim: WebGLUniformLocation | null;
  private readonly uDimming: WebGLUniformLocation | null;
  private readonly dim: [number, number, number, number];
  private readonly colors = new PackedColors();
  /** The relations shown (the filters and the timeline); null: all. */
  private visible: ReadonlySet<string> | null = null;
  /** The relations focused; null: nothing is. */
  private focus: ReadonlySet<string> | null = null;
  private dirty = true;
  /** The visible set changed since the lines were last matched to it. */
  private visibleDirty = false;
  /** Graph → framed coordinates, as of the last rebuild (sigma's processing rebuilds). */
  private frame: Framing | null = null;
  /** Only the focused lines are to be drawn again (the focus changed). */
  private focusDirty = false;
  /** Lines drawn by the last frame, all and focused, for the tests. */
  drawn = { all: 0, focused: 0 };
  /** Rebuilds of all the lines so far, for the tests. */
  rebuilds = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly host: LinesHost,
    private readonly options: EdgeLinesOptions,
    /** Whether to skip this frame (the camera moves: `hideEdgesOnMove`). */
    private readonly skip: () => boolean,
  ) {
    this.program = compileProgram(gl, VERTEX, FRAGMENT, 'edge lines');
    this.all = new LineBatch(gl, this.program);
    this.focused = new LineBatch(gl, this.program);
    this.uMatrix = gl.getUniformLocation(this.program, 'u_matrix');
    this.uDim = gl.getUniformLocation(this.program, 'u_dim');
    this.uDimming = gl.getUniformLocation(this.program, 'u_dimming');
    const [r, g, b] = colorToArray(options.dimColor);
    this.dim = [r / 255, g / 255, b / 255, 1];
  }

  invalidate(): void {
    this.dirty = true;
  }

  setVisible(edges: ReadonlySet<string> | null): void {
    this.visible = edges;
    this.visibleDirty = true;
  }

  /** A relation added to the graph: drawn if it is visible. */
  edgeAdded(edge: string): void {
    if (this.dirty || !(this.visible?.has(edge) ?? true)) return;
    this.addLine(edge);
  }

  edgeDropped(edge: string): void {
    this.all.remove(edge);
    if (this.focus?.has(edge)) this.focusDirty = true;
  }

  /** A relation's attributes changed: its colour may have. */
  edgeUpdated(edge: string): void {
    if (this.dirty || !this.all.has(edge)) return;
    const color = this.colorOf(this.host.getGraph().getEdgeAttributes(edge));
    this.all.recolor(edge, this.colors.get(color, this.options.opacity));
    if (this.focus?.has(edge)) this.focusDirty = true;
  }

  setFocus(edges: ReadonlySet<string> | null): void {
    this.focus = edges;
    this.focusDirty = true;
  }

  /** Sigma calls this after placing the nodes again (their normalised positions changed). */
  cacheData(): void {
    this.dirty = true;
  }

  render(params: RenderParams): void {
    if (this.skip()) return;
    if (!this.dirty && this.visibleDirty) this.matchVisible();
    if (this.dirty) this.rebuild();
    else {
      if (this.all.changed) this.all.upload();
      this.drawn = { ...this.drawn, all: this.all.size };
      if (this.focusDirty) this.rebuildFocused();
    }
    const gl = this.gl;
    gl.useProgram(this.program);
    // No blending: a line replaces what is under it (other lines: relations are drawn before
    // entities), translucent over the page. Blending 90,000 lines cost 0.1-0.2 s more per
    // frame without a GPU; sigma's picking pass used to leave it off here anyway.
    gl.disable(gl.BLEND);
    gl.uniformMatrix3fv(this.uMatrix, false, params.matrix);
    gl.uniform4fv(this.uDim, this.dim);
    gl.uniform1f(this.uDimming, this.focus ? 1 : 0);
    this.all.draw();
    gl.uniform1f(this.uDimming, 0);
    this.focused.draw();
  }

  kill(): void {
    this.all.kill();
    this.focused.kill();
    this.gl.deleteProgram(this.program);
  }

  /** A relation's colour: its own, or the default. */
  private colorOf(attributes: Record<string, unknown>): string {
    return typeof attributes.color === 'string' ? attributes.color : this.options.color;
  }

  /** Every line as text, for the tests: the same after changes as after a rebuild. */
  describe(): string[] {
    return this.all.describe();
  }

  /** One relation's line, its entities placed as at the last rebuild. */
  private addLine(edge: string): void {
    const graph = this.host.getGraph();
    const frame = this.frame;
    if (!frame || !graph.hasEdge(edge)) return;
    const [source, target] = graph.extremities(edge);
    const a = framed(frame, graph.getNodeAttributes(source));
    const b = framed(frame, graph.getNodeAttributes(target));
    const color = this.colors.get(
      this.colorOf(graph.getEdgeAttributes(edge)),
      this.options.opacity,
    );
    this.all.add(a, b, color, edge);
  }

  /**
   * The lines matched to a new visible set: those no longer shown removed, those newly shown
   * added; a rebuild instead when that would be most of them (a filter, not a delta).
   */
  private matchVisible(): void {
    this.visibleDirty = false;
    const { visible, all } = this;
    const graph = this.host.getGraph();
    const target = visible?.size ?? graph.size;
    if (Math.abs(target - all.size) > Math.max(100, target / 10)) {
      this.dirty = true;
      return;
    }
    if (visible) {
      for (const edge of all.keys()) if (!visible.has(edge)) all.remove(edge);
      for (const edge of visible) if (!all.has(edge)) this.addLine(edge);
    } else {
      graph.forEachEdge((edge) => {
        if (!all.has(edge)) this.addLine(edge);
      });
    }
    // The focused lines are those visible among the focus.
    this.focusDirty = true;
  }

  private rebuild(): void {
    const graph = this.host.getGraph();
    const { visible, all } = this;
    all.reset(graph.size);
    this.rebuilds++;
    this.visibleDirty = false;
    // Each entity placed once (sigma's own display data is copied on every read).
    const frame = affineOf(this.host.getNormalizationFunction());
    this.frame = frame;
    const placed = new Map<string, { x: number; y: number }>();
    graph.forEachNode((node, attributes) => {
      placed.set(node, framed(frame, attributes));
    });
    const { opacity } = this.options;
    graph.forEachEdge((edge, attributes, source, target) => {
      if (visible && !visible.has(edge)) return;
      const a = placed.get(source);
      const b = placed.get(target);
      if (!a || !b) return;
      all.add(a, b, this.colors.get(this.colorOf(attributes), opacity), edge);
    });
    all.upload();
    this.drawn = { ...this.drawn, all: all.size };
    this.dirty = false;
    // In the focus's own order either way, so the same focus draws the same picture.
    this.rebuildFocused();
  }

  /** The focused lines alone (a hover or a selection: a few of them, not every relation). */
  private rebuildFocused(): void {
    const graph = this.host.getGraph();
    const { visible, focus, focused } = this;
    focused.reset(focus?.size ?? 0);
    const frame = affineOf(this.host.getNormalizationFunction());
    const at = (node: string) => framed(frame, graph.getNodeAttributes(node));
    for (const edge of focus ?? []) {
      if (!graph.hasEdge(edge) || (visible && !visible.has(edge))) continue;
      const [source, target] = graph.extremities(edge);
      const color = this.colorOf(graph.getEdgeAttributes(edge));
      focused.add(at(source), at(target), this.colors.get(color, 1));
    }
    focused.upload();
    this.drawn = { ...this.drawn, focused: focused.vertices / 2 };
    this.focusDirty = false;
  }
}
