// The parts of sigma 4.0 the viewer reaches beyond its public API, typed in one place: its
// graph handlers, edge indices and programs, each node's place in its program, its display
// data, its picking and hover resolution, and its render (private in its typings).
import type { RenderParams } from 'sigma/types';

/** What sigma holds for one node, as last processed (its `nodeDataCache`). */
export interface PickableNode {
  x: number;
  y: number;
  size: number;
  color?: string;
  visibility?: string;
  depth?: string;
}

/** A pointer event as sigma's captors hand it over. */
export type SigmaPointerEvent = { x: number; y: number };

export interface SigmaInternals {
  pickingState: {
    lookup: ({ kind: string; key: string } | null)[];
    idsByKind: { node: Map<string, number>; edge: Map<string, number> };
  };
  internals: {
    nodeDataCache: Record<string, PickableNode | undefined>;
    hoverResolver: {
      invalidate(): void;
      /** Resolves the hover at the last pointer position (sigma reads its picking buffer). */
      request(): void;
      active: boolean;
      killed: boolean;
      lastEvent: SigmaPointerEvent | null;
      options: { onIndex(index: number, event: SigmaPointerEvent): void };
    };
  };
  activeListeners: Partial<Record<string, (payload: never) => void>>;
  clearEdgeIndices(): void;
  clearEdgeState(): void;
  edgeProgram: { render: (...args: never[]) => void };
  /** Sigma's node program (recreated with a restored WebGL context). */
  nodeProgram: { render: (params: RenderParams, offset: number, count: number) => void };
  /** Writes a node's display data into the node program's slot `slot`. */
  addNodeToProgram(node: string, slot: number): void;
  /** The node program's slots drawn at each depth layer. */
  depthRanges: { nodes: Partial<Record<string, { offset: number; count: number }[]>> };
  /** Each node's place in the node program's buffers: its draw order. */
  nodeProgramIndex: Partial<Record<string, number>>;
  /** Sigma's size correction for its camera matrix (see node-picker.ts). */
  correctionRatio: number;
  render(): void;
  getRenderParams(): RenderParams;
  /** The item drawn at a viewport position, read from the picking buffer (clicks). */
  getHitAtPosition(position: SigmaPointerEvent): { kind: string; key: string } | null;
}

/** The same sigma instance, seen with its internals. */
export function sigmaInternals(sigma: object): SigmaInternals {
  return sigma as SigmaInternals;
}
