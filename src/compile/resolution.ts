// Resolution of parsed files as they arrive, in file order. Relations can only be resolved once
// every entity is known, so files are held until the last file that may declare schema,
// sources or entities is in; from then on each file's relations are resolved (and dropped) as
// soon as it arrives. In the usual layout (entities/ before relations/) the parsed relations
// of a million-relation project are then never all in memory at once.
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import type { KgGraph, SchemaInfo, SourceInfo } from '../types.js';
import { addEntities, addRelation, createGraph } from './build-graph.js';
import type { EntityIndex } from './entity-index.js';
import { resolveEntities, type ResolvedEntity } from './resolve-entities.js';
import { resolveRelations } from './resolve-relations.js';
import { resolveSchema } from './resolve-schema.js';
import { resolveSources } from './resolve-sources.js';

export interface ResolutionOptions {
  name: string;
  /** false: check only (no nodes or edges are added to the graph). */
  emit: boolean;
  /** Index of the last file that may declare schema, sources or entities (-1: none). */
  lastNodeFile: number;
  /** Relations resolved so far, out of those parsed so far. */
  onResolved?: (done: number, total: number) => void;
}

/** True when a parsed file declares anything besides relations. */
export function declaresNodes(c: FileContribution): boolean {
  return (
    c.entityTypes.length > 0 ||
    c.relationTypes.length > 0 ||
    c.sources.length > 0 ||
    c.entities.length > 0
  );
}

/**
 * Whether a file's bytes may declare schema, sources or entities: those need the top-level
 * keys, whose names then appear in the text. (Only an escaped key such as "entit\x69es" hides
 * one; compile() notices that after parsing and compiles again without streaming.)
 */
export function mayDeclareNodes(bytes: Buffer | string): boolean {
  return bytes.includes('entities') || bytes.includes('schema') || bytes.includes('sources');
}

export class Resolution {
  private pending: FileContribution[] = [];
  private nodes:
    | {
        graph: KgGraph;
        schema: SchemaInfo;
        index: EntityIndex;
        sources: Map<string, SourceInfo>;
        entities: ResolvedEntity[];
      }
    | undefined;
  private readonly connected = new Set<string>();
  private readonly ids = new Map<string, { span: Span; explicit: boolean }>();
  private relationCount = 0;
  private parsedRelations = 0;
  private resolvedRelations = 0;
  /** A file declared nodes after streaming began (see mayDeclareNodes): results are void. */
  late = false;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly options: ResolutionOptions,
  ) {}

  /** The next file in order (index = its position in the project). */
  add(index: number, contribution: FileContribution): void {
    if (this.late) return;
    this.parsedRelations += contribution.relations.length;
    if (this.nodes) {
      if (declaresNodes(contribution)) {
        this.late = true;
        return;
      }
      this.relations([contribution]);
      return;
    }
    this.pending.push(contribution);
    if (index >= this.options.lastNodeFile) this.resolveNodes();
  }

  /** Resolves what is still held; returns the graph and counts. */
  finish(): { graph: KgGraph; entities: number; relations: number } {
    const nodes = this.nodes ?? this.resolveNodes();
    for (const e of nodes.entities) {
      if (this.connected.has(e.id) || nodes.index.referenced.has(e.id)) continue;
      this.sink.report('KG201', e.span, `entity '${e.id}' has no relations`, {
        value: e.id,
        hint: 'add a relation that involves it, or remove it',
      });
    }
    return {
      graph: nodes.graph,
      entities: nodes.entities.length,
      relations: this.relationCount,
    };
  }

  private resolveNodes(): NonNullable<Resolution['nodes']> {
    const all: FileContribution = emptyContribution();
    for (const c of this.pending) {
      append(all.entityTypes, c.entityTypes);
      append(all.relationTypes, c.relationTypes);
      append(all.sources, c.sources);
      append(all.entities, c.entities);
    }
    const { sink } = this;
    const schema = resolveSchema(sink, all.entityTypes, all.relationTypes);
    const sources = resolveSources(sink, all.sources);
    const { entities, index } = resolveEntities(sink, all.entities, schema.info, sources);
    const graph = createGraph(this.options.name, schema.info, sources);
    if (this.options.emit) addEntities(graph, schema.info, entities);
    this.nodes = { graph, schema: schema.info, index, sources, entities };
    const held = this.pending;
    this.pending = [];
    this.relations(held);
    return this.nodes;
  }

  private relations(files: FileContribution[]): void {
    const nodes = this.nodes;
    if (!nodes) return;
    const { graph, schema, index, sources } = nodes;
    resolveRelations(this.sink, files, schema, index, sources, {
      connected: this.connected,
      ids: this.ids,
      fileDone: (n) => {
        this.resolvedRelations += n;
        this.options.onResolved?.(this.resolvedRelations, this.parsedRelations);
      },
      emit: (relation) => {
        this.relationCount++;
        if (this.options.emit) addRelation(graph, schema, relation);
      },
    });
  }
}

/** push(...items) overflows the stack on very large arrays; a loop does not. */
function append<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}
