#!/usr/bin/env node
// From a save to the open page showing it (issue 15: ≤ 1 s at 100k relations):
// `node bench/view-edit.mjs <project dir> [--edits 6] [--kg bin/kg.js]` starts the real
// `kg view` on a copy of a generated project (bench/generate.mjs), opens the viewer in
// headless Chromium, then saves one relation file again and again: each save adds a relation
// (two people MET on a new date) at the end of the file, the next takes it away. The time of one edit runs from writing the file to the first animation frame
// after the page's graph has the change (its relation count moved). The page marks when the
// server's event arrived and when the graph was updated (viewer/src/load.ts, main.ts), which
// splits it: server (watch debounce, re-parse, update, serialise) / page (apply, redraw).
// The server's CPU time per edit (user + sys, /proc) is read after each edit. `--kg` runs another build's
// bin/kg.js (an older commit built in a scratch copy: its page has no marks, so no split).
// Prints one JSON object. Run after `npm run build`.
/* global window, performance, requestAnimationFrame */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../scripts/chromium.mjs';
import { percentile } from './lsp.mjs';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** CPU time (user + sys) a process has used so far, in ms (Linux /proc; ticks of 10 ms). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU time (user + sys, ms) of a browser's processes so far, by kind: `gpu` (the GPU process:
 * with no GPU, SwiftShader drawing the WebGL frames), `renderer` (the page: JavaScript, layout,
 * paint) and `other`. Linux /proc; every descendant of `rootPid`.
 */
export function browserCpuMs(rootPid = process.pid) {
  const parent = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const mine = (pid) => {
    for (let p = pid; p > 1; p = parent.get(p) ?? 0) if (p === rootPid) return true;
    return false;
  };
  const total = { gpu: 0, renderer: 0, other: 0 };
  for (const pid of parent.keys()) {
    if (!mine(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const kind = cmd.includes('--type=gpu-process')
        ? 'gpu'
        : cmd.includes('--type=renderer')
          ? 'renderer'
          : 'other';
      total[kind] += cpuMs(pid);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

function startView(kg, dir, nodeArgs) {
  const child = spawn(process.execPath, [...nodeArgs, kg, 'view', dir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = new Promise((resolve, reject) => {
    const seen = (chunk) => {
      out += chunk;
      const m = /serving .* at (http:\S+)/.exec(out);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', seen);
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`kg view exited with ${code}:\n${out}`)));
  });
  return { child, url, output: () => out };
}

/**
 * One session; `edits` saves. `nodeArgs` go to the server's node (`--cpu-prof` from
 * `bench/run.mjs --profile`).
 */
export async function measureViewEdit(
  dir,
  { edits = 6, kg = path.join(ROOT, 'bin', 'kg.js'), nodeArgs = [] } = {},
) {
  const copy = mkdtempSync(path.join(tmpdir(), 'kg-view-edit-'));
  cpSync(dir, copy, { recursive: true });
  const relations = readdirSync(path.join(copy, 'relations')).filter((f) => f.endsWith('.yaml'));
  const file = path.join(copy, 'relations', relations.sort()[Math.floor(relations.length / 2)]);
  const original = readFileSync(file, 'utf8');
  // A new fact each time: a meeting (an event type) on a date no generated relation has.
  const people = readFileSync(path.join(copy, 'entities', 'person-000.yaml'), 'utf8');
  const [a, b] = [...people.matchAll(/^ {2}- id: (person-\d+)$/gm)].map((m) => m[1]);
  const added = `${original.endsWith('\n') ? '' : '\n'}  - ${a} MET ${b}: { source: src-1, date: 2099-01-01 }\n`;
  const loadStart = performance.now();
  const view = startView(kg, copy, nodeArgs);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const url = await view.url;
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(url);
    await page.waitForFunction(() => window.__kg?.ready === true, null, { timeout: 600_000 });
    const loadMs = performance.now() - loadStart;
    const pid = view.child.pid;
    const totalMs = [];
    const serverMs = [];
    const pageMs = [];
    const fetchMs = [];
    const drawMs = [];
    const cpu = [];
    // The browser's CPU per edit (browserCpuMs): the page's process and the GPU process apart.
    const pageCpu = [];
    const gpuCpu = [];
    // Chromium runs as this process's child (playwright), beside `kg view` (counted as other).
    const browserPid = process.pid;
    // Sigma's own JavaScript between the save and the frame showing it (renderer.ts):
    // processing (buffers rebuilt from the graph) and render calls (processing included).
    const processMs = [];
    const renderMs = [];
    let deltas = 0;
    for (let i = 0; i < edits; i++) {
      const size = await page.evaluate(() => window.__kg.size);
      const next = i % 2 === 0 ? original + added : original;
      const expected = size + (i % 2 === 0 ? 1 : -1);
      // Watched in the page (no round trip to this process in the measured time): the first
      // animation frame after one in which the graph has the change — sigma draws in the
      // frame its update was scheduled for, so this one comes after that drawing.
      await page.evaluate((n) => {
        window.__benchShown = new Promise((resolve) => {
          const check = () => {
            if (window.__kg.size !== n) requestAnimationFrame(check);
            else
              requestAnimationFrame(() =>
                resolve({ at: Date.now(), sigma: window.__kg.sigmaTimes?.() }),
              );
          };
          requestAnimationFrame(check);
        });
      }, expected);
      const sigma0 = await page.evaluate(() => window.__kg.sigmaTimes?.());
      const cpu0 = cpuMs(pid);
      const browser0 = browserCpuMs(browserPid);
      const t0 = Date.now();
      writeFileSync(file, next);
      const { at: shown, sigma } = await page.evaluate(() => window.__benchShown);
      totalMs.push(shown - t0);
      const browser1 = browserCpuMs(browserPid);
      pageCpu.push(browser1.renderer - browser0.renderer);
      gpuCpu.push(browser1.gpu - browser0.gpu);
      if (sigma0 && sigma) {
        processMs.push(sigma.processMs - sigma0.processMs);
        renderMs.push(sigma.renderMs - sigma0.renderMs);
      }
      // Marks of the last update, as wall-clock times (same clock as Date.now here).
      const marks = await page.evaluate(() => {
        const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime;
        const at = (t) => (t === undefined ? undefined : performance.timeOrigin + t);
        return {
          received: at(last('kg-live-received')),
          fetched: at(last('kg-live-fetched')),
          applied: at(last('kg-live-applied')),
        };
      });
      if (marks.received !== undefined && marks.received >= t0) {
        serverMs.push(marks.received - t0);
        pageMs.push(shown - marks.received);
        // The whole graph fetched (and serialised by the server when asked): part of "page".
        if (marks.fetched !== undefined && marks.fetched >= marks.received) {
          fetchMs.push(marks.fetched - marks.received);
        }
        // From the graph updated to the frame that shows it (sigma's redraw).
        if (marks.applied !== undefined && marks.applied >= marks.received) {
          drawMs.push(shown - marks.applied);
        }
      }
      // Let the server finish (its log line), then read its CPU time.
      await new Promise((r) => setTimeout(r, 300));
      cpu.push(cpuMs(pid) - cpu0);
      deltas = await page.evaluate(() => window.__kg.deltas ?? 0);
    }
    const round = (v) => (v === undefined ? undefined : Math.round(v));
    const stats = (values) => ({
      p50: round(percentile(values, 50)),
      max: values.length ? round(Math.max(...values)) : undefined,
    });
    return {
      file: path.relative(copy, file),
      loadMs: round(loadMs),
      edits: totalMs.length,
      deltas,
      totalMs: stats(totalMs),
      serverMs: stats(serverMs),
      pageMs: stats(pageMs),
      fetchMs: stats(fetchMs),
      drawMs: stats(drawMs),
      sigmaProcessMs: stats(processMs),
      sigmaRenderMs: stats(renderMs),
      // kg view's line per update: whole graph or delta, and its own time.
      log: view
        .output()
        .split('\n')
        .filter((l) => / relations \(/.test(l)),
      cpuMs: stats(cpu),
      pageCpuMs: stats(pageCpu),
      gpuCpuMs: stats(gpuCpu),
      samples: {
        totalMs,
        serverMs,
        pageMs,
        fetchMs,
        drawMs,
        sigmaProcessMs: processMs,
        sigmaRenderMs: renderMs,
        cpuMs: cpu,
        pageCpuMs: pageCpu,
        gpuCpuMs: gpuCpu,
      },
    };
  } finally {
    await browser.close();
    view.child.kill('SIGTERM');
    await new Promise((r) => view.child.once('exit', r).once('error', r));
    rmSync(copy, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { edits: { type: 'string', default: '6' }, kg: { type: 'string' } },
  });
  if (!positionals[0]) {
    console.error('Usage: node bench/view-edit.mjs <project dir> [--edits 6] [--kg bin/kg.js]');
    process.exit(2);
  }
  const kg = values.kg ? path.resolve(values.kg) : undefined;
  const result = await measureViewEdit(positionals[0], { edits: Number(values.edits), kg });
  console.log(JSON.stringify(result));
}
