// Writes an exporter's files atomically: each file goes to a temp file in the target directory
// and is renamed into place only when every file of the export is complete, so a failure
// (an exporter throwing mid-stream, a full disk) leaves neither partial nor temp files.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { ExportOptions, Exporter, ExportFile } from './exporter.js';
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

/**
 * Writes `exporter`'s output for `graph` to `target`: a file path (single-file formats), a
 * directory (directory formats; created if missing), or `-` for stdout (single-file only).
 */
export async function writeOutput(
  exporter: Exporter,
  graph: KgGraph,
  target: string,
  options: Partial<WriteOutputOptions> = {},
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

  const planned = files.map((file) => {
    checkName(file.name);
    const finalPath = exporter.output === 'directory' ? path.join(target, file.name) : target;
    return { file, finalPath, temp: tempPath(finalPath) };
  });
  await mkdir(exporter.output === 'directory' ? target : path.dirname(path.resolve(target)), {
    recursive: true,
  });

  let bytes = 0;
  const started: string[] = [];
  try {
    for (const { file, temp } of planned) {
      started.push(temp);
      bytes += await writeFileTemp(file, temp, opts);
    }
    for (const { temp, finalPath } of planned) await rename(temp, finalPath);
  } catch (error) {
    await Promise.all(started.map((temp) => rm(temp, { force: true })));
    throw error;
  }
  return { paths: planned.map((p) => p.finalPath), bytes };
}
