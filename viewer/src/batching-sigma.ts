// Sigma, with what the viewer needs on big graphs: a batch of graph changes applied with one
// processing of sigma's buffers, every relation drawn as a line (lines-layer.ts), the entities
// as points (node-points.ts) and found under the pointer on the CPU (node-picker.ts), and
// entities repainted in place.
import Sigma from 'sigma';
import { DEFAULT_EDGE_LINES_OPTIONS, type EdgeLinesOptions } from './edge-lines.js';
import { addLinesLayer, type LinesLayer } from './lines-layer.js';
import { pickOnCpu, type NodePicker } from './node-picker.js';
import { drawNodesAsPoints, type PointsControl } from './node-points.js';
import { sigmaInternals, type SigmaInternals } from './sigma-internals.js';

export interface GS {
  focusing: boolean;
  zoomedIn: boolean;
}

/** A node attribute update as graphology reports it. */
interface NodeUpdate {
  key: string;
  type: string;
  name?: string;
  data?: Record<string, unknown>;
}

/** Node attributes that move a node in sigma's indices (its own list, sigma 4.0). */
const LAYOUT_FIELDS = new Set(['x', 'y', 'zIndex', 'type']);

/**
 * A setting of ours among sigma's: the renderer will draw its relations as lines
 * (`drawEdgesAsLines`), so its constructor's first refresh forgets them at once.
 */
export const LINES_SETTING = 'kgEdgesAsLines';

/** The id of the lines layer among sigma's custom layer programs. */
export const LINES_LAYER = 'kg-edge-lines';

/** Sigma's handlers of edge events (graph event → its handler's name). */
const SIGMA_EDGE_HANDLERS = [
  ['edgeAdded', 'addEdgeGraphUpdate'],
  ['edgeDropped', 'dropEdgeGraphUpdate'],
  ['edgeAttributesUpdated', 'updateEdgeGraphUpdate'],
  ['eachEdgeAttributesUpdated', 'eachEdgeAttributesUpdatedGraphUpdate'],
  ['edgesCleared', 'clearEdgesGraphUpdate'],
] as const;

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
  private inPlace = false;
  private heldFull = false;
  private lines: LinesLayer | null = null;
  private picker: NodePicker | null = null;
  private points: PointsControl | null = null;

  /**
   * Every relation drawn as a line (edge-lines.ts) and none by sigma, which then forgets its
   * edges: it no longer indexes, styles or buffers a relation, so a relation added or dropped
   * costs it nothing (its processing of 90,000 edges was 0.4–0.65 s per change at 100k).
   * Visibility and focus reach the lines through `setLinesVisible` / `setLinesFocus`, not
   * sigma's edge states. Sigma still indexes every edge on a full refresh (its constructor, an
   * entity dropped): `refresh` forgets them again before its processing.
   */
  drawEdgesAsLines(options: EdgeLinesOptions = DEFAULT_EDGE_LINES_OPTIONS): void {
    this.takeEdgeEvents();
    this.forgetEdges();
    this.lines = addLinesLayer(this, LINES_LAYER, options);
  }

  /**
   * A node's display attribute changed (`_size`, `_color`: appearance.ts writes only the
   * nodes whose value changed): sigma repaints that node where it is in its buffers. Its own
   * handler processes every node again (33,333 at 100k: 0.15–0.2 s per save) for any
   * attribute, as a size or a label moves its label grid; sigma draws no label here
   * (label-layer.ts does). A node it has not placed yet, or one moved, is processed as before.
   */
  repaintNodesInPlace(): void {
    this.inPlace = true;
    this.takeNodeEvents();
  }

  /**
   * Entities found under the pointer on the CPU, and no picking pass drawn (node-picker.ts):
   * for big graphs, where relations are not picked either.
   */
  pickNodesOnCpu(): void {
    this.picker = pickOnCpu(this);
  }

  /** The entity under a viewport position, found on the CPU (null: none, or not picking so). */
  nodeAtOnCpu(point: { x: number; y: number }): string | null {
    return this.picker?.hitAt(point) ?? null;
  }

  /** Entities drawn as GL points, but for the hovered and highlighted ones (node-points.ts). */
  drawNodesAsPoints(): void {
    this.points = drawNodesAsPoints(this);
  }

  /** Runs `draw` with sigma's node program drawing every entity again (the tests' reference). */
  withSigmaNodes<T>(draw: () => T): T {
    this.points?.sigmaDrawsAll(true);
    try {
      return draw();
    } finally {
      this.points?.sigmaDrawsAll(false);
    }
  }

  private readonly nodeUpdated = (payload: NodeUpdate): void => {
    const names =
      payload.type === 'set' || payload.type === 'remove'
        ? [payload.name ?? 'x']
        : payload.type === 'merge'
          ? Object.keys(payload.data ?? { x: 0 })
          : ['x'];
    const placed = this.sigmaInternals().nodeProgramIndex[payload.key] !== undefined;
    const moved = names.some((name) => LAYOUT_FIELDS.has(name));
    this.refresh({
      partialGraph: { nodes: [payload.key] },
      skipIndexation: placed && !moved,
      schedule: true,
    });
  };

  private takeNodeEvents(): void {
    const handler = this.sigmaInternals().activeListeners.updateNodeGraphUpdate;
    const graph = this.getGraph();
    if (handler) graph.removeListener('nodeAttributesUpdated', handler);
    graph.on('nodeAttributesUpdated', this.nodeUpdated);
  }

  /** The lines follow a change of the graph's relations, then a frame shows it (lines mode). */
  private linesChanged(change: (lines: LinesLayer) => void): void {
    if (this.lines) change(this.lines);
    this.scheduleRender();
  }

  /** The graph's edge events as the lines take them: one relation's line, or all anew. */
  private readonly lineHandlers = {
    edgeAdded: ({ key }: { key: string }) => this.linesChanged((l) => l.edgeAdded(key)),
    edgeDropped: ({ key }: { key: string }) => this.linesChanged((l) => l.edgeDropped(key)),
    edgeAttributesUpdated: ({ key }: { key: string }) =>
      this.linesChanged((l) => l.edgeUpdated(key)),
    eachEdgeAttributesUpdated: () => this.linesChanged((l) => l.invalidate()),
    edgesCleared: () => this.linesChanged((l) => l.invalidate()),
    cleared: () => this.linesChanged((l) => l.invalidate()),
  } as const;

  /** The graph's edge events go to the lines, not to sigma's handlers. */
  private takeEdgeEvents(): void {
    const self = this.sigmaInternals();
    const graph = this.getGraph();
    for (const [event, name] of SIGMA_EDGE_HANDLERS) {
      const handler = self.activeListeners[name];
      if (handler) graph.removeListener(event, handler);
      graph.on(event, this.lineHandlers[event]);
    }
    graph.on('cleared', this.lineHandlers.cleared);
  }

  /**
   * A new graph (a full reload from `kg view`): sigma binds its handlers to it, edge ones
   * included, and indexes it; in lines mode its edge events are taken again and its edges
   * forgotten (its full refresh did that already, in `refresh`).
   */
  override setGraph(graph: Parameters<Sigma['setGraph']>[0]): this {
    const previous = this.getGraph();
    super.setGraph(graph);
    if (previous === this.getGraph()) return this;
    if (this.inPlace) {
      previous.removeListener('nodeAttributesUpdated', this.nodeUpdated);
      this.takeNodeEvents();
    }
    if (this.lines) {
      for (const [event] of SIGMA_EDGE_HANDLERS) {
        previous.removeListener(event, this.lineHandlers[event]);
      }
      previous.removeListener('cleared', this.lineHandlers.cleared);
      this.takeEdgeEvents();
      this.forgetEdges();
      this.linesChanged((l) => l.invalidate());
    }
    return this;
  }

  /** Lines mode: the relations shown (null: all). */
  setLinesVisible(edges: ReadonlySet<string> | null): void {
    this.lines?.setVisible(edges);
  }

  /** Lines mode: the relations focused, drawn over the others (null: nothing is). */
  setLinesFocus(edges: ReadonlySet<string> | null): void {
    this.lines?.setFocus(edges);
  }

  /** Whether every relation is drawn as a line (big graphs). */
  get linesMode(): boolean {
    return this.lines !== null;
  }

  /**
   * Every line as text (lines mode), as drawn or after all are rebuilt (`rebuilt`), and the
   * rebuilds so far: for the tests.
   */
  describeLines(rebuilt = false): { lines: string[]; rebuilds: number } {
    if (rebuilt) this.linesChanged((l) => l.invalidate());
    this.renderNow();
    return { lines: this.lines?.describe() ?? [], rebuilds: this.lines?.rebuilds() ?? 0 };
  }

  /** The lines drawn at the last rebuild (null: not in lines mode). */
  linesDrawn(): { all: number; focused: number } | null {
    return this.lines?.drawn() ?? null;
  }

  /** A frame drawn now (sigma's render, private in its typings). */
  renderNow(): void {
    this.sigmaInternals().render();
  }

  private sigmaInternals(): SigmaInternals {
    return sigmaInternals(this);
  }

  private forgetEdges(): void {
    const self = this.sigmaInternals();
    self.clearEdgeIndices();
    self.clearEdgeState();
  }

  override refresh(opts?: Parameters<Sigma['refresh']>[0]): this {
    if (this.batching && !opts?.partialGraph) {
      this.heldFull = true;
      return this;
    }
    // `lines` is still undefined in sigma's constructor (its own first refresh): a renderer
    // that will draw lines says so in its settings, and its first frame waits for the lines (a
    // frame of sigma's edges cost as much as 3 s at 100k without a GPU).
    const constructing = this.lines === undefined;
    const drawsLines = constructing
      ? Boolean(this.getSetting(LINES_SETTING as never))
      : !!this.lines;
    if (!drawsLines || opts?.partialGraph) return super.refresh(opts);
    // A full refresh in lines mode: sigma indexes every edge again; forgotten before it
    // processes them, at the frame it schedules (or now, as asked).
    super.refresh({ ...opts, schedule: true });
    this.forgetEdges();
    if (!opts?.schedule && !constructing) this.renderNow();
    return this;
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
      if (this.heldFull && this.lines) this.refresh({ schedule: true });
      else if (this.heldFull) {
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
    const { pickingState, internals } = this.sigmaInternals();
    for (const key of dropped) {
      const id = pickingState.idsByKind.edge.get(key);
      if (id === undefined) continue;
      pickingState.lookup[id] = null;
      pickingState.idsByKind.edge.delete(key);
    }
    internals.hoverResolver.invalidate();
  }
}
