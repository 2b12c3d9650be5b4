// A relation statement's evidence items: its `evidence:` list or its flat keys, with the
// relation's flat keys and then the file's `defaults:` filling what an item leaves out.
//   item field > the relation's flat field > the file's default
// The time is taken whole: an item that gives any of date/start/end gets no inherited time.
// `source: [a, b]` gives one item per source. A flat `quote` beside `evidence:` is an error
// (KG120): it would be unclear which item it belongs to.
import type { EvidenceFields, FileDefaults, RawValue, RelationDef, Str } from '../language/ast.js';
import { checkConfidence, checkDate } from '../language/check-value.js';
import { compareIsoDates } from '../language/dates.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Span } from '../language/source-file.js';
import type { Evidence, SourceInfo } from '../types.js';
import { checkSourceRefs } from './property-checks.js';

export interface StatementEvidence {
  items: Evidence[];
  /** Where each item was written (its `evidence:` entry, or the statement). */
  spans: Span[];
}

type Time = Pick<Evidence, 'date' | 'start' | 'end'>;

/** What one set of fields gives, checked (undefined: not given or invalid, reported). */
interface Checked {
  sources: Str[];
  quote?: string;
  time?: Time;
  confidence?: number;
}

function checkTime(sink: DiagnosticSink, f: EvidenceFields): Time | undefined {
  if (!f.date && !f.start && !f.end) return undefined;
  const time: Time = {};
  for (const k of ['date', 'start', 'end'] as const) {
    const raw: RawValue | undefined = f[k];
    const value = raw ? checkDate(raw, `'${k}'`, sink) : undefined;
    if (value) time[k] = value;
  }
  if (time.start && time.end && f.end && compareIsoDates(time.start, time.end) > 0) {
    sink.report('KG204', f.end, `relation ends (${time.end}) before it starts (${time.start})`, {
      value: time.end,
      hint: 'swap start and end?',
    });
  }
  return time;
}

export class EvidenceResolver {
  /** Source references already checked (a file's default source is shared by its relations). */
  private readonly checked = new WeakSet<Str>();

  constructor(
    private readonly sink: DiagnosticSink,
    private readonly sources: Map<string, SourceInfo>,
  ) {}

  private check(f: EvidenceFields): Checked {
    const out: Checked = { sources: f.sources };
    if (f.quote) out.quote = f.quote.value;
    const time = checkTime(this.sink, f);
    if (time) out.time = time;
    if (f.confidence) {
      const c = checkConfidence(f.confidence, this.sink);
      if (c !== undefined) out.confidence = c;
    }
    return out;
  }

  private checkSources(refs: Str[]): void {
    for (const ref of refs) {
      if (this.sources.has(ref.value) || this.checked.has(ref)) continue;
      this.checked.add(ref);
      checkSourceRefs(this.sink, [ref], this.sources);
    }
  }

  /** The items of one statement, in the order written. */
  resolve(def: RelationDef, defaults: FileDefaults | undefined): StatementEvidence {
    const flat = this.check(def);
    const inherited: Checked = {
      sources: flat.sources.length ? flat.sources : (defaults?.sources ?? []),
    };
    const defaultTime = defaults?.date === undefined ? undefined : { date: defaults.date };
    const time = def.date || def.start || def.end ? flat.time : defaultTime;
    if (time) inherited.time = time;
    const confidence = flat.confidence ?? defaults?.confidence;
    if (confidence !== undefined) inherited.confidence = confidence;
    const out: StatementEvidence = { items: [], spans: [] };
    if (!def.evidence) {
      if (flat.quote !== undefined) inherited.quote = flat.quote;
      this.expand(inherited, undefined, def.span, out);
      return out;
    }
    if (def.quote) {
      this.sink.report('KG120', def.quote, "a relation with 'evidence:' has no quote of its own", {
        value: def.quote.value,
        hint: 'move the quote into one of its evidence items: - { source: …, quote: … }',
      });
    }
    for (const item of def.evidence) {
      const own = this.check(item);
      const merged: Checked = {
        sources: own.sources.length ? own.sources : inherited.sources,
      };
      if (own.quote !== undefined) merged.quote = own.quote;
      const t = item.date || item.start || item.end ? own.time : inherited.time;
      if (t) merged.time = t;
      const c = own.confidence ?? inherited.confidence;
      if (c !== undefined) merged.confidence = c;
      this.expand(merged, item.note?.value, item.span, out);
    }
    return out;
  }

  /** One item per source (one without a source when there is none but something else). */
  private expand(c: Checked, note: string | undefined, span: Span, out: StatementEvidence): void {
    this.checkSources(c.sources);
    const base: Evidence = {};
    if (c.quote !== undefined) base.quote = c.quote;
    if (c.time) Object.assign(base, c.time);
    if (c.confidence !== undefined) base.confidence = c.confidence;
    if (note !== undefined) base.note = note;
    if (!c.sources.length) {
      if (Object.keys(base).length) {
        out.items.push(base);
        out.spans.push(span);
      }
      return;
    }
    for (const s of c.sources) {
      out.items.push({ source: s.value, ...base });
      out.spans.push(span);
    }
  }
}
