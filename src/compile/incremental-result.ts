// The incremental resolution's result (incremental.ts): diagnostics in compile()'s order,
// the fact table's counts, and with `emit` the graph — kept and updated in place when only
// some statements changed.
import type { SerializedGraph } from 'graphology-types';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { CheckedSource } from '../sources/check-quotes.js';
import { ProjectSources, type ProjectSourcesOptions } from '../sources/project-sources.js';
import type {
  EdgeAttrs,
  GraphAttrs,
  KgGraph,
  NodeAttrs,
  SchemaInfo,
  SourceInfo,
} from '../types.js';
import { addEntities, createGraph, sizeNodes } from './build-graph.js';
import type { FactState, GraphChanges } from './fact-state.js';
import type { EntityIndex } from './entity-index.js';
import type { FileState } from './project-state.js';
import type { ResolvedEntity } from './resolve-entities.js';
import { referenceFacts } from './resolve-relations.js';
import { reportUnconnected } from './resolution.js';
import type { Declarations, FileRecord, Stmt } from './statement-preparer.js';

export interface IncrementalResult {
  /** Resolution's diagnostics (not the parse's); unsorted. */
  diagnostics: Diagnostic[];
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  entities: Map<string, ResolvedEntity>;
  index: EntityIndex;
  /** Relations (facts) naming each entity (either end). */
  degree: Map<string, number>;
  /** Relations (facts) of each relation type. */
  relationCounts: Map<string, number>;
  /** Evidence items of each fact, by identity (deriveRelationId), after merging. */
  evidenceCounts: Map<string, number>;
  /** The facts a statement makes (file, index in the file), by identity. */
  factsOf(absolute: string, index: number): { identity: string; from: string; to: string }[];
  /**
   * Only when asked for (`emit`). Kept between updates and updated in place when only some
   * statements changed (see graphChanges); its edges may then be out of a fresh compile's
   * order: serialise it with exportGraph.
   */
  graph?: KgGraph;
  /**
   * The graph serialised as a fresh compile's graph.export() is (edges in its order), as it
   * is now (a graph kept is updated in place by later updates).
   */
  exportGraph?: () => SerializedKgGraph;
  /**
   * With `emit`, when the graph is the one returned last time, updated in place: the edges and
   * nodes that changed since then (absent: a new graph).
   */
  graphChanges?: GraphChanges;
  /** Source texts and their checked quotes (with `emit`; see ProjectSources.run). */
  texts: CheckedSource[];
  /** Statements prepared by the last update (for tests and the benchmark). */
  resolvedStatements: number;
  /** False when the last update changed the fact table in place (for tests). */
  rebuiltFacts: boolean;
}

/** What the resolution holds after bringing its statements up to date. */
export interface ResultInput {
  /** The graph's name when the manifest gives no id. */
  name: string;
  decls: Declarations;
  files: FileState[];
  records: Map<string, FileRecord>;
  facts: FactState;
  /** Statements replaced since the fact table was last brought up to date (undefined: all). */
  changes: { removed: Stmt[]; added: Stmt[] } | undefined;
  texts: ProjectSourcesOptions;
  resolvedStatements: number;
}

/** Brings the fact table (and its graph) up to date and gathers the result. */
export function assembleResult(input: ResultInput, emit: boolean): IncrementalResult {
  const { decls, files, facts } = input;
  const sink = new DiagnosticSink();
  const diagnostics: Diagnostic[] = [...decls.diagnostics];
  const records = files.map((f) => input.records.get(f.absolute)!);
  const changes = input.changes;
  // The table (and the graph kept with it, if any) updated in place when it can be.
  let rebuiltFacts = !changes || !facts.replace(changes.removed, changes.added);
  if (emit && !facts.graph) rebuiltFacts = true;
  let graph: KgGraph | undefined;
  let graphChanges: GraphChanges | undefined;
  if (rebuiltFacts) {
    if (emit) {
      graph = createGraph(
        decls.project.id ?? input.name,
        decls.schema,
        decls.sources,
        decls.project,
      );
      addEntities(graph, decls.schema, decls.entities);
    }
    const statements = function* () {
      for (const record of records) yield* record.stmts;
    };
    const references = referenceFacts(decls.schema, decls.entities);
    facts.rebuild(references, statements(), graph && { graph, schema: decls.schema });
  } else if (emit) {
    graph = facts.graph;
    graphChanges = facts.takeGraphChanges();
  }
  for (const record of records) {
    record.diagnostics ??= record.stmts.flatMap((stmt) => stmt.diagnostics);
    for (const d of record.diagnostics) diagnostics.push(d);
  }
  // As compile() reports them: reference edges' facts, source texts declared (in file
  // order), the statements' facts, KG201, then the quotes checked against the texts.
  const table = facts.diagnostics();
  const references = table.findIndex(([order]) => order[0] !== -1);
  const split = references < 0 ? table.length : references;
  for (const [, d] of table.slice(0, split)) sink.items.push(d);
  const texts = new ProjectSources(sink, input.texts);
  const sources = files.flatMap((f) => f.contribution.sources);
  texts.declare(sources);
  for (const [, d] of table.slice(split)) sink.items.push(d);
  if (emit || sources.some((s) => s.file)) {
    for (const record of records) {
      for (const stmt of record.stmts) {
        for (const [item, quote, near] of stmt.quotes) {
          // Kept items were anchored by an earlier check: this one decides again.
          delete item.anchor;
          texts.quoted(item, quote, near);
        }
      }
    }
  }
  reportUnconnected(sink, decls.entities, facts.connected, {
    referenced: decls.referenced,
  });
  const checked = texts.run(emit);
  if (graph && !graphChanges) sizeNodes(graph);
  for (const d of sink.items) diagnostics.push(d);
  const { degree, relationCounts, evidenceCounts } = facts;
  const byPath = input.records;
  const out: IncrementalResult = {
    diagnostics,
    schema: decls.schema,
    sources: decls.sources,
    entities: decls.byId,
    index: decls.index,
    degree,
    relationCounts,
    evidenceCounts,
    factsOf: (absolute, index) => {
      const stmt = byPath.get(absolute)?.stmts[index];
      const facts = stmt?.prepared?.facts ?? [];
      return facts.map(({ from, to }, i) => ({ identity: stmt!.identities[i]!, from, to }));
    },
    resolvedStatements: input.resolvedStatements,
    rebuiltFacts,
    texts: checked,
  };
  if (graph) {
    out.graph = graph;
    out.exportGraph = () => exportInOrder(graph, facts.edgeOrder(graph));
  }
  if (graphChanges) out.graphChanges = graphChanges;
  return out;
}

export type SerializedKgGraph = SerializedGraph<NodeAttrs, EdgeAttrs, GraphAttrs>;

/** graph.export() with its edges in `order` (their keys), when given. */
function exportInOrder(graph: KgGraph, order: string[] | undefined): SerializedKgGraph {
  const data = graph.export();
  if (!order) return data;
  const at = new Map(order.map((key, i) => [key, i]));
  data.edges.sort((a, b) => at.get(a.key!)! - at.get(b.key!)!);
  return data;
}
