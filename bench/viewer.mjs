// Viewer performance in headless Chromium (software WebGL: SwiftShader, so real GPUs do
// better): a synthetic graph (default 10,000 nodes / 50,000 edges) served by the kg view
// server; prints navigation → first frame, → interactive, and frames per second while
// panning, idle and with ForceAtlas2 running in its worker. Run after `npm run build`:
//   node bench/viewer.mjs [nodes] [edges]
/* global window, document, performance, requestAnimationFrame, Event, KeyboardEvent */
import { chromium } from 'playwright-core';
import { ViewServer } from '../dist/server/view-server.js';
import { syntheticViewGraph } from './view-graph.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const NODES = Number(process.argv[2] ?? 10_000);
const EDGES = Number(process.argv[3] ?? 50_000);

async function fps(page, ms, during) {
  const counting = page.evaluate(
    (duration) =>
      new Promise((resolve) => {
        let frames = 0;
        const start = performance.now();
        const tick = () => {
          frames++;
          if (performance.now() - start < duration) requestAnimationFrame(tick);
          else resolve((frames * 1000) / (performance.now() - start));
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );
  if (during) await during();
  return counting;
}

const t0 = performance.now();
const graph = syntheticViewGraph(NODES, EDGES);
const json = JSON.stringify(graph.export());
const buildMs = performance.now() - t0;
const server = new ViewServer({ port: 0 });
server.setGraph(json);
const url = await server.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const rows = [];
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(url);
  await page.waitForFunction(() => window.__kg?.ready === true, null, { timeout: 120_000 });
  const marks = await page.evaluate(() =>
    Object.fromEntries(
      performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)]),
    ),
  );
  const firstFrame = marks['kg-first-frame'] ?? NaN;
  console.log('marks (ms since navigation):', JSON.stringify(marks));
  // Interactive: a search keystroke gets its suggestions painted.
  const interactive = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const input = document.getElementById('search');
        input.value = 'Entity 42';
        input.dispatchEvent(new Event('input'));
        requestAnimationFrame(() => resolve(performance.now()));
      }),
  );
  // The analysis views: click → painted (the next animation frame after the work).
  const openView = (id) =>
    page.evaluate(
      (button) =>
        new Promise((resolve) => {
          const t = performance.now();
          document.getElementById(button).click();
          requestAnimationFrame(() => resolve(performance.now() - t));
        }),
      id,
    );
  // Median of 7 label-layer updates with the page at rest.
  const labelMs = await page.evaluate(() => {
    const runs = Array.from({ length: 7 }, () => window.__kg.relabel()).sort((a, b) => a - b);
    return runs[3];
  });
  const table = await openView('open-table');
  const matrix = await openView('open-matrix');
  const pathsTab = await openView('open-paths');
  const pathMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const pick = (id, text) => {
          const input = document.getElementById(id);
          input.value = text;
          input.dispatchEvent(new Event('input'));
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
        };
        pick('path-from', 'Entity 1');
        const t = performance.now();
        pick('path-to', 'Entity 4321');
        requestAnimationFrame(() => resolve(performance.now() - t));
      }),
  );
  const found = await page.locator('.paths-summary').textContent();
  await openView('open-paths'); // closes the panel again
  rows.push(['graph JSON size', `${(json.length / 1e6).toFixed(1)} MB`]);
  rows.push(['navigation → first frame', `${Math.round(firstFrame)} ms`]);
  rows.push(['navigation → interactive (search answers)', `${Math.round(interactive)} ms`]);
  rows.push(['label layer: place and draw (median of 7)', `${labelMs.toFixed(1)} ms`]);
  rows.push(['open relations table', `${Math.round(table)} ms`]);
  rows.push(['open stance matrix', `${Math.round(matrix)} ms`]);
  rows.push(['open paths', `${Math.round(pathsTab)} ms`]);
  rows.push(['shortest paths found and listed', `${Math.round(pathMs)} ms (${found})`]);
  console.log(rows.map((r) => r.join(': ')).join('\n'));
  await page.keyboard.press('Escape');
  const idle = await fps(page, 2000);
  const box = await page.locator('#graph').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const panning = await fps(page, 2000, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 0; i < 40; i++)
      await page.mouse.move(cx + Math.sin(i / 4) * 200, cy + Math.cos(i / 4) * 150, { steps: 2 });
    await page.mouse.up();
  });
  await page.locator('#layout-btn').click();
  const fa2 = await fps(page, 3000);
  const clickLatency = await page.evaluate(async () => {
    const t = performance.now();
    document.getElementById('size-mode').focus();
    await new Promise((r) => setTimeout(r, 0));
    return performance.now() - t;
  });
  await page.locator('#layout-btn').click({ timeout: 120_000 });
  rows.push(['fps idle', idle.toFixed(1)]);
  rows.push(['fps while panning', panning.toFixed(1)]);
  rows.push(['fps while ForceAtlas2 runs (worker)', fa2.toFixed(1)]);
  rows.push(['main-thread task latency during FA2', `${clickLatency.toFixed(1)} ms`]);
} finally {
  await browser.close();
  await server.close();
}
console.log(
  `\nkg viewer benchmark: ${NODES} nodes, ${EDGES} edges (graph built in ${Math.round(buildMs)} ms)`,
);
console.log('headless Chromium, software WebGL (SwiftShader), 1440×900\n');
const w = Math.max(...rows.map((r) => r[0].length));
for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
console.log('');
