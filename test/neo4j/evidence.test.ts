// Evidence through a real Neo4j: a compiled project whose facts have several evidence items
// (and a reference edge merged with a relation) is pushed; each relationship carries the
// flat lists of its evidence (sources, quotes) and its count, so "facts that rest on a
// single source" is one query; each evidence item is an :Evidence node; a fact that loses
// items loses their nodes (push and the Cypher script); the neo4j-admin CSV export carries
// the same properties.
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compile } from '../../src/compile/compile.js';
import { buildNeo4jModel } from '../../src/neo4j/model.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { cypher } from '../../src/export/cypher.js';
import { fileText } from '../../src/export/exporter.js';
import { runReadQuery } from '../../src/neo4j/query.js';
import type { KgGraph } from '../../src/types.js';
import { DOC_QUERIES } from './doc-queries.js';
import {
  dropGraph,
  neo4jTestConnection,
  snapshot,
  splitCypherScript,
  testDriver,
  uniqueGraphName,
} from '../helpers/neo4j.js';

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
  const others: string[] = [];
  afterAll(async () => {
    for (const g of others) await dropGraph(driver, g);
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

  it('stores each evidence item as an :Evidence node with its fact and its anchor fields', async () => {
    const rows = await driver.executeQuery(
      `MATCH (ev:Evidence {kg_graph: $g}) RETURN ev.id AS id, properties(ev) AS p ORDER BY id`,
      { g: name },
    );
    const expected = graph
      .edges()
      .flatMap((id) => graph.getEdgeAttributes(id).evidence.map((_, i) => `${id}#${i + 1}`))
      .sort();
    expect(rows.records.map((r) => r.get('id'))).toEqual(expected);
    const p = rows.records
      .map((r) => r.get('p') as Record<string, unknown>)
      .find((props) => props.relation_type === 'SUPPORTS' && props.quote !== undefined)!;
    const id = String(p.relation);
    expect(graph.getEdgeAttribute(id, 'type')).toBe('SUPPORTS');
    expect([p.relation_type, p.from, p.to]).toEqual([
      'SUPPORTS',
      graph.source(id),
      graph.target(id),
    ]);
    const item = graph.getEdgeAttributes(id).evidence[0]!;
    expect(p.source).toBe(item.source);
    expect(p.quote ?? undefined).toBe(item.quote);
    expect(neo4j.integer.toNumber(p.n as number)).toBe(1);
  });

  it('evidence never links entities: paths and degrees are those of the facts', async () => {
    const rows = await driver.executeQuery(
      `MATCH (ev:Evidence {kg_graph: $g}) RETURN sum(count { (ev)--() }) AS links`,
      { g: name },
    );
    expect(rows.records.map((r) => neo4j.integer.toNumber(r.get('links')))).toEqual([0]);
  });

  it('a fact that loses evidence loses its items, by push and by the Cypher script', async () => {
    const shrink = (g: KgGraph) => {
      const id = g.edges().find((e) => g.getEdgeAttribute(e, 'evidence').length === 4)!;
      const evidence = g.getEdgeAttribute(id, 'evidence').slice(0, 2);
      g.mergeEdgeAttributes(id, { evidence, evidence_count: evidence.length });
      return id;
    };
    const pushed = uniqueGraphName('evidence-shrink');
    const scripted = uniqueGraphName('evidence-shrink-script');
    others.push(pushed, scripted);
    for (const g of [pushed, scripted]) await pushGraph(driver, graph, { graphName: g });

    const smaller = graph.copy();
    const id = shrink(smaller);
    const summary = await pushGraph(driver, smaller, { graphName: pushed });
    expect(summary.evidence).toEqual({ created: 0, updated: 0, unchanged: 10, deleted: 2 });
    const left = await driver.executeQuery(
      `MATCH (ev:Evidence {kg_graph: $g, relation: $id}) RETURN ev.n AS n ORDER BY n`,
      { g: pushed, id },
    );
    expect(left.records.map((r) => neo4j.integer.toNumber(r.get('n')))).toEqual([1, 2]);

    smaller.setAttribute('name', scripted);
    const script = splitCypherScript(fileText(cypher.files(smaller)[0]!));
    for (const statement of script) await driver.executeQuery(statement);
    const a = await snapshot(driver, pushed);
    expect(await snapshot(driver, scripted)).toEqual(a);
    expect(a.nodes.filter((n) => n.labels.includes('Evidence'))).toHaveLength(10);
  }, 120_000);

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
