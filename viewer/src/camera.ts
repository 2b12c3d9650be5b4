// Camera moves: centre on an entity, or fit a set of entities (a neighbourhood, a path) into
// the visible part of the stage — on phones the upper part, above the details sheet.
import type { KgSigma } from './renderer.js';

const phone = (): boolean => window.matchMedia('(max-width: 760px)').matches;

/** The part of the graph container not covered by the phone's bottom sheet. */
function visibleArea(renderer: KgSigma): { width: number; height: number } {
  const { width, height } = renderer.getDimensions();
  return { width, height: phone() ? height * 0.5 : height };
}

export function centreOn(renderer: KgSigma, node: string): void {
  const d = renderer.getNodeDisplayData(node);
  if (!d) return;
  const camera = renderer.getCamera();
  const target = { x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6), angle: camera.angle };
  shiftIntoView(renderer, target);
  void camera.animate(target, { duration: 450 });
}

/** Moves the camera target so its centre lands in the middle of the visible area. */
function shiftIntoView(
  renderer: KgSigma,
  target: { x: number; y: number; ratio: number; angle: number },
): void {
  const { width, height } = renderer.getDimensions();
  const area = visibleArea(renderer);
  if (area.height === height) return;
  const at = (y: number) =>
    renderer.viewportToFramedGraph({ x: width / 2, y }, { cameraState: target });
  const centre = at(height / 2);
  const wanted = at(area.height / 2);
  target.x += centre.x - wanted.x;
  target.y += centre.y - wanted.y;
}

/**
 * Frames the given entities: centred, zoomed so they fill the visible area with room for
 * their labels (never closer than `minRatio`, so two entities do not become two huge discs).
 */
export function fitNodes(renderer: KgSigma, nodes: Iterable<string>, minRatio = 0.12): void {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const n of nodes) {
    const d = renderer.getNodeDisplayData(n);
    if (!d) continue;
    x0 = Math.min(x0, d.x);
    x1 = Math.max(x1, d.x);
    y0 = Math.min(y0, d.y);
    y1 = Math.max(y1, d.y);
  }
  if (!Number.isFinite(x0)) return;
  const camera = renderer.getCamera();
  const base = { x: (x0 + x1) / 2, y: (y0 + y1) / 2, ratio: 1, angle: camera.angle };
  // Screen extent at ratio 1; at ratio r it is that divided by r.
  const a = renderer.framedGraphToViewport({ x: x0, y: y0 }, { cameraState: base });
  const b = renderer.framedGraphToViewport({ x: x1, y: y1 }, { cameraState: base });
  const area = visibleArea(renderer);
  const marginX = Math.min(180, area.width * (phone() ? 0.1 : 0.22));
  const marginY = Math.min(70, area.height * 0.15);
  const ratio = Math.max(
    minRatio,
    Math.abs(b.x - a.x) / Math.max(60, area.width - 2 * marginX),
    Math.abs(b.y - a.y) / Math.max(60, area.height - 2 * marginY),
  );
  const target = { ...base, ratio };
  shiftIntoView(renderer, target);
  void camera.animate(target, { duration: 450 });
}
