// Measuring and shortening label text on a 2D canvas, with caches: labels are measured once
// per font, not once per frame.
export class TextFitter {
  private readonly widths = new Map<string, number>();
  private readonly fitted = new Map<string, string>();
  private readonly ctx: CanvasRenderingContext2D;

  constructor() {
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx) throw new Error('no 2d canvas context');
    this.ctx = ctx;
  }

  width(text: string, font: string): number {
    const key = `${font}\u0000${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      this.ctx.font = font;
      w = this.ctx.measureText(text).width;
      this.widths.set(key, w);
    }
    return w;
  }

  /** The text, or its longest prefix plus "…" that fits in `max` pixels ("" if none does). */
  fit(text: string, font: string, max: number): string {
    if (this.width(text, font) <= max) return text;
    const key = `${font}\u0000${Math.round(max)}\u0000${text}`;
    const hit = this.fitted.get(key);
    if (hit !== undefined) return hit;
    let lo = 0;
    let hi = text.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.width(`${text.slice(0, mid).trimEnd()}…`, font) <= max) lo = mid;
      else hi = mid - 1;
    }
    const out = lo >= 2 ? `${text.slice(0, lo).trimEnd()}…` : '';
    this.fitted.set(key, out);
    return out;
  }
}
