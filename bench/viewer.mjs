// Viewer performance in headless Chromium (software WebGL: SwiftShader, so real GPUs do
// better): a synthetic graph (default 10,000 nodes / 50,000 edges) served by the kg view
// server; prints navigation → first frame, → interactive, and frames per second while
// panning, idle and with ForceAtlas2 running in its worker. Run after `npm run build`:
//   node bench/viewer.mjs [nodes] [edges]
/* global window, document, performance, requestAnimationFrame, Event */
import graphology from 'graphology';
import { chromium } from 'playwright-core';
import { ViewServer } from '../dist/server/view-server.js';
import { mulberry32 } from './prng.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';

const NODES = Number(process.argv[2] ?? 10_000);
const EDGES = Number(process.argv[3] ?? 50_000);

const random = mulberry32;

function buildGraph() {
  const rand = random(7);
  const types = ['Person', 'Organization', 'Country', 'Event', 'Place', 'Document'];
  const colors = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1'];
  const rels = ['MEETS', 'MEMBER_OF', 'LOCATED_IN', 'CITES', 'FUNDS', 'ALLIED_WITH'];
  const relColors = ['#9c755f', '#bab0ac', '#8cd17d', '#ff9da7', '#a0cbe8', '#ffbe7d'];
  const g = new graphology.MultiGraph();
  const spec = { type: 'string', list: false, required: false };
  g.replaceAttributes({
    name: 'bench',
    sources: { s1: { id: 's1', title: 'Source one', url: 'https://example.org/' } },
    schema: {
      entities: Object.fromEntries(
        types.map((t, i) => [
          t,
          { color: colors[i], labelProperty: 'name', properties: { name: spec } },
        ]),
      ),
      relations: Object.fromEntries(
        rels.map((r, i) => [
          r,
          {
            from: [],
            to: [],
            symmetric: r === 'MEETS' || r === 'ALLIED_WITH',
            label: r.toLowerCase(),
            color: relColors[i],
            properties: {},
          },
        ]),
      ),
    },
  });
  // Clustered positions, like a laid-out graph.
  const clusters = Array.from({ length: 40 }, () => [rand() * 2000 - 1000, rand() * 2000 - 1000]);
  for (let i = 0; i < NODES; i++) {
    const t = Math.floor(rand() * types.length);
    const c = clusters[i % clusters.length];
    const a = rand() * Math.PI * 2;
    const r = Math.sqrt(rand()) * 120;
    g.addNode(`n${i}`, {
      label: `Entity ${i}`,
      type: types[t],
      color: colors[t],
      size: 3,
      x: c[0] + Math.cos(a) * r,
      y: c[1] + Math.sin(a) * r,
      aliases: [`alias ${i}`],
      sources: ['s1'],
      name: `Entity ${i}`,
    });
  }
  for (let i = 0; i < EDGES; i++) {
    const s = Math.floor(rand() * NODES);
    // Mostly within the cluster, some across.
    const t =
      rand() < 0.8 ? (s + 40 * Math.floor(rand() * 20)) % NODES : Math.floor(rand() * NODES);
    const k = Math.floor(rand() * rels.length);
    const attrs = {
      type: rels[k],
      label: rels[k].toLowerCase(),
      color: relColors[k],
      size: 1,
      sources: ['s1'],
      date: `20${10 + Math.floor(rand() * 15)}-0${1 + Math.floor(rand() * 9)}-1${Math.floor(rand() * 9)}`,
      quote: `Quote ${i}`,
    };
    if (k === 0 || k === 5) g.addUndirectedEdgeWithKey(`e${i}`, `n${s}`, `n${t}`, attrs);
    else g.addDirectedEdgeWithKey(`e${i}`, `n${s}`, `n${t}`, attrs);
  }
  return g;
}

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
const graph = buildGraph();
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
  rows.push(['graph JSON size', `${(json.length / 1e6).toFixed(1)} MB`]);
  rows.push(['navigation → first frame', `${Math.round(firstFrame)} ms`]);
  rows.push(['navigation → interactive (search answers)', `${Math.round(interactive)} ms`]);
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
