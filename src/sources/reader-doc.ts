// What the viewer's reader panel shows for one source: its text, its paragraphs (cited or
// not) and the passages anchored quotes cover, each naming the relation (edge key) and the
// index of the evidence item that cites it. Offsets are UTF-16 (the browser's unit; the W3C anchors in
// the graph count code points). `kg view` serves one document per source; the static site
// inlines them all.
import type { Evidence, KgGraph } from '../types.js';
import { dict, own } from '../util/dict.js';
import type { CheckedSource } from './check-quotes.js';
import { citedParagraphs } from './coverage.js';

export interface ReaderMark {
  start: number;
  end: number;
  relation: string;
  evidence: number;
}

export interface ReaderDoc {
  id: string;
  title: string;
  file: string;
  format: CheckedSource['format'];
  text: string;
  /** [start, end, cited (1) or not (0)] of each paragraph. */
  paragraphs: [number, number, 0 | 1][];
  /** Sorted by start, then end. */
  marks: ReaderMark[];
}

export function readerDoc(source: CheckedSource, title: string, marks: ReaderMark[]): ReaderDoc {
  marks.sort((a, b) => a.start - b.start || a.end - b.end || (a.relation < b.relation ? -1 : 1));
  return {
    id: source.id,
    title,
    file: source.file,
    format: source.format,
    text: source.text,
    paragraphs: citedParagraphs(source).map((p) => [p.start, p.end, p.cited ? 1 : 0]),
    marks,
  };
}

/**
 * Reader documents of every checked source, by source id (a null-prototype table). The marks
 * come from the graph's edges: each evidence item whose quote was anchored marks its passage
 * for that edge (an item shared by the pairs of `[a, b] SUPPORTS c` marks it for each).
 */
export function readerDocs(graph: KgGraph, texts: CheckedSource[]): Record<string, ReaderDoc> {
  // No source text: no edge to look at (kg view asks after every save).
  if (!texts.length) return dict<ReaderDoc>();
  const ranges = new Map<Evidence, [number, number]>();
  for (const t of texts) for (const q of t.quotes) if (q.range) ranges.set(q.item, q.range);
  const marks = new Map<string, ReaderMark[]>(texts.map((t) => [t.id, []]));
  graph.forEachEdge((relation, attrs) => {
    attrs.evidence.forEach((item, evidence) => {
      const range = ranges.get(item);
      if (!range || item.source === undefined) return;
      marks.get(item.source)?.push({ start: range[0], end: range[1], relation, evidence });
    });
  });
  const info = graph.getAttribute('sources');
  const out = dict<ReaderDoc>();
  for (const t of texts) {
    out[t.id] = readerDoc(t, own(info, t.id)?.title ?? t.id, marks.get(t.id) ?? []);
  }
  return out;
}
