import { graphStats, type GraphStats } from '../../stats/graph-stats.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { PROJECT_OPTIONS, PROJECT_USAGE, runCompile } from '../run-compile.js';

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_c, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}

function counts(title: string, record: Record<string, number>): string {
  const rows = Object.entries(record).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  return `${title}\n${table(rows.map(([k, v]) => [`  ${k}`, String(v)]))}`;
}

export function formatStats(s: GraphStats): string {
  const shownSizes = s.components.sizes.slice(0, 10).join(', ');
  const more = s.components.sizes.length > 10 ? ', …' : '';
  return [
    s.title === undefined ? s.name : `${s.title} (${s.name})`,
    `${s.entities} entities, ${s.relations} relations, ${s.sources} sources`,
    '',
    counts('Entities by type', s.entityTypes),
    '',
    counts('Relations by type', s.relationTypes),
    '',
    'Top entities by degree',
    table(s.topByDegree.map((t) => [`  ${t.label}`, `(${t.id}, ${t.type})`, String(t.degree)])),
    '',
    `Connected components: ${s.components.count} (sizes ${shownSizes}${more})`,
    s.dated.relations
      ? `Dated relations: ${s.dated.relations}, from ${s.dated.first} to ${s.dated.last}`
      : 'Dated relations: none',
    '',
  ].join('\n');
}

export const stats: Command = {
  name: 'stats',
  summary: 'counts by type, top entities by degree, connected components',
  usage: `Usage: kg stats [dir] [options]

Options:
  --top <n>                how many top entities to list (default 10)
  --format text|json       output format (default text)
${PROJECT_USAGE}`,
  options: { ...PROJECT_OPTIONS, top: { type: 'string' }, format: { type: 'string' } },
  async run(args, io) {
    const format = args.values.format ?? 'text';
    if (format !== 'text' && format !== 'json')
      throw new UsageError('--format must be text or json');
    const topText = args.values.top ?? '10';
    if (typeof topText !== 'string' || !/^\d+$/.test(topText)) {
      throw new UsageError('--top must be a whole number');
    }
    const dir = args.positionals[0] ?? 'data';
    const { result, exit } = await runCompile(dir, args, io, { layout: 'none' });
    if (exit !== undefined || !result) return exit ?? EXIT.errors;
    const s = graphStats(result.graph, Number(topText));
    io.stdout.write(format === 'json' ? `${JSON.stringify(s, null, 2)}\n` : formatStats(s));
    return EXIT.ok;
  },
};
