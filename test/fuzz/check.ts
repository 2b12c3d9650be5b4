// What must hold for every input, however hostile (issue 9): no uncaught exception; every
// diagnostic has a known code and a position inside its file, and prints without a raw control
// character; the streaming compile reports the same; and when the project has no errors, every
// export is well-formed (XML parses, CSV parses back, the Cypher script's literals parse,
// neo4j-admin headers are intact), JSON, the Cypher script and the neo4j-admin files carry the
// same values as the Neo4j model, `kg push` sends values as parameters only, and exporting
// twice gives the same bytes.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DOMParser } from '@xmldom/xmldom';
import { MultiGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import type { Driver } from 'neo4j-driver';
import { main } from '../../src/cli/main.js';
import { compile, type CompileResult } from '../../src/compile/compile.js';
import { RestartStreamError, streamCompile } from '../../src/compile/stream-compile.js';
import { fileText } from '../../src/export/exporter.js';
import { EXPORTERS, FORMATS } from '../../src/export/registry.js';
import { CODES } from '../../src/language/codes.js';
import { diagnosticsToJson, formatDiagnostics } from '../../src/language/format-diagnostic.js';
import { lineText } from '../../src/language/source-file.js';
import { KgNeo4jError } from '../../src/neo4j/errors.js';
import { IDENTIFIER_PATTERN } from '../../src/neo4j/identifiers.js';
import { buildNeo4jModel, type Neo4jModel } from '../../src/neo4j/model.js';
import { pushGraph } from '../../src/neo4j/push.js';
import type { KgGraph } from '../../src/types.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { splitCypherScript } from '../helpers/neo4j.js';
import type { FuzzCase } from './arbitraries.js';
import { adminRows, norm, unwindRows, type Norm } from './readers.js';

export class FuzzFailure extends Error {}

function fail(message: string): never {
  throw new FuzzFailure(message);
}

function check(ok: boolean, message: string): void {
  if (!ok) fail(message);
}

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export interface CaseOutcome {
  errors: boolean;
  exported: boolean;
  gexf?: string;
}

function writeProject(dir: string, files: FuzzCase['files']): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

function checkDiagnostics(result: CompileResult): void {
  const texts = new Map(result.files.map((f) => [f.path, f]));
  for (const d of result.diagnostics) {
    const where = `${d.code} ${d.file}:${d.line}:${d.column} ${d.message}`;
    check(Object.hasOwn(CODES, d.code), `unknown code: ${where}`);
    check(d.message.trim() !== '', `empty message: ${where}`);
    check(
      !/TypeError|RangeError|stack size|undefined|\[object /.test(d.message),
      `JS error text: ${where}`,
    );
    check(d.line >= 1 && d.column >= 1, `position before the file: ${where}`);
    const file = texts.get(d.file);
    if (!file || file.text === '') continue;
    const lines = file.text.split('\n').length;
    check(d.line <= lines, `line past the end (${lines} lines): ${where}`);
    const width = lineText(file, d.line).length;
    // A line's end (its line break) is a valid place for a diagnostic, hence + 2 with CR.
    check(d.column <= width + 2, `column past the line (${width} chars): ${where}`);
    if (d.endLine !== undefined && d.endColumn !== undefined) {
      const after = d.endLine > d.line || (d.endLine === d.line && d.endColumn >= d.column);
      check(after, `end before start: ${where}`);
      check(d.endLine <= lines, `end line past the end: ${where}`);
    }
  }
  const printed = formatDiagnostics(result.diagnostics, result.files);
  check(!RAW_CONTROL.test(printed.replace(/\n/g, '')), 'a control character printed raw');
  JSON.parse(diagnosticsToJson(result.diagnostics));
}

const key = (d: { code: string; file: string; line: number; column: number }) =>
  `${d.code} ${d.file}:${d.line}:${d.column}`;

async function checkStream(dir: string, result: CompileResult): Promise<void> {
  let relations = 0;
  const handlers = { nodes: async () => undefined, relation: () => void relations++ };
  // As the streaming export does: a file that declares entities unforeseen (an escaped key)
  // makes it start again with every file parsed first.
  const stream = await streamCompile(dir, handlers, { name: 'fuzz' }).catch((error: unknown) => {
    if (!(error instanceof RestartStreamError)) throw error;
    relations = 0;
    return streamCompile(dir, handlers, { name: 'fuzz', parseAllFirst: true });
  });
  const a = result.diagnostics.map(key);
  const b = stream.diagnostics.map(key);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    const onlyA = a.filter((x) => !b.includes(x));
    const onlyB = b.filter((x) => !a.includes(x));
    fail(
      `stream diagnostics differ: compile only ${onlyA.join(', ') || '-'}; ` +
        `stream only ${onlyB.join(', ') || '-'}; counts ${a.length}/${b.length}`,
    );
  }
  if (stream.complete) check(relations === result.graph.size, 'stream relation count differs');
}

function parseXml(text: string, what: string): void {
  const problems: string[] = [];
  new DOMParser({
    errorHandler: {
      warning: (m: string) => problems.push(`warning: ${m}`),
      error: (m: string) => problems.push(`error: ${m}`),
      fatalError: (m: string) => problems.push(`fatal: ${m}`),
    },
  }).parseFromString(text, 'text/xml');
  check(problems.length === 0, `${what} is not well-formed: ${problems.join('; ')}`);
}

function checkCsv(graph: KgGraph, files: Record<string, string>): void {
  for (const [name, count] of [
    ['nodes.csv', graph.order],
    ['edges.csv', graph.size],
  ] as const) {
    const rows = parseCsv(files[name] ?? '');
    check(rows.length === count + 1, `${name}: ${rows.length - 1} rows for ${count}`);
    const head = rows[0] ?? [];
    check(new Set(head).size === head.length, `${name}: a header cell twice`);
    for (const row of rows) {
      check(
        row.length === head.length,
        `${name}: a row of ${row.length} cells, ${head.length} columns`,
      );
      for (const cell of row) {
        const formula =
          /^[=+@\t\r]/.test(cell) || (cell.startsWith('-') && Number.isNaN(Number(cell)));
        check(!formula, `${name}: unguarded formula cell ${JSON.stringify(cell)}`);
      }
    }
  }
}

type Rows = Map<string, Record<string, Norm>>;

function modelRows(model: Neo4jModel): { nodes: Rows; rels: Rows } {
  const nodes: Rows = new Map();
  const rels: Rows = new Map();
  const props = (p: Record<string, Parameters<typeof norm>[0]>) => {
    const out: Record<string, Norm> = Object.create(null) as Record<string, Norm>;
    for (const [k, v] of Object.entries(p)) if (k !== 'kg_graph' && k !== 'id') out[k] = norm(v);
    return out;
  };
  for (const r of model.sources) nodes.set(`S ${r.id}`, props(r.props));
  for (const g of model.nodeGroups) for (const r of g.rows) nodes.set(`E ${r.id}`, props(r.props));
  for (const g of model.relGroups)
    for (const r of g.rows) rels.set(`${g.type} ${r.id}`, props(r.props));
  for (const r of model.evidence) nodes.set(`V ${r.id}`, props(r.props));
  return { nodes, rels };
}

function same(a: Rows, b: Rows, what: string): void {
  check(a.size === b.size, `${what}: ${b.size} rows for ${a.size}`);
  for (const [k, v] of a) {
    const other = b.get(k);
    check(other !== undefined, `${what}: row ${k} missing`);
    const x = JSON.stringify(Object.entries(v).sort());
    const y = JSON.stringify(Object.entries(other ?? {}).sort());
    check(x === y, `${what}: row ${k} differs\n${x}\n${y}`);
  }
}

function cypherRows(script: string): { nodes: Rows; rels: Rows } {
  const nodes: Rows = new Map();
  const rels: Rows = new Map();
  for (const statement of splitCypherScript(script)) {
    if (!statement.startsWith('UNWIND')) continue;
    const rows = unwindRows(statement);
    const strip = (p: unknown) => {
      const out: Record<string, Norm> = Object.create(null) as Record<string, Norm>;
      for (const [k, v] of Object.entries(p as Record<string, Norm>)) {
        if (k !== 'kg_graph' && k !== 'id') out[k] = v;
      }
      return out;
    };
    const id = (r: Record<string, unknown>) => (r.id as [string, string])[1];
    if (/^MERGE \(n:`Source`/m.test(statement))
      for (const r of rows) nodes.set(`S ${id(r)}`, strip(r.props));
    else if (/^MERGE \(n:`Entity`/m.test(statement))
      for (const r of rows) nodes.set(`E ${id(r)}`, strip(r.props));
    else if (/^MERGE \(n:`Evidence`/m.test(statement))
      for (const r of rows) nodes.set(`V ${id(r)}`, strip(r.props));
    else if (/CREATE \(a\)-\[r:\$\(row\.type\)\]->\(b\)/.test(statement)) {
      // Every type shares the statement: the type is a field of the row.
      for (const r of rows) {
        rels.set(`${(r.type as [string, string])[1]} ${id(r)}`, strip(r.props));
      }
    }
  }
  return { nodes, rels };
}

function adminFiles(files: Record<string, string>): { nodes: Rows; rels: Rows } {
  const nodes: Rows = new Map();
  const rels: Rows = new Map();
  for (const [name, text] of Object.entries(files)) {
    if (!name.endsWith('.csv') || name === 'neo4j-cited-in.csv') continue;
    const rows = adminRows(text);
    const m = /^neo4j-(sources|entities|relationships|evidence)-?([^.]*?)(?:-\d+)?\.csv$/.exec(
      name,
    );
    check(m !== null, `unexpected neo4j-csv file ${name}`);
    for (const { key: first, props } of rows) {
      const own: Record<string, Norm> = Object.create(null) as Record<string, Norm>;
      for (const [k, v] of Object.entries(props)) if (k !== 'kg_graph' && k !== 'id') own[k] = v;
      if (m![1] === 'sources') nodes.set(`S ${first}`, own);
      else if (m![1] === 'entities') nodes.set(`E ${first}`, own);
      else if (m![1] === 'evidence') nodes.set(`V ${first}`, own);
      else rels.set(`${m![2]} ${(props.id as [string, string])[1]}`, own);
    }
  }
  return { nodes, rels };
}

/** Statements `kg push` runs, recorded by a driver that answers like an empty database. */
async function pushStatements(graph: KgGraph): Promise<string[]> {
  const seen: string[] = [];
  const record = (values: Record<string, unknown>) => ({ get: (k: string) => values[k] });
  const tx = {
    run: async (statement: string, params: Record<string, unknown[] | undefined> = {}) => {
      seen.push(statement);
      const rows = params.rows?.length ?? 0;
      let records: unknown[] = [];
      if (/^RETURN existed, /m.test(statement)) {
        // The first statement, on a database without the graph: it writes what it was given.
        records = [
          record({
            existed: false,
            sources: params.sources?.length ?? 0,
            entities: params.entities?.length ?? 0,
            citations: params.citations?.length ?? 0,
            relationships: params.rels?.length ?? 0,
            evidence: params.evidence?.length ?? 0,
          }),
        ];
      } else if (/AS status, count\(\*\) AS count/.test(statement)) {
        records = [record({ status: 'created', count: rows, retyped: [] })];
      } else if (/RETURN count\(\*\) AS count/.test(statement)) records = [record({ count: rows })];
      const updates = { relationshipsCreated: 0, relationshipsDeleted: 0, nodesDeleted: 0 };
      return { records, summary: { counters: { updates: () => updates } } };
    },
  };
  const session = {
    executeWrite: async (work: (t: typeof tx) => unknown) => work(tx),
    executeRead: async (work: (t: typeof tx) => unknown) => work(tx),
    close: async () => undefined,
  };
  const driver = { session: () => session } as unknown as Driver;
  try {
    await pushGraph(driver, graph, { batchSize: 7 });
  } catch (error) {
    // A statement shape this fake does not answer like a database: check what ran until then.
    if (!(error instanceof KgNeo4jError) || error.code === 'NEO4J_INVALID_IDENTIFIER') throw error;
  }
  return seen;
}

function checkParametersOnly(statements: string[]): void {
  for (const s of statements) {
    for (const m of s.matchAll(/`((?:[^`]|``)*)`/g)) {
      check(IDENTIFIER_PATTERN.test(m[1]!), `push: identifier ${m[0]} in ${s}`);
    }
    const bare = s.replace(/`(?:[^`]|``)*`/g, '``');
    for (const m of bare.matchAll(/'([^']*)'/g)) {
      check(/^[A-Za-z_][A-Za-z0-9_]*$/.test(m[1]!), `push: a literal value '${m[1]}' in ${s}`);
    }
    check(!bare.includes('"'), `push: a double-quoted literal in ${s}`);
  }
}

async function checkExports(graph: KgGraph, deterministic: boolean): Promise<string | undefined> {
  const usesReserved = [
    ...graph.nodes().map((n) => graph.getNodeAttribute(n, 'type')),
    ...graph.edges().map((e) => graph.getEdgeAttribute(e, 'type')),
  ].some((t) => t === 'Entity' || t === 'Source' || t === 'CITED_IN');
  const out: Record<string, Record<string, string>> = {};
  for (const format of FORMATS) {
    try {
      out[format] = Object.fromEntries(
        EXPORTERS[format].files(graph).map((f) => [f.name, fileText(f)]),
      );
    } catch (error) {
      const neo4j = format === 'cypher' || format === 'neo4j-csv';
      if (
        neo4j &&
        usesReserved &&
        error instanceof KgNeo4jError &&
        error.code === 'NEO4J_RESERVED_NAME'
      )
        continue;
      throw error;
    }
  }
  const json = out.json?.['graph.json'] ?? fail('no JSON');
  const parsed = JSON.parse(json) as ReturnType<KgGraph['export']>;
  const back = MultiGraph.from(parsed as never);
  check(back.order === graph.order && back.size === graph.size, 'JSON read back has other counts');
  // JSON carries every value as the graph holds it (NaN and undefined are not values).
  const plain = JSON.parse(JSON.stringify(graph.export())) as typeof parsed;
  const byKey = (list: { key?: string; attributes?: unknown }[]) =>
    new Map(list.map((n) => [n.key, n.attributes]));
  const want = byKey([...plain.nodes, ...plain.edges]);
  for (const [k, attrs] of byKey([...parsed.nodes, ...parsed.edges])) {
    check(isDeepStrictEqual(attrs, want.get(k)), `JSON: attributes of ${k} differ`);
  }
  const gexf = out.gexf?.['graph.gexf'] ?? fail('no GEXF');
  parseXml(gexf, 'GEXF');
  const fromGexf = parseGexf(MultiGraph, gexf);
  check(
    fromGexf.order === graph.order && fromGexf.size === graph.size,
    'GEXF read back has other counts',
  );
  const graphml = out.graphml?.['graph.graphml'] ?? fail('no GraphML');
  parseXml(graphml, 'GraphML');
  const fromGraphml = parseGraphml(MultiGraph, graphml);
  check(
    fromGraphml.order === graph.order && fromGraphml.size === graph.size,
    'GraphML read back has other counts',
  );
  checkCsv(graph, out.csv ?? {});
  if (out.cypher && out['neo4j-csv']) {
    const model = modelRows(buildNeo4jModel(graph));
    const script = cypherRows(out.cypher['graph.cypher'] ?? '');
    same(model.nodes, script.nodes, 'Cypher script nodes');
    same(model.rels, script.rels, 'Cypher script relationships');
    const admin = adminFiles(out['neo4j-csv']);
    same(model.nodes, admin.nodes, 'neo4j-admin nodes');
    same(model.rels, admin.rels, 'neo4j-admin relationships');
    checkParametersOnly(await pushStatements(graph));
  }
  if (deterministic) {
    for (const format of Object.keys(out) as (keyof typeof EXPORTERS)[]) {
      const again = Object.fromEntries(
        EXPORTERS[format].files(graph).map((f) => [f.name, fileText(f)]),
      );
      check(
        JSON.stringify(again) === JSON.stringify(out[format]),
        `${format}: a second export differs`,
      );
    }
  }
  return gexf;
}

/** A stream that keeps what is written. */
function sink() {
  let text = '';
  return {
    write(chunk: string | Uint8Array) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      return true;
    },
    get text() {
      return text;
    },
  };
}

/** Milliseconds spent per stage over the run (printed with the summary). */
export const timings: Record<string, number> = {};
let lap = performance.now();
function stage(name: string): void {
  const now = performance.now();
  timings[name] = (timings[name] ?? 0) + (now - lap);
  lap = now;
}

/** Runs every check on one case, in `dir` (emptied first). Throws FuzzFailure or the bug. */
export async function runCase(c: FuzzCase, dir: string, serial: number): Promise<CaseOutcome> {
  lap = performance.now();
  writeProject(dir, c.files);
  stage('write');
  // The layout is seeded arithmetic over node keys; a few cases run it, the rest skip its cost.
  const layout = serial % 20 === 0 ? 'fast' : 'none';
  const result = await compile(dir, { layout, threads: 1, name: 'fuzz' });
  stage('compile');
  checkDiagnostics(result);
  stage('diagnostics');
  if (serial % 3 === 0) {
    await checkStream(dir, result);
    stage('stream');
  }
  if (serial % 10 === 0) {
    // The CLI itself, in process: an exception here is what would be exit 70.
    const out = sink();
    const err = sink();
    const io = { stdout: out as never, stderr: err as never, cwd: dir, env: { NO_COLOR: '1' } };
    const code = await main(['validate', dir], io);
    check(code === 0 || code === 1, `kg validate exited ${code}`);
    check(
      !RAW_CONTROL.test(err.text.replace(/\n/g, '')),
      'kg validate printed a control character',
    );
  }
  const errors = result.diagnostics.some((d) => d.severity === 'error');
  if (errors) return { errors, exported: false };
  const gexf = await checkExports(result.graph, serial % 5 === 0);
  stage('exports');
  return { errors, exported: true, ...(gexf === undefined ? {} : { gexf }) };
}
