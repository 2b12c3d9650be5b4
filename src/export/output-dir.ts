// An output directory replaced as a whole. Every file of a run is written into one hidden staging
// directory beside the target; the run then swaps it in: the old directory is renamed away, the
// staging directory renamed into place, and entries of the old directory that this run does not
// produce (the user's own files, another export's files) are moved over before the old one is
// removed. A run killed at any point leaves the target holding either the old set or the new
// set, never a mix (`kg build` left new graph.* next to old CSV files); the next run finishes
// or undoes what a killed one left (`.kg-tmp-*` staging, `.kg-old-*` directories) once the
// process that made them is gone.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

const LEFTOVER = /^\.kg-(tmp|old)-(.+)-(\d+)-[0-9a-z]+$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** A hidden sibling name for `target` owned by this process. */
export function siblingName(target: string, kind: 'tmp' | 'old'): string {
  const suffix = `${process.pid}-${randomBytes(4).toString('hex')}`;
  return path.join(path.dirname(target), `.kg-${kind}-${path.basename(target)}-${suffix}`);
}

/**
 * Removes or finishes what killed runs left beside `target` and inside it: staging
 * directories and temp files (removed), and an old directory a swap had moved away (moved back
 * when the target is missing, else its remaining entries moved in). Only leftovers of processes
 * that are no longer running are touched.
 */
export async function recoverLeftovers(target: string): Promise<void> {
  const parent = path.dirname(target);
  const base = path.basename(target);
  for (const dir of [parent, target]) {
    for (const name of await entries(dir)) {
      const m = LEFTOVER.exec(name);
      if (!m || isRunning(Number(m[3]))) continue;
      const full = path.join(dir, name);
      if (m[1] === 'old' && dir === parent && m[2] === base) {
        if (!(await exists(target))) {
          await rename(full, target);
          continue;
        }
        await moveForeign(full, target, new Set());
      }
      await rm(full, { recursive: true, force: true });
    }
  }
}

/** Moves entries of `from` into `to` that `to` does not have and `produced` does not name. */
async function moveForeign(from: string, to: string, produced: ReadonlySet<string>): Promise<void> {
  const here = new Set(await entries(to));
  for (const name of await entries(from)) {
    if (produced.has(name) || here.has(name) || LEFTOVER.test(name)) continue;
    await rename(path.join(from, name), path.join(to, name));
  }
}

/** True when replacing `target` would move the working directory or the project itself. */
function holds(target: string, inner: string[]): boolean {
  return inner.some((p) => {
    const rel = path.relative(target, path.resolve(p));
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}

/**
 * Swaps `staging` (holding exactly the files in `produced`) in as `target`. When the target
 * holds the working directory or one of `keep` (a project), files are renamed in one by one
 * instead: each is atomic, the set is not.
 */
export async function commitDirectory(
  staging: string,
  target: string,
  produced: string[],
  keep: string[] = [],
): Promise<void> {
  const names = new Set(produced);
  if (holds(target, [process.cwd(), ...keep])) {
    await mkdir(target, { recursive: true });
    for (const name of produced) await rename(path.join(staging, name), path.join(target, name));
    await rm(staging, { recursive: true, force: true });
    return;
  }
  for (let attempt = 0; ; attempt++) {
    if (!(await exists(target))) {
      try {
        await rename(staging, target);
        return;
      } catch (error) {
        // Another run created the target meanwhile: swap with it instead.
        if (attempt > 3) throw error;
        continue;
      }
    }
    const old = siblingName(target, 'old');
    try {
      await rename(target, old);
    } catch (error) {
      if (attempt > 3 || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      continue;
    }
    await rename(staging, target);
    await moveForeign(old, target, names);
    await rm(old, { recursive: true, force: true });
    return;
  }
}
