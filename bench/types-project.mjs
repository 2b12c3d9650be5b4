// A small project with many relationship types (the "50 relationship types" case):
// 5 entity types, 100 entities, `types` relation types with 3 relations each, one source.
// Deterministic: the same `types` always writes the same files.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ENTITY_TYPES = ['Person', 'Country', 'Organization', 'Event', 'Proposal'];

/** Writes the project into `dir` (replacing it); returns the number of relations. */
export function writeTypesProject(dir, types = 50) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const relTypes = Array.from({ length: types }, (_v, i) => `REL_${String(i).padStart(2, '0')}`);
  let schema = 'schema:\n  entities:\n';
  for (const t of ENTITY_TYPES) {
    schema += `    ${t}:\n      properties:\n        name: { type: string, required: true }\n`;
  }
  schema += '  relations:\n';
  for (const t of relTypes) schema += `    ${t}:\n      from: [${ENTITY_TYPES.join(', ')}]\n`;
  writeFileSync(path.join(dir, 'schema.yaml'), schema);
  writeFileSync(
    path.join(dir, 'sources.yaml'),
    'sources:\n  - id: s1\n    title: One source\n    published: 2025-08-18\n',
  );
  let entities = 'entities:\n';
  for (let i = 0; i < 100; i++) {
    const type = ENTITY_TYPES[i % ENTITY_TYPES.length];
    entities += `  - id: e${i}\n    type: ${type}\n    name: ${type} ${i}\n    source: s1\n`;
  }
  writeFileSync(path.join(dir, 'entities.yaml'), entities);
  let relations = 'relations:\n';
  let n = 0;
  for (const [k, t] of relTypes.entries()) {
    for (let j = 0; j < 3; j++) {
      const from = (k * 7 + j * 13) % 100;
      const to = (from + 1 + ((k + j * 31) % 97)) % 100;
      relations += `  - e${from} ${t} e${to}:\n      source: s1\n      date: 2025-08-18\n`;
      relations += `      quote: "Relation ${++n} of type ${t}"\n`;
    }
  }
  writeFileSync(path.join(dir, 'relations.yaml'), relations);
  return n;
}
