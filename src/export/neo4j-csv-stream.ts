// `kg export --format neo4j-csv --stream`: the neo4j-csv files without building the graph,
// byte-identical to the graph path. Node files are written after pass 1 (entities are known);
// each relation is written as soon as pass 2 resolves it, into a spool file per relationship
// type, as a JSON line; the same fact stated again only adds its new evidence to a map in
// memory. At the end each type's spool is read once to merge that evidence in and to split
// its rows into parts of one column type each (TypeSplitter), written as rows of fields by key
// into a spool per part; each of those then becomes its CSV file (a CSV file's header lists
// the columns its rows use, known only at the end). Everything goes to a temp directory next
// to the target and is moved into the target only when the project has no errors; otherwise
// the temp directory is deleted and nothing is written.
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { entityAttributes, mergedAttributes, relationAttributes } from '../compile/build-graph.js';
import type { FactMerge, ResolvedRelation } from '../compile/facts.js';
import {
  RestartStreamError,
  streamCompile,
  type StreamCompileOptions,
  type StreamCompileResult,
  type StreamNodes,
} from '../compile/stream-compile.js';
import type { CitationRow, NodeRow } from '../neo4j/model.js';
import { entityRow, evidenceRows, relationRow, sourceRows } from '../neo4j/model.js';
import type { Evidence, SchemaInfo, SourceInfo } from '../types.js';
import { dict } from '../util/dict.js';
import type { ExportFile } from './exporter.js';
import { commitDirectory, recoverLeftovers, siblingName } from './output-dir.js';
import { LineSpool, writeChunks } from './spool.js';
import {
  type Column,
  ColumnTypes,
  ID_ONLY,
  NODE_CORE,
  REL_CORE,
  TypeSplitter,
} from './neo4j-csv-cells.js';
import {
  evidenceFileName,
  evidenceHeader,
  evidencePrefix,
  nodeFiles,
  relationCells,
  relationFileName,
  relationHeader,
  relationLine,
  relationPrefix,
  scriptFiles,
} from './neo4j-csv.js';

export interface StreamNeo4jCsvOptions extends StreamCompileOptions {
  /** fsync each file before moving it into place. */
  fsync: boolean;
  /** Rows written, for the progress line (node files after pass 1, relationships at the end). */
  onRows?: (done: number, total: number) => void;
}

export interface StreamNeo4jCsvResult extends StreamCompileResult {
  /** Paths written; empty when the project has errors. */
  paths: string[];
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** One CSV file being spooled: its rows as fields by key, its columns so far. */
class Spool extends LineSpool {
  readonly columns: ColumnTypes;

  /** A relationship file by default; evidence files give their own key rules and header. */
  constructor(
    file: string,
    private readonly core: string[] = REL_CORE,
    skip: ReadonlySet<string> = new Set(),
    private readonly header: (columns: Column[]) => string = relationHeader,
  ) {
    super(file);
    this.columns = new ColumnTypes(skip);
  }

  add(prefix: string, cells: Record<string, string>): void {
    this.line([prefix, cells]);
  }

  /** The CSV text: header, then each spooled row with the final columns. */
  async *csv(): AsyncGenerator<string> {
    const columns = this.columns.columns(this.core);
    yield this.header(columns);
    for await (const [prefix, cells] of this.lines<[string, Record<string, string>]>()) {
      yield relationLine(prefix, cells, columns);
    }
  }
}

/** The evidence files, split by column types as the graph path splits them. */
class EvidenceParts {
  private readonly splitter = new TypeSplitter();
  readonly parts: Spool[] = [];

  /** `open` collects every spool opened, for clean-up on failure. */
  constructor(
    private readonly partFile: (i: number) => string,
    private readonly open: LineSpool[],
  ) {}

  add(row: NodeRow): void {
    const i = this.splitter.assign(row.props);
    let part = this.parts[i];
    if (!part) {
      part = this.parts[i] = new Spool(this.partFile(i), NODE_CORE, ID_ONLY, evidenceHeader);
      this.open.push(part);
    }
    part.columns.add(row.props);
    part.add(evidencePrefix(row), relationCells(row));
  }
}

/** A fact as spooled: what relationAttributes needs (JSON keeps it exactly). */
type SpooledFact = Omit<ResolvedRelation, 'span' | 'symmetric'>;

/** Evidence (and notes) added to facts after they were spooled, by relation id. */
type Merges = Map<string, FactMerge[]>;

/**
 * Reads one type's spooled facts in order, merges later evidence in, and splits the rows into
 * parts as the graph path does; returns each part's spool of CSV fields.
 */
async function splitType(
  facts: LineSpool,
  merges: Merges,
  schema: SchemaInfo,
  graphName: string,
  partFile: (i: number) => string,
  evidence: EvidenceParts,
  live: ReadonlyMap<string, Evidence[]>,
): Promise<Spool[]> {
  const splitter = new TypeSplitter();
  const parts: Spool[] = [];
  try {
    for await (const spooled of facts.lines<SpooledFact>()) {
      const anchored = live.get(spooled.id);
      const fact = anchored ? { ...spooled, evidence: anchored } : spooled;
      let attrs = relationAttributes(schema, { ...fact, symmetric: false, span: NO_SPAN });
      for (const m of merges.get(fact.id) ?? []) attrs = mergedAttributes(attrs, m);
      const rel = relationRow(fact.id, attrs, fact.from, fact.to, schema, graphName);
      const i = splitter.assign(rel.props);
      const part = (parts[i] ??= new Spool(partFile(i)));
      part.columns.add(rel.props);
      part.add(relationPrefix(rel, fact.type), relationCells(rel));
      for (const e of evidenceRows(fact.id, attrs, fact.from, fact.to, graphName)) evidence.add(e);
    }
  } finally {
    for (const p of parts) p.close();
  }
  return parts;
}

// Spans are not spooled (nothing written from a relation needs one).
const NO_SPAN = { file: { path: '', text: '' }, start: 0, end: 0 };

function nodeModel(nodes: StreamNodes) {
  const table = dict<SourceInfo>();
  for (const id of [...nodes.sources.keys()].sort()) table[id] = nodes.sources.get(id)!;
  const groups = new Map<string, NodeRow[]>();
  const citations: CitationRow[] = [];
  for (const e of nodes.entities) {
    const attrs = entityAttributes(nodes.schema, e);
    let rows = groups.get(attrs.type);
    if (!rows) groups.set(attrs.type, (rows = []));
    rows.push(entityRow(e.id, attrs, nodes.schema, nodes.name));
    citations.push({ id: e.id, sources: [...attrs.sources].sort(byString) });
  }
  return {
    graph: nodes.name,
    sources: sourceRows(table, nodes.name),
    nodeGroups: [...groups.entries()]
      .sort(([x], [y]) => byString(x, y))
      .map(([label, rows]) => ({ label, rows })),
    citations,
  };
}

/** Streams `dir`'s neo4j-csv export into the directory `target`. */
export async function streamNeo4jCsv(
  dir: string,
  target: string,
  options: Partial<StreamNeo4jCsvOptions> = {},
): Promise<StreamNeo4jCsvResult> {
  try {
    return await attempt(dir, target, options);
  } catch (error) {
    // A file that looked relation-only declares entities (escaped key): parse all files first.
    if (!(error instanceof RestartStreamError)) throw error;
    return attempt(dir, target, { ...options, parseAllFirst: true });
  }
}

async function attempt(
  dir: string,
  target: string,
  options: Partial<StreamNeo4jCsvOptions>,
): Promise<StreamNeo4jCsvResult> {
  const fsync = options.fsync ?? true;
  const finalDir = path.resolve(target);
  await recoverLeftovers(finalDir);
  await mkdir(path.dirname(finalDir), { recursive: true });
  // `.kg-tmp-*` is git-ignored and hidden, as for the other exports.
  const temp = siblingName(finalDir, 'tmp');
  await mkdir(temp);

  const written: string[] = [];
  let graphName = '';
  let schema: StreamNodes['schema'] | undefined;
  const spools = new Map<string, LineSpool>();
  const merges: Merges = new Map();
  // Quotes are anchored once every relation is in (streamCompile's last step), after their
  // facts were spooled: the evidence of facts quoting a source with a text is kept by reference
  // (the quote checker holds those items anyway) and read back with its anchors.
  const textSources = new Set<string>();
  const live = new Map<string, Evidence[]>();
  const parts: LineSpool[] = [];
  let rowsDone = 0;
  // Capped, in case a file yields rows in several chunks.
  const row = (total: number) => () => options.onRows?.(Math.min(++rowsDone, total), total);
  const writeFiles = async (files: ExportFile[], total: number) => {
    for (const f of files) {
      await writeChunks(path.join(temp, f.name), f.chunks(), fsync, row(total));
      written.push(f.name);
    }
  };
  try {
    const result = await streamCompile(
      dir,
      {
        async nodes(nodes) {
          graphName = nodes.name;
          schema = nodes.schema;
          for (const [id, source] of nodes.sources) if (source.file) textSources.add(id);
          const model = nodeModel(nodes);
          const citations = model.citations.reduce((n, c) => n + c.sources.length, 0);
          const total = model.sources.length + nodes.entities.length + citations;
          await writeFiles(nodeFiles(model), total);
        },
        relation(r) {
          let spool = spools.get(r.type);
          if (!spool) {
            spool = new LineSpool(path.join(temp, `.spool-${r.type}.jsonl`));
            spools.set(r.type, spool);
          }
          const fact: SpooledFact = {
            id: r.id,
            type: r.type,
            from: r.from,
            to: r.to,
            evidence: r.evidence,
            properties: r.properties,
          };
          if (r.note !== undefined) fact.note = r.note;
          spool.line(fact);
          const quoted = (e: Evidence) =>
            e.quote !== undefined && e.source !== undefined && textSources.has(e.source);
          if (textSources.size && r.evidence.some(quoted)) live.set(r.id, r.evidence);
        },
        merge(m) {
          const list = merges.get(m.id);
          if (list) list.push(m);
          else merges.set(m.id, [m]);
        },
      },
      options,
    );
    for (const s of spools.values()) s.close();
    if (!result.complete) {
      await rm(temp, { recursive: true, force: true });
      return { ...result, paths: [] };
    }
    const types = [...spools.keys()].sort(byString);
    rowsDone = 0;
    const total = types.reduce((n, t) => n + spools.get(t)!.rows, 0);
    const evidence = new EvidenceParts((i) => path.join(temp, `.evidence-spool-${i}.jsonl`), parts);
    for (const type of types) {
      const facts = spools.get(type)!;
      const split = await splitType(
        facts,
        merges,
        schema!,
        graphName,
        (i) => path.join(temp, `.spool-${type}-${i}.jsonl`),
        evidence,
        live,
      );
      parts.push(...split);
      await rm(facts.file);
      for (const [i, part] of split.entries()) {
        const name = relationFileName(type, i);
        await writeChunks(path.join(temp, name), part.csv(), fsync, row(total));
        await rm(part.file);
        written.push(name);
      }
    }
    for (const [i, part] of evidence.parts.entries()) {
      part.close();
      const name = evidenceFileName(i);
      await writeChunks(path.join(temp, name), part.csv(), fsync, () => undefined);
      await rm(part.file);
      written.push(name);
    }
    for (const f of scriptFiles(graphName, [...written])) {
      await writeChunks(path.join(temp, f.name), f.chunks(), fsync, () => undefined);
      written.push(f.name);
    }
    await commitDirectory(temp, finalDir, written, [dir]);
    return { ...result, paths: written.map((name) => path.join(finalDir, name)) };
  } catch (error) {
    for (const s of [...spools.values(), ...parts]) s.closeQuietly();
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
