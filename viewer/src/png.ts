// "PNG worth sharing": the view at 2× pixel density with a title, the date range, a legend
// of the visible types (or of the colour scale) and a credit line naming the sources.
import type { ColorLegend } from './appearance.js';
import { daysToIso } from './dates.js';
import { drawLabels, type DrawnLabel } from './labels/label-layer.js';
import { dateExtent, graphTitle, type ViewGraph, type Visibility } from './model.js';
import type { KgSigma } from './renderer.js';
import type { ViewState } from './view-state.js';

export const PNG_SCALE = 2;
const FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const HEADER = 62;

export interface PngInputs {
  graph: ViewGraph;
  vis: Visibility;
  state: ViewState;
  labels: DrawnLabel[];
  colorLegend: ColorLegend | null;
}

/** What the PNG says besides the picture (also exposed to the browser tests). */
export interface PngText {
  title: string;
  subtitle: string;
  legend: { label: string; color: string; kind: 'dot' | 'bar' }[];
  credit: string;
}

export function pngText(inputs: PngInputs): PngText {
  const { graph, vis, state } = inputs;
  const schema = graph.getAttribute('schema');
  const range = state.timeRange ?? dateExtent(graph);
  const when = range
    ? range[0] === range[1]
      ? daysToIso(range[0])
      : `${daysToIso(range[0])} – ${daysToIso(range[1])}`
    : '';
  const subtitle = [`${vis.nodes.size} entities`, `${vis.edges.size} relations`, when]
    .filter(Boolean)
    .join(' · ');
  const legend: PngText['legend'] = [];
  const legendC = inputs.colorLegend;
  if (legendC?.kind === 'categories') {
    for (const i of legendC.items.slice(0, 12))
      legend.push({ label: i.label, color: i.color, kind: 'dot' });
  } else if (legendC?.kind === 'scale') {
    legend.push({
      label: `${legendC.title}: ${legendC.min}`,
      color: legendC.stops[0] ?? '#ccc',
      kind: 'dot',
    });
    legend.push({
      label: legendC.max,
      color: legendC.stops[legendC.stops.length - 1] ?? '#333',
      kind: 'dot',
    });
  } else {
    const types = new Set([...vis.nodes].map((n) => graph.getNodeAttribute(n, 'type')));
    for (const t of [...types].sort())
      legend.push({ label: t, color: schema.entities[t]?.color ?? '#8a94a6', kind: 'dot' });
  }
  const rel = new Set([...vis.edges].map((e) => graph.getEdgeAttribute(e, 'type')));
  for (const t of [...rel].sort()) {
    legend.push({
      label: schema.relations[t]?.label ?? t,
      color: schema.relations[t]?.color ?? '#c3c9d2',
      kind: 'bar',
    });
  }
  const sourceIds = new Set<string>();
  for (const e of vis.edges)
    for (const s of graph.getEdgeAttribute(e, 'sources') ?? []) sourceIds.add(s);
  const sources = graph.getAttribute('sources');
  const names = [...sourceIds].sort().map((id) => {
    const s = sources[id];
    return s ? [s.title || id, s.publisher].filter(Boolean).join(', ') : id;
  });
  const shown =
    names.slice(0, 4).join('; ') + (names.length > 4 ? `; and ${names.length - 4} more` : '');
  const credit = `${names.length ? `Sources: ${shown}. ` : ''}Made with kg.`;
  return { title: graphTitle(graph), subtitle, legend, credit };
}

/** Lays legend items out in rows; returns their positions and the height used. */
function legendLayout(ctx: CanvasRenderingContext2D, items: PngText['legend'], width: number) {
  ctx.font = `12px ${FAMILY}`;
  const placed: { item: PngText['legend'][number]; x: number; y: number }[] = [];
  let x = 16;
  let y = 0;
  for (const item of items) {
    const w = 18 + ctx.measureText(item.label).width + 16;
    if (x + w > width - 16 && x > 16) {
      x = 16;
      y += 20;
    }
    placed.push({ item, x, y });
    x += w;
  }
  return { placed, height: items.length ? y + 20 : 0 };
}

/** Draws the graph at 2× (sigma re-rendered at that pixel ratio) with the frame around it. */
export async function renderSharePng(
  renderer: KgSigma,
  inputs: PngInputs,
): Promise<{ blob: Blob; text: PngText; width: number; height: number }> {
  const text = pngText(inputs);
  const { width, height } = renderer.getDimensions();
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('no 2d context');
  measure.font = `12px ${FAMILY}`;
  const legend = legendLayout(measure, text.legend, width);
  const footer = legend.height + 44;
  const out = document.createElement('canvas');
  out.width = width * PNG_SCALE;
  out.height = (HEADER + height + footer) * PNG_SCALE;
  const ctx = out.getContext('2d');
  if (!ctx) throw new Error('no 2d context');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, out.width, out.height);

  // The graph itself: sigma renders at the device pixel ratio, so pretend it is 2 for a frame.
  const own = Object.getOwnPropertyDescriptor(window, 'devicePixelRatio');
  Object.defineProperty(window, 'devicePixelRatio', { value: PNG_SCALE, configurable: true });
  try {
    renderer.resize(true);
    renderer.refresh({ schedule: false });
    ctx.fillStyle = '#fbfbfc';
    ctx.fillRect(0, HEADER * PNG_SCALE, width * PNG_SCALE, height * PNG_SCALE);
    for (const canvas of renderer.getContainer().querySelectorAll('canvas')) {
      if (canvas.style.display === 'none' || canvas.width === 0) continue;
      ctx.drawImage(canvas, 0, HEADER * PNG_SCALE, width * PNG_SCALE, height * PNG_SCALE);
    }
  } finally {
    if (own) Object.defineProperty(window, 'devicePixelRatio', own);
    else delete (window as { devicePixelRatio?: number }).devicePixelRatio;
    renderer.resize(true);
    renderer.refresh();
  }
  ctx.save();
  ctx.translate(0, HEADER * PNG_SCALE);
  drawLabels(ctx, inputs.labels, PNG_SCALE);
  ctx.restore();

  ctx.scale(PNG_SCALE, PNG_SCALE);
  ctx.textBaseline = 'alphabetic';
  ctx.fillStyle = '#111827';
  ctx.font = `600 20px ${FAMILY}`;
  ctx.fillText(text.title, 16, 30, width - 32);
  ctx.fillStyle = '#6b7480';
  ctx.font = `12px ${FAMILY}`;
  ctx.fillText(text.subtitle, 16, 50, width - 32);
  ctx.fillStyle = '#e6e8ec';
  ctx.fillRect(0, HEADER - 1, width, 1);
  ctx.fillRect(0, HEADER + height, width, 1);
  const top = HEADER + height + 14;
  ctx.textBaseline = 'middle';
  for (const { item, x, y } of legend.placed) {
    ctx.fillStyle = item.color;
    if (item.kind === 'dot') {
      ctx.beginPath();
      ctx.arc(x + 6, top + y + 7, 5, 0, Math.PI * 2);
      ctx.fill();
    } else ctx.fillRect(x, top + y + 5.5, 13, 3);
    ctx.fillStyle = '#1f2933';
    ctx.fillText(item.label, x + 18, top + y + 7);
  }
  ctx.fillStyle = '#6b7480';
  ctx.font = `11px ${FAMILY}`;
  ctx.fillText(text.credit, 16, top + legend.height + 14, width - 32);
  const blob = await new Promise<Blob>((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'),
  );
  return { blob, text, width: out.width, height: out.height };
}
