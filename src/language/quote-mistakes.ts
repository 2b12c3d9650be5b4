// Values YAML cannot read as written: a `: ` or a quote inside a value, text after a closing
// quote; each fixed by quoting the value as the user meant it.
import { bare, lineParts, singleQuoted } from './yaml-lines.js';
import { shown, type Lines, type LocatedError, type Mistake } from './yaml-mistake-context.js';

/** The advice for a value YAML cannot read unquoted, with the fixed line. */
function quoteAdvice(fixed: string): string {
  return `wrap it in single quotes, writing '' for an apostrophe: ${fixed} (or write >- and the text on the lines below, indented)`;
}

/** `key: text: more` — a colon and space inside a plain value. */
export function colonInValue(ctx: Lines, e: LocatedError): Mistake | undefined {
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
export function colonInFlowValue(ctx: Lines, e: LocatedError): Mistake | undefined {
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
export function quoteInValue(ctx: Lines, e: LocatedError): Mistake | undefined {
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
  } else {
    // Text after the closing quote: the value runs to the line's end, or in braces to the
    // next `, key:` or the closing brace.
    const next = inFlow ? /\s*(,\s*[A-Za-z_][\w-]*\s*:(\s|$)|\})/.exec(line.slice(e.col)) : null;
    if (inFlow && !next) return undefined;
    end = next ? e.col + next.index : lineParts(line).content.end;
    inner = line.slice(open, end);
    what = `the value of '${key}' goes on after its closing quote`;
  }
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
