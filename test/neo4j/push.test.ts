// kg push against a real Neo4j 5 (started by test/setup/neo4j.ts): model, types,
// idempotency, updates, prune and graph scoping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import neo4j from 'neo4j-driver';
import { pushGraph } from '../../src/neo4j/push.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  deleteMarker,
  dropGraph,
  markerHashes,
  neo4jTestConnection,
  snapshot,
  testDriver,
  uniqueGraphName,
} from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

describe.skipIf(!conn)('kg push (real Neo4j)', () => {
  let driver: Driver;
  const graphs: string[] = [];
  const name = (prefix: string) => {
    const n = uniqueGraphName(prefix);
    graphs.push(n);
    return n;
  };

  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(async () => {
    for (const g of graphs) await dropGraph(driver, g);
    await driver.close();
  });

  it('writes entities, sources, citations and relationships with their types', async () => {
    const graphName = name('model');
    const summary = await pushGraph(driver, fixtureGraph(), { graphName });
    // A new graph that fits in one batch: the schema, then one statement writes all of it.
    expect(summary.transactions).toBe(2);
    expect(summary.phases.map((p) => p.phase)).toEqual(['schema', 'create if new']);
    expect(summary.nodes).toEqual({ created: 6, updated: 0, unchanged: 0, deleted: 0 });
    expect(summary.sources).toEqual({ created: 2, updated: 0, unchanged: 0, deleted: 0 });
    expect(summary.relationships).toEqual({ created: 6, updated: 0, unchanged: 0, deleted: 0 });
    // trump 1, zelensky 1, ukraine 2, usa 0, guarantees 1, ceasefire 1
    expect(summary.citations).toEqual({ created: 6, deleted: 0 });

    const { records } = await driver.executeQuery(
      `MATCH (n:Entity {kg_graph: $g, id: 'trump'}) RETURN labels(n) AS labels, n AS node`,
      { g: graphName },
    );
    expect(records).toHaveLength(1);
    expect([...(records[0]!.get('labels') as string[])].sort()).toEqual(['Entity', 'Person']);
    const trump = records[0]!.get('node').properties as Record<string, unknown>;
    expect(neo4j.isDate(trump.born)).toBe(true);
    expect(String(trump.born)).toBe('1946-06-14');
    expect(trump.nicknames).toEqual(['The "Don"', 'a, b | c', 'back\\slash']);
    expect(trump.kg_type).toBe('Person');
    expect(trump).not.toHaveProperty('x');
    expect(trump).not.toHaveProperty('color');

    const types = await driver.executeQuery(
      `MATCH (z:Entity {kg_graph: $g, id: 'zelensky'}), (u:Entity {kg_graph: $g, id: 'usa'})
       RETURN z.born AS born, u.population AS population, u.aliases AS aliases,
              valueType(u.population) AS popType, u.nato AS nato`,
      { g: graphName },
    );
    const row = types.records[0]!;
    expect(row.get('born')).toBe('1978'); // partial date stays a string
    expect(row.get('popType')).toBe('INTEGER NOT NULL');
    expect(neo4j.integer.toNumber(row.get('population'))).toBe(8000000000);
    expect(row.get('nato')).toBe(true);

    const rels = await driver.executeQuery(
      `MATCH (a)-[r]->(b) WHERE r.kg_graph = $g AND r.id IN ['supports-1', 'met-2', 'opposes-1']
       RETURN r.id AS id, type(r) AS type, a.id AS a, b.id AS b, r AS rel ORDER BY id`,
      { g: graphName },
    );
    const byId = Object.fromEntries(rels.records.map((r) => [r.get('id'), r]));
    const supports = byId['supports-1']!.get('rel').properties as Record<string, unknown>;
    expect(byId['supports-1']!.get('type')).toBe('SUPPORTS');
    expect(supports.sources).toEqual(['wh-talks', 'memo']);
    expect(supports.start).toBe('2025-08');
    expect(supports.end).toBe('2026');
    expect(supports.confidence).toBe(0.9);
    expect(neo4j.integer.toNumber(supports.strength as number)).toBe(3);
    // Evidence: its flat lists and count (the list of objects is not a Neo4j property).
    expect(supports.quotes).toEqual([
      'He said: <img src=x onerror=alert(1)> and "quotes" & ampersands',
      'A second | quote, with "commas"',
    ]);
    expect(neo4j.isInt(supports.evidence_count)).toBe(true);
    expect(neo4j.integer.toNumber(supports.evidence_count as number)).toBe(2);
    expect(supports).not.toHaveProperty('evidence');
    // Symmetric MET stored once, in the graph's source→target order.
    expect([byId['met-2']!.get('a'), byId['met-2']!.get('b')]).toEqual(['zelensky', 'trump']);
    expect(byId['opposes-1']!.get('rel').properties.quotes).toEqual([
      "I don't believe a ceasefire is necessary,\r\nhe said",
    ]);
    const cited = await driver.executeQuery(
      `MATCH (:Entity {kg_graph: $g, id: 'ukraine'})-[:CITED_IN]->(s:Source) RETURN s.id AS id ORDER BY id`,
      { g: graphName },
    );
    expect(cited.records.map((r) => r.get('id'))).toEqual(['memo', 'wh-talks']);
    const source = await driver.executeQuery(
      `MATCH (s:Source {kg_graph: $g, id: 'wh-talks'}) RETURN s.published AS published`,
      { g: graphName },
    );
    expect(neo4j.isDate(source.records[0]!.get('published'))).toBe(true);
  });

  it('is idempotent: a second push changes nothing', async () => {
    const graphName = name('idem');
    await pushGraph(driver, fixtureGraph(), { graphName });
    const before = await snapshot(driver, graphName);
    const again = await pushGraph(driver, fixtureGraph(), { graphName });
    // The first statement finds the marker of exactly this data: nothing read, nothing written.
    expect(again.phases.map((p) => p.phase)).toEqual(['schema', 'create if new']);
    expect(again.nodes).toEqual({ created: 0, updated: 0, unchanged: 6, deleted: 0 });
    expect(again.relationships).toEqual({ created: 0, updated: 0, unchanged: 6, deleted: 0 });
    expect(again.sources.unchanged).toBe(2);
    expect(again.citations).toEqual({ created: 0, deleted: 0 });
    expect(await snapshot(driver, graphName)).toEqual(before);
    // Without its marker the graph is read and compared in full; only the marker is written.
    const hashes = await markerHashes(driver, graphName);
    expect(hashes).toHaveLength(1);
    await deleteMarker(driver, graphName);
    const compared = await pushGraph(driver, fixtureGraph(), { graphName });
    expect(compared.phases.map((p) => p.phase)).toEqual([
      'schema',
      'create if new',
      'read graph',
      'marker',
    ]);
    expect(compared.nodes.unchanged).toBe(6);
    expect(compared.relationships.unchanged).toBe(6);
    expect(await markerHashes(driver, graphName)).toEqual(hashes);
    expect(await snapshot(driver, graphName)).toEqual(before);
  });

  it('a graph deleted by hand (its marker left behind) is pushed again in full', async () => {
    const graphName = name('by-hand');
    await pushGraph(driver, fixtureGraph(), { graphName });
    const before = await snapshot(driver, graphName);
    await driver.executeQuery('MATCH (n) WHERE n.kg_graph = $g DETACH DELETE n', { g: graphName });
    const again = await pushGraph(driver, fixtureGraph(), { graphName });
    expect(again.nodes.created).toBe(6);
    expect(await snapshot(driver, graphName)).toEqual(before);
    expect(await markerHashes(driver, graphName)).toHaveLength(1);
  });

  it('--prune compares in full whatever the marker says: it repairs an edit by hand', async () => {
    const graphName = name('repair');
    await pushGraph(driver, fixtureGraph(), { graphName });
    const before = await snapshot(driver, graphName);
    await driver.executeQuery(
      `MATCH (t:Entity {kg_graph: $g, id: 'trump'}) SET t.role = 'edited by hand'`,
      { g: graphName },
    );
    // The marker is trusted: a plain push does not look.
    const plain = await pushGraph(driver, fixtureGraph(), { graphName });
    expect(plain.nodes.unchanged).toBe(6);
    const pruned = await pushGraph(driver, fixtureGraph(), { graphName, prune: true });
    expect(pruned.nodes).toEqual({ created: 0, updated: 1, unchanged: 5, deleted: 0 });
    expect(await snapshot(driver, graphName)).toEqual(before);
  });

  it('a change interrupted mid-push leaves no marker: pushing the old data again restores it', async () => {
    const graphName = name('half-changed');
    await pushGraph(driver, fixtureGraph(), { graphName });
    const before = await snapshot(driver, graphName);
    const changed = fixtureGraph();
    changed.setNodeAttribute('trump', 'role', 'Changed role');
    changed.setEdgeAttribute('supports-1', 'confidence', 0.5);
    await expect(
      pushGraph(driver, changed, {
        graphName,
        batchSize: 1,
        onProgress: (p) => {
          // The entity is written, the relationship not yet.
          if (p.phase === 'entities') throw new Error('interrupted');
        },
      }),
    ).rejects.toThrow();
    expect(await markerHashes(driver, graphName)).toEqual([]);
    const restored = await pushGraph(driver, fixtureGraph(), { graphName });
    expect(restored.nodes.updated).toBe(1);
    expect(await snapshot(driver, graphName)).toEqual(before);
    expect(await markerHashes(driver, graphName)).toHaveLength(1);
  });

  it('updates changed properties, removes dropped ones, retypes and moves', async () => {
    const graphName = name('update');
    await pushGraph(driver, fixtureGraph(), { graphName });
    const g = fixtureGraph();
    g.setNodeAttribute('trump', 'role', 'Changed role');
    g.removeNodeAttribute('trump', 'website');
    g.setNodeAttribute('ukraine', 'sources', ['memo']);
    // Retype: a Proposal becomes a Country (labels must follow).
    g.setNodeAttribute('ceasefire', 'type', 'Country');
    g.setEdgeAttribute('supports-1', 'confidence', 0.5);
    // Move: the same relation id now points the other way.
    const called = g.getEdgeAttributes('called-1');
    g.dropEdge('called-1');
    g.addDirectedEdgeWithKey('called-1', 'zelensky', 'trump', called);
    const summary = await pushGraph(driver, g, { graphName });
    expect(summary.nodes).toEqual({ created: 0, updated: 3, unchanged: 3, deleted: 0 });
    expect(summary.relationships).toEqual({ created: 0, updated: 2, unchanged: 4, deleted: 0 });
    expect(summary.citations).toEqual({ created: 0, deleted: 1 });
    const { records } = await driver.executeQuery(
      `MATCH (t:Entity {kg_graph: $g, id: 'trump'}), (c:Entity {kg_graph: $g, id: 'ceasefire'})
       RETURN t.role AS role, t.website AS website, labels(c) AS labels`,
      { g: graphName },
    );
    expect(records[0]!.get('role')).toBe('Changed role');
    expect(records[0]!.get('website')).toBeNull();
    expect([...(records[0]!.get('labels') as string[])].sort()).toEqual(['Country', 'Entity']);
    const conf = await driver.executeQuery(
      `MATCH ()-[r:SUPPORTS {kg_graph: $g, id: 'supports-1'}]->() RETURN r.confidence AS c`,
      { g: graphName },
    );
    expect(conf.records.map((r) => r.get('c'))).toEqual([0.5]);
    const moved = await driver.executeQuery(
      `MATCH (a)-[r:CALLED {kg_graph: $g}]->(b) RETURN a.id AS a, b.id AS b, r.id AS id`,
      { g: graphName },
    );
    expect(moved.records.map((r) => [r.get('id'), r.get('a'), r.get('b')])).toEqual([
      ['called-1', 'zelensky', 'trump'],
    ]);
  });

  it('--prune deletes only what this graph pushed and no longer has; --dry-run writes nothing', async () => {
    const mine = name('prune');
    const other = name('other');
    await pushGraph(driver, fixtureGraph(), { graphName: mine });
    await pushGraph(driver, fixtureGraph(), { graphName: other });
    const otherBefore = await snapshot(driver, other);
    const g = fixtureGraph();
    g.dropNode('ceasefire'); // also drops opposes-1
    g.dropEdge('called-1');
    const before = await snapshot(driver, mine);
    const dry = await pushGraph(driver, g, { graphName: mine, prune: true, dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.nodes).toEqual({ created: 0, updated: 0, unchanged: 5, deleted: 1 });
    expect(dry.relationships).toEqual({ created: 0, updated: 0, unchanged: 4, deleted: 2 });
    expect(await snapshot(driver, mine)).toEqual(before);

    const withoutPrune = await pushGraph(driver, g, { graphName: mine });
    expect(withoutPrune.nodes.deleted).toBe(0);
    const pruned = await pushGraph(driver, g, { graphName: mine, prune: true });
    expect(pruned.nodes.deleted).toBe(1);
    expect(pruned.relationships.deleted).toBe(2);
    const after = await snapshot(driver, mine);
    expect(after.nodes.map((n) => n.props.id)).not.toContain('ceasefire');
    expect(after.rels.map((r) => r.props.id)).toEqual(
      expect.not.arrayContaining(['called-1', 'opposes-1']),
    );
    expect(after.rels.filter((r) => r.type !== 'CITED_IN')).toHaveLength(4);
    // The other graph, with the same ids, is untouched.
    expect(await snapshot(driver, other)).toEqual(otherBefore);
  });

  it('a dry run on an empty graph name reports everything as to be created', async () => {
    const graphName = name('dry');
    const dry = await pushGraph(driver, fixtureGraph(), { graphName, dryRun: true });
    expect(dry.nodes.created).toBe(6);
    expect(dry.relationships.created).toBe(6);
    expect((await snapshot(driver, graphName)).nodes).toHaveLength(0);
  });

  it('an interrupted push keeps whole batches, and re-running completes it', async () => {
    const done = name('resume-ref');
    const cut = name('resume');
    await pushGraph(driver, fixtureGraph(), { graphName: done });
    const interrupt = new Error('interrupted');
    await expect(
      pushGraph(driver, fixtureGraph(), {
        graphName: cut,
        batchSize: 2,
        onProgress: (p) => {
          if (p.phase === 'relationships' && p.done >= 2) throw interrupt;
        },
      }),
    ).rejects.toThrow();
    const partial = await snapshot(driver, cut);
    // The first batch (called-1, met-1: batches follow type, then id) was committed.
    expect(partial.rels.filter((r) => r.type !== 'CITED_IN').map((r) => r.props.id)).toEqual([
      'called-1',
      'met-1',
    ]);
    const resumed = await pushGraph(driver, fixtureGraph(), { graphName: cut, batchSize: 2 });
    expect(resumed.relationships).toEqual({ created: 4, updated: 0, unchanged: 2, deleted: 0 });
    expect(await snapshot(driver, cut)).toEqual(await snapshot(driver, done));
  });

  it('a graph of sources only is found again on the next push', async () => {
    const graphName = name('sources-only');
    const g = fixtureGraph();
    g.clear();
    const first = await pushGraph(driver, g, { graphName });
    expect(first.sources.created).toBe(2);
    const again = await pushGraph(driver, g, { graphName });
    expect(again.sources).toEqual({ created: 0, updated: 0, unchanged: 2, deleted: 0 });
  });

  it('a new graph in batches of one row gives the same database as in one statement', async () => {
    const one = name('batch1');
    const many = name('batchN');
    const whole = await pushGraph(driver, fixtureGraph(), { graphName: one });
    expect(whole.transactions).toBe(2);
    const s = await pushGraph(driver, fixtureGraph(), { graphName: many, batchSize: 1 });
    expect(s.transactions).toBeGreaterThan(15);
    expect(s.citations).toEqual(whole.citations);
    expect(s.relationships).toEqual(whole.relationships);
    expect(await snapshot(driver, many)).toEqual(await snapshot(driver, one));
  });
});
