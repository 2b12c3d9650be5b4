// Big graphs: every relation at rest drawn as a one-pixel GL line by one custom layer program
// (sigma's `addCustomLayerProgram`), instead of sigma's edge program. Sigma draws an edge as an
// instanced quad whose every vertex reads node and edge data textures; without a GPU
// (SwiftShader) that was 2.1 s of a 3 s frame at 100,000 relations, and even hidden edges cost
// their vertices. A line needs two vertices with plain attributes. Sigma still draws the
// highlighted and hovered relations (its `topEdges` depth), in full width, over the lines.
import type { RenderParams } from 'sigma/types';
import { colorToArray, type NormalizationFunction } from 'sigma/utils';

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
  };
  /** Graph coordinates to sigma's framed ones, which its matrix maps to the screen. */
  getNormalizationFunction(): NormalizationFunction;
  getEdgeState(edge: string): { isHidden?: boolean };
}

export interface EdgeLinesOptions {
  /** A relation's colour when it has none of its own. */
  color: string;
  /** Opacity of every line while nothing is focused. */
  opacity: number;
  /** The colour of every line while something is focused (sigma draws the focused ones). */
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

function compile(gl: WebGL2RenderingContext): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, VERTEX],
    [gl.FRAGMENT_SHADER, FRAGMENT],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new Error('edge lines: no shader');
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error(`edge lines: ${gl.getShaderInfoLog(shader) ?? 'shader did not compile'}`);
    }
    gl.attachShader(program, shader);
    gl.deleteShader(shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`edge lines: ${gl.getProgramInfoLog(program) ?? 'program did not link'}`);
  }
  return program;
}

/**
 * The lines of every visible relation, rebuilt from the graph when `invalidate` was called
 * (a relation added, dropped, hidden or shown, recoloured; the nodes placed again) and
 * otherwise drawn from the buffers as they are.
 */
export class EdgeLines {
  private readonly program: WebGLProgram;
  private readonly vao: WebGLVertexArrayObject;
  private readonly positionBuffer: WebGLBuffer;
  private readonly colorBuffer: WebGLBuffer;
  private readonly uMatrix: WebGLUniformLocation | null;
  private readonly uDim: WebGLUniformLocation | null;
  private readonly uDimming: WebGLUniformLocation | null;
  private readonly dim: [number, number, number, number];
  /** Parsed colours by their CSS text (a few dozen distinct ones: relation types). */
  private readonly colors = new Map<string, number>();
  private positions = new Float32Array(0);
  private rgba = new Uint32Array(0);
  private vertices = 0;
  private dirty = true;
  /** Lines drawn by the last rebuild, for the tests. */
  drawn = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    private readonly host: LinesHost,
    private readonly options: EdgeLinesOptions,
    /** Whether the lines are drawn dimmed (something is focused), read at each frame. */
    private readonly dimming: () => boolean,
    /** Whether to skip this frame (the camera moves: `hideEdgesOnMove`). */
    private readonly skip: () => boolean,
  ) {
    this.program = compile(gl);
    this.vao = gl.createVertexArray();
    this.positionBuffer = gl.createBuffer();
    this.colorBuffer = gl.createBuffer();
    this.uMatrix = gl.getUniformLocation(this.program, 'u_matrix');
    this.uDim = gl.getUniformLocation(this.program, 'u_dim');
    this.uDimming = gl.getUniformLocation(this.program, 'u_dimming');
    const [r, g, b] = colorToArray(options.dimColor);
    this.dim = [r / 255, g / 255, b / 255, 1];
    gl.bindVertexArray(this.vao);
    const position = gl.getAttribLocation(this.program, 'a_position');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positionBuffer);
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    const color = gl.getAttribLocation(this.program, 'a_color');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colorBuffer);
    gl.enableVertexAttribArray(color);
    gl.vertexAttribPointer(color, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindVertexArray(null);
  }

  invalidate(): void {
    this.dirty = true;
  }

  /** Sigma calls this after placing the nodes again (their normalised positions changed). */
  cacheData(): void {
    this.dirty = true;
  }

  render(params: RenderParams): void {
    if (this.skip()) return;
    if (this.dirty) this.rebuild();
    if (!this.vertices) return;
    const gl = this.gl;
    gl.useProgram(this.program);
    gl.uniformMatrix3fv(this.uMatrix, false, params.matrix);
    gl.uniform4fv(this.uDim, this.dim);
    gl.uniform1f(this.uDimming, this.dimming() ? 1 : 0);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.LINES, 0, this.vertices);
    gl.bindVertexArray(null);
  }

  kill(): void {
    const gl = this.gl;
    gl.deleteBuffer(this.positionBuffer);
    gl.deleteBuffer(this.colorBuffer);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
  }

  /** Packs a colour as the four bytes a_color reads (little-endian: r first). */
  private pack(css: string): number {
    let packed = this.colors.get(css);
    if (packed === undefined) {
      const [r, g, b, a] = colorToArray(css);
      const alpha = Math.round((a / 255) * this.options.opacity * 255);
      packed = (r | (g << 8) | (b << 16) | (alpha << 24)) >>> 0;
      this.colors.set(css, packed);
    }
    return packed;
  }

  private rebuild(): void {
    const graph = this.host.getGraph();
    const capacity = graph.size * 2;
    if (this.positions.length < capacity * 2) {
      this.positions = new Float32Array(capacity * 2);
      this.rgba = new Uint32Array(capacity);
    }
    const positions = this.positions;
    const rgba = this.rgba;
    // Each entity placed once (sigma's own display data is copied on every read).
    const normalise = this.host.getNormalizationFunction();
    const placed = new Map<string, { x: number; y: number }>();
    graph.forEachNode((node, attributes) => {
      placed.set(node, normalise({ x: Number(attributes.x), y: Number(attributes.y) }));
    });
    let v = 0;
    graph.forEachEdge((edge, attributes, source, target) => {
      if (this.host.getEdgeState(edge).isHidden) return;
      const a = placed.get(source);
      const b = placed.get(target);
      if (!a || !b) return;
      const color = this.pack(
        typeof attributes.color === 'string' ? attributes.color : this.options.color,
      );
      positions[v * 2] = a.x;
      positions[v * 2 + 1] = a.y;
      rgba[v++] = color;
      positions[v * 2] = b.x;
      positions[v * 2 + 1] = b.y;
      rgba[v++] = color;
    });
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positionBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, positions.subarray(0, v * 2), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colorBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, rgba.subarray(0, v), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    this.vertices = v;
    this.drawn = v / 2;
    this.dirty = false;
  }
}
