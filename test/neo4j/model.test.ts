// The graph → Neo4j mapping, without a server: names, reserved words, value types.
import { describe, expect, it } from 'vitest';
import { buildNeo4jModel } from '../../src/neo4j/model.js';
import { escapeIdentifier } from '../../src/neo4j/identifiers.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';

describe('Neo4j model', () => {
  it('gives each evidence item a node: its fact, its values typed, its quote anchor flat', () => {
    const graph = fixtureGraph();
    const [id] = graph.filterEdges((_e, a) => a.evidence.length === 2);
    const evidence = graph.getEdgeAttribute(id!, 'evidence');
    // A quote anchor as the sources workstream (issue 11) adds it: W3C selectors.
    const anchor = {
      selector: [
        { type: 'TextPositionSelector', start: 120, end: 152 },
        { type: 'TextQuoteSelector', exact: evidence[1]!.quote, prefix: 'before ', suffix: '' },
      ],
    };
    // Untyped here: the Evidence type gains `anchor` only with that workstream.
    const anchored: Record<string, unknown> = { ...evidence[1]!, anchor };
    graph.setEdgeAttribute(id!, 'evidence', [evidence[0]!, anchored as (typeof evidence)[number]]);
    const model = buildNeo4jModel(graph, 'g');
    const rows = model.evidence.filter((r) => r.props.relation === id);
    expect(rows.map((r) => r.id)).toEqual([`${id}#1`, `${id}#2`]);
    const [first, second] = rows.map((r) => r.props);
    expect(first).toMatchObject({
      kg_graph: 'g',
      relation_type: 'SUPPORTS',
      from: graph.source(id!),
      to: graph.target(id!),
      n: { kind: 'int', value: 1 },
      confidence: 0.9,
    });
    expect(first).not.toHaveProperty('quote_start');
    expect(second).toMatchObject({
      n: { kind: 'int', value: 2 },
      source: 'memo',
      date: { kind: 'date', text: '2025-09-01' },
      quote_start: { kind: 'int', value: 120 },
      quote_end: { kind: 'int', value: 152 },
      quote_prefix: 'before ',
      quote_suffix: '',
    });
    // Ordered by relationship type, then relationship, then item.
    expect(model.evidence.map((r) => r.props.relation_type)).toEqual(
      [...model.evidence.map((r) => String(r.props.relation_type))].sort(),
    );
  });

  it('groups entities by type and relationships by type, in id order', () => {
    const model = buildNeo4jModel(fixtureGraph(), 'g');
    expect(model.nodeGroups.map((g) => [g.label, g.rows.map((r) => r.id)])).toEqual([
      ['Country', ['ukraine', 'usa']],
      ['Person', ['trump', 'zelensky']],
      ['Proposal', ['ceasefire', 'guarantees']],
    ]);
    expect(model.relGroups.map((g) => [g.type, g.symmetric, g.rows.length])).toEqual([
      ['CALLED', false, 1],
      ['MET', true, 2],
      ['OPPOSES', false, 1],
      ['SUPPORTS', false, 2],
    ]);
    const trump = model.nodeGroups[1]!.rows[0]!.props;
    expect(trump.kg_graph).toBe('g');
    expect(trump.born).toEqual({ kind: 'date', text: '1946-06-14' });
    expect(model.nodeGroups[1]!.rows[1]!.props.born).toBe('1978');
    const usa = model.nodeGroups[0]!.rows[1]!.props;
    expect(usa.population).toEqual({ kind: 'int', value: 8000000000 });
    expect(usa).not.toHaveProperty('gdp');
    const ceasefire = model.nodeGroups[2]!.rows[0]!.props;
    expect(ceasefire).not.toHaveProperty('aliases'); // empty list: absent
    expect(ceasefire).not.toHaveProperty('tags');
  });

  it('defaults the graph name to the graph attribute', () => {
    expect(buildNeo4jModel(fixtureGraph()).graph).toBe('fixture & <test>');
  });

  it('refuses entity types and relation types kg reserves', () => {
    const g = fixtureGraph();
    g.setNodeAttribute('usa', 'type', 'Source');
    expect(() => buildNeo4jModel(g)).toThrow(
      expect.objectContaining({ code: 'NEO4J_RESERVED_NAME' }),
    );
    const h = fixtureGraph();
    h.setEdgeAttribute('called-1', 'type', 'CITED_IN');
    expect(() => buildNeo4jModel(h)).toThrow(
      expect.objectContaining({ code: 'NEO4J_RESERVED_NAME' }),
    );
    const k = fixtureGraph();
    k.setNodeAttribute('usa', 'kg_graph', 'other');
    expect(() => buildNeo4jModel(k)).toThrow(
      expect.objectContaining({ code: 'NEO4J_RESERVED_NAME' }),
    );
  });

  it('validates and backtick-escapes identifiers', () => {
    expect(escapeIdentifier('Person')).toBe('`Person`');
    for (const bad of ['a`b', 'a b', '1abc', 'x)-[:Y]->(z', '']) {
      expect(() => escapeIdentifier(bad)).toThrow(
        expect.objectContaining({ code: 'NEO4J_INVALID_IDENTIFIER' }),
      );
    }
    const g = fixtureGraph();
    g.setNodeAttribute('usa', 'type', 'Bad Type');
    expect(() => buildNeo4jModel(g)).toThrow(
      expect.objectContaining({ code: 'NEO4J_INVALID_IDENTIFIER' }),
    );
  });
});
