// Big graphs (over BIG_GRAPH_EDGES relations): the entities are drawn as GL points by the
// viewer's own layer (viewer/src/node-points.ts), but for the hovered and highlighted ones,
// which sigma draws; the entity under the pointer is found on the CPU (node-picker.ts), and
// sigma draws no picking pass. Checked against sigma's own picking pass, drawn for the
// comparison, against the drawn pixels, and through the mouse in Chromium.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserAvailable, hook, useSyntheticView } from './support.js';

const run = browserAvailable();

type Point = { x: number; y: number };

/**
 * Seeded points over the canvas, and the centres of a sample of entities on screen; each at a
 * pixel's centre, where the picking pass samples.
 */
function probePoints(page: Page): Promise<Point[]> {
  return page.evaluate(() => {
    const k = window.__kg!;
    const { width, height } = k.dimensions();
    let seed = 7;
    const rnd = (): number => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const points: Point[] = [];
    for (let i = 0; i < 1500; i++) points.push({ x: rnd() * width, y: rnd() * height });
    for (let i = 0; i < k.order; i += 7) {
      const at = k.nodeOnScreen(`n${i}`);
      if (at && at.x > 2 && at.y > 2 && at.x < width - 2 && at.y < height - 2) points.push(at);
    }
    return points.map(({ x, y }) => ({ x: Math.floor(x) + 0.5, y: Math.floor(y) + 0.5 }));
  });
}

/**
 * An entity whose centre shows it, and where: it is found there and 1.5 pixels around, so no
 * other entity, nor the antialiased rim of one, is drawn over its centre.
 */
function visibleEntity(page: Page, skip = 0): Promise<readonly [string, Point & { r: number }]> {
  return page.evaluate((skip) => {
    const k = window.__kg!;
    let seen = 0;
    for (let i = 0; i < k.order; i++) {
      const at = k.nodeOnScreen(`n${i}`);
      if (!at || at.r < 3) continue;
      const around = [
        at,
        ...Array.from({ length: 8 }, (_v, j) => ({
          x: at.x + 1.5 * Math.cos((j * Math.PI) / 4),
          y: at.y + 1.5 * Math.sin((j * Math.PI) / 4),
        })),
      ];
      if (k.nodeAt(around).every((n) => n === `n${i}`) && seen++ >= skip) {
        return [`n${i}`, at] as const;
      }
    }
    throw new Error('no entity shows its centre');
  }, skip);
}

/** Whether the pixel at `at` is drawn in the entity's colour (within a few units). */
async function drawnInItsColour(page: Page, key: string, at: Point): Promise<boolean> {
  const [pixel, css] = await page.evaluate(
    ({ key, at }) => [window.__kg!.pixelsAt([at])[0]!, window.__kg!.nodeColor(key)] as const,
    { key, at },
  );
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(css);
  if (!hex) throw new Error(`not a hex colour: ${css}`);
  const rgb = [hex[1], hex[2], hex[3]].map((h) => parseInt(h!, 16));
  return pixel[3] > 250 && rgb.every((c, i) => Math.abs(c - pixel[i]!) <= 3);
}

describe.skipIf(!run)(
  'big graphs: entities as points, picked on the CPU',
  { timeout: 120_000 },
  () => {
    const view = useSyntheticView(3_000, 25_000);

    it("finds the entity sigma's picking pass would, and draws no picking pass", async () => {
      const page = await view.open('', 1200, 800);
      const points = await probePoints(page);
      // The frames so far drew no picking pass: sigma's buffer is empty everywhere.
      const asDrawn = await page.evaluate((p) => window.__kg!.pickedBySigma(p, false), points);
      expect(asDrawn.filter((k) => k !== null)).toEqual([]);
      const gpu = await page.evaluate((p) => window.__kg!.pickedBySigma(p, true), points);
      const cpu = await page.evaluate((p) => window.__kg!.nodeAt(p), points);
      let agree = 0;
      let hits = 0;
      const edges: number[] = [];
      for (let i = 0; i < points.length; i++) {
        if (cpu[i] !== null) hits++;
        if (cpu[i] === gpu[i]) {
          agree++;
          continue;
        }
        // Where they differ, the point is on the rim of a disc: the picking pass stops at the
        // antialiased edge, up to a pixel inside the nominal radius the CPU uses.
        const rims = await page.evaluate(
          ({ p, keys }) =>
            keys.map((key) => {
              const disc = window.__kg!.nodeOnScreen(key)!;
              return Math.abs(Math.hypot(p.x - disc.x, p.y - disc.y) - disc.r);
            }),
          { p: points[i]!, keys: [cpu[i], gpu[i]].filter((k): k is string => k !== null) },
        );
        edges.push(Math.min(...rims));
      }
      expect(hits).toBeGreaterThan(400);
      expect(agree / points.length).toBeGreaterThan(0.9);
      expect(Math.max(0, ...edges)).toBeLessThanOrEqual(1.01);
      await page.close();
    });

    it('hovers and selects an entity under the mouse', async () => {
      const page = await view.open('', 1200, 800);
      const box = await page.locator('#graph').boundingBox();
      const [key, at] = await visibleEntity(page);
      const x = (box?.x ?? 0) + at.x;
      const y = (box?.y ?? 0) + at.y;
      await page.mouse.move(x, y);
      await expect.poll(() => hook(page, (k) => k.hovered)).toBe(key);
      await page.mouse.click(x, y);
      await expect.poll(() => hook(page, (k) => k.selected)).toEqual({ kind: 'node', key });
      // Off every entity: the hover ends.
      const empty = await page.evaluate(() => {
        const k = window.__kg!;
        const { width, height } = k.dimensions();
        for (let y = 5; y < height; y += 7)
          for (let x = 5; x < width; x += 7) if (k.nodeAt([{ x, y }])[0] === null) return { x, y };
        throw new Error('no empty place');
      });
      await page.mouse.move((box?.x ?? 0) + empty.x, (box?.y ?? 0) + empty.y);
      await expect.poll(() => hook(page, (k) => k.hovered)).toBeNull();
      await page.close();
    });

    it('draws the entities as points, but for the hovered one, which sigma draws', async () => {
      const page = await view.open('', 1200, 800);
      const box = await page.locator('#graph').boundingBox();
      const [hovered, at] = await visibleEntity(page);
      const [other, elsewhere] = await visibleEntity(page, 40);
      expect(await drawnInItsColour(page, hovered, at)).toBe(true);
      expect(await drawnInItsColour(page, other, elsewhere)).toBe(true);
      await page.mouse.move((box?.x ?? 0) + at.x, (box?.y ?? 0) + at.y);
      await expect.poll(() => hook(page, (k) => k.hovered)).toBe(hovered);
      // Without the points layer, only what sigma draws is left: the hovered entity.
      await hook(page, (k) => k.dropPoints());
      const grown = (await page.evaluate((n) => window.__kg!.nodeOnScreen(n), hovered))!;
      expect(await drawnInItsColour(page, hovered, grown)).toBe(true);
      expect(await drawnInItsColour(page, other, elsewhere)).toBe(false);
      await page.close();
    });

    it('draws and picks the entities again after a lost WebGL context', async () => {
      const page = await view.open('', 1200, 800);
      const [key, at] = await visibleEntity(page);
      // The extension is asked for before the loss: a lost context gives none.
      const lost = await page.evaluateHandle(() => {
        const exts = [...document.querySelectorAll<HTMLCanvasElement>('#graph canvas')]
          .map((canvas) => canvas.getContext('webgl2')?.getExtension('WEBGL_lose_context'))
          .filter((ext) => !!ext);
        for (const ext of exts) ext.loseContext();
        return exts;
      });
      await page.waitForTimeout(200);
      expect(await lost.evaluate((exts) => exts.length)).toBe(1);
      await lost.evaluate((exts) => exts.forEach((ext) => ext.restoreContext()));
      await expect.poll(() => drawnInItsColour(page, key, at), { timeout: 20_000 }).toBe(true);
      expect(await page.evaluate((p) => window.__kg!.nodeAt([p]), at)).toEqual([key]);
      expect(await hook(page, (k) => k.linesDrawn()?.all)).toBe(25_000);
      // Sigma's new node program still leaves the entities at rest to the points.
      await hook(page, (k) => k.dropPoints());
      expect(await drawnInItsColour(page, key, at)).toBe(false);
      await page.close();
    });
  },
);
