// A WebGL2 program from its two shaders, for the viewer's own layers (lines, points); a
// shader that does not compile or link throws, naming the layer.

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
