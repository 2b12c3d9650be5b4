// What every analysis view (relations table, stance matrix, paths) gets from the viewer:
// the graph, what the filters leave visible, the shared state, and ways to act on them.
import type { ViewGraph, Visibility } from '../model.js';
import type { Selection, ViewState } from '../view-state.js';

export interface AnalysisContext {
  graph: ViewGraph;
  vis: Visibility;
  state: ViewState;
  select(sel: Selection, opts?: { centre?: boolean }): void;
  /** The state changed: recompute and repaint everything (and the URL). */
  onChange(): void;
}

export interface AnalysisView {
  readonly element: HTMLElement;
  render(ctx: AnalysisContext): void;
}
