// Deltas applied in place while sigma draws (viewer/src/delta.ts, renderer.ts `batch`): the
// page must never touch a relation that is gone, whatever the pointer, the selection or the
// frames do between a drop and the next frame. Deltas are applied through the page's hook
// (`__kg.applyDelta`, as `kg view` would send them) so that hundreds of them, timed against
// sigma's frames and hover reads, run in seconds.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, hook, pageErrors, useKgView, waitReady } from './support.js';

const run = browserAvailable();

describe.skipIf(!run)('deltas against sigma in Chromium (data/)', { timeout: 120_000 }, () => {
  const suite = useKgView();

  /** Where an edge's middle is drawn (CSS pixels of the page), for a straight edge. */
  const middle = (page: Page, key: string) =>
    page.evaluate((e) => {
      const k = window.__kg!;
      const { source, target } = k.edgeData(e);
      const a = k.nodeOnScreen(source)!;
      const b = k.nodeOnScreen(target)!;
      const box = document.getElementById('graph')!.getBoundingClientRect();
      return { x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2 };
    }, key);

  /** A relation alone between its two entities (drawn straight), long enough to point at. */
  const loneEdge = (page: Page) =>
    page.evaluate(() => {
      const k = window.__kg!;
      let best: { key: string; length: number } | null = null;
      for (const key of k.edgeKeys()) {
        const { source, target } = k.edgeData(key);
        if (source === target) continue;
        const between = k
          .edgesOf(source)
          .filter((e) => [e.source, e.target].includes(target)).length;
        if (between !== 1) continue;
        const a = k.nodeOnScreen(source)!;
        const b = k.nodeOnScreen(target)!;
        const length = Math.hypot(a.x - b.x, a.y - b.y);
        if (!best || length > best.length) best = { key, length };
      }
      return best!.key;
    });

  it('drops the relation under a resting pointer (hovered, a hover read in flight)', async () => {
    const page = await suite.open();
    const edge = await loneEdge(page);
    const at = await middle(page, edge);
    await page.mouse.move(at.x, at.y);
    await expect.poll(() => hook(page, (k) => k.hoveredEdge())).toBe(edge);
    const data = await hook(page, (k) => k.edgeKeys().length);
    // In one task: the pointer moves on the edge (sigma starts reading its picking buffer,
    // answered at the next animation frame), the edge goes, then frames.
    await page.evaluate(
      async ({ e, x, y }) => {
        const k = window.__kg!;
        document.elementFromPoint(x, y)!.dispatchEvent(
          new PointerEvent('pointermove', {
            clientX: x + 1,
            clientY: y,
            bubbles: true,
            pointerType: 'mouse',
          }),
        );
        k.applyDelta({
          version: 0,
          base: 0,
          nodes: [],
          edges: [],
          droppedEdges: [e],
          droppedNodes: [],
        });
        for (let i = 0; i < 4; i++) await new Promise((r) => requestAnimationFrame(r));
      },
      { e: edge, ...at },
    );
    expect(pageErrors).toEqual([]);
    expect(await hook(page, (k) => k.edgeKeys().length)).toBe(data - 1);
    expect(await hook(page, (k) => k.hoveredEdge())).toBe(null);
    expect(await hook(page, (k) => k.drawnEdges())).toEqual(await hook(page, (k) => k.edgeKeys()));
    await page.close();
  });

  it('a click where a relation just went selects nothing', async () => {
    const page = await suite.open();
    const edge = await loneEdge(page);
    const at = await middle(page, edge);
    // The same task drops the edge and clicks its pixel, before any frame redraws picking.
    const selected = await page.evaluate(
      async ({ e, x, y }) => {
        const k = window.__kg!;
        k.applyDelta({
          version: 0,
          base: 0,
          nodes: [],
          edges: [],
          droppedEdges: [e],
          droppedNodes: [],
        });
        const target = document.elementFromPoint(x, y)!;
        const init = { clientX: x, clientY: y, bubbles: true, pointerType: 'mouse', button: 0 };
        target.dispatchEvent(new PointerEvent('pointerdown', init));
        target.dispatchEvent(new PointerEvent('pointerup', init));
        for (let i = 0; i < 3; i++) await new Promise((r) => requestAnimationFrame(r));
        return k.selected;
      },
      { e: edge, ...at },
    );
    expect(pageErrors).toEqual([]);
    expect(selected).toBe(null);
    await page.close();
  });

  it('hundreds of seeded deltas, frames and pointer moves in between, leave sigma = graph', async () => {
    const page = await suite.open();
    // An edge selected (highlighted: sigma draws it on its own depth layer).
    const selectedEdge = await loneEdge(page);
    await page.goto(`${suite.view().url}#edge=${encodeURIComponent(selectedEdge)}`);
    await page.reload();
    await waitReady(page);
    expect(await hook(page, (k) => k.selected)).toEqual({ kind: 'edge', key: selectedEdge });
    const steps = await page.evaluate(async (sel) => {
      const k = window.__kg!;
      let seed = 20261129;
      const rand = () => {
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
      const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const frame = () => new Promise((r) => requestAnimationFrame(r));
      const box = document.getElementById('graph')!.getBoundingClientRect();
      type Edge = ReturnType<typeof k.edgeData>;
      const gone: Edge[] = [];
      const goneNodes: { node: ReturnType<typeof k.nodeData>; edges: Edge[] }[] = [];
      let version = 0;
      const apply = (d: {
        nodes?: ReturnType<typeof k.nodeData>[];
        edges?: Edge[];
        droppedEdges?: string[];
        droppedNodes?: string[];
      }) => {
        const ok = k.applyDelta({
          version: ++version,
          base: version - 1,
          nodes: d.nodes ?? [],
          edges: d.edges ?? [],
          droppedEdges: d.droppedEdges ?? [],
          droppedNodes: d.droppedNodes ?? [],
        });
        if (!ok) throw new Error('delta refused');
      };
      const pointAt = (key: string) => {
        const { source, target } = k.edgeData(key);
        const a = k.nodeOnScreen(source);
        const b = k.nodeOnScreen(target);
        if (!a || !b) return;
        const x = box.left + (a.x + b.x) / 2;
        const y = box.top + (a.y + b.y) / 2;
        document.elementFromPoint(x, y)?.dispatchEvent(
          new PointerEvent('pointermove', {
            clientX: x,
            clientY: y,
            bubbles: true,
            pointerType: 'mouse',
          }),
        );
      };
      let steps = 0;
      for (let i = 0; i < 300; i++) {
        const edges = k.edgeKeys();
        const r = rand();
        // The pointer rests on a relation about to change, often.
        if (rand() < 0.6) pointAt(pick(edges));
        if (r < 0.35) {
          // Drop one to three relations, among them often one of a parallel pair or the selection.
          const keys = new Set<string>();
          for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) keys.add(pick(edges));
          if (rand() < 0.2 && edges.includes(sel)) keys.add(sel);
          const parallel = edges.filter((e) => {
            const { source, target } = k.edgeData(e);
            return (
              k.edgesOf(source).filter((x) => [x.source, x.target].includes(target)).length > 1
            );
          });
          if (parallel.length && rand() < 0.5) keys.add(pick(parallel));
          for (const key of keys) gone.push(k.edgeData(key));
          apply({ droppedEdges: [...keys] });
        } else if (r < 0.65 && gone.length) {
          // Bring back one to three (their entities may have gone since: then later).
          const back: Edge[] = [];
          for (let n = 1 + Math.floor(rand() * 3); n > 0 && gone.length; n--) {
            const e = gone.splice(Math.floor(rand() * gone.length), 1)[0]!;
            if (k.nodeLabel(e.source) !== null && k.nodeLabel(e.target) !== null) back.push(e);
            else gone.push(e);
          }
          apply({ edges: back });
        } else if (r < 0.75) {
          // The same key between other entities (a relation whose endpoint was edited).
          const e = k.edgeData(pick(edges));
          const other = k.edgeData(pick(edges));
          apply({ edges: [{ ...e, target: other.target }] });
        } else if (r < 0.85 && goneNodes.length === 0) {
          // An entity goes, with its relations.
          const node = k.edgeData(pick(edges)).source;
          goneNodes.push({
            node: k.nodeData(node),
            edges: k.edgesOf(node).map((x) => k.edgeData(x.key)),
          });
          apply({ droppedNodes: [node] });
        } else if (goneNodes.length) {
          const { node, edges: back } = goneNodes.pop()!;
          apply({
            nodes: [node],
            edges: back.filter((e) =>
              [e.source, e.target].every((n) => n === node.key || k.nodeLabel(n) !== null),
            ),
          });
        } else continue;
        steps++;
        for (let f = Math.floor(rand() * 3); f > 0; f--) await frame();
      }
      for (let i = 0; i < 3; i++) await frame();
      return steps;
    }, selectedEdge);
    expect(steps).toBeGreaterThan(200);
    expect(pageErrors).toEqual([]);
    expect(await hook(page, (k) => k.drawnEdges())).toEqual(await hook(page, (k) => k.edgeKeys()));
    await page.close();
  });
});
