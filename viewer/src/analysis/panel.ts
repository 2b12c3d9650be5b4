// The analysis panel under the graph: tabs for the relations table, the stance matrix and
// paths. The open tab is part of the view state (and so of the URL); every tab works on what
// the filters leave visible and shares the selection with the graph.
import { clear, h } from '../dom.js';
import type { AnalysisView as ViewName } from '../view-state.js';
import type { AnalysisContext, AnalysisView } from './context.js';
import { PathsView } from './paths-view.js';
import { RelationsTable } from './relations-table.js';
import { StanceMatrixView } from './stance-matrix.js';

const TITLES: Record<ViewName, string> = {
  table: 'Relations',
  matrix: 'Stance matrix',
  paths: 'Paths',
};

export class AnalysisPanel {
  readonly table = new RelationsTable();
  readonly matrix = new StanceMatrixView();
  readonly paths = new PathsView();
  private readonly tabs = h('div', {
    class: 'panel-tabs',
    role: 'tablist',
    'aria-label': 'Analysis views',
  });
  private readonly body = h('div', { class: 'panel-body', role: 'tabpanel' });
  private current: ViewName | null = null;

  constructor(private readonly container: HTMLElement) {
    container.append(this.tabs, this.body);
  }

  private view(name: ViewName): AnalysisView {
    return name === 'table' ? this.table : name === 'matrix' ? this.matrix : this.paths;
  }

  render(ctx: AnalysisContext): void {
    const open = ctx.state.view;
    this.container.hidden = open === null;
    document.getElementById('app')?.classList.toggle('has-panel', open !== null);
    clear(this.tabs);
    for (const name of ['table', 'matrix', 'paths'] as const) {
      const tab = h(
        'button',
        { type: 'button', role: 'tab', id: `tab-${name}`, 'aria-selected': String(open === name) },
        name === 'table' ? `${TITLES[name]} (${ctx.vis.edges.size})` : TITLES[name],
      );
      tab.addEventListener('click', () => {
        ctx.state.view = name;
        ctx.onChange();
      });
      this.tabs.append(tab);
    }
    const close = h(
      'button',
      { type: 'button', class: 'panel-close', 'aria-label': 'Close the analysis panel' },
      '×',
    );
    close.addEventListener('click', () => {
      ctx.state.view = null;
      ctx.onChange();
    });
    this.tabs.append(close);
    if (open === null) {
      this.current = null;
      this.paths.focus = null;
      return;
    }
    if (this.current !== open) {
      clear(this.body);
      this.body.append(this.view(open).element);
      this.current = open;
    }
    if (open !== 'paths') this.paths.focus = null;
    this.view(open).render(ctx);
  }
}
