// `kg sources [dir]`: per source with a text, its quotes (anchored, failing) and how much of
// it the facts cite — paragraphs and sentences — with the paragraphs no fact cites yet.
import { sourceCoverage, type SourceCoverage } from '../../sources/coverage.js';
import { own } from '../../util/dict.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { PROJECT_OPTIONS, PROJECT_USAGE, runCompile } from '../run-compile.js';

export interface SourcesReport {
  sources: (SourceCoverage & { title: string })[];
  /** Sources declared without a `file:` (their quotes are not checked). */
  withoutText: string[];
  totals: {
    quotes: { anchored: number; failing: number };
    paragraphs: { total: number; cited: number };
    sentences: { total: number; cited: number };
  };
}

function percent(part: number, whole: number): string {
  return whole ? `${Math.round((100 * part) / whole)}%` : '–';
}

function share(label: string, s: { total: number; cited: number }): string {
  return `${label}${s.cited} of ${s.total} cited (${percent(s.cited, s.total)})`;
}

export function formatSources(report: SourcesReport): string {
  const out: string[] = [];
  for (const s of report.sources) {
    out.push(`${s.id} — ${s.title}`, `  ${s.file} (${s.format}, ${s.characters} characters)`);
    const failing = s.quotes.failing ? `, ${s.quotes.failing} failing` : '';
    const repeated = s.quotes.repeated
      ? ` (${s.quotes.repeated} found more than once, placed by reading order or near:)`
      : '';
    out.push(`  quotes      ${s.quotes.anchored} anchored${failing}${repeated}`);
    out.push(share('  paragraphs  ', s.paragraphs), share('  sentences   ', s.sentences));
    for (const f of s.failures) {
      out.push(`  ✗ ${f.file}:${f.line}:${f.column} ${f.status}: ${JSON.stringify(f.quote)}`);
    }
    if (s.uncited.length) {
      out.push('  not yet encoded:');
      const width = Math.max(...s.uncited.map((u) => String(u.line).length));
      for (const u of s.uncited) out.push(`    line ${String(u.line).padEnd(width)}  ${u.words}`);
    }
    out.push('');
  }
  const t = report.totals;
  const n = report.sources.length;
  out.push(
    `${n} source${n === 1 ? '' : 's'} with a text: ${t.quotes.anchored} quotes anchored, ` +
      `${t.quotes.failing} failing; ${share('paragraphs ', t.paragraphs)}, ` +
      `${share('sentences ', t.sentences)}`,
  );
  if (report.withoutText.length) {
    out.push(
      `without a text (quotes not checked; add file: to the source): ${report.withoutText.join(', ')}`,
    );
  }
  return `${out.join('\n')}\n`;
}

export const sources: Command = {
  name: 'sources',
  summary: 'quotes checked against each source text, and what is not yet encoded',
  usage: `Usage: kg sources [dir] [options]

For each source with a text (file: in its declaration), prints its quotes
(anchored, failing), the share of its paragraphs and sentences cited by at least
one fact, and the paragraphs no fact cites yet (line and first words): the
to-do list of what is left to encode. Diagnostics go to stderr as with
kg validate; exit code 1 when the project has errors (the report is printed
all the same).

Options:
  --format text|json       report as text or JSON (stdout)
${PROJECT_USAGE}`,
  options: { ...PROJECT_OPTIONS, format: { type: 'string' } },
  async run(args, io) {
    const format = args.values.format ?? 'text';
    if (format !== 'text' && format !== 'json') {
      throw new UsageError('--format must be text or json');
    }
    if (args.positionals.length > 1) throw new UsageError('sources takes one directory');
    const dir = args.positionals[0] ?? 'data';
    const { result, exit } = await runCompile(dir, args, io, { layout: 'none' });
    if (!result) return exit ?? EXIT.errors;
    const info = result.graph.getAttribute('sources');
    const withText = new Set(result.texts.map((t) => t.id));
    const report: SourcesReport = {
      sources: result.texts.map((t) => ({
        ...sourceCoverage(t),
        title: own(info, t.id)?.title ?? t.id,
      })),
      withoutText: Object.keys(info)
        .filter((id) => !withText.has(id))
        .sort(),
      totals: {
        quotes: { anchored: 0, failing: 0 },
        paragraphs: { total: 0, cited: 0 },
        sentences: { total: 0, cited: 0 },
      },
    };
    const t = report.totals;
    for (const s of report.sources) {
      t.quotes.anchored += s.quotes.anchored;
      t.quotes.failing += s.quotes.failing;
      for (const k of ['paragraphs', 'sentences'] as const) {
        t[k].total += s[k].total;
        t[k].cited += s[k].cited;
      }
    }
    io.stdout.write(
      format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatSources(report),
    );
    return exit ?? EXIT.ok;
  },
};
