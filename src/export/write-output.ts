// Writes an exporter's files atomically: a single file goes to a temp file beside it, renamed
// into place when complete; a directory of files (and kg build's whole set) goes into one
// staging directory swapped in as a whole (output-dir.ts). A failure (an exporter throwing
// mid-stream, a full disk) leaves neither partial files, temp files nor new empty directories.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ExportOptions, Exporter, ExportFile } from './exporter.js';
import { commitDirectory, recoverLeftovers, siblingName } from './output-dir.js';
import type { KgGraph } from '../types.js';

export type ExportOutputErrorCode = 'EXPORT_STDOUT_DIRECTORY' | 'EXPORT_BAD_FILE_NAME';

/** Errors of the output step itself (I/O errors and exporter errors propagate unchanged). */
export class ExportOutputError extends Error {
  constructor(
    readonly code: ExportOutputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExportOutputError';
  }
}

export interface WriteOutputOptions {
  /** Chunks are batched into writes of about this many characters. */
  batchSize: number;
  /** fsync each file before renaming it, so a crash cannot leave an empty file in place. */
  fsync: boolean;
  /** Where `-` writes (tests substitute a stream). */
  stdout: NodeJS.WritableStream;
  /** Called for each chunk an exporter yields (progress: about one per row). */
  onChunk?: () => void;
  /** Options for the exporter itself (e.g. `mixed` for GEXF and GraphML). */
  exportOptions?: Partial<ExportOptions>;
}

export const DEFAULT_WRITE_OUTPUT_OPTIONS: WriteOutputOptions = {
  batchSize: 64 * 1024,
  fsync: true,
  stdout: process.stdout,
};

export interface WriteOutputResult {
  /** Paths written (`-` for stdout). */
  paths: string[];
  /** UTF-8 bytes written. */
  bytes: number;
}

/** Drains chunks into `write` in batches of about `batchSize` characters (`last` flags the final one). */
async function drainChunks(
  chunks: Iterable<string>,
  batchSize: number,
  write: (text: string, last: boolean) => Promise<void>,
  onChunk?: () => void,
): Promise<void> {
  let batch = '';
  for (const chunk of chunks) {
    onChunk?.();
    batch += chunk;
    if (batch.length >= batchSize) {
      await write(batch, false);
      batch = '';
    }
  }
  await write(batch, true);
}

async function writeFileTemp(
  file: ExportFile,
  temp: string,
  options: WriteOutputOptions,
): Promise<number> {
  const handle = await open(temp, 'wx');
  let bytes = 0;
  try {
    // Awaiting each write is the backpressure: at most one batch is in flight.
    await drainChunks(
      file.chunks(),
      options.batchSize,
      async (text) => {
        if (text === '') return;
        const buffer = Buffer.from(text, 'utf8');
        let offset = 0;
        while (offset < buffer.length) {
          const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
          offset += bytesWritten;
        }
        bytes += buffer.length;
      },
      options.onChunk,
    );
    if (options.fsync) await handle.sync();
  } finally {
    await handle.close();
  }
  return bytes;
}

async function writeStream(
  file: ExportFile,
  stream: NodeJS.WritableStream,
  batchSize: number,
  onChunk?: () => void,
): Promise<number> {
  let bytes = 0;
  let failure: unknown;
  const onError = (error: unknown): void => {
    failure ??= error;
  };
  stream.on('error', onError);
  try {
    await drainChunks(
      file.chunks(),
      batchSize,
      async (text, last) => {
        if (failure !== undefined) throw failure;
        bytes += Buffer.byteLength(text, 'utf8');
        if (last) {
          // The last write's callback reports a failure (e.g. EPIPE) of everything before it.
          await new Promise<void>((resolve, reject) => {
            stream.write(text, (error) => (error ? reject(error) : resolve()));
          });
        } else if (!stream.write(text)) {
          // `once` rejects if the stream emits 'error' while we wait.
          await once(stream, 'drain');
        }
      },
      onChunk,
    );
  } finally {
    stream.off('error', onError);
  }
  return bytes;
}

function tempPath(finalPath: string): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  // `.kg-tmp-*` is git-ignored, and hidden so file browsers do not show it mid-write.
  return path.join(path.dirname(finalPath), `.kg-tmp-${path.basename(finalPath)}-${suffix}`);
}

function checkName(name: string): void {
  if (name === '' || path.basename(name) !== name || name === '.' || name === '..')
    throw new ExportOutputError('EXPORT_BAD_FILE_NAME', `invalid export file name: ${name}`);
}

/** Each file to a temp file beside it, renamed into place once every one is complete. */
async function writeFilesAtomically(
  planned: { file: ExportFile; finalPath: string }[],
  opts: WriteOutputOptions,
): Promise<number> {
  let bytes = 0;
  const started: string[] = [];
  const temps = planned.map((p) => ({ ...p, temp: tempPath(p.finalPath) }));
  try {
    for (const { file, temp } of temps) {
      started.push(temp);
      bytes += await writeFileTemp(file, temp, opts);
    }
    for (const { temp, finalPath } of temps) await rename(temp, finalPath);
  } catch (error) {
    await Promise.all(started.map((temp) => rm(temp, { force: true })));
    // A failed write names no file: say which output it was.
    const e = error as NodeJS.ErrnoException;
    if (e && typeof e === 'object' && e.code && !e.path) {
      e.path = temps[started.length - 1]?.finalPath;
    }
    throw error;
  }
  return bytes;
}

/** One exporter's files, and where they go inside an output directory. */
export interface OutputPart {
  exporter: Exporter;
  graph: KgGraph;
}

function partFiles(
  part: OutputPart,
  exportOptions?: Partial<ExportOptions>,
): { file: ExportFile; name: string }[] {
  const files = part.exporter.files(part.graph, exportOptions);
  return files.map((file) => {
    checkName(file.name);
    // A single-file format is written under its default name inside a directory.
    const name = part.exporter.output === 'directory' ? file.name : part.exporter.defaultName;
    checkName(name);
    return { file, name };
  });
}

/**
 * Writes several exporters' files into the directory `target` as one set (kg build): all of
 * them go into one staging directory, swapped in as a whole (output-dir.ts). `keep`: paths that
 * must never be moved by the swap (the project directory).
 */
export async function writeOutputSet(
  parts: OutputPart[],
  target: string,
  options: Partial<WriteOutputOptions> & { keep?: string[] } = {},
): Promise<WriteOutputResult> {
  const opts: WriteOutputOptions = { ...DEFAULT_WRITE_OUTPUT_OPTIONS, ...options };
  const files = parts.flatMap((part) => partFiles(part, opts.exportOptions));
  const names = files.map((f) => f.name);
  if (new Set(names).size !== names.length) {
    throw new ExportOutputError('EXPORT_BAD_FILE_NAME', `two exports write the same file name`);
  }
  const finalDir = path.resolve(target);
  await recoverLeftovers(finalDir);
  const created = await mkdir(path.dirname(finalDir), { recursive: true });
  const staging = siblingName(finalDir, 'tmp');
  try {
    await mkdir(staging);
    const planned = files.map(({ file, name }) => ({ file, finalPath: path.join(staging, name) }));
    const bytes = await writeFilesAtomically(planned, opts);
    await commitDirectory(staging, finalDir, names, options.keep);
    return { paths: names.map((n) => path.join(finalDir, n)), bytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    // Directories this run created (and only those) go too: a failed run leaves nothing.
    if (created) await rm(created, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Writes `exporter`'s output for `graph` to `target`: a file path (single-file formats), a
 * directory (directory formats; created if missing, replaced as a whole), or `-` for stdout
 * (single-file only).
 */
export async function writeOutput(
  exporter: Exporter,
  graph: KgGraph,
  target: string,
  options: Partial<WriteOutputOptions> & { keep?: string[] } = {},
): Promise<WriteOutputResult> {
  const opts: WriteOutputOptions = { ...DEFAULT_WRITE_OUTPUT_OPTIONS, ...options };
  const files = exporter.files(graph, opts.exportOptions);
  if (target === '-') {
    if (exporter.output === 'directory')
      throw new ExportOutputError(
        'EXPORT_STDOUT_DIRECTORY',
        'this format writes several files; give an output directory instead of -',
      );
    let bytes = 0;
    for (const file of files)
      bytes += await writeStream(file, opts.stdout, opts.batchSize, opts.onChunk);
    return { paths: ['-'], bytes };
  }
  if (exporter.output === 'directory')
    return writeOutputSet([{ exporter, graph }], target, options);
  const finalPath = path.resolve(target);
  const planned = files.map((file) => {
    checkName(file.name);
    return { file, finalPath };
  });
  await recoverLeftovers(finalPath);
  const created = await mkdir(path.dirname(finalPath), { recursive: true });
  try {
    const bytes = await writeFilesAtomically(planned, opts);
    return { paths: planned.map((p) => p.finalPath), bytes };
  } catch (error) {
    if (created) await rm(created, { recursive: true, force: true });
    throw error;
  }
}
