// A relation shorthand that YAML cannot read as the user meant: `- a MET b` with its fields
// below but no ':', fields written on the shorthand's own line, a `[a, b]` list of subjects
// starting the line. Each is fixed the way the user meant it and read again.
import {
  flowScalar,
  inlineFieldsHint,
  isRelationField,
  splitInlineFields,
} from './shorthand-hints.js';
import { bare, isBlank, lineParts, singleQuoted } from './yaml-lines.js';
import {
  applied,
  nextContentLine,
  partsOf,
  shown,
  type LineEdit,
  type Lines,
  type LocatedError,
  type Mistake,
} from './yaml-mistake-context.js';

/**
 * `- a MET b` followed by its fields with no ':' after it: fields indented under it, or lined
 * up with it the way the full form's fields are (then they are indented under it too).
 */
export function shorthandWithoutColon(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = ctx.lines[e.line] ?? '';
  const parts = lineParts(line);
  const n = nextContentLine(ctx, e.line);
  if (n < 0 || parts.key || !parts.dash || e.col !== parts.keyCol) return undefined;
  const next = partsOf(ctx, n);
  if (!next.key || next.indent < parts.keyCol) return undefined;
  const at = parts.content.end;
  const colon = { line: e.line, start: at, end: at, text: ':' };
  const fixed = shown(line, colon);
  if (next.indent > parts.keyCol) {
    return {
      line: e.line,
      start: at,
      end: at + 1,
      message: `missing ':' after '${parts.content.text}'`,
      hint: `write ${fixed} so the indented fields below belong to it`,
      edits: [colon],
      lines: [e.line, n],
    };
  }
  // Fields at the item's column: only a shorthand (several words) is read this way.
  if (!/\s/.test(parts.content.text)) return undefined;
  const moved: LineEdit[] = [];
  for (let j = n; j < ctx.lines.length; j++) {
    const text = ctx.lines[j] ?? '';
    if (!ctx.scalar[j] && isBlank(text)) continue;
    if (!ctx.scalar[j] && partsOf(ctx, j).indent < parts.keyCol) break;
    moved.push({ line: j, start: 0, end: 0, text: '  ' });
  }
  const last = (moved.at(-1)?.line ?? n) + 1;
  const range = last === n + 1 ? `line ${n + 1}` : `lines ${n + 1}–${last}`;
  return {
    line: e.line,
    start: at,
    end: at + 1,
    message: `missing ':' after '${parts.content.text}'`,
    hint: `write ${fixed} and indent its fields (${range}) by two more spaces, under it`,
    edits: [colon, ...moved],
    lines: [e.line, n],
    touches: moved.map((m) => m.line),
  };
}

/**
 * Edits that turn `a MET b source: x quote: y` (from `head` to `end` of a line) into
 * `a MET b: { source: x, quote: y }`, changing only what lies between the words, so each word
 * keeps its column. Undefined when the text after the head is not fields.
 */
function inlineFieldEdits(line: string, i: number, head: number, end: number): LineEdit[] {
  const from = line.slice(0, head).trimEnd().length;
  const keys = [...line.slice(head, end).matchAll(/([A-Za-z_][\w-]*):[ \t]*/g)].filter((m, k) =>
    k === 0 ? m.index === 0 : isRelationField(m[1] ?? ''),
  );
  if (keys.length === 0) return [];
  const edits: LineEdit[] = [{ line: i, start: from, end: head, text: ': { ' }];
  keys.forEach((m, k) => {
    const nameEnd = head + (m.index ?? 0) + (m[1]?.length ?? 0);
    const valueStart = head + (m.index ?? 0) + m[0].length;
    const next = keys[k + 1];
    const stop = next === undefined ? end : head + (next.index ?? 0);
    const valueEnd = valueStart + line.slice(valueStart, stop).trimEnd().length;
    const value = line.slice(valueStart, valueEnd);
    edits.push({ line: i, start: nameEnd, end: valueStart, text: ': ' });
    const written = flowScalar(value);
    if (written !== value) edits.push({ line: i, start: valueStart, end: valueEnd, text: written });
    edits.push({ line: i, start: valueEnd, end: stop, text: next ? ', ' : ' }' });
  });
  return edits;
}

/**
 * `- a MET b source: x quote: y` — fields on the shorthand's line: YAML reads `a MET b source`
 * as a key and trips on the second `: `. Read as `- a MET b: { source: x, quote: y }`.
 */
export function fieldsOnShorthandLine(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = bare(ctx.lines[e.line] ?? '');
  const { key, value } = lineParts(line);
  if (!key || !value || e.col < value.start || /^["'[{]/.test(value.text)) return undefined;
  const field = /\s(\S+)$/.exec(key.text);
  if (!field?.[1] || !isRelationField(field[1])) return undefined;
  const inline = splitInlineFields(key.text, value.text);
  if (!inline) return undefined;
  const start = key.start + (field.index ?? 0) + 1;
  const edits = inlineFieldEdits(line, e.line, start, value.end);
  if (edits.length === 0) return undefined;
  return {
    line: e.line,
    start,
    end: value.end,
    message: `the fields of '${inline.head}' go after a ':'`,
    hint: inlineFieldsHint(inline.head, inline.fields),
    edits,
    lines: [e.line],
  };
}

/** `- [a, b] MET c` — a line starting with `[` is a YAML list, and `MET c` then follows it. */
export function listStartsShorthand(ctx: Lines, e: LocatedError): Mistake | undefined {
  const line = bare(ctx.lines[e.line] ?? '');
  const parts = lineParts(line);
  const start = parts.keyCol;
  const close = line.indexOf(']', start);
  if (!parts.dash || line[start] !== '[' || close === -1 || e.col <= close) return undefined;
  if (!/^ +[A-Z][A-Z0-9_]* +\S/.test(line.slice(close + 1))) return undefined;
  const colon = /:( |$)/.exec(line.slice(close + 1));
  let end = colon ? close + 1 + colon.index : parts.content.end;
  while (line[end - 1] === ' ') end--;
  const text = line.slice(start, end);
  // Quotes around the words as written keep their positions (ids rarely hold an apostrophe).
  const edits: LineEdit[] = text.includes("'")
    ? [{ line: e.line, start, end, text: singleQuoted(text) }]
    : [
        { line: e.line, start: end, end, text: "'" },
        { line: e.line, start, end: start, text: "'" },
      ];
  const fixed = edits.reduce(applied, line).trim();
  const full = /^\[([^\]]*)\] +([A-Z][A-Z0-9_]*) +(.+)$/.exec(text);
  const alt = full
    ? ` — or the full form \`from: [${full[1]}]\`, \`type: ${full[2]}\`, \`to: ${full[3]}\``
    : '';
  return {
    line: e.line,
    start,
    end,
    message: `'${text}' starts with '[', so YAML reads a list there, not a shorthand`,
    hint: `quote the shorthand so YAML reads it as text: \`${fixed}\`${alt}`,
    edits,
    lines: [e.line],
  };
}
