// End-to-end tests of the viewer in real Chromium against the real `kg view` binary
// serving a temp copy of the sample data (data/).
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { fileText } from '../../src/export/exporter.js';
import { gexf as gexfWriter } from '../../src/export/gexf.js';
import type { KgGraph } from '../../src/types.js';
import { runKg } from '../helpers/cli.js';
import {
  HAS_GEPHI_TOOLS,
  buildGephiCheck,
  gephiImport,
  requireGephiTools,
} from '../helpers/gephi.js';
import { expectGephiRead } from '../helpers/read-back.js';
import {
  browserAvailable,
  launch,
  hook,
  newPage,
  pageErrors,
  ROOT,
  shot,
  startKgView,
  tempCopy,
  waitReady,
  useKgView,
} from './support.js';

const run = browserAvailable();

describe.skipIf(!run)('viewer in Chromium (kg view on data/)', { timeout: 60_000 }, () => {
  const suite = useKgView();
  const open = (hash = '', width = 1440, height = 900): Promise<Page> =>
    suite.open(hash, width, height);
  let expected: { order: number; size: number; events: number };
  let graph: KgGraph;

  beforeAll(async () => {
    graph = (await compile(suite.dir())).graph;
    expected = {
      order: graph.order,
      size: graph.size,
      events: graph.filterNodes((_n, a) => a.type === 'Event').length,
    };
  }, 60_000);

  it('renders a WebGL canvas with every entity and relation', async () => {
    const page = await open();
    expect(await hook(page, (k) => k.order)).toBe(expected.order);
    expect(await hook(page, (k) => k.size)).toBe(expected.size);
    expect(await hook(page, (k) => k.visibleNodes)).toBe(expected.order);
    const webgl = await page.evaluate(() =>
      [...document.querySelectorAll('#graph canvas')].some(
        (c) => (c as HTMLCanvasElement).getContext('webgl2') !== null,
      ),
    );
    expect(webgl).toBe(true);
    // The canvas is not blank: many distinct colours in a screenshot of the stage.
    const png = await page.locator('#graph').screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    await shot(page, 'viewer-overview');
    await page.close();
  });

  it('search "Zelensky" selects him and lists his relations with quotes', async () => {
    const page = await open();
    await page.keyboard.press('/');
    await page.keyboard.type('Zelensky');
    await expect.poll(() => page.locator('#suggestions [role=option]').count()).toBeGreaterThan(0);
    await shot(page, 'viewer-search');
    await page.keyboard.press('Enter');
    const selected = await hook(page, (k) => k.selected);
    expect(selected).toEqual({ kind: 'node', key: 'zelensky' });
    const details = page.getByRole('complementary', { name: 'Details' });
    await expect.poll(() => details.locator('h2').textContent()).toBe('Volodymyr Zelensky');
    expect(await details.locator('.relation').count()).toBeGreaterThan(3);
    const quotes = await details.locator('.relation blockquote').allTextContents();
    expect(quotes.some((q) => q.includes('sustained pressure is imperative'))).toBe(true);
    expect(page.url()).toContain('node=zelensky');
    await page.waitForTimeout(600); // camera animation
    await shot(page, 'viewer-selected');
    // Clicking a relation's "details" shows the relation with its endpoints.
    await details.locator('.relation .rel-open').first().click();
    expect((await hook(page, (k) => k.selected))?.kind).toBe('edge');
    expect(await details.locator('.endpoints button').count()).toBe(2);
    await shot(page, 'viewer-relation');
    // Esc clears the selection.
    await page
      .locator('#graph')
      .click({ position: { x: 5, y: 5 } })
      .catch(() => undefined);
    await page.keyboard.press('Escape');
    expect(await hook(page, (k) => k.selected)).toBeNull();
    await page.close();
  });

  it('hovering highlights a node, clicking it on the canvas selects it', async () => {
    const page = await open();
    const at = await page.evaluate(() => window.__kg?.nodeOnScreen('putin'));
    const box = await page.locator('#graph').boundingBox();
    expect(at && box).toBeTruthy();
    const x = (box?.x ?? 0) + (at?.x ?? 0);
    const y = (box?.y ?? 0) + (at?.y ?? 0);
    await page.mouse.move(x, y);
    await expect.poll(() => hook(page, (k) => k.hovered)).toBe('putin');
    await shot(page, 'viewer-hover');
    await page.mouse.click(x, y);
    await expect.poll(() => hook(page, (k) => k.selected)).toEqual({ kind: 'node', key: 'putin' });
    await page.mouse.move(box?.x ?? 0 + 5, (box?.y ?? 0) + 5);
    await expect.poll(() => hook(page, (k) => k.hovered)).toBeNull();
    await page.close();
  });

  it('unticking an entity type hides its nodes', async () => {
    const page = await open();
    expect(expected.events).toBeGreaterThan(0);
    await page.locator('input[data-kind=entity][data-type=Event]').uncheck();
    expect(await hook(page, (k) => k.visibleNodes)).toBe(expected.order - expected.events);
    expect(await hook(page, (k) => k.isNodeVisible('alaska-summit'))).toBe(false);
    expect(page.url()).toContain('hide=Event');
    await page.locator('input[data-kind=entity][data-type=Event]').check();
    expect(await hook(page, (k) => k.visibleNodes)).toBe(expected.order);
    // Keyboard: Space toggles and the focus stays on the same checkbox across re-renders.
    await page.locator('input[data-kind=relation][data-type=MET]').focus();
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.type)).toBe(
      'MET',
    );
    expect(await hook(page, (k) => k.visibleEdges)).toBeLessThan(expected.size);
    await page.keyboard.press('Space');
    expect(await hook(page, (k) => k.visibleEdges)).toBe(expected.size);
    await page.close();
  });

  it('the timeline narrows the relations', async () => {
    const page = await open();
    await expect.poll(() => page.locator('#time-range').isVisible()).toBe(true);
    const before = await hook(page, (k) => k.visibleEdges);
    // Move the upper thumb to the first day (2025-08-01): relations of 2025-08-18 go.
    await page.locator('#keep-undated').uncheck();
    await page
      .locator('#time-to')
      .fill((await page.locator('#time-to').getAttribute('min')) ?? '0');
    await expect.poll(() => hook(page, (k) => k.visibleEdges)).toBeLessThan(before);
    const after = await hook(page, (k) => k.visibleEdges);
    expect(after).toBeGreaterThan(0); // the one relation dated 2025-08 overlaps day one
    expect(await page.locator('#time-range').textContent()).toMatch(/2025-08-01 — 2025-08-01/);
    expect(page.url()).toMatch(/time=\d+\.\.\d+/);
    await shot(page, 'viewer-timeline');
    await page.close();
  });

  it('a copied URL restores the view', async () => {
    const page = await open();
    await page.locator('input[data-kind=entity][data-type=Place]').uncheck();
    await page.keyboard.press('/');
    await page.keyboard.type('Putin');
    await page.keyboard.press('Enter');
    await page.locator('#ego').selectOption('1');
    await page.waitForTimeout(800); // let the camera settle and reach the URL
    const url = page.url();
    const state = await hook(page, (k) => k.state);
    const visible = await hook(page, (k) => k.visibleNodes);
    await page.close();
    const again = await newPage(suite.browser());
    await again.goto(url);
    await waitReady(again);
    expect(await hook(again, (k) => k.state)).toEqual(state);
    expect(await hook(again, (k) => k.visibleNodes)).toBe(visible);
    expect(
      await again.getByRole('complementary', { name: 'Details' }).locator('h2').textContent(),
    ).toBe('Putin');
    await shot(again, 'viewer-restored');
    await again.close();
  });

  it('sizes nodes by PageRank or fixed on request', async () => {
    const page = await open();
    await page.locator('#size-mode').selectOption('pagerank');
    expect(page.url()).toContain('size=pagerank');
    await page.locator('#size-mode').selectOption('fixed');
    expect(await hook(page, (k) => (k.state as { sizeBy: string }).sizeBy)).toBe('fixed');
    await page.close();
  });

  it('works at phone width', async () => {
    const page = await open('#node=zelensky', 390, 844);
    await expect
      .poll(() => page.getByRole('complementary', { name: 'Details' }).isVisible())
      .toBe(true);
    await shot(page, 'viewer-phone');
    await page.getByRole('button', { name: 'Filters' }).click();
    await expect.poll(() => page.locator('input[data-type=Person]').isVisible()).toBe(true);
    await page.waitForTimeout(300); // the drawer slides in
    await shot(page, 'viewer-phone-filters');
    await page.getByRole('button', { name: 'Done' }).click();
    await expect
      .poll(() => page.locator('#app').getAttribute('class'))
      .not.toContain('filters-open');
    await page.close();
  });

  it('exports the view as PNG and the visible subgraph as GEXF', async () => {
    const page = await open('#hide=Event');
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-png').click(),
    ]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const pngBytes = await readFile((await png.path()) ?? '');
    expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
    expect(pngBytes.length).toBeGreaterThan(10_000);
    await png.saveAs(path.join(ROOT, 'test', 'artifacts', 'viewer-export.png'));
    const [gexf] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-gexf').click(),
    ]);
    const bytes = await readFile((await gexf.path()) ?? '');
    const xml = bytes.toString('utf8');
    expect((xml.match(/<node /g) ?? []).length).toBe(expected.order - expected.events);
    expect((xml.match(/<edge /g) ?? []).length).toBe(await hook(page, (k) => k.visibleEdges));
    // The project's own writer on the same subgraph (the compiled graph without its events)
    // gives the same bytes.
    const sub = graph.copy();
    sub.forEachNode((node, a) => {
      if (a.type === 'Event') sub.dropNode(node);
    });
    const [file] = gexfWriter.files(sub);
    expect(bytes.equals(Buffer.from(file ? fileText(file) : '', 'utf8'))).toBe(true);
    await page.close();
  });

  it('downloads the whole view as the very bytes `kg export --format gexf` writes', async () => {
    const page = await open();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#export-gexf').click(),
    ]);
    const bytes = await readFile((await download.path()) ?? '');
    const cli = await runKg(['export', suite.dir(), '--format', 'gexf', '-q']);
    expect(cli.code).toBe(0);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.equals(Buffer.from(cli.stdout, 'utf8'))).toBe(true);
    await page.close();
    if (!HAS_GEPHI_TOOLS) return;
    // Gephi imports it with every node and edge and a working timeline.
    buildGephiCheck();
    const result = gephiImport(bytes.toString('utf8'), { exact: true });
    expectGephiRead(graph, result, 'gexf', false);
    expect(result.timeFormat).toBe('DATE');
    expect(result.edgeList.filter((e) => e.time.startsWith('<[')).length).toBeGreaterThan(50);
  });

  it('runs ForceAtlas2 in a worker and stops it', async () => {
    const page = await open();
    const before = await page.evaluate(() => window.__kg?.camera());
    await page.locator('#layout-btn').click();
    expect(await hook(page, (k) => k.layoutRunning)).toBe(true);
    expect(await page.locator('#layout-btn').getAttribute('aria-pressed')).toBe('true');
    // The page stays responsive while the worker runs: typing in search still suggests.
    await page.keyboard.press('/');
    await page.keyboard.type('Putin');
    await expect.poll(() => page.locator('#suggestions [role=option]').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.locator('#layout-btn').click();
    expect(await hook(page, (k) => k.layoutRunning)).toBe(false);
    expect(before).toBeDefined();
    await page.close();
  });

  it('Run layout on a small graph visibly re-lays it out, then stops by itself', async () => {
    const page = await open();
    const positions = (): Promise<[number, number][]> => hook(page, (k) => k.positions());
    const before = await positions();
    const extent = Math.max(...before.map((p) => p[0])) - Math.min(...before.map((p) => p[0]));
    await page.locator('#layout-btn').click();
    expect(await page.locator('#layout-btn').textContent()).toBe('Stop layout');
    // Nodes move by a visible share of the layout's width (they used to stay put: the compiled
    // layout is already settled), and the layout stops by itself.
    await expect
      .poll(
        async () => {
          const now = await positions();
          return Math.max(
            ...now.map((p, i) => Math.hypot(p[0] - before[i]![0], p[1] - before[i]![1])),
          );
        },
        { timeout: 5000 },
      )
      .toBeGreaterThan(extent / 10);
    await expect.poll(() => hook(page, (k) => k.layoutRunning), { timeout: 15_000 }).toBe(false);
    expect(await page.locator('#layout-btn').textContent()).toBe('Run layout');
    expect(await page.locator('#layout-btn').getAttribute('aria-pressed')).toBe('false');
    const after = await positions();
    expect(after.every(([x, y]) => Number.isFinite(x) && Number.isFinite(y))).toBe(true);
    await page.close();
  });

  it('editing a YAML file updates the open page in place', async () => {
    const page = await open('#node=zelensky');
    const camera = await hook(page, (k) => k.camera());
    const file = path.join(suite.dir(), 'entities', 'people.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace('name: Volodymyr Zelensky', 'name: Volodymyr Zelenskyy (edited)'),
    );
    await expect
      .poll(() => hook(page, (k) => k.nodeLabel('zelensky')), { timeout: 15_000 })
      .toBe('Volodymyr Zelenskyy (edited)');
    expect(await hook(page, (k) => k.selected)).toEqual({ kind: 'node', key: 'zelensky' });
    expect(await hook(page, (k) => k.camera())).toEqual(camera);
    const details = page.getByRole('complementary', { name: 'Details' });
    expect(await details.locator('h2').textContent()).toBe('Volodymyr Zelenskyy (edited)');
    await writeFile(file, text);
    await expect
      .poll(() => hook(page, (k) => k.nodeLabel('zelensky')), { timeout: 15_000 })
      .toBe('Volodymyr Zelensky');
    await page.close();
  });

  it('a small edit reaches the open page as a delta: no reload, the panel follows', async () => {
    const page = await open();
    const edgesOf = (node: string, on = page) => on.evaluate((n) => window.__kg!.edgesOf(n), node);
    const before = await edgesOf('trump');
    const met = (es: typeof before) =>
      es.filter((e) => e.type === 'MET' && [e.source, e.target].includes('zelensky')).length;
    const opposes = before.find((e) => e.type === 'OPPOSES' && e.target === 'immediate-ceasefire')!;
    expect(opposes.evidence).toBe(1);
    // The relation in the info panel: its evidence count must follow the edit.
    await page.goto(`${suite.view().url}#edge=${encodeURIComponent(opposes.key)}`);
    await page.reload();
    await waitReady(page);
    const details = page.getByRole('complementary', { name: 'Details' });
    expect(await details.textContent()).not.toContain('Evidence (2)');
    const reloads = await hook(page, (k) => k.reloads);
    const file = path.join(suite.dir(), 'relations', 'oval-office.yaml');
    const text = await readFile(file, 'utf8');
    const rejects = [
      '  - trump REJECTS immediate-ceasefire:',
      '      during: oval-office-meeting',
      '      date: 2025-08-18',
      '      quote: "Trump dismissed one of Ukraine’s primary requests"',
      '',
    ].join('\n');
    expect(text).toContain(rejects);
    const edited =
      text.replace(rejects, '') +
      '  - trump MET zelensky: { date: 2025-08-19 }\n' +
      '  - trump OPPOSES immediate-ceasefire:\n' +
      '      quote: "Trump dismissed one of Ukraine’s primary requests"\n' +
      '      channel: told reporters\n' +
      '      during: oval-office-meeting\n';
    await writeFile(file, edited);
    // (A save can be seen half-written: wait for all of it.)
    const evidence = async () =>
      (await edgesOf('trump')).find((e) => e.key === opposes.key)?.evidence;
    await expect.poll(evidence, { timeout: 15_000 }).toBe(2);
    expect(await hook(page, (k) => k.deltas)).toBeGreaterThan(0);
    const after = await edgesOf('trump');
    // A new relation (a second meeting: MET is an event), one gone, one with more evidence.
    expect(met(after)).toBe(met(before) + 1);
    expect(after.some((e) => e.type === 'REJECTS')).toBe(false);
    await expect.poll(() => details.textContent()).toContain('Evidence (2)');
    expect(await hook(page, (k) => k.selected)).toEqual({ kind: 'edge', key: opposes.key });
    expect(await hook(page, (k) => k.reloads)).toBe(reloads);
    // The same graph as a page loading it whole: the edges and their evidence.
    const fresh = await open();
    const keyed = (es: typeof after) => es.map((e) => JSON.stringify(e)).sort();
    expect(keyed(await edgesOf('trump', fresh))).toEqual(keyed(after));
    // A delta that only drops a relation (none added, which would rebuild sigma's edge buffers
    // anyway): the relation must be gone from what sigma draws.
    await writeFile(file, edited.replace('  - trump MET zelensky: { date: 2025-08-19 }\n', ''));
    await expect
      .poll(async () => met(await edgesOf('trump')), { timeout: 15_000 })
      .toBe(met(before));
    await expect
      .poll(() => hook(page, (k) => k.drawnEdges()))
      .toEqual(await hook(page, (k) => k.edgeKeys()));
    expect(await hook(page, (k) => k.reloads)).toBe(reloads);
    await writeFile(file, text);
    await expect
      .poll(async () => (await edgesOf('trump')).some((e) => e.type === 'REJECTS'), {
        timeout: 15_000,
      })
      .toBe(true);
    expect(await hook(page, (k) => k.reloads)).toBe(reloads);
    await fresh.close();
    await page.close();
  });

  it('a data error shows an overlay and keeps the last good graph', async () => {
    const page = await open();
    const file = path.join(suite.dir(), 'entities', 'people.yaml');
    const text = await readFile(file, 'utf8');
    await appendFile(file, '\n  - id: broken\n    type: NoSuchType\n    name: [unclosed\n');
    const overlay = page.getByRole('alert');
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(true);
    const body = (await overlay.textContent()) ?? '';
    expect(body).toMatch(/people\.yaml:\d+:\d+/);
    expect(await hook(page, (k) => k.order)).toBe(expected.order);
    await shot(page, 'viewer-error-overlay');
    await writeFile(file, text);
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(false);
    await page.close();
  });

  it("the overlay and the terminal show a newcomer's mistake with its fix", async () => {
    const page = await open();
    const file = path.join(suite.dir(), 'relations', 'newcomer.yaml');
    const quote = 'Trump said: we will help';
    await writeFile(
      file,
      `relations:\n  - trump MET zelensky:\n      source: wh-talks\n      quote: ${quote}\n`,
    );
    const overlay = page.getByRole('alert');
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(true);
    // One error for the broken mapping, nothing else from it; the quote, read as fixed, is
    // then checked against the article (issue 11), which does not say it: a second item.
    const items = overlay.locator('li');
    const item = items.filter({ hasText: "contains ': '" });
    expect(await item.count()).toBe(1);
    expect(await items.count()).toBe(2);
    expect(await item.locator('.loc').textContent()).toMatch(/newcomer\.yaml:4:14$/);
    expect(await item.locator('.msg').textContent()).toContain("contains ': '");
    expect(await item.locator('.hint').textContent()).toMatch(
      /^wrap it in single quotes, writing '' for an apostrophe: /,
    );
    expect(await item.locator('.hint code').textContent()).toBe(`quote: '${quote}'`);
    await shot(page, 'viewer-error-hint');
    expect(suite.view().output()).toContain(
      `newcomer.yaml:4:14: error KG001: the value of 'quote'`,
    );
    expect(suite.view().output()).toContain(`    hint: wrap it in single quotes`);
    await rm(file);
    await expect.poll(() => overlay.isVisible(), { timeout: 15_000 }).toBe(false);
    await page.close();
  });
});

describe.skipIf(!run)('kg view started on broken data', { timeout: 60_000 }, () => {
  it('shows the errors, then the graph once the file is fixed', async () => {
    const copy = await tempCopy(path.join(ROOT, 'data'));
    const file = path.join(copy.dir, 'entities', 'people.yaml');
    const text = await readFile(file, 'utf8');
    await writeFile(file, `${text}\n  - id: [broken\n`);
    const view = await startKgView(copy.dir);
    const browser = await launch();
    try {
      const page = await newPage(browser);
      await page.goto(view.url);
      await waitReady(page);
      expect(await page.evaluate(() => window.__kg?.order)).toBe(0);
      await expect.poll(() => page.getByRole('alert').isVisible()).toBe(true);
      expect(await page.getByRole('alert').textContent()).toMatch(/people\.yaml:\d+:\d+/);
      await writeFile(file, text);
      await expect
        .poll(() => page.evaluate(() => window.__kg?.order), { timeout: 15_000 })
        .toBeGreaterThan(40);
      expect(await page.getByRole('alert').isVisible()).toBe(false);
      expect(pageErrors.splice(0)).toEqual([]);
    } finally {
      await browser.close();
      await view.stop();
      await copy.cleanup();
    }
  });
});

requireGephiTools();
