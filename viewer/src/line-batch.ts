// One set of GL lines for the lines layer (edge-lines.ts): two vertices per line, positions
// (two floats) and colours (four bytes) in their own vertex buffers, drawn with gl.LINES. A
// line added with a key can be found again, recoloured or removed (the last line moves into
// its place), so a relation added or dropped costs one line, not a rebuild.
import { bindAttribute } from './gl-program.js';

/** One set of lines in GPU buffers: positions (2 floats) and colours (4 bytes) per vertex. */
export class LineBatch {
  readonly vao: WebGLVertexArrayObject;
  private readonly positionBuffer: WebGLBuffer;
  private readonly colorBuffer: WebGLBuffer;
  positions = new Float32Array(0);
  rgba = new Uint32Array(0);
  vertices = 0;
  /** Each keyed line's index, and each index's key. */
  private readonly lineOf = new Map<string, number>();
  private keyAt: (string | undefined)[] = [];
  /** Lines changed since the last upload. */
  changed = false;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    program: WebGLProgram,
  ) {
    this.vao = gl.createVertexArray();
    this.positionBuffer = gl.createBuffer();
    this.colorBuffer = gl.createBuffer();
    gl.bindVertexArray(this.vao);
    bindAttribute(gl, program, 'a_position', this.positionBuffer, 2, gl.FLOAT);
    bindAttribute(gl, program, 'a_color', this.colorBuffer, 4, gl.UNSIGNED_BYTE);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
  }

  /** Room for `lines` lines, then `vertices` back to 0 (fill `positions` and `rgba`). */
  reset(lines: number): void {
    if (this.rgba.length < lines * 2) {
      this.positions = new Float32Array(lines * 4);
      this.rgba = new Uint32Array(lines * 2);
    }
    this.vertices = 0;
    this.lineOf.clear();
    this.keyAt = [];
    this.changed = true;
  }

  add(a: { x: number; y: number }, b: { x: number; y: number }, color: number, key?: string): void {
    const v = this.vertices;
    if (v + 2 > this.rgba.length) this.grow(Math.max(1024, this.rgba.length));
    this.positions[v * 2] = a.x;
    this.positions[v * 2 + 1] = a.y;
    this.positions[v * 2 + 2] = b.x;
    this.positions[v * 2 + 3] = b.y;
    this.rgba[v] = color;
    this.rgba[v + 1] = color;
    this.vertices = v + 2;
    if (key !== undefined) {
      this.lineOf.set(key, v / 2);
      this.keyAt[v / 2] = key;
    }
    this.changed = true;
  }

  has(key: string): boolean {
    return this.lineOf.has(key);
  }

  /** The keys of the keyed lines. */
  keys(): IterableIterator<string> {
    return this.lineOf.keys();
  }

  get size(): number {
    return this.vertices / 2;
  }

  recolor(key: string, color: number): void {
    const line = this.lineOf.get(key);
    if (line === undefined) return;
    this.rgba[line * 2] = color;
    this.rgba[line * 2 + 1] = color;
    this.changed = true;
  }

  /** Removes a keyed line: the last line takes its place. */
  remove(key: string): void {
    const line = this.lineOf.get(key);
    if (line === undefined) return;
    this.lineOf.delete(key);
    const last = this.vertices / 2 - 1;
    if (line !== last) {
      this.positions.copyWithin(line * 4, last * 4, last * 4 + 4);
      this.rgba.copyWithin(line * 2, last * 2, last * 2 + 2);
      const moved = this.keyAt[last];
      this.keyAt[line] = moved;
      if (moved !== undefined) this.lineOf.set(moved, line);
    }
    this.keyAt.length = last;
    this.vertices -= 2;
    this.changed = true;
  }

  /** Every line as text (ends and colour), in no particular order: for the tests. */
  describe(): string[] {
    const out: string[] = [];
    for (let line = 0; line < this.vertices / 2; line++) {
      const p = Array.from(this.positions.subarray(line * 4, line * 4 + 4), (n) => n.toFixed(5));
      out.push(`${this.keyAt[line] ?? ''} ${p.join(' ')} ${this.rgba[line * 2]}`);
    }
    return out.sort();
  }

  private grow(more: number): void {
    const positions = new Float32Array(this.positions.length + more * 2);
    const rgba = new Uint32Array(this.rgba.length + more);
    positions.set(this.positions);
    rgba.set(this.rgba);
    this.positions = positions;
    this.rgba = rgba;
  }

  upload(): void {
    this.changed = false;
    const gl = this.gl;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positionBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, this.positions.subarray(0, this.vertices * 2), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colorBuffer);
    gl.bufferData(gl.ARRAY_BUFFER, this.rgba.subarray(0, this.vertices), gl.DYNAMIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
  }

  draw(): void {
    if (!this.vertices) return;
    const gl = this.gl;
    gl.bindVertexArray(this.vao);
    gl.drawArrays(gl.LINES, 0, this.vertices);
    gl.bindVertexArray(null);
  }

  kill(): void {
    this.gl.deleteBuffer(this.positionBuffer);
    this.gl.deleteBuffer(this.colorBuffer);
    this.gl.deleteVertexArray(this.vao);
  }
}
