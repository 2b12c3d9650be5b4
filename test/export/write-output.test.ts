import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { csv } from '../../src/export/csv.js';
import type { Exporter } from '../../src/export/exporter.js';
import { fileText } from '../../src/export/exporter.js';
import { gexf } from '../../src/export/gexf.js';
import { ExportOutputError, writeOutput } from '../../src/export/write-output.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'kg-write-output-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** An exporter whose files yield `good` chunks of text, then throw (if `failIn` names them). */
function failing(output: 'file' | 'directory', failIn: string[]): Exporter {
  const names = output === 'file' ? ['out.txt'] : ['a.txt', 'b.txt'];
  return {
    description: 'test',
    output,
    defaultName: 'x',
    files: () =>
      names.map((name) => ({
        name,
        *chunks() {
          for (let i = 0; i < 50; i++) yield `${name} line ${i} ${'x'.repeat(4000)}\n`;
          if (failIn.includes(name)) throw new Error(`boom in ${name}`);
        },
      })),
  };
}

/** A stream that consumes slowly and records what it is given. */
class SlowSink extends Writable {
  writes: string[] = [];
  maxBuffered = 0;
  constructor(readonly failWith?: Error) {
    super({ highWaterMark: 1024, decodeStrings: false });
  }
  override write(chunk: unknown, ...rest: never[]): boolean {
    this.maxBuffered = Math.max(this.maxBuffered, this.writableLength);
    return super.write(chunk, ...rest);
  }
  override _write(chunk: unknown, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.writes.push(String(chunk));
    setImmediate(() => done(this.failWith ?? null));
  }
}

describe('writeOutput', () => {
  test('writes a single-file format to a path, creating its directory', async () => {
    const target = path.join(dir, 'deep', 'er', 'graph.gexf');
    const result = await writeOutput(gexf, fixtureGraph(), target, { fsync: false });
    const expected = fileText(gexf.files(fixtureGraph())[0]!);
    expect(readFileSync(target, 'utf8')).toBe(expected);
    expect(result).toEqual({ paths: [target], bytes: Buffer.byteLength(expected) });
    expect(readdirSync(path.dirname(target))).toEqual(['graph.gexf']);
  });

  test('replaces an existing file', async () => {
    const target = path.join(dir, 'graph.gexf');
    writeFileSync(target, 'old');
    await writeOutput(gexf, fixtureGraph(), target);
    expect(readFileSync(target, 'utf8')).toContain('<gexf');
  });

  test('writes a directory format file by file', async () => {
    const target = path.join(dir, 'csv');
    const result = await writeOutput(csv, fixtureGraph(), target);
    expect(readdirSync(target).sort()).toEqual(['edges.csv', 'nodes.csv']);
    expect(result.paths).toEqual([path.join(target, 'nodes.csv'), path.join(target, 'edges.csv')]);
    for (const file of csv.files(fixtureGraph()))
      expect(readFileSync(path.join(target, file.name), 'utf8')).toBe(fileText(file));
  });

  test('an exporter failing mid-stream leaves no partial file and no temp file', async () => {
    const target = path.join(dir, 'out.txt');
    const run = writeOutput(failing('file', ['out.txt']), fixtureGraph(), target, {
      batchSize: 1000,
    });
    await expect(run).rejects.toThrow('boom in out.txt');
    expect(readdirSync(dir)).toEqual([]);
  });

  test('a failure keeps the previous file untouched', async () => {
    const target = path.join(dir, 'out.txt');
    writeFileSync(target, 'previous');
    await expect(
      writeOutput(failing('file', ['out.txt']), fixtureGraph(), target),
    ).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['out.txt']);
    expect(readFileSync(target, 'utf8')).toBe('previous');
  });

  test('a directory format failing in its second file writes none of its files', async () => {
    const target = path.join(dir, 'multi');
    mkdirSync(target);
    writeFileSync(path.join(target, 'a.txt'), 'previous a');
    const run = writeOutput(failing('directory', ['b.txt']), fixtureGraph(), target);
    await expect(run).rejects.toThrow('boom in b.txt');
    expect(readdirSync(target)).toEqual(['a.txt']);
    expect(readFileSync(path.join(target, 'a.txt'), 'utf8')).toBe('previous a');
  });

  test('`-` streams to stdout in batches, waiting for drain', async () => {
    const sink = new SlowSink();
    const exporter = failing('file', []);
    const result = await writeOutput(exporter, fixtureGraph(), '-', {
      stdout: sink,
      batchSize: 10_000,
    });
    const expected = fileText(exporter.files(fixtureGraph())[0]!);
    expect(sink.writes.join('')).toBe(expected);
    expect(result).toEqual({ paths: ['-'], bytes: Buffer.byteLength(expected) });
    // 50 chunks of ~4 KB batched into ~10 KB writes; the last may be short.
    expect(sink.writes.length).toBeLessThan(50);
    const writes = sink.writes.filter((w) => w !== '');
    for (const w of writes.slice(0, -1)) expect(w.length).toBeGreaterThanOrEqual(10_000);
    // Backpressure: we never wrote while the stream still had data buffered.
    expect(sink.maxBuffered).toBe(0);
  });

  test('a stdout error (e.g. EPIPE) rejects instead of hanging', async () => {
    const sink = new SlowSink(Object.assign(new Error('EPIPE'), { code: 'EPIPE' }));
    sink.on('error', () => {});
    const run = writeOutput(failing('file', []), fixtureGraph(), '-', { stdout: sink });
    await expect(run).rejects.toThrow('EPIPE');
  });

  test('a directory format cannot go to stdout', async () => {
    const run = writeOutput(csv, fixtureGraph(), '-', { stdout: new SlowSink() });
    await expect(run).rejects.toBeInstanceOf(ExportOutputError);
    await expect(run).rejects.toMatchObject({ code: 'EXPORT_STDOUT_DIRECTORY' });
  });

  test('file names that would escape the target directory are refused', async () => {
    const evil: Exporter = {
      ...csv,
      files: () => [{ name: '../evil.csv', chunks: () => ['x'] }],
    };
    await expect(writeOutput(evil, fixtureGraph(), path.join(dir, 'out'))).rejects.toMatchObject({
      code: 'EXPORT_BAD_FILE_NAME',
    });
    expect(existsSync(path.join(dir, 'evil.csv'))).toBe(false);
  });
});

test('a stdout error after the last batch is buffered still rejects', async () => {
  const sink = new SlowSink(new Error('late EPIPE'));
  sink.on('error', () => {});
  // One small chunk: write() returns true, so only the write callback can tell.
  const tiny: Exporter = {
    ...csv,
    output: 'file',
    files: () => [{ name: 'x', chunks: () => ['hi'] }],
  };
  await expect(writeOutput(tiny, fixtureGraph(), '-', { stdout: sink })).rejects.toThrow(
    'late EPIPE',
  );
});
