// neo4j-admin import files: typed headers, quoting, the array delimiter and the import command.
import { describe, expect, it } from 'vitest';
import { fileText } from '../../src/export/exporter.js';
import { ARRAY_DELIMITER } from '../../src/export/neo4j-csv-cells.js';
import { neo4jCsv } from '../../src/export/neo4j-csv.js';
import { EXPORTERS } from '../../src/export/registry.js';
import { fixtureGraph } from '../helpers/fixture-graph.js';
import { parseCsv } from '../helpers/parse-csv.js';

function files() {
  return Object.fromEntries(neo4jCsv.files(fixtureGraph()).map((f) => [f.name, fileText(f)]));
}

/** The files end records with LF; the strict test reader wants CRLF (quoted LFs stay). */
function table(text: string): Record<string, string>[] {
  let crlf = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    crlf += ch === '\n' && !quoted ? '\r\n' : ch;
  }
  const [head, ...rows] = parseCsv(crlf);
  return rows.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i] ?? ''])));
}

describe('neo4j-csv exporter', () => {
  it('is registered as a directory export', () => {
    expect(EXPORTERS['neo4j-csv']).toBe(neo4jCsv);
    expect(neo4jCsv.output).toBe('directory');
  });

  it('writes one node file per type, one relationship file per type, sources and citations', () => {
    expect(Object.keys(files()).sort()).toEqual([
      'neo4j-cited-in.csv',
      'neo4j-constraints.cypher',
      'neo4j-entities-Country.csv',
      'neo4j-entities-Person-2.csv',
      'neo4j-entities-Person.csv',
      'neo4j-entities-Proposal.csv',
      'neo4j-evidence-2.csv',
      'neo4j-evidence.csv',
      'neo4j-import.sh',
      'neo4j-relationships-CALLED.csv',
      'neo4j-relationships-MET-2.csv',
      'neo4j-relationships-MET.csv',
      'neo4j-relationships-OPPOSES.csv',
      'neo4j-relationships-SUPPORTS-2.csv',
      'neo4j-relationships-SUPPORTS.csv',
      'neo4j-sources.csv',
    ]);
  });

  it('types headers by their values: dates, longs, doubles, booleans, arrays', () => {
    const f = files();
    // Evidence items: a complete date is a date, a partial one ('2025-02') a string: two files.
    expect(f['neo4j-evidence.csv']!.split('\n')[0]).toBe(
      'id:ID(Evidence),:LABEL,kg_graph,confidence:double,date,end,from,n:long,quote,relation,relation_type,source,start,to',
    );
    expect(f['neo4j-evidence-2.csv']!.split('\n')[0]).toBe(
      'id:ID(Evidence),:LABEL,kg_graph,confidence:double,date:date,from,n:long,quote,relation,relation_type,source,start:date,to,note',
    );
    expect(f['neo4j-evidence-2.csv']).toContain(
      'supports-1#2,Evidence,fixture & <test>,0.7,2025-09-01,zelensky,2,"A second | quote, with ""commas""",supports-1,SUPPORTS,memo,,guarantees,"Memo, page 2"\n',
    );
    expect(f['neo4j-entities-Country.csv']!.split('\n')[0]).toBe(
      'id:ID(Entity),:LABEL,kg_graph,kg_type,gdp:double,name,nato:boolean,population:long,aliases:string[],sources:string[]',
    );
    // born '1946-06-14' is a date, born '1978' (partial) a string: two files, one type each.
    expect(f['neo4j-entities-Person.csv']!.split('\n')[0]).toBe(
      'id:ID(Entity),:LABEL,kg_graph,kg_type,born:date,country,name,nicknames:string[],role,website,aliases:string[],sources:string[]',
    );
    expect(f['neo4j-entities-Person-2.csv']!.split('\n')[0]).toBe(
      'id:ID(Entity),:LABEL,kg_graph,kg_type,born,country,name,role,aliases:string[],sources:string[],note',
    );
    expect(f['neo4j-entities-Proposal.csv']!.split('\n')[0]).toContain('scores:double[]');
    expect(f['neo4j-relationships-SUPPORTS.csv']!.split('\n')[0]).toBe(
      ':START_ID(Entity),:END_ID(Entity),:TYPE,kg_graph,id,conditional:boolean,strength:long,sources:string[],quotes:string[],evidence_count:long,start,end,confidence:double',
    );
    expect(f['neo4j-relationships-MET.csv']!.split('\n')[0]).toBe(
      ':START_ID(Entity),:END_ID(Entity),:TYPE,kg_graph,id,place,sources:string[],evidence_count:long,date:date',
    );
    expect(f['neo4j-relationships-MET-2.csv']!.split('\n')[0]).toBe(
      ':START_ID(Entity),:END_ID(Entity),:TYPE,kg_graph,id,sources:string[],evidence_count:long,date',
    );
    expect(f['neo4j-relationships-SUPPORTS-2.csv']!.split('\n')[0]).toBe(
      ':START_ID(Entity),:END_ID(Entity),:TYPE,kg_graph,id,evidence_count:long,start:date,note',
    );
    expect(f['neo4j-sources.csv']!.split('\n')[0]).toBe(
      'id:ID(Source),:LABEL,kg_graph,published:date,title,url',
    );
  });

  it('quotes fields, joins arrays and labels with U+001F, leaves absent values empty', () => {
    const f = files();
    const people = table(f['neo4j-entities-Person.csv']!);
    const trump = people.find((r) => r['id:ID(Entity)'] === 'trump')!;
    expect(trump[':LABEL']).toBe(`Entity${ARRAY_DELIMITER}Person`);
    expect(trump['nicknames:string[]']!.split(ARRAY_DELIMITER)).toEqual([
      'The "Don"',
      'a, b | c',
      'back\\slash',
    ]);
    expect(trump['kg_graph']).toBe('fixture & <test>');
    const zelensky = table(f['neo4j-entities-Person-2.csv']!)[0]!;
    expect(zelensky['note']).toBe('Line one\nline two\ttabbed');
    expect(trump['website']).toBe('https://www.whitehouse.gov/?q=1&r=2');
    expect(zelensky).not.toHaveProperty('website');
    const proposal = table(f['neo4j-entities-Proposal.csv']!);
    expect(proposal.find((r) => r['id:ID(Entity)'] === 'ceasefire')!['tags:string[]']).toBe('');
    const opposes = table(f['neo4j-relationships-OPPOSES.csv']!);
    expect(opposes[0]!['quotes:string[]']).toBe(
      "I don't believe a ceasefire is necessary,\r\nhe said",
    );
    // Several quotes, one array cell.
    const supports = table(f['neo4j-relationships-SUPPORTS.csv']!)[0]!;
    expect(supports['quotes:string[]']!.split(ARRAY_DELIMITER)).toHaveLength(2);
    expect(supports['evidence_count:long']).toBe('2');
    expect(f['neo4j-relationships-OPPOSES.csv']).toContain(
      '"I don\'t believe a ceasefire is necessary,\r\nhe said"',
    );
    const cited = table(f['neo4j-cited-in.csv']!);
    expect(cited).toHaveLength(6);
    expect(cited[0]).toEqual({
      ':START_ID(Entity)': 'ceasefire',
      ':END_ID(Source)': 'wh-talks',
      ':TYPE': 'CITED_IN',
      kg_graph: 'fixture & <test>',
    });
  });

  it('writes the import command with every file and the documented options', () => {
    const f = files();
    const script = f['neo4j-import.sh']!;
    expect(script).toContain('neo4j-admin database import full');
    expect(script).toContain('--array-delimiter=U+001F');
    expect(script).toContain('--multiline-fields=true');
    for (const name of Object.keys(f).filter((n) => n.endsWith('.csv'))) {
      expect(script).toMatch(new RegExp(`--(nodes|relationships)=${name.replace('.', '\\.')}`));
    }
    expect(f['neo4j-constraints.cypher']).toContain('REQUIRE (n.kg_graph, n.id) IS UNIQUE;');
  });

  it('refuses a list value containing the array delimiter', () => {
    const g = fixtureGraph();
    g.setNodeAttribute('trump', 'nicknames', [`bad${ARRAY_DELIMITER}value`]);
    const file = neo4jCsv.files(g).find((x) => x.name === 'neo4j-entities-Person.csv')!;
    expect(() => fileText(file)).toThrow(
      expect.objectContaining({ code: 'NEO4J_CSV_DELIMITER_IN_VALUE' }),
    );
  });
});
