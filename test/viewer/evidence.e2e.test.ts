// The viewer's relation details list every evidence item of a fact (real Chromium, `kg view`
// on the exporters' fixture project: one fact stated twice with four evidence items, from two
// sources, with hostile markup in a quote), and the project's title heads the page.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import type { KgGraph } from '../../src/types.js';
import { browserAvailable, ROOT, shot, useKgView } from './support.js';

const run = browserAvailable();

describe.skipIf(!run)('viewer: evidence lists (Chromium)', { timeout: 60_000 }, () => {
  const suite = useKgView(path.join(ROOT, 'test/fixtures/export-project'));
  const open = (hash = ''): Promise<Page> => suite.open(hash);
  let graph: KgGraph;
  let restated: string;

  beforeAll(async () => {
    ({ graph } = await compile(suite.dir(), { layout: 'none' }));
    restated = graph.findEdge((_e, a) => a.evidence_count === 4)!;
  }, 60_000);

  it('lists every evidence item of a relation: quote, source, time, confidence, note', async () => {
    const page = await open(`#edge=${encodeURIComponent(restated)}`);
    const details = page.getByRole('complementary', { name: 'Details' });
    await expect.poll(() => details.locator('.evidence > li').count()).toBe(4);
    const evidence = graph.getEdgeAttribute(restated, 'evidence');
    const items = details.locator('.evidence > li');
    for (const [i, item] of evidence.entries()) {
      const li = items.nth(i);
      // Quotes are text: the <img onerror> in the first two stays characters.
      expect(await li.locator('blockquote').textContent()).toBe(item.quote);
      const title = graph.getAttribute('sources')[item.source!]!.title;
      expect(await li.locator('.sources li').textContent()).toContain(title);
      const meta = (await li.locator('p.meta').textContent()) ?? '';
      expect(meta).toContain(item.date ?? `${item.start} – ${item.end}`);
      expect(meta).toContain(`confidence ${Math.round(item.confidence! * 100)} %`);
      if (item.note) expect(await li.locator('p.note').textContent()).toBe(item.note);
    }
    expect(await details.locator('h3').allTextContents()).toContain('Evidence (4)');
    expect(await details.locator('img').count()).toBe(0);
    await shot(page, 'viewer-evidence-list');
    await page.close();
  });

  it('shows every quote of a relation in an entity’s relation list', async () => {
    const page = await open('#node=zelensky');
    const details = page.getByRole('complementary', { name: 'Details' });
    const quotes = await details.locator('.relation blockquote').allTextContents();
    for (const q of graph.getEdgeAttribute(restated, 'quotes')) expect(quotes).toContain(q);
    await page.close();
  });

  it("heads the page with the project's title and description", async () => {
    const page = await open();
    const title = graph.getAttribute('title')!;
    expect(await page.title()).toBe(`${title} · kg viewer`);
    expect(await page.locator('#graph-name').textContent()).toBe(title);
    const details = page.getByRole('complementary', { name: 'Details' });
    expect(await details.locator('h2').first().textContent()).toBe(title);
    expect(await details.locator('p.note').first().textContent()).toBe(
      graph.getAttribute('description'),
    );
    expect(await details.locator('b').count()).toBe(0);
    await page.close();
  });
});
