// Toolbar actions: ForceAtlas2 in a web worker, PNG and GEXF downloads, copy link.
import FA2Layout from 'graphology-layout-forceatlas2/worker';
import { inferSettings } from 'graphology-layout-forceatlas2';
import { gexf } from '../../src/export/gexf.js';
import { fileBlob, visibleSubgraph } from './export.js';
import type { ViewGraph, Visibility } from './model.js';
import type { KgSigma } from './renderer.js';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function fileStem(graph: ViewGraph): string {
  return (String(graph.getAttribute('name') || 'graph').replace(/[^\w.-]+/g, '-') || 'graph').slice(
    0,
    60,
  );
}

/** The visible subgraph through the project's GEXF writer: the file `kg export` writes for it. */
export function exportGexf(graph: ViewGraph, vis: Visibility): void {
  const [file] = gexf.files(visibleSubgraph(graph, vis));
  if (file) download(`${fileStem(graph)}.gexf`, fileBlob(file, 'application/gexf+xml'));
}

/**
 * PNG of the current view. @sigma/export-image 3 targets sigma 3 (it builds a temporary
 * renderer through the v3 constructor), so we composite sigma 4's stacked canvases right
 * after a synchronous render, before the WebGL buffers are cleared.
 */
export function renderPng(renderer: KgSigma): Promise<Blob> {
  const container = renderer.getContainer();
  const { width, height } = renderer.getDimensions();
  const ratio = window.devicePixelRatio || 1;
  const out = document.createElement('canvas');
  out.width = Math.round(width * ratio);
  out.height = Math.round(height * ratio);
  const ctx = out.getContext('2d');
  if (!ctx) return Promise.reject(new Error('no 2d context'));
  ctx.fillStyle = '#fbfbfc';
  ctx.fillRect(0, 0, out.width, out.height);
  renderer.refresh({ schedule: false });
  for (const canvas of container.querySelectorAll('canvas')) {
    if (canvas.style.display === 'none' || canvas.width === 0) continue;
    ctx.drawImage(canvas, 0, 0, out.width, out.height);
  }
  return new Promise((resolve, reject) =>
    out.toBlob((b) => (b ? resolve(b) : reject(new Error('toBlob failed'))), 'image/png'),
  );
}

export async function exportPng(renderer: KgSigma, graph: ViewGraph): Promise<void> {
  download(`${fileStem(graph)}.png`, await renderPng(renderer));
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
