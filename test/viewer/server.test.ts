// The `kg view` HTTP server without a browser: what it serves, what it refuses, and the
// server-sent events it pushes.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveStaticPath } from '../../src/server/static-files.js';
import { ViewServer } from '../../src/server/view-server.js';

interface Reply {
  status: number;
  type: string | undefined;
  body: string;
}

/** A raw request: node's http client keeps `..` and odd Host headers as given. */
function get(
  url: string,
  rawPath: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<Reply> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: rawPath, method, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('resolveStaticPath', () => {
  const root = path.resolve('/srv/viewer');
  it.each([
    ['/', path.join(root, 'index.html')],
    ['/index.html', path.join(root, 'index.html')],
    ['/assets/index-abc.js', path.join(root, 'assets', 'index-abc.js')],
  ])('maps %s inside the root', (url, file) => {
    expect(resolveStaticPath(root, url)).toBe(file);
  });
  it.each([
    '/../package.json',
    '/assets/../../secret.json',
    '/%2e%2e/%2e%2e/etc/passwd.txt',
    '/..%2fpackage.json',
    '/assets%5c..%5c..%5cpackage.json',
    '/.env.json',
    '/index.html%00.js',
    '/%E0%A4%A',
    '/server.ts',
  ])('refuses %s', (url) => {
    expect(resolveStaticPath(root, url)).toBeNull();
  });
});

describe('ViewServer', () => {
  let dir: string;
  let server: ViewServer;
  let url: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kg-server-'));
    const viewer = path.join(dir, 'viewer');
    await mkdir(path.join(viewer, 'assets'), { recursive: true });
    await writeFile(path.join(viewer, 'index.html'), '<!doctype html><title>kg</title>');
    await writeFile(path.join(viewer, 'assets', 'app-12345678.js'), 'console.log(1)');
    await writeFile(path.join(dir, 'secret.json'), '{"secret":true}');
    server = new ViewServer({ viewerDir: viewer, port: 0 });
    url = await server.listen();
  });

  afterAll(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('binds loopback by default and serves the viewer with content types', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const index = await get(url, '/');
    expect(index.status).toBe(200);
    expect(index.type).toBe('text/html; charset=utf-8');
    const js = await get(url, '/assets/app-12345678.js');
    expect(js.type).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log(1)');
  });

  it('serves the current graph at /graph.json', async () => {
    const empty = await get(url, '/graph.json');
    expect(empty.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(empty.body)).toMatchObject({ nodes: [], edges: [] });
    server.setGraph('{"nodes":[{"key":"a"}],"edges":[]}');
    expect(JSON.parse((await get(url, '/graph.json')).body)).toEqual({
      nodes: [{ key: 'a' }],
      edges: [],
    });
  });

  it('serves each source text by id, and nothing else under /source-texts/', async () => {
    server.setSourceTexts({ 'wh talks': { id: 'wh talks', text: 'Hello' }, '../x': { id: 'x' } });
    const doc = await get(url, '/source-texts/wh%20talks.json');
    expect(doc.type).toBe('application/json; charset=utf-8');
    expect(JSON.parse(doc.body)).toEqual({ id: 'wh talks', text: 'Hello' });
    for (const p of [
      '/source-texts/missing.json',
      '/source-texts/%E0%A4%A.json',
      '/source-texts/wh%20talks',
      '/source-texts/toString.json',
      '/source-texts/__proto__.json',
    ]) {
      expect((await get(url, p)).status, p).toBe(404);
    }
    // An id is a key, never a path: '../x' is served as what it is, no file is read.
    expect(JSON.parse((await get(url, '/source-texts/..%2Fx.json')).body)).toEqual({ id: 'x' });
  });

  it('never serves files outside the viewer directory', async () => {
    for (const p of [
      '/../secret.json',
      '/%2e%2e/secret.json',
      '/assets/%2e%2e/%2e%2e/secret.json',
    ]) {
      const r = await get(url, p);
      expect(r.status, p).toBe(404);
      expect(r.body).not.toContain('secret');
    }
  });

  it('refuses other methods and foreign Host headers', async () => {
    expect((await get(url, '/', {}, 'POST')).status).toBe(405);
    expect((await get(url, '/graph.json', { Host: 'evil.example:80' })).status).toBe(403);
    expect((await get(url, '/graph.json', { Host: 'localhost:5173' })).status).toBe(200);
  });

  it('pushes graph and diagnostics events over SSE', async () => {
    const { hostname, port } = new URL(url);
    const received: string[] = [];
    const req = request({ hostname, port, path: '/events' });
    const opened = new Promise<string | undefined>((resolve) =>
      req.on('response', (res) => {
        res.setEncoding('utf8');
        res.on('data', (c: string) => received.push(c));
        resolve(res.headers['content-type']);
      }),
    );
    req.end();
    expect(await opened).toBe('text/event-stream; charset=utf-8');
    await expect.poll(() => server.clientCount).toBe(1);
    server.setDiagnostics([
      { code: 'KG001', severity: 'error', message: 'bad', file: 'a.yaml', line: 2, column: 3 },
    ]);
    server.setGraph('{"nodes":[],"edges":[]}');
    await expect.poll(() => received.join('')).toMatch(/event: graph\ndata: \{"version":\d+\}\n\n/);
    const text = received.join('');
    expect(text).toContain('event: diagnostics\ndata: [{"code":"KG001"');
    expect(text.indexOf('event: diagnostics')).toBeLessThan(text.indexOf('event: graph'));
    req.destroy();
    await expect.poll(() => server.clientCount).toBe(0);
  });
});

const BIN = path.resolve('bin', 'kg.js');
describe.skipIf(!existsSync(path.resolve('dist', 'cli', 'main.js')))('kg view (CLI)', () => {
  const kg = (...args: string[]) =>
    spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  it('documents its options', () => {
    const r = kg('view', '--help');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/--port/);
    expect(r.stdout).toMatch(/--host/);
    expect(r.stdout).toMatch(/--open/);
  });
  it('rejects a bad port with exit code 2', () => {
    const r = kg('view', 'data', '--port', 'eighty');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid --port/);
  });
  it('rejects two directories with exit code 2', () => {
    expect(kg('view', 'a', 'b').status).toBe(2);
  });
});
