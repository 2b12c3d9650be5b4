// Watches a project directory for YAML changes (recursive fs.watch: Linux needs Node ≥ 20)
// and calls back once per burst of saves; editors often write a file several times.
import { watch, type FSWatcher } from 'node:fs';

export interface WatchOptions {
  debounceMs: number;
}
export const DEFAULT_WATCH_OPTIONS: WatchOptions = { debounceMs: 150 };

/** YAML files, and the source texts that quotes are checked against. */
const YAML = /\.(ya?ml|txt|text|md|markdown|html?)$/i;

export function watchYaml(
  dir: string,
  onChange: (files: string[]) => void,
  options: Partial<WatchOptions> = {},
): { close(): void } {
  const { debounceMs } = { ...DEFAULT_WATCH_OPTIONS, ...options };
  let timer: NodeJS.Timeout | undefined;
  let pending = new Set<string>();
  const watcher: FSWatcher = watch(dir, { recursive: true }, (_event, name) => {
    const file = name?.toString() ?? '';
    if (file && !YAML.test(file)) return;
    if (file.split(/[\\/]/).some((s) => s.startsWith('.') || s === 'node_modules')) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending = new Set();
      onChange(files);
    }, debounceMs);
  });
  watcher.on('error', () => {
    /* the directory may vanish briefly during an atomic save; keep running */
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
