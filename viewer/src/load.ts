// Where the graph comes from: an inline <script id="kg-graph"> (static site, works from
// file://), window.__KG_GRAPH__, or graph.json next to index.html (kg view, static hosts).
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

export async function fetchGraph(): Promise<SerializedKgGraph> {
  const res = await fetch('graph.json', { cache: 'no-store' });
  if (!res.ok) throw new GraphLoadError(`graph.json: HTTP ${res.status}`);
  return check(await res.json(), 'graph.json');
}

export async function loadGraph(): Promise<{ data: SerializedKgGraph; live: boolean }> {
  const inline = inlineGraph();
  if (inline) return { data: inline, live: false };
  return { data: await fetchGraph(), live: location.protocol.startsWith('http') };
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
  onGraph(data: SerializedKgGraph): void;
  onErrors(diagnostics: WireDiagnostic[]): void;
}

/** Server-sent events from `kg view`: `graph` (refetch graph.json) and `diagnostics`. */
export function connectLive(handlers: LiveHandlers): EventSource | null {
  if (typeof EventSource === 'undefined') return null;
  const source = new EventSource('events');
  source.addEventListener('graph', () => {
    fetchGraph().then(handlers.onGraph, (e: unknown) =>
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
