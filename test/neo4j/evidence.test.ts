// Evidence through a real Neo4j: a compiled project whose facts have several evidence items
// (and a reference edge merged with a relation) is pushed; each relationship carries the
// flat lists of its evidence (sources, quotes) and its count, so "facts that rest on a
// single source" is one query; the neo4j-admin CSV export carries the same properties.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { buildNeo4jModel } from '../../src/neo4j/model.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { runReadQuery } from '../../src/neo4j/query.js';
import type { KgGraph } from '../../src/types.js';
import { DOC_QUERIES } from './doc-queries.js';
import { dropGraph, neo4jTestConnection, testDriver, uniqueGraphName } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();
const PROJECT = path.resolve(import.meta.dirname, '../fixtures/export-project');

describe.skipIf(!conn)('evidence in Neo4j (real server)', () => {
  let driver: Driver;
  let graph: KgGraph;
  const name = uniqueGraphName('evidence');

  beforeAll(async () => {
    driver = testDriver();
    const result = await compile(PROJECT, { layout: 'none' });
    expect(result.diagnostics).toEqual([]);
    graph = result.graph;
    await pushGraph(driver, graph, { graphName: name });
  }, 120_000);
  afterAll(async () => {
    await dropGraph(driver, name);
    await driver.close();
  });

  it('stores every fact once, with the flat lists and count of its evidence', async () => {
    const rows = await driver.executeQuery(
      `MATCH (:Entity)-[r]->(:Entity) WHERE r.kg_graph = $g
       RETURN r.id AS id, r.sources AS sources, r.quotes AS quotes,
              r.evidence_count AS count, r.evidence AS evidence ORDER BY id`,
      { g: name },
    );
    expect(rows.records.map((r) => r.get('id'))).toEqual([...graph.edges()].sort());
    for (const r of rows.records) {
      const attrs = graph.getEdgeAttributes(r.get('id') as string);
      expect(r.get('sources') ?? []).toEqual(attrs.sources);
      // An empty list is an absent property.
      expect(r.get('quotes') ?? []).toEqual(attrs.quotes);
      expect(neo4j.isInt(r.get('count'))).toBe(true);
      expect(neo4j.integer.toNumber(r.get('count'))).toBe(attrs.evidence.length);
      expect(r.get('evidence')).toBeNull();
    }
  });

  it('answers "facts that rest on a single source" (docs/queries.md)', async () => {
    const result = await runReadQuery(driver, DOC_QUERIES.singleSource, { graph: name }, conn!);
    const expected = new Map<string, number>();
    graph.forEachEdge((_e, a) => {
      const [only] = a.sources;
      if (a.sources.length === 1 && only) expected.set(only, (expected.get(only) ?? 0) + 1);
    });
    expect(result.columns).toEqual(['source', 'facts']);
    expect(result.rows).toEqual(
      [...expected].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)),
    );
    // The two-source facts are left out: the LEADS reference edge restated by a relation,
    // and the supports with evidence from both documents.
    expect(result.rows.reduce((n, row) => n + Number(row[1]), 0)).toBe(graph.size - 2);
  });

  it('lists the facts stated more than once with every quote (docs/queries.md)', async () => {
    const result = await runReadQuery(driver, DOC_QUERIES.restated, { graph: name }, conn!);
    expect(result.rows).toEqual([
      ['Donald Trump', 'LEADS', 'United States', 2, null],
      [
        'Володимир Зеленський',
        'SUPPORTS',
        'Security guarantees',
        4,
        [
          'He said: <img src=x onerror=alert(1)> and "quotes" & ampersands',
          'A second | quote, with "commas"',
          'Stated again on another day',
        ],
      ],
    ]);
  });

  it('keeps reference edges as relationships of their type', async () => {
    const leads = await driver.executeQuery(
      `MATCH (p:Person {kg_graph: $g})-[r:LEADS]->(c:Country) RETURN p.id AS p, c.id AS c ORDER BY p`,
      { g: name },
    );
    expect(leads.records.map((r) => [r.get('p'), r.get('c')])).toEqual([
      ['trump', 'usa'],
      ['zelensky', 'ukraine'],
    ]);
  });

  it('gives the neo4j-admin CSV rows the same evidence properties', () => {
    const model = buildNeo4jModel(graph, name);
    const supports = model.relGroups.find((g) => g.type === 'SUPPORTS')!;
    const many = supports.rows.find((r) => r.from === 'zelensky')!;
    expect(many.props.evidence_count).toEqual({ kind: 'int', value: 4 });
    expect(many.props.sources).toEqual(['talks', 'memo']);
    expect(many.props).not.toHaveProperty('evidence');
  });
});
