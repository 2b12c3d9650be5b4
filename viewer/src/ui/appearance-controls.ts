// The "Appearance" group of the sidebar: colour by, size by, label density, and the legend of
// the current colouring (entity-type colours are shown by the filters below it).
import { colorChoices, sizeChoices, type Choice, type ColorLegend } from '../appearance.js';
import { h } from '../dom.js';
import type { ViewGraph } from '../model.js';
import { LABEL_DENSITIES, type ViewState } from '../view-state.js';

export interface AppearanceContext {
  graph: ViewGraph;
  state: ViewState;
  legend: ColorLegend | null;
  onColor(): void;
  onSize(): void;
  onLabels(): void;
}

function select(
  id: string,
  label: string,
  choices: Choice[],
  value: string,
  onChange: (v: string) => void,
): HTMLElement {
  const el = h('select', { id, 'aria-label': label });
  for (const c of choices) {
    const o = h('option', { value: c.value }, c.label);
    o.selected = c.value === value;
    el.append(o);
  }
  el.addEventListener('change', () => onChange(el.value));
  return h('label', { class: 'field' }, h('span', {}, label), el);
}

function legendView(legend: ColorLegend): HTMLElement {
  if (legend.kind === 'scale') {
    const bar = h('div', { class: 'scale-bar', 'aria-hidden': 'true' });
    bar.style.background = `linear-gradient(90deg, ${legend.stops.join(', ')})`;
    return h(
      'div',
      { class: 'color-legend', id: 'color-legend', 'data-kind': 'scale' },
      bar,
      h('div', { class: 'scale-ends' }, h('span', {}, legend.min), h('span', {}, legend.max)),
    );
  }
  const list = h('ul', {
    class: 'legend color-legend',
    id: 'color-legend',
    'data-kind': 'categories',
  });
  for (const item of legend.items) {
    const dot = h('span', { class: 'dot', 'aria-hidden': 'true' });
    dot.style.background = item.color;
    list.append(
      h(
        'li',
        {},
        h(
          'span',
          { class: 'legend-item' },
          dot,
          h('span', { class: 'name', title: item.label }, item.label),
          h('span', { class: 'count' }, String(item.count)),
        ),
      ),
    );
  }
  return list;
}

export function appearanceGroup(ctx: AppearanceContext): HTMLElement {
  const { graph, state } = ctx;
  const densities = LABEL_DENSITIES.map((d) => ({
    value: d,
    label: d === 'few' ? 'Fewer' : d === 'many' ? 'More' : 'Normal',
  }));
  return h(
    'section',
    { class: 'filter-group appearance' },
    h('h3', {}, 'Appearance'),
    select('color-by', 'Colour by', colorChoices(graph), state.colorBy, (v) => {
      state.colorBy = v;
      ctx.onColor();
    }),
    select('size-mode', 'Size by', sizeChoices(graph), state.sizeBy, (v) => {
      state.sizeBy = v;
      ctx.onSize();
    }),
    select('label-density', 'Labels', densities, state.labels, (v) => {
      state.labels = LABEL_DENSITIES.find((d) => d === v) ?? 'normal';
      ctx.onLabels();
    }),
    ctx.legend ? legendView(ctx.legend) : null,
  );
}
