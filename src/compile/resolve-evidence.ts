// A relation statement's evidence items: its `evidence:` list or its flat keys, with the
// relation's flat keys and then the file's `defaults:` filling what an item leaves out.
//   item field > the relation's flat field > the file's default
// The time is taken whole: an item that gives any of date/start/end gets no inherited time.
// `source: [a, b]` gives one item per source. A flat `quote` beside `evidence:` is an error
// (KG120): it would be unclear which item it belongs to.
import type { EvidenceFields, FileDefaults, RelationDef, Str } from '../language/ast.js';
import { checkConfidence, checkDate } from '../language/check-value.js';
import { compareIsoDates } from '../language/dates.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import type { Evidence, SourceInfo } from '../types.js';
import { checkSourceRefs } from './property-checks.js';

export interface StatementEvidence {
  items: Evidence[];
  /** Where each item was written (its `evidence:` entry); absent: all at the statement. */
  spans?: Span[];
}

type Time = Pick<Evidence, 'date' | 'start' | 'end'>;

/** What one set of fields gives, checked (absent: not given, or invalid and reported). */
interface Checked {
  sources: readonly Str[];
  quote?: Str | undefined;
  near?: Str | undefined;
  time?: Time | undefined;
  confidence?: number | undefined;
  note?: string | undefined;
}

const NO_SOURCES: readonly Str[] = [];

function checkTime(sink: DiagnosticSink, f: EvidenceFields): Time | undefined {
  if (!f.date && !f.start && !f.end) return undefined;
  const time: Time = {};
  if (f.date) {
    const date = checkDate(f.date, "'date'", sink);
    if (date) time.date = date;
  }
  if (f.start) {
    const start = checkDate(f.start, "'start'", sink);
    if (start) time.start = start;
  }
  if (f.end) {
    const end = checkDate(f.end, "'end'", sink);
    if (end) time.end = end;
  }
  if (time.start && time.end && f.end && compareIsoDates(time.start, time.end) > 0) {
    sink.report('KG204', f.end, `relation ends (${time.end}) before it starts (${time.start})`, {
      value: time.end,
      hint: 'swap start and end?',
    });
  }
  return time;
}

/**
 * One evidence item. Keys are inserted in sorted order, so that exports which sort keys (the
 * JSON export) can write the object as it is.
 */
function item(source: string | undefined, c: Checked): Evidence {
  const e: Evidence = {};
  if (c.confidence !== undefined) e.confidence = c.confidence;
  const t = c.time;
  if (t?.date !== undefined) e.date = t.date;
  if (t?.end !== undefined) e.end = t.end;
  if (c.note !== undefined) e.note = c.note;
  if (c.quote !== undefined) e.quote = c.quote.value;
  if (source !== undefined) e.source = source;
  if (t?.start !== undefined) e.start = t.start;
  return e;
}

/**
 * Told of each evidence item with a quote, with where the quote (and its `near:`) is written:
 * the quote is checked against the item's source text (src/sources/project-sources.ts).
 */
export type QuotedItem = (item: Evidence, quote: Str, near: Str | undefined) => void;

export class EvidenceResolver {
  /** Source references already checked (a file's default source is shared by its relations). */
  private readonly checked = new WeakSet<Str>();

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly sources: Map<string, SourceInfo>,
    private readonly quoted?: QuotedItem,
  ) {}

  private checkSources(refs: readonly Str[]): void {
    for (const ref of refs) {
      if (this.sources.has(ref.value) || this.checked.has(ref)) continue;
      this.checked.add(ref);
      checkSourceRefs(this.sink, [ref], this.sources);
    }
  }

  /** The items of one statement, in the order written. */
  resolve(def: RelationDef, defaults: FileDefaults | undefined): StatementEvidence {
    const { sink } = this;
    const flat: Checked = {
      sources: def.sources.length ? def.sources : (defaults?.sources ?? NO_SOURCES),
      // An own time, even an invalid one (reported), keeps the default date out.
      time:
        checkTime(sink, def) ??
        (defaults?.date === undefined ? undefined : { date: defaults.date }),
    };
    const confidence = def.confidence ? checkConfidence(def.confidence, sink) : undefined;
    flat.confidence = confidence ?? defaults?.confidence;
    if (!def.evidence) {
      flat.quote = def.quote;
      flat.near = def.near;
      return { items: this.expand(flat, []) };
    }
    if (def.quote) {
      sink.report('KG120', def.quote, "a relation with 'evidence:' has no quote of its own", {
        value: def.quote.value,
        hint: 'move the quote into one of its evidence items: - { source: …, quote: … }',
      });
    }
    const items: Evidence[] = [];
    const spans: Span[] = [];
    for (const e of def.evidence) {
      const own: Checked = {
        sources: e.sources.length ? e.sources : flat.sources,
        quote: e.quote,
        near: e.near,
        time: e.date || e.start || e.end ? checkTime(sink, e) : flat.time,
        note: e.note?.value,
      };
      const c = e.confidence ? checkConfidence(e.confidence, sink) : undefined;
      own.confidence = c ?? flat.confidence;
      const before = items.length;
      this.expand(own, items);
      for (let i = before; i < items.length; i++) spans.push(e.span);
    }
    return { items, spans };
  }

  /** One item per source (one without a source when there is none but something else). */
  private expand(c: Checked, into: Evidence[]): Evidence[] {
    this.checkSources(c.sources);
    if (c.sources.length === 0) {
      if (c.quote !== undefined || c.time || c.confidence !== undefined || c.note !== undefined) {
        into.push(item(undefined, c));
      }
      return into;
    }
    for (const s of c.sources) {
      const e = item(s.value, c);
      into.push(e);
      if (c.quote && this.quoted) this.quoted(e, c.quote, c.near);
    }
    return into;
  }
}
