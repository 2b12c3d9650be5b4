// The exported Cypher script, run statement by statement on the real server, gives the same
// database as kg push; its string literals survive quotes, backslashes and unicode exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { cypher, cypherStatements } from '../../src/export/cypher.js';
import { fileText } from '../../src/export/exporter.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { cypherString, cypherValue } from '../../src/neo4j/values.js';
import { compile } from '../../src/compile/compile.js';
import type { KgGraph } from '../../src/types.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import {
  dropGraph,
  neo4jTestConnection,
  snapshot,
  splitCypherScript,
  testDriver,
  uniqueGraphName,
} from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

async function runScript(driver: Driver, graph: KgGraph): Promise<number> {
  const file = cypher.files(graph)[0]!;
  const statements = splitCypherScript(fileText(file));
  for (const statement of statements) await driver.executeQuery(statement);
  return statements.length;
}

describe('Cypher literals (no server)', () => {
  it('escapes quotes, backslashes and control characters', () => {
    expect(cypherString(`it's a "q" \\ x`)).toBe(`'it\\'s a "q" \\\\ x'`);
    expect(cypherString('a\nb\r\tc\u0001\u2028')).toBe(`'a\\nb\\r\\tc\\u0001\\u2028'`);
    expect(cypherValue([1, 2.5])).toBe('[1.0, 2.5]');
    expect(cypherValue({ kind: 'date', text: '2025-08-18' })).toBe(`date('2025-08-18')`);
    expect(cypherValue({ kind: 'int', value: 8000000000 })).toBe('8000000000');
  });

  it('the script is the same statements as cypherStatements, each ending with ;', () => {
    const graph = fixtureGraph();
    const text = fileText(cypher.files(graph)[0]!);
    expect(splitCypherScript(text)).toEqual([...cypherStatements(graph)]);
  });
});

describe.skipIf(!conn)('Cypher script on the real server', () => {
  let driver: Driver;
  const graphs: string[] = [];
  beforeAll(() => {
    driver = testDriver();
  });
  afterAll(async () => {
    for (const g of graphs) await dropGraph(driver, g);
    await driver.close();
  });

  it('string literals round-trip exactly through the server', async () => {
    const samples = [
      `it's "quoted" \\ back\\slash \\' and \\\\'`,
      'line\nbreak\r\nand\ttab\u0000nul\u001f\u2028sep',
      'Володимир Зеленський — 🛡️ 𝔘 日本語 e\u0301',
      "'; MATCH (n) DETACH DELETE n; //",
    ];
    for (const s of samples) {
      const { records } = await driver.executeQuery(`RETURN ${cypherString(s)} AS v`);
      expect(records[0]!.get('v')).toBe(s);
    }
  });

  async function compare(make: () => KgGraph, prefix: string) {
    const pushed = uniqueGraphName(`${prefix}-push`);
    const scripted = uniqueGraphName(`${prefix}-script`);
    graphs.push(pushed, scripted);
    await pushGraph(driver, make(), { graphName: pushed });
    const graph = make();
    graph.setAttribute('name', scripted);
    await runScript(driver, graph);
    const a = await snapshot(driver, pushed);
    const b = await snapshot(driver, scripted);
    expect(a.nodes.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    // Running the script again on the existing data changes nothing.
    await runScript(driver, graph);
    expect(await snapshot(driver, scripted)).toEqual(a);
  }

  it('gives the same database as kg push (fixture graph)', async () => {
    await compare(fixtureGraph, 'script-fixture');
  }, 120_000);

  it('gives the same database as kg push (data/)', async () => {
    const { graph, diagnostics } = await compile('data', { layout: 'none' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const json = graph.export();
    await compare(() => {
      const copy = graph.nullCopy();
      copy.import(json);
      return copy;
    }, 'script-data');
  }, 120_000);
});
