// Worker side of the parallel parser: reads and parses the files it is handed, one at a
// time, and posts back what resolution needs (never the YAML AST, never the file text).
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import { parseFile, type ParseFileOptions } from '../language/parse-file.js';
import type { ParseJob, ParseResult } from './parse-pool.js';

// See src/cli/main.ts: the yaml parser reads process.env on every token; a plain copy is fast.
process.env = { ...process.env };

const options = workerData as ParseFileOptions;
const port = parentPort;
if (!port) throw new Error('parse-worker must run in a worker thread');

port.on('message', (job: ParseJob | null) => {
  if (job === null) {
    port.close();
    return;
  }
  const sink = new DiagnosticSink();
  const file = { path: job.display, text: readFileSync(job.absolute, 'utf8') };
  const contribution = parseFile(file, sink, options);
  // Every span shares this one object, so clearing it keeps the text out of the message;
  // the main thread reloads it only if a diagnostic needs a code frame.
  file.text = '';
  const result: ParseResult = { index: job.index, contribution, diagnostics: sink.items };
  port.postMessage(result);
});
