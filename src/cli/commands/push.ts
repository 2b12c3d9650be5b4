// `kg push [dir]`: compiles a project and writes it to Neo4j (see docs/neo4j.md).
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { connect } from '../../neo4j/connection.js';
import { KgNeo4jError, Neo4jConnectionError } from '../../neo4j/errors.js';
import type { StagedSchema } from '../../neo4j/prepare.js';
import type { PhaseTiming, PushCounts, PushProgress, PushSummary } from '../../neo4j/push.js';
import { EXIT, UsageError, type Command, type CommandIO } from '../command.js';
import { connectionFrom, NEO4J_OPTIONS, NEO4J_USAGE } from '../neo4j-options.js';
import { isCarriableText } from '../../language/text-rule.js';
import { PROJECT_OPTIONS, PROJECT_USAGE } from '../project-options.js';

function counts(c: PushCounts, verb: string): string {
  return `${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.deleted} ${verb}`;
}

export function formatPushSummary(s: PushSummary): string {
  const would = s.dryRun ? 'would be ' : '';
  return [
    `${s.dryRun ? 'Dry run (nothing written) for' : 'Pushed'} graph '${s.graph}' in ${(s.ms / 1000).toFixed(2)} s (${s.rate} nodes+relationships/s, ${s.transactions} transaction${s.transactions === 1 ? '' : 's'})`,
    `  entities       ${counts(s.nodes, `${would}deleted`)}`,
    `  relationships  ${counts(s.relationships, `${would}deleted`)}`,
    `  sources        ${counts(s.sources, `${would}deleted`)}`,
    `  evidence       ${counts(s.evidence, `${would}deleted`)}`,
    ...(s.dryRun
      ? []
      : [`  citations      ${s.citations.created} created, ${s.citations.deleted} deleted`]),
    '',
  ].join('\n');
}

/**
 * `--verbose`: where the time went, client-side phases (start-up, compile, connect) included.
 * Each phase's start and end are ms since the process started, so phases that overlapped (the
 * compile beside connecting and the schema) show as such.
 */
export function formatPhases(phases: PhaseTiming[]): string {
  const width = Math.max(...phases.map((p) => p.phase.length));
  const lines = phases.map((p) => {
    const tx = p.transactions > 0 ? `  ${p.transactions} tx` : '';
    const span =
      p.start === undefined
        ? ''
        : `  ${String(p.start).padStart(6)} → ${String(p.start + p.ms).padStart(6)}`;
    return `  ${p.phase.padEnd(width)}${span}  ${String(p.ms).padStart(6)} ms${tx}`;
  });
  return ['Phases (from → to: ms since kg started):', ...lines, ''].join('\n');
}

function progressLine(io: CommandIO): ((p: PushProgress) => void) | undefined {
  if (io.stderr.isTTY !== true) return undefined;
  let last = 0;
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.done < p.total) return;
    last = now;
    io.stderr.write(`\r\x1b[K${p.phase} ${p.done}/${p.total}`);
  };
}

export const push: Command = {
  name: 'push',
  summary: 'write the graph to Neo4j (idempotent; --prune, --dry-run)',
  usage: `Usage: kg push [dir] [options]

Compiles the project in dir (default data) and MERGEs it into Neo4j: entities as
(:Entity:<Type>), sources as (:Source), relations as relationships of their type.
Pushing twice changes nothing. Everything pushed carries kg_graph = the graph name.

Options:
${NEO4J_USAGE}
  --graph-name <name>      scope of this push (default: the project directory's name)
  --batch-size <n>         rows per UNWIND transaction (default 5000)
  --prune                  delete what this graph pushed earlier that is gone from the data
                           (compares in full: also repairs a pushed graph edited by hand)
  --dry-run                show what would change, write nothing
  --verbose                print the time of each phase (compile, connect, schema, …)
${PROJECT_USAGE}

Exit codes: 0 ok, 1 errors in the data, 2 usage, 3 Neo4j connection problem.`,
  options: {
    ...PROJECT_OPTIONS,
    ...NEO4J_OPTIONS,
    'graph-name': { type: 'string' },
    'batch-size': { type: 'string' },
    prune: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    verbose: { type: 'boolean' },
  },
  async run(args, io) {
    const t0 = performance.now();
    if (args.positionals.length > 1) throw new UsageError('push takes one directory');
    const batchText = args.values['batch-size'];
    if (
      batchText !== undefined &&
      (typeof batchText !== 'string' || !/^[1-9]\d*$/.test(batchText))
    ) {
      throw new UsageError('--batch-size must be a positive whole number');
    }
    // Checked before connecting: a usage error must not leave a driver open (the process
    // then waited on its socket).
    const graphName = args.values['graph-name'];
    // The name scopes everything pushed (kg_graph): an empty or invisible one would mix graphs.
    if (typeof graphName === 'string' && !/\S/.test(graphName)) {
      throw new UsageError('--graph-name must not be empty');
    }
    if (typeof graphName === 'string' && !isCarriableText(graphName)) {
      throw new UsageError('--graph-name must not hold control characters');
    }
    let connection;
    try {
      connection = connectionFrom(args, io);
    } catch (error) {
      if (error instanceof Neo4jConnectionError) {
        io.stderr.write(`kg push: ${error.message} [${error.code}]\n`);
        return EXIT.connection;
      }
      throw error;
    }
    const dir = path.resolve(io.cwd, args.positionals[0] ?? 'data');
    const dryRun = args.values['dry-run'] === true;
    // The server's part of a first push is the long one (a cold JVM planning the first Cypher):
    // connecting and the schema start first, and the project compiles meanwhile. The schema is
    // staged in an open transaction, committed once the project compiled without errors.
    const timeline: PhaseTiming[] = [
      { phase: 'start-up (Node, modules)', start: 0, ms: Math.round(t0), transactions: 0 },
    ];
    const timed = (phase: string, start: number, transactions = 0, end = performance.now()) => {
      // Start and end rounded each (not the length): a phase shown beginning after another
      // ended did begin after it (rounding the length could put its end 1 ms later).
      const from = Math.round(start);
      timeline.push({ phase, start: from, ms: Math.round(end) - from, transactions });
    };
    let compileFailed = false;
    const connectStart = performance.now();
    // The driver, the handshake and the schema's statements go first: the server works on them
    // while this process loads the compiler and compiles (one thread: what runs first here
    // decides when the server gets its work). The rest of the push path loads meanwhile.
    const { stageSchema } = await import('../../neo4j/prepare.js');
    await import('neo4j-driver');
    const connecting: Promise<{ driver?: Driver; schema?: StagedSchema; error?: unknown }> =
      connect(connection, { probe: 'handshake' }).then(
        async (driver) => {
          timed('connect', connectStart, 1);
          if (compileFailed) return { driver };
          const staging = performance.now();
          const options = { dryRun, uri: connection.uri };
          if (connection.database) Object.assign(options, { database: connection.database });
          let schema: StagedSchema;
          try {
            schema = await stageSchema(driver, options);
          } catch (error) {
            await driver.close();
            return { error };
          }
          if (schema.ranAt !== undefined) timed('schema, staged', staging, 1, schema.ranAt);
          return { driver, schema };
        },
        (error: unknown) => ({ error }),
      );
    const compiling = performance.now();
    const pushModule = import('../../neo4j/push.js');
    pushModule.catch(() => undefined); // awaited (and so reported) only if the push goes on
    const { runCompile } = await import('../run-compile.js');
    const compiled = await runCompile(dir, args, io, { layout: 'none' }).catch(
      async (error: unknown) => {
        compileFailed = true;
        const { driver, schema } = await connecting;
        await schema?.rollback();
        await driver?.close();
        throw error;
      },
    );
    timed('compile', compiling);
    const { result, exit } = compiled;
    if (exit !== undefined || !result) compileFailed = true;
    const waiting = performance.now();
    const connected = await connecting;
    if (performance.now() - waiting >= 1) timed('waiting for the server', waiting);
    const { driver, schema } = connected;
    if (exit !== undefined || !result) {
      // Nothing is pushed: the staged schema is rolled back, the database left as it was.
      await schema?.rollback();
      await driver?.close();
      return exit ?? EXIT.errors;
    }
    const onProgress = progressLine(io);
    try {
      if (!driver || !schema) throw connected.error;
      const committing = performance.now();
      await schema.commit();
      if (!dryRun) timed('schema, commit', committing, 1);
      const { DEFAULT_PUSH_OPTIONS, pushGraph } = await pushModule;
      const summary = await pushGraph(driver, result.graph, {
        batchSize: batchText === undefined ? DEFAULT_PUSH_OPTIONS.batchSize : Number(batchText),
        prune: args.values.prune === true,
        dryRun,
        prepared: true,
        uri: connection.uri,
        ...(typeof graphName === 'string' ? { graphName } : {}),
        ...(connection.database ? { database: connection.database } : {}),
        ...(onProgress ? { onProgress } : {}),
      });
      if (onProgress) io.stderr.write('\r\x1b[K');
      if (args.values.quiet !== true) io.stdout.write(formatPushSummary(summary));
      if (args.values.verbose === true) {
        timeline.sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
        io.stdout.write(formatPhases([...timeline, ...summary.phases]));
      }
      return EXIT.ok;
    } catch (error) {
      if (onProgress) io.stderr.write('\n');
      if (error instanceof KgNeo4jError) {
        io.stderr.write(`kg push: ${error.message} [${error.code}]\n`);
        return error instanceof Neo4jConnectionError ? EXIT.connection : EXIT.errors;
      }
      throw error;
    } finally {
      await driver?.close();
    }
  },
};
