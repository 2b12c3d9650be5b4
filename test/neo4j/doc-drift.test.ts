// The Cypher shown to users must be the Cypher the tests run: docs/queries.md equals the tested
// queries without their test-only graph filter, and every README query is one of those.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../helpers/cli.js';
import { DOC_QUERIES } from './doc-queries.js';

const normalize = (q: string) => q.replace(/\s+/g, ' ').trim();
const withoutFilter = (q: string) =>
  q.replace(/\{kg_graph: \$graph, /g, '{').replace(/ \{kg_graph: \$graph\}/g, '');

function cypherBlocks(file: string): string[] {
  const text = readFileSync(path.join(REPO, file), 'utf8');
  return [...text.matchAll(/```cypher\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');
}

describe('documented Cypher', () => {
  const docs = cypherBlocks('docs/queries.md').map(normalize);
  const tested = Object.values(DOC_QUERIES).map((q) => normalize(withoutFilter(q)));

  it('docs/queries.md shows exactly the tested queries', () => {
    expect(docs).toEqual(tested);
  });

  it('every README query is a tested one', () => {
    const readme = cypherBlocks('README.md')
      .flatMap((block) => block.split(/^\/\/.*$/m))
      .map(normalize)
      .filter(Boolean);
    expect(readme.length).toBeGreaterThanOrEqual(3);
    for (const q of readme) expect(tested, q).toContain(q);
  });
});
