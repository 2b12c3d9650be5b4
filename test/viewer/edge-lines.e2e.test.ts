// Big graphs (over BIG_GRAPH_EDGES relations): every relation is drawn as a line by the
// viewer's own layer (viewer/src/edge-lines.ts), the focused ones again over the others, and
// none by sigma. Read from the drawn picture itself (WebGL pixels) in Chromium.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { syntheticViewGraph } from '../../bench/view-graph.mjs';
import { browserAvailable, hook, useSyntheticView, type KgHook } from './support.js';

const run = browserAvailable();
const RELATION_TYPES = [
  'MEETS',
  'MEMBER_OF',
  'LOCATED_IN',
  'CITES',
  'FUNDS',
  'ALLIED_WITH',
  'OPPOSES',
];

/** The leftmost and the rightmost entity on screen (synthetic keys n0…). */
function farPair(page: Page): Promise<[string, string]> {
  return page.evaluate((): [string, string] => {
    const k = window.__kg!;
    const on = k.positions().map((_p, i) => ({ key: `n${i}`, at: k.nodeOnScreen(`n${i}`)! }));
    const left = on.reduce((a, b) => (b.at.x < a.at.x ? b : a));
    const right = on.reduce((a, b) => (b.at.x > a.at.x ? b : a));
    return [left.key, right.key];
  });
}

/**
 * Points along the segment between two entities, away from their discs (other entities drawn
 * over the line hide some: the tests ask for a third of them).
 */
function between(page: Page, [s, t]: [string, string]): Promise<{ x: number; y: number }[]> {
  return page.evaluate(
    ({ s, t }) => {
      const a = window.__kg!.nodeOnScreen(s)!;
      const b = window.__kg!.nodeOnScreen(t)!;
      return Array.from({ length: 15 }, (_v, i) => 0.15 + i * 0.05).map((f) => ({
        x: a.x + (b.x - a.x) * f,
        y: a.y + (b.y - a.y) * f,
      }));
    },
    { s, t },
  );
}

type Delta = Parameters<KgHook['applyDelta']>[0];

/** Applies a delta as `kg view` sends it (the one before it as its base): what it changes. */
function sendDelta(
  page: Page,
  version: number,
  changes: Partial<Pick<Delta, 'edges' | 'droppedEdges' | 'droppedNodes'>>,
): Promise<boolean> {
  return page.evaluate(
    ({ version, changes }) =>
      window.__kg!.applyDelta({
        version,
        base: version - 1,
        nodes: [],
        edges: [],
        droppedEdges: [],
        droppedNodes: [],
        ...changes,
      }),
    { version, changes },
  );
}

/** A relation of a type of its own (no filter hides it), drawn red. */
function addProbe(page: Page, [s, t]: [string, string]): Promise<boolean> {
  return sendDelta(page, 1, {
    edges: [
      {
        key: 'probe',
        source: s,
        target: t,
        undirected: false,
        attributes: {
          type: 'PROBE',
          label: 'probe',
          color: '#ff0000',
          size: 1,
          sources: ['s1'],
        } as never,
      },
    ],
  });
}

/**
 * How many of the points are drawn red (the probe relation's colour), within a pixel: opaque
 * (focused), translucent (at rest: 60% opacity, premultiplied) or either.
 */
async function redPoints(
  page: Page,
  points: { x: number; y: number }[],
  as: 'opaque' | 'translucent' | 'any' = 'any',
): Promise<number> {
  const around = points.flatMap((p) =>
    [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => ({ x: p.x + dx, y: p.y + dy }))),
  );
  const colours = await page.evaluate((pts) => window.__kg!.pixelsAt(pts), around);
  const alpha = (a: number): boolean =>
    as === 'opaque' ? a >= 250 : as === 'translucent' ? a > 100 && a < 200 : a > 40;
  let red = 0;
  for (let i = 0; i < points.length; i++) {
    const near = colours.slice(i * 9, i * 9 + 9);
    if (near.some(([r, g, b, a]) => alpha(a) && r > 100 && g < 40 && b < 40)) red++;
  }
  return red;
}

describe.skipIf(!run)('big graphs: relations drawn as lines', { timeout: 120_000 }, () => {
  const view = useSyntheticView(3_000, 25_000);
  const open = (hash = ''): Promise<Page> => view.open(hash, 1200, 800);

  // Every relation type hidden: the probe, of a type of its own, is the only line.
  const allHidden = `hideRel=${RELATION_TYPES.join(',')}`;

  /**
   * A page with the far pair's first entity selected, and the camera of the same view without
   * the selection (a selection alone would centre it).
   */
  const openSelected = async (): Promise<{ page: Page; pair: [string, string] }> => {
    const first = await open(allHidden);
    const pair = await farPair(first);
    const cam = await hook(first, (k) => k.camera());
    await first.close();
    const at = [cam.x, cam.y, cam.ratio, cam.angle].join(',');
    return { page: await open(`node=${pair[0]}&cam=${at}&${allHidden}`), pair };
  };

  it('draws every visible relation, and follows the filters', async () => {
    const page = await open();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(await hook(page, (k) => k.linesDrawn()?.all)).toBe(25_000);
    // Sigma never buffered a relation, not even for its first frame.
    expect(await hook(page, (k) => k.sigmaEdgeSlots())).toBe(0);
    // Hiding a relation type leaves the others' lines.
    await page.locator('input[data-kind=relation][data-type=MEETS]').uncheck();
    await expect.poll(() => hook(page, (k) => k.visibleEdges)).toBeLessThan(25_000);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    const [drawn, visible] = await hook(page, (k) => [k.linesDrawn()?.all, k.visibleEdges]);
    expect(visible).toBeGreaterThan(15_000);
    expect(drawn).toBe(visible);
    await page.close();
  });

  it('draws a relation added by a delta where its entities are, and no longer once dropped', async () => {
    const page = await open(allHidden);
    const pair = await farPair(page);
    const points = await between(page, pair);
    expect(await redPoints(page, points)).toBe(0);
    const sizeOf = (node: string) =>
      page.evaluate((n) => {
        const k = window.__kg!;
        return {
          size: k.nodeSize(n),
          r: k.nodeOnScreen(n)!.r,
          processes: k.sigmaTimes().processes,
        };
      }, node);
    const before = await sizeOf(pair[0]);
    expect(await addProbe(page, pair)).toBe(true);
    expect(await redPoints(page, points, 'translucent')).toBeGreaterThanOrEqual(5);
    // The entity's size follows its new degree, repainted in place: sigma processed nothing.
    const after = await sizeOf(pair[0]);
    expect(after.size).toBeGreaterThan(before.size);
    expect(after.r / before.r).toBeCloseTo(after.size / before.size, 3);
    expect(after.processes).toBe(before.processes);
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 1, focused: 0 });
    await sendDelta(page, 2, { droppedEdges: ['probe'] });
    expect(await redPoints(page, points)).toBe(0);
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 0, focused: 0 });
    // Sigma indexes no relation, after deltas or a full refresh (an entity dropped, with the
    // probe added again to it): it processes nothing of them.
    expect(await hook(page, (k) => k.drawnEdges())).toEqual([]);
    expect(await addProbe(page, pair)).toBe(true);
    expect(await hook(page, (k) => k.linesDrawn()?.all)).toBe(1);
    await sendDelta(page, 3, { droppedNodes: [pair[1]] });
    expect(await redPoints(page, points)).toBe(0);
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 0, focused: 0 });
    expect(await hook(page, (k) => k.drawnEdges())).toEqual([]);
    await page.close();
  });

  it('draws the focused relations opaque over the others; sigma draws none', async () => {
    // The probe's entity selected.
    const { page, pair } = await openSelected();
    expect(await addProbe(page, pair)).toBe(true);
    const points = await between(page, pair);
    expect(await redPoints(page, points, 'opaque')).toBeGreaterThanOrEqual(5);
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 1, focused: 1 });
    // Without the lines layer nothing draws it, focused or not: sigma draws no relation.
    await hook(page, (k) => k.dropLines());
    expect(await redPoints(page, points)).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => hook(page, (k) => k.selected)).toBe(null);
    expect(await redPoints(page, points)).toBe(0);
    await page.close();
  });

  it('draws the relations at rest again once the focus is cleared', async () => {
    const { page, pair } = await openSelected();
    expect(await addProbe(page, pair)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => hook(page, (k) => k.selected)).toBe(null);
    const points = await between(page, pair);
    expect(await redPoints(page, points, 'translucent')).toBeGreaterThanOrEqual(5);
    expect(await redPoints(page, points, 'opaque')).toBe(0);
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 1, focused: 0 });
    await page.close();
  });

  // Last: it publishes another graph on the suite's server.
  it('stays in lines mode across a full reload from kg view', async () => {
    const page = await open(allHidden);
    view.server().setGraph(JSON.stringify(syntheticViewGraph(3_000, 25_000, 11).export()));
    await expect.poll(() => hook(page, (k) => k.reloads), { timeout: 30_000 }).toBe(1);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(r)));
    expect(await hook(page, (k) => k.drawnEdges())).toEqual([]);
    const pair = await farPair(page);
    expect(await addProbe(page, pair)).toBe(true);
    expect(await redPoints(page, await between(page, pair), 'translucent')).toBeGreaterThanOrEqual(
      5,
    );
    expect(await hook(page, (k) => k.linesDrawn())).toEqual({ all: 1, focused: 0 });
    // Sigma took no edge event of the new graph: it indexed and processed no relation.
    expect(await hook(page, (k) => k.drawnEdges())).toEqual([]);
    await page.close();
  });

  it('changes the lines of the relations a delta names alone, as a rebuild would draw them', async () => {
    const page = await open();
    const keys = await hook(page, (k) => k.edgeKeys());
    const before = await page.evaluate(() => window.__kg!.describeLines(false));
    // Relations added between entities, others dropped, one recoloured: deltas as kg view sends.
    const added = Array.from({ length: 6 }, (_v, i) => ({
      key: `added-${i}`,
      source: `n${i * 17}`,
      target: `n${i * 31 + 5}`,
      undirected: false,
      attributes: { type: 'MEETS', label: 'meets', size: 1, sources: ['s1'] },
    }));
    const dropped = keys.filter((_k, i) => i % 4001 === 7);
    const recoloured = await page.evaluate((e) => window.__kg!.edgeData(e), keys[101]!);
    await sendDelta(page, 1, { edges: added as never, droppedEdges: dropped });
    await sendDelta(page, 2, {
      edges: [
        { ...recoloured, attributes: { ...recoloured.attributes, color: '#123456' } } as never,
      ],
    });
    const after = await page.evaluate(() => window.__kg!.describeLines(false));
    // Drawn without rebuilding every line…
    expect(after.rebuilds).toBe(before.rebuilds);
    expect(after.lines.length).toBe(25_000 + added.length - dropped.length);
    expect(after.lines.filter((l) => l.startsWith('added-'))).toHaveLength(added.length);
    // … and exactly the lines a rebuild draws.
    const rebuilt = await page.evaluate(() => window.__kg!.describeLines(true));
    expect(rebuilt.rebuilds).toBe(before.rebuilds + 1);
    expect(after.lines).toEqual(rebuilt.lines);
    await page.close();
  });
});
