// Toolbar actions: ForceAtlas2 in a web worker and the GEXF download (the PNG: png.ts).
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { download, fileStem } from './download.js';
import { visibleGexf } from './gexf.js';
import type { ViewGraph, Visibility } from './model.js';

export function exportGexf(graph: ViewGraph, vis: Visibility): void {
  const xml = visibleGexf(graph, vis);
  download(`${fileStem(graph)}.gexf`, new Blob([xml], { type: 'application/gexf+xml' }));
}

export class LayoutRunner {
  private layout: FA2Layout | null = null;
  constructor(private graph: ViewGraph) {}

  get running(): boolean {
    return this.layout?.isRunning() ?? false;
  }

  setGraph(graph: ViewGraph): void {
    this.kill();
    this.graph = graph;
  }

  toggle(): boolean {
    if (this.running) {
      this.layout?.stop();
      return false;
    }
    if (!this.layout) {
      const settings = inferSettings(this.graph);
      this.layout = new FA2Layout(this.graph, {
        settings: { ...settings, barnesHutOptimize: this.graph.order > 1000, slowDown: 5 },
      });
    }
    this.layout.start();
    return true;
  }

  kill(): void {
    this.layout?.kill();
    this.layout = null;
  }
}
