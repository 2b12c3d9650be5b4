// The first real data set: data/ must encode the article faithfully.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { REPO } from '../helpers/cli.js';

// The article lives in the project (a fresh clone has no ../shared).
const ARTICLE = path.join(REPO, 'data/sources/peace-talks-article.txt');

describe('data/', async () => {
  const { graph, diagnostics, texts } = await compile(path.join(REPO, 'data'), { layout: 'none' });

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

  it('quotes the article verbatim', () => {
    const article = readFileSync(ARTICLE, 'utf8');
    const quotes = graph.mapEdges((_e, a) => a.evidence.flatMap((e) => e.quote ?? [])).flat();
    expect(quotes.length).toBeGreaterThanOrEqual(10);
    for (const q of quotes) expect(article, q).toContain(q);
  });

  it('anchors every quote in the article text', () => {
    expect(graph.getAttribute('sources')['wh-talks']?.file).toBe('sources/peace-talks-article.txt');
    expect(texts.map((t) => t.id)).toEqual(['wh-talks']);
    const results = texts[0]?.quotes ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.status, r.quote).toBe('anchored');
      expect(r.anchor?.selector[1].exact, r.quote).toBe(r.quote);
    }
    // Every evidence item on every edge that quotes the article carries its anchor.
    const items = graph.mapEdges((_e, a) => a.evidence).flat();
    const quoted = items.filter((e) => e.quote !== undefined);
    expect(quoted.length).toBeGreaterThanOrEqual(results.length);
    for (const e of quoted) {
      expect(e.source, e.quote).toBe('wh-talks');
      expect(e.anchor?.selector[1].exact, e.quote).toBe(e.quote);
    }
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
