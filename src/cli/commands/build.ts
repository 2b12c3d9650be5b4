import path from 'node:path';
import { summarize } from '../../language/format-diagnostic.js';
import { EXPORTERS, type Format } from '../../export/registry.js';
import { writeOutputSet } from '../../export/write-output.js';
import { writeSite } from '../../server/site.js';
import { readerDocs } from '../../sources/reader-doc.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { outputFailure } from '../output-failure.js';
import { progressLine, rowCounter } from '../progress.js';
import {
  LAYOUT_OPTIONS,
  LAYOUT_USAGE,
  PROJECT_OPTIONS,
  PROJECT_USAGE,
  runCompile,
  seconds,
} from '../run-compile.js';

/** What `kg build` writes; the Neo4j formats have their own command paths (docs/neo4j.md). */
const BUILD_FORMATS: readonly Format[] = ['json', 'gexf', 'graphml', 'csv'];

export const build: Command = {
  name: 'build',
  summary: 'compile a project and write graph.json, GEXF, GraphML and CSV files',
  usage: `Usage: kg build [dir] [options]

Compiles dir (default ./data) and writes, into the output directory:
  graph.json     graphology serialization (what the viewer loads)
  graph.gexf     GEXF 1.3 for Gephi and networkx (dynamic when relations have dates)
  graph.graphml  GraphML with typed keys, for networkx, igraph, Gephi, yEd
  nodes.csv, edges.csv   for spreadsheets
With --site, also writes a self-contained static viewer (index.html with the
graph inlined, plus graph.json) that works from any static host or from disk.
Nothing is written when the project has errors; each file is written atomically.
GEXF and GraphML have every edge directed and symmetric relations flagged
symmetric=true, so networkx and igraph read them too; --mixed writes symmetric
relations as undirected edges (a mixed graph, for Gephi only).

Options:
  -o, --out <dir>          output directory (default ./out)
  --site <dir>             also write the static viewer site into <dir>
  --mixed                  GEXF and GraphML in the mixed form (Gephi only)
${LAYOUT_USAGE}
${PROJECT_USAGE}`,
  options: {
    ...PROJECT_OPTIONS,
    ...LAYOUT_OPTIONS,
    out: { type: 'string', short: 'o' },
    site: { type: 'string' },
    mixed: { type: 'boolean' },
  },
  async run(args, io) {
    if (args.positionals.length > 1) throw new UsageError('build takes one directory');
    const dir = args.positionals[0] ?? 'data';
    const out = typeof args.values.out === 'string' ? args.values.out : 'out';
    const started = performance.now();
    const { result, exit } = await runCompile(dir, args, io);
    if (exit !== undefined || !result) return exit ?? EXIT.errors;
    const { graph } = result;
    const outDir = path.resolve(io.cwd, out);
    // Every build format writes each node and each edge once (one chunk each).
    const progress = progressLine(io, args.values.quiet === true);
    const rows = rowCounter(progress, BUILD_FORMATS.length * (graph.order + graph.size));
    const site = args.values.site;
    try {
      // One set: every file is staged, then the directory is swapped in as a whole.
      const parts = BUILD_FORMATS.map((format) => ({ exporter: EXPORTERS[format], graph }));
      await writeOutputSet(parts, outDir, {
        onChunk: rows.row,
        keep: [path.resolve(io.cwd, dir)],
        exportOptions: { mixed: args.values.mixed === true },
      });
      rows.finish();
      if (typeof site === 'string') {
        await writeSite(graph, path.resolve(io.cwd, site), {
          sourceTexts: readerDocs(graph, result.texts),
        });
      }
    } catch (error) {
      const exit = outputFailure(error, io, 'build');
      if (exit === undefined) throw error;
      return exit;
    } finally {
      progress.done();
    }
    if (args.values.quiet !== true) {
      const schema = graph.getAttribute('schema');
      const types = Object.keys(schema.entities).length + Object.keys(schema.relations).length;
      io.stderr.write(
        `✓ built ${dir} → ${out}: ${graph.order} entities, ${graph.size} relations, ${types} types, ` +
          `${summarize(result.diagnostics)} in ${seconds(performance.now() - started)}\n`,
      );
      if (typeof site === 'string')
        io.stderr.write(`✓ static site: ${path.join(site, 'index.html')}\n`);
    }
    return EXIT.ok;
  },
};
