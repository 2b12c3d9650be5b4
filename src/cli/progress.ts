// A one-line status for long commands on a terminal ("parsing 12/200 files"), redrawn in
// place at most ten times a second; silent when stderr is piped or --quiet is given.
import type { CompileProgress } from '../compile/compile.js';
import type { CommandIO } from './command.js';

const NOUNS: Record<CompileProgress['phase'], string> = {
  parse: 'parsing files',
  resolve: 'resolving relations',
  layout: 'laying out',
};

export interface ProgressLine {
  update(progress: CompileProgress): void;
  /** Erases the line (before diagnostics or the summary are printed). */
  done(): void;
}

const SILENT: ProgressLine = { update: () => undefined, done: () => undefined };

export function progressLine(io: CommandIO, quiet: boolean, intervalMs = 100): ProgressLine {
  if (quiet || io.stderr.isTTY !== true) return SILENT;
  let last = 0;
  let shown = false;
  const number = new Intl.NumberFormat('en');
  return {
    update(p) {
      const now = performance.now();
      const finished = p.done === p.total;
      if (!finished && now - last < intervalMs) return;
      last = now;
      const count =
        p.phase === 'layout'
          ? `${number.format(p.total)} entities`
          : `${number.format(p.done)}/${number.format(p.total)}`;
      io.stderr.write(`\r\u001b[Kkg: ${NOUNS[p.phase]} ${count}…`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}
