// Timeline (a strip under the graph): a two-thumb range over the relations' dates. Narrowing it hides relations
// outside the range (undated ones too, unless kept) and entities left without relations.
import { clear, h } from '../dom.js';
import { daysToIso } from '../dates.js';
import type { ViewState } from '../view-state.js';

export interface TimelineContext {
  extent: [number, number] | null;
  /** Where each dated relation begins (day numbers), for the density strip. */
  starts: number[];
  state: ViewState;
  datedCount: number;
  totalCount: number;
  onChange(): void;
}

export function renderTimeline(container: HTMLElement, ctx: TimelineContext): void {
  clear(container);
  const { extent, state } = ctx;
  if (!extent || extent[0] === extent[1]) {
    container.hidden = true;
    return;
  }
  container.hidden = false;
  const [lo, hi] = extent;
  const cur = state.timeRange ?? extent;
  const mk = (label: string, v: number): HTMLInputElement => {
    const input = h('input', {
      type: 'range',
      min: lo,
      max: hi,
      step: 1,
      value: Math.min(hi, Math.max(lo, v)),
      'aria-label': label,
    });
    return input;
  };
  const from = mk('From date', cur[0]);
  const to = mk('To date', cur[1]);
  from.id = 'time-from';
  to.id = 'time-to';
  const out = h('output', { id: 'time-range', for: 'time-from time-to' });
  const fill = h('div', { class: 'range-fill' });
  // A density strip: how many relations start in each of 48 buckets of the range.
  const BUCKETS = 48;
  const counts = new Array<number>(BUCKETS).fill(0);
  for (const d of ctx.starts) {
    const i = Math.min(BUCKETS - 1, Math.max(0, Math.floor(((d - lo) / (hi - lo)) * BUCKETS)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  const peak = Math.max(1, ...counts);
  const strip = h('div', { class: 'density', 'aria-hidden': 'true' });
  for (const c of counts) {
    const bar = h('span', {});
    bar.style.height = c ? `${Math.max(12, (c / peak) * 100)}%` : '0';
    strip.append(bar);
  }
  const reset = h('button', { type: 'button', class: 'link-btn small' }, 'All time');
  const paint = (): void => {
    const a = Math.min(Number(from.value), Number(to.value));
    const b = Math.max(Number(from.value), Number(to.value));
    out.textContent = `${daysToIso(a)} — ${daysToIso(b)}`;
    fill.style.left = `${((a - lo) / (hi - lo)) * 100}%`;
    fill.style.right = `${100 - ((b - lo) / (hi - lo)) * 100}%`;
    reset.hidden = a <= lo && b >= hi;
  };
  let frame = 0;
  const changed = (): void => {
    paint();
    const a = Math.min(Number(from.value), Number(to.value));
    const b = Math.max(Number(from.value), Number(to.value));
    state.timeRange = a <= lo && b >= hi ? null : [a, b];
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => ctx.onChange());
  };
  from.addEventListener('input', changed);
  to.addEventListener('input', changed);
  reset.addEventListener('click', () => {
    from.value = String(lo);
    to.value = String(hi);
    changed();
  });
  const undated = h('input', { type: 'checkbox', id: 'keep-undated' });
  undated.checked = !state.hideUndated;
  undated.addEventListener('change', () => {
    state.hideUndated = !undated.checked;
    ctx.onChange();
  });
  paint();
  container.append(
    h('div', { class: 'tl-head' }, h('h3', {}, 'Timeline'), out, reset),
    h(
      'div',
      { class: 'tl-track' },
      strip,
      h('div', { class: 'range' }, h('div', { class: 'range-track' }), fill, from, to),
    ),
    h(
      'div',
      { class: 'tl-opts' },
      h('label', { class: 'check' }, undated, 'Keep undated relations'),
      h('p', { class: 'hint' }, `${ctx.datedCount} of ${ctx.totalCount} relations are dated.`),
    ),
  );
}
