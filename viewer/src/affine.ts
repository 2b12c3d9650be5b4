// A map of the plane known to be affine (sigma's normalisation, its camera, or both), taken from
// its values at three points: applied to thousands of entities per frame or per rebuild
// without a call into sigma and an object each.

type Point = { x: number; y: number };

export function affineOf(map: (p: Point) => Point): (x: number, y: number) => Point {
  const o = map({ x: 0, y: 0 });
  const ex = map({ x: 1, y: 0 });
  const ey = map({ x: 0, y: 1 });
  const ax = ex.x - o.x;
  const ay = ex.y - o.y;
  const bx = ey.x - o.x;
  const by = ey.y - o.y;
  return (x, y) => ({ x: o.x + x * ax + y * bx, y: o.y + x * ay + y * by });
}
