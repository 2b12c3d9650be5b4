// The facts of a project: each relation statement (one per endpoint pair) is either a new fact
// or the same fact stated again, whose new evidence items then join the first statement's.
// Two statements are the same fact when they have the same relation type, the same endpoints
// (either order for symmetric types), the same properties and, for `event: true` types only,
// the same time (see docs/language.md, "Write each fact once"). The derived relation id
// hashes exactly that identity, so it doubles as the key of the table here.
import { hash } from 'node:crypto';
import type { Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import type { Evidence, PropertyValue } from '../types.js';
import { evidenceDigest, evidenceTime } from './evidence.js';

export interface ResolvedRelation {
  id: string;
  type: string;
  from: string;
  to: string;
  symmetric: boolean;
  /**
   * Every evidence item (shared between the pairs of one statement: never mutated, except that
   * quote checking gives a found quote its `anchor` once every relation is in).
   */
  evidence: Evidence[];
  note?: string;
  properties: Record<string, PropertyValue>;
  /** The first statement. */
  span: Span;
}

/** A fact as its statements describe it, before it has an id. */
export type FactStatement = Omit<ResolvedRelation, 'id' | 'span'> & { event: boolean };

/** More evidence (and maybe a note) for a fact emitted before. */
export interface FactMerge {
  id: string;
  type: string;
  /** Only the items the fact did not have yet. */
  evidence: Evidence[];
  note?: string;
}

/** What the table remembers of a fact. */
export interface FactEntry {
  /** The first statement. */
  span: Span;
  /** The explicit id (the edge key) when a statement gave one; else the derived id is. */
  key?: string;
  /** Digests of its evidence items: one number, or a list (KG203). */
  items: number | number[];
}

/** Facts by identity (the derived id). A Map, or the streaming export's compact table. */
export interface FactIndex {
  get(identity: string): FactEntry | undefined;
  set(identity: string, entry: FactEntry): void;
}

/** A stable id from what makes a relation the fact it is (see the top of this file). */
export function deriveRelationId(rel: FactStatement): string {
  const [a, b] = rel.symmetric && rel.to < rel.from ? [rel.to, rel.from] : [rel.from, rel.to];
  const parts: unknown[] = [rel.type, a, b, rel.properties];
  if (rel.event) {
    const t = evidenceTime(rel.evidence);
    parts.push(t.date ?? null, t.start ?? null, t.end ?? null);
  }
  return `${a}:${rel.type}:${b}:${hash('sha1', JSON.stringify(parts)).slice(0, 8)}`;
}

export interface FactSink {
  /** A new fact. */
  emit(relation: ResolvedRelation): void;
  /** More evidence for a fact emitted before (also called when it brings only a note). */
  merge(merge: FactMerge): void;
}

const NO_DIGESTS: number[] = [];
const digestsOf = (items: number | number[]): number[] =>
  typeof items === 'number' ? [items] : items;

export class FactTable {
  /** Explicit ids → the identity of the fact they name (KG113, KG118). */
  private readonly explicit = new Map<string, { identity: string; span: Span }>();
  /** Facts added so far. */
  count = 0;

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly out: FactSink,
    private readonly index: FactIndex = new Map(),
  ) {}

  /**
   * One statement of a fact. `spans[i]` is where item i was written (for KG203); `id` is the
   * statement's explicit id, if any; `identity` is deriveRelationId(rel), when known.
   */
  add(
    rel: FactStatement,
    span: Span,
    spans: readonly Span[] | undefined,
    id?: Str,
    identity = deriveRelationId(rel),
  ): void {
    const entry = this.index.get(identity);
    if (id && !this.claim(id, identity, entry)) return;
    if (!entry && !id && this.explicit.size && this.explicit.has(identity)) {
      // Someone wrote a derived-looking id by hand that this fact now derives: one edge key.
      this.duplicateId(identity, span, this.explicit.get(identity)!.span);
      return;
    }
    const { evidence } = rel;
    if (!entry && evidence.length < 2) {
      // The common case: a new fact with at most one item, nothing to compare.
      const items = evidence.length ? evidenceDigest(evidence[0]!) : NO_DIGESTS;
      this.created(rel, identity, span, id, items, evidence);
      return;
    }
    const known = entry ? digestsOf(entry.items) : NO_DIGESTS;
    const fresh: Evidence[] = [];
    const digests: number[] = [];
    evidence.forEach((item, i) => {
      const d = evidenceDigest(item);
      if (known.includes(d) || digests.includes(d)) {
        this.sink.report('KG203', spans?.[i] ?? span, 'the same evidence is given twice', {
          value: `${rel.from} ${rel.type} ${rel.to}`,
          hint: 'this source, quote and time already support this relation: remove one',
          related: entry ? [{ span: entry.span, message: 'first stated here' }] : undefined,
        });
        return;
      }
      fresh.push(item);
      digests.push(d);
    });
    const all = known.concat(digests);
    const items = all.length === 1 ? all[0]! : all;
    if (!entry) {
      this.created(
        rel,
        identity,
        span,
        id,
        items,
        fresh.length === evidence.length ? evidence : fresh,
      );
      return;
    }
    if (!evidence.length) {
      this.sink.report('KG203', span, 'the same relation is stated twice', {
        value: `${rel.from} ${rel.type} ${rel.to}`,
        hint: 'remove one, or give this statement its own evidence (source, quote, date)',
        related: [{ span: entry.span, message: 'first stated here' }],
      });
    }
    if (fresh.length) this.index.set(identity, { ...entry, items });
    if (fresh.length || rel.note !== undefined) {
      const merge: FactMerge = { id: entry.key ?? identity, type: rel.type, evidence: fresh };
      if (rel.note !== undefined) merge.note = rel.note;
      this.out.merge(merge);
    }
  }

  /** Registers and emits a new fact. */
  private created(
    rel: FactStatement,
    identity: string,
    span: Span,
    id: Str | undefined,
    items: number | number[],
    evidence: Evidence[],
  ): void {
    const key = id?.value;
    this.index.set(identity, key === undefined ? { span, items } : { span, key, items });
    this.count++;
    const { type, from, to, symmetric, properties } = rel;
    const fact: ResolvedRelation = {
      id: key ?? identity,
      type,
      from,
      to,
      symmetric,
      evidence,
      properties,
      span,
    };
    if (rel.note !== undefined) fact.note = rel.note;
    this.out.emit(fact);
  }

  /** Checks an explicit id against the ids seen so far; false when the statement must go. */
  private claim(id: Str, identity: string, entry: FactEntry | undefined): boolean {
    const owner = this.explicit.get(id.value);
    if (owner && owner.identity !== identity) {
      this.duplicateId(id.value, id, owner.span);
      return false;
    }
    if (entry && entry.key !== id.value) {
      const key = entry.key ?? identity;
      this.sink.report('KG118', id, `this relation already has the id '${key}'`, {
        value: id.value,
        hint:
          entry.key === undefined
            ? `give id: ${id.value} on its first statement (or on none): a relation has one id`
            : `write id: ${key} here too, or leave the id out: a relation has one id`,
        related: [{ span: entry.span, message: 'first stated here' }],
      });
      return false;
    }
    if (!owner && id.value !== identity && this.index.get(id.value)) {
      // The id is another fact's derived id: one edge key for two facts.
      this.duplicateId(id.value, id, this.index.get(id.value)!.span);
      return false;
    }
    if (!owner) this.explicit.set(id.value, { identity, span: id });
    return true;
  }

  private duplicateId(id: string, span: Span, first: Span): void {
    this.sink.report('KG113', span, `duplicate relation id '${id}'`, {
      value: id,
      hint: 'another relation has this id; relation ids must be unique: rename one',
      related: [{ span: first, message: 'first used here' }],
    });
  }
}
