// A file that is a bare list (`- a MET b` at column 1): the items belong under a section, and
// which one shows in the items themselves.
import type { YNode } from './yaml-node.js';

function keysOf(item: YNode | null): string[] {
  if (item?.kind !== 'map') return [];
  return item.pairs.map((p) => (p.key?.kind === 'scalar' ? String(p.key.value) : ''));
}

/** The section a list item looks like it belongs to, if it is clear. */
function sectionOf(item: YNode | null): string | undefined {
  const keys = keysOf(item);
  const shorthand = (text: string) => /^\S+\s+[A-Z][A-Z0-9_]*\s+\S/.test(text);
  if (item?.kind === 'scalar') return shorthand(String(item.value)) ? 'relations' : undefined;
  if (keys.includes('from') || keys.includes('to') || shorthand(keys[0] ?? '')) return 'relations';
  if (keys.includes('id') && keys.includes('type')) return 'entities';
  if (keys.includes('id') && (keys.includes('title') || keys.includes('url'))) return 'sources';
  return undefined;
}

/**
 * The hint for a file whose root is a list, and the section its items clearly belong to (the
 * file is then read as if they were under it, so its relations or entities are not lost).
 */
export function rootList(items: (YNode | null)[]): { hint: string; section?: string } {
  const sections = new Set(items.map(sectionOf));
  const [only] = sections;
  if (sections.size === 1 && only) {
    return {
      hint: `put it under '${only}:': add the line \`${only}:\` above it and indent the items by two spaces`,
      section: only,
    };
  }
  return {
    hint: "put it under 'relations:' or 'entities:' (a line above it, the items indented by two spaces)",
  };
}

/** The document `section:` + the list, as the user meant it. */
export function underSection(section: string, list: YNode): YNode {
  const at = list.start;
  const key: YNode = {
    kind: 'scalar',
    value: section,
    source: section,
    style: 'PLAIN',
    start: at,
    end: at,
  };
  return { kind: 'map', pairs: [{ key, value: list }], start: at, end: list.end };
}
