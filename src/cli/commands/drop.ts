// `kg drop [dir | --graph-name NAME]`: deletes one pushed graph from Neo4j (see docs/neo4j.md),
// after a confirmation unless --yes; refuses to guess when nobody can answer.
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { compile, hasErrors } from '../../compile/compile.js';
import { ProjectNotFoundError } from '../../compile/load-project.js';
import { connect } from '../../neo4j/connection.js';
import type { GraphCounts } from '../../neo4j/drop.js';
import { KgNeo4jError, Neo4jConnectionError } from '../../neo4j/errors.js';
import { EXIT, UsageError, type Command, type CommandIO } from '../command.js';
import { connectionFrom, NEO4J_OPTIONS, NEO4J_USAGE } from '../neo4j-options.js';

const plural = (n: number, word: string, words = `${word}s`) => `${n} ${n === 1 ? word : words}`;

export function describeCounts(c: GraphCounts): string {
  return [
    plural(c.entities, 'entity', 'entities'),
    plural(c.relationships, 'relationship'),
    plural(c.sources, 'source'),
    plural(c.citations, 'citation'),
    plural(c.evidence, 'evidence item'),
  ].join(', ');
}

/** The graph name: --graph-name, else what `kg push dir` would use (the compiled graph's name). */
async function graphNameFrom(
  args: Parameters<Command['run']>[0],
  io: CommandIO,
): Promise<{ name?: string; exit?: number }> {
  const flag = args.values['graph-name'];
  if (typeof flag === 'string') {
    if (args.positionals.length > 0) {
      throw new UsageError('give a directory or --graph-name, not both');
    }
    if (flag === '') throw new UsageError('--graph-name must not be empty');
    return { name: flag };
  }
  if (args.positionals.length > 1) throw new UsageError('drop takes one directory');
  const dir = path.resolve(io.cwd, args.positionals[0] ?? 'data');
  try {
    const result = await compile(dir, { layout: 'none' });
    if (hasErrors(result.diagnostics)) {
      io.stderr.write(
        `kg drop: ${path.relative(io.cwd, dir) || '.'} has errors, so its graph name is uncertain; ` +
          'fix them (kg validate) or name the graph with --graph-name\n',
      );
      return { exit: EXIT.errors };
    }
    return { name: result.graph.getAttribute('name') };
  } catch (error) {
    if (error instanceof ProjectNotFoundError) {
      io.stderr.write(`kg drop: ${error.message}\n`);
      return { exit: EXIT.usage };
    }
    throw error;
  }
}

async function confirm(io: CommandIO, question: string): Promise<boolean> {
  const rl = createInterface({ input: io.stdin ?? process.stdin, output: io.stderr });
  try {
    const answer = await rl.question(question);
    return /^(y|yes)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}

export const drop: Command = {
  name: 'drop',
  summary: 'delete one pushed graph from Neo4j (asks first; --dry-run, --yes)',
  usage: `Usage: kg drop [dir | --graph-name <name>] [options]

Deletes from Neo4j everything \`kg push\` wrote for one graph: its entities, sources and
their relationships. Nothing of another graph name is touched. The graph is the one
\`kg push dir\` writes (dir defaults to data), or --graph-name.

Options:
${NEO4J_USAGE}
  --graph-name <name>      the graph to delete (instead of a project directory)
  --dry-run                show what would be deleted, delete nothing
  -y, --yes                do not ask (needed when stdin is not a terminal)

Exit codes: 0 deleted (or nothing to delete), 1 not confirmed or errors in the project,
2 usage (including no --yes without a terminal), 3 Neo4j connection problem.`,
  options: {
    ...NEO4J_OPTIONS,
    'graph-name': { type: 'string' },
    'dry-run': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
  },
  async run(args, io) {
    const { dropGraph, graphCounts, graphNames } = await import('../../neo4j/drop.js');
    let connection;
    try {
      connection = connectionFrom(args, io);
    } catch (error) {
      if (error instanceof Neo4jConnectionError) {
        io.stderr.write(`kg drop: ${error.message}\n`);
        return EXIT.connection;
      }
      throw error;
    }
    const { name, exit } = await graphNameFrom(args, io);
    if (name === undefined) return exit ?? EXIT.errors;
    const dryRun = args.values['dry-run'] === true;
    const interactive = (io.stdin ?? process.stdin).isTTY === true;
    // Checked before connecting: a script without --yes learns it at once.
    if (!dryRun && args.values.yes !== true && !interactive) {
      io.stderr.write(
        `kg drop: refusing to delete graph '${name}' without confirmation: stdin is not a ` +
          'terminal. Pass --yes to delete, or --dry-run to see what would be deleted.\n',
      );
      return EXIT.usage;
    }
    const where = `${connection.uri}${connection.database ? ` (database ${connection.database})` : ''}`;
    const options = {
      uri: connection.uri,
      ...(connection.database ? { database: connection.database } : {}),
    };
    let driver;
    try {
      driver = await connect(connection);
      const counts = await graphCounts(driver, name, options);
      if (counts.entities + counts.sources + counts.evidence === 0) {
        const others = (await graphNames(driver, options)).map((g) => `'${g}'`);
        io.stdout.write(
          `Nothing to drop: no graph '${name}' at ${where}` +
            `${others.length ? ` (graphs there: ${others.join(', ')})` : ''}.\n`,
        );
        return EXIT.ok;
      }
      const what = `graph '${name}' at ${where}: ${describeCounts(counts)}`;
      if (dryRun) {
        io.stdout.write(`Dry run (nothing deleted): would delete ${what}.\n`);
        return EXIT.ok;
      }
      if (args.values.yes !== true && !(await confirm(io, `Delete ${what}? [y/N] `))) {
        io.stderr.write('kg drop: not confirmed; nothing deleted.\n');
        return EXIT.errors;
      }
      const started = performance.now();
      const deleted = await dropGraph(driver, name, options);
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      io.stdout.write(
        `Dropped graph '${name}' in ${seconds} s: ${plural(deleted.nodes, 'node')} and ` +
          `${plural(deleted.relationships, 'relationship')} deleted.\n`,
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof KgNeo4jError) {
        io.stderr.write(`kg drop: ${error.message} [${error.code}]\n`);
        return error instanceof Neo4jConnectionError ? EXIT.connection : EXIT.errors;
      }
      throw error;
    } finally {
      await driver?.close();
    }
  },
};
