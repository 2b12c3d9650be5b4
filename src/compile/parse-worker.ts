// Worker side of the parallel parser: reads and parses the files it is handed, one at a
// time, and posts back what resolution needs (never the YAML AST, never the file text).
import { parentPort, workerData } from 'node:worker_threads';
import type { ParseFileOptions } from '../language/parse-file.js';
import { parseJob, type ParseJob, type ParseResult } from './parse-pool.js';

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
  const { file, ...result } = parseJob(job, options);
  // Every span shares this one object, so clearing it keeps the text out of the message;
  // the main thread reloads it only if a diagnostic needs a code frame (its line starts and
  // digest travel in `facts`).
  if (file) file.text = '';
  port.postMessage(result satisfies ParseResult);
});
