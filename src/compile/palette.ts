// Default colours for types without an explicit `color`, assigned in type-name order
// so adding a type never recolours the others by more than one slot.
import type { Polarity } from '../types.js';

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

/**
 * Relation colours: 23 tones readable as thin lines on a light background, pairwise at least
 * 11 apart in CIEDE2000 (test/compile/palette.test.ts), so 20+ relation types stay apart.
 * Each belongs to a family: types declaring `polarity:` draw from theirs (positive greens,
 * negative reds, neutral blues and greys), the others from the rest.
 */
export const RELATION_FAMILIES = {
  positive: ['#1b9e77', '#66a61e', '#005a32', '#8fd175'],
  negative: ['#d62728', '#8c1c13', '#c2185b', '#ff8a80'],
  neutral: ['#1f78b4', '#666666', '#0b2e6b', '#6baed6', '#b0b0b0'],
  other: [
    '#d95f02',
    '#7570b3',
    '#e7298a',
    '#a6761d',
    '#6a3d9a',
    '#e6ab02',
    '#17becf',
    '#bcbd22',
    '#7a4a2a',
    '#f4a6d7',
  ],
} as const satisfies Record<Polarity | 'other', readonly string[]>;

/** Every relation colour, in the order types without polarity take them. */
export const RELATION_PALETTE = [
  '#1b9e77',
  '#d95f02',
  '#7570b3',
  '#e7298a',
  '#66a61e',
  '#a6761d',
  '#1f78b4',
  '#6a3d9a',
  '#d62728',
  '#666666',
  '#e6ab02',
  '#17becf',
  '#005a32',
  '#8c1c13',
  '#0b2e6b',
  '#bcbd22',
  '#c2185b',
  '#6baed6',
  '#7a4a2a',
  '#8fd175',
  '#ff8a80',
  '#f4a6d7',
  '#b0b0b0',
] as const;

const STANCE_COLORS = new Set<string>([
  ...RELATION_FAMILIES.positive,
  ...RELATION_FAMILIES.negative,
]);

/**
 * The colour for the next relation type without an explicit one. With a polarity: the first
 * free colour of its family. Without: the first free colour in palette order, avoiding greens
 * and reds when the schema uses polarity (so they keep meaning support and opposition).
 * `taken` holds explicit and already assigned colours and is updated.
 */
export function nextRelationColor(
  taken: Set<string>,
  polarity: Polarity | undefined,
  schemaUsesPolarity: boolean,
): string {
  const free = (list: readonly string[]) => list.find((c) => !taken.has(c));
  const color =
    (polarity ? free(RELATION_FAMILIES[polarity]) : undefined) ??
    (schemaUsesPolarity && !polarity
      ? free(RELATION_PALETTE.filter((c) => !STANCE_COLORS.has(c)))
      : undefined) ??
    free(RELATION_PALETTE) ??
    paletteColor(RELATION_PALETTE, taken.size);
  taken.add(color);
  return color;
}

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
