// The view state is the single source of truth for what is shown; it round-trips
// through the URL hash so a copied link reopens the same view (also from file://).
export type LabelDensity = 'few' | 'normal' | 'many';
export const LABEL_DENSITIES: readonly LabelDensity[] = ['few', 'normal', 'many'];

/** Node colour: the entity type, a Louvain community, a metric, or `prop:<name>`. */
export type ColorBy = string;
/** Node size: a metric, `fixed`, or `prop:<name>` (a numeric property). */
export type SizeBy = string;
export type Selection = { kind: 'node' | 'edge'; key: string } | null;
export type AnalysisView = 'table' | 'matrix' | 'paths';
export const ANALYSIS_VIEWS: readonly AnalysisView[] = ['table', 'matrix', 'paths'];

export interface ViewState {
  selection: Selection;
  hiddenEntityTypes: Set<string>;
  hiddenRelationTypes: Set<string>;
  /** Inclusive day range, or null for "all time". */
  timeRange: [number, number] | null;
  /** While the timeline is narrowed, also hide relations without any date. */
  hideUndated: boolean;
  /** 0 = whole graph; 1–2 = only the selection's neighbourhood. */
  ego: number;
  colorBy: ColorBy;
  sizeBy: SizeBy;
  labels: LabelDensity;
  /** The open analysis view under the graph, if any. */
  view: AnalysisView | null;
  /** Relations table: sort column (`-` prefix: descending) and text filter. */
  sort: string;
  filter: string;
  /** Stance matrix: the chosen cell (actor and target ids). */
  cell: [string, string] | null;
  /** Paths: the two entities. */
  path: [string, string] | null;
  camera: { x: number; y: number; ratio: number; angle: number } | null;
}

export function defaultViewState(): ViewState {
  return {
    selection: null,
    hiddenEntityTypes: new Set(),
    hiddenRelationTypes: new Set(),
    timeRange: null,
    hideUndated: false,
    ego: 0,
    colorBy: 'type',
    sizeBy: 'degree',
    labels: 'normal',
    view: null,
    sort: '',
    filter: '',
    cell: null,
    path: null,
    camera: null,
  };
}

const round = (n: number): string => String(Math.round(n * 10_000) / 10_000);

export function encodeViewState(s: ViewState): string {
  const p = new URLSearchParams();
  if (s.selection) p.set(s.selection.kind === 'node' ? 'node' : 'edge', s.selection.key);
  if (s.hiddenEntityTypes.size) p.set('hide', [...s.hiddenEntityTypes].sort().join(','));
  if (s.hiddenRelationTypes.size) p.set('hideRel', [...s.hiddenRelationTypes].sort().join(','));
  if (s.timeRange) p.set('time', `${s.timeRange[0]}..${s.timeRange[1]}`);
  if (s.hideUndated) p.set('undated', '0');
  if (s.ego) p.set('ego', String(s.ego));
  if (s.colorBy !== 'type') p.set('color', s.colorBy);
  if (s.sizeBy !== 'degree') p.set('size', s.sizeBy);
  if (s.labels !== 'normal') p.set('labels', s.labels);
  if (s.view) p.set('view', s.view);
  if (s.sort) p.set('sort', s.sort);
  if (s.filter) p.set('q', s.filter);
  if (s.cell) p.set('cell', s.cell.join(','));
  if (s.path) p.set('path', s.path.join(','));
  if (s.camera) {
    const c = s.camera;
    p.set('cam', [c.x, c.y, c.ratio, c.angle].map(round).join(','));
  }
  return p.toString();
}

/** Two ids separated by a comma (ids never contain one). */
function pair(v: string | null): [string, string] | null {
  const parts = (v ?? '').split(',');
  return parts.length === 2 && parts[0] && parts[1] ? [parts[0], parts[1]] : null;
}

export function decodeViewState(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const s = defaultViewState();
  const node = p.get('node');
  const edge = p.get('edge');
  if (node) s.selection = { kind: 'node', key: node };
  else if (edge) s.selection = { kind: 'edge', key: edge };
  const list = (v: string | null): Set<string> => new Set(v ? v.split(',').filter(Boolean) : []);
  s.hiddenEntityTypes = list(p.get('hide'));
  s.hiddenRelationTypes = list(p.get('hideRel'));
  const time = /^(-?\d+)\.\.(-?\d+)$/.exec(p.get('time') ?? '');
  if (time) s.timeRange = [Number(time[1]), Number(time[2])];
  s.hideUndated = p.get('undated') === '0';
  const ego = Number(p.get('ego'));
  if (ego === 1 || ego === 2) s.ego = ego;
  const color = p.get('color') ?? '';
  if (/^(community|degree|pagerank|betweenness|prop:[A-Za-z_][\w-]*)$/.test(color))
    s.colorBy = color;
  const size = p.get('size') ?? '';
  if (/^(pagerank|betweenness|fixed|prop:[A-Za-z_][\w-]*)$/.test(size)) s.sizeBy = size;
  const labels = LABEL_DENSITIES.find((d) => d === p.get('labels'));
  if (labels) s.labels = labels;
  const view = ANALYSIS_VIEWS.find((v) => v === p.get('view'));
  if (view) s.view = view;
  s.sort = p.get('sort') ?? '';
  s.filter = p.get('q') ?? '';
  s.cell = pair(p.get('cell'));
  s.path = pair(p.get('path'));
  const cam = (p.get('cam') ?? '').split(',').map(Number);
  if (cam.length === 4 && cam.every(Number.isFinite) && (cam[2] ?? 0) > 0) {
    s.camera = { x: cam[0] ?? 0.5, y: cam[1] ?? 0.5, ratio: cam[2] ?? 1, angle: cam[3] ?? 0 };
  }
  return s;
}
