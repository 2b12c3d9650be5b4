// The lines layer (edge-lines.ts) in sigma: one custom layer program at the `edges` depth, made
// anew with a restored WebGL context, with what it shows kept across; sigma's edge program,
// which has nothing of ours to draw in lines mode, is silenced.
import type { RenderParams } from 'sigma/types';
import { EdgeLines, type EdgeLinesOptions, type LinesHost } from './edge-lines.js';
import { sigmaInternals } from './sigma-internals.js';

/** The lines layer as the renderer holds it, across the layers a lost WebGL context remakes. */
export interface LinesLayer {
  /** The relations changed wholesale (cleared, the graph replaced): drawn anew. */
  invalidate(): void;
  /** One relation added, dropped, or its attributes changed. */
  edgeAdded(edge: string): void;
  edgeDropped(edge: string): void;
  edgeUpdated(edge: string): void;
  /** Every line as text, and how many times all were rebuilt: for the tests. */
  describe(): string[];
  rebuilds(): number;
  setVisible(edges: ReadonlySet<string> | null): void;
  setFocus(edges: ReadonlySet<string> | null): void;
  /** The lines drawn at the last rebuild. */
  drawn(): { all: number; focused: number };
}

/** What `addLinesLayer` needs of sigma. */
interface LinesSigma extends LinesHost {
  getMouseCaptor(): {
    isMoving: boolean;
    draggedEvents: number;
    currentWheelDirection: number;
  };
  getCamera(): { isAnimating(): boolean };
  getSetting(name: 'hideEdgesOnMove'): unknown;
  addCustomLayerProgram(
    id: string,
    depth: string,
    factory: (gl: WebGL2RenderingContext) => {
      render(params: RenderParams): void;
      cacheData(): void;
      kill(): void;
    },
  ): unknown;
}

/**
 * The lines layer added to sigma at its `edges` depth; sigma's edge program, which then has
 * nothing of ours to draw, is silenced (anew for the programs a restored context makes).
 */
export function addLinesLayer(
  sigma: LinesSigma,
  id: string,
  options: EdgeLinesOptions,
): LinesLayer {
  const self = sigmaInternals(sigma);
  const mouse = sigma.getMouseCaptor();
  const camera = sigma.getCamera();
  const moving = (): boolean =>
    camera.isAnimating() ||
    mouse.isMoving ||
    mouse.draggedEvents > 0 ||
    mouse.currentWheelDirection !== 0;
  const skip = (): boolean => Boolean(sigma.getSetting('hideEdgesOnMove')) && moving();
  // What the lines show, kept for the lines a restored WebGL context makes anew.
  let visible: ReadonlySet<string> | null = null;
  let focus: ReadonlySet<string> | null = null;
  let lines: EdgeLines | null = null;
  const silenced = new WeakSet<object>();
  sigma.addCustomLayerProgram(id, 'edges', (gl) => {
    const layer = new EdgeLines(gl, sigma, options, skip);
    layer.setVisible(visible);
    layer.setFocus(focus);
    lines = layer;
    return {
      render: (params) => {
        const program = self.edgeProgram;
        if (!silenced.has(program)) {
          program.render = () => undefined;
          silenced.add(program);
        }
        layer.render(params);
      },
      cacheData: () => layer.cacheData(),
      kill: () => layer.kill(),
    };
  });
  return {
    invalidate: () => lines?.invalidate(),
    edgeAdded: (edge) => lines?.edgeAdded(edge),
    edgeDropped: (edge) => lines?.edgeDropped(edge),
    edgeUpdated: (edge) => lines?.edgeUpdated(edge),
    describe: () => lines?.describe() ?? [],
    rebuilds: () => lines?.rebuilds ?? 0,
    setVisible: (edges) => {
      visible = edges;
      lines?.setVisible(edges);
    },
    setFocus: (edges) => {
      focus = edges;
      lines?.setFocus(edges);
    },
    drawn: () => ({ ...(lines?.drawn ?? { all: 0, focused: 0 }) }),
  };
}
