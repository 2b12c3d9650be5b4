// kg viewer entry point: loads the graph, wires sigma, the panels and the URL state.
import './style.css';
import { connectLive, loadGraph, type WireDiagnostic } from './load.js';
import {
  applySizes,
  computeVisibility,
  dateExtent,
  importGraph,
  neighbourhood,
  type SerializedKgGraph,
  type ViewGraph,
  type Visibility,
} from './model.js';
import { relationInterval } from './dates.js';
import {
  applyVisibility,
  createRenderer,
  resetFocusMemory,
  setFocus,
  type KgSigma,
} from './renderer.js';
import { exportGexf, exportPng, LayoutRunner } from './tools.js';
import { renderDetails } from './ui/details.js';
import { renderLegend } from './ui/legend.js';
import { showErrors } from './ui/overlay.js';
import { createSearch } from './ui/search.js';
import { renderTimeline } from './ui/timeline.js';
import { decodeViewState, encodeViewState, type Selection, type SizeMode } from './view-state.js';

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
  overlay: $('errors'),
  search: $<HTMLInputElement>('search'),
  suggestions: $<HTMLUListElement>('suggestions'),
  name: $('graph-name'),
  stats: $('stats'),
  layout: $<HTMLButtonElement>('layout-btn'),
  sizeMode: $<HTMLSelectElement>('size-mode'),
  png: $<HTMLButtonElement>('export-png'),
  gexf: $<HTMLButtonElement>('export-gexf'),
  copy: $<HTMLButtonElement>('copy-link'),
  toggleFilters: $<HTMLButtonElement>('toggle-filters'),
  zoomIn: $<HTMLButtonElement>('zoom-in'),
  zoomOut: $<HTMLButtonElement>('zoom-out'),
  zoomFit: $<HTMLButtonElement>('zoom-fit'),
  status: $('status'),
};

const state = decodeViewState(location.hash);
let graph: ViewGraph;
let renderer: KgSigma;
let vis: Visibility = { nodes: new Set(), edges: new Set() };
let hovered: string | null = null;
let errors: WireDiagnostic[] = [];
let reloads = 0;
let ready = false;
let layout: LayoutRunner;

/** The project's title (its manifest), else the graph's name. */
function graphTitle(graph: ViewGraph): string {
  return graph.getAttribute('title') || graph.getAttribute('name') || 'kg';
}

function syncUrl(): void {
  const hash = encodeViewState(state);
  const url = `${location.pathname}${location.search}${hash ? `#${hash}` : ''}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`)
    history.replaceState(null, '', url);
}

function refreshFocus(): void {
  if (hovered && graph.hasNode(hovered) && vis.nodes.has(hovered)) {
    setFocus(renderer, neighbourhood(graph, hovered, vis));
    return;
  }
  const sel = state.selection;
  if (sel?.kind === 'node' && graph.hasNode(sel.key) && vis.nodes.has(sel.key)) {
    setFocus(renderer, neighbourhood(graph, sel.key, vis));
  } else if (sel?.kind === 'edge' && graph.hasEdge(sel.key) && vis.edges.has(sel.key)) {
    setFocus(renderer, { nodes: new Set(graph.extremities(sel.key)), edges: new Set([sel.key]) });
  } else {
    setFocus(renderer, null);
  }
}

/** Recomputes visibility and repaints every panel; called after any state change. */
function update(): void {
  vis = computeVisibility(graph, state);
  applyVisibility(renderer, graph, vis);
  refreshFocus();
  renderLegend(ui.filters, { graph, state, vis, onChange: update });
  renderDetails(ui.details, { graph, vis, select }, state.selection);
  ui.app.classList.toggle('has-selection', state.selection !== null);
  ui.stats.textContent =
    vis.nodes.size === graph.order && vis.edges.size === graph.size
      ? `${graph.order} entities · ${graph.size} relations`
      : `${vis.nodes.size} of ${graph.order} entities · ${vis.edges.size} of ${graph.size} relations`;
  syncUrl();
}

function paintTimeline(): void {
  const starts: number[] = [];
  graph.forEachEdge((_e, a) => {
    const r = relationInterval(a);
    if (r) starts.push(Number.isFinite(r[0]) ? r[0] : r[1]);
  });
  const dated = starts.length;
  renderTimeline(ui.timeline, {
    extent: dateExtent(graph),
    starts,
    state,
    datedCount: dated,
    totalCount: graph.size,
    onChange: update,
  });
}

function centreOn(node: string): void {
  const d = renderer.getNodeDisplayData(node);
  if (!d) return;
  const camera = renderer.getCamera();
  const target = { x: d.x, y: d.y, ratio: Math.min(camera.ratio, 0.6), angle: camera.angle };
  // On phones the details sheet covers the lower half: aim for the upper quarter instead.
  const { width, height } = renderer.getDimensions();
  if (window.matchMedia('(max-width: 760px)').matches) {
    const at = (y: number) =>
      renderer.viewportToFramedGraph({ x: width / 2, y }, { cameraState: target });
    const centre = at(height / 2);
    const upper = at(height * 0.27);
    target.x += centre.x - upper.x;
    target.y += centre.y - upper.y;
  }
  void camera.animate(target, { duration: 450 });
}

function select(sel: Selection, opts: { centre?: boolean } = {}): void {
  state.selection = sel;
  if (!sel || sel.kind !== 'node') state.ego = sel ? state.ego : 0;
  update();
  if (sel?.kind === 'node' && opts.centre) centreOn(sel.key);
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

function replaceGraph(data: SerializedKgGraph): void {
  const camera = renderer.getCamera().getState();
  const next = importGraph(data);
  applySizes(next, state.sizeMode);
  layout.setGraph(next);
  ui.layout.textContent = 'Run layout';
  ui.layout.setAttribute('aria-pressed', 'false');
  resetFocusMemory();
  hovered = null;
  graph = next;
  renderer.setGraph(next as never);
  renderer.getCamera().setState(camera);
  reloads++;
  errors = [];
  showErrors(ui.overlay, errors);
  ui.name.textContent = graphTitle(graph);
  const sel = state.selection;
  if (sel && !(sel.kind === 'node' ? graph.hasNode(sel.key) : graph.hasEdge(sel.key))) {
    state.selection = null; // it was renamed or removed in the data
  }
  search.rebuild(graph);
  paintTimeline();
  update();
  status('Graph updated');
}

function bindUi(): void {
  ui.layout.addEventListener('click', () => {
    const running = layout.toggle();
    ui.layout.textContent = running ? 'Stop layout' : 'Run layout';
    ui.layout.setAttribute('aria-pressed', String(running));
  });
  ui.sizeMode.value = state.sizeMode;
  ui.sizeMode.addEventListener('change', () => {
    state.sizeMode = ui.sizeMode.value as SizeMode;
    applySizes(graph, state.sizeMode);
    update();
  });
  ui.png.addEventListener('click', () => void exportPng(renderer, graph));
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
  ui.zoomIn.addEventListener('click', () => void cam().zoomIn({ duration: 250 }));
  ui.zoomOut.addEventListener('click', () => void cam().zoomOut({ duration: 250 }));
  ui.zoomFit.addEventListener('click', () => void cam().reset({ duration: 300 }));
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

function exposeHook(): void {
  const hook = {
    get ready() {
      return ready;
    },
    get order() {
      return graph.order;
    },
    get size() {
      return graph.size;
    },
    get visibleNodes() {
      return vis.nodes.size;
    },
    get visibleEdges() {
      return vis.edges.size;
    },
    get selected() {
      return state.selection ? { ...state.selection } : null;
    },
    get state() {
      return JSON.parse(
        JSON.stringify({
          ...state,
          hiddenEntityTypes: [...state.hiddenEntityTypes],
          hiddenRelationTypes: [...state.hiddenRelationTypes],
        }),
      ) as unknown;
    },
    get reloads() {
      return reloads;
    },
    get errors() {
      return errors.length;
    },
    get layoutRunning() {
      return layout.running;
    },
    isNodeVisible: (key: string) => vis.nodes.has(key),
    isEdgeVisible: (key: string) => vis.edges.has(key),
    nodeLabel: (key: string) => (graph.hasNode(key) ? graph.getNodeAttribute(key, 'label') : null),
    camera: () => renderer.getCamera().getState(),
    get hovered() {
      return hovered;
    },
    /** Where a node is drawn, in CSS pixels relative to the graph container. */
    nodeOnScreen: (key: string) => {
      const d = renderer.getNodeDisplayData(key);
      return d ? renderer.framedGraphToViewport({ x: d.x, y: d.y }) : null;
    },
  };
  Object.defineProperty(window, '__kg', { value: Object.freeze(hook), configurable: false });
}

async function boot(): Promise<void> {
  const t0 = performance.now();
  const { data, live } = await loadGraph();
  performance.mark('kg-loaded');
  graph = importGraph(data);
  applySizes(graph, state.sizeMode);
  ui.name.textContent = graphTitle(graph);
  document.title = `${graphTitle(graph)} · kg viewer`;
  performance.mark('kg-imported');
  renderer = createRenderer(graph, ui.container);
  performance.mark('kg-renderer');
  layout = new LayoutRunner(graph);
  if (state.camera) renderer.getCamera().setState(state.camera);
  bindRenderer();
  bindUi();
  search.rebuild(graph);
  paintTimeline();
  update();
  performance.mark('kg-panels');
  exposeHook();
  if (state.selection?.kind === 'node' && !state.camera) centreOn(state.selection.key);
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
    connectLive({
      onGraph: replaceGraph,
      onErrors: (d) => {
        errors = d;
        showErrors(ui.overlay, d);
      },
    });
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
