// Toolbar actions: ForceAtlas2 in a web worker and the GEXF download (the PNG: png.ts).
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { gexf } from '../../src/export/gexf.js';
import { download, fileStem } from './download.js';
import { fileBlob, visibleSubgraph } from './export.js';
import type { ViewGraph, Visibility } from './model.js';

/** The visible subgraph through the project's GEXF writer: the file `kg export` writes for it. */
export function exportGexf(graph: ViewGraph, vis: Visibility): void {
  const [file] = gexf.files(visibleSubgraph(graph, vis));
  if (file) download(`${fileStem(graph)}.gexf`, fileBlob(file, 'application/gexf+xml'));
}

/** Graphs up to this size re-lay out from a fresh spread, which ForceAtlas2 settles in seconds. */
export const RELAYOUT_MAX_ORDER = 1000;
/** How long a re-layout of a small graph animates before it stops by itself. */
export const RELAYOUT_MS = 4000;

/** A stable hash of a node key in [0, 1) (FNV-1a): the same spread on every run. */
function unit(key: string, salt: number): number {
  let h = (0x811c9dc5 ^ salt) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h / 2 ** 32;
}

/**
 * ForceAtlas2 in a web worker. The compiled positions of a small graph are already settled, so
 * running ForceAtlas2 from them changed nothing visible (issue 13): a small graph is spread
 * out again (a seeded disc as wide as the current layout) and animates back into shape, then
 * stops by itself. A large graph continues from its positions until stopped, as in Gephi.
 */
export class LayoutRunner {
  private layout: FA2Layout | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  constructor(
    private graph: ViewGraph,
    /** Called when the layout stops by itself. */
    private readonly onStop: () => void = () => {},
  ) {}

  get running(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  setGraph(graph: ViewGraph): void {
    this.kill();
    this.graph = graph;
  }

  toggle(): boolean {
    if (this.running) {
      this.stop();
      return false;
    }
    if (!this.layout) {
      const settings = inferSettings(this.graph);
      this.layout = new FA2Layout(this.graph, {
        settings: { ...settings, barnesHutOptimize: this.graph.order > 1000, slowDown: 5 },
      });
    }
    if (this.graph.order <= RELAYOUT_MAX_ORDER) {
      this.spread();
      this.timer = setTimeout(() => {
        this.stop();
        this.onStop();
      }, RELAYOUT_MS);
    }
    this.layout.start();
    return true;
  }

  private stop(): void {
    clearTimeout(this.timer);
    this.layout?.stop();
  }

  /** Seeded positions on a disc as wide as the current layout, centred on it. */
  private spread(): void {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    this.graph.forEachNode((_k, a) => {
      minX = Math.min(minX, a.x);
      maxX = Math.max(maxX, a.x);
      minY = Math.min(minY, a.y);
      maxY = Math.max(maxY, a.y);
    });
    const r = Math.max(maxX - minX, maxY - minY, 1) / 2;
    const cx = (minX + maxX) / 2 || 0;
    const cy = (minY + maxY) / 2 || 0;
    this.graph.updateEachNodeAttributes((key, a) => {
      const angle = 2 * Math.PI * unit(key, 1);
      const d = r * Math.sqrt(unit(key, 2));
      return { ...a, x: cx + d * Math.cos(angle), y: cy + d * Math.sin(angle) };
    });
  }

  kill(): void {
    clearTimeout(this.timer);
    this.layout?.kill();
    this.layout = null;
  }
}
