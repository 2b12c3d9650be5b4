// What an edge derives from its evidence list: the distinct sources and quotes, the count, the
// fact's time and its confidence (the rules are in src/types.ts and docs/language.md).
import { compareIsoDates } from '../language/dates.js';
import type { CoreEdgeAttrs, Evidence } from '../types.js';

export type EvidenceSummary = Pick<
  CoreEdgeAttrs,
  'sources' | 'quotes' | 'evidence_count' | 'date' | 'start' | 'end' | 'confidence'
>;

/** Orders two ISO dates of any precision by their last instant ('2025' ends after '2025-08'). */
function compareEnds(a: string, b: string): number {
  const pad = (s: string) => (s + '9999-12-31T23:59:59'.slice(s.length)).slice(0, 19);
  const x = pad(a);
  const y = pad(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The time of a list of evidence items (see CoreEdgeAttrs.date). */
export function evidenceTime(items: readonly Evidence[]): Pick<Evidence, 'date' | 'start' | 'end'> {
  let single: string | undefined;
  let same = true;
  let start: string | undefined;
  let end: string | undefined;
  for (const item of items) {
    const { date } = item;
    if (date !== undefined && item.start === undefined && item.end === undefined) {
      if (single === undefined) single = date;
      else if (single !== date) same = false;
    } else if (item.start !== undefined || item.end !== undefined) same = false;
    const from = item.start ?? date;
    const to = item.end ?? date;
    if (from !== undefined && (start === undefined || compareIsoDates(from, start) < 0)) {
      start = from;
    }
    if (to !== undefined && (end === undefined || compareEnds(to, end) > 0)) end = to;
  }
  if (same && single !== undefined) return { date: single };
  const out: Pick<Evidence, 'start' | 'end'> = {};
  if (start !== undefined) out.start = start;
  if (end !== undefined) out.end = end;
  return out;
}

/** The edge attributes derived from `items` (absent keys: nothing to say). */
export function summarizeEvidence(items: readonly Evidence[]): EvidenceSummary {
  const summary: EvidenceSummary = { sources: [], quotes: [], evidence_count: 0 };
  summarizeInto(summary, items);
  return summary;
}

/**
 * Writes what `items` give into `out` (a summary, or an edge's attributes whose time and
 * confidence are not set yet); one object less per edge than spreading a summary.
 */
export function summarizeInto(out: EvidenceSummary, items: readonly Evidence[]): void {
  const only = items.length === 1 ? items[0] : undefined;
  if (only) {
    // One item (most edges): no scans, no intermediate objects.
    out.sources = only.source === undefined ? [] : [only.source];
    out.quotes = only.quote === undefined ? [] : [only.quote];
    out.evidence_count = 1;
    if (only.date !== undefined && only.start === undefined && only.end === undefined) {
      out.date = only.date;
    } else {
      const start = only.start ?? only.date;
      const end = only.end ?? only.date;
      if (start !== undefined) out.start = start;
      if (end !== undefined) out.end = end;
    }
    if (only.confidence !== undefined) out.confidence = only.confidence;
    return;
  }
  const sources: string[] = [];
  const quotes: string[] = [];
  let hedged = items.length > 0;
  let confidence = -Infinity;
  for (const item of items) {
    if (item.source !== undefined && !sources.includes(item.source)) sources.push(item.source);
    if (item.quote !== undefined && !quotes.includes(item.quote)) quotes.push(item.quote);
    if (item.confidence === undefined) hedged = false;
    else if (item.confidence > confidence) confidence = item.confidence;
  }
  out.sources = sources;
  out.quotes = quotes;
  out.evidence_count = items.length;
  Object.assign(out, evidenceTime(items));
  if (hedged) out.confidence = confidence;
}

/**
 * What makes two evidence items "the same" (KG203): source, quote and time. A 30-bit FNV-1a
 * hash of them, compared only among the items of one fact (a collision there would take two
 * different items of the same fact for one: about one chance in a billion).
 */
export function evidenceDigest(item: Evidence): number {
  const text = `${item.source ?? ''}\u0000${item.quote ?? ''}\u0000${item.date ?? ''}\u0000${item.start ?? ''}\u0000${item.end ?? ''}`;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h & 0x3fffffff;
}
