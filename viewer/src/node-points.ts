// Big graphs: the entities drawn as GL points by one custom layer program, instead of sigma's
// node program, which draws each node as an instanced quad whose vertices read sigma's data
// textures and whose fragments evaluate its shape and layer functions. Without a GPU
// (SwiftShader) that was 0.3–0.5 s of a frame at 33,333 entities, whatever their size: the
// cost is per node. A point is one vertex with plain attributes.
//
// The points mirror sigma's node program slot for slot: sigma writes every node it places
// (processing, an in-place repaint, a state change) through `addNodeToProgram(node, slot)`,
// which is also where this layer learns of it, so the points are drawn in sigma's order with
// sigma's styled position, size and colour. Hovered and highlighted nodes (sigma's `topNodes`
// depth, drawn over their backdrop) are left to sigma's program.
import type { RenderParams } from 'sigma/types';
import { bindAttribute, compileProgram } from './gl-program.js';
import { PackedColors } from './packed-colors.js';
import { sigmaInternals, type PickableNode } from './sigma-internals.js';

/** Sigma's depth layer of hovered and highlighted nodes (renderer.ts). */
export const TOP_NODES = 'topNodes';

const VERTEX = `#version 300 es
in vec2 a_position;
in float a_size;
in vec4 a_color;
uniform mat3 u_matrix;
uniform float u_sizeToPixels;
uniform float u_maxPoint;
out vec4 v_color;
out float v_radius;
out float v_point;
void main() {
  v_radius = a_size * u_sizeToPixels;
  // One pixel of margin for the antialiased rim.
  v_point = min(2.0 * v_radius + 2.0, u_maxPoint);
  v_color = a_color;
  // A slot with no point (hidden, or drawn by sigma) falls outside the clip space.
  gl_Position = a_size > 0.0
    ? vec4((u_matrix * vec3(a_position, 1.0)).xy, 0.0, 1.0)
    : vec4(2.0, 2.0, 2.0, 1.0);
  gl_PointSize = v_point;
}`;

// Sigma blends premultiplied colours (ONE, ONE_MINUS_SRC_ALPHA).
const FRAGMENT = `#version 300 es
precision mediump float;
in vec4 v_color;
in float v_radius;
in float v_point;
out vec4 fragColor;
void main() {
  float d = length(gl_PointCoord - 0.5) * v_point;
  float a = clamp(v_radius - d + 0.5, 0.0, 1.0) * v_color.a;
  if (a <= 0.0) discard;
  fragColor = vec4(v_color.rgb * a, a);
}`;

export class NodePoints {
  private readonly program: WebGLProgram;
  private readonly vao: WebGLVertexArrayObject;
  private readonly buffers: { position: WebGLBuffer; size: WebGLBuffer; color: WebGLBuffer };
  private readonly uMatrix: WebGLUniformLocation | null;
  private readonly uSizeToPixels: WebGLUniformLocation | null;
  private readonly uMaxPoint: WebGLUniformLocation | null;
  private readonly maxPoint: number;
  private positions = new Float32Array(0);
  private sizes = new Float32Array(0);
  private rgba = new Uint32Array(0);
  private readonly colors = new PackedColors();
  /** Slots in use: one past the highest sigma wrote since its last processing. */
  private count = 0;
  private dirty = true;

  constructor(private readonly gl: WebGL2RenderingContext) {
    this.program = compileProgram(gl, VERTEX, FRAGMENT, 'entity points');
    this.uMatrix = gl.getUniformLocation(this.program, 'u_matrix');
    this.uSizeToPixels = gl.getUniformLocation(this.program, 'u_sizeToPixels');
    this.uMaxPoint = gl.getUniformLocation(this.program, 'u_maxPoint');
    // The GPU's largest point: an entity zoomed in beyond it is drawn at that diameter (big
    // graphs' entities are a few pixels across; WebGL guarantees only 1, GPUs report more).
    const range = gl.getParameter(gl.ALIASED_POINT_SIZE_RANGE) as Float32Array | null;
    this.maxPoint = range?.[1] ?? 64;
    this.vao = gl.createVertexArray();
    this.buffers = {
      position: gl.createBuffer(),
      size: gl.createBuffer(),
      color: gl.createBuffer(),
    };
    gl.bindVertexArray(this.vao);
    bindAttribute(gl, this.program, 'a_position', this.buffers.position, 2, gl.FLOAT);
    bindAttribute(gl, this.program, 'a_size', this.buffers.size, 1, gl.FLOAT);
    bindAttribute(gl, this.program, 'a_color', this.buffers.color, 4, gl.UNSIGNED_BYTE);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
  }

  /** Sigma lays its nodes out again: every slot is written anew. */
  relayout(): void {
    this.count = 0;
    this.dirty = true;
  }

  /** Sigma wrote a node in its program's slot `slot`. */
  write(slot: number, node: PickableNode): void {
    if (slot >= this.sizes.length) this.grow(Math.max(slot + 1, this.sizes.length * 2, 1024));
    const drawn = node.visibility !== 'hidden' && node.depth !== TOP_NODES;
    this.positions[slot * 2] = node.x;
    this.positions[slot * 2 + 1] = node.y;
    this.sizes[slot] = drawn ? node.size : 0;
    this.rgba[slot] = this.colors.get(node.color ?? '#000');
    if (slot >= this.count) this.count = slot + 1;
    this.dirty = true;
  }

  render(params: RenderParams): void {
    if (!this.count) return;
    const gl = this.gl;
    if (this.dirty) this.upload();
    gl.useProgram(this.program);
    // Sigma's programs set their blending themselves: premultiplied colours over the frame.
    gl.enable(gl.BLEND);
    gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    gl.uniformMatrix3fv(this.uMatrix, false, params.matrix);
    // Sigma's node radius in device pixels (its GLSL_NODE_SIZE_TO_PIXELS).
    const m = params.matrix;
    const scaleX = Math.hypot(m[0] ?? 0, m[3] ?? 0);
    const toPixels =
      (params.correctionRatio / params.sizeRatio) * scaleX * params.width * params.pixelRatio;
    gl.uniform1f(this.uSizeToPixels, toPixels);
    gl.uniform1f(this.uMaxPoint, this.maxPoint);
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.POINTS, 0, this.count);
    gl.bindVertexArray(null);
  }

  kill(): void {
    const gl = this.gl;
    for (const buffer of Object.values(this.buffers)) gl.deleteBuffer(buffer);
    gl.deleteVertexArray(this.vao);
    gl.deleteProgram(this.program);
  }

  private grow(slots: number): void {
    const positions = new Float32Array(slots * 2);
    const sizes = new Float32Array(slots);
    const rgba = new Uint32Array(slots);
    positions.set(this.positions);
    sizes.set(this.sizes);
    rgba.set(this.rgba);
    this.positions = positions;
    this.sizes = sizes;
    this.rgba = rgba;
  }

  private upload(): void {
    const gl = this.gl;
    const n = this.count;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffers.position);
    gl.bufferData(gl.ARRAY_BUFFER, this.positions.subarray(0, n * 2), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffers.size);
    gl.bufferData(gl.ARRAY_BUFFER, this.sizes.subarray(0, n), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.buffers.color);
    gl.bufferData(gl.ARRAY_BUFFER, this.rgba.subarray(0, n), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    this.dirty = false;
  }
}

/** The id of the points layer among sigma's custom layer programs. */
export const POINTS_LAYER = 'kg-entity-points';

/** What `drawNodesAsPoints` needs of sigma's public API. */
interface PointsSigma {
  on(event: 'beforeProcess', listener: () => void): unknown;
  addCustomLayerProgram(
    id: string,
    depth: string,
    factory: (gl: WebGL2RenderingContext) => {
      render(params: RenderParams): void;
      kill(): void;
    },
  ): unknown;
}

/** The points layer once set up: for the tests, sigma may draw every node again. */
export interface PointsControl {
  /** Sigma's program draws every node (true), or its `topNodes` only (false, the default). */
  sigmaDrawsAll(all: boolean): void;
}

/**
 * Sigma's entities drawn as points, but for its `topNodes` (hovered, highlighted), which its
 * own program still draws, over their backdrop.
 */
export function drawNodesAsPoints(sigma: PointsSigma): PointsControl {
  const self = sigmaInternals(sigma);
  let points: NodePoints | null = null;
  let sigmaDrawsAll = false;
  const write = self.addNodeToProgram.bind(sigma);
  self.addNodeToProgram = (node, slot) => {
    write(node, slot);
    const data = self.internals.nodeDataCache[node];
    if (data) points?.write(slot, data);
  };
  sigma.on('beforeProcess', () => points?.relayout());
  const trimmed = new WeakSet<object>();
  /** Sigma's node program draws its `topNodes` slots only (it is new after a lost context). */
  const onlyTopNodes = (): void => {
    const program = self.nodeProgram;
    if (trimmed.has(program)) return;
    const render = program.render.bind(program);
    program.render = (params, offset, count) => {
      const top = self.depthRanges.nodes[TOP_NODES] ?? [];
      if (sigmaDrawsAll || top.some((r) => r.offset === offset && r.count === count)) {
        render(params, offset, count);
      }
    };
    trimmed.add(program);
  };
  sigma.addCustomLayerProgram(POINTS_LAYER, 'nodes', (gl) => {
    const layer = new NodePoints(gl);
    // The nodes sigma placed before this layer existed (its first processing).
    for (const [node, slot] of Object.entries(self.nodeProgramIndex)) {
      const data = self.internals.nodeDataCache[node];
      if (slot !== undefined && data) layer.write(slot, data);
    }
    points = layer;
    return {
      render: (params) => {
        onlyTopNodes();
        layer.render(params);
      },
      kill: () => layer.kill(),
    };
  });
  return { sigmaDrawsAll: (all) => void (sigmaDrawsAll = all) };
}
