// Looks up entities by id or alias, as relation endpoints and `ref` properties do.
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import { Suggester } from '../language/suggest.js';

export interface IndexedEntity {
  id: string;
  type: string | undefined;
}

export type Lookup =
  | { kind: 'found'; entity: IndexedEntity }
  | { kind: 'missing' }
  | { kind: 'ambiguous'; candidates: string[] };

/** Ids listed in the KG109 hint (an alias may be shared by thousands of entities). */
const MAX_CANDIDATES = 10;

export class EntityIndex {
  private readonly byId = new Map<string, IndexedEntity>();
  private readonly byAlias = new Map<string, string[]>();
  /** Entities named by a `ref` property: connected even without relations. */
  readonly referenced = new Set<string>();
  /** Built on the first unresolved reference; reset when entities are added. */
  private suggester: Suggester | undefined;

  addEntity(entity: IndexedEntity): void {
    this.byId.set(entity.id, entity);
    this.suggester = undefined;
  }

  /**
   * Each (alias, id) pair once: resolveEntities adds an entity's distinct aliases once. (A scan
   * for duplicates here made 100k entities sharing one alias quadratic: 67 s to validate.)
   */
  addAlias(alias: string, id: string): void {
    this.suggester = undefined;
    const ids = this.byAlias.get(alias);
    if (!ids) this.byAlias.set(alias, [id]);
    else if (ids[ids.length - 1] !== id) ids.push(id);
    this.sortedCandidates.delete(alias);
  }

  /** Sorted ids of an ambiguous alias, sorted once (each reference used to sort them again). */
  private readonly sortedCandidates = new Map<string, string[]>();

  private candidates(alias: string, ids: string[]): string[] {
    let sorted = this.sortedCandidates.get(alias);
    if (!sorted) {
      sorted = [...ids].sort();
      this.sortedCandidates.set(alias, sorted);
    }
    return sorted;
  }

  get(id: string): IndexedEntity | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** An id wins over an alias; an alias must name exactly one entity. */
  lookup(ref: string): Lookup {
    const direct = this.byId.get(ref);
    if (direct) return { kind: 'found', entity: direct };
    const ids = this.byAlias.get(ref);
    if (!ids) return { kind: 'missing' };
    if (ids.length > 1) return { kind: 'ambiguous', candidates: this.candidates(ref, ids) };
    const entity = this.byId.get(ids[0] ?? '');
    return entity ? { kind: 'found', entity } : { kind: 'missing' };
  }

  /** Resolves or reports KG108/KG109. `what` names the place, e.g. "relation endpoint". */
  resolve(sink: DiagnosticSink, ref: string, span: Span, what: string): IndexedEntity | undefined {
    // The common case first, without building a Lookup (a million endpoints in big projects).
    const direct = this.byId.get(ref);
    if (direct) return direct;
    const found = this.lookup(ref);
    if (found.kind === 'found') return found.entity;
    if (found.kind === 'ambiguous') {
      const { candidates } = found;
      const shown = candidates.slice(0, MAX_CANDIDATES).join(', ');
      const more = candidates.length > MAX_CANDIDATES ? ` … (${candidates.length} in all)` : '';
      sink.report('KG109', span, `${what} '${ref}' is an alias of several entities`, {
        value: ref,
        hint: `use one of the ids: ${shown}${more}`,
      });
      return undefined;
    }
    const list = what.startsWith('relation') ? this.commaList(ref) : undefined;
    if (list) {
      sink.report('KG108', span, `${what} '${ref}' does not name any entity`, {
        value: ref,
        hint: `several endpoints go in brackets: ${list}`,
      });
      return undefined;
    }
    this.suggester ??= new Suggester([...this.byId.keys(), ...this.byAlias.keys()]);
    const suggestions = this.suggester.closest(ref);
    const ids = [...new Set(suggestions.map((s) => this.lookupId(s)))];
    sink.report('KG108', span, `${what} '${ref}' does not name any entity`, {
      value: ref,
      hint: ids.length
        ? `did you mean ${ids.map((i) => `'${i}'`).join(' or ')}?`
        : 'declare it under entities, or add it as an alias of an entity' +
          (this.suggester.exhausted
            ? ' (no more suggestions: too many unresolved references)'
            : ''),
    });
    return undefined;
  }

  /** `p,q` where `p` and `q` each name an entity: `[p, q]`, several endpoints meant. */
  private commaList(ref: string): string | undefined {
    const parts = ref.split(',').map((p) => p.trim());
    if (parts.length < 2) return undefined;
    const named = parts.every((p) => this.byId.has(p) || this.lookup(p).kind !== 'missing');
    return named ? `[${parts.join(', ')}]` : undefined;
  }

  private lookupId(s: string): string {
    const found = this.lookup(s);
    return found.kind === 'found' ? found.entity.id : s;
  }

  /** Aliases that equal another entity's id (the id wins; worth a warning). */
  *shadowingAliases(): Iterable<{ alias: string; ids: string[] }> {
    for (const [alias, ids] of this.byAlias) {
      const other = ids.filter((id) => id !== alias);
      if (this.byId.has(alias) && other.length) yield { alias, ids: other };
    }
  }
}
