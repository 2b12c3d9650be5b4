// `kg export --format neo4j-csv --stream`: two passes over the YAML, no graph in memory
// (src/export/neo4j-csv-stream.ts), with the same diagnostics and exit codes as other commands.
import path from 'node:path';
import { ProjectNotFoundError } from '../compile/load-project.js';
import { streamNeo4jCsv, type StreamNeo4jCsvResult } from '../export/neo4j-csv-stream.js';
import { EXIT, type CommandIO, type ParsedArgs } from './command.js';
import { outputFailure } from './output-failure.js';
import { progressLine } from './progress.js';
import { compileOptionsFrom, reportDiagnostics } from './run-compile.js';

export async function runStreamExport(
  dir: string,
  target: string,
  args: ParsedArgs,
  io: CommandIO,
): Promise<number> {
  const quiet = args.values.quiet === true;
  const progress = progressLine(io, quiet);
  const { maxFileSize } = compileOptionsFrom(args.values);
  let result: StreamNeo4jCsvResult;
  try {
    result = await streamNeo4jCsv(dir, target, {
      ...(maxFileSize === undefined ? {} : { maxFileSize }),
      onProgress: (p) => progress.update(p),
      onRows: (done, total) => progress.update({ phase: 'write', done, total }),
    });
  } catch (error) {
    if (error instanceof ProjectNotFoundError) {
      io.stderr.write(`kg: ${error.message}\n`);
      return EXIT.usage;
    }
    const exit = outputFailure(error, io, 'export');
    if (exit !== undefined) return exit;
    throw error;
  } finally {
    progress.done();
  }
  const exit = reportDiagnostics(result.diagnostics, result.files, dir, args, io);
  if (exit !== undefined) return exit;
  if (!quiet) {
    const { entities, relations } = result.counts;
    io.stderr.write(
      `✓ wrote ${path.relative(io.cwd, target) || target} (streamed: ${entities} entities, ` +
        `${relations} relations)\n`,
    );
  }
  return EXIT.ok;
}
