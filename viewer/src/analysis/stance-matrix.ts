// The stance matrix: actors (rows) × targets (columns) for the relation types with a positive
// or negative polarity; each cell coloured by polarity with its counts; a click lists the
// evidence. On data/ it answers "who supports and who opposes security guarantees".
import { clear, h } from '../dom.js';
import type { AnalysisContext, AnalysisView } from './context.js';
import { evidenceItem, nodeLabel } from './evidence-list.js';
import { cellKey, stanceMatrix, type StanceCell } from './stance.js';

const GREENS = ['#d3efe2', '#9fdbbf', '#5fbf93', '#1b9e77'];
const REDS = ['#fbd5d1', '#f5a39a', '#e8675b', '#d62728'];

function shade(scale: string[], n: number): string {
  return scale[Math.min(scale.length - 1, n - 1)] ?? scale[0] ?? '#fff';
}

function cellStyle(el: HTMLElement, c: StanceCell): void {
  const p = c.positive.length;
  const n = c.negative.length;
  if (p && n) {
    el.style.background = `linear-gradient(135deg, ${shade(GREENS, p)} 50%, ${shade(REDS, n)} 50%)`;
    el.classList.add('mixed');
  } else {
    el.style.background = p ? shade(GREENS, p) : shade(REDS, n);
    if (Math.max(p, n) >= 3) el.classList.add('strong');
  }
}

export class StanceMatrixView implements AnalysisView {
  readonly element = h('div', { class: 'stance' });
  private readonly grid = h('div', { class: 'stance-grid' });
  private readonly evidence = h('div', { class: 'stance-evidence', 'aria-live': 'polite' });

  constructor() {
    this.element.append(this.grid, this.evidence);
  }

  render(ctx: AnalysisContext): void {
    const { graph, vis, state } = ctx;
    const m = stanceMatrix(graph, vis);
    clear(this.grid);
    clear(this.evidence);
    if (!m.types.length) {
      this.grid.append(
        h(
          'p',
          { class: 'muted empty' },
          'No relation type declares a polarity. Add `polarity: positive` or `polarity: negative` to relation types in the schema to see who stands where.',
        ),
      );
      return;
    }
    if (!m.actors.length) {
      this.grid.append(h('p', { class: 'muted empty' }, 'No visible relation has a polarity.'));
      return;
    }
    const relations = graph.getAttribute('schema').relations;
    const legend = h(
      'p',
      { class: 'stance-legend muted' },
      h('span', { class: 'chip pos' }, 'positive'),
      ' ',
      m.types
        .filter((t) => relations[t]?.polarity === 'positive')
        .map((t) => relations[t]?.label ?? t)
        .join(', '),
      ' · ',
      h('span', { class: 'chip neg' }, 'negative'),
      ' ',
      m.types
        .filter((t) => relations[t]?.polarity === 'negative')
        .map((t) => relations[t]?.label ?? t)
        .join(', '),
      m.totalActors > m.actors.length || m.totalTargets > m.targets.length
        ? ` · the ${m.actors.length} most active of ${m.totalActors} actors, ${m.targets.length} of ${m.totalTargets} targets`
        : '',
    );
    const table = h('table', { class: 'matrix', 'aria-label': 'Stance matrix: actors by targets' });
    const head = h('tr', {}, h('th', { class: 'corner', scope: 'col' }, 'actor ╲ target'));
    for (const t of m.targets) {
      head.append(
        h(
          'th',
          { scope: 'col', class: 'target', 'data-node': t, title: nodeLabel(graph, t) },
          h('span', {}, nodeLabel(graph, t)),
        ),
      );
    }
    table.append(h('thead', {}, head));
    const body = h('tbody', {});
    for (const a of m.actors) {
      const row = h(
        'tr',
        {},
        h(
          'th',
          { scope: 'row', class: 'actor', 'data-node': a, title: nodeLabel(graph, a) },
          nodeLabel(graph, a),
        ),
      );
      for (const t of m.targets) {
        const c = m.cells.get(cellKey(a, t));
        if (!c) {
          row.append(h('td', {}));
          continue;
        }
        const p = c.positive.length;
        const n = c.negative.length;
        const chosen = state.cell?.[0] === a && state.cell[1] === t;
        const b = h(
          'button',
          {
            type: 'button',
            class: chosen ? 'cell chosen' : 'cell',
            'data-actor': a,
            'data-target': t,
            'data-positive': p,
            'data-negative': n,
            'aria-pressed': chosen ? 'true' : 'false',
            'aria-label': `${nodeLabel(graph, a)} on ${nodeLabel(graph, t)}: ${p} positive, ${n} negative`,
          },
          [p ? `+${p}` : '', n ? `−${n}` : ''].filter(Boolean).join(' '),
        );
        cellStyle(b, c);
        b.addEventListener('click', () => {
          state.cell = chosen ? null : [a, t];
          ctx.onChange();
        });
        row.append(h('td', {}, b));
      }
      body.append(row);
    }
    table.append(body);
    this.grid.append(legend, h('div', { class: 'matrix-scroll' }, table));
    this.renderEvidence(ctx, state.cell ? m.cells.get(cellKey(...state.cell)) : undefined);
  }

  private renderEvidence(ctx: AnalysisContext, cell: StanceCell | undefined): void {
    if (!cell) {
      this.evidence.append(h('p', { class: 'muted' }, 'Click a cell to read the evidence.'));
      return;
    }
    const { graph } = ctx;
    const edges = [...cell.positive, ...cell.negative].filter((e, i, all) => all.indexOf(e) === i);
    this.evidence.append(
      h('h4', {}, `${nodeLabel(graph, cell.actor)} → ${nodeLabel(graph, cell.target)}`),
      h('ul', { class: 'evidence-list' }, ...edges.map((e) => evidenceItem(ctx, e))),
    );
  }
}
