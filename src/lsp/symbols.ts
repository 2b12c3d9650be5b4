// Document symbols (an outline of one file) and workspace symbols (search every project).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import type { FileState } from '../compile/project-state.js';
import type { Span } from '../language/source-file.js';
import type { Str } from '../language/ast.js';
import { locationOf, rangeOf } from './convert.js';

interface Named {
  name: string;
  detail: string;
  kind: SymbolKind;
  /** The whole declaration. */
  span: Span;
  /** The name itself. */
  selection: Span;
}

function named(file: FileState): { section: string; items: Named[] }[] {
  const c = file.contribution;
  const sections: { section: string; items: Named[] }[] = [
    {
      section: 'entity types',
      items: c.entityTypes.map((t) => ({
        name: t.name.value,
        detail: 'entity type',
        kind: SymbolKind.Class,
        span: cover(t.name, t.span),
        selection: t.name,
      })),
    },
    {
      section: 'relation types',
      items: c.relationTypes.map((t) => ({
        name: t.name.value,
        detail: `${t.from.map((s) => s.value).join('|') || 'any'} → ${t.to.map((s) => s.value).join('|') || 'any'}`,
        kind: SymbolKind.Interface,
        span: cover(t.name, t.span),
        selection: t.name,
      })),
    },
    {
      section: 'sources',
      items: c.sources.map((s) => ({
        name: s.id.value,
        detail: s.title?.value ?? 'source',
        kind: SymbolKind.File,
        span: s.span,
        selection: s.id,
      })),
    },
    {
      section: 'entities',
      items: c.entities.map((e) => ({
        name: e.id.value,
        detail: e.type?.value ?? 'entity',
        kind: SymbolKind.Object,
        span: e.span,
        selection: e.id,
      })),
    },
    {
      section: 'relations',
      items: c.relations.map((r) => ({
        name: `${sideText(r.from)} ${r.type.value} ${sideText(r.to)}`,
        detail: r.id?.value ?? 'relation',
        kind: SymbolKind.Event,
        span: r.span,
        selection: r.type,
      })),
    },
  ];
  return sections.filter((s) => s.items.length);
}

/** From the name to the end of its definition (a type's span is its value only). */
function cover(name: Span, value: Span): Span {
  return { file: name.file, start: name.start, end: Math.max(name.end, value.end) };
}

function enclosing(items: Named[]): Span {
  const first = items[0]!.span;
  let end = first.end;
  for (const i of items) end = Math.max(end, i.span.end);
  return { file: first.file, start: first.start, end };
}

export function documentSymbols(file: FileState): DocumentSymbol[] {
  return named(file).map(({ section, items }) => {
    const range = rangeOf(enclosing(items));
    return {
      name: section,
      kind: SymbolKind.Namespace,
      range,
      selectionRange: { start: range.start, end: range.start },
      children: items.map((i) => ({
        name: i.name,
        detail: i.detail,
        kind: i.kind,
        range: rangeOf(i.span),
        selectionRange: rangeOf(i.selection),
      })),
    };
  });
}

/** Declarations whose name contains `query` (case-insensitive), at most `limit` of them. */
export function workspaceSymbols(
  files: Iterable<FileState>,
  query: string,
  limit: number,
): SymbolInformation[] {
  const q = query.toLowerCase();
  const out: SymbolInformation[] = [];
  for (const file of files) {
    for (const { section, items } of named(file)) {
      if (section === 'relations') continue;
      for (const i of items) {
        if (!i.name.toLowerCase().includes(q)) continue;
        out.push({
          name: i.name,
          kind: i.kind,
          containerName: i.detail,
          location: locationOf(i.selection),
        });
        if (out.length >= limit) return out;
      }
    }
  }
  return out;
}

/** An endpoint side as written: `a` or `[a, b]`. */
function sideText(side: Str[]): string {
  return side.length === 1 ? side[0]!.value : `[${side.map((s) => s.value).join(', ')}]`;
}
