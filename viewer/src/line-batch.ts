// One set of GL lines for the lines layer (edge-lines.ts): two vertices per line, positions
// (two floats) and colours (four bytes) in their own vertex buffers, drawn with gl.LINES.

/** One set of lines in GPU buffers: positions (2 floats) and colours (4 bytes) per vertex. */
export class LineBatch {
  readonly vao: WebGLVertexArrayObject;
  private readonly positionBuffer: WebGLBuffer;
  private readonly colorBuffer: WebGLBuffer;
  positions = new Float32Array(0);
  rgba = new Uint32Array(0);
  vertices = 0;

  constructor(
    private readonly gl: WebGL2RenderingContext,
    program: WebGLProgram,
  ) {
    this.vao = gl.createVertexArray();
    this.positionBuffer = gl.createBuffer();
    this.colorBuffer = gl.createBuffer();
    gl.bindVertexArray(this.vao);
    const position = gl.getAttribLocation(program, 'a_position');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.positionBuffer);
    gl.enableVertexAttribArray(position);
    gl.vertexAttribPointer(position, 2, gl.FLOAT, false, 0, 0);
    const color = gl.getAttribLocation(program, 'a_color');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colorBuffer);
    gl.enableVertexAttribArray(color);
    gl.vertexAttribPointer(color, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindVertexArray(null);
  }

  /** Room for `lines` lines, then `vertices` back to 0 (fill `positions` and `rgba`). */
  reset(lines: number): void {
    if (this.rgba.length < lines * 2) {
      this.positions = new Float32Array(lines * 4);
      this.rgba = new Uint32Array(lines * 2);
    }
    this.vertices = 0;
  }

  add(a: { x: number; y: number }, b: { x: number; y: number }, color: number): void {
    const v = this.vertices;
    this.positions[v * 2] = a.x;
    this.positions[v * 2 + 1] = a.y;
    this.positions[v * 2 + 2] = b.x;
    this.positions[v * 2 + 3] = b.y;
    this.rgba[v] = color;
    this.rgba[v + 1] = color;
    this.vertices = v + 2;
  }

  upload(): void {
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
