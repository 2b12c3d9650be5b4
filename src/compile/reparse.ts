// An editor's change that falls inside one item of a file's `relations:` list re-parses that
// item alone: the item's lines (now maybe several items, or none) are parsed under a
// `relations:` key of their own, their positions moved to where they stand in the file, and the
// file's other definitions are kept, the ones after the change with their offsets moved. The
// file's SourceFile object is kept too (its text replaced), so every kept span stays valid.
// Whenever that could differ from parsing the whole text, undefined is returned and the caller
// parses the whole file: the change reaches outside one item (the key, `defaults:`, the start of
// the next item; the item's own dash only if its lines still start with one — or are all
// removed), a line of the new text leaves the list's indentation, the old or the
// new part needs the full YAML reader (errors, anchors, aliases, tags, tabs), or the file has a
// diagnostic about itself as a whole.
import type { FileContribution, RelationDef, RelationItems } from '../language/ast.js';
import type { Diagnostic } from '../language/diagnostic.js';
import { DiagnosticSink } from '../language/diagnostic-sink.js';
import { parseFile, type ParseFileOptions } from '../language/parse-file.js';
import { lineStartOf } from '../language/relation-items.js';
import { positionAt, replaceText, type SourceFile } from '../language/source-file.js';

/** Codes about a file as a whole (or from the full reader): never re-parsed in part. */
const WHOLE_FILE = new Set(['KG001', 'KG002', 'KG003', 'KG004', 'KG007', 'KG008', 'KG009']);

export interface Reparsed {
  contribution: FileContribution;
  diagnostics: Diagnostic[];
  /** Defs kept before the change; then `added` new ones replace `removed` old ones. */
  first: number;
  removed: number;
  added: number;
  /** Lines the change added (negative: removed). */
  lineDelta: number;
}

function countLines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The file re-parsed from `text` in part, or undefined (parse it whole). `file` is the file's
 * SourceFile, whose text is replaced (only when the result is not undefined).
 */
export function reparseRelations(
  file: SourceFile,
  old: { contribution: FileContribution; diagnostics: readonly Diagnostic[] },
  text: string,
  options: ParseFileOptions,
): Reparsed | undefined {
  const items = old.contribution.relationItems;
  if (!items || old.diagnostics.some((d) => WHOLE_FILE.has(d.code))) return undefined;
  const before = file.text;
  // The changed range: [start, before.length - tail) became [start, text.length - tail).
  const limit = Math.min(before.length, text.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === text.charCodeAt(start)) start++;
  let tail = 0;
  while (
    tail < limit - start &&
    before.charCodeAt(before.length - 1 - tail) === text.charCodeAt(text.length - 1 - tail)
  ) {
    tail++;
  }
  const delta = text.length - before.length;
  // The item the change is in: from the start of its line, up to the start of the next item's
  // line (a change at the very start of an item's line is that item's: removing a whole item
  // is a change of its own lines, to none).
  let k = items.dashes.length - 1;
  while (k >= 0 && lineStartOf(before, items.dashes[k]!) > start) k--;
  if (k < 0) return undefined;
  const dash = items.dashes[k]!;
  const regionStart = lineStartOf(before, dash);
  const next = items.dashes[k + 1];
  const regionEnd = next !== undefined ? lineStartOf(before, next) : (items.end ?? before.length);
  if (before.length - tail > regionEnd) return undefined;
  const region = text.slice(regionStart, regionEnd + delta);
  const column = dash - regionStart;
  const followed = regionEnd < before.length;
  if ((followed && !region.endsWith('\n')) || !linesStayInList(region, column)) return undefined;
  // Where the change reaches the item's dash, the region must still start with an item: a
  // deeper line there would continue the item before it in the file.
  if (start <= dash && region !== '' && !startsItem(region, column)) return undefined;

  // The item's lines alone, under a key of their own, and followed by an item as in the file
  // (which ends the last one's block scalars and takes its trailing comments); that item's
  // def, place and diagnostics are dropped.
  const HEAD = 'relations:\n';
  const sentinel = next !== undefined ? `${' '.repeat(column)}- x\n` : '';
  const part: SourceFile = { path: file.path, text: HEAD + region + sentinel };
  const sink = new DiagnosticSink();
  // No lines left (the item removed): nothing to parse.
  const parsed = region === '' ? undefined : parseFile(part, sink, options);
  const found = parsed ? parsed.relationItems : { key: items.key, dashes: [], first: [] };
  const partLines = countLines(part.text, 0, HEAD.length + region.length) + 1;
  const partDiagnostics = sink.items.filter((d) => d.line < partLines);
  if (
    !found ||
    partDiagnostics.some(
      (d) => d.line < 2 || WHOLE_FILE.has(d.code) || /\bline\b/.test(d.hint ?? ''),
    )
  ) {
    return undefined;
  }
  const cut = HEAD.length + region.length;
  const defs = (parsed?.relations ?? []).filter((def) => def.span.start < cut);
  const kept = found.dashes.filter((d) => d < cut).length;
  const base = regionStart - HEAD.length;
  const firstLine = positionAt(file, regionStart).line;
  const lineShift = firstLine - 2;
  const lineDelta =
    countLines(text, start, text.length - tail) - countLines(before, start, before.length - tail);
  // Kept objects point to `file`; the new ones to `part` until moved here.
  const moved = new Set<object>();
  for (const def of defs) move(def, part, base, 0, file, moved);
  for (const d of partDiagnostics) shiftLines(d, 1, lineShift);
  const c = old.contribution;
  const firstDef = items.first[k]!;
  const endDef = items.first[k + 1] ?? c.relations.length;
  const after = c.relations.slice(endDef);
  if (delta) {
    // Offsets after the change move; with another section after the list, its spans too.
    for (const def of after) move(def, file, delta, regionEnd, file, moved);
    if (items.end !== undefined) {
      const { entityTypes, relationTypes, sources, entities, project, defaults } = c;
      const rest = [entityTypes, relationTypes, sources, entities, project, defaults];
      move(rest, file, delta, regionEnd, file, moved);
    }
  }
  const relations: RelationDef[] = [...c.relations.slice(0, firstDef), ...defs, ...after];
  const added = defs.length;
  const relationItems: RelationItems = {
    key: items.key,
    dashes: [
      ...items.dashes.slice(0, k),
      ...found.dashes.slice(0, kept).map((d) => d + base),
      ...items.dashes.slice(k + 1).map((d) => d + delta),
    ],
    first: [
      ...items.first.slice(0, k),
      ...found.first.slice(0, kept).map((f) => f + firstDef),
      ...items.first.slice(k + 1).map((f) => f - (endDef - firstDef) + added),
    ],
    end: items.end === undefined ? undefined : items.end + delta,
  };
  // Diagnostics of the file: those before the item stay, the item's are new, later ones move.
  const lastLine = positionAt(file, regionEnd).line;
  const diagnostics: Diagnostic[] = [];
  for (const d of old.diagnostics) if (d.line < firstLine) diagnostics.push(d);
  for (const d of partDiagnostics) diagnostics.push(d);
  for (const d of old.diagnostics) {
    if (d.line >= lastLine)
      diagnostics.push(lineDelta ? shiftLines({ ...d }, lastLine, lineDelta) : d);
  }
  replaceText(file, text);
  return {
    contribution: { ...c, relations, relationItems },
    diagnostics,
    first: firstDef,
    removed: endDef - firstDef,
    added,
    lineDelta,
  };
}

/** True when `region` starts with an item of the list: its dash at `column`. */
function startsItem(region: string, column: number): boolean {
  for (let i = 0; i < column; i++) if (region.charCodeAt(i) !== 32) return false;
  return itemDashAt(region, column);
}

/** True when `text[i]` is a list item's dash: followed by a space, the line's end or nothing. */
function itemDashAt(text: string, i: number): boolean {
  const after = text[i + 1];
  return text[i] === '-' && (after === ' ' || after === '\n' || after === undefined);
}

/** True when every line is blank, a comment, deeper than the list or a new item of it. */
function linesStayInList(region: string, column: number): boolean {
  let at = 0;
  while (at < region.length) {
    const eol = region.indexOf('\n', at);
    const end = eol === -1 ? region.length : eol;
    let i = at;
    while (i < end && region.charCodeAt(i) === 32) i++;
    const indent = i - at;
    const ok =
      i === end ||
      region[i] === '#' ||
      indent > column ||
      (indent === column && itemDashAt(region, i));
    if (!ok) return false;
    at = end + 1;
  }
  return true;
}

/** Moves every span under `value` that points to `from` at or after `after` by `by`, into `to`. */
function move(
  value: unknown,
  from: SourceFile,
  by: number,
  after: number,
  to: SourceFile,
  seen: Set<object>,
): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) move(v, from, by, after, to, seen);
    return;
  }
  const o = value as Record<string, unknown>;
  if (o.file === from && typeof o.start === 'number' && typeof o.end === 'number') {
    if (o.start >= after) {
      o.start += by;
      o.end += by;
    }
    o.file = to;
  }
  for (const key in o) if (key !== 'file') move(o[key], from, by, after, to, seen);
}

/** Moves a diagnostic's lines from `line` on by `by` (its related places in this file too). */
function shiftLines<T extends Diagnostic>(d: T, line: number, by: number): T {
  if (d.line >= line) d.line += by;
  if (d.endLine !== undefined && d.endLine >= line) d.endLine += by;
  if (d.related) {
    d.related = d.related.map((r) =>
      r.file === d.file && r.line >= line
        ? {
            ...r,
            line: r.line + by,
            ...(r.endLine === undefined ? {} : { endLine: r.endLine + by }),
          }
        : r,
    );
  }
  return d;
}
