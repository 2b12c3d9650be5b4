// Checks every quote whose source has a text, source by source, and anchors the ones found.
// Quotes are collected as relations are resolved (statement order: files in path order, then
// position) and checked at the end, one source at a time: its text is read, folded and
// indexed once, every quote citing it is matched through the index, and the index is dropped
// before the next source, so memory holds one source's index at a time.
//
// A quote found more than once is anchored by `near:` when the statement gives it (the
// occurrence closest to the near text), otherwise by reading order: the first occurrence at
// or after the previous anchored quote of the same source, or its first occurrence when
// there is none after. Analysts encode a source from top to bottom, so repeated phrases land
// on the passage being encoded, and quotes shared by several statements on the same passage.
import type { Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { positionAt } from '../language/source-file.js';
import type { Evidence, QuoteAnchor } from '../types.js';
import { CodePoints, makeAnchor } from './anchor.js';
import type { Word } from './closest-passage.js';
import { fold, originalEnd, type Folded } from './fold.js';
import { findMatches, type FoldedMatch } from './match-quote.js';
import { closestPassage, sourceWords, type ClosestPassage } from './passage-diff.js';
import { parseQuote } from './quote-pattern.js';
import type { SourceFormat, SourceTexts } from './source-texts.js';
import { TextIndex } from './text-index.js';

/** One evidence item's quote to check against the item's source, and where it is written. */
export interface QuoteCheck {
  source: string;
  quote: Str;
  near?: Str | undefined;
  /** The compiled evidence item (in the graph's edges): it gets the anchor. */
  item: Evidence;
}

export type QuoteStatus = 'anchored' | 'near-miss' | 'absent' | 'no-words';

export interface QuoteResult {
  /** The evidence item checked (the same object as in the graph's edges). */
  item: Evidence;
  quote: string;
  status: QuoteStatus;
  anchor?: QuoteAnchor;
  /** [start, end) of the anchored passage in UTF-16 offsets of the text (the viewer's unit). */
  range?: [number, number];
  /** How many times the quote occurs (more than 1: anchored by near: or reading order). */
  occurrences: number;
  /** Where the quote is written (YAML file, 1-based line and column). */
  file: string;
  line: number;
  column: number;
}

/** A source text with what its quotes found. */
export interface CheckedSource {
  id: string;
  file: string;
  format: SourceFormat;
  text: string;
  quotes: QuoteResult[];
}

export interface CheckOptions {
  /** Keep texts, anchors and per-quote results (false: diagnostics only, as `kg validate`). */
  keep: boolean;
}

/** Collects quote checks during resolution and runs them at the end. */
export class QuoteChecker {
  private readonly bySource = new Map<string, QuoteCheck[]>();
  private count = 0;

  constructor(
    private readonly texts: SourceTexts,
    private readonly sink: DiagnosticSink,
  ) {}

  /** Whether quotes citing this source are checked (it has a usable text). */
  hasText(source: string): boolean {
    return this.texts.has(source);
  }

  add(check: QuoteCheck): void {
    let list = this.bySource.get(check.source);
    if (!list) {
      list = [];
      this.bySource.set(check.source, list);
    }
    list.push(check);
    this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** Checks every collected quote, source by source (id order); results only with `keep`. */
  run(options: CheckOptions): CheckedSource[] {
    const out: CheckedSource[] = [];
    for (const id of this.texts.ids()) {
      const checks = this.bySource.get(id) ?? [];
      this.bySource.delete(id);
      const source = this.texts.read(id);
      if (!source) continue;
      const results = new SourceMatcher(source.text, source.display?.path ?? source.file).checkAll(
        checks,
        this.sink,
        source,
        options.keep,
      );
      if (options.keep) out.push({ ...source, quotes: results });
    }
    return out;
  }
}

/** One source's folded text, its index, and the anchoring state of reading order. */
class SourceMatcher {
  private readonly folded: Folded;
  private readonly index: TextIndex;
  private readonly cp: CodePoints;
  private words: Word[] | undefined;
  private lastStart = -1;

  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {
    this.folded = fold(text);
    this.index = new TextIndex(this.folded.text);
    this.cp = new CodePoints(text);
  }

  checkAll(
    checks: QuoteCheck[],
    sink: DiagnosticSink,
    source: NonNullable<ReturnType<SourceTexts['read']>>,
    keep: boolean,
  ): QuoteResult[] {
    const results: QuoteResult[] = [];
    const matchCache = new Map<string, FoldedMatch[]>();
    for (const check of checks) {
      const quote = check.quote.value;
      let matches = matchCache.get(quote);
      if (!matches) {
        matches = findMatches(this.index, parseQuote(quote));
        matchCache.set(quote, matches);
      }
      const result = this.checkOne(check, matches, sink, source, keep);
      if (keep) {
        const { line, column } = positionAt(check.quote.file, check.quote.start);
        results.push({ ...result, file: check.quote.file.path, line, column });
      }
    }
    return results;
  }

  private checkOne(
    check: QuoteCheck,
    matches: FoldedMatch[],
    sink: DiagnosticSink,
    source: NonNullable<ReturnType<SourceTexts['read']>>,
    keep: boolean,
  ): Omit<QuoteResult, 'file' | 'line' | 'column'> {
    const quote = check.quote.value;
    const base = { item: check.item, quote };
    if (!matches.length) {
      if (!parseQuote(quote).parts.length) {
        sink.report('KG133', check.quote, 'this quote has no words to look for', {
          value: quote,
          hint: 'quote the source’s words; … and [brackets] only mark omissions and insertions',
        });
        return { ...base, status: 'no-words', occurrences: 0 };
      }
      const closest = closestPassage(quote, { text: this.text, words: () => this.sourceWords() });
      this.reportMissing(sink, check, closest, source);
      return { ...base, status: closest.kind, occurrences: 0 };
    }
    const chosen = this.choose(check, matches, sink);
    this.lastStart = chosen.start;
    const start = this.folded.starts[chosen.start] ?? 0;
    const end = originalEnd(this.text, this.folded, chosen.end);
    if (!keep) return { ...base, status: 'anchored', occurrences: matches.length };
    const anchor = makeAnchor(this.cp, start, end);
    // The anchor joins the evidence item itself: the graph's edges hold the same objects.
    check.item.anchor = anchor;
    return {
      ...base,
      status: 'anchored',
      anchor,
      range: [start, end],
      occurrences: matches.length,
    };
  }

  private sourceWords(): Word[] {
    this.words ??= sourceWords(this.text, this.folded);
    return this.words;
  }

  /** The occurrence to anchor: nearest the `near:` text, else by reading order. */
  private choose(check: QuoteCheck, matches: FoldedMatch[], sink: DiagnosticSink): FoldedMatch {
    const first = matches[0] as FoldedMatch;
    if (check.near) {
      const near = findMatches(this.index, parseQuote(check.near.value));
      if (near.length) {
        let best = first;
        let bestDistance = Infinity;
        for (const m of matches) {
          for (const n of near) {
            const d = Math.max(0, n.start - m.end, m.start - n.end);
            if (d < bestDistance) [best, bestDistance] = [m, d];
          }
        }
        return best;
      }
      sink.report('KG132', check.near, `the near: text is not in source '${check.source}'`, {
        value: check.near.value,
        hint: 'give a few words of the source written close to the quote, verbatim',
      });
    }
    if (matches.length === 1) return first;
    return matches.find((m) => m.start >= this.lastStart) ?? first;
  }

  private reportMissing(
    sink: DiagnosticSink,
    check: QuoteCheck,
    closest: ClosestPassage,
    source: NonNullable<ReturnType<SourceTexts['read']>>,
  ): void {
    const where =
      closest.start === undefined
        ? ''
        : source.display
          ? ` (${source.display.path}:${positionAt(source.display, closest.start).line})`
          : ` (paragraph ${paragraphOf(this.text, closest.start)} of the page's text)`;
    const related =
      closest.start !== undefined && source.display
        ? [
            {
              span: {
                file: source.display,
                start: closest.start,
                end: closest.end ?? closest.start,
              },
              message: 'closest passage',
            },
          ]
        : [];
    if (closest.kind === 'near-miss') {
      const what =
        closest.differing === 0
          ? 'the same words with different punctuation'
          : `${closest.differing} word${closest.differing === 1 ? '' : 's'} differ${closest.differing === 1 ? 's' : ''}`;
      sink.report('KG131', check.quote, `quote differs from source '${check.source}': ${what}`, {
        value: check.quote.value,
        hint: `near miss — the source says “${closest.diff ?? ''}”${where}; copy its words exactly`,
        related,
      });
      return;
    }
    sink.report('KG130', check.quote, `quote not found in source '${check.source}'`, {
      value: check.quote.value,
      hint: closest.diff
        ? `absent — the closest passage shares only some words: “${closest.diff}”${where}`
        : `absent — no passage of ${this.where} comes close; is it the right source?`,
      related,
    });
  }
}

function paragraphOf(text: string, offset: number): number {
  return (text.slice(0, offset).match(/\n[ \t\r]*\n/g)?.length ?? 0) + 1;
}
