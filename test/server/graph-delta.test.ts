// The delta protocol of `kg view`: graph versions on /graph.json and the event stream, a delta
// naming the version it applies to, the whole graph made only when asked for, and the fallback
// to the whole graph after a new graph or a large change. A delta applied to the page's graph
// (the viewer's own code) gives the graph a fresh compile gives.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { MultiGraph } from 'graphology';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileFiles } from '../../src/compile/compile.js';
import { ProjectState } from '../../src/compile/project-state.js';
import { graphDelta, PendingChanges } from '../../src/server/graph-delta.js';
import { ViewServer } from '../../src/server/view-server.js';
import type { KgGraph } from '../../src/types.js';
import { applyDelta, type WireDelta } from '../../viewer/src/delta.js';
import { importGraph, type ViewGraph } from '../../viewer/src/model.js';
import { fourPeopleKg } from '../helpers/project.js';

function get(url: string, p: string): Promise<{ body: string; version: string | undefined }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: p }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ body, version: res.headers['x-kg-version'] as string }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The events of one /events connection, parsed. */
function listen(url: string): { events: { event: string; data: unknown }[]; close(): void } {
  const { hostname, port } = new URL(url);
  const events: { event: string; data: unknown }[] = [];
  let text = '';
  const req = request({ hostname, port, path: '/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      text += c;
      let end;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    });
  });
  req.on('error', () => undefined);
  req.end();
  return { events, close: () => req.destroy() };
}

const EMPTY_DELTA = { nodes: [], edges: [], droppedEdges: [], droppedNodes: [] };

describe('ViewServer versions and deltas', () => {
  let server: ViewServer;
  let url: string;
  beforeAll(async () => {
    server = new ViewServer({ port: 0 });
    url = await server.listen();
  });
  afterAll(() => server.close());

  it('numbers graphs, sends deltas with their base, and makes the whole graph when asked', async () => {
    server.setGraph('{"nodes":[{"key":"a"}],"edges":[]}');
    expect(await get(url, '/graph.json')).toEqual({
      body: '{"nodes":[{"key":"a"}],"edges":[]}',
      version: '1',
    });
    const stream = listen(url);
    // A page connecting learns the version first (one that missed a delta reloads).
    await expect.poll(() => stream.events[0]).toEqual({ event: 'version', data: { version: 1 } });
    let made = 0;
    const whole = () => {
      made++;
      return '{"nodes":[{"key":"a"},{"key":"b"}],"edges":[]}';
    };
    const delta = { ...EMPTY_DELTA, nodes: [{ key: 'b', attributes: { label: 'B' } }] };
    server.setDelta(delta, whole);
    await expect
      .poll(() => stream.events[1])
      .toEqual({ event: 'delta', data: { ...delta, base: 1, version: 2 } });
    expect(made).toBe(0);
    const got = await get(url, '/graph.json');
    expect(got.version).toBe('2');
    expect(JSON.parse(got.body).nodes).toHaveLength(2);
    await get(url, '/graph.json');
    expect(made).toBe(1);
    server.setGraph('{"nodes":[],"edges":[]}');
    await expect.poll(() => stream.events[2]).toEqual({ event: 'graph', data: { version: 3 } });
    stream.close();
    const again = listen(url);
    await expect.poll(() => again.events[0]).toEqual({ event: 'version', data: { version: 3 } });
    again.close();
  });
});

describe('PendingChanges', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'kg-delta-'));
    await mkdir(path.join(dir, 'relations'));
    await writeFile(path.join(dir, 'kg.yaml'), fourPeopleKg(['{ id: s1, title: One }']));
    await writeFile(path.join(dir, 'relations', 'a.yaml'), A);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const A = [
    'defaults:',
    '  source: s1',
    'relations:',
    "  - ann SUPPORTS bob: { quote: 'first' }",
    '  - ann MET cid: { date: 2025-01-01 }',
    '  - dan SUPPORTS cid',
    '',
  ].join('\n');

  const fresh = (state: ProjectState) =>
    compileFiles(
      state.list().map((f) => ({ path: f.absolute, text: f.file.text })),
      { name: state.name, layout: 'none', root: state.dir },
    ).graph;

  /** Nodes and edges without the viewer's `_` keys, sorted (the page's order is its own). */
  const content = (graph: ViewGraph) => {
    const data = graph.export();
    const clean = (a: Record<string, unknown> | undefined) =>
      Object.fromEntries(Object.entries(a ?? {}).filter(([k]) => !k.startsWith('_')));
    const nodes = data.nodes.map((n) => JSON.stringify({ ...n, attributes: clean(n.attributes) }));
    const edges = data.edges.map((e) => JSON.stringify({ ...e, attributes: clean(e.attributes) }));
    return { nodes: nodes.sort(), edges: edges.sort() };
  };

  it('sends what an edit changed, which the page applies to get a fresh compile’s graph', async () => {
    const state = await ProjectState.load(dir);
    const pending = new PendingChanges();
    const first = state.analyze({ emit: true });
    pending.add(first.graphChanges);
    // A new graph: the whole graph goes.
    expect(pending.take(first.graph!)).toBeUndefined();
    const page = importGraph(first.exportGraph!());
    const file = path.join(dir, 'relations', 'a.yaml');
    const edits = [
      A + "  - ann SUPPORTS bob: { quote: 'again' }\n", // more evidence
      A.replace('  - dan SUPPORTS cid\n', ''), // a relation gone (dan's size changes)
      A.replace('ann MET cid', 'cid MET ann') + '  - bob MET dan: { date: 2025-02-02 }\n',
      A + '  - bob SUPPORTS nobody\n', // an error: not published, gathered with the next
      A + '  - bob SUPPORTS dan\n',
    ];
    let version = 1;
    let applied = 0;
    for (const [i, text] of edits.entries()) {
      state.setText(file, text);
      const analysis = state.analyze({ emit: true });
      expect(analysis.graph, `edit ${i}`).toBe(first.graph);
      pending.add(analysis.graphChanges);
      if (analysis.diagnostics.some((d) => d.severity === 'error')) continue;
      const delta = pending.take(analysis.graph!);
      expect(delta, `edit ${i}`).toBeDefined();
      const wire: WireDelta = JSON.parse(
        JSON.stringify({ ...delta, base: version, version: version + 1 }),
      );
      version++;
      applied++;
      expect(applyDelta(page, wire), `edit ${i}`).not.toBeNull();
      expect(content(page), `edit ${i}`).toEqual(content(importGraph(fresh(state).export())));
    }
    // Every edit but the one with an error (gathered with the next).
    expect(applied).toBe(edits.length - 1);
    // A change of declarations builds a new graph: the whole graph goes again.
    state.setText(
      path.join(dir, 'kg.yaml'),
      `${state.list()[0]!.file.text}  - { id: s2, title: Two }\n`,
    );
    const rebuilt = state.analyze({ emit: true });
    expect(rebuilt.graphChanges).toBeUndefined();
    pending.add(rebuilt.graphChanges);
    expect(pending.take(rebuilt.graph!)).toBeUndefined();
  });

  it('sends the whole graph when the change is large (not merely a large share of a few)', async () => {
    const state = await ProjectState.load(dir);
    const graph = state.analyze({ emit: true }).graph!;
    const pending = new PendingChanges();
    pending.take(graph);
    const edges = graph.edges();
    const all = () => pending.add({ edges: new Set(edges), nodes: new Set() });
    all();
    // Every edge of the graph changed: more than a quarter of it (and more than a few).
    expect(pending.take(graph, { maxItems: 100, maxShare: 0.25, minItems: 1 })).toBeUndefined();
    all();
    expect(pending.take(graph)?.edges).toHaveLength(edges.length);
    pending.add({ edges: new Set(edges.slice(0, 1)), nodes: new Set() });
    const one = { maxItems: 2, maxShare: 1, minItems: 0 };
    expect(pending.take(graph, one)?.edges).toHaveLength(1);
    pending.add({ edges: new Set(edges.slice(0, 1)), nodes: new Set(['ann', 'bob']) });
    expect(pending.take(graph, one)).toBeUndefined();
  });

  it('describes removed edges and nodes by key, in key order', () => {
    const graph: KgGraph = new MultiGraph();
    graph.addNode('x');
    const delta = graphDelta(graph, ['z', 'y'], ['w', 'x']);
    expect(delta).toEqual({
      nodes: [{ key: 'x', attributes: {} }],
      edges: [],
      droppedEdges: ['y', 'z'],
      droppedNodes: ['w'],
    });
  });

  it('a delta naming unknown entities is refused (the page reloads the whole graph)', () => {
    const page: ViewGraph = new MultiGraph();
    page.addNode('a');
    const delta: WireDelta = {
      version: 2,
      base: 1,
      ...EMPTY_DELTA,
      edges: [{ key: 'e', source: 'a', target: 'zz', undirected: false, attributes: {} as never }],
    };
    expect(applyDelta(page, delta)).toBeNull();
    expect(page.size).toBe(0);
  });
});
