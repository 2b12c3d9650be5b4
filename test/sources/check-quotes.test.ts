// Quotes checked against source texts through the compiler: anchors, disambiguation, the
// hints of near misses and absent quotes, HTML sources, and the streaming compile.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { streamCompile } from '../../src/compile/stream-compile.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A project on disk: `files` maps relative paths to contents. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kg-sources-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

const HEAD = `schema:
  entities:
    Person: { properties: { name: string } }
  relations:
    SAID: { from: Person, to: Person }
    ASKED: { from: Person, to: Person }
entities:
  - { id: a, type: Person, name: A }
  - { id: b, type: Person, name: B }
  - { id: c, type: Person, name: C }
`;

const MINUTES = [
  'Minutes of the meeting',
  '',
  'On the first point: We agree. The chair noted it.',
  '',
  'On the second point: We agree. Nobody objected.',
  '',
  'On the third point, a “long” debate—with no result.',
].join('\n');

describe('quotes against a text source', () => {
  it('anchors each quote with W3C selectors, in code points', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'kg.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
relations:
  - a SAID b: { source: m, quote: 'a "long" debate - with no result' }
`,
    });
    const { diagnostics, texts } = await compile(dir, { layout: 'none' });
    expect(diagnostics.filter((d) => d.code !== 'KG201')).toEqual([]);
    const [source] = texts;
    expect(source).toMatchObject({ id: 'm', file: 'sources/minutes.txt', format: 'text' });
    const [q] = source?.quotes ?? [];
    const start = MINUTES.indexOf('a “long” debate');
    expect(q?.anchor).toEqual({
      selector: [
        { type: 'TextPositionSelector', start, end: MINUTES.length - 1 },
        {
          type: 'TextQuoteSelector',
          exact: 'a “long” debate—with no result',
          prefix: MINUTES.slice(start - 32, start),
          suffix: '.',
        },
      ],
    });
    expect(q).toMatchObject({ file: path.join(dir, 'kg.yaml'), line: 14, status: 'anchored' });
  });

  it('disambiguates repeated quotes by reading order, and by near:', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'kg.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
relations:
  - a SAID b: { source: m, quote: We agree. }
  - b ASKED c: { source: m, quote: Nobody objected. }
  - b SAID a: { source: m, quote: We agree. }
  - c SAID a: { source: m, quote: We agree., near: On the first point }
  - c SAID b: { source: m, quote: We agree. }
`,
    });
    const { diagnostics, texts } = await compile(dir, { layout: 'none' });
    expect(diagnostics).toEqual([]);
    const first = MINUTES.indexOf('We agree.');
    const second = MINUTES.lastIndexOf('We agree.');
    const starts = texts[0]?.quotes.map((q) => q.range?.[0]);
    // The first occurrence; then "Nobody objected." (after the second one), so the next
    // "We agree." has no occurrence after it: the first again; near: picks the first; and
    // reading order goes on from there, to the first.
    expect(starts).toEqual([first, MINUTES.indexOf('Nobody'), first, first, first]);
    expect(second).toBeGreaterThan(first);
    expect(texts[0]?.quotes.map((q) => q.occurrences)).toEqual([2, 1, 2, 2, 2]);
  });

  it('shares one passage among the statements that quote it', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'kg.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
relations:
  - a SAID b: { source: m, quote: On the second point }
  - a SAID c: { source: m, quote: We agree. }
  - b SAID c: { source: m, quote: We agree. }
`,
    });
    const { texts } = await compile(dir, { layout: 'none' });
    const second = MINUTES.lastIndexOf('We agree.');
    expect(texts[0]?.quotes.map((q) => q.range?.[0]).slice(1)).toEqual([second, second]);
  });

  it('explains a near miss with the differing words, and an absent quote', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'kg.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
relations:
  - a SAID b: { source: m, quote: 'On the third point, a short debate with no result' }
  - a SAID c: { source: m, quote: 'The budget was approved unanimously by all members' }
`,
    });
    const { diagnostics } = await compile(dir, { layout: 'none' });
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['KG131', 14, 35],
      ['KG130', 15, 35],
    ]);
    const [near, absent] = diagnostics;
    expect(near?.message).toBe("quote differs from source 'm': 1 word differs");
    expect(near?.hint).toBe(
      `near miss — the source says “On the third point, a “[-short-]{+long+}” debate—with no result” (${path.join(dir, 'sources/minutes.txt')}:7); copy its words exactly`,
    );
    expect(near?.related).toEqual([
      expect.objectContaining({
        file: path.join(dir, 'sources/minutes.txt'),
        line: 7,
        column: 1,
        message: 'closest passage',
      }),
    ]);
    expect(absent?.hint).toMatch(/^absent — no passage of .*minutes\.txt comes close/);
  });

  it('checks a quote against every source of the relation that has a text', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'sources/other.md': '# Other\n\nSomething else *entirely*.\n',
      'kg.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
  - { id: o, title: Other, file: sources/other.md }
  - { id: plain, title: No text }
relations:
  - a SAID b: { source: [m, o, plain], quote: We agree. }
`,
    });
    const { diagnostics, texts } = await compile(dir, { layout: 'none' });
    expect(diagnostics.map((d) => d.code)).toEqual(['KG201', 'KG130']);
    expect(texts.map((t) => [t.id, t.format, t.quotes.map((q) => q.status)])).toEqual([
      ['m', 'text', ['anchored']],
      ['o', 'markdown', ['absent']],
    ]);
  });
});

describe('evidence items (language v2)', () => {
  const SOURCES = `sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
  - { id: o, title: Other, file: sources/other.txt }
`;
  const OTHER = 'The other report.\n\nWe agree. So said the other report.\n';
  /** The minutes and the other report, and kg.yaml's relations (plus any other files). */
  const twoSources = (relations: string, files: Record<string, string> = {}): string =>
    project({
      'sources/minutes.txt': MINUTES,
      'sources/other.txt': OTHER,
      'kg.yaml': `${HEAD}${SOURCES}${relations}`,
      ...files,
    });

  it('checks each item against its own source and puts the anchor on the item', async () => {
    const dir = twoSources(`relations:
  - a SAID b:
      evidence:
        - { source: m, quote: Nobody objected. }
        - { source: o, quote: So said the other report. }
        - { source: o, quote: Nobody objected. }
`);
    const { graph, diagnostics, texts } = await compile(dir, { layout: 'none' });
    // The third item's quote is in the minutes, not in its own source.
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['KG201', 10],
      ['KG130', 19],
    ]);
    const [edge] = graph.edges();
    const evidence = graph.getEdgeAttribute(edge!, 'evidence');
    expect(evidence.map((e) => e.anchor?.selector[0].start)).toEqual([
      MINUTES.indexOf('Nobody'),
      OTHER.indexOf('So said'),
      undefined,
    ]);
    expect(evidence[1]?.anchor?.selector[1].exact).toBe('So said the other report.');
    expect(texts.map((t) => [t.id, t.quotes.map((q) => q.status)])).toEqual([
      ['m', ['anchored']],
      ['o', ['anchored', 'absent']],
    ]);
    // The results name the very items of the graph (the reader's marks come from the edges).
    expect(texts[0]?.quotes[0]?.item).toBe(evidence[0]);
  });

  it("takes the source from the file's defaults, and near: from the item", async () => {
    const dir = twoSources('', {
      'r.yaml': `defaults: { source: m }
relations:
  - a SAID b: { quote: We agree., near: On the second point }
  - b SAID c:
      evidence:
        - { quote: We agree., near: On the first point }
        - { source: o, quote: We agree. }
  - c SAID a:
      evidence:
        - { quote: Nobody objected., near: nowhere at all }
        - { source: o, near: So said }
`,
    });
    const { graph, diagnostics } = await compile(dir, { layout: 'none' });
    expect(diagnostics.filter((d) => d.code !== 'KG201').map((d) => [d.code, d.line])).toEqual([
      ['KG132', 10],
      ['KG134', 11],
    ]);
    const starts = graph.mapEdges((_e, a) => a.evidence.map((e) => e.anchor?.selector[0].start));
    expect(starts).toEqual([
      [MINUTES.lastIndexOf('We agree.')],
      [MINUTES.indexOf('We agree.'), OTHER.indexOf('We agree.')],
      [MINUTES.indexOf('Nobody'), undefined],
    ]);
  });

  it('anchors an item shared by several endpoint pairs once, on every edge', async () => {
    const dir = twoSources(`relations:
  - a SAID [b, c]: { source: m, quote: The chair noted it. }
`);
    const { graph, diagnostics, texts } = await compile(dir, { layout: 'none' });
    expect(diagnostics).toEqual([]);
    expect(texts[0]?.quotes).toHaveLength(1);
    const anchors = graph.mapEdges((_e, a) => a.evidence[0]?.anchor?.selector[0].start);
    expect(anchors).toEqual([MINUTES.indexOf('The chair'), MINUTES.indexOf('The chair')]);
  });
});

describe('HTML sources', () => {
  it('anchors in the extracted text and never matches script or style text', async () => {
    const dir = project({
      'sources/page.htm': `<html><head><script>var x = "the hidden words of a script";</script></head>
<body><p>Visible&nbsp;words   are <b>here</b>.</p><p>Second &amp; last.</p></body></html>`,
      'kg.yaml': `${HEAD}sources:
  - { id: p, title: Page, file: sources/page.htm }
relations:
  - a SAID b: { source: p, quote: Visible words are here. }
  - a SAID c: { source: p, quote: the hidden words of a script }
`,
    });
    const { diagnostics, texts } = await compile(dir, { layout: 'none' });
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([['KG130', 15]]);
    // No code frame into a page's extracted text: the hint names the paragraph instead.
    expect(texts[0]?.text).toBe('Visible\u00a0words are here.\n\nSecond & last.');
    expect(texts[0]?.quotes[0]?.anchor?.selector[0]).toEqual({
      type: 'TextPositionSelector',
      start: 0,
      end: 23,
    });
  });
});

describe('streaming compile', () => {
  it('reports the same quote diagnostics as compile()', async () => {
    const dir = project({
      'sources/minutes.txt': MINUTES,
      'a.yaml': `${HEAD}sources:
  - { id: m, title: Minutes, file: sources/minutes.txt }
`,
      'b.yaml': `relations:
  - a SAID b: { source: m, quote: We agre. }
  - a SAID c: { source: m, quote: We agree. }
`,
    });
    const full = await compile(dir, { layout: 'none' });
    const streamed = await streamCompile(dir, { nodes: async () => {}, relation: () => {} });
    expect(streamed.diagnostics).toEqual(full.diagnostics);
    expect(streamed.diagnostics.map((d) => d.code)).toEqual(['KG131']);
    expect(streamed.complete).toBe(false);
  });
});
