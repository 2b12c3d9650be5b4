// The first push a user makes: `kg push` against a Neo4j that has just started (issue 14).
// Each run starts a fresh embedded server (scripts/neo4j-launcher.mjs, empty database), runs
// `kg push <project>` as its own process (Node start-up and compiling included, as a user
// waits for it), then `kg push` again (an unchanged re-push), and stops the server. Projects:
// data/ and a generated one with 50 relationship types (bench/types-project.mjs). Besides the
// wall time, each sample keeps the server's CPU time (Linux /proc), which other work on a
// shared machine inflates less than the wall time, and the part of it spent by the JIT compiler
// threads (docs/neo4j.md, "JVM warm-up").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { OUT, ROOT, runOnce } from './process.mjs';
import * as t from './table.mjs';
import { writeTypesProject } from './types-project.mjs';

export const COLD_IDS = ['push-cold', 'repush', 'push-cold-50types', 'repush-50types'];

/** CPU time (user + system) in ms of a /proc stat file, or undefined (off Linux). */
function statCpuMs(file) {
  if (!existsSync(file)) return undefined;
  // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
  const text = readFileSync(file, 'utf8');
  const fields = text.slice(text.lastIndexOf(') ') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? ticks * 10 : undefined; // USER_HZ is 100 on Linux
}

/** CPU time of a process in ms, or undefined off Linux. */
function cpuMs(pid) {
  return statCpuMs(`/proc/${pid}/stat`);
}

/** CPU time in ms of a JVM's JIT compiler threads ("C1/C2 CompilerThre…"), or undefined. */
function jitCpuMs(pid) {
  const dir = `/proc/${pid}/task`;
  if (!existsSync(dir)) return undefined;
  let sum = 0;
  for (const tid of readdirSync(dir)) {
    try {
      if (!/^C[12] Compiler/.test(readFileSync(`${dir}/${tid}/comm`, 'utf8'))) continue;
      sum += statCpuMs(`${dir}/${tid}/stat`) ?? 0;
    } catch {
      // The thread ended meanwhile.
    }
  }
  return sum;
}

function projects() {
  const typesDir = path.join(OUT, 'types50');
  writeTypesProject(typesDir, 50);
  return [
    { label: 'data/', dir: 'data', ids: ['push-cold', 'repush'] },
    {
      label: '50 types',
      dir: path.relative(ROOT, typesDir),
      ids: ['push-cold-50types', 'repush-50types'],
    },
  ];
}

const LABELS = {
  'push-cold': 'kg push, Neo4j just started (first push)',
  repush: 'kg push again (nothing changed)',
  'push-cold-50types': 'kg push, Neo4j just started, 50 rel. types',
  'repush-50types': 'kg push again, 50 rel. types (unchanged)',
};

function summarize(samples) {
  const ok = samples.filter((s) => s.status === 'ok');
  const failed = samples.find((s) => s.status !== 'ok');
  const figures = {};
  if (ok.length) {
    figures.ms = t.median(ok.map((s) => s.wallMs));
    figures.rssMb = Math.round(t.mb(t.median(ok.map((s) => s.maxRssKb)) * 1024) * 10) / 10;
  }
  const push = t.median(ok.map((s) => s.pushMs));
  const cpu = t.median(ok.map((s) => s.serverCpuMs));
  const jit = t.median(ok.map((s) => s.serverJitMs));
  const note = failed
    ? (failed.stderr ?? failed.status)
    : [
        push === undefined ? undefined : `push alone ${t.formatMs(push)}`,
        cpu === undefined
          ? undefined
          : `server CPU ${t.formatMs(cpu)}${jit === undefined ? '' : ` (JIT ${t.formatMs(jit)})`}`,
      ]
        .filter(Boolean)
        .join(', ');
  return { status: failed ? failed.status : 'ok', figures, note };
}

/**
 * Runs the cold-push measurements `wanted` (subset of COLD_IDS), `runs` servers each.
 * Returns { project label: { id: record } } for results.json and the table.
 */
export async function measureCold(wanted, runs, timeoutSec, log) {
  const launcher = await import('../scripts/neo4j-launcher.mjs');
  const out = {};
  let ready;
  try {
    launcher.ensureBuilt({ log });
  } catch (error) {
    ready = error instanceof Error ? error.message : String(error);
  }
  const saved = ['NEO4J_URI', 'NEO4J_USERNAME', 'NEO4J_PASSWORD', 'NEO4J_DATABASE'].map((k) => [
    k,
    process.env[k],
  ]);
  for (const project of projects()) {
    const ids = project.ids.filter((id) => wanted.includes(id));
    if (ids.length === 0) continue;
    const records = (out[project.label] = {});
    for (const id of ids) records[id] = { label: LABELS[id], samples: [] };
    if (ready !== undefined) {
      for (const id of ids)
        Object.assign(records[id], { status: 'skipped', note: ready, figures: {} });
      continue;
    }
    for (let run = 1; run <= runs; run++) {
      const server = await launcher.startNeo4j({
        port: await launcher.freePort(),
        watchStdin: true,
      });
      Object.assign(process.env, {
        NEO4J_URI: server.uri,
        NEO4J_USERNAME: server.username,
        NEO4J_PASSWORD: server.password,
      });
      delete process.env.NEO4J_DATABASE;
      try {
        const graphName = `kg-bench-cold-${run}`;
        for (const [step, id] of project.ids.entries()) {
          const m = { args: ['push', project.dir, '--graph-name', graphName], stdout: true };
          const before = cpuMs(server.process.pid);
          const jitBefore = jitCpuMs(server.process.pid);
          const sample = await runOnce(m, run, timeoutSec);
          const after = cpuMs(server.process.pid);
          const jitAfter = jitCpuMs(server.process.pid);
          if (before !== undefined && after !== undefined) sample.serverCpuMs = after - before;
          if (jitBefore !== undefined && jitAfter !== undefined)
            sample.serverJitMs = jitAfter - jitBefore;
          sample.serverStartupMs = server.startupMs;
          // The re-push needs the first push; a first push is measured even if not wanted.
          if (ids.includes(id)) records[id].samples.push(sample);
          log(
            `[${project.label}] ${id} ${run}/${runs}: ${sample.status} ${t.formatMs(sample.wallMs)}` +
              ` (server CPU ${t.formatMs(sample.serverCpuMs)}, JIT ${t.formatMs(sample.serverJitMs)})`,
          );
          if (sample.status !== 'ok' && step === 0) break;
        }
      } finally {
        await server.stop();
      }
    }
    for (const id of ids) {
      Object.assign(records[id], summarize(records[id].samples));
      records[id].target = t.checkTarget(id, 0, records[id].figures);
    }
  }
  for (const [k, v] of saved) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  return out;
}
