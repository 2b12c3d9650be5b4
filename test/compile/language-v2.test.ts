// Language v2: the project manifest, file defaults, several endpoints, evidence lists and the
// "same fact" rule, and reference properties as edges.
import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../src/compile/compile.js';
import type { KgGraph } from '../../src/types.js';
import { compileTexts } from '../helpers/project.js';

/** Codes other than KG201 (the small fixtures leave entities unconnected on purpose). */
const codes = (r: { diagnostics: { code: string }[] }) =>
  r.diagnostics.map((d) => d.code).filter((c) => c !== 'KG201');

const SCHEMA = `schema:
  entities:
    Person:
      properties:
        name: { type: string, required: true }
        party: { type: ref, to: Party, edge: MEMBER_OF }
        allies: { type: 'ref[]', to: Person, edge: ALLIED_WITH }
    Party:
      properties:
        name: { type: string, required: true }
    Proposal:
      properties:
        name: { type: string, required: true }
  relations:
    MET: { from: Person, to: Person, symmetric: true, event: true }
    DEMANDS: { from: [Person, Party], to: Proposal, properties: { channel: string } }
    SUPPORTS: { from: [Person, Party], to: Proposal }
    MEMBER_OF: { from: Person, to: Party }
    ALLIED_WITH: { from: Person, to: Person, symmetric: true }
sources:
  - { id: r1, title: Report one }
  - { id: r2, title: Report two }
  - { id: r3, title: Report three }
`;

const ENTITIES = `defaults:
  source: r1
entities:
  - { id: ann, type: Person, name: Ann, party: nats }
  - { id: bob, type: Person, name: Bob, party: nats, allies: [ann], source: [r2, r3] }
  - { id: nats, type: Party, name: Nationals }
  - { id: nuclear, type: Proposal, name: Nuclear power }
  - { id: fund, type: Proposal, name: A fund }
  - { id: divest, type: Proposal, name: Divestiture }
`;

function edgesOf(graph: KgGraph, type: string) {
  return graph
    .filterEdges((_e, a) => a.type === type)
    .map((e) => ({
      from: graph.source(e),
      to: graph.target(e),
      ...graph.getEdgeAttributes(e),
    }));
}

describe('language v2', () => {
  describe('project manifest', () => {
    const result = compileTexts({
      'p/kg.yaml': `project:
  id: peace-talks
  title: White House talks
  description: Who said what.
  authors: Jane Doe
  license: CC-BY-4.0
`,
      'p/schema.yaml': SCHEMA,
      'p/entities.yaml': ENTITIES,
      'p/relations.yaml': 'relations:\n  - ann DEMANDS nuclear: { source: r1 }\n',
    });

    it('names the graph and describes it', () => {
      expect(codes(result)).toEqual([]);
      expect(result.graph.getAttributes()).toMatchObject({
        name: 'peace-talks',
        title: 'White House talks',
        description: 'Who said what.',
        authors: ['Jane Doe'],
        license: 'CC-BY-4.0',
      });
    });

    it('keeps the given name when there is no manifest, and adds no empty attributes', () => {
      const r = compileTexts({ 'p/schema.yaml': SCHEMA, 'p/entities.yaml': ENTITIES });
      expect(r.graph.getAttribute('name')).toBe('test');
      expect(Object.keys(r.graph.getAttributes()).sort()).toEqual(['name', 'schema', 'sources']);
    });

    it('checks its fields', () => {
      const r = compileTexts({
        'p/kg.yaml': 'project:\n  id: two words\n  titl: x\n  authors: [a, { b: c }]\n',
      });
      expect(codes(r).filter((c) => c !== 'KG006')).toEqual(['KG014', 'KG012', 'KG011']);
      expect(r.diagnostics[1]?.hint).toBe("did you mean 'title'?");
    });
  });

  describe('file defaults', () => {
    const result = compileTexts({
      'p/schema.yaml': SCHEMA,
      'p/entities.yaml': ENTITIES,
      'p/relations.yaml': `defaults:
  source: r2
  date: 2025-05-20
  confidence: 0.8
relations:
  - ann DEMANDS nuclear
  - ann SUPPORTS fund: { source: r3, date: 2025-05-22, confidence: 1 }
  - ann SUPPORTS divest: { start: 2025-01 }
`,
    });
    const { graph } = result;

    it('source the plain shorthand (no KG202) and date it', () => {
      expect(codes(result)).toEqual([]);
      const [demand] = edgesOf(graph, 'DEMANDS');
      expect(demand?.evidence).toEqual([{ source: 'r2', date: '2025-05-20', confidence: 0.8 }]);
      expect(demand).toMatchObject({ sources: ['r2'], date: '2025-05-20', confidence: 0.8 });
    });

    it("let a relation's own values win, the time taken whole", () => {
      const supports = edgesOf(graph, 'SUPPORTS');
      expect(supports.map((s) => s.evidence)).toEqual([
        [{ source: 'r3', date: '2025-05-22', confidence: 1 }],
        [{ source: 'r2', start: '2025-01', confidence: 0.8 }],
      ]);
    });

    it("give the file's entities without a source the default one", () => {
      expect(graph.getNodeAttribute('ann', 'sources')).toEqual(['r1']);
      expect(graph.getNodeAttribute('bob', 'sources')).toEqual(['r2', 'r3']);
    });

    it('apply to their own file only', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': 'defaults:\n  source: r2\nrelations:\n  - ann DEMANDS nuclear\n',
        'p/b.yaml': 'relations:\n  - ann DEMANDS fund\n',
      });
      const found = r.diagnostics.filter((d) => d.code !== 'KG201');
      expect(found.map((d) => `${d.code} ${d.file}:${d.line}`)).toEqual(['KG202 p/b.yaml:2']);
    });

    it('are checked once, where they are written', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/r.yaml':
          'defaults:\n  source: r9\n  date: 2025-13-01\n  confidence: 2\n  sorce: x\nrelations:\n  - ann DEMANDS nuclear\n  - ann DEMANDS fund\n',
      });
      const found = r.diagnostics.filter((d) => d.code !== 'KG201');
      expect(found.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
        'KG111 2:11',
        'KG106 3:9',
        'KG115 4:15',
        'KG012 5:3',
      ]);
    });
  });

  describe('several endpoints', () => {
    const result = compileTexts({
      'p/schema.yaml': SCHEMA,
      'p/entities.yaml': ENTITIES,
      'p/relations.yaml': `relations:
  - nats DEMANDS [nuclear, fund, divest]:
      quote: The four policies
      source: r1
  - from: [ann, bob]
    type: SUPPORTS
    to: [fund, divest]
    source: r2
  - "ann MET [bob]"
`,
    });

    it('make one relation per pair, sharing the fields', () => {
      expect(codes(result)).toEqual(['KG202']);
      const demands = edgesOf(result.graph, 'DEMANDS');
      expect(demands.map((d) => d.to)).toEqual(['nuclear', 'fund', 'divest']);
      for (const d of demands) expect(d.quotes).toEqual(['The four policies']);
      const supports = edgesOf(result.graph, 'SUPPORTS');
      expect(supports.map((s) => `${s.from}>${s.to}`)).toEqual([
        'ann>fund',
        'ann>divest',
        'bob>fund',
        'bob>divest',
      ]);
    });

    it('give each relation its own stable id', () => {
      const ids = result.graph.edges();
      expect(new Set(ids).size).toBe(ids.length);
      const again = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/relations.yaml': `relations:
  - nats DEMANDS nuclear: { source: r3 }
`,
      });
      const id = again.graph.edges().find((e) => e.startsWith('nats:DEMANDS:nuclear'));
      expect(id).toBeDefined();
      expect(ids).toContain(id);
    });

    it('report a problem at the exact list item', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/relations.yaml': `relations:
  - nats DEMANDS [nuclear, fnd, divest]: { source: r1 }
  - from: ann
    type: SUPPORTS
    to: [fund, dvest]
    source: r1
  - "[ann, bob] SUPPORTS nuclear": { source: r1 }
  - ann SUPPORTS [fund, , divest]
  - ann [SUPPORTS] fund
`,
      });
      const found = r.diagnostics.filter((d) => d.code !== 'KG201');
      expect(found.map((d) => `${d.code} ${d.line}:${d.column} ${d.value}`)).toEqual([
        'KG108 2:28 fnd',
        'KG108 5:16 dvest',
        'KG114 8:24 ann SUPPORTS [fund, , divest]',
        'KG114 9:9 ann [SUPPORTS] fund',
      ]);
      // The other pairs of those statements are still made (so nothing cascades).
      expect(edgesOf(r.graph, 'DEMANDS').map((d) => d.to)).toEqual(['nuclear', 'divest']);
      expect(edgesOf(r.graph, 'SUPPORTS').map((d) => `${d.from}>${d.to}`)).toEqual([
        'ann>fund',
        'ann>nuclear',
        'bob>nuclear',
      ]);
    });
  });

  describe('evidence and the same fact', () => {
    const result = compileTexts({
      'p/schema.yaml': SCHEMA,
      'p/entities.yaml': ENTITIES,
      'p/a.yaml': `relations:
  - nats DEMANDS nuclear:
      evidence:
        - { source: r1, quote: We want nuclear, date: 2025-05-20 }
        - { source: r2, quote: Nuclear now, date: 2025-05-22, confidence: 0.7, note: Reported }
  - ann MET bob: { source: r1, date: 2025-05-01 }
  - ann MET bob: { source: r1, date: 2025-06-01 }
`,
      'p/b.yaml': `relations:
  - nats DEMANDS nuclear:
      source: r3
      quote: Still nuclear
      date: 2025-06-02
      note: From the third report
  - bob MET ann: { source: r2, date: 2025-05-01 }
  - nats DEMANDS nuclear: { channel: radio, source: r1 }
`,
    });
    const { graph } = result;

    it('accumulates the evidence of a fact stated in several places, in statement order', () => {
      expect(codes(result)).toEqual([]);
      const demands = edgesOf(graph, 'DEMANDS');
      // The one with another property (channel) is another fact.
      expect(demands).toHaveLength(2);
      const [first] = demands;
      expect(first?.evidence).toEqual([
        { source: 'r1', quote: 'We want nuclear', date: '2025-05-20' },
        {
          source: 'r2',
          quote: 'Nuclear now',
          date: '2025-05-22',
          confidence: 0.7,
          note: 'Reported',
        },
        { source: 'r3', quote: 'Still nuclear', date: '2025-06-02' },
      ]);
      expect(first).toMatchObject({
        sources: ['r1', 'r2', 'r3'],
        quotes: ['We want nuclear', 'Nuclear now', 'Still nuclear'],
        evidence_count: 3,
        start: '2025-05-20',
        end: '2025-06-02',
        note: 'From the third report',
      });
      expect(first?.date).toBeUndefined();
      // One item is unhedged: the fact is.
      expect(first?.confidence).toBeUndefined();
    });

    it('keeps events at different times apart, and merges one at the same time', () => {
      const met = edgesOf(graph, 'MET');
      expect(met.map((m) => [m.date, m.sources])).toEqual([
        ['2025-05-01', ['r1', 'r2']],
        ['2025-06-01', ['r1']],
      ]);
    });

    it('derives ids that adding evidence does not change', () => {
      const alone = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': 'relations:\n  - nats DEMANDS nuclear: { source: r2 }\n',
      });
      expect(graph.edges()).toContain(alone.graph.edges()[0]);
    });

    it('warns when the same evidence is given twice (KG203)', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': `relations:
  - nats DEMANDS nuclear: { source: r1, quote: Q }
  - nats DEMANDS nuclear:
      evidence:
        - { source: r2, quote: Q }
        - { source: r1, quote: Q }
  - nats DEMANDS fund: { source: [r1, r1] }
`,
      });
      const found = r.diagnostics.filter((d) => d.code !== 'KG201');
      expect(found.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
        'KG203 6:11',
        'KG203 7:5',
      ]);
      expect(found[0]?.related?.[0]?.line).toBe(2);
      expect(edgesOf(r.graph, 'DEMANDS')[0]?.evidence_count).toBe(2);
    });

    it('gives the highest confidence when every item is hedged', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': `relations:
  - nats DEMANDS nuclear:
      source: r1
      confidence: 0.5
      evidence: [{ date: 2025-05-20 }, { date: 2025-05-20, source: r2, confidence: 0.75 }]
`,
      });
      expect(codes(r)).toEqual([]);
      expect(edgesOf(r.graph, 'DEMANDS')[0]).toMatchObject({
        evidence: [
          { source: 'r1', date: '2025-05-20', confidence: 0.5 },
          { source: 'r2', date: '2025-05-20', confidence: 0.75 },
        ],
        date: '2025-05-20',
        confidence: 0.75,
      });
    });

    it('joins the notes of several statements', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': `relations:
  - nats DEMANDS nuclear: { source: r1, note: One }
  - nats DEMANDS nuclear: { source: r2, note: Two }
  - nats DEMANDS nuclear: { source: r3, note: One }
`,
      });
      expect(edgesOf(r.graph, 'DEMANDS')[0]?.note).toBe('One\nTwo');
    });

    it('merges into an explicit id, and refuses a second id for one fact (KG118)', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/entities.yaml': ENTITIES,
        'p/a.yaml': `relations:
  - { id: the-demand, from: nats, type: DEMANDS, to: nuclear, source: r1 }
  - nats DEMANDS nuclear: { source: r2 }
  - { id: the-demand, from: nats, type: DEMANDS, to: nuclear, source: r3 }
`,
      });
      expect(codes(r)).toEqual([]);
      expect(edgesOf(r.graph, 'DEMANDS')).toHaveLength(1);
      expect(r.graph.hasEdge('the-demand')).toBe(true);
      expect(r.graph.getEdgeAttribute('the-demand', 'sources')).toEqual(['r1', 'r2', 'r3']);
    });
  });

  describe('reference properties as edges', () => {
    const result = compileTexts({
      'p/schema.yaml': SCHEMA,
      'p/entities.yaml': ENTITIES,
      'p/relations.yaml': `relations:
  - ann MEMBER_OF nats: { source: r2, quote: Ann joined the Nationals }
`,
    });
    const { graph } = result;

    it('link the entity to each value, with its sources as evidence', () => {
      expect(codes(result)).toEqual([]);
      const members = edgesOf(graph, 'MEMBER_OF');
      expect(members.map((m) => [m.from, m.to, m.evidence])).toEqual([
        ['ann', 'nats', [{ source: 'r1' }, { source: 'r2', quote: 'Ann joined the Nationals' }]],
        ['bob', 'nats', [{ source: 'r2' }, { source: 'r3' }]],
      ]);
      const allies = edgesOf(graph, 'ALLIED_WITH');
      expect(allies.map((a) => [a.from, a.to])).toEqual([['bob', 'ann']]);
      expect(graph.isDirected(graph.edges().find((e) => e.includes('ALLIED_WITH'))!)).toBe(false);
      // The property itself stays.
      expect(graph.getNodeAttribute('ann', 'party')).toBe('nats');
    });

    it('come before the relations, in entity id order, then property order', () => {
      const r = compileTexts({
        'p/schema.yaml': SCHEMA,
        'p/z.yaml': 'relations:\n  - ann SUPPORTS nuclear: { source: r1 }\n',
        // Declared in the opposite order of their ids.
        'p/entities.yaml': ENTITIES.replace(/ {2}- \{ id: ann.*\n/, '').concat(
          '  - { id: ann, type: Person, name: Ann, party: nats, allies: bob }\n',
        ),
      });
      expect(r.graph.edges().map((e) => e.split(':').slice(0, 3).join(' '))).toEqual([
        'ann MEMBER_OF nats',
        'ann ALLIED_WITH bob',
        'bob MEMBER_OF nats',
        'ann SUPPORTS nuclear',
      ]);
      // ALLIED_WITH is symmetric: bob's allies: ann is the same fact, with bob's sources too.
      expect(edgesOf(r.graph, 'ALLIED_WITH')[0]?.sources).toEqual(['r1', 'r2', 'r3']);
    });
  });

  it('gives the same graph and diagnostics with and without streaming', () => {
    const files = [
      { path: 'p/a.yaml', text: 'relations:\n  - nats DEMANDS nuclear: { source: r1 }\n' },
      { path: 'p/entities.yaml', text: ENTITIES },
      { path: 'p/schema.yaml', text: SCHEMA },
      {
        path: 'p/z.yaml',
        text: 'relations:\n  - nats DEMANDS nuclear: { source: r2, quote: Q }\n  - nats DEMANDS nuclear: { source: r2, quote: Q }\n',
      },
    ];
    const a = compileFiles(files, { name: 't', layout: 'none', streaming: true });
    const b = compileFiles(files, { name: 't', layout: 'none', streaming: false });
    expect(a.diagnostics).toEqual(b.diagnostics);
    expect(codes(a)).toEqual(['KG203']);
    expect(a.graph.export()).toEqual(b.graph.export());
  });
});
