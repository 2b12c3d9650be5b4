#!/usr/bin/env node
// Benchmark suite of issue 5: `npm run bench [-- --sizes 10k,100k --runs 3 --only validate,gexf]`.
// Generates each project once into bench/out/<size>/ (reused while seed, size and generator
// are unchanged), then runs every measurement as its own process through bench/measure.mjs
// (wall time seen from here, peak RSS of the kg process itself), prints one table and
// writes bench/results.json with the medians and every raw sample.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  BENCH,
  ensureProject,
  neo4jReachable,
  OUT,
  ROOT,
  runOnce,
  startLocalNeo4j,
} from './process.mjs';
import { measureLsp } from './lsp.mjs';
import { measureViewEdit } from './view-edit.mjs';
import * as t from './table.mjs';
import { COLD_IDS, measureCold } from './neo4j-cold.mjs';

const USAGE = `Usage: npm run bench -- [options]
  --sizes 10k,100k,1m   relation counts to run (default all three); data for data/ itself
  --runs N              runs per measurement; figures are medians (default 3)
  --only a,b            measurements: validate, build, compile, layout (= layout-full, layout-fast),
                        export (= gexf, graphml, json, csv, neo4j-csv, neo4j-csv-stream), or any single one, push,
                        lsp (= lsp-change, lsp-completion, lsp-memory: one kg lsp session, bench/lsp.mjs),
                        view-edit (a save under kg view → the page in Chromium shows it, bench/view-edit.mjs),
                        cold (= push-cold, repush, push-cold-50types, repush-50types: each run
                        starts its own Neo4j; needs Java 17 and Maven; not per size)
                        texts (= validate-texts-off, validate-texts: quote checking, sizes up to 100k)
  --seed S              generator seed (default 1)
  --timeout SEC         per-command timeout in seconds (default 600)
  --out FILE            results file (default bench/results.json)
  --gen-only            only generate the projects
  --start-neo4j         run push against a Neo4j started here (scripts/neo4j-launcher.mjs)
  --profile             node --cpu-prof every run into bench/out/profiles/<size>/<id>/
                        (profiling slows the runs: use with --only and --runs 1)`;

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10k,100k,1m' },
    runs: { type: 'string', default: '3' },
    only: { type: 'string' },
    seed: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '600' },
    out: { type: 'string', default: path.join(BENCH, 'results.json') },
    'gen-only': { type: 'boolean' },
    'start-neo4j': { type: 'boolean' },
    profile: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const runs = Number(values.runs);
const timeoutSec = Number(values.timeout);
let sizes;
try {
  // `data` is the repository's own project (not generated).
  sizes = values.sizes.split(',').map((s) => (s.trim() === 'data' ? 'data' : t.parseSize(s)));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
const GROUPS = {
  layout: ['layout-full', 'layout-fast'],
  export: ['gexf', 'graphml', 'json', 'csv', 'neo4j-csv', 'neo4j-csv-stream'],
  cold: COLD_IDS,
  lsp: ['lsp-change', 'lsp-completion', 'lsp-memory'],
};
const GROUPS_TEXTS = ['validate-texts-off', 'validate-texts'];
GROUPS.texts = GROUPS_TEXTS;
const IDS = [
  'validate',
  'build',
  'compile',
  ...GROUPS.layout,
  ...GROUPS.export,
  'push',
  ...GROUPS.lsp,
  'view-edit',
  ...COLD_IDS,
  ...GROUPS_TEXTS,
];
const unknown = (values.only ?? '').split(',').filter((w) => w && !IDS.includes(w) && !GROUPS[w]);
if (unknown.length) console.error(`bench: unknown measurement(s) ${unknown.join(', ')}\n`);
if (!(runs >= 1) || !(timeoutSec > 0) || unknown.length) {
  console.error(USAGE);
  process.exit(2);
}
if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
  console.error('bench: dist/ is missing — run `npm run build:lib` first.');
  process.exit(2);
}
const { EXPORTERS, FORMATS } = await import('../dist/export/registry.js');
// Each command's module loads on use (dist/cli/registry.js): all of them, for their options.
const COMMANDS = await (await import('../dist/cli/registry.js')).loadCommands();

const log = (text) => process.stderr.write(`${text}\n`);

/** Every measurement for one project; `skip` explains why one cannot run here. */
async function plan(dir, outputs) {
  const list = [
    { id: 'validate', label: 'kg validate (full diagnostics)', args: ['validate', dir] },
    {
      id: 'build',
      label: 'kg build --layout none (all formats)',
      args: ['build', dir, '--layout', 'none', '-o', outputs],
      output: outputs,
    },
    { id: 'compile', label: 'compile() phases (library)', layout: 'none', dir },
    { id: 'layout-full', label: 'layout full (applyLayout only)', layout: 'full', dir },
    { id: 'layout-fast', label: 'layout fast (applyLayout only)', layout: 'fast', dir },
  ];
  for (const format of ['gexf', 'graphml', 'json', 'csv', 'neo4j-csv']) {
    const label = `kg export --format ${format}`;
    if (!FORMATS.includes(format)) {
      list.push({ id: format, label, skip: `format ${format} not in this build` });
      continue;
    }
    const exporter = EXPORTERS[format];
    const target =
      exporter.output === 'directory' ? outputs : path.join(outputs, exporter.defaultName);
    const args = ['export', dir, '--format', format, '--layout', 'none', '-o', target];
    list.push({ id: format, label, args, output: outputs, exportOf: true });
  }
  // No graph is built: its peak RSS is the whole figure (no Δ over the compiled graph).
  const streaming = COMMANDS.find((c) => c.name === 'export')?.options.stream !== undefined;
  list.push(
    streaming
      ? {
          id: 'neo4j-csv-stream',
          label: 'kg export --format neo4j-csv --stream',
          args: ['export', dir, '--format', 'neo4j-csv', '--stream', '-o', outputs],
          output: outputs,
        }
      : { id: 'neo4j-csv-stream', label: 'neo4j-csv --stream', skip: 'no --stream in this build' },
  );
  // MERGE is idempotent, so each run pushes under a new graph name: every run creates
  // everything (the rate of a first push), none measures a no-op re-push.
  const stamp = Date.now().toString(36);
  const push = {
    id: 'push',
    label: 'kg push (Neo4j, fresh graph)',
    args: ['push', dir],
    argsFor: (run) => [
      'push',
      dir,
      '--graph-name',
      `kg-bench-${path.basename(dir)}-${stamp}-${run}`,
    ],
    stdout: true,
  };
  if (!COMMANDS.some((c) => c.name === 'push')) push.skip = 'no `kg push` command in this build';
  else if (!(await neo4jReachable()))
    push.skip = 'no Neo4j reachable (set NEO4J_URI or run `npm run neo4j:local`)';
  list.push(push);
  // One editor session gives the three language-server rows (bench/lsp.mjs).
  list.push(
    { id: 'lsp-change', label: 'kg lsp didChange → diagnostics (p95)', lsp: 'changeP95', dir },
    { id: 'lsp-completion', label: 'kg lsp completion (p95)', lsp: 'completionP95', dir },
    { id: 'lsp-memory', label: 'kg lsp memory (RSS after the session)', lsp: 'rssMb', dir },
  );
  // A save under `kg view` until the open page shows it (bench/view-edit.mjs).
  list.push({ id: 'view-edit', label: 'kg view save → page shows it (p50)', viewEdit: true, dir });
  if (!values.only) return list;
  const wanted = new Set(values.only.split(',').flatMap((w) => GROUPS[w] ?? [w]));
  return list.filter((m) => wanted.has(m.id));
}

/** Source texts per project: one per 100 relations (1,000 for the 100k project). */
const TEXTS_UP_TO = 100_000;
const textsFor = (relations) => Math.max(10, Math.round(relations / 100));

/**
 * Quote checking (issue 11): `kg validate` on the same generated project with its source
 * texts linked (file: on each source; 5 deliberate misquotes, so exit 1) and unlinked.
 */
async function textPlan(relations) {
  const wanted = !values.only
    ? GROUPS_TEXTS
    : values.only
        .split(',')
        .flatMap((w) => GROUPS[w] ?? [w])
        .filter((w) => GROUPS_TEXTS.includes(w));
  if (!wanted.length || relations > TEXTS_UP_TO) return [];
  const texts = ['--texts', String(textsFor(relations))];
  const off = await ensureProject(relations, values.seed, log, {
    suffix: '-texts-off',
    args: [...texts, '--unlinked'],
  });
  const on = await ensureProject(relations, values.seed, log, { suffix: '-texts', args: texts });
  const n = textsFor(relations).toLocaleString('en');
  const list = [
    {
      id: 'validate-texts-off',
      label: `kg validate, ${n} source texts unlinked`,
      args: ['validate', path.relative(ROOT, off.dir)],
    },
    {
      id: 'validate-texts',
      label: `kg validate, ${n} source texts, quotes checked`,
      args: ['validate', path.relative(ROOT, on.dir)],
      expectExit: 1, // the deliberate misquotes
    },
  ];
  return list.filter((m) => wanted.includes(m.id));
}

/** Medians of the successful samples, plus what each measurement derives from them. */
function summarize(m, samples, relations, graphRssMb) {
  const ok = samples.filter((s) => s.status === 'ok');
  const failed = samples.find((s) => s.status !== 'ok');
  const status = ok.length === samples.length ? 'ok' : failed.status;
  const figures = {};
  if (ok.length) {
    figures.ms =
      m.id === 'compile'
        ? t.median(ok.map((s) => s.innerMs))
        : m.layout
          ? t.median(ok.map((s) => s.timings?.layout))
          : t.median(ok.map((s) => s.wallMs));
    figures.rssMb = Math.round(t.mb(t.median(ok.map((s) => s.maxRssKb)) * 1024) * 10) / 10;
    if (m.output) figures.outputBytes = t.median(ok.map((s) => s.outputBytes));
    if (m.exportOf && graphRssMb !== undefined)
      figures.deltaMb = Math.round((figures.rssMb - graphRssMb) * 10) / 10;
    if (m.id === 'push') {
      const rate = t.median(ok.map((s) => s.pushRate));
      figures.rate = rate === undefined ? 'rate ?' : `${Math.round(rate)} nodes+rels/s`;
    }
  }
  let note = failed ? (failed.stderr ?? `after ${t.formatMs(failed.wallMs)}`) : undefined;
  if (status === 'ok' && m.layout) note = 'compiler timings.layout; RSS of the whole compile';
  if (status === 'ok' && m.id === 'compile') {
    const phase = (name) => t.formatMs(t.median(ok.map((s) => s.timings?.[name])));
    note = ['load', 'parse', 'resolve', 'build'].map((p) => `${p} ${phase(p)}`).join(', ');
  }
  if (status === 'ok' && m.exportOf)
    note = 'Δ RSS = export − compile() peak RSS (the compiled graph)';
  if (status === 'ok' && m.id === 'push') note = 'time incl. compile; rate from kg push itself';
  return { status, figures, note };
}

/** A language-server row from the one session's figures (see bench/lsp.mjs). */
function lspRecord(m, session, graphRssMb) {
  if (session.error) return { status: 'failed', figures: {}, note: session.error };
  const figures = {};
  if (m.lsp === 'rssMb') {
    figures.rssMb = session.rssMb;
    if (graphRssMb !== undefined)
      figures.ratio = Math.round((session.rssMb / graphRssMb) * 100) / 100;
  } else figures.ms = session[m.lsp];
  const notes = {
    changeP95: `${session.edits} edits of ${session.file} (${Math.round(session.fileBytes / 1024)} KB); p50 ${t.formatMs(session.changeP50)}, max ${t.formatMs(session.changeMax)}; first diagnostics after ${t.formatMs(session.loadMs)}`,
    completionP95: `${session.completions} requests, ${session.proposals} proposals; p50 ${t.formatMs(session.completionP50)}`,
    rssMb: `${figures.ratio ?? '?'}× compile() peak RSS; ${session.rssAfterLoadMb} MB after loading, peak ${session.peakRssMb} MB`,
  };
  return { status: 'ok', figures, note: notes[m.lsp], session };
}

/** The view-edit row (see bench/view-edit.mjs). */
function viewEditRecord(session) {
  if (session.error) return { status: 'failed', figures: {}, note: session.error };
  const { totalMs, serverMs, pageMs, cpuMs, pageCpuMs, gpuCpuMs } = session;
  const note =
    `${session.edits} saves of ${session.file} (${session.deltas} sent as deltas); ` +
    `max ${t.formatMs(totalMs.max)}; server p50 ${t.formatMs(serverMs.p50)}, ` +
    `page p50 ${t.formatMs(pageMs.p50)}; server CPU p50 ${t.formatMs(cpuMs.p50)}, ` +
    `page CPU p50 ${t.formatMs(pageCpuMs?.p50)}, GPU process (drawing) CPU p50 ${t.formatMs(gpuCpuMs?.p50)}`;
  return { status: 'ok', figures: { ms: totalMs.p50 }, note, session };
}

const results = {
  machine: t.machineInfo(),
  started: new Date().toISOString(),
  load: { start: t.loadAverage() },
  options: {
    runs,
    seed: Number(values.seed),
    timeoutSec,
    only: values.only ?? null,
    profile: values.profile === true,
  },
  sizes: {},
};
const save = () => writeFileSync(values.out, `${JSON.stringify(results, null, 2)}\n`);
mkdirSync(OUT, { recursive: true });
log(t.renderHeader(results));
const pushWanted = !values.only || values.only.split(',').includes('push');
let stopNeo4j;
if (values['start-neo4j'] && pushWanted && !values['gen-only']) {
  try {
    stopNeo4j = await startLocalNeo4j(log);
  } catch (error) {
    log(`bench: could not start Neo4j (${error.message}); push will be skipped`);
  }
}

const wanted = new Set((values.only ?? IDS.join(',')).split(',').flatMap((w) => GROUPS[w] ?? [w]));
const coldWanted = COLD_IDS.filter((id) => wanted.has(id));
if (coldWanted.length && !values['gen-only']) {
  results.cold = await measureCold(coldWanted, runs, timeoutSec, log);
  save();
}

// `--only cold` needs no generated project.
const perSize = values['gen-only'] || [...wanted].some((id) => !COLD_IDS.includes(id));
for (const relations of perSize ? sizes : []) {
  const label = relations === 'data' ? 'data' : t.sizeLabel(relations);
  const entry = (results.sizes[label] = { relations, measurements: {} });
  try {
    const project =
      relations === 'data'
        ? { dir: path.join(ROOT, 'data') }
        : await ensureProject(relations, values.seed, log);
    entry.dir = path.relative(ROOT, project.dir);
    if (project.generateMs) entry.generateMs = Math.round(project.generateMs);
  } catch (error) {
    entry.error = error instanceof Error ? error.message : String(error);
    save();
    continue;
  }
  if (values['gen-only']) continue;
  // Relative to ROOT (the children's cwd), so results.json carries no machine paths.
  const outputs = path.relative(ROOT, path.join(OUT, `${label}.outputs`));
  // Exports are measured against a process holding the compiled graph (`compile`); validate
  // no longer builds a graph, so it is no baseline for them.
  let graphRssMb;
  let lspSession;
  for (const m of [...(await plan(entry.dir, outputs)), ...(await textPlan(relations))]) {
    const record = { label: m.label, args: m.args, layout: m.layout, samples: [] };
    entry.measurements[m.id] = record;
    if (m.skip) {
      Object.assign(record, { status: 'skipped', note: m.skip, figures: {} });
      log(`[${label}] ${m.id}: skipped (${m.skip})`);
      continue;
    }
    if (m.viewEdit) {
      const profileDir = values.profile ? path.join(OUT, 'profiles', label, 'view') : undefined;
      const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      const session = await measureViewEdit(m.dir, { nodeArgs }).catch((error) => ({
        error: String(error),
      }));
      Object.assign(record, viewEditRecord(session));
      record.target = t.checkTarget(m.id, relations, record.figures);
      log(`[${label}] ${m.id}: ${JSON.stringify(record.figures)} ${record.note ?? ''}`);
      save();
      continue;
    }
    if (m.lsp) {
      const profileDir = values.profile ? path.join(OUT, 'profiles', label, 'lsp') : undefined;
      const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
      lspSession ??= await measureLsp(m.dir, { nodeArgs }).catch((error) => ({
        error: String(error),
      }));
      Object.assign(record, lspRecord(m, lspSession, graphRssMb));
      record.target = t.checkTarget(m.id, relations, record.figures);
      log(`[${label}] ${m.id}: ${JSON.stringify(record.figures)} ${record.note ?? ''}`);
      save();
      continue;
    }
    for (let i = 0; i < runs; i++) {
      const profileDir = values.profile ? path.join(OUT, 'profiles', label, m.id) : undefined;
      const sample = await runOnce(m, i + 1, timeoutSec, profileDir);
      record.samples.push(sample);
      const time =
        m.id === 'compile' ? sample.innerMs : m.layout ? sample.timings?.layout : sample.wallMs;
      const rss = sample.maxRssKb ? t.formatMb(t.mb(sample.maxRssKb * 1024)) : '?';
      log(`[${label}] ${m.id} ${i + 1}/${runs}: ${sample.status} ${t.formatMs(time)}, ${rss}`);
      if (sample.status !== 'ok') break; // a failure or timeout will not get better
    }
    Object.assign(record, summarize(m, record.samples, relations, graphRssMb));
    if (m.id === 'compile') graphRssMb = record.figures.rssMb;
    record.target = t.checkTarget(m.id, relations, record.figures);
    if (m.id === 'validate-texts') {
      const off = entry.measurements['validate-texts-off']?.figures.ms;
      const limit = off === undefined ? undefined : off * 1.2;
      record.target = {
        text: `≤ 1.2× unlinked${limit === undefined ? '' : ` (${t.formatMs(limit)})`}`,
        ok: limit !== undefined && record.figures.ms !== undefined && record.figures.ms <= limit,
      };
    }
    save();
  }
}
await stopNeo4j?.();
results.finished = new Date().toISOString();
results.load.end = t.loadAverage();
save();
if (values['gen-only']) {
  for (const [label, size] of Object.entries(results.sizes)) {
    const how = size.generateMs ? `generated in ${t.formatMs(size.generateMs)}` : 'reused';
    console.log(`${label}: ${size.error ? `failed: ${size.error}` : `${size.dir} ${how}`}`);
  }
} else console.log(`${t.renderHeader(results)}\n\n${t.renderTable(results)}`);
log(`\nwrote ${path.relative(process.cwd(), values.out) || values.out}`);
