// Shared plumbing for the viewer's browser tests: Debian's Chromium through playwright-core
// (skipped loudly when missing, a failure under CI=true) and `kg view` as a child process.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../../scripts/chromium.mjs';
import { syntheticViewGraph } from '../../bench/view-graph.mjs';
import { ViewServer, type GraphDelta } from '../../src/server/view-server.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ARTIFACTS = path.join(ROOT, 'test', 'artifacts');
export { CHROMIUM, CHROMIUM_ARGS };

/** True when the browser tests can run; otherwise explains why, or throws under CI. */
export function browserAvailable(): boolean {
  const missing: string[] = [];
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install -y chromium)`);
  if (!existsSync(path.join(ROOT, 'dist', 'viewer', 'index.html')))
    missing.push('dist/viewer (npm run build)');
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    missing.push('dist/cli (npm run build)');
  if (!missing.length) return true;
  const message = `viewer browser tests SKIPPED: missing ${missing.join(', ')}`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: failing instead)`);
  console.warn(`\n*** ${message} ***\n`);
  return false;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Uncaught errors from every page; the e2e suites assert it stays empty. */
export const pageErrors: string[] = [];

export async function newPage(browser: Browser, width = 1440, height = 900): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height }, acceptDownloads: true });
  page.on('pageerror', (e) => {
    console.error('page error:', e.message);
    pageErrors.push(e.message);
  });
  page.on('dialog', (d) => {
    throw new Error(`unexpected dialog: ${d.message()}`);
  });
  return page;
}

export async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__kg?.ready === true, null, { timeout: 20_000 });
}

export async function shot(page: Page, name: string): Promise<void> {
  await mkdir(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

/** A throw-away copy of a directory (the sample data), removed by the returned cleanup. */
export async function tempCopy(
  src: string,
): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'kg-viewer-'));
  const dir = path.join(base, path.basename(src));
  await cp(src, dir, { recursive: true });
  return { dir, cleanup: () => rm(base, { recursive: true, force: true }) };
}

export interface KgView {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** Runs the real binary: `node bin/kg.js view <dir> --port 0`, resolved once it prints its URL. */
export function startKgView(dir: string): Promise<KgView> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'bin', 'kg.js'), 'view', dir, '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`kg view did not start:\n${out}`));
    }, 20_000);
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const m = /serving .* at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out, stop });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kg view exited with ${code}:\n${out}`));
    });
  });
}

export interface KgViewSuite {
  browser(): Browser;
  view(): KgView;
  /** The temporary copy of the project that `kg view` serves. */
  dir(): string;
  /** A new page at the viewer (plus `hash`), once it has drawn its first frame. */
  open(hash?: string, width?: number, height?: number): Promise<Page>;
}

/**
 * Chromium and `kg view` on a temporary copy of `project` (default data/) for the enclosing
 * describe block (registers its hooks; every test must leave no page error). Hooks the suite
 * registers after this call run after the copy exists (`dir()`).
 */
export function useKgView(project = path.join(ROOT, 'data')): KgViewSuite {
  let view: KgView | undefined;
  let copy: Awaited<ReturnType<typeof tempCopy>> | undefined;
  const browser = useBrowserWith(
    async () => {
      copy = await tempCopy(project);
      view = await startKgView(copy.dir);
    },
    async () => {
      await view?.stop();
      await copy?.cleanup();
    },
  );
  const suite: KgViewSuite = {
    browser,
    view: () => need(view, 'kg view'),
    dir: () => need(copy, 'the project copy').dir,
    open: async (hash = '', width = 1440, height = 900) => {
      const page = await newPage(suite.browser(), width, height);
      await page.goto(`${suite.view().url}${hash}`);
      await waitReady(page);
      return page;
    },
  };
  return suite;
}

/**
 * Chromium, once `start` has run, for the enclosing describe block: every test must leave no
 * page error; the browser closes, then `stop` runs.
 */
function useBrowserWith(start: () => Promise<void>, stop: () => Promise<void>): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    await start();
    browser = await launch();
  }, 60_000);
  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await stop();
  });
  return () => need(browser, 'the browser');
}

function need<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`${what} not started`);
  return v;
}

export interface SyntheticViewSuite {
  browser(): Browser;
  /** The view server: `setGraph` publishes another graph to the open pages. */
  server(): ViewServer;
  /** A new page at the viewer (plus `hash`), once it has drawn its first frame. */
  open(hash?: string, width?: number, height?: number): Promise<Page>;
}

/**
 * Chromium and a view server of a synthetic graph (bench/view-graph.mjs) for the enclosing
 * describe block (registers its hooks; every test must leave no page error).
 */
export function useSyntheticView(nodes: number, edges: number): SyntheticViewSuite {
  let server: ViewServer | undefined;
  let url: string | undefined;
  const browser = useBrowserWith(
    async () => {
      server = new ViewServer({ port: 0 });
      server.setGraph(JSON.stringify(syntheticViewGraph(nodes, edges).export()));
      url = await server.listen();
    },
    async () => {
      await server?.close();
    },
  );
  const suite: SyntheticViewSuite = {
    browser,
    server: () => need(server, 'the view server'),
    open: async (hash = '', width = 1440, height = 900) => {
      const page = await newPage(suite.browser(), width, height);
      await page.goto(`${need(url, 'the view server')}#${hash}`);
      await page.waitForFunction(() => window.__kg?.ready === true, null, { timeout: 60_000 });
      return page;
    },
  };
  return suite;
}

/** Runs `fn` on the page's `window.__kg` (its source is sent: it closes over nothing). */
export function hook<T>(page: Page, fn: (k: KgHook) => T): Promise<T> {
  return page.evaluate(`(${fn.toString()})(window.__kg)`) as Promise<T>;
}

/** The read-only hook the viewer exposes for tests (viewer/src/main.ts). */
export interface KgHook {
  ready: boolean;
  order: number;
  size: number;
  visibleNodes: number;
  visibleEdges: number;
  selected: { kind: 'node' | 'edge'; key: string } | null;
  state: Record<string, unknown>;
  reloads: number;
  /** Deltas from kg view applied in place. */
  deltas: number;
  errors: number;
  layoutRunning: boolean;
  isNodeVisible(key: string): boolean;
  isEdgeVisible(key: string): boolean;
  nodeLabel(key: string): string | null;
  edgesOf(
    node: string,
  ): { key: string; type: string; source: string; target: string; evidence: number }[];
  camera(): { x: number; y: number; ratio: number; angle: number };
  positions(): [number, number][];
  hovered: string | null;
  nodeOnScreen(key: string): { x: number; y: number; r: number } | null;
  /** An entity as a delta carries it. */
  nodeData(key: string): { key: string; attributes: Record<string, unknown> };
  /** A relation as a delta carries it. */
  edgeData(key: string): {
    key: string;
    source: string;
    target: string;
    undirected: boolean;
    attributes: Record<string, unknown>;
  };
  /** Applies a delta as if `kg view` had sent it; false when it would reload instead. */
  applyDelta(delta: GraphDelta & { version: number; base: number }): boolean;
  /** The relation sigma shows as hovered, or null. */
  hoveredEdge(): string | null;
  /** Every relation's key, sorted. */
  edgeKeys(): string[];
  /** The relations in sigma's edge buffers (its last processing), sorted. */
  drawnEdges(): string[];
  linesDrawn(): { all: number; focused: number } | null;
  describeLines(rebuilt: boolean): { lines: string[]; rebuilds: number };
  nodeSize(key: string): number;
  sigmaTimes(): { processMs: number; processes: number; renderMs: number; renders: number };
  dropLines(): void;
  sigmaEdgeSlots(): number;
  pixelsAt(points: { x: number; y: number }[]): [number, number, number, number][];
  dimensions(): { width: number; height: number };
  dropPoints(): void;
  /** The colour an entity is given (its type's, or the colouring's). */
  nodeColor(key: string): string;
  /** The entity the CPU picker finds at each point (big graphs). */
  nodeAt(points: { x: number; y: number }[]): (string | null)[];
  /** Sigma's picking buffer at each point: as drawn, or after a frame with its picking pass. */
  pickedBySigma(points: { x: number; y: number }[], redraw: boolean): (string | null)[];
}

declare global {
  interface Window {
    __kg?: KgHook;
  }
}
