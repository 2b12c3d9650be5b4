// Issue 9, defects 2 and 10: property names become column headers. `role:LABEL` in a
// neo4j-admin header made a label, `secret:IGNORE` vanished and `age:int` broke the import,
// while `kg push` stored them as properties; a CSV header cell skipped the formula guard.
// One rule (src/language/property-name.ts) is checked at the schema, with a diagnostic at the
// name; hand-built graphs get the same rule from the Neo4j model, so every Neo4j path agrees.
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { createCsvExporter } from '../../src/export/csv.js';
import { fileText } from '../../src/export/exporter.js';
import { cypher } from '../../src/export/cypher.js';
import { neo4jCsv } from '../../src/export/neo4j-csv.js';
import { buildNeo4jModel } from '../../src/neo4j/model.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { parseCsv } from '../helpers/parse-csv.js';
import { compileTexts } from '../helpers/project.js';

const HOSTILE = ['role:LABEL', 'secret:IGNORE', 'age:int', ':ID', '=HYPERLINK("http://x")', 'a b'];

function project(name: string, kind: 'entities' | 'relations'): string {
  const quoted = JSON.stringify(name);
  const entity = kind === 'entities' ? `, properties: { ${quoted}: string }` : '';
  const relation = kind === 'relations' ? `, properties: { ${quoted}: string }` : '';
  return `schema:
  entities:
    Person: { color: "#123456"${entity} }
  relations:
    MET: { from: Person, to: Person${relation} }
entities:
  - { id: a, type: Person }
  - { id: b, type: Person }
relations:
  - a MET b
`;
}

describe('the property-name rule at the schema', () => {
  for (const kind of ['entities', 'relations'] as const) {
    it.each(HOSTILE)(`refuses %j on ${kind} with KG027 at the name`, (name) => {
      const result = compileTexts({ 'a.yaml': project(name, kind) });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(['KG027']);
      const line = kind === 'entities' ? 3 : 5;
      const column = project(name, kind).split('\n')[line - 1]!.indexOf(JSON.stringify(name)) + 1;
      expect(errors[0]).toMatchObject({ line, column, value: name });
      expect(errors[0]?.hint).toContain('start with a letter');
    });
  }

  it('accepts letters of any script, digits, _ and -', () => {
    for (const name of ['role', 'birth-date', 'name_en', 'größe', 'имя', 'x2', 'नाम']) {
      const result = compileTexts({ 'a.yaml': project(name, 'entities') });
      expect(
        result.diagnostics.filter((d) => d.severity === 'error'),
        name,
      ).toEqual([]);
    }
  });

  it('reserves the keys kg writes to Neo4j and to edges.csv (KG022)', () => {
    for (const [name, kind] of [
      ['kg_graph', 'entities'],
      ['kg_type', 'relations'],
      ['target', 'relations'],
      ['directed', 'relations'],
    ] as const) {
      const result = compileTexts({ 'a.yaml': project(name, kind) });
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(
        errors.map((d) => d.code),
        name,
      ).toEqual(['KG022']);
    }
  });

  it('says why a value under an invalid name is undeclared', () => {
    const text = project('role:LABEL', 'entities').replace(
      '{ id: a, type: Person }',
      "{ id: a, type: Person, 'role:LABEL': x }",
    );
    const result = compileTexts({ 'a.yaml': text });
    const kg104 = result.diagnostics.find((d) => d.code === 'KG104');
    expect(kg104?.hint).toContain('start with a letter');
  });
});

/** The fixture graph with one more node property under `name`. */
function graphWithProperty(name: string) {
  const graph = fixtureGraph();
  graph.setNodeAttribute(graph.nodes()[0]!, name, 'x');
  return graph;
}

describe('hand-built graphs: the same rule in every Neo4j path', () => {
  it.each(HOSTILE)(
    '%j: model, Cypher script, neo4j-admin files and push all refuse it',
    async (name) => {
      const graph = graphWithProperty(name);
      const refused = { code: 'NEO4J_INVALID_IDENTIFIER' };
      expect(() => buildNeo4jModel(graph)).toThrow(expect.objectContaining(refused));
      expect(() => cypher.files(graph).map(fileText)).toThrow(expect.objectContaining(refused));
      expect(() => neo4jCsv.files(graph).map(fileText)).toThrow(expect.objectContaining(refused));
      // Refused before any statement is sent: no server is needed to see it.
      const driver = neo4j.driver('bolt://127.0.0.1:9', neo4j.auth.basic('x', 'y'));
      try {
        await expect(pushGraph(driver, graph)).rejects.toMatchObject(refused);
      } finally {
        await driver.close();
      }
    },
  );

  it('a valid unusual name reaches every neo4j-admin header as written', () => {
    const graph = graphWithProperty('größe-2');
    const files = neo4jCsv.files(graph).map((f) => ({ name: f.name, text: fileText(f) }));
    const headers = files.filter((f) => f.name.endsWith('.csv')).map((f) => f.text.split('\n')[0]);
    expect(headers.some((h) => h?.split(',').includes('größe-2'))).toBe(true);
  });
});

describe('CSV header cells', () => {
  it('get the formula guard like every other text cell', () => {
    const graph = graphWithProperty('=HYPERLINK("http://evil")');
    const [nodes] = createCsvExporter().files(graph).map(fileText);
    const header = parseCsv(nodes ?? '')[0] ?? [];
    expect(header).toContain(`'=HYPERLINK("http://evil")`);
    expect(header.some((h) => /^[=+\-@\t\r]/.test(h))).toBe(false);
  });

  it('are left alone without the guard', () => {
    const graph = graphWithProperty('=SUM(1)');
    const [nodes] = createCsvExporter({ formulaGuard: false, newline: '\r\n' })
      .files(graph)
      .map(fileText);
    expect(parseCsv(nodes ?? '')[0]).toContain('=SUM(1)');
  });
});
