// CSS colours as the four bytes a WebGL vertex attribute reads (`UNSIGNED_BYTE`, normalised;
// little-endian: red first), for the viewer's own layers (lines, points). Cached: a graph has a
// few dozen colours (its types) for tens of thousands of items.
import { colorToArray } from 'sigma/utils';

export class PackedColors {
  /** By opacity, then CSS text. */
  private readonly cache = new Map<number, Map<string, number>>();

  /** The colour packed, its alpha multiplied by `opacity`. */
  get(css: string, opacity = 1): number {
    let byCss = this.cache.get(opacity);
    if (!byCss) this.cache.set(opacity, (byCss = new Map()));
    let packed = byCss.get(css);
    if (packed === undefined) {
      const [r, g, b, a] = colorToArray(css);
      const alpha = Math.round((a / 255) * opacity * 255);
      packed = (r | (g << 8) | (b << 16) | (alpha << 24)) >>> 0;
      byCss.set(css, packed);
    }
    return packed;
  }
}
