// The `kg view` HTTP server (node:http only): the built viewer's files, the current
// graph at /graph.json, each source's text for the reader at /source-texts/<id>.json, and a
// server-sent-events stream at /events that announces new graphs (or sends what changed, a
// delta) and data errors. Binds loopback by default and refuses foreign Host headers
// on loopback (DNS-rebinding guard).
//
// Graph versions: every published graph has a number (X-Kg-Version on /graph.json). A delta
// names the version it applies to (`base`) and the one it makes (`version`); a page holding
// another version fetches /graph.json instead, and a page that connects (or reconnects) is
// told the current version first, so one that missed a delta reloads.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../language/diagnostic.js';
import { resolveStaticPath, sendFile } from './static-files.js';

export interface ViewServerOptions {
  host: string;
  port: number;
  /** Directory of the built viewer (dist/viewer). */
  viewerDir: string;
  /** Try the next ports when the requested one is taken (not when port is 0). */
  portAttempts: number;
}

export const DEFAULT_VIEW_SERVER_OPTIONS: ViewServerOptions = {
  host: '127.0.0.1',
  port: 5173,
  viewerDir: defaultViewerDir(),
  portAttempts: 10,
};

export function defaultViewerDir(): string {
  // src/server/*.ts (tests) and dist/server/*.js both sit two levels under the package root.
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'viewer');
}

const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
    "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
};

const EMPTY_GRAPH = JSON.stringify({
  options: { type: 'mixed', multi: true, allowSelfLoops: true },
  attributes: { name: '', sources: {}, schema: { entities: {}, relations: {} } },
  nodes: [],
  edges: [],
});

export class ViewServerError extends Error {
  constructor(
    readonly code: 'VIEW_PORT_IN_USE' | 'VIEW_LISTEN',
    message: string,
  ) {
    super(message);
  }
}

/** What changed in the graph (src/server/graph-delta.ts makes it; the viewer applies it). */
export interface GraphDelta {
  /** Nodes added or with new attributes. */
  nodes: { key: string; attributes: Record<string, unknown> }[];
  /** Edges added or with new attributes (or new ends). */
  edges: {
    key: string;
    source: string;
    target: string;
    undirected: boolean;
    attributes: Record<string, unknown>;
  }[];
  /** Keys of the edges removed, then of the nodes removed. */
  droppedEdges: string[];
  droppedNodes: string[];
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

export class ViewServer {
  private server: Server | null = null;
  private clients = new Set<ServerResponse>();
  /**
   * The current graph, encoded once: every request is answered with this one Buffer (a copy per
   * request took 300 clients of a 4 MB graph from 204 MB to 1.2 GB).
   */
  private graphBody: Buffer | undefined = Buffer.from(EMPTY_GRAPH, 'utf8');
  /** Serialises the current graph when graphBody is not made yet (after a delta). */
  private makeGraph: (() => string) | undefined;
  /** Reader documents (src/sources/reader-doc.ts) by source id, serialized. */
  private sourceTexts = new Map<string, Buffer>();
  private diagnostics: Diagnostic[] = [];
  private version = 0;
  private readonly options: ViewServerOptions;

  constructor(options: Partial<ViewServerOptions> = {}) {
    this.options = { ...DEFAULT_VIEW_SERVER_OPTIONS, ...options };
  }

  /**
   * Publishes a new good graph (its serialized JSON, or a function making it when first asked
   * for) and tells open pages to reload it.
   */
  setGraph(json: string | (() => string)): void {
    this.publish(json);
    this.broadcast('graph', JSON.stringify({ version: this.version }));
  }

  /**
   * Publishes a change of the graph as a delta (see the top of this file): open pages holding
   * the version before apply it; `json` is the whole new graph, for the others.
   */
  setDelta(delta: GraphDelta, json: string | (() => string)): void {
    const base = this.version;
    this.publish(json);
    this.broadcast('delta', JSON.stringify({ ...delta, base, version: this.version }));
  }

  /** The version of the graph published last (0: none yet). */
  get graphVersion(): number {
    return this.version;
  }

  private publish(json: string | (() => string)): void {
    this.graphBody = typeof json === 'string' ? Buffer.from(json, 'utf8') : undefined;
    this.makeGraph = typeof json === 'string' ? undefined : json;
    this.diagnostics = [];
    this.version++;
  }

  /** The source texts that go with the next graph (call before setGraph). */
  setSourceTexts(docs: Record<string, unknown>): void {
    this.sourceTexts = new Map(
      Object.keys(docs).map((id) => [id, Buffer.from(JSON.stringify(docs[id]), 'utf8')]),
    );
  }

  /** Publishes data errors; the last good graph stays served. */
  setDiagnostics(diagnostics: Diagnostic[]): void {
    this.diagnostics = diagnostics;
    this.broadcast('diagnostics', JSON.stringify(diagnostics));
  }

  /** True once a good graph has been published. */
  get hasGraph(): boolean {
    return this.version > 0;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  async listen(): Promise<string> {
    const { host, port, portAttempts } = this.options;
    const attempts = port === 0 ? 1 : Math.max(1, portAttempts);
    for (let i = 0; i < attempts; i++) {
      try {
        return await this.tryListen(host, port === 0 ? 0 : port + i);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EADDRINUSE') {
          throw new ViewServerError(
            'VIEW_LISTEN',
            `cannot listen on ${host}:${port}: ${String(error)}`,
          );
        }
      }
    }
    throw new ViewServerError(
      'VIEW_PORT_IN_USE',
      `ports ${port}–${port + attempts - 1} are in use`,
    );
  }

  private tryListen(host: string, port: number): Promise<string> {
    return new Promise((resolve, reject) => {
      const server = createServer((req, res) => {
        this.handle(req, res).catch(() => {
          if (!res.headersSent) res.writeHead(500);
          res.end();
        });
      });
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        this.server = server;
        const addr = server.address() as AddressInfo;
        const shownHost = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
        resolve(`http://${shownHost}:${addr.port}/`);
      });
    });
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.end();
    this.clients.clear();
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private broadcast(event: string, data: string): void {
    for (const c of this.clients) c.write(`event: ${event}\ndata: ${data}\n\n`);
  }

  private hostAllowed(req: IncomingMessage): boolean {
    if (!LOOPBACK.has(this.options.host)) return true;
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    return LOOPBACK.has(host);
  }

  /** The graph, or a source's text (looked up in a Map: an id is never a path). */
  private jsonAt(pathname: string): Buffer | undefined {
    if (pathname === '/graph.json') {
      this.graphBody ??= Buffer.from(this.makeGraph!(), 'utf8');
      this.makeGraph = undefined;
      return this.graphBody;
    }
    const prefix = '/source-texts/';
    if (!pathname.startsWith(prefix) || !pathname.endsWith('.json')) return undefined;
    try {
      return this.sourceTexts.get(decodeURIComponent(pathname.slice(prefix.length, -5)));
    } catch {
      return undefined; // malformed percent-encoding
    }
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Method not allowed\n');
      return;
    }
    if (!this.hostAllowed(req)) {
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Forbidden host\n');
      return;
    }
    const url = new URL(req.url ?? '/', 'http://localhost');
    const body = this.jsonAt(url.pathname);
    if (body !== undefined) {
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': String(body.length),
        'Cache-Control': 'no-store',
        'X-Kg-Version': String(this.version),
        ...SECURITY_HEADERS,
      });
      res.end(method === 'HEAD' ? undefined : body);
      return;
    }
    if (url.pathname === '/events') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        ...SECURITY_HEADERS,
      });
      res.write('retry: 1000\n\n');
      res.write(`event: version\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
      if (this.diagnostics.length) {
        res.write(`event: diagnostics\ndata: ${JSON.stringify(this.diagnostics)}\n\n`);
      }
      this.clients.add(res);
      req.on('close', () => this.clients.delete(res));
      return;
    }
    const file = resolveStaticPath(this.options.viewerDir, url.pathname);
    if (file && (await sendFile(res, file, method === 'HEAD', SECURITY_HEADERS))) return;
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('Not found\n');
  }
}
