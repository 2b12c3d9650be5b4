// The view state is the single source of truth for what is shown; it round-trips
// through the URL hash so a copied link reopens the same view (also from file://).
export type SizeMode = 'degree' | 'pagerank' | 'fixed';
export type Selection = { kind: 'node' | 'edge'; key: string } | null;

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
  sizeMode: SizeMode;
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
    sizeMode: 'degree',
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
  if (s.sizeMode !== 'degree') p.set('size', s.sizeMode);
  if (s.camera) {
    const c = s.camera;
    p.set('cam', [c.x, c.y, c.ratio, c.angle].map(round).join(','));
  }
  return p.toString();
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
  const size = p.get('size');
  if (size === 'pagerank' || size === 'fixed') s.sizeMode = size;
  const cam = (p.get('cam') ?? '').split(',').map(Number);
  if (cam.length === 4 && cam.every(Number.isFinite) && (cam[2] ?? 0) > 0) {
    s.camera = { x: cam[0] ?? 0.5, y: cam[1] ?? 0.5, ratio: cam[2] ?? 1, angle: cam[3] ?? 0 };
  }
  return s;
}
