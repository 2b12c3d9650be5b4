// The queries of docs/queries.md on the pushed data/ set, each asserting its exact rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { compile } from '../../src/compile/compile.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { runReadQuery, type QueryResult } from '../../src/neo4j/query.js';
import { DOC_QUERIES } from './doc-queries.js';
import { dropGraph, neo4jTestConnection, testDriver, uniqueGraphName } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

const EXPECTED: Record<keyof typeof DOC_QUERIES, QueryResult> = {
  supporters: {
    columns: ['who', 'date', 'quote'],
    rows: [
      [
        'Donald Trump',
        '2025-08-18',
        'I believe that European nations will shoulder much of the responsibility. We’re here to assist them and ensure a robust level of security',
      ],
      [
        'Emmanuel Macron',
        '2025-08-18',
        'When we discuss security guarantees, we are addressing the overall security of the European continent, and that is why we are united with Ukraine on this issue',
      ],
      ['Finland', '2025-08-18', null],
      ['Germany', '2025-08-18', null],
      ['Italy', '2025-08-18', null],
      ['Mark Rutte', '2025-08-18', null],
      [
        'Russia',
        null,
        'President Putin has acknowledged that Russia would endorse security guarantees for Ukraine, which is a crucial matter we need to deliberate at the negotiation table',
      ],
      ['United Kingdom', '2025-08-18', null],
      ['Ursula von der Leyen', '2025-08-18', null],
      ['Volodymyr Zelensky', '2025-08-18', null],
    ],
  },
  putinDemands: {
    columns: ['demand', 'rejected_by'],
    rows: [
      ['Kyiv relinquishing its claims to the Donetsk and Luhansk regions', []],
      ['Ukraine abandoning its aspirations for NATO membership', []],
      ['Ukraine surrendering the annexed Crimean peninsula', []],
    ],
  },
  meetings: {
    columns: ['a', 'b', 'date'],
    rows: [
      ['Donald Trump', 'Volodymyr Zelensky', '2025-08-18'],
      ['Coalition of the willing', 'Volodymyr Zelensky', null],
      ['Putin', 'Donald Trump', null],
    ],
  },
  trumpSaid: {
    columns: ['subject', 'relation', 'about', 'quote'],
    rows: [
      [
        'Donald Trump',
        'COMMENTED_ON',
        'Immediate ceasefire',
        'While it might be beneficial, I can understand why either side may resist it strategically. You implement a ceasefire, and they could rebuild their forces, which they may not want.',
      ],
      ['Donald Trump', 'COMMENTED_ON', 'Multilateral meeting at the White House', 'We love them.'],
      ['Donald Trump', 'EXPECTS', 'Land exchanges', 'There will be some land exchanges occurring'],
      [
        'Donald Trump',
        'OPPOSES',
        'Immediate ceasefire',
        'I don’t believe a ceasefire is necessary',
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Security guarantees for Ukraine',
        'President Putin has acknowledged that Russia would endorse security guarantees for Ukraine, which is a crucial matter we need to deliberate at the negotiation table',
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Trilateral meeting of Trump, Putin and Zelensky',
        'If we don’t have a trilateral meeting, the fighting will persist',
      ],
      [
        'Donald Trump',
        'SUPPORTS',
        'Security guarantees for Ukraine',
        'I believe that European nations will shoulder much of the responsibility. We’re here to assist them and ensure a robust level of security',
      ],
      [
        'Russia',
        'SUPPORTS',
        'Security guarantees for Ukraine',
        'President Putin has acknowledged that Russia would endorse security guarantees for Ukraine, which is a crucial matter we need to deliberate at the negotiation table',
      ],
      [
        'Donald Trump',
        'SUPPORTS',
        'Trilateral meeting of Trump, Putin and Zelensky',
        'I believe if we have that meeting, there’s a strong chance we could potentially end the war.',
      ],
    ],
  },
  shortestPath: {
    columns: ['path', 'via'],
    rows: [
      [
        ['Emmanuel Macron', 'Donald Trump', 'Putin'],
        ['PRAISES', 'MET'],
      ],
      [
        ['Emmanuel Macron', 'Donald Trump', 'Putin'],
        ['SUPPORTS', 'MET'],
      ],
    ],
  },
  degree: {
    columns: ['entity', 'type', 'degree'],
    rows: [
      ['Donald Trump', 'Person', 38],
      ['Volodymyr Zelensky', 'Person', 16],
      ['Security guarantees for Ukraine', 'Proposal', 15],
      ['Multilateral meeting at the White House', 'Event', 14],
      ['Putin', 'Person', 11],
      ['Ukraine', 'Country', 11],
      ['Trilateral meeting of Trump, Putin and Zelensky', 'Proposal', 8],
      ['Emmanuel Macron', 'Person', 6],
      ['Peace agreement between Russia and Ukraine', 'Proposal', 6],
      ['United States', 'Country', 6],
    ],
  },
};

describe.skipIf(!conn)('docs/queries.md on data/', () => {
  let driver: Driver;
  const graph = uniqueGraphName('queries');
  beforeAll(async () => {
    driver = testDriver();
    const { graph: kg, diagnostics } = await compile('data', { layout: 'none' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    await pushGraph(driver, kg, { graphName: graph });
  }, 120_000);
  afterAll(async () => {
    await dropGraph(driver, graph);
    await driver.close();
  });

  for (const name of Object.keys(DOC_QUERIES) as (keyof typeof DOC_QUERIES)[]) {
    it(name, async () => {
      const result = await runReadQuery(driver, DOC_QUERIES[name], { graph }, conn!);
      expect(result).toEqual(EXPECTED[name]);
    });
  }
});
