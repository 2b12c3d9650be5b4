// Parses large projects on several threads. YAML parsing dominates compile time and each
// file parses independently; results are reassembled in file order, so the outcome is
// identical to a sequential parse.
import { existsSync, readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileContribution } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import type { ParseFileOptions } from '../language/parse-file.js';
import { lazySourceFile, type SourceFile } from '../language/source-file.js';

export interface ParseJob {
  index: number;
  absolute: string;
  display: string;
}

export interface ParseResult {
  index: number;
  contribution: FileContribution;
  diagnostics: Diagnostic[];
}

const WORKER_URL = new URL('./parse-worker.js', import.meta.url);

/** False when running from TypeScript sources (tests): the worker exists only in dist/. */
export function parallelParseAvailable(): boolean {
  return existsSync(WORKER_URL);
}

/** Gives the cloned file object (shared by all its spans) its text back, read on first use. */
function reviveFile(contribution: FileContribution, absolute: string): SourceFile | undefined {
  const first =
    contribution.entities[0]?.span ??
    contribution.relations[0]?.span ??
    contribution.sources[0]?.span ??
    contribution.entityTypes[0]?.span ??
    contribution.relationTypes[0]?.span;
  const file = first?.file;
  if (!file) return undefined;
  let text: string | undefined;
  Object.defineProperty(file, 'text', {
    get: () => (text ??= readFileSync(absolute, 'utf8')),
    enumerable: true,
  });
  return file;
}

export async function parseInWorkers(
  jobs: ParseJob[],
  threads: number,
  options: ParseFileOptions,
): Promise<{ contributions: FileContribution[]; diagnostics: Diagnostic[]; files: SourceFile[] }> {
  const results: (ParseResult | undefined)[] = new Array(jobs.length);
  let next = 0;
  const pool = Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, () => {
    // Inherit flags such as --max-old-space-size, but not the ones that only make sense for
    // a main script (`node --input-type=module -e …`).
    const execArgv = process.execArgv.filter((a) => !a.startsWith('--input-type'));
    const worker = new Worker(WORKER_URL, { workerData: options, execArgv });
    return new Promise<void>((resolve, reject) => {
      const feed = () => worker.postMessage(next < jobs.length ? jobs[next++] : null);
      worker.on('message', (result: ParseResult) => {
        results[result.index] = result;
        feed();
      });
      worker.on('error', reject);
      worker.on('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`parse worker exited with code ${code}`)),
      );
      feed();
    });
  });
  await Promise.all(pool);
  const contributions: FileContribution[] = [];
  const diagnostics: Diagnostic[] = [];
  const files: SourceFile[] = [];
  results.forEach((result, i) => {
    const job = jobs[i];
    if (!result || !job) throw new Error(`file ${job?.display ?? i} was not parsed`);
    contributions.push(result.contribution);
    diagnostics.push(...result.diagnostics);
    const file = reviveFile(result.contribution, job.absolute);
    files.push(file ?? lazySourceFile(job.display, () => readFileSync(job.absolute, 'utf8')));
  });
  return { contributions, diagnostics, files };
}
