// Quick fixes for kg diagnostics: apply a "did you mean", quote a value YAML misread, normalise
// a date to ISO 8601, add a missing source. Suggestions are computed here from the project
// (not read back from hint texts), so they hold whatever the hints say.
import {
  CodeActionKind,
  type CodeAction,
  type Diagnostic,
  type TextEdit,
} from 'vscode-languageserver';
import type { Analysis, FileState } from '../compile/project-state.js';
import { TOP_LEVEL_KEYS } from '../language/file-keys.js';
import { RELATION_RESERVED_KEYS } from '../language/parse-relation.js';
import type { SourceFile } from '../language/source-file.js';
import { closest } from '../language/suggest.js';
import { offsetOf, positionOf } from './convert.js';
import type { DiagnosticData } from './convert.js';
import { normalizeDate } from './normalize-date.js';

function fix(
  title: string,
  uri: string,
  diagnostic: Diagnostic,
  edits: TextEdit[],
  preferred = false,
): CodeAction {
  const action: CodeAction = {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [uri]: edits } },
  };
  if (preferred) action.isPreferred = true;
  return action;
}

/** The names a misspelt value may have meant, by diagnostic code. */
function candidates(code: string, analysis: Analysis, value: string): string[] {
  const { schema } = analysis;
  switch (code) {
    case 'KG101':
    case 'KG021':
      return closest(value, Object.keys(schema.entities));
    case 'KG102':
      return closest(value, Object.keys(schema.relations));
    case 'KG111':
      return closest(value, analysis.sources.keys());
    case 'KG010':
      return closest(value, TOP_LEVEL_KEYS);
    case 'KG108': {
      const names = function* () {
        for (const e of analysis.entities.values()) {
          yield e.id;
          yield* e.aliases;
        }
      };
      return closest(value, names());
    }
    case 'KG104': {
      const props = new Set<string>(RELATION_RESERVED_KEYS);
      for (const t of [...Object.values(schema.entities), ...Object.values(schema.relations)]) {
        for (const p of Object.keys(t.properties)) props.add(p);
      }
      return closest(value, props);
    }
    default:
      return [];
  }
}

function didYouMean(uri: string, d: Diagnostic, analysis: Analysis | undefined): CodeAction[] {
  const value = (d.data as DiagnosticData | undefined)?.value;
  if (!analysis || value === undefined || typeof d.code !== 'string') return [];
  return candidates(d.code, analysis, value).map((c, i) =>
    fix(`Change to '${c}'`, uri, d, [{ range: d.range, newText: c }], i === 0),
  );
}

const QUOTABLE = new Set(['KG001', 'KG011', 'KG023', 'KG105']);
const KEY_VALUE = /^(\s*(?:-\s+)*[^\s#:'"][^:#]*:\s+)(\S.*?)\s*$/;

/** `key: value` on the diagnostic's line, with a value YAML read as something else. */
function quoteValue(uri: string, d: Diagnostic, file: SourceFile): CodeAction[] {
  if (typeof d.code !== 'string' || !QUOTABLE.has(d.code)) return [];
  const lineStart = offsetOf(file, { line: d.range.start.line, character: 0 });
  const nl = file.text.indexOf('\n', lineStart);
  const line = file.text.slice(lineStart, nl === -1 ? undefined : nl).replace(/\r$/, '');
  const m = KEY_VALUE.exec(line);
  if (!m) return [];
  const value = m[2]!;
  if (/^["'[{|>&*!]/.test(value)) return [];
  const start = lineStart + m[1]!.length;
  const range = { start: positionOf(file, start), end: positionOf(file, start + value.length) };
  return [
    fix(
      `Quote the value: ${JSON.stringify(value)}`,
      uri,
      d,
      [{ range, newText: JSON.stringify(value) }],
      true,
    ),
  ];
}

function dateFix(uri: string, d: Diagnostic): CodeAction[] {
  const value = (d.data as DiagnosticData | undefined)?.value;
  if (d.code !== 'KG106' || value === undefined) return [];
  return normalizeDate(value).map((iso, i) =>
    fix(`Write the date as ${iso}`, uri, d, [{ range: d.range, newText: iso }], i === 0),
  );
}

/**
 * The source most used in this file (its relations and entities) for a relation without one,
 * else the one most used by the project's entities.
 */
function likelySource(
  state: FileState | undefined,
  analysis: Analysis | undefined,
): string | undefined {
  const counts = new Map<string, number>();
  for (const r of state?.contribution.relations ?? []) {
    for (const s of r.sources) counts.set(s.value, (counts.get(s.value) ?? 0) + 1);
  }
  for (const e of state?.contribution.entities ?? []) {
    for (const s of e.sources) counts.set(s.value, (counts.get(s.value) ?? 0) + 1);
  }
  if (!counts.size) {
    for (const e of analysis?.entities.values() ?? []) {
      for (const s of e.sources) counts.set(s, (counts.get(s) ?? 0) + 1);
    }
  }
  let best: string | undefined;
  for (const [id, n] of counts) {
    if (analysis?.sources.has(id) && (!best || n > counts.get(best)!)) best = id;
  }
  return best;
}

function addSource(
  uri: string,
  d: Diagnostic,
  file: SourceFile,
  state: FileState | undefined,
  analysis: Analysis | undefined,
): CodeAction[] {
  if (d.code !== 'KG202') return [];
  const source = likelySource(state, analysis);
  if (!source) return [];
  const start = offsetOf(file, d.range.start);
  const end = offsetOf(file, d.range.end);
  const item = file.text.slice(start, end);
  const lineStart = file.text.lastIndexOf('\n', start - 1) + 1;
  const column = start - lineStart;
  const indent = ' '.repeat(column);
  let edit: TextEdit;
  if (!item.includes('\n') && !item.includes(':')) {
    // `- a TYPE b` becomes `- a TYPE b:` with the source under it.
    const at = positionOf(file, end);
    edit = { range: { start: at, end: at }, newText: `:\n${indent}  source: ${source}` };
  } else {
    const firstLineEnd = file.text.indexOf('\n', start);
    if (firstLineEnd === -1 || firstLineEnd > end) return [];
    // Children of `- a TYPE b:` are indented under it; keys of a full-form item line up.
    const nextLine = file.text.slice(firstLineEnd + 1, file.text.indexOf('\n', firstLineEnd + 1));
    const childIndent = /^\s*/.exec(nextLine)?.[0] ?? `${indent}  `;
    const shorthandKey = /:\s*$/.test(file.text.slice(start, firstLineEnd));
    const at = positionOf(file, firstLineEnd + 1);
    edit = {
      range: { start: at, end: at },
      newText: `${shorthandKey ? childIndent : indent}source: ${source}\n`,
    };
  }
  return [fix(`Add source: ${source}`, uri, d, [edit], true)];
}

export function codeActions(
  uri: string,
  diagnostics: Diagnostic[],
  file: SourceFile,
  state: FileState | undefined,
  analysis: Analysis | undefined,
): CodeAction[] {
  const out: CodeAction[] = [];
  for (const d of diagnostics) {
    if (d.source !== 'kg') continue;
    out.push(
      ...didYouMean(uri, d, analysis),
      ...quoteValue(uri, d, file),
      ...dateFix(uri, d),
      ...addSource(uri, d, file, state, analysis),
    );
  }
  return out;
}
