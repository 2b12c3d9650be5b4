// Files written in ~64 KB batches: CSV chunks from a generator (writeChunks), JSON lines
// spooled to disk and read back in order (LineSpool), for the streaming exporters.
import { closeSync, createReadStream, openSync, writeSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';

const BATCH = 64 * 1024;

/** Writes chunks to `file` in batches of about 64 KB (sync or async sources); counts rows. */
export async function writeChunks(
  file: string,
  chunks: Iterable<string> | AsyncIterable<string>,
  fsync: boolean,
  onChunk: () => void,
): Promise<void> {
  const handle = await open(file, 'wx');
  try {
    let batch = '';
    let header = true;
    for await (const chunk of chunks) {
      // Every file here starts with a header chunk; each later chunk is one row.
      if (header) header = false;
      else onChunk();
      batch += chunk;
      if (batch.length >= BATCH) {
        await handle.write(batch);
        batch = '';
      }
    }
    if (batch) await handle.write(batch);
    if (fsync) await handle.sync();
  } finally {
    await handle.close();
  }
}

/** JSON lines appended to a file in ~64 KB writes. */
export class LineSpool {
  rows = 0;
  private buffer = '';
  private closed = false;
  private readonly fd: number;

  constructor(readonly file: string) {
    this.fd = openSync(file, 'wx');
  }

  line(value: unknown): void {
    this.buffer += JSON.stringify(value) + '\n';
    this.rows++;
    if (this.buffer.length >= BATCH) this.flush();
  }

  flush(): void {
    if (this.buffer) writeSync(this.fd, this.buffer);
    this.buffer = '';
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
  }

  /** After a failure: release the descriptor, drop what is buffered. */
  closeQuietly(): void {
    this.buffer = '';
    if (!this.closed) closeSync(this.fd);
    this.closed = true;
  }

  async *lines<T>(): AsyncGenerator<T> {
    const lines = createInterface({ input: createReadStream(this.file), crlfDelay: Infinity });
    for await (const line of lines) yield JSON.parse(line) as T;
  }
}
