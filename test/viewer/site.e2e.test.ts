// The static site from writeSite(): opened from file:// in Chromium, with the inline graph
// (test/fixtures/viewer/graph.json) whose data contains markup that must stay text.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import graphology from 'graphology';
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeSite } from '../../src/server/site.js';
import type { KgGraph } from '../../src/types.js';
import { browserAvailable, launch, newPage, pageErrors, ROOT, shot, waitReady } from './support.js';

const run = browserAvailable();

async function fixtureGraph(): Promise<KgGraph> {
  const json: unknown = JSON.parse(
    await readFile(path.join(ROOT, 'test', 'fixtures', 'viewer', 'graph.json'), 'utf8'),
  );
  return graphology.MultiGraph.from(json as never) as unknown as KgGraph;
}

describe.skipIf(!run)('static site from file://', { timeout: 60_000 }, () => {
  let browser: Browser;
  let tmp: string;
  let index: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'kg-site-'));
    const out = path.join(tmp, 'site');
    await writeSite(await fixtureGraph(), out);
    expect((await readdir(out)).sort()).toEqual(['graph.json', 'index.html']);
    index = pathToFileURL(path.join(out, 'index.html')).href;
    browser = await launch();
  }, 60_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it('opens from disk with the inline graph', async () => {
    const page = await newPage(browser);
    await page.goto(index);
    await waitReady(page);
    expect(await page.evaluate(() => window.__kg?.order)).toBe(15);
    expect(await page.evaluate(() => window.__kg?.size)).toBe(20);
    await shot(page, 'site-file-url');
    await page.close();
  });

  it('shows a quote containing <img onerror> as text', async () => {
    const page = await newPage(browser); // newPage fails the test on any dialog (alert)
    await page.goto(`${index}#edge=r-zel-met-macron`);
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    expect(await details.locator('blockquote').textContent()).toBe(
      'He said <img src=x onerror=alert(1)> and left.',
    );
    expect(await details.locator('img').count()).toBe(0);
    expect(await details.locator('.sources a').textContent()).toBe(
      'A title with <b>markup</b> & "quotes"',
    );
    expect(await page.locator('b').count()).toBe(0);
    await page.waitForTimeout(300);
    await shot(page, 'site-xss-quote');
    await page.close();
  });

  it('parallel relations, arrows and undirected edges come through', async () => {
    const page = await newPage(browser);
    await page.goto(`${index}#node=volodymyr-zelensky`);
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    const groups = await details.locator('h4').allTextContents();
    expect(groups).toContain('↔ met with');
    expect(groups).toContain('→ leads');
    // Two MET_WITH relations with Trump: both listed, in date order.
    const trump = details.locator('.relation', { hasText: 'Donald Trump' });
    expect(await trump.locator('time').allTextContents()).toEqual(['2025-02-28', '2025-08-18']);
    await page.close();
  });
});
