// A list of relations with their evidence (quotes, dates, sources), shared by the stance
// matrix (a cell's relations) and the paths view (a hop's relations).
import { h } from '../dom.js';
import { formatWhen } from '../dates.js';
import type { ViewGraph } from '../model.js';
import type { AnalysisContext } from './context.js';
import { quotesOf } from './relation-rows.js';

export function swatch(color: string, kind: 'bar' | 'dot' = 'bar'): HTMLElement {
  const s = h('span', { class: kind, 'aria-hidden': 'true' });
  s.style.background = color;
  return s;
}

export function nodeLabel(graph: ViewGraph, n: string): string {
  return graph.getNodeAttribute(n, 'label') || n;
}

export function sourceTitles(graph: ViewGraph, ids: readonly string[]): string {
  const sources = graph.getAttribute('sources');
  return ids.map((id) => sources[id]?.title || id).join(' · ');
}

/** One relation: "Macron supports Security guarantees", its date, every quote, its sources. */
export function evidenceItem(ctx: AnalysisContext, edge: string): HTMLElement {
  const { graph } = ctx;
  const a = graph.getEdgeAttributes(edge);
  const [s, t] = graph.extremities(edge);
  const label = graph.getAttribute('schema').relations[a.type]?.label ?? a.label ?? a.type;
  const when = formatWhen(a);
  const open = h('button', { type: 'button', class: 'rel-open', 'data-edge': edge }, 'details');
  open.addEventListener('click', () => ctx.select({ kind: 'edge', key: edge }));
  const sources = sourceTitles(graph, a.sources ?? []);
  return h(
    'li',
    { class: 'evidence', 'data-edge': edge },
    h(
      'div',
      { class: 'rel-head' },
      h(
        'span',
        { class: 'rel-title' },
        swatch(a.color),
        `${nodeLabel(graph, s)} ${graph.isDirected(edge) ? label : `↔ ${label}`} ${nodeLabel(graph, t)}`,
      ),
      when ? h('time', {}, when) : null,
      open,
    ),
    ...quotesOf(a).map((q) => h('blockquote', {}, q)),
    sources ? h('p', { class: 'evidence-sources' }, `Sources: ${sources}`) : null,
  );
}
