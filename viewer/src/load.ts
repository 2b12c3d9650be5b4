// Where the graph comes from: an inline <script id="kg-graph"> (static site, works from
// file://), window.__KG_GRAPH__, or graph.json next to index.html (kg view, static hosts).
import { isWireDelta, type WireDelta } from './delta.js';
import { isSerializedGraph, type SerializedKgGraph } from './model.js';

declare global {
  interface Window {
    __KG_GRAPH__?: unknown;
  }
}

export class GraphLoadError extends Error {
  readonly code = 'GRAPH_LOAD';
}

function check(value: unknown, where: string): SerializedKgGraph {
  if (!isSerializedGraph(value)) throw new GraphLoadError(`${where} is not a serialized graph`);
  return value;
}

export function inlineGraph(): SerializedKgGraph | null {
  const script = document.getElementById('kg-graph');
  const text = script?.textContent?.trim();
  if (text) return check(JSON.parse(text), 'The inline graph');
  if (window.__KG_GRAPH__ !== undefined) return check(window.__KG_GRAPH__, 'window.__KG_GRAPH__');
  return null;
}

/** graph.json, and its version when `kg view` serves it (X-Kg-Version; 0 elsewhere). */
export async function fetchGraph(): Promise<{ data: SerializedKgGraph; version: number }> {
  const res = await fetch('graph.json', { cache: 'no-store' });
  if (!res.ok) throw new GraphLoadError(`graph.json: HTTP ${res.status}`);
  const version = Number(res.headers.get('X-Kg-Version')) || 0;
  return { data: check(await res.json(), 'graph.json'), version };
}

export async function loadGraph(): Promise<{
  data: SerializedKgGraph;
  live: boolean;
  version: number;
}> {
  const inline = inlineGraph();
  if (inline) return { data: inline, live: false, version: 0 };
  const { data, version } = await fetchGraph();
  return { data, version, live: location.protocol.startsWith('http') };
}

/** A diagnostic as the server sends it (a subset of src/language/diagnostic.ts). */
export interface WireDiagnostic {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  hint?: string;
}

export interface LiveHandlers {
  onGraph(data: SerializedKgGraph, version: number): void;
  /** A delta; false when it could not be applied (the whole graph is fetched then). */
  onDelta(delta: WireDelta): boolean;
  onErrors(diagnostics: WireDiagnostic[]): void;
}

/**
 * Server-sent events from `kg view`: `graph` (refetch graph.json), `delta` (apply it when it
 * follows the version the page holds, else refetch), `version` (sent on every connection: a
 * page that missed a delta while disconnected refetches) and `diagnostics`.
 */
export function connectLive(handlers: LiveHandlers, version: number): EventSource | null {
  if (typeof EventSource === 'undefined') return null;
  const source = new EventSource('events');
  /** The version the page holds, or will once the fetch under way is in. */
  let held = version;
  const reload = (): void => {
    fetchGraph().then(
      (got) => {
        performance.mark('kg-live-fetched');
        held = got.version;
        handlers.onGraph(got.data, got.version);
      },
      (e: unknown) =>
        handlers.onErrors([
          {
            code: 'GRAPH_LOAD',
            severity: 'error',
            message: e instanceof Error ? e.message : String(e),
            file: 'graph.json',
            line: 0,
            column: 0,
          },
        ]),
    );
  };
  const read = (event: Event): unknown => {
    try {
      return JSON.parse((event as MessageEvent<string>).data);
    } catch {
      return undefined; // a malformed event is ignored; the next one will do
    }
  };
  // Marks for bench/view-edit.mjs: when the server's news arrived, and (main.ts) when shown.
  const received = (): void => void performance.mark('kg-live-received');
  source.addEventListener('graph', () => {
    received();
    reload();
  });
  source.addEventListener('version', (event) => {
    const v = read(event) as { version?: unknown } | undefined;
    if (typeof v?.version === 'number' && v.version !== held) reload();
  });
  source.addEventListener('delta', (event) => {
    received();
    const delta = read(event);
    if (!isWireDelta(delta)) return;
    if (delta.base === held && handlers.onDelta(delta)) held = delta.version;
    else reload();
  });
  source.addEventListener('diagnostics', (event) => {
    try {
      const parsed: unknown = JSON.parse((event as MessageEvent<string>).data);
      if (Array.isArray(parsed)) handlers.onErrors(parsed as WireDiagnostic[]);
    } catch {
      /* a malformed event is ignored; the next one will do */
    }
  });
  return source;
}
