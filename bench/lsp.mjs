#!/usr/bin/env node
// The language server under an editor's load (issue 15): `node bench/lsp.mjs <project dir>`
// starts the built `kg lsp` over stdio with the protocol's own client, opens a relation file,
// then types: each edit breaks or mends an entity id in the middle of the file, and the time
// from sending didChange to receiving publishDiagnostics for that file is recorded. Then
// completion requests at the end of a new `<subject> DEMANDS ` line, with growing prefixes.
// Memory is the server's resident set (/proc) after all that. Prints one JSON object.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1000, peak: kb('VmHWM') / 1000 };
}

/** CPU time (user + sys) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * Runs the session; `edits` didChange round trips and `completions` completion requests.
 * `nodeArgs` go to the server's node (e.g. `--cpu-prof`, from `bench/run.mjs --profile`).
 */
export async function measureLsp(dir, { edits = 60, completions = 40, nodeArgs = [] } = {}) {
  const project = path.resolve(dir);
  const relations = readdirSync(path.join(project, 'relations')).filter((f) => f.endsWith('.yaml'));
  const file = path.join(project, 'relations', relations.sort()[Math.floor(relations.length / 2)]);
  const uri = pathToFileURL(file).href;
  let text = readFileSync(file, 'utf8');

  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(ROOT, 'bin', 'kg.js'), 'lsp', '--stdio'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  let waiting;
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    if (p.uri === uri && waiting) {
      const w = waiting;
      waiting = undefined;
      w(p.diagnostics);
    }
  });
  connection.listen();
  const published = () => new Promise((resolve) => (waiting = resolve));

  const started = performance.now();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(project).href,
    workspaceFolders: [{ uri: pathToFileURL(project).href, name: 'bench' }],
    capabilities: {},
  });
  await connection.sendNotification(InitializedNotification.type, {});
  let version = 1;
  const first = published();
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: 'yaml', version, text },
  });
  await first;
  const loadMs = performance.now() - started;
  const afterLoad = rssMb(child.pid);
  const loadCpu = cpuMs(child.pid);

  // Typing: append 'x' to an endpoint (an unknown entity now), then take it away again.
  const lines = text.split('\n');
  const targets = [];
  for (
    let i = 1;
    i < lines.length && targets.length < edits;
    i += Math.max(1, Math.floor(lines.length / edits))
  ) {
    const m = /^ {2}- (\S+) [A-Z_]+ /.exec(lines[i]);
    if (m) targets.push({ line: i, character: 4 + m[1].length });
  }
  const changeMs = [];
  const typingCpu = cpuMs(child.pid);
  // A small file (data/) has few endpoints: each is edited again until `edits` are made.
  for (let k = 0; k < edits && targets.length; k++) {
    const at = targets[k % targets.length];
    for (const insert of [true, false]) {
      const range = insert
        ? { start: at, end: at }
        : { start: at, end: { line: at.line, character: at.character + 1 } };
      const done = published();
      const t0 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: ++version },
        contentChanges: [{ range, text: insert ? 'x' : '' }],
      });
      await done;
      changeMs.push(performance.now() - t0);
    }
  }

  const editCpu = cpuMs(child.pid) - typingCpu;
  // Completion at the end of `  - <subject> DEMANDS <prefix>`.
  const subject = /^ {2}- (\S+) /m.exec(text)?.[1] ?? 'person-1';
  const line = lines.length;
  const base = `  - ${subject} DEMANDS `;
  text = `${text.endsWith('\n') ? text : `${text}\n`}${base}\n`;
  const ready = published();
  await connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version: version + 1 },
    contentChanges: [{ text }],
  });
  await ready;
  const completionMs = [];
  let proposals = 0;
  for (let i = 0; i < completions; i++) {
    const t0 = performance.now();
    const result = await connection.sendRequest(CompletionRequest.type, {
      textDocument: { uri },
      position: { line: line - (text.endsWith('\n') ? 1 : 0), character: base.length },
    });
    completionMs.push(performance.now() - t0);
    proposals = Array.isArray(result) ? result.length : (result?.items.length ?? 0);
  }
  const memory = rssMb(child.pid);

  const exited = new Promise((resolve) => child.on('exit', resolve));
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await exited;
  connection.dispose();
  const round = (v) => (v === undefined ? undefined : Math.round(v * 10) / 10);
  return {
    file: path.relative(project, file),
    fileBytes: Buffer.byteLength(readFileSync(file, 'utf8')),
    loadMs: Math.round(loadMs),
    loadCpuMs: loadCpu,
    edits: changeMs.length,
    changeP50: round(percentile(changeMs, 50)),
    changeP95: round(percentile(changeMs, 95)),
    changeMax: round(Math.max(...changeMs)),
    // The server's CPU time (user + sys) per edit, on average.
    changeCpuMs: round(editCpu / Math.max(1, changeMs.length)),
    completions: completionMs.length,
    completionP50: round(percentile(completionMs, 50)),
    completionP95: round(percentile(completionMs, 95)),
    proposals,
    rssAfterLoadMb: Math.round(afterLoad.rss),
    rssMb: Math.round(memory.rss),
    peakRssMb: Math.round(memory.peak),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('Usage: node bench/lsp.mjs <project dir> (npm run build:lib first)');
    process.exit(2);
  }
  console.log(JSON.stringify(await measureLsp(dir)));
}
