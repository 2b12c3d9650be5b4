// Hover: what the compiled project knows about the name under the cursor.
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { Analysis, FileState } from '../compile/project-state.js';
import { rangeOf } from './convert.js';
import type { Occurrence } from './occurrences.js';
import { targetOf } from './navigation.js';
import { own } from '../util/dict.js';

/** Markdown-safe inline text (names come from user data). */
export function md(text: string): string {
  return text.replace(/[\\`*_[\]|<>]/g, '\\$&');
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

export function entityMarkdown(id: string, analysis: Analysis): string | undefined {
  const e = analysis.entities.get(id);
  if (!e) return undefined;
  const typeInfo = e.type ? own(analysis.schema.entities, e.type) : undefined;
  const label = typeInfo ? own(e.properties, typeInfo.labelProperty) : undefined;
  const lines = [
    `**${md(typeof label === 'string' ? label : e.id)}** — ${md(e.type ?? 'unknown type')}`,
  ];
  lines.push(
    '',
    `id \`${e.id}\`${e.aliases.length ? ` · aliases: ${e.aliases.map(md).join(', ')}` : ''}`,
  );
  lines.push('', plural(analysis.degree.get(e.id) ?? 0, 'relation'));
  if (e.sources.length) lines.push('', `sources: ${e.sources.map(md).join(', ')}`);
  if (e.note) lines.push('', md(e.note));
  return lines.join('\n');
}

/** The facts of the relation statement around `offset`, each with its merged evidence count. */
function statementFacts(file: FileState, offset: number, analysis: Analysis): string[] {
  const at = file.contribution.relations.findIndex(
    (r) => r.span.start <= offset && offset <= r.span.end,
  );
  if (at < 0) return [];
  const facts = analysis.factsOf(file.absolute, at);
  if (!facts.length) return [];
  const lines = facts.slice(0, MAX_FACTS).map(({ identity, from, to }) => {
    const n = analysis.evidenceCounts.get(identity) ?? 0;
    return `- ${md(from)} → ${md(to)}: ${plural(n, 'evidence item')}`;
  });
  if (facts.length > MAX_FACTS) lines.push(`- … ${plural(facts.length - MAX_FACTS, 'more fact')}`);
  const title = facts.length === 1 ? 'This relation' : `These ${facts.length} relations`;
  return ['', `${title} (evidence merged across the project):`, ...lines];
}

const MAX_FACTS = 10;

function hoverText(o: Occurrence, analysis: Analysis, file?: FileState): string | undefined {
  const target = targetOf(o, analysis);
  if (!target) return undefined;
  const { schema } = analysis;
  switch (target.kind) {
    case 'entity':
      return entityMarkdown(target.name, analysis);
    case 'alias': {
      const found = analysis.index.lookup(target.name);
      if (found.kind === 'ambiguous') {
        return `alias **${md(target.name)}** of several entities: ${found.candidates.map(md).join(', ')}`;
      }
      return found.kind === 'found' ? entityMarkdown(found.entity.id, analysis) : undefined;
    }
    case 'entity-type': {
      const t = own(schema.entities, target.name);
      if (!t) return undefined;
      let count = 0;
      for (const e of analysis.entities.values()) if (e.type === target.name) count++;
      const props = Object.entries(t.properties).map(
        ([name, spec]) =>
          `- \`${name}\`: ${spec.type}${spec.list ? '[]' : ''}${spec.required ? ' (required)' : ''}`,
      );
      return [
        `**${md(target.name)}** — entity type · ${plural(count, 'entity')}`,
        ...(t.description ? ['', md(t.description)] : []),
        ...(props.length ? ['', ...props] : []),
      ].join('\n');
    }
    case 'relation-type': {
      const t = own(schema.relations, target.name);
      if (!t) return undefined;
      const side = (list: string[]) => (list.length ? list.join(' | ') : 'any');
      return [
        `**${md(target.name)}** — relation type “${md(t.label)}”${t.symmetric ? ' (symmetric)' : ''}`,
        '',
        `${md(side(t.from))} → ${md(side(t.to))} · ${plural(analysis.relationCounts.get(target.name) ?? 0, 'relation')}`,
        ...(t.description ? ['', md(t.description)] : []),
        ...(file && !o.declaration ? statementFacts(file, o.span.start, analysis) : []),
      ].join('\n');
    }
    case 'source': {
      const s = analysis.sources.get(target.name);
      if (!s) return undefined;
      const facts = [s.published, s.publisher, s.author].filter((x): x is string => !!x);
      return [
        `**${md(s.title)}** — source \`${s.id}\``,
        ...(facts.length ? ['', facts.map(md).join(' · ')] : []),
        ...(s.url ? ['', `<${s.url}>`] : []),
        ...(s.note ? ['', md(s.note)] : []),
      ].join('\n');
    }
  }
}

/** Hover of a name; `file` (where it is) adds a relation statement's facts to its type's. */
export function hover(o: Occurrence, analysis: Analysis, file?: FileState): Hover | null {
  const value = hoverText(o, analysis, file);
  if (!value) return null;
  return { contents: { kind: MarkupKind.Markdown, value }, range: rangeOf(o.span) };
}
