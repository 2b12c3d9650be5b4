// The graph → Neo4j mapping, without a server: names, reserved words, value types.
import { describe, expect, it } from 'vitest';
import { buildNeo4jModel } from '../../src/neo4j/model.js';
import { escapeIdentifier } from '../../src/neo4j/identifiers.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';

describe('Neo4j model', () => {
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
