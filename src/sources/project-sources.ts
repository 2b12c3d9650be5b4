// The compiler's side of source texts: declares each source's `file:` when sources are
// resolved, turns each quoted evidence item into a check (when its source has a text), and
// runs them when every relation is in.
import path from 'node:path';
import type { SourceDef, Str } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { Evidence } from '../types.js';
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

  /** An evidence item with a quote: checked against its source's text, if it has one. */
  quoted(item: Evidence, quote: Str, near: Str | undefined): void {
    const source = item.source;
    if (source === undefined || !this.texts.has(source)) return;
    this.checker.add({ source, quote, near, item });
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
