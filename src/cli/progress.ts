// A one-line status for long commands on a terminal ("parsing 12/200 files"), redrawn in
// place at most ten times a second; silent when stderr is piped or --quiet is given.
import type { CompileProgress } from '../compile/compile.js';
import type { CommandIO } from './command.js';

/** Rows (nodes, edges, CSV lines) written by an export. */
export interface WriteProgress {
  phase: 'write';
  done: number;
  total: number;
}

export type Progress = CompileProgress | WriteProgress;

const NOUNS: Record<Exclude<Progress['phase'], 'write'>, string> = {
  parse: 'parsing files',
  resolve: 'resolving relations',
  layout: 'laying out',
};

export interface ProgressLine {
  update(progress: Progress): void;
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
      const ratio = `${number.format(p.done)}/${number.format(p.total)}`;
      const text =
        p.phase === 'write'
          ? `writing ${ratio} rows`
          : `${NOUNS[p.phase]} ${p.phase === 'layout' ? `${number.format(p.total)} entities` : ratio}`;
      io.stderr.write(`\r\u001b[Kkg: ${text}…`);
      shown = true;
    },
    done() {
      if (shown) io.stderr.write('\r\u001b[K');
      shown = false;
    },
  };
}

export interface RowCounter {
  /** One more row (an exporter chunk) written. */
  row(): void;
  /** Everything written: shows the total. */
  finish(): void;
}

/**
 * Counts rows for the 'write' phase. Exporters yield one chunk per node or edge (GEXF, GraphML,
 * JSON, CSV) or per CSV line (neo4j-csv), plus a few header/footer chunks, so chunks stand in
 * for rows; the count is capped at `total` until `finish`, so framing chunks never overshoot.
 */
export function rowCounter(line: ProgressLine, total: number): RowCounter {
  let done = 0;
  return {
    row() {
      done++;
      if (done < total) line.update({ phase: 'write', done, total });
    },
    finish() {
      done = total;
      line.update({ phase: 'write', done, total });
    },
  };
}
