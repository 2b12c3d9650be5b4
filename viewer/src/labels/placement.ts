// Collision-aware label placement: greedy, by priority, over a grid of already placed boxes.
// Pure (no DOM), so it is unit-tested in Node; the label layer feeds it screen positions.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export type Anchor = 'right' | 'left' | 'below' | 'above' | 'centre';

export interface NodeLabelCandidate {
  key: string;
  /** Screen position of the node's centre and its radius, in CSS pixels. */
  x: number;
  y: number;
  r: number;
  /** The text's box size (with its padding). */
  w: number;
  h: number;
  /** Placed before any non-forced label, and tried at more positions. */
  forced: boolean;
}

export interface PlacedBox extends Box {
  key: string;
  anchor: Anchor;
}

export interface PlacementOptions {
  width: number;
  height: number;
  /** Minimum free space between two labels. */
  gap: number;
  /** At most this many labels that are not forced. */
  max: number;
}

const CELL = 48;

/** A uniform grid over placed boxes: a box is checked only against its neighbours. */
export class BoxGrid {
  private readonly cells = new Map<number, Box[]>();
  readonly boxes: Box[] = [];

  constructor(private readonly gap: number) {}

  private *cellsOf(b: Box): Generator<number> {
    const x0 = Math.floor((b.x - this.gap) / CELL);
    const x1 = Math.floor((b.x + b.w + this.gap) / CELL);
    const y0 = Math.floor((b.y - this.gap) / CELL);
    const y1 = Math.floor((b.y + b.h + this.gap) / CELL);
    for (let cy = y0; cy <= y1; cy++) for (let cx = x0; cx <= x1; cx++) yield cy * 100_003 + cx;
  }

  collides(b: Box): boolean {
    const g = this.gap;
    for (const c of this.cellsOf(b)) {
      for (const o of this.cells.get(c) ?? []) {
        if (
          b.x < o.x + o.w + g &&
          o.x < b.x + b.w + g &&
          b.y < o.y + o.h + g &&
          o.y < b.y + b.h + g
        )
          return true;
      }
    }
    return false;
  }

  add(b: Box): void {
    this.boxes.push(b);
    for (const c of this.cellsOf(b)) {
      const list = this.cells.get(c);
      if (list) list.push(b);
      else this.cells.set(c, [b]);
    }
  }
}

/** Where a label box goes for each anchor, around a node disc. */
export function boxAt(c: NodeLabelCandidate, anchor: Anchor, shift = 0): Box {
  const m = 3;
  switch (anchor) {
    case 'right':
      return { x: c.x + c.r + m, y: c.y - c.h / 2 + shift, w: c.w, h: c.h };
    case 'left':
      return { x: c.x - c.r - m - c.w, y: c.y - c.h / 2 + shift, w: c.w, h: c.h };
    // Above and below, a shift slides the label sideways.
    case 'below':
      return { x: c.x - c.w / 2 + shift * 3, y: c.y + c.r + m, w: c.w, h: c.h };
    case 'above':
      return { x: c.x - c.w / 2 + shift * 3, y: c.y - c.r - m - c.h, w: c.w, h: c.h };
    case 'centre':
      return { x: c.x - c.w / 2, y: c.y - c.h / 2 + shift, w: c.w, h: c.h };
  }
}

const ANCHORS: Anchor[] = ['right', 'left', 'below', 'above'];

function inside(b: Box, o: PlacementOptions): boolean {
  return b.x >= 0 && b.y >= 0 && b.x + b.w <= o.width && b.y + b.h <= o.height;
}

/**
 * Places as many labels as fit without overlapping: forced ones first (hover, selection and
 * its neighbours, paths), then the rest in the given order (most important first) up to
 * `max`. Forced labels also try positions shifted a little before giving up. Labels keep off
 * everything in `avoid` (entity discs), where each placed label's own disc is added.
 */
export function placeLabels(
  candidates: NodeLabelCandidate[],
  options: PlacementOptions,
  grid: BoxGrid = new BoxGrid(options.gap),
  /** Other things labels of non-forced candidates must not cover (node discs). */
  avoid?: BoxGrid,
): PlacedBox[] {
  const placed: PlacedBox[] = [];
  const tryPlace = (c: NodeLabelCandidate, shifts: number[]): boolean => {
    for (const shift of shifts) {
      for (const anchor of ANCHORS) {
        const b = boxAt(c, anchor, shift);
        if (!inside(b, options) || grid.collides(b)) continue;
        if (avoid?.collides(b)) continue;
        grid.add(b);
        // A labelled entity's disc stays clear of the labels placed after it.
        avoid?.add({ x: c.x - c.r, y: c.y - c.r, w: 2 * c.r, h: 2 * c.r });
        placed.push({ ...b, key: c.key, anchor });
        return true;
      }
    }
    return false;
  };
  // Small shifts only: a label far from its entity would name the wrong one.
  const forcedShifts = [0, 1, -1, 2, -2].map((k) => k * 0.6);
  for (const c of candidates) {
    if (c.forced)
      tryPlace(
        c,
        forcedShifts.map((k) => k * c.h),
      );
  }
  let free = 0;
  for (const c of candidates) {
    if (c.forced) continue;
    if (free >= options.max) break;
    if (tryPlace(c, [0])) free++;
  }
  return placed;
}
