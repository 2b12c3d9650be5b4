// Parses large projects on several threads. YAML parsing dominates compile time and each
// file parses independently; results are reassembled in file order, so the outcome is
// identical to a sequential parse.
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import { parseFile, type ParseFileOptions } from '../language/parse-file.js';
import {
  lazySourceFile,
  rememberText,
  reloadableText,
  textFacts,
  type SourceFile,
  type TextFacts,
} from '../language/source-file.js';
import { readSourceSync, rereadText } from './read-source.js';

export interface ParseJob {
  index: number;
  absolute: string;
  display: string;
}

export interface ParseResult {
  index: number;
  contribution: FileContribution;
  diagnostics: Diagnostic[];
  /** Line starts and digest of the parsed text (absent when the file could not be read). */
  facts?: TextFacts;
}

/** Reads and parses one job (main thread and workers alike). */
export function parseJob(
  job: ParseJob,
  options: ParseFileOptions,
): ParseResult & { file?: SourceFile } {
  const sink = new DiagnosticSink();
  const file = readSourceSync({ absolute: job.absolute, display: job.display }, sink);
  if (!file)
    return { index: job.index, contribution: emptyContribution(), diagnostics: sink.items };
  const contribution = parseFile(file, sink, options);
  return { index: job.index, contribution, diagnostics: sink.items, facts: textFacts(file), file };
}

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** False when running from TypeScript sources (tests): the worker exists only in dist/. */
export function parallelParseAvailable(): boolean {
  return existsSync(WORKER_URL);
}

/** The file object a worker's spans share (structured clone keeps it one object). */
function fileOf(contribution: FileContribution): SourceFile | undefined {
  return (
    contribution.entities[0]?.span ??
    contribution.relations[0]?.span ??
    contribution.sources[0]?.span ??
    contribution.entityTypes[0]?.span ??
    contribution.relationTypes[0]?.span ??
    contribution.project?.span ??
    contribution.defaults?.span
  )?.file;
}

/** Jobs a worker holds at once, so it never waits while the main thread parses. */
const IN_FLIGHT = 2;

/**
 * Inherits flags such as --max-old-space-size, but not the ones that only make sense for a
 * main script (`node --input-type=module -e …`); V8 flags a worker refuses (e.g.
 * --max-semi-space-size) are dropped rather than failing the command.
 */
function startWorker(options: ParseFileOptions): Worker {
  const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
  try {
    return new Worker(WORKER_URL, { workerData: options, execArgv });
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw error;
    return new Worker(WORKER_URL, { workerData: options, execArgv: [] });
  }
}

/** A parsed file, handed over as soon as it is parsed. */
export interface ParsedFile {
  index: number;
  contribution: FileContribution;
  diagnostics: Diagnostic[];
  /** The file object its spans share (its text reloads from disk when a code frame needs it). */
  file: SourceFile;
}

/**
 * Parses on `threads` threads: the main thread and `threads - 1` workers share one queue. The
 * main thread parses too because receiving a worker's results costs it time anyway, and a
 * third busy thread on two cores would only add contention. Jobs are taken in the order given;
 * each file goes to `deliver` as soon as it is parsed (in any order) and is not kept here.
 */
export async function parseInWorkers(
  jobs: ParseJob[],
  threads: number,
  options: ParseFileOptions,
  deliver: (parsed: ParsedFile) => void,
): Promise<void> {
  const byIndex = new Map(jobs.map((job) => [job.index, job]));
  let delivered = 0;
  const arrived = (r: ParseResult & { file?: SourceFile }) => {
    const job = byIndex.get(r.index);
    if (!job) throw new Error(`no job for file ${r.index}`);
    const reread = () => rereadText(job.absolute);
    const found = r.file ?? fileOf(r.contribution);
    const file = found ? found : lazySourceFile(job.display, reread);
    // Positions of later diagnostics come from the parsed text, never from the disk.
    if (r.facts) rememberText(file, r.facts);
    delivered++;
    deliver({
      index: r.index,
      contribution: r.contribution,
      diagnostics: r.diagnostics,
      file: found ? reloadableText(found, reread) : file,
    });
  };
  let next = 0;
  const take = () => (next < jobs.length ? jobs[next++] : undefined);
  const workers = Array.from({ length: Math.max(1, Math.min(threads - 1, jobs.length)) }, () => {
    const worker = startWorker(options);
    return new Promise<void>((resolve, reject) => {
      let inFlight = 0;
      const feed = () => {
        const job = take();
        if (job) {
          inFlight++;
          worker.postMessage(job);
        } else if (inFlight === 0) worker.postMessage(null);
      };
      worker.on('message', (result: ParseResult) => {
        inFlight--;
        feed();
        arrived(result);
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`parse worker exited with code ${code}`)),
      );
      for (let i = 0; i < IN_FLIGHT; i++) feed();
    });
  });
  for (let job = take(); job; job = take()) {
    arrived(parseJob(job, options));
    // Let worker messages in between files, so workers are fed promptly.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(workers);
  if (delivered !== jobs.length)
    throw new Error(`only ${delivered} of ${jobs.length} files parsed`);
}
