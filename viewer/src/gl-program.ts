// WebGL2 plumbing for the viewer's own layers (lines, points): a program from its two shaders
// (one that does not compile or link throws, naming the layer), and its vertex attributes.

export function compileProgram(
  gl: WebGL2RenderingContext,
  vertex: string,
  fragment: string,
  layer: string,
): WebGLProgram {
  const program = gl.createProgram();
  for (const [type, source] of [
    [gl.VERTEX_SHADER, vertex],
    [gl.FRAGMENT_SHADER, fragment],
  ] as const) {
    const shader = gl.createShader(type);
    if (!shader) throw new Error(`${layer}: no shader`);
    gl.shaderSource(shader, source);
    gl.compileShader(shader);
    if (!gl.getShaderParameter(shader, gl.COMPILE_STATUS)) {
      throw new Error(`${layer}: ${gl.getShaderInfoLog(shader) ?? 'shader did not compile'}`);
    }
    gl.attachShader(program, shader);
    gl.deleteShader(shader);
  }
  gl.linkProgram(program);
  if (!gl.getProgramParameter(program, gl.LINK_STATUS)) {
    throw new Error(`${layer}: ${gl.getProgramInfoLog(program) ?? 'program did not link'}`);
  }
  return program;
}

/**
 * Binds one attribute of `program` to `buffer` in the vertex array bound now: `size` floats,
 * or `size` bytes read as 0–1 (colours).
 */
export function bindAttribute(
  gl: WebGL2RenderingContext,
  program: WebGLProgram,
  name: string,
  buffer: WebGLBuffer,
  size: number,
  type: typeof gl.FLOAT | typeof gl.UNSIGNED_BYTE,
): void {
  const at = gl.getAttribLocation(program, name);
  gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
  gl.enableVertexAttribArray(at);
  gl.vertexAttribPointer(at, size, type, type === gl.UNSIGNED_BYTE, 0, 0);
}
