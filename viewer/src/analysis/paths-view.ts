// Paths: pick two entities; the shortest paths between them (over the visible relations, in
// either direction) are highlighted in the graph and listed as chains of relations with
// their quotes — "how is Macron connected to Putin?".
import { clear, h } from '../dom.js';
import { createSearch } from '../ui/search.js';
import type { AnalysisContext, AnalysisView } from './context.js';
import { evidenceItem, nodeLabel, swatch } from './evidence-list.js';
import { relationsBetween, shortestPaths, type PathsResult } from './shortest-paths.js';

export interface PathFocus {
  nodes: Set<string>;
  edges: Set<string>;
}

export class PathsView implements AnalysisView {
  readonly element = h('div', { class: 'paths' });
  private readonly result = h('div', { class: 'paths-result', 'aria-live': 'polite' });
  private readonly inputs: HTMLInputElement[] = [];
  private ctx: AnalysisContext | null = null;
  /** What the last render found, for the graph's highlight. */
  focus: PathFocus | null = null;

  constructor() {
    const pickers = h('div', { class: 'paths-pickers' });
    (['from', 'to'] as const).forEach((end, i) => {
      const input = h('input', {
        type: 'search',
        id: `path-${end}`,
        role: 'combobox',
        placeholder: i === 0 ? 'From entity…' : 'To entity…',
        'aria-label': i === 0 ? 'Path from' : 'Path to',
        'aria-autocomplete': 'list',
        'aria-expanded': 'false',
        'aria-controls': `path-${end}-list`,
        autocomplete: 'off',
        spellcheck: 'false',
      });
      const list = h('ul', {
        id: `path-${end}-list`,
        role: 'listbox',
        class: 'suggestions',
        hidden: true,
      });
      createSearch(
        input,
        list,
        () => this.ctx?.graph as NonNullable<AnalysisContext['graph']>,
        (node) => {
          const ctx = this.ctx;
          if (!ctx) return;
          const current = ctx.state.path ?? this.pending ?? ['', ''];
          const next: [string, string] = i === 0 ? [node, current[1]] : [current[0], node];
          this.pending = next;
          ctx.state.path = next[0] && next[1] ? next : null;
          ctx.state.hiddenEntityTypes.delete(ctx.graph.getNodeAttribute(node, 'type'));
          ctx.onChange();
          if (i === 0 && !next[1]) this.inputs[1]?.focus();
        },
      );
      this.inputs.push(input);
      pickers.append(h('div', { class: 'picker' }, input, list));
      if (i === 0) {
        const swap = h(
          'button',
          { type: 'button', class: 'swap', 'aria-label': 'Swap the two entities' },
          '⇄',
        );
        swap.addEventListener('click', () => {
          const ctx = this.ctx;
          if (!ctx?.state.path) return;
          ctx.state.path = [ctx.state.path[1], ctx.state.path[0]];
          ctx.onChange();
        });
        pickers.append(swap);
      }
    });
    this.element.append(pickers, this.result);
  }

  /** A path picked before its second end: kept locally until both ends are known. */
  private pending: [string, string] | null = null;

  render(ctx: AnalysisContext): void {
    this.ctx = ctx;
    const { graph, vis, state } = ctx;
    if (!state.path && !this.pending && state.selection?.kind === 'node') {
      this.pending = [state.selection.key, ''];
    }
    const [from, to] = state.path ?? this.pending ?? ['', ''];
    this.inputs.forEach((input, i) => {
      const id = i === 0 ? from : to;
      if (document.activeElement !== input)
        input.value = id && graph.hasNode(id) ? nodeLabel(graph, id) : '';
    });
    clear(this.result);
    this.focus = null;
    if (!from || !to || !graph.hasNode(from) || !graph.hasNode(to)) {
      this.result.append(
        h(
          'p',
          { class: 'muted' },
          'Pick two entities to see the shortest paths between them (over the relations the filters leave visible, in either direction).',
        ),
      );
      return;
    }
    const found = shortestPaths(graph, vis, from, to);
    if (!found) {
      this.result.append(
        h(
          'p',
          { class: 'muted no-path' },
          `No path between ${nodeLabel(graph, from)} and ${nodeLabel(graph, to)} over the visible relations.`,
        ),
      );
      return;
    }
    this.showPaths(ctx, found);
  }

  private showPaths(ctx: AnalysisContext, found: PathsResult): void {
    const { graph, vis } = ctx;
    const nodes = new Set<string>();
    const edges = new Set<string>();
    const more = found.total > found.paths.length ? ` (the first ${found.paths.length} shown)` : '';
    this.result.append(
      h(
        'p',
        { class: 'paths-summary' },
        `${found.total} shortest ${found.total === 1 ? 'path' : 'paths'} of ${found.hops} ${found.hops === 1 ? 'step' : 'steps'}${more}`,
      ),
    );
    const list = h('ol', { class: 'path-list' });
    for (const path of found.paths) {
      const chain = h('div', { class: 'chain' });
      const details = h('ul', { class: 'evidence-list' });
      path.forEach((n, i) => {
        nodes.add(n);
        const node = h(
          'button',
          { type: 'button', class: 'link-btn', 'data-node': n },
          swatch(graph.getNodeAttribute(n, 'color'), 'dot'),
          nodeLabel(graph, n),
        );
        node.addEventListener('click', () =>
          ctx.select({ kind: 'node', key: n }, { centre: true }),
        );
        chain.append(node);
        const next = path[i + 1];
        if (next === undefined) return;
        const hop = relationsBetween(graph, vis, n, next);
        for (const e of hop) edges.add(e);
        const labels = [
          ...new Set(
            hop.map((e) => {
              const label = graph.getEdgeAttribute(e, 'label') || graph.getEdgeAttribute(e, 'type');
              const forward = graph.source(e) === n;
              return !graph.isDirected(e)
                ? `— ${label} —`
                : forward
                  ? `— ${label} →`
                  : `← ${label} —`;
            }),
          ),
        ];
        chain.append(h('span', { class: 'hop' }, labels.join(' / ')));
        for (const e of hop) details.append(evidenceItem(ctx, e));
      });
      list.append(h('li', { class: 'path' }, chain, details));
    }
    this.result.append(list);
    this.focus = { nodes, edges };
  }
}
