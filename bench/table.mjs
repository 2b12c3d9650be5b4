// Formatting for bench/run.mjs: the machine header, units, targets of issue 5 and the table.
import os from 'node:os';

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    totalMemoryBytes: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    hostname: os.hostname(),
  };
}

export const loadAverage = () => os.loadavg().map((v) => Number(v.toFixed(2)));

/** "10k" → 10000, "1m" → 1000000, "250000" → 250000. */
export function parseSize(text) {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(text.trim());
  if (!m) throw new Error(`invalid size '${text}' (e.g. 10k, 100k, 1m, 5000)`);
  const factor = { '': 1, k: 1e3, m: 1e6 }[m[2].toLowerCase()];
  return Math.round(Number(m[1]) * factor);
}

export function sizeLabel(relations) {
  if (relations % 1e6 === 0) return `${relations / 1e6}m`;
  if (relations % 1e3 === 0) return `${relations / 1e3}k`;
  return String(relations);
}

export function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Megabytes (10^6 bytes), as the issue's targets are written. */
export const mb = (bytes) => bytes / 1e6;

export function formatMs(ms) {
  if (ms === undefined) return '—';
  return ms < 10_000 ? `${(ms / 1000).toFixed(2)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export function formatMb(value) {
  if (value === undefined) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 && abs >= 0.5 ? '−' : ''; // no "−0 MB"
  return abs >= 1000 ? `${sign}${(abs / 1000).toFixed(2)} GB` : `${sign}${abs.toFixed(0)} MB`;
}

function formatBytes(bytes) {
  return bytes === undefined ? '—' : formatMb(mb(bytes));
}

// Targets of issues 5 and 14 on the 2-core machine, keyed by measurement then relation count.
const TARGETS = {
  validate: { 100000: { ms: 4000 }, 1000000: { ms: 40000, rssMb: 2500 } },
  build: { 100000: { ms: 8000 }, 1000000: { ms: 80000 } },
  'layout-full': { 100000: { ms: 10000 } },
  gexf: { any: { deltaMb: 300 } },
  graphml: { any: { deltaMb: 300 } },
  csv: { any: { deltaMb: 300 } },
  // Issue 15: the language server on the 100k project.
  'lsp-change': { 100000: { ms: 100 } },
  'lsp-completion': { 100000: { ms: 50 } },
  'lsp-memory': { 100000: { ratio: 1.5 } },
  'view-edit': { 100000: { ms: 1000 } },
  // Issue 14: the first push on a just-started Neo4j, and an unchanged re-push.
  'push-cold': { any: { ms: 3000 } },
  repush: { any: { ms: 1000 } },
  'push-cold-50types': { any: { ms: 5000 } },
  'repush-50types': { any: { ms: 1000 } },
};

export function checkTarget(id, relations, figures) {
  const target = TARGETS[id]?.[relations] ?? TARGETS[id]?.any;
  if (!target) return undefined;
  const parts = [];
  let ok = true;
  const check = (limit, value, text) => {
    if (limit === undefined) return;
    parts.push(text);
    if (value === undefined || value > limit) ok = false;
  };
  check(target.ms, figures.ms, `≤ ${formatMs(target.ms)}`);
  check(target.rssMb, figures.rssMb, `RSS ≤ ${formatMb(target.rssMb)}`);
  check(target.deltaMb, figures.deltaMb, `Δ ≤ ${formatMb(target.deltaMb)}`);
  check(target.ratio, figures.ratio, `≤ ${target.ratio}× compile() RSS`);
  return { text: parts.join(', '), ok };
}

function row(size, m) {
  const statusNote = m.status === 'ok' ? '' : m.status;
  const time =
    m.status === 'skipped'
      ? '—'
      : m.figures.ms === undefined
        ? statusNote
        : formatMs(m.figures.ms) + (m.figures.rate ? ` (${m.figures.rate})` : '');
  const target = m.target ? `${m.target.text} ${m.target.ok ? '✓' : '✗'}` : '';
  const note = m.status === 'ok' ? (m.note ?? '') : `${m.status}${m.note ? `: ${m.note}` : ''}`;
  return [
    size,
    m.label,
    time,
    m.status === 'skipped' ? '—' : formatMb(m.figures.rssMb),
    formatMb(m.figures.deltaMb),
    formatBytes(m.figures.outputBytes),
    target,
    note,
  ];
}

export function renderHeader(results) {
  const { machine, options } = results;
  const gib = (machine.totalMemoryBytes / 2 ** 30).toFixed(1);
  return [
    `kg bench — ${machine.cores} cores (${machine.cpu}), ${gib} GiB RAM, Node ${machine.node}, ` +
      `${machine.platform}`,
    `${results.started}${results.finished ? ` → ${results.finished}` : ''}; ` +
      `load average (1/5/15 min) ${results.load.start.join(' ')} at start` +
      `${results.load.end ? `, ${results.load.end.join(' ')} at end` : ''}; ` +
      `median of ${options.runs} run(s), seed ${options.seed}, timeout ${options.timeoutSec} s` +
      (options.profile ? '; PROFILED with --cpu-prof (times inflated)' : ''),
  ].join('\n');
}

/** An aligned markdown table of every measurement, sizes in order. */
export function renderTable(results) {
  const head = ['size', 'measurement', 'time', 'peak RSS', 'Δ RSS', 'output', 'target', 'note'];
  const rows = [];
  for (const [label, measurements] of Object.entries(results.cold ?? {})) {
    for (const m of Object.values(measurements)) rows.push(row(label, m));
  }
  for (const [label, size] of Object.entries(results.sizes)) {
    if (size.error) rows.push([label, 'generate', 'failed', '', '', '', '', size.error]);
    for (const m of Object.values(size.measurements ?? {})) rows.push(row(label, m));
  }
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const numeric = new Set([2, 3, 4, 5]);
  const pad = (c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]));
  const line = (cells) => `| ${cells.map(pad).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (numeric.has(i) ? `${'-'.repeat(w - 1)}:` : '-'.repeat(w))).join(' | ')} |`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}
