// The project watcher survives its directory being renamed away and back, or deleted and
// re-created (issue 9, defect 5): it keeps reporting changes instead of going silent.
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchYaml } from '../../src/server/watch.js';
import { startKgView, type KgView } from '../viewer/support.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Collector {
  seen: string[][];
  push: (files: string[]) => void;
  /** The next batch not yet taken (waiting for it up to `ms`). */
  next: (ms?: number) => Promise<string[]>;
}

function collector(): Collector {
  const seen: string[][] = [];
  const queue: string[][] = [];
  let waiter: ((files: string[]) => void) | undefined;
  return {
    seen,
    push: (files) => {
      seen.push(files);
      if (waiter) waiter(files);
      else queue.push(files);
    },
    next: (ms = 8000) => {
      const ready = queue.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => {
          waiter = undefined;
          reject(new Error('no change reported'));
        }, ms);
        waiter = (files) => {
          clearTimeout(t);
          waiter = undefined;
          resolve(files);
        };
      });
    },
  };
}

describe('watchYaml', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  async function project(): Promise<{ base: string; dir: string }> {
    const base = await mkdtemp(path.join(os.tmpdir(), 'kg-watch-'));
    const dir = path.join(base, 'p');
    await mkdir(path.join(dir, 'sub'), { recursive: true });
    cleanups.push(() => rm(base, { recursive: true, force: true }));
    return { base, dir };
  }

  function watching(dir: string): Collector {
    const c = collector();
    const w = watchYaml(dir, (files) => c.push(files), { debounceMs: 50, pollMs: 100 });
    cleanups.unshift(async () => w.close());
    return c;
  }

  it("reports an editor's save, written in several steps, once (default options)", async () => {
    const { dir } = await project();
    const c = collector();
    const w = watchYaml(dir, (files) => c.push(files));
    cleanups.unshift(async () => w.close());
    await sleep(100);
    const file = path.join(dir, 'a.yaml');
    // Truncated, written, then replaced through a temporary file (a "safe write").
    await writeFile(file, '');
    await writeFile(file, 'entities: {}\n');
    await writeFile(`${file}.tmp`, 'entities: {}\n');
    await rename(`${file}.tmp`, file);
    expect(await c.next()).toEqual(['a.yaml']);
    await sleep(400);
    expect(c.seen).toHaveLength(1);
  });

  it('keeps watching after the directory is renamed away and back', async () => {
    const { base, dir } = await project();
    const c = watching(dir);
    await sleep(100);
    await writeFile(path.join(dir, 'a.yaml'), 'entities: {}\n');
    expect(await c.next()).toEqual(['a.yaml']);
    await rename(dir, path.join(base, 'moved'));
    await sleep(300);
    await rename(path.join(base, 'moved'), dir);
    // The re-armed watch reports a change: the files may differ from before.
    expect(await c.next()).toEqual(['']);
    await writeFile(path.join(dir, 'sub', 'b.yaml'), 'entities: {}\n');
    expect(await c.next()).toEqual(['sub/b.yaml']);
  });

  it('follows a directory deleted and re-created', async () => {
    const { dir } = await project();
    const c = watching(dir);
    await sleep(100);
    await rm(dir, { recursive: true });
    await sleep(300);
    await mkdir(dir);
    await writeFile(path.join(dir, 'c.yml'), 'entities: {}\n');
    // The deletion itself may be reported first; then the re-armed watch reports the new
    // directory (a change of unknown files, '').
    let files = await c.next();
    while (!files.includes('')) files = await c.next();
    await writeFile(path.join(dir, 'd.yaml'), 'entities: {}\n');
    expect(await c.next()).toEqual(['d.yaml']);
  });

  it('reports a changed source text (quotes are checked against it)', async () => {
    const { dir } = await project();
    const c = watching(dir);
    await sleep(100);
    await writeFile(path.join(dir, 'sub', 'article.txt'), 'The article.');
    expect(await c.next()).toEqual([path.join('sub', 'article.txt')]);
  });

  it('ignores hidden folders and other files, and stops on close', async () => {
    const { dir } = await project();
    const c = collector();
    const w = watchYaml(dir, (files) => c.push(files), { debounceMs: 50, pollMs: 100 });
    await sleep(100);
    await mkdir(path.join(dir, '.git'));
    await writeFile(path.join(dir, '.git', 'x.yaml'), '');
    await writeFile(path.join(dir, 'notes.log'), '');
    await sleep(400);
    expect(c.seen).toEqual([]);
    w.close();
    await writeFile(path.join(dir, 'e.yaml'), '');
    await sleep(400);
    expect(c.seen).toEqual([]);
  });
});

describe('kg view after its directory is renamed away and back', () => {
  let view: KgView | undefined;
  afterEach(async () => {
    await view?.stop();
  });

  it('serves the edited graph, not a stale one', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'kg-watch-view-'));
    const dir = path.join(base, 'proj');
    await mkdir(dir);
    const schema = 'schema:\n  entities:\n    Person: {}\n  relations: {}\n';
    await writeFile(
      path.join(dir, 'kg.yaml'),
      `${schema}entities:\n  - { id: ada, type: Person }\n`,
    );
    view = await startKgView(dir);
    const order = async (): Promise<number> => {
      const res = await fetch(new URL('/graph.json', view?.url));
      const json = (await res.json()) as { nodes: unknown[] };
      return json.nodes.length;
    };
    expect(await order()).toBe(1);
    await rename(dir, path.join(base, 'away'));
    await sleep(500);
    await rename(path.join(base, 'away'), dir);
    await sleep(1500);
    await writeFile(
      path.join(dir, 'kg.yaml'),
      `${schema}entities:\n  - { id: ada, type: Person }\n  - { id: bob, type: Person }\n`,
    );
    let n = 0;
    for (let i = 0; i < 100 && n !== 2; i++) {
      await sleep(100);
      n = await order();
    }
    expect(n).toBe(2);
    await rm(base, { recursive: true, force: true });
  }, 40_000);
});
