// CSS hex colours ('#rgb', '#rrggbb', '#rrggbbaa') as channels, for GEXF's viz:color.

export interface Rgba {
  r: number;
  g: number;
  b: number;
  /** 0..1, absent when opaque by omission. */
  a?: number;
}

const HEX = /^#?([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i;

/** Parses a hex colour; undefined for anything else (named colours, rgb()). */
export function parseHexColor(color: string): Rgba | undefined {
  const match = HEX.exec(color.trim());
  if (!match?.[1]) return undefined;
  let hex = match[1];
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const byte = (i: number): number => parseInt(hex.slice(i, i + 2), 16);
  const rgba: Rgba = { r: byte(0), g: byte(2), b: byte(4) };
  // Three decimals are enough for 256 alpha levels and keep output stable.
  if (hex.length === 8) rgba.a = Math.round((byte(6) / 255) * 1000) / 1000;
  return rgba;
}
