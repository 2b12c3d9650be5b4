// The compiler's side of source texts: declares each source's `file:` when sources are
// resolved, turns each quoted relation into checks (one per source it cites that has a
// text), and runs them when every relation is in.
import path from 'node:path';
import type { RelationDef, SourceDef } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import { QuoteChecker, type CheckedSource } from './check-quotes.js';
import { SourceTexts, type SourceTextOptions } from './source-texts.js';

export type ProjectSourcesOptions = SourceTextOptions;

export class ProjectSources {
  private readonly texts: SourceTexts;
  private readonly checker: QuoteChecker;

  constructor(sink: DiagnosticSink, options: ProjectSourcesOptions) {
    this.texts = new SourceTexts(sink, options);
    this.checker = new QuoteChecker(this.texts, sink);
  }

  /** Every source declaration, in file order: the first `file:` of an id counts. */
  declare(defs: Iterable<SourceDef>): void {
    for (const def of defs) if (def.file) this.texts.declare(def.id.value, def.file);
  }

  /** A relation was resolved: check its quote against each of its sources that has a text. */
  quoted(relation: string, def: RelationDef): void {
    if (!def.quote) return;
    const seen = new Set<string>();
    for (const s of def.sources) {
      if (seen.has(s.value) || !this.texts.has(s.value)) continue;
      seen.add(s.value);
      this.checker.add({
        source: s.value,
        quote: def.quote,
        ...(def.near ? { near: def.near } : {}),
        relation,
        evidence: 0,
      });
    }
  }

  /** Checks every quote; with `keep`, returns each source's text and results. */
  run(keep: boolean): CheckedSource[] {
    return this.checker.run({ keep });
  }
}

/** The directory the files of a project have in common (compileFiles has no project dir). */
export function commonDirectory(paths: string[]): string {
  const dirs = paths.map((p) => path.dirname(path.resolve(p)).split(path.sep));
  const first = dirs[0];
  if (!first) return process.cwd();
  let n = first.length;
  for (const d of dirs) {
    let i = 0;
    while (i < n && d[i] === first[i]) i++;
    n = i;
  }
  return first.slice(0, n).join(path.sep) || path.sep;
}
