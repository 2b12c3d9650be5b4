// The relations table: every visible relation (from, type, to, date, quote, sources),
// sortable by any column, filtered by text, downloadable as CSV; a row click selects the
// relation. Rows are virtualised (only those in view are in the DOM), so 50,000 stay fast.
import { clear, h } from '../dom.js';
import { download, fileStem } from '../download.js';
import type { ViewGraph, Visibility } from '../model.js';
import type { AnalysisContext, AnalysisView } from './context.js';
import {
  COLUMNS,
  filterRows,
  relationRows,
  rowsToCsv,
  sortRows,
  type Column,
  type RelationRow,
} from './relation-rows.js';

const ROW = 34;
const TITLES: Record<Column, string> = {
  from: 'From',
  type: 'Relation',
  to: 'To',
  date: 'Date',
  quote: 'Quote',
  sources: 'Sources',
};

export class RelationsTable implements AnalysisView {
  readonly element = h('div', { class: 'relations-table' });
  private readonly input = h('input', {
    type: 'search',
    id: 'table-filter',
    placeholder: 'Filter relations (names, quotes, sources…)',
    'aria-label': 'Filter relations',
    spellcheck: 'false',
  });
  private readonly count = h('span', { class: 'muted table-count', role: 'status' });
  private readonly csv = h('button', { type: 'button', id: 'table-csv' }, 'CSV');
  private readonly head = h('div', { class: 'table-head', role: 'row' });
  private readonly scroller = h('div', { class: 'table-body', role: 'rowgroup' });
  private readonly spacer = h('div', { class: 'table-spacer' });
  private all: RelationRow[] = [];
  private shown: RelationRow[] = [];
  private source: { graph: ViewGraph; vis: Visibility } | null = null;
  private key = '';
  private ctx: AnalysisContext | null = null;

  constructor() {
    this.element.setAttribute('role', 'table');
    this.element.setAttribute('aria-label', 'Relations');
    this.scroller.append(this.spacer);
    this.element.append(
      h('div', { class: 'table-tools' }, this.input, this.count, this.csv),
      this.head,
      this.scroller,
    );
    let timer = 0;
    this.input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!this.ctx) return;
        this.ctx.state.filter = this.input.value;
        this.ctx.onChange();
      }, 120);
    });
    this.csv.addEventListener('click', () => {
      const name = this.source ? fileStem(this.source.graph) : 'graph';
      download(`${name}-relations.csv`, new Blob([rowsToCsv(this.shown)], { type: 'text/csv' }));
    });
    this.scroller.addEventListener('scroll', () => this.paintRows());
    this.scroller.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-edge]');
      if (row?.dataset.edge) this.ctx?.select({ kind: 'edge', key: row.dataset.edge });
    });
  }

  render(ctx: AnalysisContext): void {
    this.ctx = ctx;
    const { graph, vis, state } = ctx;
    if (this.source?.graph !== graph || this.source.vis !== vis) {
      this.source = { graph, vis };
      this.all = relationRows(graph, vis.edges);
      this.key = '';
    }
    const key = `${state.sort}\u0000${state.filter}`;
    if (key !== this.key) {
      this.key = key;
      this.shown = sortRows(filterRows(this.all, state.filter), state.sort);
      this.scroller.scrollTop = 0;
    }
    if (document.activeElement !== this.input) this.input.value = state.filter;
    this.count.textContent =
      this.shown.length === this.all.length
        ? `${this.all.length} relations`
        : `${this.shown.length} of ${this.all.length} relations`;
    this.paintHead(ctx);
    this.spacer.style.height = `${this.shown.length * ROW}px`;
    this.paintRows();
  }

  private paintHead(ctx: AnalysisContext): void {
    clear(this.head);
    const sort = ctx.state.sort;
    for (const col of COLUMNS) {
      const dir = sort === col ? 'ascending' : sort === `-${col}` ? 'descending' : 'none';
      const b = h(
        'button',
        { type: 'button', class: `col col-${col}`, 'data-sort': col, 'aria-sort': dir },
        TITLES[col],
        dir === 'none'
          ? null
          : h('span', { 'aria-hidden': 'true' }, dir === 'ascending' ? ' ▲' : ' ▼'),
      );
      b.setAttribute('role', 'columnheader');
      b.addEventListener('click', () => {
        ctx.state.sort = sort === col ? `-${col}` : col;
        ctx.onChange();
      });
      this.head.append(b);
    }
  }

  private paintRows(): void {
    const ctx = this.ctx;
    if (!ctx) return;
    for (const el of [...this.scroller.children]) if (el !== this.spacer) el.remove();
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW) - 5);
    const last = Math.min(
      this.shown.length,
      first + Math.ceil(this.scroller.clientHeight / ROW) + 10,
    );
    const sel = ctx.state.selection;
    const swatch = (type: string): HTMLElement => {
      const s = h('span', { class: 'bar', 'aria-hidden': 'true' });
      s.style.background = ctx.graph.getAttribute('schema').relations[type]?.color ?? '#c3c9d2';
      return s;
    };
    for (let i = first; i < last; i++) {
      const r = this.shown[i];
      if (!r) continue;
      const quote = r.quotes[0] ?? '';
      const more = r.quotes.length > 1 ? ` (+${r.quotes.length - 1})` : '';
      const row = h(
        'div',
        {
          class: sel?.kind === 'edge' && sel.key === r.edge ? 'table-row selected' : 'table-row',
          role: 'row',
          'data-edge': r.edge,
          title: r.quotes.join('\n\n') || undefined,
        },
        h('span', { class: 'col col-from', role: 'cell' }, r.from),
        h(
          'span',
          { class: 'col col-type', role: 'cell' },
          swatch(r.type),
          r.directed ? r.label : `↔ ${r.label}`,
        ),
        h('span', { class: 'col col-to', role: 'cell' }, r.to),
        h('span', { class: 'col col-date', role: 'cell' }, r.when),
        h('span', { class: 'col col-quote', role: 'cell' }, quote ? `“${quote}”${more}` : ''),
        h('span', { class: 'col col-sources', role: 'cell' }, r.sources.join(', ')),
      );
      row.style.top = `${i * ROW}px`;
      this.scroller.append(row);
    }
  }
}
