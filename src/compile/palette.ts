// Default colours for types without an explicit `color`, assigned in type-name order
// so adding a type never recolours the others by more than one slot.

/** Tableau 10: distinct, colour-blind-aware, the palette Gephi and Kumu users know. */
export const ENTITY_PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
] as const;

/** Darker tones for edges, readable as thin lines on a light background. */
export const RELATION_PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#a6761d',
  '#1f78b4',
  '#b15928',
  '#6a3d9a',
  '#666666',
] as const;

export const UNKNOWN_TYPE_COLOR = '#999999';

export const COLOR_PATTERN = /^#(?:[0-9a-fA-F]{3}){1,2}$/;

/** Expands `#abc` to `#aabbcc` and lower-cases, so outputs are uniform. */
export function normalizeColor(color: string): string {
  const hex = color.slice(1).toLowerCase();
  return hex.length === 3 ? `#${[...hex].map((c) => c + c).join('')}` : `#${hex}`;
}

export function paletteColor(palette: readonly string[], index: number): string {
  return palette[index % palette.length] ?? UNKNOWN_TYPE_COLOR;
}
