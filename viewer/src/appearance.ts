// "Colour by" and "Size by": node colours and sizes from the entity type, a Louvain community,
// a metric or any property, written to the private `_color` / `_size` attributes; plus the
// legend describing what the colours mean.
import { RELATION_PALETTE } from '../../src/compile/palette.js';
import { METRICS, nodeScores, type Metric } from './analysis/metrics.js';
import type { ViewGraph, ViewNodeAttrs } from './model.js';

export interface Choice {
  value: string;
  label: string;
}

export type ColorLegend =
  | { kind: 'categories'; title: string; items: { label: string; color: string; count: number }[] }
  | { kind: 'scale'; title: string; min: string; max: string; stops: readonly string[] };

/** Light to dark: small values recede, large ones stand out on the light stage. */
export const SCALE = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b'] as const;
const OTHER = '#b8bec7';
const MISSING = '#dfe3e8';
const METRIC_LABELS: Record<Metric, string> = {
  degree: 'Degree',
  pagerank: 'PageRank',
  betweenness: 'Betweenness',
};

/** Node properties declared in the schema, with whether they are numeric. */
function properties(graph: ViewGraph): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const t of Object.values(graph.getAttribute('schema').entities)) {
    for (const [name, spec] of Object.entries(t.properties)) {
      if (spec.type === 'text' || spec.type === 'url' || name === 'name') continue;
      const numeric = !spec.list && (spec.type === 'number' || spec.type === 'integer');
      out.set(name, (out.get(name) ?? true) && numeric);
    }
  }
  return new Map([...out.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
}

export function colorChoices(graph: ViewGraph): Choice[] {
  return [
    { value: 'type', label: 'Entity type' },
    { value: 'community', label: 'Community (Louvain)' },
    ...METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] })),
    ...[...properties(graph).keys()].map((p) => ({ value: `prop:${p}`, label: `Property: ${p}` })),
  ];
}

export function sizeChoices(graph: ViewGraph): Choice[] {
  return [
    ...METRICS.map((m) => ({ value: m, label: METRIC_LABELS[m] })),
    { value: 'fixed', label: 'Fixed' },
    ...[...properties(graph).entries()]
      .filter(([, numeric]) => numeric)
      .map(([p]) => ({ value: `prop:${p}`, label: `Property: ${p}` })),
  ];
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (s: number): string =>
    Math.round(((pa >> s) & 255) * (1 - t) + ((pb >> s) & 255) * t)
      .toString(16)
      .padStart(2, '0');
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

/** A colour on the scale for t in [0, 1]. */
export function scaleColor(t: number): string {
  const x = Math.min(1, Math.max(0, t)) * (SCALE.length - 1);
  const i = Math.min(SCALE.length - 2, Math.floor(x));
  return mix(SCALE[i] ?? SCALE[0], SCALE[i + 1] ?? SCALE[0], x - i);
}

/** Numeric scores per node for a metric or a numeric property (absent: no value). */
function scores(graph: ViewGraph, by: string): Map<string, number> {
  if ((METRICS as readonly string[]).includes(by)) return nodeScores(graph, by as Metric);
  const prop = by.slice('prop:'.length);
  const out = new Map<string, number>();
  graph.forEachNode((n, a) => {
    const v = a[prop];
    if (typeof v === 'number') out.set(n, v);
  });
  return out;
}

const fmt = (n: number): string =>
  Math.abs(n) >= 100 || Number.isInteger(n) ? String(Math.round(n)) : n.toPrecision(2);

function categories(graph: ViewGraph, by: string, title: string): ColorLegend {
  const value = (n: string): string => {
    if (by === 'community') return `Community ${(nodeScores(graph, 'community').get(n) ?? 0) + 1}`;
    const v = graph.getNodeAttribute(n, by.slice('prop:'.length));
    if (v === undefined || v === '') return '';
    return Array.isArray(v) ? v.map(String).join(', ') : String(v);
  };
  const counts = new Map<string, number>();
  graph.forEachNode((n) => counts.set(value(n), (counts.get(value(n)) ?? 0) + 1));
  const ranked = [...counts.entries()]
    .filter(([v]) => v !== '')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const colours = new Map<string, string>();
  ranked.forEach(([v], i) => colours.set(v, RELATION_PALETTE[i] ?? OTHER));
  writeNodes(graph, '_color', (n) => colours.get(value(n)) ?? MISSING);
  const shown = ranked.slice(0, RELATION_PALETTE.length);
  const rest = ranked.slice(RELATION_PALETTE.length).reduce((s, [, c]) => s + c, 0);
  const items = shown.map(([label, count]) => ({
    label,
    count,
    color: colours.get(label) ?? OTHER,
  }));
  if (rest) items.push({ label: 'Other values', count: rest, color: OTHER });
  if (counts.get('')) items.push({ label: 'No value', count: counts.get('') ?? 0, color: MISSING });
  return { kind: 'categories', title, items };
}

/**
 * Sets a display attribute of every node to `value`, telling sigma only about the nodes whose
 * value changed (after a small delta from kg view, a few): sigma then redraws those alone
 * instead of processing every node again.
 */
function writeNodes<K extends '_color' | '_size'>(
  graph: ViewGraph,
  key: K,
  value: (node: string) => ViewNodeAttrs[K],
): void {
  const changed: [string, ViewNodeAttrs[K]][] = [];
  graph.forEachNode((n, a) => {
    const v = value(n);
    if (a[key] !== v) changed.push([n, v]);
  });
  if (changed.length > Math.max(50, graph.order / 20)) {
    const next = new Map(changed);
    // One event for all of them; no position changed (sigma keeps its index).
    graph.updateEachNodeAttributes((n, a) => (next.has(n) ? { ...a, [key]: next.get(n) } : a), {
      attributes: [key],
    });
  } else for (const [n, v] of changed) graph.setNodeAttribute(n, key, v);
}

/** Writes `_color` for every node; returns the legend (null for entity types: the filters). */
export function applyColors(graph: ViewGraph, by: string): ColorLegend | null {
  const choice = colorChoices(graph).find((c) => c.value === by);
  if (!choice || by === 'type') {
    writeNodes(graph, '_color', () => undefined);
    return null;
  }
  const isNumeric =
    (METRICS as readonly string[]).includes(by) ||
    (by.startsWith('prop:') && properties(graph).get(by.slice(5)) === true);
  if (!isNumeric) return categories(graph, by, choice.label);
  const s = scores(graph, by);
  const values = [...s.values()];
  const lo = Math.min(...values, Infinity);
  const hi = Math.max(...values, -Infinity);
  const t = (v: number): number => (hi > lo ? Math.sqrt((v - lo) / (hi - lo)) : 1);
  writeNodes(graph, '_color', (n) => {
    const v = s.get(n);
    return v === undefined ? MISSING : scaleColor(t(v));
  });
  return {
    kind: 'scale',
    title: choice.label,
    min: values.length ? fmt(lo) : '–',
    max: values.length ? fmt(hi) : '–',
    stops: SCALE,
  };
}

/** Writes `_size` for every node: a metric, a numeric property, or fixed. */
export function applySizes(graph: ViewGraph, by: string): void {
  const small = graph.order <= 200;
  const MIN = small ? 4 : 2;
  const MAX = small ? 14 : 9;
  if (by === 'fixed' || !sizeChoices(graph).some((c) => c.value === by)) {
    if (by !== 'fixed') return applySizes(graph, 'degree');
    writeNodes(graph, '_size', () => (small ? 6 : 3));
    return;
  }
  const s = scores(graph, by);
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of s.values()) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const base = Math.min(0, lo);
  writeNodes(graph, '_size', (n) => {
    const v = s.get(n);
    const t = v === undefined || hi <= base ? 0 : Math.sqrt((v - base) / (hi - base));
    // In tenths of a pixel: a new maximum (a hub's relation added) moves every size by a
    // hair, and rewriting them all makes sigma update every entity (0.3 s at 100k relations).
    return Math.round((MIN + (MAX - MIN) * t) * 10) / 10;
  });
}
