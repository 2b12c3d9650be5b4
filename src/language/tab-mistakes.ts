// Tabs in indentation: every tab-indented line fixed in one go, one diagnostic for the file.
import { isBlank, lineParts, spaces } from './yaml-lines.js';
import {
  applied,
  openLines,
  partsOf,
  prevContentLine,
  setLine,
  type LineEdit,
  type Lines,
  type Mistake,
} from './yaml-mistake-context.js';

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
export function tabMistake(ctx: Lines): Mistake | undefined {
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
        : `indent with spaces instead (${spaces(first.text.length)} on this line); tabs also indent line${others.length === 1 ? '' : 's'} ${list}`,
    edits,
    lines: tabLines,
  };
}
