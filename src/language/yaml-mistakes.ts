// The YAML mistakes newcomers make, recognised from the `yaml` package's errors and the lines
// around them: each becomes one diagnostic in plain words, with the fixed line as its hint, and
// an edit that makes the line what the user meant (yaml-repair.ts re-reads the file with it, so
// the rest of the mapping is read as intended and nothing else is reported for the same mistake).
import { bare, lineParts, spaces, type LineParts } from './yaml-lines.js';
import {
  blockScalarLines,
  nextContentLine,
  openLines,
  partsOf,
  shown,
  type LocatedError,
  type Lines,
  type Mistake,
} from './yaml-mistake-context.js';
import { tabMistake } from './tab-mistakes.js';
import { unclosedFlow } from './flow-mistakes.js';
import { colonInFlowValue, colonInValue, quoteInValue } from './quote-mistakes.js';
import {
  fieldsOnShorthandLine,
  listStartsShorthand,
  shorthandWithoutColon,
} from './shorthand-mistakes.js';

export type { LineEdit, LocatedError, Mistake } from './yaml-mistake-context.js';

// --- Lines that lost their place ------------------------------------------------------------

/** A multi-line key: a list item missing its ':' or a field indented past its sibling. */
/** A multi-line key: a list item missing its ':' or a field indented past its sibling. */
function multilineKey(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = ctx.lines[e.line] ?? '';
  const parts = lineParts(line);
  if (!parts.key) return shorthandWithoutColon(ctx, e);
  const n = nextContentLine(ctx, e.line);
  if (n < 0) return undefined;
  const next = partsOf(ctx, n);
  if (next.key && parts.value && e.col >= parts.value.start && next.indent > parts.keyCol) {
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
      return e.message.startsWith('Nested mappings')
        ? (fieldsOnShorthandLine(ctx, e) ?? colonInValue(ctx, e))
        : undefined;
    case 'BLOCK_IN_FLOW':
      return colonInFlowValue(ctx, e);
    case 'UNEXPECTED_TOKEN':
      return e.message.startsWith('Unexpected scalar')
        ? (listStartsShorthand(ctx, e) ?? quoteInValue(ctx, e))
        : undefined;
    case 'BAD_INDENT':
    case 'MISSING_CHAR': {
      const flow = unclosedFlow(ctx, e);
      if (flow) return flow;
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
    const lines = m ? [...m.lines, ...(m.touches ?? [])] : [];
    if (!m || lines.some((l) => claimed.has(l))) continue;
    out.push(m);
    for (const l of lines) claimed.add(l);
    if (m.final) break;
  }
  return out;
}
