// kg viewer entry point: loads the graph, wires sigma, the panels and the URL state.
import './style.css';
import { forgetScores } from './analysis/metrics.js';
import { AnalysisPanel } from './analysis/panel.js';
import { stanceMatrix, cellKey } from './analysis/stance.js';
import { applyColors, applySizes, type ColorLegend } from './appearance.js';
import { centreOn, fitNodes } from './camera.js';
import { download, fileStem } from './download.js';
import { LabelLayer } from './labels/label-layer.js';
import { applyDelta, type WireDelta } from './delta.js';
import { connectLive, loadGraph, type WireDiagnostic } from './load.js';
import {
  computeVisibility,
  graphTitle,
  importGraph,
  neighbourhood,
  relationDates,
  type SerializedKgGraph,
  type ViewGraph,
  type Visibility,
} from './model.js';
import { renderSharePng, type PngText } from './png.js';
import {
  applyVisibility,
  createRenderer,
  resetFocusMemory,
  setFocus,
  type KgSigma,
} from './renderer.js';
import { exposeHook } from './test-hook.js';
import { exportGexf, LayoutRunner } from './tools.js';
import { renderDetails } from './ui/details.js';
import { renderLegend } from './ui/legend.js';
import { createReader } from './ui/reader.js';
import { showErrors } from './ui/overlay.js';
import { createSearch } from './ui/search.js';
import { renderTimeline } from './ui/timeline.js';
import { ANALYSIS_VIEWS, decodeViewState, encodeViewState, type Selection } from './view-state.js';

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};

const ui = {
  app: $('app'),
  container: $('graph'),
  details: $('details'),
  filters: $('filters'),
  timeline: $('timeline'),
  analysis: $('analysis'),
  overlay: $('errors'),
  search: $<HTMLInputElement>('search'),
  suggestions: $<HTMLUListElement>('suggestions'),
  name: $('graph-name'),
  stats: $('stats'),
  layout: $<HTMLButtonElement>('layout-btn'),
  png: $<HTMLButtonElement>('export-png'),
  gexf: $<HTMLButtonElement>('export-gexf'),
  copy: $<HTMLButtonElement>('copy-link'),
  toggleFilters: $<HTMLButtonElement>('toggle-filters'),
  status: $('status'),
};

const state = decodeViewState(location.hash);
let graph: ViewGraph;
let renderer: KgSigma;
let labels: LabelLayer;
let vis: Visibility = { nodes: new Set(), edges: new Set() };
let hovered: string | null = null;
let errors: WireDiagnostic[] = [];
let reloads = 0;
/** Deltas applied in place (kg view, after a small edit). */
let deltas = 0;
let ready = false;
let layout: LayoutRunner;
let colorLegend: ColorLegend | null = null;
let lastPng: (PngText & { width: number; height: number }) | null = null;
let focus: { nodes: Set<string>; edges: Set<string> } | null = null;
/** What the camera last framed, so an unchanged neighbourhood or path is not re-framed. */
let framed = '';
const panel = new AnalysisPanel(ui.analysis);

function syncUrl(): void {
  const hash = encodeViewState(state);
  const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`)
    history.replaceState(null, '', url);
}

/** The highlighted part of the graph: hover, then a path, a matrix cell, the selection. */
function currentFocus(): typeof focus {
  if (hovered && graph.hasNode(hovered) && vis.nodes.has(hovered))
    return neighbourhood(graph, hovered, vis);
  if (state.view === 'paths' && panel.paths.focus) return panel.paths.focus;
  const sel = state.selection;
  if (sel?.kind === 'node' && graph.hasNode(sel.key) && vis.nodes.has(sel.key))
    return neighbourhood(graph, sel.key, vis);
  if (sel?.kind === 'edge' && graph.hasEdge(sel.key) && vis.edges.has(sel.key))
    return { nodes: new Set(graph.extremities(sel.key)), edges: new Set([sel.key]) };
  if (state.view === 'matrix' && state.cell) {
    const c = stanceMatrix(graph, vis).cells.get(cellKey(...state.cell));
    if (c) return { nodes: new Set(state.cell), edges: new Set([...c.positive, ...c.negative]) };
  }
  return null;
}

function refreshFocus(): void {
  focus = currentFocus();
  setFocus(renderer, focus);
}

/** What should be framed now (a path, a neighbourhood view), and its key. */
function frameTarget(): { key: string; nodes: Iterable<string> } {
  if (state.view === 'paths' && panel.paths.focus) {
    const nodes = panel.paths.focus.nodes;
    return { key: `path:${[...nodes].sort().join(',')}`, nodes };
  }
  if (state.ego > 0 && state.selection?.kind === 'node')
    return { key: `ego:${state.ego}:${state.selection.key}`, nodes: vis.nodes };
  return { key: '', nodes: [] };
}

/** Frames a neighbourhood or a path once, when it first appears. */
function frame(): void {
  const { key, nodes } = frameTarget();
  if (key && key !== framed) fitNodes(renderer, nodes);
  framed = key;
}

let visKey = '';
let visGraph: ViewGraph | null = null;

/** The same Visibility object while the filters are unchanged, so views can cache by it. */
function visibility(): Visibility {
  const key = JSON.stringify([
    [...state.hiddenEntityTypes].sort(),
    [...state.hiddenRelationTypes].sort(),
    state.timeRange,
    state.hideUndated,
    state.ego,
    state.ego && state.selection?.kind === 'node' ? state.selection.key : null,
  ]);
  if (key !== visKey || visGraph !== graph) {
    vis = computeVisibility(graph, state);
    visKey = key;
    visGraph = graph;
  }
  return vis;
}

/** Recomputes visibility and repaints every panel; called after any state change. */
function update(): void {
  const before = vis;
  vis = visibility();
  if (vis !== before || !ready) applyVisibility(renderer, graph, vis);
  const context = { graph, vis, state, select, onChange: update };
  panel.render(context);
  // A link with a camera shows exactly that view: what it framed is framed already.
  if (!ready && state.camera) framed = frameTarget().key;
  refreshFocus();
  renderLegend(ui.filters, {
    graph,
    state,
    vis,
    onChange: update,
    appearance: {
      graph,
      state,
      legend: colorLegend,
      onColor: () => {
        colorLegend = applyColors(graph, state.colorBy);
        update();
      },
      onSize: () => {
        applySizes(graph, state.sizeBy);
        labels.setGraph(graph);
        update();
      },
      onLabels: update,
    },
  });
  renderDetails(ui.details, { graph, vis, select, reader }, state.selection);
  ui.app.classList.toggle('has-selection', state.selection !== null);
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-view]'))
    b.setAttribute('aria-pressed', String(state.view === b.dataset.view));
  ui.stats.textContent =
    vis.nodes.size === graph.order && vis.edges.size === graph.size
      ? `${graph.order} entities · ${graph.size} relations`
      : `${vis.nodes.size} of ${graph.order} entities · ${vis.edges.size} of ${graph.size} relations`;
  frame();
  renderer.scheduleRender();
  syncUrl();
}

function paintTimeline(): void {
  const { extent, starts } = relationDates(graph);
  renderTimeline(ui.timeline, {
    extent,
    starts,
    state,
    datedCount: starts.length,
    totalCount: graph.size,
    onChange: update,
  });
}

function select(sel: Selection, opts: { centre?: boolean } = {}): void {
  state.selection = sel;
  if (!sel || sel.kind !== 'node') state.ego = sel ? state.ego : 0;
  update();
  if (sel?.kind === 'node' && opts.centre) frameSelection(sel.key);
}

/** Shows an entity with its neighbours (all of them when they are not too many). */
function frameSelection(node: string): void {
  const around = neighbourhood(graph, node, vis).nodes;
  if (around.size > 1 && around.size <= 80) fitNodes(renderer, around);
  else centreOn(renderer, node);
}

function status(text: string): void {
  ui.status.textContent = text;
  ui.status.hidden = !text;
  if (text) setTimeout(() => (ui.status.textContent === text ? status('') : undefined), 2500);
}

function bindRenderer(): void {
  renderer.on('clickNode', ({ node }) => select({ kind: 'node', key: node }));
  renderer.on('clickEdge', ({ edge }) => select({ kind: 'edge', key: edge }));
  renderer.on('clickStage', () => {
    if (state.selection) select(null);
  });
  renderer.on('enterNode', ({ node }) => {
    hovered = node;
    refreshFocus();
  });
  renderer.on('leaveNode', () => {
    hovered = null;
    refreshFocus();
  });
  let t = 0;
  renderer.getCamera().on('updated', (c) => {
    clearTimeout(t);
    t = window.setTimeout(() => {
      // Rounded like the URL, so a reopened link has exactly this state.
      const r = (n: number): number => Math.round(n * 10_000) / 10_000;
      state.camera = { x: r(c.x), y: r(c.y), ratio: r(c.ratio), angle: r(c.angle) };
      syncUrl();
    }, 250);
  });
}

const reader = createReader(ui.container.parentElement ?? ui.app, {
  graph: () => graph,
  select: (sel) => select(sel),
});

const search = createSearch(
  ui.search,
  ui.suggestions,
  () => graph,
  (node) => {
    // Make sure the chosen entity is not filtered out, then focus it.
    state.hiddenEntityTypes.delete(graph.getNodeAttribute(node, 'type'));
    select({ kind: 'node', key: node }, { centre: true });
    ui.search.blur();
  },
);

/** Colours, sizes and label order for a freshly imported graph. */
function dress(next: ViewGraph): void {
  colorLegend = applyColors(next, state.colorBy);
  applySizes(next, state.sizeBy);
}

function showTitle(): void {
  ui.name.textContent = graphTitle(graph);
  document.title = `${graphTitle(graph)} · kg viewer`;
}

function replaceGraph(data: SerializedKgGraph): void {
  const camera = renderer.getCamera().getState();
  const next = importGraph(data);
  dress(next);
  layout.setGraph(next);
  ui.layout.textContent = 'Run layout';
  ui.layout.setAttribute('aria-pressed', 'false');
  resetFocusMemory();
  hovered = null;
  graph = next;
  renderer.setGraph(next as never);
  labels.setGraph(next);
  renderer.getCamera().setState(camera);
  reloads++;
  errors = [];
  showErrors(ui.overlay, errors);
  showTitle();
  const sel = state.selection;
  if (sel && !(sel.kind === 'node' ? graph.hasNode(sel.key) : graph.hasEdge(sel.key))) {
    state.selection = null; // it was renamed or removed in the data
  }
  search.rebuild(graph);
  paintTimeline();
  update();
  reader.refresh();
  status('Graph updated');
  performance.mark('kg-live-applied');
}

/**
 * A delta from `kg view` applied in place (delta.ts): no new graph, so sigma, the camera, the
 * positions and a running layout's graph stay; what reads the whole graph is refreshed.
 */
function applyLiveDelta(delta: WireDelta): boolean {
  // One batch: an edge dropped costs sigma one processing of its buffers, not a re-indexing.
  const effect = renderer.batch(() => applyDelta(graph, delta), delta.droppedNodes.length > 0);
  if (!effect) return false;
  forgetScores(graph); // degrees (sizes), communities… are computed again
  dress(graph);
  labels.setGraph(graph);
  visGraph = null; // visibility is computed again
  deltas++;
  errors = [];
  showErrors(ui.overlay, errors);
  const sel = state.selection;
  if (sel && !(sel.kind === 'node' ? graph.hasNode(sel.key) : graph.hasEdge(sel.key))) {
    state.selection = null; // removed in the data
  }
  if (effect.nodesChanged) search.rebuild(graph);
  paintTimeline();
  update();
  reader.refresh();
  status('Graph updated');
  performance.mark('kg-live-applied');
  return true;
}

async function sharePng(): Promise<void> {
  const png = await renderSharePng(renderer, {
    graph,
    vis,
    state,
    labels: labels.labels,
    colorLegend,
  });
  lastPng = { ...png.text, width: png.width, height: png.height };
  download(`${fileStem(graph)}.png`, png.blob);
}

function bindUi(): void {
  ui.layout.addEventListener('click', () => {
    const running = layout.toggle();
    ui.layout.textContent = running ? 'Stop layout' : 'Run layout';
    ui.layout.setAttribute('aria-pressed', String(running));
  });
  for (const b of document.querySelectorAll<HTMLButtonElement>('[data-view]')) {
    b.addEventListener('click', () => {
      const view = ANALYSIS_VIEWS.find((v) => v === b.dataset.view) ?? null;
      state.view = state.view === view ? null : view;
      update();
    });
  }
  ui.png.addEventListener('click', () => void sharePng());
  ui.gexf.addEventListener('click', () => exportGexf(graph, vis));
  ui.copy.addEventListener('click', () => {
    syncUrl();
    navigator.clipboard?.writeText(location.href).then(
      () => status('Link copied'),
      () => status('Copy the address bar to share this view'),
    );
  });
  $<HTMLButtonElement>('close-filters').addEventListener('click', () => {
    ui.app.classList.remove('filters-open');
    ui.toggleFilters.setAttribute('aria-expanded', 'false');
    ui.toggleFilters.focus();
  });
  ui.container.addEventListener('pointerdown', () => ui.app.classList.remove('filters-open'));
  ui.toggleFilters.addEventListener('click', () => {
    const open = ui.app.classList.toggle('filters-open');
    ui.toggleFilters.setAttribute('aria-expanded', String(open));
  });
  const cam = (): ReturnType<KgSigma['getCamera']> => renderer.getCamera();
  $('zoom-in').addEventListener('click', () => void cam().zoomIn({ duration: 250 }));
  $('zoom-out').addEventListener('click', () => void cam().zoomOut({ duration: 250 }));
  $('zoom-fit').addEventListener('click', () => void cam().reset({ duration: 300 }));
  // The graph area changes size when the analysis panel opens or closes.
  new ResizeObserver(() => renderer?.resize()).observe(ui.container);
  document.addEventListener('keydown', (e) => {
    const target = e.target as HTMLElement | null;
    const typing =
      target?.matches(
        'textarea, select, input:not([type=checkbox]):not([type=radio]):not([type=range])',
      ) ?? false;
    if (e.key === '/' && !typing) {
      e.preventDefault();
      ui.search.focus();
      ui.search.select();
    } else if (e.key === 'Escape') {
      if (target === ui.search) return;
      search.clear();
      ui.app.classList.remove('filters-open');
      if (state.selection || state.ego) {
        state.ego = 0;
        select(null);
      }
    }
  });
}

async function boot(): Promise<void> {
  const t0 = performance.now();
  const { data, live, version } = await loadGraph();
  performance.mark('kg-loaded');
  graph = importGraph(data);
  performance.mark('kg-imported');
  dress(graph);
  showTitle();
  performance.mark('kg-dressed');
  renderer = createRenderer(graph, ui.container);
  performance.mark('kg-sigma');
  labels = new LabelLayer(renderer, graph, () => ({
    visible: vis.nodes,
    visibleEdges: vis.edges,
    hovered,
    forced: focus?.nodes ?? new Set(),
    focusing: focus !== null,
    edges: focus?.edges ?? new Set(),
    density: state.labels,
  }));
  labels.setGraph(graph);
  performance.mark('kg-renderer');
  layout = new LayoutRunner(graph, () => {
    ui.layout.textContent = 'Run layout';
    ui.layout.setAttribute('aria-pressed', 'false');
  });
  if (state.camera) renderer.getCamera().setState(state.camera);
  bindRenderer();
  bindUi();
  search.rebuild(graph);
  paintTimeline();
  update();
  performance.mark('kg-panels');
  exposeHook({
    ready: () => ready,
    graph: () => graph,
    vis: () => vis,
    state,
    renderer: () => renderer,
    applyDelta: applyLiveDelta,
    reloads: () => reloads,
    deltas: () => deltas,
    errors: () => errors.length,
    layoutRunning: () => layout.running,
    hovered: () => hovered,
    labels: () => labels.labels,
    labelMs: () => labels.lastMs,
    relabel: () => labels.update(),
    colorLegend: () => colorLegend,
    lastPng: () => lastPng,
    pathFocus: () =>
      panel.paths.focus
        ? { nodes: [...panel.paths.focus.nodes], edges: [...panel.paths.focus.edges] }
        : null,
  });
  if (state.selection?.kind === 'node' && !state.camera && !framed)
    frameSelection(state.selection.key);
  // Ready once sigma has drawn the graph (its first render after the filters applied).
  let marked = false;
  const onRender = (): void => {
    if (marked) return;
    marked = true;
    performance.mark('kg-first-frame');
    console.debug(`kg viewer: first frame after ${Math.round(performance.now() - t0)} ms`);
    requestAnimationFrame(() => {
      ready = true;
      document.documentElement.dataset.ready = 'true';
    });
  };
  renderer.on('afterRender', onRender);
  renderer.scheduleRender();
  if (live) {
    connectLive(
      {
        onGraph: replaceGraph,
        onDelta: applyLiveDelta,
        onErrors: (d) => {
          errors = d;
          showErrors(ui.overlay, d);
        },
      },
      version,
    );
  }
}

boot().catch((e: unknown) => {
  showErrors(ui.overlay, [
    {
      code: 'VIEWER',
      severity: 'error',
      message: e instanceof Error ? e.message : String(e),
      file: 'graph.json',
      line: 0,
      column: 0,
    },
  ]);
});
