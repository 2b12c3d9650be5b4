// Builds in-memory projects for compiler tests.
import { compileFiles, type CompileResult } from '../../src/compile/compile.js';

export const SCHEMA = `schema:
  entities:
    Person:
      color: "#4e79a7"
      label: name
      properties:
        name: { type: string, required: true }
        role: string
        born: date
        nicknames: string[]
    Proposal:
      properties:
        name: { type: string, required: true }
        status: { type: enum, values: [proposed, agreed, rejected] }
    Place:
      properties:
        name: { type: string, required: true }
  relations:
    MET:
      from: Person
      to: Person
      symmetric: true
      label: met
      properties:
        place: { type: ref, to: Place }
    SUPPORTS: { from: [Person], to: [Proposal, Person] }
    OPPOSES: { from: Person, to: Proposal }
sources:
  - id: wh-talks
    title: Trump and European Allies Push for Security Guarantees
    url: https://example.org/article
    published: 2025-08-18
`;

/** Compiles named in-memory files (paths are display paths). */
export function compileTexts(
  files: Record<string, string>,
  layout: 'none' | 'fast' | 'full' = 'none',
): CompileResult {
  const list = Object.entries(files).map(([path, text]) => ({ path, text }));
  return compileFiles(list, { name: 'test', layout });
}

export function codes(result: CompileResult): string[] {
  return result.diagnostics.map((d) => d.code);
}

/**
 * A small kg.yaml for incremental tests: four people (ann, bob, cid, dan), a symmetric event
 * relation MET and SUPPORTS, and the given sources (`id` or `{ id, title }` text).
 */
export function fourPeopleKg(sources: string[]): string {
  return [
    'schema:',
    '  entities:',
    '    Person: {}',
    '  relations:',
    '    MET: { from: Person, to: Person, symmetric: true, event: true }',
    '    SUPPORTS: { from: Person, to: Person }',
    'sources:',
    ...sources.map((s) => `  - ${s}`),
    'entities:',
    ...['ann', 'bob', 'cid', 'dan'].map((id) => `  - { id: ${id}, type: Person }`),
    '',
  ].join('\n');
}
