// Sigma, with two additions the viewer needs on big graphs: a batch of graph changes applied
// with one processing of sigma's buffers, and relations at rest drawn as lines (edge-lines.ts).
import Sigma from 'sigma';
import type { RenderParams } from 'sigma/types';
import {
  DEFAULT_EDGE_LINES_OPTIONS,
  EdgeLines,
  type EdgeLinesOptions,
  type LinesHost,
} from './edge-lines.js';

export interface GS {
  focusing: boolean;
  zoomedIn: boolean;
}

/** Sigma's picking and hover resolution (internals of sigma 4.0; see `batch`). */
interface SigmaPicking {
  pickingState: {
    lookup: ({ kind: string; key: string } | null)[];
    idsByKind: { edge: Map<string, number> };
  };
  internals: { hoverResolver: { invalidate(): void } };
}

type EdgeDraw = (params: RenderParams, offset: number, count: number) => void;

/** Sigma's edge program and where each depth's edges sit in it (internals of sigma 4.0). */
interface SigmaEdgeDraw {
  edgeProgram: { render: EdgeDraw };
  depthRanges: { edges: Record<string, { offset: number; count: number }[] | undefined> };
}

/** The depth of the relations at rest (renderer.ts styles); `topEdges` holds the focused ones. */
const RESTING_EDGES = 'edges';

/**
 * Sigma, able to take a batch of graph changes at once. Sigma answers each dropped edge by
 * indexing the whole graph again, synchronously (a full `refresh()`: 1–2.7 s at 100k
 * relations), although its edge handler has already taken the edge out of its indices; inside
 * `batch` those full refreshes are held and one processing of the buffers is scheduled at the
 * end instead.
 */
export class BatchingSigma extends Sigma<
  Record<string, unknown>,
  Record<string, unknown>,
  Record<string, unknown>,
  object,
  object,
  GS
> {
  private batching = false;
  private heldFull = false;
  private lines: EdgeLines | null = null;
  /** Sigma's edge programs already kept from drawing the relations at rest. */
  private readonly linesOnly = new WeakSet<object>();

  /**
   * Relations at rest drawn as lines (edge-lines.ts) and not by sigma's edge program, which
   * still draws the focused ones over them. Sigma keeps indexing every edge (its events,
   * depths and state), so only its drawing of the `edges` depth is skipped (`render`).
   */
  drawRestingEdgesAsLines(options: EdgeLinesOptions = DEFAULT_EDGE_LINES_OPTIONS): void {
    const mouse = this.getMouseCaptor();
    const camera = this.getCamera();
    const moving = (): boolean =>
      camera.isAnimating() ||
      mouse.isMoving ||
      mouse.draggedEvents > 0 ||
      mouse.currentWheelDirection !== 0;
    const host = this as unknown as LinesHost;
    this.addCustomLayerProgram('kg-edge-lines', RESTING_EDGES, (gl) => {
      const lines = new EdgeLines(
        gl,
        host,
        options,
        () => this.getGraphState().focusing,
        () => Boolean(this.getSetting('hideEdgesOnMove')) && moving(),
      );
      this.lines = lines;
      return {
        // Drawn just before sigma draws the `edges` depth: its program is the current one
        // (sigma makes new ones when a lost WebGL context comes back).
        render: (params) => {
          this.skipRestingEdges();
          lines.render(params);
        },
        cacheData: () => lines.cacheData(),
        kill: () => lines.kill(),
      };
    });
    const invalidate = (): void => this.lines?.invalidate();
    const graph = this.getGraph();
    for (const event of [
      'edgeAdded',
      'edgeDropped',
      'edgeAttributesUpdated',
      'cleared',
      'edgesCleared',
    ] as const) {
      graph.on(event, invalidate);
    }
  }

  /** The lines are drawn again from the graph (a relation hidden or shown). */
  invalidateLines(): void {
    this.lines?.invalidate();
  }

  /** How many relations the lines layer drew at its last rebuild (null: not used). */
  linesDrawn(): number | null {
    return this.lines ? this.lines.drawn : null;
  }

  /** Sigma draws each depth's ranges of its edge program; those of `edges` are skipped. */
  private skipRestingEdges(): void {
    const self = this as unknown as SigmaEdgeDraw;
    const program = self.edgeProgram;
    if (this.linesOnly.has(program)) return;
    const draw = program.render.bind(program);
    program.render = (params, offset, count) => {
      const resting = self.depthRanges.edges[RESTING_EDGES];
      if (resting?.some((r) => r.offset === offset && r.count === count)) return;
      draw(params, offset, count);
    };
    this.linesOnly.add(program);
  }

  override refresh(opts?: Parameters<Sigma['refresh']>[0]): this {
    if (this.batching && !opts?.partialGraph) {
      this.heldFull = true;
      return this;
    }
    return super.refresh(opts);
  }

  /**
   * Runs `change` (graph mutations) with sigma's full refreshes held. `reindex`: the change
   * dropped nodes (sigma learns of their edges only from a full refresh), so one is run.
   */
  batch<T>(change: () => T, reindex: boolean): T {
    this.batching = true;
    this.heldFull = false;
    const dropped: string[] = [];
    const onDrop = ({ key }: { key: string }): void => void dropped.push(key);
    this.getGraph().on('edgeDropped', onDrop);
    try {
      return change();
    } finally {
      this.batching = false;
      this.getGraph().off('edgeDropped', onDrop);
      this.forgetPicking(dropped);
      if (this.heldFull) {
        // A partial refresh naming an edge makes the next frame rebuild every buffer (a
        // dropped edge leaves a hole in them) without indexing the graph again.
        const edge = reindex ? undefined : this.getGraph().findEdge(() => true);
        if (edge === undefined) super.refresh({ schedule: true });
        else super.refresh({ partialGraph: { edges: [edge] }, schedule: true });
      }
    }
  }

  /**
   * What the held full refresh did besides re-indexing: it cleared every edge's picking id.
   * Until the next frame redraws the picking buffer, its pixels still carry the ids of the
   * dropped edges, and a hover read in flight or a click there would name an edge that is
   * gone — sigma then looks it up in the graph: a page error (`Graph.getEdgeAttributes` /
   * `Graph.source: could not find…`, test/viewer/delta-sigma.e2e.test.ts). So the dropped
   * edges' ids point at nothing (an empty pixel), and reads already started are discarded.
   */
  private forgetPicking(dropped: string[]): void {
    if (!dropped.length) return;
    const { pickingState, internals } = this as unknown as SigmaPicking;
    for (const key of dropped) {
      const id = pickingState.idsByKind.edge.get(key);
      if (id === undefined) continue;
      pickingState.lookup[id] = null;
      pickingState.idsByKind.edge.delete(key);
    }
    internals.hoverResolver.invalidate();
  }
}
