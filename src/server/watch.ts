// Watches a project directory for YAML changes (recursive fs.watch: Linux needs Node ≥ 20)
// and calls back once per burst of saves; editors often write a file several times.
//
// A recursive watch dies for good when its directory is renamed (even away and back), deleted
// and recreated, or replaced by a checkout: it then reports nothing, ever. So the watch is
// supervised: a rename of the directory itself, a watcher error, or a change of the
// directory's identity seen by a slow poll re-arms it on whatever is at the path now, and
// reports a change so the caller recompiles (the files may differ from before).
import { statSync, watch, type FSWatcher } from 'node:fs';

export interface WatchOptions {
  /** Quiet time after the last event before `onChange` is called. */
  debounceMs: number;
  /** How often the directory's identity is checked (a missed rename or a re-created folder). */
  pollMs: number;
}
// An editor's save is a burst of events within a few milliseconds (truncate and write, or a
// temporary file renamed over the old one): 50 ms of quiet covers it without delaying the page.
export const DEFAULT_WATCH_OPTIONS: WatchOptions = { debounceMs: 50, pollMs: 1000 };

/** YAML files, and the source texts that quotes are checked against. */
const YAML = /\.(ya?ml|txt|text|md|markdown|html?)$/i;

/** The directory's identity, or undefined when nothing (or not a directory) is at the path. */
function identity(dir: string): string | undefined {
  try {
    const info = statSync(dir);
    return info.isDirectory() ? `${info.dev}:${info.ino}` : undefined;
  } catch {
    return undefined;
  }
}

export function watchYaml(
  dir: string,
  onChange: (files: string[]) => void,
  options: Partial<WatchOptions> = {},
): { close(): void } {
  const { debounceMs, pollMs } = { ...DEFAULT_WATCH_OPTIONS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  let watcher: FSWatcher | undefined;
  let armedOn: string | undefined;
  let closed = false;

  const changed = (file: string): void => {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      onChange(files);
    }, debounceMs);
  };

  const disarm = (): void => {
    watcher?.close();
    watcher = undefined;
    armedOn = undefined;
  };

  const arm = (): void => {
    const id = identity(dir);
    if (id === undefined) return;
    try {
      const w = watch(dir, { recursive: true }, (_event, name) => {
        const file = name?.toString() ?? '';
        // An event without a name is the watched directory itself (renamed or deleted): this
        // watcher reports nothing more, so a fresh one is armed once the path is back.
        if (file === '') {
          disarm();
          check();
          return;
        }
        if (!YAML.test(file)) return;
        if (file.split(/[\\/]/).some((s) => s.startsWith('.') || s === 'node_modules')) return;
        changed(file);
      });
      w.on('error', () => {
        // The directory vanished (an atomic save, a checkout): the poll re-arms.
        if (watcher === w) disarm();
      });
      watcher = w;
      armedOn = id;
    } catch {
      // Gone between the stat and the watch: the next poll tries again.
      disarm();
    }
  };

  /** Re-arms on whatever directory is at the path now, reporting a change if it was lost. */
  function check(): void {
    if (closed) return;
    const id = identity(dir);
    if (watcher && id === armedOn) return;
    disarm();
    if (id === undefined) return;
    arm();
    if (watcher) changed('');
  }

  arm();
  const poll = setInterval(check, pollMs);
  poll.unref();
  return {
    close: () => {
      closed = true;
      clearTimeout(timer);
      clearInterval(poll);
      disarm();
    },
  };
}
