// The screenshots in docs/viewer.md: the viewer on data/ at 1440×900, 1280×800 and 390×844,
// and on a synthetic 10,000-entity graph. After `npm run build`:
//   node scripts/viewer-screenshots.mjs [outDir]   (default docs/img; ONLY_10K=1: the 10k ones)
/* global window */
import { spawn } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { syntheticViewGraph } from '../bench/view-graph.mjs';
import { ViewServer } from '../dist/server/view-server.js';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'docs', 'img'));
await mkdir(out, { recursive: true });

function kgView() {
  const child = spawn(
    process.execPath,
    [path.join(root, 'bin', 'kg.js'), 'view', 'data', '--port', '0'],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const m = /at (http:\/\/\S+)/.exec(text);
      if (m) resolve({ url: m[1], stop: () => child.kill('SIGTERM') });
    });
    child.once('exit', (code) => reject(new Error(`kg view exited with ${code}: ${text}`)));
  });
}

const shots = [
  ['viewer-overview.png', 1440, 900, ''],
  ['viewer-entity.png', 1440, 900, '#node=zelensky'],
  ['viewer-matrix.png', 1280, 800, '#view=matrix&cell=macron,security-guarantees'],
  ['viewer-table.png', 1280, 800, '#view=table&sort=date&q=security'],
  ['viewer-paths.png', 1440, 900, '#view=paths&path=macron,putin'],
  ['viewer-community.png', 1280, 800, '#color=community&size=betweenness'],
  ['viewer-phone.png', 390, 844, '#node=zelensky'],
  ['viewer-phone-overview.png', 390, 844, ''],
];

const view = await kgView();
const server = new ViewServer({ port: 0 });
server.setGraph(JSON.stringify(syntheticViewGraph(10_000, 50_000).export()));
const big = await server.listen();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
try {
  const take = async (file, width, height, url) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(url);
    await page.waitForFunction(() => window.__kg?.ready === true, null, { timeout: 120_000 });
    await page.waitForTimeout(1200); // camera animations and the label layer settle
    // The dense 10k pictures are much smaller as JPEG.
    const jpeg = file.endsWith('.jpg');
    await page.screenshot({ path: path.join(out, file), ...(jpeg ? { quality: 80 } : {}) });
    await page.close();
    console.log(`${file} (${width}×${height})`);
  };
  if (process.env.ONLY_10K !== '1')
    for (const [file, w, h, hash] of shots) await take(file, w, h, `${view.url}${hash}`);
  await take('viewer-10k.jpg', 1440, 900, big);
  await take('viewer-10k-zoomed.jpg', 1440, 900, `${big}#cam=0.42,0.45,0.08,0&view=matrix`);
} finally {
  await browser.close();
  await server.close();
  view.stop();
}
