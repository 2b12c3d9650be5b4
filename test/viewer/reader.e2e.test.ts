// The reader panel in real Chromium: from a quote ("in context") in `kg view` on data/, and
// from a source ("read") in a static site whose source text is hostile markup.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sourceCoverage } from '../../src/sources/coverage.js';
import { runKg } from '../helpers/cli.js';
import {
  browserAvailable,
  launch,
  newPage,
  pageErrors,
  ROOT,
  shot,
  startKgView,
  tempCopy,
  waitReady,
  type KgView,
} from './support.js';

const run = browserAvailable();

const selected = (page: Page) => page.evaluate(() => window.__kg?.selected);

describe.skipIf(!run)('reader panel', { timeout: 90_000 }, () => {
  let browser: Browser;
  let view: KgView;
  let copy: Awaited<ReturnType<typeof tempCopy>>;
  let tmp: string;

  beforeAll(async () => {
    copy = await tempCopy(path.join(ROOT, 'data'));
    view = await startKgView(copy.dir);
    browser = await launch();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'kg-reader-'));
  }, 60_000);

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await view?.stop();
    await copy?.cleanup();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('kg view: "in context" opens the article with the quote emphasised', async () => {
    const { graph, texts } = await compile(copy.dir, { layout: 'none' });
    const article = texts[0];
    if (!article) throw new Error('data/ has no source text');
    const quoted = article.quotes.find((q) => q.quote.includes('ceasefire is necessary'));
    if (!quoted) throw new Error('no ceasefire quote in data/');
    const page = await newPage(browser);
    await page.goto(`${view.url}#edge=${encodeURIComponent(quoted.relation)}`);
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    await details.getByRole('button', { name: 'in context' }).click();
    const reader = page.locator('#reader');
    await expect.poll(() => reader.locator('mark.chosen').count()).toBeGreaterThan(0);
    expect(await reader.locator('.reader-title').textContent()).toBe(
      graph.getAttribute('sources')['wh-talks']?.title,
    );
    // The emphasised passage is the quote, scrolled into view.
    const chosen = await reader.locator('mark.chosen').allTextContents();
    expect(chosen.join('')).toBe(quoted.anchor?.selector[1].exact);
    await expect.poll(() => reader.locator('mark.chosen').first().isVisible()).toBe(true);
    const box = await reader.locator('mark.chosen').first().boundingBox();
    const panel = await reader.locator('.reader-text').boundingBox();
    expect(box && panel && box.y >= panel.y && box.y + box.height <= panel.y + panel.height).toBe(
      true,
    );
    // Every anchored quote is highlighted; uncited paragraphs are marked as kg sources says.
    const coverage = sourceCoverage(article);
    expect(await reader.locator('p.uncited').count()).toBe(coverage.uncited.length);
    const marked = await reader
      .locator('mark')
      .evaluateAll((els) => els.flatMap((e) => (e.getAttribute('data-marks') ?? '').split(' ')));
    expect(new Set(marked).size).toBe(coverage.quotes.anchored);
    // The highlight has the colour of its relation type.
    const colour = await reader
      .locator('mark.chosen')
      .first()
      .evaluate((e) => (e as HTMLElement).style.getPropertyValue('--mark'));
    expect(colour).toBe(graph.getEdgeAttribute(quoted.relation, 'color'));
    await shot(page, 'reader-in-context');
    // Clicking another highlight selects its relation.
    const other = article.quotes.find((q) => q.relation !== quoted.relation && q.range);
    if (!other) throw new Error('data/ has a single quote');
    const otherMark = reader
      .locator('mark')
      .filter({ hasText: other.anchor?.selector[1].exact.slice(0, 20) ?? '' })
      .first();
    await otherMark.click();
    await expect.poll(() => selected(page)).toEqual({ kind: 'edge', key: other.relation });
    expect(await otherMark.getAttribute('class')).toContain('chosen');
    // Esc closes the reader.
    await page.keyboard.press('Escape');
    await expect.poll(() => reader.isVisible()).toBe(false);
    await page.close();
  });

  it('static site: a hostile source text stays text; shared passages offer a choice', async () => {
    const dir = path.join(tmp, 'project');
    await mkdir(path.join(dir, 'sources'), { recursive: true });
    const hostile =
      'Headline <img src=x onerror=alert(1)>\n\n' +
      'They said: <script>alert(2)</script> "we agree" & left.\n\n' +
      `${'A long paragraph of filler text nobody has encoded. '.repeat(4000)}\n\n` +
      'The last line </p><b>bold?</b> is quoted.';
    await writeFile(path.join(dir, 'sources/hostile.txt'), hostile);
    await writeFile(
      path.join(dir, 'kg.yaml'),
      `schema:
  entities:
    Person: { properties: { name: string } }
  relations:
    SAID: { from: Person, to: Person }
    ECHOED: { from: Person, to: Person, color: "#d62728" }
sources:
  - { id: h, title: 'Hostile <i>source</i>', file: sources/hostile.txt }
entities:
  - { id: a, type: Person, name: A }
  - { id: b, type: Person, name: B }
relations:
  - a SAID b: { source: h, quote: '<script>alert(2)</script> "we agree"' }
  - b ECHOED a: { source: h, quote: '<script>alert(2)</script> "we agree"' }
  - a ECHOED b: { source: h, quote: '</p><b>bold?</b> is quoted' }
`,
    );
    expect(hostile.length).toBeGreaterThan(200_000);
    const site = path.join(tmp, 'site');
    const built = await runKg(['build', dir, '-o', path.join(tmp, 'out'), '--site', site]);
    expect(built.stderr).toContain('static site');
    expect(built.code).toBe(0);
    const page = await newPage(browser); // fails on any dialog (alert)
    await page.goto(`${pathToFileURL(path.join(site, 'index.html')).href}#node=a`);
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    const started = Date.now();
    await details.getByRole('button', { name: 'in context' }).first().click();
    const reader = page.locator('#reader');
    await expect.poll(() => reader.locator('mark').count()).toBeGreaterThan(0);
    console.log(`reader: 200 KB source opened in ${Date.now() - started} ms`);
    expect(await reader.locator('.reader-title').textContent()).toBe('Hostile <i>source</i>');
    expect(await reader.locator('img, script, b, i').count()).toBe(0);
    expect(await reader.locator('.reader-text p').first().textContent()).toBe(
      'Headline <img src=x onerror=alert(1)>',
    );
    expect(await reader.locator('.reader-text p.uncited').count()).toBe(2);
    // The shared passage says so, and clicking it offers both relations.
    const shared = reader.locator('mark.shared');
    expect(await shared.count()).toBe(1);
    expect(await shared.getAttribute('title')).toBe('Cited by 2 relations');
    expect(await reader.locator('.shared-count').textContent()).toBe('×2');
    await shared.click();
    const menu = reader.locator('.reader-menu');
    await expect.poll(() => menu.isVisible()).toBe(true);
    expect(await menu.getByRole('menuitem').allTextContents()).toEqual(['A said B', 'B echoed A']);
    await menu.getByRole('menuitem', { name: 'B echoed A' }).click();
    const edge = await selected(page);
    expect(edge?.kind).toBe('edge');
    expect(await page.evaluate((k) => window.__kg?.nodeLabel(k), 'b')).toBe('B');
    await shot(page, 'reader-hostile-site');
    // The last paragraph's quote is highlighted at the far end of the 200 KB text.
    const last = reader.locator('mark', { hasText: '</p><b>bold?</b> is quoted' });
    expect(await last.count()).toBe(1);
    await page.close();
  });
});
