// A `[` or `{` never closed (`to: [p, q`, `- a MET b: { source: s1`): YAML notices only on a
// later line, in its own words. The list or mapping is closed where its text ends.
import { bare, lineParts } from './yaml-lines.js';
import {
  prevContentLine,
  type Lines,
  type LocatedError,
  type Mistake,
} from './yaml-mistake-context.js';

const CLOSER: Record<string, string> = { '[': ']', '{': '}' };
// What closes each, as written after the text (`{ a: b }` is spaced, `[a, b]` is not).
const ENDING: Record<string, string> = { '[': ']', '{': ' }' };

/** The columns of the brackets a line leaves open (quoted text and comments skipped). */
function openBrackets(line: string, open: string): number[] {
  const close = CLOSER[open];
  const stack: number[] = [];
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] ?? '';
    if (quote) {
      if (ch === quote && !(quote === "'" && line[i + 1] === "'")) quote = '';
      else if (ch === quote) i++;
      else if (quote === '"' && ch === '\\') i++;
    } else if ((ch === '"' || ch === "'") && /[\s[{,:]/.test(line[i - 1] ?? ' ')) quote = ch;
    else if (ch === '#' && /\s/.test(line[i - 1] ?? ' ')) break;
    else if (ch === open) stack.push(i);
    else if (ch === close) stack.pop();
  }
  return stack;
}

const REACH = 20;

export function unclosedFlow(ctx: Lines, e: LocatedError): Mistake | undefined {
  const kind = /^Flow (sequence|map) in block collection/.exec(e.message);
  if (!kind) return undefined;
  const open = kind[1] === 'map' ? '{' : '[';
  const close = CLOSER[open] ?? '';
  const last = prevContentLine(ctx, e.line);
  // The opener: the nearest line above that leaves one open (a flow may span lines).
  for (let j = last; j >= 0 && j > last - REACH; j = prevContentLine(ctx, j)) {
    const line = bare(ctx.lines[j] ?? '');
    const col = openBrackets(line, open).at(-1);
    if (col === undefined) continue;
    const lastLine = bare(ctx.lines[last] ?? '');
    // After the text, before a comment.
    const end = lineParts(lastLine).content.end;
    const ending = ENDING[open] ?? close;
    const edit = { line: last, start: end, end, text: ending };
    const what = open === '[' ? 'list' : 'mapping';
    const fixed = `\`${lastLine.slice(0, end).trim()}${ending}\``;
    const where = j === last ? fixed : `${fixed} on line ${last + 1}`;
    return {
      line: j,
      start: col,
      end: col + 1,
      message: `the ${what} opened with '${open}' is not closed`,
      hint: `end it with '${close}': ${where}`,
      edits: [edit],
      lines: [j, last, e.line],
      // An open flow swallows what follows: later errors are judged once it is closed.
      final: true,
    };
  }
  return undefined;
}
