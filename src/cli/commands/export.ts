import path from 'node:path';
import { EXPORTERS, FORMATS, isFormat } from '../../export/registry.js';
import { writeOutput } from '../../export/write-output.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { outputFailure } from '../output-failure.js';
import { progressLine, rowCounter } from '../progress.js';
import { runStreamExport } from '../stream-export.js';
import {
  LAYOUT_OPTIONS,
  LAYOUT_USAGE,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
  runCompile,
} from '../run-compile.js';

/** The formats that read `--mixed` (ExportOptions.mixed). */
const MIXED_FORMATS = FORMATS.filter((f) => EXPORTERS[f].options?.includes('mixed'));

export const exportCommand: Command = {
  name: 'export',
  summary: `write one format: ${FORMATS.join(', ')}`,
  usage: `Usage: kg export [dir] --format <format> [-o file|dir|-]

Compiles dir (default ./data) and writes one export format.
Formats:
${FORMATS.map((f) => `  ${f.padEnd(10)} ${EXPORTERS[f].description}`).join('\n')}

Single-file formats write to stdout by default (or -o file); formats that
write several files need a directory (-o dir, default ./<format name>).
Nothing is written when the project has errors.

GEXF and GraphML are written so that Gephi, networkx and igraph all read them:
every edge directed, symmetric relations flagged symmetric=true. --mixed writes
symmetric relations as undirected edges instead (a mixed graph, which only
Gephi reads; see docs/exports.md).

--stream (neo4j-csv only) never builds the graph: it reads the project in
two passes (entities, then relations file by file) and writes each relation as
it is resolved, for projects beyond memory or graphology's 16.7M-edge limit.
Same files, byte for byte; layout and --threads do not apply.

Options:
  -f, --format <format>    the export format (required)
  -o, --out <file|dir|->   where to write
  --mixed                  ${MIXED_FORMATS.join(', ')}: the mixed form, for Gephi only
  --stream                 neo4j-csv without building the graph (see above)
${LAYOUT_USAGE}
${PROJECT_USAGE}`,
  options: {
    ...PROJECT_OPTIONS,
    ...LAYOUT_OPTIONS,
    format: { type: 'string', short: 'f' },
    out: { type: 'string', short: 'o' },
    stream: { type: 'boolean' },
    mixed: { type: 'boolean' },
  },
  async run(args, io) {
    const format = args.values.format;
    if (typeof format !== 'string')
      throw new UsageError(`--format is required (${FORMATS.join(', ')})`);
    if (!isFormat(format))
      throw new UsageError(`unknown format '${format}' (${FORMATS.join(', ')})`);
    if (args.positionals.length > 1) throw new UsageError('export takes one directory');
    const exporter = EXPORTERS[format];
    const dir = args.positionals[0] ?? 'data';
    const out = typeof args.values.out === 'string' ? args.values.out : undefined;
    if (out === '-' && exporter.output === 'directory') {
      throw new UsageError(`${format} writes several files: give a directory with -o`);
    }
    const mixed = args.values.mixed === true;
    if (mixed && !MIXED_FORMATS.includes(format)) {
      throw new UsageError(
        `--mixed applies to ${MIXED_FORMATS.join(' and ')} only (got '${format}')`,
      );
    }
    if (args.values.stream === true && format !== 'neo4j-csv') {
      throw new UsageError(`--stream works with --format neo4j-csv only (got '${format}')`);
    }
    const target =
      out === undefined
        ? exporter.output === 'directory'
          ? path.resolve(io.cwd, exporter.defaultName)
          : '-'
        : out === '-'
          ? '-'
          : path.resolve(io.cwd, out);
    if (args.values.stream === true) return runStreamExport(dir, target, args, io);
    const { result, exit } = await runCompile(dir, args, io);
    if (exit !== undefined || !result) return exit ?? EXIT.errors;
    const { graph } = result;
    const progress = progressLine(io, args.values.quiet === true);
    const rows = rowCounter(progress, graph.order + graph.size);
    let written;
    try {
      written = await writeOutput(exporter, graph, target, {
        stdout: io.stdout,
        onChunk: rows.row,
        exportOptions: { mixed },
        keep: [path.resolve(io.cwd, dir)],
      });
      rows.finish();
    } catch (error) {
      const exit = outputFailure(error, io, 'export');
      if (exit === undefined) throw error;
      return exit;
    } finally {
      progress.done();
    }
    if (target !== '-' && args.values.quiet !== true) {
      io.stderr.write(
        `✓ wrote ${written.paths.map((p) => path.relative(io.cwd, p) || p).join(', ')}\n`,
      );
    }
    return EXIT.ok;
  },
};
