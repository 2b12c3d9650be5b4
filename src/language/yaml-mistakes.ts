// The YAML mistakes newcomers make, recognised from the `yaml` package's errors and the lines
// around them: each becomes one diagnostic in plain words, with the fixed line as its hint, and
// an edit that makes the line what the user meant (yaml-repair.ts re-reads the file with it, so
// the rest of the mapping is read as intended and nothing else is reported for the same mistake).
import { bare, isBlank, lineParts, singleQuoted, spaces, type LineParts } from './yaml-lines.js';

/** A YAML error at a 0-based line and column of the text being repaired. */
export interface LocatedError {
  code: string;
  message: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** Replace columns [start, end) of a line with text. */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

export interface Mistake {
  line: number;
  start: number;
  end: number;
  message: string;
  hint: string;
  edits: LineEdit[];
  /** Lines whose other errors this mistake explains. */
  lines: number[];
}

/** The text being repaired, and which of its lines are block scalar content (`|`, `>`). */
interface Lines {
  lines: string[];
  scalar: boolean[];
  /** lineParts of each line, read once (a file may have thousands of mistakes). */
  parts: (LineParts | undefined)[];
}

function partsOf(ctx: Lines, i: number): LineParts {
  let parts = ctx.parts[i];
  if (!parts) {
    parts = lineParts(ctx.lines[i] ?? '');
    ctx.parts[i] = parts;
  }
  return parts;
}

/** Replaces line `i` (the tab fixes place later lines under earlier fixed ones). */
function setLine(ctx: Lines, i: number, text: string): void {
  ctx.lines[i] = text;
  ctx.parts[i] = undefined;
}

function blockScalarLines(lines: readonly string[]): boolean[] {
  let block = -1;
  return lines.map((l) => {
    const parts = lineParts(l);
    if (block >= 0 && (l.trim() === '' || parts.indent > block)) return true;
    block = parts.value && /^[|>]/.test(parts.value.text) ? parts.indent : -1;
    return false;
  });
}

/** Blank lines, comments and block scalar content carry no structure. */
function skipped(ctx: Lines, i: number): boolean {
  return ctx.scalar[i] === true || isBlank(ctx.lines[i] ?? '');
}

function applied(line: string, edit: LineEdit): string {
  return line.slice(0, edit.start) + edit.text + line.slice(edit.end);
}

/** The fixed line as shown in a hint: without its indentation. */
function shown(line: string, edit: LineEdit): string {
  return `\`${bare(applied(line, edit)).trim()}\``;
}

function nextContentLine(ctx: Lines, i: number): number {
  let j = i + 1;
  while (j < ctx.lines.length && skipped(ctx, j)) j++;
  return j < ctx.lines.length ? j : -1;
}

function prevContentLine(ctx: Lines, i: number): number {
  let j = i - 1;
  while (j >= 0 && skipped(ctx, j)) j--;
  return j;
}

const OPEN_LINES_REACH = 400;

/**
 * The lines above `i` that are still open at its position: each one less indented than all
 * lines between it and `i` (its parent, its parent's parent…, and the sibling just above),
 * down to the first at or under `floor` columns.
 */
function openLines(ctx: Lines, i: number, floor = 0): { line: number; parts: LineParts }[] {
  const out: { line: number; parts: LineParts }[] = [];
  let min = Infinity;
  // A mistake's context is near it: the walk is bounded, so many errors stay linear.
  for (let j = i - 1; j >= 0 && j >= i - OPEN_LINES_REACH && min > floor; j--) {
    if (skipped(ctx, j)) continue;
    const parts = partsOf(ctx, j);
    if (parts.indent < min) {
      out.push({ line: j, parts });
      min = parts.indent;
    }
  }
  return out;
}

// --- Tabs -------------------------------------------------------------------------------

/**
 * The column a tab-indented line was meant to start at, judged from the lines above it (already
 * fixed) and, in a file indented with tabs, from the column given to the same number of tabs.
 */
function tabColumn(ctx: Lines, i: number, levels: Map<number, number>): number {
  const line = ctx.lines[i] ?? '';
  const parts = lineParts(line);
  const p = prevContentLine(ctx, i);
  if (p < 0) return 0;
  const prev = partsOf(ctx, p);
  // Under a line that opens a block, or a bare list item (its fields lack a ':' above).
  if (prev.opens || (prev.dash && !prev.key && !parts.dash)) return prev.keyCol + 2;
  const level = levels.get(tabsOnly(line.slice(0, parts.indent)));
  if (level !== undefined) return level;
  if (parts.dash) {
    const item = openLines(ctx, i).find((o) => o.parts.dash);
    if (item) return item.parts.indent;
  }
  return prev.keyCol;
}

/** The number of tabs of an indentation made of tabs only, else -1. */
function tabsOnly(lead: string): number {
  return /^\t+$/.test(lead) ? lead.length : -1;
}

/** Every line indented with a tab, fixed in one go (block scalar lines follow their key). */
function tabMistake(ctx: Lines): Mistake | undefined {
  const { lines } = ctx;
  const edits: LineEdit[] = [];
  const levels = new Map<number, number>();
  let opener = { lead: '', indent: 0 };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const parts = lineParts(line);
    const lead = line.slice(0, parts.indent);
    if (ctx.scalar[i] || isBlank(line)) {
      if (!ctx.scalar[i] || !lead.includes('\t')) continue;
      const rest = lead.startsWith(opener.lead) ? lead.slice(opener.lead.length) : lead;
      const spaced = rest.replace(/\t/g, '  ');
      const text = ' '.repeat(opener.indent) + (spaced === '' ? '  ' : spaced);
      edits.push({ line: i, start: 0, end: lead.length, text });
      continue;
    }
    if (lead.includes('\t')) {
      const column = tabColumn(ctx, i, levels);
      const edit = { line: i, start: 0, end: lead.length, text: ' '.repeat(column) };
      edits.push(edit);
      // Later tab lines are placed under the fixed ones.
      setLine(ctx, i, applied(line, edit));
      const tabs = tabsOnly(lead);
      levels.set(tabs, column);
      if (parts.dash) levels.set(tabs + 1, column + parts.keyCol - parts.indent);
    }
    opener = { lead, indent: partsOf(ctx, i).indent };
  }
  const tabLines = edits.map((e) => e.line);
  const first = edits[0];
  if (!first) return undefined;
  const others = tabLines.slice(1).map((l) => l + 1);
  const shownLines = others.slice(0, others.length > 6 ? 5 : 6);
  const more = others.length - shownLines.length;
  const list =
    more > 0
      ? `${shownLines.join(', ')} and ${more} more`
      : others.length > 1
        ? `${others.slice(0, -1).join(', ')} and ${others.at(-1)}`
        : `${others[0]}`;
  return {
    line: first.line,
    start: 0,
    end: first.end,
    message:
      tabLines.length === 1
        ? 'a tab indents this line; YAML indents with spaces only'
        : `tabs indent ${tabLines.length} lines; YAML indents with spaces only`,
    hint:
      tabLines.length === 1
        ? `indent it with ${spaces(first.text.length)} instead`
        : `indent with spaces instead (${spaces(first.text.length)} on this line); tabs also indent lines ${list}`,
    edits,
    lines: tabLines,
  };
}

// --- Quoting ----------------------------------------------------------------------------

/** The advice for a value YAML cannot read unquoted, with the fixed line. */
function quoteAdvice(fixed: string): string {
  return `wrap it in single quotes, writing '' for an apostrophe: ${fixed} (or write >- and the text on the lines below, indented)`;
}

/** `key: text: more` — a colon and space inside a plain value. */
function colonInValue(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = ctx.lines[e.line] ?? '';
  const parts = lineParts(line);
  const { key, value } = parts;
  if (!key || !value || e.col < value.start || e.col > value.end) return undefined;
  if (/^["'[{]/.test(value.text) || !/:( |$)/.test(value.text)) return undefined;
  const field = /^([A-Za-z_][\w-]*):(?: +(.*))?$/.exec(value.text);
  if (/\s/.test(key.text.trim()) && field) {
    // `- a MET b: source: x`: the shorthand's fields written on its own line.
    const inner = field[2] ?? '';
    const plain = inner === '' || /^["']/.test(inner) || !/[:,#{}[\]]/.test(inner);
    const fixed = {
      line: e.line,
      ...value,
      text: `{ ${field[1]}: ${plain ? inner : singleQuoted(inner)} }`,
    };
    // Braces around the words as written keep their positions (the usual case).
    const edits = plain
      ? [
          { line: e.line, start: value.end, end: value.end, text: ' }' },
          { line: e.line, start: value.start, end: value.start, text: '{ ' },
        ]
      : [fixed];
    return {
      line: e.line,
      start: value.start,
      end: value.end,
      message: `the fields of '${key.text}' cannot follow it on the same line`,
      hint: `write ${shown(line, fixed)} — or put '${value.text}' on the next line, indented under it`,
      edits,
      lines: [e.line],
    };
  }
  const edit = { line: e.line, ...value, text: singleQuoted(value.text) };
  return {
    line: e.line,
    start: value.start,
    end: value.end,
    message: `the value of '${key.text}' contains ': ', which YAML reads as a nested key`,
    hint: quoteAdvice(shown(line, edit)),
    edits: [edit],
    lines: [e.line],
  };
}

/** `{ quote: He said: no }` — the same inside braces (the error spans the value). */
function colonInFlowValue(ctx: Lines, e: LocatedError): Mistake | undefined {
  if (e.endLine !== e.line) return undefined;
  const line = ctx.lines[e.line] ?? '';
  const raw = line.slice(e.col, e.endCol);
  const start = e.col + (raw.length - raw.trimStart().length);
  const end = e.col + raw.trimEnd().length;
  const key = /([A-Za-z_][\w-]*):[ ]*$/.exec(line.slice(0, start));
  const text = line.slice(start, end);
  if (!key || end <= start || !/:( |$)/.test(text)) return undefined;
  const edit = { line: e.line, start, end, text: singleQuoted(text) };
  return {
    line: e.line,
    start,
    end,
    message: `the value of '${key[1]}' contains ': ', which YAML reads as a nested key`,
    hint: quoteAdvice(shown(line, edit)),
    edits: [edit],
    lines: [e.line],
  };
}

/** The end of a broken quoted value opened at `open`: the last closing quote that fits. */
function quotedValueEnd(line: string, open: number, inFlow: boolean): number {
  const q = line[open] ?? '"';
  const after = inFlow ? /^\s*(,\s*[\w-]+\s*:|\})/ : /^\s*(#.*)?$/;
  for (let i = line.length - 1; i > open; i--) {
    if (line[i] === q && after.test(line.slice(i + 1))) return i + 1;
  }
  return -1;
}

/** `quote: "He said "no""`, `quote: 'It's'`, `quote: "a" and b` — quotes that end a value early. */
function quoteInValue(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = bare(ctx.lines[e.line] ?? '');
  let found: RegExpExecArray | undefined;
  for (const m of line.slice(0, e.col).matchAll(/([A-Za-z_][\w-]*):[ ]+(["'])/g)) found = m;
  if (!found) return undefined;
  const key = found[1] ?? '';
  const q = found[2] ?? '"';
  const open = (found.index ?? 0) + found[0].length - 1;
  const inFlow = line.lastIndexOf('{', open) !== -1;
  let end = quotedValueEnd(line, open, inFlow);
  let inner: string;
  let what: string;
  if (end !== -1 && end - 1 > e.col - 1) {
    inner = line.slice(open + 1, end - 1);
    if (q === "'") inner = inner.replace(/''/g, "'");
    what = q === '"' ? `the '"' inside the value of '${key}' ends it early` : '';
  } else if (!inFlow) {
    end = lineParts(line).content.end;
    inner = line.slice(open, end);
    what = `the value of '${key}' goes on after its closing quote`;
  } else return undefined;
  const edit = { line: e.line, start: open, end, text: singleQuoted(inner) };
  const apostrophe = q === "'" && what === '';
  return {
    line: e.line,
    start: open,
    end,
    message: apostrophe ? `an apostrophe inside the value of '${key}' ends it early` : what,
    hint: apostrophe
      ? `inside single quotes write '' for an apostrophe: ${shown(line, edit)}`
      : quoteAdvice(shown(line, edit)),
    edits: [edit],
    lines: [e.line],
  };
}

// --- Lines that lost their place ------------------------------------------------------------

/** A multi-line key: a list item missing its ':' or a field indented past its sibling. */
function multilineKey(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = ctx.lines[e.line] ?? '';
  const parts = lineParts(line);
  const n = nextContentLine(ctx, e.line);
  if (n < 0) return undefined;
  const next = partsOf(ctx, n);
  if (!next.key) return undefined;
  if (!parts.key && parts.dash && e.col === parts.keyCol && next.indent > parts.keyCol) {
    // `- a MET b` with fields indented under it.
    const at = parts.content.end;
    const edit = { line: e.line, start: at, end: at, text: ':' };
    return {
      line: e.line,
      start: at,
      end: at + 1,
      message: `missing ':' after '${parts.content.text}'`,
      hint: `write ${shown(line, edit)} so the indented fields below belong to it`,
      edits: [edit],
      lines: [e.line, n],
    };
  }
  if (parts.key && parts.value && e.col >= parts.value.start && next.indent > parts.keyCol) {
    // `source: x` then `quote: y` indented further: a field, not a continuation of `x`.
    return realign(n, next, parts, e.line, 'more');
  }
  return undefined;
}

/** Moves the key of line `i` to the column of `sibling` (on line `at`). */
function realign(
  i: number,
  parts: LineParts,
  sibling: LineParts,
  at: number,
  how: 'more' | 'less',
): Mistake | undefined {
  const key = parts.key?.text ?? parts.content.text;
  const other = sibling.key?.text ?? sibling.content.text;
  const column = sibling.keyCol - (parts.keyCol - parts.indent);
  // Column 1 holds the file's sections only (indentedSection); anything else is a guess too far.
  if (column <= 0 || key === '') return undefined;
  const edit = { line: i, start: 0, end: parts.indent, text: ' '.repeat(column) };
  return {
    line: i,
    start: parts.keyCol,
    end: parts.keyCol + key.length,
    message: `'${key}' is indented ${how} than '${other}' above it`,
    hint: `indent it by ${spaces(column)}, like '${other}' on line ${at + 1}`,
    edits: [edit],
    lines: [i, at],
  };
}

/**
 * Whether a line at a list's dash column is an item missing its dash (a shorthand, the key its
 * items start with, or a line with fields of its own below) rather than a field of the item.
 */
function startsItem(ctx: Lines, i: number, parts: LineParts, item: LineParts): boolean {
  if (!parts.key || /\s/.test(parts.key.text) || parts.key.text === item.key?.text) return true;
  const n = nextContentLine(ctx, i);
  return n >= 0 && partsOf(ctx, n).indent > parts.indent;
}

/** A line indented to no open column: a list item without its '-', or a field off by a space. */
function badIndent(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = ctx.lines[e.line] ?? '';
  const parts = lineParts(line);
  if (parts.content.text === '') return undefined;
  if (parts.key && SECTIONS.has(parts.key.text) && !parts.dash) {
    // `entities:` and `relations:` are also the parts of `schema:`.
    const root = openLines(ctx, e.line).find((o) => o.parts.indent === 0);
    if (root?.parts.key?.text !== 'schema') return indentedSection(e.line, parts);
  }
  const open = openLines(ctx, e.line, parts.indent - 2);
  const item = open.find((o) => o.parts.indent <= parts.indent);
  if (item && item.parts.indent === parts.indent && item.parts.dash && !parts.dash) {
    if (!startsItem(ctx, e.line, parts, item.parts)) {
      // `name: A` under `- id: a` / `  type: P`: a field that slipped back to the dash.
      const field = open.find((o) => o.parts.keyCol === item.parts.keyCol && !o.parts.dash);
      const sibling = field ?? item;
      return sibling.parts.key
        ? realign(e.line, parts, sibling.parts, sibling.line, 'less')
        : undefined;
    }
    const edit = { line: e.line, start: parts.indent, end: parts.indent, text: '- ' };
    return {
      line: e.line,
      start: parts.keyCol,
      end: parts.content.end,
      message: `'${parts.key?.text ?? parts.content.text}' is missing the '- ' that starts a list item`,
      hint: `write ${shown(line, edit)} like the items above it`,
      edits: [edit],
      lines: [e.line],
    };
  }
  if (open.some((o) => o.parts.keyCol === parts.indent)) return undefined;
  // The block the line fell out of (the nearest open key column past it), or its parent's
  // (the line then belongs beside the parent): the nearer, or on a tie the parent's unless the
  // parent is a list item (`- a MET b:`, whose fields are indented under it).
  const deeper =
    open.filter((o) => o.parts.keyCol > parts.indent && !o.parts.dash).at(-1) ??
    open.find((o) => o.parts.keyCol > parts.indent);
  const parent = open.find((o) => o.parts.keyCol < parts.indent && o.parts.keyCol > 0);
  const up = deeper ? deeper.parts.keyCol - parts.indent : Infinity;
  const down = parent ? parts.indent - parent.parts.keyCol : Infinity;
  const beside = down < up || (down === up && !parent?.parts.dash);
  const sibling = beside ? parent : deeper;
  // A field lines up with other fields, never with a list item that is a plain string.
  if (!sibling?.parts.key || !parts.key) return undefined;
  return realign(e.line, parts, sibling.parts, sibling.line, beside ? 'more' : 'less');
}

// The top-level sections of a kg file (parse-file.ts reads them); they start at column 1.
const SECTIONS = new Set(['schema', 'sources', 'entities', 'relations', 'project', 'defaults']);

function indentedSection(i: number, parts: LineParts): Mistake {
  const name = parts.key?.text ?? '';
  return {
    line: i,
    start: parts.keyCol,
    end: parts.keyCol + name.length,
    message: `'${name}' is a section of the file, so it starts at the beginning of its line`,
    hint: `remove the ${spaces(parts.indent)} before '${name}:'`,
    edits: [{ line: i, start: 0, end: parts.indent, text: '' }],
    lines: [i],
  };
}

// --- All together -------------------------------------------------------------------------

function recognise(ctx: Lines, e: LocatedError): Mistake | undefined {
  switch (e.code) {
    case 'MULTILINE_IMPLICIT_KEY':
      return multilineKey(ctx, e);
    case 'BLOCK_AS_IMPLICIT_KEY':
      return e.message.startsWith('Nested mappings') ? colonInValue(ctx, e) : undefined;
    case 'BLOCK_IN_FLOW':
      return colonInFlowValue(ctx, e);
    case 'UNEXPECTED_TOKEN':
      return e.message.startsWith('Unexpected scalar') ? quoteInValue(ctx, e) : undefined;
    case 'BAD_INDENT':
    case 'MISSING_CHAR': {
      // The parser may place it on the line break before the line it is about.
      const atEnd = e.col >= bare(ctx.lines[e.line] ?? '').length;
      const next = atEnd ? nextContentLine(ctx, e.line) : e.line;
      return next < 0 ? undefined : badIndent(ctx, { ...e, line: next, col: 0 });
    }
    default:
      return undefined;
  }
}

/**
 * The mistakes behind a document's errors, at most one per line (a mistake that hides another
 * is found when the repaired text is read again). Errors explained by none stay as they are.
 */
export function findMistakes(source: readonly string[], errors: LocatedError[]): Mistake[] {
  const ctx: Lines = { lines: [...source], scalar: blockScalarLines(source), parts: [] };
  const tabbed = errors.some((e) => {
    const line = ctx.lines[e.line] ?? '';
    return line.slice(0, lineParts(line).indent).includes('\t');
  });
  // Other mistakes are judged once tabs are fixed (a tab throws every column off).
  const tabs = tabbed ? tabMistake(ctx) : undefined;
  if (tabs) return [tabs];
  const out: Mistake[] = [];
  const claimed = new Set<number>();
  for (const e of [...errors].sort((a, b) => a.line - b.line || a.col - b.col)) {
    if (claimed.has(e.line)) continue;
    const m = recognise(ctx, e);
    if (!m || m.lines.some((l) => claimed.has(l))) continue;
    out.push(m);
    for (const l of m.lines) claimed.add(l);
  }
  return out;
}
