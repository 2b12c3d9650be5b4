// The project manifest (`project:`, in at most one file): the graph's name and its title,
// description, authors and licence, as graph attributes.
import type { ProjectDef } from '../language/ast.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { GraphAttrs } from '../types.js';

export type ProjectInfo = Pick<GraphAttrs, 'title' | 'description' | 'authors' | 'license'> & {
  /** The project's `id`: the graph name. */
  id?: string;
};

/** The first manifest wins; every further one is KG030 (in file order). */
export function resolveProject(
  sink: DiagnosticSink,
  defs: Iterable<ProjectDef | undefined>,
): ProjectInfo {
  let first: ProjectDef | undefined;
  for (const def of defs) {
    if (!def) continue;
    if (!first) {
      first = def;
      continue;
    }
    sink.report('KG030', def.key, 'the project is described twice', {
      value: 'project',
      hint: 'keep one project: block (kg init writes it in kg.yaml) and remove this one',
      related: [{ span: first.key, message: 'first described here' }],
    });
  }
  const info: ProjectInfo = {};
  if (!first) return info;
  if (first.id) info.id = first.id.value;
  if (first.title) info.title = first.title.value;
  if (first.description) info.description = first.description.value;
  if (first.authors.length) info.authors = first.authors.map((a) => a.value);
  if (first.license) info.license = first.license.value;
  return info;
}
