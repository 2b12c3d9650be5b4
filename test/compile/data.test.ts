// The first real data set: data/ must encode the article faithfully.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { REPO } from '../helpers/cli.js';

const ARTICLE = path.resolve(REPO, '../shared/seeds/peace-talks-article.txt');
const haveArticle = existsSync(ARTICLE);
if (!haveArticle) {
  if (process.env.CI === 'true') throw new Error(`the source article is missing: ${ARTICLE}`);
  console.warn(`\n⚠️  ${ARTICLE} not found: skipping the quote-faithfulness test\n`);
}

describe('data/', async () => {
  const { graph, diagnostics } = await compile(path.join(REPO, 'data'), { layout: 'none' });

  it('validates with no errors and no warnings', () => {
    expect(diagnostics).toEqual([]);
  });

  it('cites a source on every entity and relation', () => {
    const sources = graph.getAttribute('sources');
    graph.forEachNode((id, a) => {
      expect(a.sources.length, id).toBeGreaterThan(0);
      for (const s of a.sources) expect(sources[s], s).toBeDefined();
    });
    graph.forEachEdge((id, a) => expect(a.sources.length, id).toBeGreaterThan(0));
  });

  it.skipIf(!haveArticle)('quotes the article verbatim', () => {
    const article = readFileSync(ARTICLE, 'utf8');
    const quotes = graph.mapEdges((_e, a) => a.evidence.flatMap((e) => e.quote ?? [])).flat();
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    for (const q of quotes) expect(article, q).toContain(q);
  });

  it('covers the people, proposals and relation types the article is about', () => {
    for (const id of ['trump', 'zelensky', 'putin', 'macron', 'witkoff']) {
      expect(graph.hasNode(id), id).toBe(true);
    }
    const types = new Set(graph.mapEdges((_e, a) => a.type));
    for (const t of ['MET', 'SUPPORTS', 'DEMANDS', 'REJECTS', 'URGES', 'PROPOSES', 'OPPOSES']) {
      expect(types.has(t), t).toBe(true);
    }
  });
});
