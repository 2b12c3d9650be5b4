// Process plumbing for bench/run.mjs: generating projects, running one measurement in a child
// process, probing for Neo4j.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as t from './table.mjs';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH);
export const OUT = path.join(BENCH, 'out');

/**
 * bench/out/<size><suffix>/, generated once; the marker records what produced it. A variant
 * (`{ suffix, args }`) passes extra generator options, e.g. source texts.
 */
export function ensureProject(relations, seed, log, variant = { suffix: '', args: [] }) {
  const dir = path.join(OUT, `${t.sizeLabel(relations)}${variant.suffix}`);
  const generator = readFileSync(path.join(BENCH, 'generate.mjs'));
  const marker = {
    relations,
    seed,
    generator: createHash('sha256').update(generator).digest('hex').slice(0, 16),
    ...(variant.args.length ? { args: variant.args } : {}),
  };
  const markerPath = path.join(dir, '.bench-marker.json');
  if (existsSync(markerPath) && readFileSync(markerPath, 'utf8') === JSON.stringify(marker)) {
    return { dir, generated: false };
  }
  log(`[${t.sizeLabel(relations)}] generating ${relations} relations into ${dir} …`);
  const started = performance.now();
  const args = ['generate.mjs', '--relations', String(relations), '--seed', seed, ...variant.args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, '-o', dir], { cwd: BENCH, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`generator exited with ${code}`));
      writeFileSync(markerPath, JSON.stringify(marker));
      resolve({ dir, generated: true, generateMs: performance.now() - started });
    });
  });
}

/** Is a Bolt server listening? (NEO4J_URI, else the launcher's default 127.0.0.1:7687.) */
export function neo4jReachable() {
  let host = '127.0.0.1';
  let port = 7687;
  if (process.env.NEO4J_URI) {
    const url = new URL(process.env.NEO4J_URI);
    host = url.hostname;
    port = Number(url.port || 7687);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 1000 });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}

function bytesUnder(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return readdirSync(target).reduce((sum, name) => sum + bytesUnder(path.join(target, name)), 0);
}

/**
 * One run of one measurement in a fresh process (bench/measure.mjs), killed after the timeout.
 * `m`: { args | argsFor(run) | layout+dir, output?, stdout? } as planned by bench/run.mjs;
 * with `profileDir`, the child runs under `node --cpu-prof` (slower: for finding hot paths).
 */
export function runOnce(m, run, timeoutSec, profileDir) {
  const resultFile = path.join(OUT, `.measure-${process.pid}.json`);
  rmSync(resultFile, { force: true });
  const own = ['--result', resultFile, ...(m.layout ? ['--layout', m.layout] : [])];
  // --cpu-prof writes a .cpuprofile (Chrome DevTools / speedscope) when the process exits.
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const args = [
    ...profile,
    path.join(BENCH, 'measure.mjs'),
    ...own,
    '--',
    ...(m.argsFor?.(run) ?? m.args ?? [m.dir]),
  ];
  const load1 = t.loadAverage()[0]; // other work on the machine skews a sample: keep the load
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', m.stdout ? 'pipe' : 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
    child.stdout?.on('data', (chunk) => (stdout = (stdout + chunk).slice(-4000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutSec * 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const sample = { wallMs: Math.round(wallMs), load1 };
      if (existsSync(resultFile)) {
        const r = JSON.parse(readFileSync(resultFile, 'utf8'));
        Object.assign(sample, { innerMs: Math.round(r.ms), maxRssKb: r.maxRssKb, exit: r.exit });
        if (r.timings) sample.timings = r.timings;
        rmSync(resultFile, { force: true });
      } else sample.exit = code ?? signal;
      if (m.output) {
        const output = path.resolve(ROOT, m.output);
        sample.outputBytes = bytesUnder(output);
        rmSync(output, { recursive: true, force: true });
      }
      // kg push's own summary: "Pushed graph 'g' in 12.34 s (5678 nodes+relationships/s, …".
      const pushed = /in (\d+(?:\.\d+)?) s \((\d+) nodes\+relationships\/s/.exec(stdout);
      if (pushed) Object.assign(sample, { pushMs: Number(pushed[1]) * 1000, pushRate: +pushed[2] });
      if (timedOut) sample.status = 'timeout';
      else sample.status = sample.exit === (m.expectExit ?? 0) ? 'ok' : 'failed';
      if (sample.status === 'failed')
        sample.stderr = stderr.trim().split('\n').slice(-3).join(' ⏎ ');
      resolve(sample);
    });
  });
}

/**
 * `--start-neo4j`: the embedded test server of scripts/neo4j-launcher.mjs (Maven-built, JVM heap
 * 1 GB) on a free port, with NEO4J_* set for the children. Resolves to its stop().
 */
export async function startLocalNeo4j(log) {
  const launcher = await import('../scripts/neo4j-launcher.mjs');
  launcher.ensureBuilt({ log });
  // watchStdin: the server exits with this process, even if the suite crashes.
  const port = await launcher.freePort();
  const server = await launcher.startNeo4j({ port, watchStdin: true });
  log(`Neo4j started at ${server.uri} in ${server.startupMs} ms`);
  Object.assign(process.env, {
    NEO4J_URI: server.uri,
    NEO4J_USERNAME: server.username,
    NEO4J_PASSWORD: server.password,
  });
  return server.stop;
}
