// The details panel: an entity (type, properties, aliases, sources, relations grouped
// by type and direction) or a relation (date, confidence, every evidence item, endpoints).
// Every data string goes through text nodes (h/append), never markup.
import { CORE_EDGE_KEYS, CORE_NODE_KEYS } from '../../../src/types.js';
import type { Evidence, GraphAttrs, PropertyValue } from '../../../src/types.js';
import { append, clear, h, link, type Child } from '../dom.js';
import { formatWhen, relationInterval } from '../dates.js';
import { graphTitle, type ViewGraph, type Visibility } from '../model.js';
import type { Selection } from '../view-state.js';
import type { Reader, ReaderFocus } from './reader.js';

export interface DetailsContext {
  graph: ViewGraph;
  vis: Visibility;
  select(sel: Selection, opts?: { centre?: boolean }): void;
  /** The reader panel (ui/reader.ts): "read" / "in context" links on sources with a text. */
  reader?: Pick<Reader, 'hasText' | 'open'>;
}

const CORE_NODE = new Set<string>(CORE_NODE_KEYS);
const CORE_EDGE = new Set<string>(CORE_EDGE_KEYS);

function value(v: PropertyValue | undefined): string {
  if (v === undefined) return '';
  return Array.isArray(v) ? v.map(String).join(', ') : String(v);
}

function swatch(color: string): HTMLElement {
  const s = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  s.style.background = color;
  return s;
}

/** Property values; refs to other entities become buttons that select them. */
function properties(
  ctx: DetailsContext,
  attrs: Record<string, unknown>,
  core: Set<string>,
): HTMLElement | null {
  const rows: Child[] = [];
  for (const key of Object.keys(attrs).sort()) {
    if (core.has(key) || key.startsWith('_') || key === 'name') continue;
    const v = attrs[key] as PropertyValue | undefined;
    if (v === undefined || v === '') continue;
    const items = Array.isArray(v) ? v : [v];
    const refs = items.every((x) => typeof x === 'string' && ctx.graph.hasNode(x));
    const dd = h('dd', {});
    if (refs) {
      items.forEach((x, i) => {
        const target = String(x);
        const na = ctx.graph.getNodeAttributes(target);
        const b = h(
          'button',
          { type: 'button', class: 'link-btn', 'data-node': target },
          swatch(na.color),
          na.label || target,
        );
        b.addEventListener('click', () =>
          ctx.select({ kind: 'node', key: target }, { centre: true }),
        );
        append(dd, [i ? ', ' : null, b]);
      });
    } else {
      const text = value(v);
      append(dd, [/^https?:\/\//.test(text) ? link(text, text) : text]);
    }
    rows.push(h('dt', {}, key), dd);
  }
  return rows.length ? h('dl', { class: 'props' }, ...rows) : null;
}

/**
 * "in context" (the passages a relation, or one of its evidence items, quotes) or "read" (any
 * source), when the source has a text.
 */
function readerLink(ctx: DetailsContext, id: string, quotedBy?: ReaderFocus): HTMLElement | null {
  const reader = ctx.reader;
  if (!reader?.hasText(id)) return null;
  const b = h(
    'button',
    { type: 'button', class: 'reader-link', 'data-source': id },
    quotedBy ? 'in context' : 'read',
  );
  b.addEventListener('click', () => void reader.open(id, quotedBy));
  return b;
}

function sourceItem(
  ctx: DetailsContext,
  sources: GraphAttrs['sources'],
  id: string,
  quotedBy?: ReaderFocus,
): HTMLElement {
  const s = Object.hasOwn(sources, id) ? sources[id] : undefined;
  if (!s) return h('li', {}, h('span', { class: 'muted' }, id));
  const meta = [s.publisher, s.author, s.published].filter(Boolean).join(' · ');
  return h(
    'li',
    {},
    link(s.url, s.title || id),
    readerLink(ctx, id, quotedBy),
    meta ? h('span', { class: 'meta' }, meta) : null,
  );
}

/** Sources of an entity or a relation (`quotedBy`: what to emphasise in a source it quotes). */
function sourceList(
  ctx: DetailsContext,
  ids: string[] | undefined,
  quotedBy?: (source: string) => ReaderFocus | undefined,
): HTMLElement | null {
  if (!ids?.length) return null;
  const sources = ctx.graph.getAttribute('sources');
  return h(
    'ul',
    { class: 'sources' },
    ...ids.map((id) => sourceItem(ctx, sources, id, quotedBy?.(id))),
  );
}

/** Whether any evidence item of a relation has an anchored quote in this source. */
function quotes(evidence: Evidence[] | undefined, source: string): boolean {
  return !!evidence?.some((e) => e.anchor && e.source === source);
}

/**
 * One evidence item of relation `edge` (its `index`-th): its quote, its source ("in context"
 * when the quote is anchored there), when, how sure, and its note.
 */
function evidenceItem(
  ctx: DetailsContext,
  edge: string,
  item: Evidence,
  index: number,
): HTMLElement {
  const meta = [
    formatWhen(item),
    item.confidence === undefined ? '' : `confidence ${Math.round(item.confidence * 100)} %`,
  ]
    .filter(Boolean)
    .join(' · ');
  return h(
    'li',
    {},
    item.quote ? h('blockquote', { class: 'big' }, item.quote) : null,
    item.source
      ? sourceList(ctx, [item.source], () =>
          item.anchor ? { relation: edge, evidence: index } : undefined,
        )
      : null,
    meta ? h('p', { class: 'meta' }, meta) : null,
    item.note ? h('p', { class: 'note' }, item.note) : null,
  );
}

function section(title: string, ...children: Child[]): HTMLElement {
  return h('section', {}, h('h3', {}, title), ...children);
}

function renderNode(panel: HTMLElement, ctx: DetailsContext, node: string): void {
  const { graph } = ctx;
  const a = graph.getNodeAttributes(node);
  const schema = graph.getAttribute('schema');
  append(panel, [
    h('div', { class: 'kind' }, swatch(a.color), a.type),
    h('h2', {}, a.label || node),
    a.aliases?.length ? h('p', { class: 'aliases' }, `Also: ${a.aliases.join(' · ')}`) : null,
    a.note ? h('p', { class: 'note' }, a.note) : null,
  ]);
  const props = properties(ctx, a, CORE_NODE);
  if (props) panel.append(section('Properties', props));
  const srcs = sourceList(ctx, a.sources);
  if (srcs) panel.append(section('Sources', srcs));

  // Group relations by type then direction; order by date, undated last.
  const groups = new Map<string, { title: string; items: string[] }>();
  graph.forEachEdge(node, (e, ea, s) => {
    const dir = !graph.isDirected(e) ? 'both' : s === node ? 'out' : 'in';
    const key = `${ea.type}|${dir}`;
    const label = schema.relations[ea.type]?.label ?? ea.label ?? ea.type;
    const arrow = dir === 'out' ? '→' : dir === 'in' ? '←' : '↔';
    const title = dir === 'in' ? `${arrow} ${label} (incoming)` : `${arrow} ${label}`;
    const g = groups.get(key) ?? { title, items: [] };
    g.items.push(e);
    groups.set(key, g);
  });
  if (!groups.size) {
    panel.append(section('Relations', h('p', { class: 'muted' }, 'No relations.')));
    return;
  }
  const rel = section(`Relations (${graph.degree(node)})`);
  for (const key of [...groups.keys()].sort()) {
    const g = groups.get(key);
    if (!g) continue;
    const when = (e: string): number =>
      relationInterval(graph.getEdgeAttributes(e))?.[0] ?? Infinity;
    g.items.sort((x, y) => when(x) - when(y) || x.localeCompare(y));
    const list = h('ul', { class: 'relations' });
    for (const e of g.items) list.append(relationItem(ctx, node, e));
    rel.append(h('h4', {}, g.title), list);
  }
  panel.append(rel);
}

function relationItem(ctx: DetailsContext, node: string, edge: string): HTMLElement {
  const { graph } = ctx;
  const ea = graph.getEdgeAttributes(edge);
  const other = graph.opposite(node, edge);
  const oa = graph.getNodeAttributes(other);
  const hidden = !ctx.vis.edges.has(edge);
  const open = h('button', { type: 'button', class: 'rel-open', 'data-edge': edge }, 'details');
  open.addEventListener('click', () => ctx.select({ kind: 'edge', key: edge }));
  const go = h(
    'button',
    { type: 'button', class: 'link-btn', 'data-node': other },
    swatch(oa.color),
    oa.label || other,
  );
  go.addEventListener('click', () => ctx.select({ kind: 'node', key: other }, { centre: true }));
  const when = formatWhen(ea);
  return h(
    'li',
    { class: hidden ? 'relation filtered' : 'relation' },
    h('div', { class: 'rel-head' }, go, when ? h('time', {}, when) : null, open),
    ...(ea.quotes ?? []).map((q) => h('blockquote', {}, q)),
    sourceList(ctx, ea.sources, (id) => (quotes(ea.evidence, id) ? { relation: edge } : undefined)),
  );
}

function renderEdge(panel: HTMLElement, ctx: DetailsContext, edge: string): void {
  const { graph } = ctx;
  const a = graph.getEdgeAttributes(edge);
  const [s, t] = graph.extremities(edge);
  const endpoint = (n: string): HTMLElement => {
    const na = graph.getNodeAttributes(n);
    const b = h(
      'button',
      { type: 'button', class: 'link-btn', 'data-node': n },
      swatch(na.color),
      na.label || n,
    );
    b.addEventListener('click', () => ctx.select({ kind: 'node', key: n }, { centre: true }));
    return b;
  };
  const arrow = graph.isDirected(edge) ? '→' : '↔';
  panel.append(
    h('div', { class: 'kind' }, swatch(a.color), a.type),
    h('h2', {}, a.label || a.type),
    h('p', { class: 'endpoints' }, endpoint(s), h('span', { class: 'arrow' }, arrow), endpoint(t)),
  );
  const facts: Child[] = [];
  const when = formatWhen(a);
  if (when) facts.push(h('dt', {}, 'Date'), h('dd', {}, when));
  if (a.confidence !== undefined) {
    facts.push(h('dt', {}, 'Confidence'), h('dd', {}, `${Math.round(a.confidence * 100)} %`));
  }
  if (facts.length) panel.append(h('dl', { class: 'props' }, ...facts));
  const props = properties(ctx, a, CORE_EDGE);
  if (props) panel.append(section('Properties', props));
  if (a.note) panel.append(h('p', { class: 'note' }, a.note));
  const evidence = a.evidence ?? [];
  panel.append(
    section(
      evidence.length > 1 ? `Evidence (${evidence.length})` : 'Evidence',
      evidence.length
        ? h('ol', { class: 'evidence' }, ...evidence.map((e, i) => evidenceItem(ctx, edge, e, i)))
        : h('p', { class: 'muted' }, 'No source given.'),
    ),
  );
  panel.append(h('p', { class: 'id muted' }, `id: ${edge}`));
}

function renderOverview(panel: HTMLElement, ctx: DetailsContext): void {
  const { graph } = ctx;
  panel.append(
    h('h2', {}, graphTitle(graph)),
    h(
      'p',
      { class: 'muted' },
      `${graph.order} entities · ${graph.size} relations · ${Object.keys(graph.getAttribute('sources')).length} sources`,
    ),
    h(
      'ul',
      { class: 'hints' },
      h('li', {}, 'Click an entity or a relation to see its details and sources.'),
      h(
        'li',
        {},
        'Search with ',
        h('kbd', {}, '/'),
        '; clear the selection with ',
        h('kbd', {}, 'Esc'),
        '.',
      ),
      h('li', {}, 'Tick types on the left to filter; drag the timeline to narrow dates.'),
      h('li', {}, 'Copy the link to share exactly this view.'),
    ),
  );
  const description = graph.getAttribute('description');
  if (description) panel.children[0]?.after(h('p', { class: 'note' }, description));
  // A starting point: the most connected visible entities.
  const top = [...ctx.vis.nodes]
    .sort((a, b) => graph.degree(b) - graph.degree(a) || a.localeCompare(b))
    .slice(0, 8);
  if (!top.length) return;
  const list = h('ul', { class: 'top' });
  for (const n of top) {
    const a = graph.getNodeAttributes(n);
    const b = h(
      'button',
      { type: 'button', class: 'link-btn', 'data-node': n },
      swatch(a.color),
      a.label || n,
    );
    b.addEventListener('click', () => ctx.select({ kind: 'node', key: n }, { centre: true }));
    list.append(h('li', {}, b, h('span', { class: 'count' }, String(graph.degree(n)))));
  }
  panel.append(section('Most connected', list));
}

export function renderDetails(panel: HTMLElement, ctx: DetailsContext, sel: Selection): void {
  clear(panel);
  const body = h('div', { class: 'details-body' });
  if (sel?.kind === 'node' && ctx.graph.hasNode(sel.key)) renderNode(body, ctx, sel.key);
  else if (sel?.kind === 'edge' && ctx.graph.hasEdge(sel.key)) renderEdge(body, ctx, sel.key);
  else renderOverview(body, ctx);
  if (sel) {
    const close = h(
      'button',
      { type: 'button', class: 'close', 'aria-label': 'Clear selection' },
      '×',
    );
    close.addEventListener('click', () => ctx.select(null));
    panel.append(close);
  }
  panel.append(body);
  panel.scrollTop = 0;
}
