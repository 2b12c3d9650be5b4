// The reader panel in real Chromium: from a quote ("in context") in `kg view` on data/, and
// from a source ("read") in a static site whose source text is hostile markup.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { sourceCoverage } from '../../src/sources/coverage.js';
import type { Evidence } from '../../src/types.js';
import { runKg } from '../helpers/cli.js';
import { browserAvailable, newPage, shot, useKgView, waitReady } from './support.js';

const run = browserAvailable();

const selected = (page: Page) => page.evaluate(() => window.__kg?.selected);

describe.skipIf(!run)('reader panel', { timeout: 90_000 }, () => {
  const suite = useKgView();
  let tmp: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'kg-reader-'));
  });

  afterAll(async () => {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('kg view: "in context" opens the article with the quote emphasised', async () => {
    const { graph, texts } = await compile(suite.dir(), { layout: 'none' });
    const article = texts[0];
    if (!article) throw new Error('data/ has no source text');
    /** The relation (edge key) whose evidence holds this checked item. */
    const relationOf = (item: Evidence): string => {
      const key = graph.findEdge((_e, a) => a.evidence.includes(item));
      if (!key) throw new Error(`no edge holds ${item.quote}`);
      return key;
    };
    const found = article.quotes.find((q) => q.quote.includes('ceasefire is necessary'));
    if (!found) throw new Error('no ceasefire quote in data/');
    const quoted = { ...found, relation: relationOf(found.item) };
    const page = await newPage(suite.browser());
    await page.goto(`${suite.view().url}#edge=${encodeURIComponent(quoted.relation)}`);
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
    // One mark per anchored evidence item of each edge (an item shared by several pairs marks
    // its passage once for each of them).
    const anchoredItems = graph
      .mapEdges((_e, a) => a.evidence.filter((e) => e.anchor).length)
      .reduce((x, y) => x + y, 0);
    expect(anchoredItems).toBeGreaterThanOrEqual(coverage.quotes.anchored);
    expect(new Set(marked).size).toBe(anchoredItems);
    // The highlight has the colour of its relation type.
    const colour = await reader
      .locator('mark.chosen')
      .first()
      .evaluate((e) => (e as HTMLElement).style.getPropertyValue('--mark'));
    expect(colour).toBe(graph.getEdgeAttribute(quoted.relation, 'color'));
    await shot(page, 'reader-in-context');
    // Clicking another highlight selects its relation.
    const otherFound = article.quotes.find(
      (q) => q.range && !graph.getEdgeAttribute(quoted.relation, 'evidence').includes(q.item),
    );
    if (!otherFound) throw new Error('data/ has a single quote');
    const other = { ...otherFound, relation: relationOf(otherFound.item) };
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

  it('kg view: a relation with three evidence items highlights three passages', async () => {
    const { graph } = await compile(suite.dir(), { layout: 'none' });
    const edge = graph.findEdge((_e, a) => a.evidence.filter((e) => e.anchor).length >= 3);
    if (!edge) throw new Error('data/ has no relation with three anchored quotes');
    const evidence = graph.getEdgeAttribute(edge, 'evidence');
    const exact = evidence.map((e) => e.anchor?.selector[1].exact);
    const [from] = graph.extremities(edge);
    const page = await newPage(suite.browser());
    const reader = page.locator('#reader');
    // The reader's marks of this relation (kg view serves the reader documents).
    const res = await fetch(`${suite.view().url}source-texts/wh-talks.json`);
    const doc = (await res.json()) as { marks: { relation: string; evidence: number }[] };
    const ours = doc.marks.flatMap((m, i) => (m.relation === edge ? [String(i)] : []));
    expect(ours).toHaveLength(3);
    /** The text of each of this relation's marks that is emphasised (joined across runs). */
    const chosenPassages = () =>
      reader.locator('mark.chosen').evaluateAll((els, mine) => {
        const byMark = new Map<string, string>();
        for (const e of els) {
          for (const m of (e.getAttribute('data-marks') ?? '').split(' ')) {
            if (mine.includes(m)) byMark.set(m, (byMark.get(m) ?? '') + (e.textContent ?? ''));
          }
        }
        return [...byMark.values()];
      }, ours);
    // From the entity's relation list: the relation's every passage.
    await page.goto(`${suite.view().url}#node=${encodeURIComponent(from)}`);
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    const item = details.locator('li.relation', {
      has: page.locator(`button[data-edge="${edge}"]`),
    });
    await item.getByRole('button', { name: 'in context' }).click();
    await expect.poll(async () => (await chosenPassages()).sort()).toEqual([...exact].sort());
    await page.keyboard.press('Escape');
    // From the relation's evidence list: the second item's passage alone.
    await item.locator(`button.rel-open[data-edge="${edge}"]`).click();
    await expect.poll(() => selected(page)).toEqual({ kind: 'edge', key: edge });
    await details
      .locator('ol.evidence > li')
      .nth(1)
      .getByRole('button', { name: 'in context' })
      .click();
    await expect.poll(chosenPassages).toEqual([exact[1]]);
    // Clicking one of its passages selects the relation (the entity first, to see it change).
    await page.keyboard.press('Escape');
    await details.locator(`button[data-node="${from}"]`).first().click();
    await expect.poll(() => selected(page)).toEqual({ kind: 'node', key: from });
    await item.getByRole('button', { name: 'in context' }).click();
    await expect.poll(() => reader.locator('mark.chosen').count()).toBeGreaterThan(0);
    await reader.locator('mark.chosen').last().click();
    await expect.poll(() => selected(page)).toEqual({ kind: 'edge', key: edge });
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
    const page = await newPage(suite.browser()); // fails on any dialog (alert)
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
