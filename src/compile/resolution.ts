// Resolution of parsed files as they arrive, in any order. Relations can only be resolved once
// every entity is known, so files are held until every file that may declare schema, sources
// or entities is in (compile() parses those first); from then on relations are resolved — in
// file order, as duplicate checks and edge order require — and dropped as soon as their file
// and every earlier one are in. The parsed relations of a large project are then never all in
// memory at once.
import { emptyContribution, type FileContribution } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { CheckedSource } from '../sources/check-quotes.js';
import type { ProjectSources } from '../sources/project-sources.js';
import type { KgGraph, SchemaInfo, SourceInfo } from '../types.js';
import { addEntities, addRelation, createGraph, mergeRelation } from './build-graph.js';
import type { EntityIndex } from './entity-index.js';
import { resolveEntities, type ResolvedEntity } from './resolve-entities.js';
import { resolveProject, type ProjectInfo } from './resolve-project.js';
import { RelationResolver } from './resolve-relations.js';
import { resolveSchema } from './resolve-schema.js';
import { resolveSources } from './resolve-sources.js';

export interface ResolutionOptions {
  /** The graph name when the project's manifest gives no `id`. */
  name: string;
  /** false: check only (no nodes or edges are added to the graph). */
  emit: boolean;
  /** Indexes of the files that may declare schema, sources or entities (see mayDeclareNodes). */
  nodeFiles: Iterable<number>;
  /** Relations resolved so far, out of those parsed so far. */
  onResolved?: (done: number, total: number) => void;
  /** Source texts: declared with the sources, quotes checked at the end. */
  sources?: ProjectSources;
}

/** True when a parsed file declares anything besides relations. */
export function declaresNodes(c: FileContribution): boolean {
  return (
    c.entityTypes.length > 0 ||
    c.relationTypes.length > 0 ||
    c.sources.length > 0 ||
    c.entities.length > 0 ||
    c.project !== undefined
  );
}

/** The first line that is not blank, a comment, a directive or a document marker. */
const FIRST_CONTENT =
  /^(?:\uFEFF|\xEF\xBB\xBF)?(?:[ \t]*(?:#[^\n]*)?\r?\n|%[^\n]*\n|---[ \t]*(?:#[^\n]*)?\r?\n)*[ \t]*(.)/;

/**
 * Whether a file's bytes may declare schema, sources, entities or the project: those need the
 * top-level keys, whose names then appear in the text — or a bare list at the top, which the
 * parser reads as the section it looks like (KG011). (Only an escaped key such as
 * "entit\x69es" hides one; compile() notices that after parsing and compiles again without
 * streaming.)
 */
export function mayDeclareNodes(bytes: Buffer | string): boolean {
  // UTF-16 (see decode.ts) spells the keys with zero bytes between the letters: parse it first.
  if (typeof bytes !== 'string' && (bytes[0] === 0 || bytes[1] === 0 || bytes[0] === 0xfe)) {
    return true;
  }
  if (typeof bytes !== 'string' && bytes[0] === 0xff && bytes[1] === 0xfe) return true;
  if (
    bytes.includes('entities') ||
    bytes.includes('schema') ||
    bytes.includes('sources') ||
    bytes.includes('project')
  ) {
    return true;
  }
  // A bare list at the top (`- { id: a, type: Person }`); a long comment header reads as one.
  const head =
    typeof bytes === 'string' ? bytes.slice(0, 65536) : bytes.toString('latin1', 0, 65536);
  const first = FIRST_CONTENT.exec(head)?.[1];
  return first === undefined || first === '-' || first === '[';
}

export class Resolution {
  /** Parsed files whose relations are not resolved yet, by file index. */
  private readonly held = new Map<number, FileContribution>();
  /** Node files not parsed yet; nodes are resolved when none is left. */
  private readonly awaited: Set<number>;
  /** The next file (index) whose relations are due. */
  private nextRelations = 0;
  private nodes:
    | {
        graph: KgGraph;
        index: EntityIndex;
        resolver: RelationResolver;
        /** Only what the no-relations check needs (the full entities are in the graph). */
        entities: Pick<ResolvedEntity, 'id' | 'span'>[];
      }
    | undefined;
  private readonly connected = new Set<string>();
  private parsedRelations = 0;
  private resolvedRelations = 0;
  /** A file declared nodes after streaming began (see mayDeclareNodes): results are void. */
  late = false;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly options: ResolutionOptions,
  ) {
    this.awaited = new Set(options.nodeFiles);
  }

  /** A parsed file (index = its position in the project's file order); each index once. */
  add(index: number, contribution: FileContribution): void {
    if (this.late) return;
    if (this.nodes && declaresNodes(contribution)) {
      this.late = true;
      return;
    }
    this.parsedRelations += contribution.relations.length;
    this.held.set(index, contribution);
    this.awaited.delete(index);
    if (!this.nodes && this.awaited.size === 0) this.resolveNodes();
    if (this.nodes) this.drain(false);
  }

  /** Resolves what is still held and checks quotes; returns the graph and counts. */
  finish(): {
    graph: KgGraph;
    entities: number;
    relations: number;
    texts: CheckedSource[];
    /** Milliseconds spent checking quotes against source texts. */
    sourcesMs: number;
  } {
    const nodes = this.nodes ?? this.resolveNodes();
    this.drain(true);
    reportUnconnected(this.sink, nodes.entities, this.connected, nodes.index);
    const started = performance.now();
    const texts = this.options.sources?.run(this.options.emit) ?? [];
    return {
      graph: nodes.graph,
      entities: nodes.entities.length,
      relations: nodes.resolver.count,
      texts,
      sourcesMs: Math.round(performance.now() - started),
    };
  }

  /** Resolves held files in file order: up to the first gap, or (at the end) all of them. */
  private drain(all: boolean): void {
    const due: FileContribution[] = [];
    if (all) {
      for (const index of [...this.held.keys()].sort((a, b) => a - b)) {
        due.push(this.held.get(index) as FileContribution);
      }
      this.held.clear();
    } else {
      for (let c = this.held.get(this.nextRelations); c; c = this.held.get(this.nextRelations)) {
        due.push(c);
        this.held.delete(this.nextRelations++);
      }
    }
    if (due.length) this.relations(due);
  }

  private resolveNodes(): NonNullable<Resolution['nodes']> {
    // In file order, as a sequential compile sees them (first declarations win).
    const ordered = [...this.held.keys()].sort((a, b) => a - b);
    const declared = resolveDeclarations(
      this.sink,
      ordered.map((i) => this.held.get(i) as FileContribution),
      this.options.sources,
    );
    const { schema, sources, entities, index, project } = declared;
    const graph = createGraph(project.id ?? this.options.name, schema, sources, project);
    if (this.options.emit) addEntities(graph, schema, entities);
    const emit = this.options.emit;
    const texts = this.options.sources;
    const resolver = new RelationResolver(this.sink, schema, index, sources, {
      connected: this.connected,
      emit: (relation) => {
        if (emit) addRelation(graph, schema, relation);
      },
      merge: (merge) => {
        if (emit) mergeRelation(graph, merge);
      },
      ...(texts && { quoted: texts.quoted.bind(texts) }),
    });
    resolver.referenceEdges(entities);
    // The declarations are resolved: hold only what relations and the final checks need.
    for (const c of this.held.values()) {
      c.entityTypes = [];
      c.relationTypes = [];
      c.sources = [];
      c.entities = [];
      delete c.project;
    }
    const kept = entities.map(({ id, span }) => ({ id, span }));
    this.nodes = { graph, index, resolver, entities: kept };
    return this.nodes;
  }

  private relations(files: FileContribution[]): void {
    const nodes = this.nodes;
    if (!nodes) return;
    for (const file of files) {
      this.resolvedRelations += nodes.resolver.file(file);
      this.options.onResolved?.(this.resolvedRelations, this.parsedRelations);
    }
  }
}

/** Schema, sources and entities of parsed files, resolved together (in the order given). */
export function resolveDeclarations(
  sink: DiagnosticSink,
  files: Iterable<FileContribution>,
  texts?: ProjectSources,
): {
  schema: SchemaInfo;
  sources: Map<string, SourceInfo>;
  entities: ResolvedEntity[];
  index: EntityIndex;
  project: ProjectInfo;
} {
  const all: FileContribution = emptyContribution();
  const projects: FileContribution['project'][] = [];
  for (const c of files) {
    append(all.entityTypes, c.entityTypes);
    append(all.relationTypes, c.relationTypes);
    append(all.sources, c.sources);
    append(all.entities, c.entities);
    projects.push(c.project);
  }
  const project = resolveProject(sink, projects);
  const schema = resolveSchema(sink, all.entityTypes, all.relationTypes).info;
  const sources = resolveSources(sink, all.sources);
  texts?.declare(all.sources);
  const { entities, index } = resolveEntities(sink, all.entities, schema, sources);
  return { schema, sources, entities, index, project };
}

/** KG201 for every entity named neither by a relation nor by a `ref` property. */
export function reportUnconnected(
  sink: DiagnosticSink,
  entities: Iterable<Pick<ResolvedEntity, 'id' | 'span'>>,
  connected: Pick<ReadonlySet<string>, 'has'>,
  index: Pick<EntityIndex, 'referenced'>,
): void {
  for (const e of entities) {
    if (connected.has(e.id) || index.referenced.has(e.id)) continue;
    sink.report('KG201', e.span, `entity '${e.id}' has no relations`, {
      value: e.id,
      hint: 'add a relation that involves it, or remove it',
    });
  }
}

/** push(...items) overflows the stack on very large arrays; a loop does not. */
function append<T>(target: T[], items: T[]): void {
  for (const item of items) target.push(item);
}
