// `kg query "<cypher>"`: runs a read query against the configured Neo4j and prints the rows.
import { connect } from '../../neo4j/connection.js';
import { KgNeo4jError, Neo4jConnectionError } from '../../neo4j/errors.js';
import type { PlainValue, QueryResult } from '../../neo4j/query.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { connectionFrom, NEO4J_OPTIONS, NEO4J_USAGE } from '../neo4j-options.js';
import { dict } from '../../util/dict.js';

function cellText(value: PlainValue): string {
  if (value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function formatTable(result: QueryResult): string {
  const rows = [
    result.columns,
    ...result.rows.map((r) => r.map((v) => cellText(v).replace(/\r?\n/g, '⏎'))),
  ];
  const widths = result.columns.map((_c, i) =>
    Math.max(...rows.map((r) => [...(r[i] ?? '')].length)),
  );
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c + ' '.repeat((widths[i] ?? 0) - [...c].length)))
      .join(' | ');
  const rule = widths.map((w) => '-'.repeat(w)).join('-+-');
  const count = `(${result.rows.length} row${result.rows.length === 1 ? '' : 's'})`;
  return [line(result.columns), rule, ...rows.slice(1).map(line), count, ''].join('\n');
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function formatCsv(result: QueryResult): string {
  const lines = [result.columns, ...result.rows.map((r) => r.map(cellText))];
  return lines.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export function formatJson(result: QueryResult): string {
  const objects = result.rows.map((r) =>
    Object.fromEntries(result.columns.map((c, i) => [c, r[i] ?? null])),
  );
  return `${JSON.stringify(objects, null, 2)}\n`;
}

function parseParams(list: unknown): Record<string, unknown> {
  const params = dict<unknown>();
  for (const item of Array.isArray(list) ? list : []) {
    const text = String(item);
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--param must be name=value (got '${text}')`);
    const raw = text.slice(eq + 1);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Not JSON: the plain string.
    }
    params[text.slice(0, eq)] = value;
  }
  // The driver reads the parameter object's constructor (neo4j-driver 6 mapping rules): a
  // plain object, whose keys fromEntries defines as own properties (`__proto__` included).
  return Object.fromEntries(Object.entries(params));
}

export const query: Command = {
  name: 'query',
  summary: 'run a read-only Cypher query on Neo4j and print the rows',
  usage: `Usage: kg query "<cypher>" [options]

Runs the query in a read transaction (writes are refused) and prints a table.

Options:
  --format table|json|csv  output format (default table)
  --param name=value       query parameter ($name); value parsed as JSON when it is JSON
${NEO4J_USAGE}

Exit codes: 0 ok, 1 query failed, 2 usage, 3 Neo4j connection problem.`,
  options: {
    ...NEO4J_OPTIONS,
    format: { type: 'string' },
    param: { type: 'string', multiple: true },
  },
  async run(args, io) {
    // Loaded on use, like the driver itself (see connection.ts).
    const { runReadQuery } = await import('../../neo4j/query.js');
    if (args.positionals.length !== 1)
      throw new UsageError('query takes exactly one Cypher string');
    const cypher = args.positionals[0] as string;
    const format = args.values.format ?? 'table';
    if (format !== 'table' && format !== 'json' && format !== 'csv') {
      throw new UsageError('--format must be table, json or csv');
    }
    const params = parseParams(args.values.param);
    let driver;
    try {
      const connection = connectionFrom(args, io);
      driver = await connect(connection);
      const result = await runReadQuery(driver, cypher, params, connection);
      io.stdout.write(
        format === 'json'
          ? formatJson(result)
          : format === 'csv'
            ? formatCsv(result)
            : formatTable(result),
      );
      return EXIT.ok;
    } catch (error) {
      if (error instanceof KgNeo4jError) {
        io.stderr.write(`kg query: ${error.message} [${error.code}]\n`);
        return error instanceof Neo4jConnectionError ? EXIT.connection : EXIT.errors;
      }
      throw error;
    } finally {
      await driver?.close();
    }
  },
};
