// The queries of docs/queries.md on the pushed data/ set, each asserting its exact rows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { compile } from '../../src/compile/compile.js';
import { pushGraph } from '../../src/neo4j/push.js';
import { runReadQuery, type QueryResult } from '../../src/neo4j/query.js';
import type { KgGraph } from '../../src/types.js';
import { DOC_QUERIES } from './doc-queries.js';
import { dropGraph, neo4jTestConnection, testDriver, uniqueGraphName } from '../helpers/neo4j.js';

const conn = neo4jTestConnection();

/** Computed from the compiled graph instead (queriesFromGraph below). */
type Computed = 'quotesInOrder';

const EXPECTED: Record<Exclude<keyof typeof DOC_QUERIES, Computed>, QueryResult> = {
  supporters: {
    columns: ['who', 'date', 'quotes'],
    rows: [
      [
        'Donald Trump',
        '2025-08-18',
        [
          'I believe that European nations will shoulder much of the responsibility. We’re here to assist them and ensure a robust level of security',
        ],
      ],
      [
        'Emmanuel Macron',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
          'When we discuss security guarantees, we are addressing the overall security of the European continent, and that is why we are united with Ukraine on this issue',
        ],
      ],
      [
        'Finland',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Germany',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Italy',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Mark Rutte',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Russia',
        null,
        [
          'President Putin has acknowledged that Russia would endorse security guarantees for Ukraine, which is a crucial matter we need to deliberate at the negotiation table',
        ],
      ],
      [
        'United Kingdom',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Ursula von der Leyen',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
      [
        'Volodymyr Zelensky',
        '2025-08-18',
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
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
        'BRIEFED',
        'Volodymyr Zelensky',
        'Trump briefed Zelensky about his conversation with Putin during a one-hour phone call aboard Air Force One',
      ],
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
        'GREETED',
        'Volodymyr Zelensky',
        'greeted warmly by Trump, who raised his fist in a triumphant gesture before shaking hands with the Ukrainian leader',
      ],
      ['Donald Trump', 'MET', 'Putin', 'following a recent meeting with Putin in Alaska'],
      [
        'Donald Trump',
        'MET',
        'Putin',
        'the American president’s brief summit with Putin in Alaska',
      ],
      [
        'Donald Trump',
        'OPPOSES',
        'Immediate ceasefire',
        'I don’t believe a ceasefire is necessary',
      ],
      [
        'Donald Trump',
        'PLANS',
        'Trump’s announced call to Putin',
        'Trump announced his intention to call Putin directly',
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
        'Security guarantees for Ukraine',
        'he suggested that Ukraine might obtain security guarantees in a potential peace agreement with Russia',
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Trilateral meeting of Trump, Putin and Zelensky',
        'If we don’t have a trilateral meeting, the fighting will persist',
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Trilateral meeting of Trump, Putin and Zelensky',
        'Trump’s short-term aim now appears to be arranging a trilateral meeting',
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Trilateral meeting of Trump, Putin and Zelensky',
        'indicated he would encourage both Russia and Ukraine to participate in a trilateral peace summit with the United States',
      ],
      [
        'Donald Trump',
        'REJECTS',
        'Immediate ceasefire',
        'Trump dismissed one of Ukraine’s primary requests',
      ],
      [
        'Donald Trump',
        'SEEKS',
        'Peace agreement between Russia and Ukraine',
        'Trump’s efforts to mediate an end to the war in Ukraine',
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
      [
        'Donald Trump',
        'URGES',
        'Ukraine abandoning its aspirations for NATO membership',
        'he urged Ukraine to surrender the annexed Crimean peninsula and abandon its aspirations for NATO membership',
      ],
      [
        'Donald Trump',
        'URGES',
        'Ukraine surrendering the annexed Crimean peninsula',
        'he urged Ukraine to surrender the annexed Crimean peninsula and abandon its aspirations for NATO membership',
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
  singleSource: {
    columns: ['source', 'facts'],
    rows: [['wh-talks', 114]],
  },
  restated: {
    columns: ['subject', 'relation', 'object', 'evidence', 'quotes'],
    rows: [
      [
        'Donald Trump',
        'MET',
        'Putin',
        2,
        [
          'following a recent meeting with Putin in Alaska',
          'the American president’s brief summit with Putin in Alaska',
        ],
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Security guarantees for Ukraine',
        2,
        [
          'he suggested that Ukraine might obtain security guarantees in a potential peace agreement with Russia',
          'President Putin has acknowledged that Russia would endorse security guarantees for Ukraine, which is a crucial matter we need to deliberate at the negotiation table',
        ],
      ],
      [
        'Donald Trump',
        'PROPOSES',
        'Trilateral meeting of Trump, Putin and Zelensky',
        3,
        [
          'If we don’t have a trilateral meeting, the fighting will persist',
          'Trump’s short-term aim now appears to be arranging a trilateral meeting',
          'indicated he would encourage both Russia and Ukraine to participate in a trilateral peace summit with the United States',
        ],
      ],
      [
        'Emmanuel Macron',
        'SUPPORTS',
        'Security guarantees for Ukraine',
        2,
        [
          'emphasizing the necessity of security guarantees as the cornerstone of any agreement between Moscow and Kyiv',
          'When we discuss security guarantees, we are addressing the overall security of the European continent, and that is why we are united with Ukraine on this issue',
        ],
      ],
      [
        'Security guarantees for Ukraine',
        'PART_OF',
        'Peace agreement between Russia and Ukraine',
        2,
        [
          'Ukraine might obtain security guarantees in a potential peace agreement with Russia',
          'the cornerstone of any agreement between Moscow and Kyiv',
        ],
      ],
    ],
  },
  stances: {
    columns: ['proposal', 'supporters', 'opponents'],
    rows: [
      ['A genuine truce', ['Volodymyr Zelensky'], []],
      ['A new security architecture', ['Volodymyr Zelensky'], []],
      ['Immediate ceasefire', [], ['Donald Trump (opposes)', 'Donald Trump (rejects)']],
      [
        'Security guarantees for Ukraine',
        [
          'Donald Trump',
          'Emmanuel Macron',
          'Finland',
          'Germany',
          'Italy',
          'Mark Rutte',
          'Russia',
          'United Kingdom',
          'Ursula von der Leyen',
          'Volodymyr Zelensky',
        ],
        [],
      ],
      [
        'Transfer of Ukrainian territory to Russia as a prerequisite for peace',
        [],
        ['Ukraine (rejects)'],
      ],
      ['Trilateral meeting of Trump, Putin and Zelensky', ['Donald Trump'], ['Putin (rejects)']],
    ],
  },
  pathWithQuotes: {
    columns: ['step', 'subject', 'relation', 'object', 'quotes'],
    rows: [
      [
        1,
        'Donald Trump',
        'BRIEFED',
        'Volodymyr Zelensky',
        [
          'Trump briefed Zelensky about his conversation with Putin during a one-hour phone call aboard Air Force One',
        ],
      ],
      [
        2,
        'Donald Trump',
        'MET',
        'Putin',
        [
          'following a recent meeting with Putin in Alaska',
          'the American president’s brief summit with Putin in Alaska',
        ],
      ],
    ],
  },
};

/**
 * "Every quote from one source in text order", worked out from the compiled graph: each quote
 * of wh-talks once per position (anchor start, absent until the source's text is known), with
 * the facts it supports, by position, then quote (Cypher sorts absent values last).
 */
function quotesFromGraph(kg: KgGraph): QueryResult {
  const rows = new Map<string, [number | null, string, string[]]>();
  kg.forEachEdge((_id, a, from, to) => {
    const fact = `${kg.getNodeAttribute(from, 'name')} ${a.type} ${kg.getNodeAttribute(to, 'name')}`;
    for (const item of a.evidence) {
      if (item.source !== 'wh-talks' || item.quote === undefined) continue;
      const anchor = (item as { anchor?: { selector: [{ start: number }] } }).anchor;
      const at = anchor?.selector[0].start ?? null;
      const key = `${at}\u0000${item.quote}`;
      const row = rows.get(key) ?? [at, item.quote, []];
      row[2].push(fact);
      rows.set(key, row);
    }
  });
  const byText = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const sorted = [...rows.values()].sort(
    ([a, q], [b, r]) => (a ?? Infinity) - (b ?? Infinity) || byText(q, r),
  );
  for (const row of sorted) row[2].sort(byText);
  return { columns: ['at', 'quote', 'facts'], rows: sorted };
}

describe.skipIf(!conn)('docs/queries.md on data/', () => {
  let driver: Driver;
  let compiled: KgGraph;
  const graph = uniqueGraphName('queries');
  beforeAll(async () => {
    driver = testDriver();
    const { graph: kg, diagnostics } = await compile('data', { layout: 'none' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    compiled = kg;
    await pushGraph(driver, kg, { graphName: graph });
  }, 120_000);
  afterAll(async () => {
    await dropGraph(driver, graph);
    await driver.close();
  });

  for (const name of Object.keys(EXPECTED) as (keyof typeof EXPECTED)[]) {
    it(name, async () => {
      const result = await runReadQuery(driver, DOC_QUERIES[name], { graph }, conn!);
      expect(result).toEqual(EXPECTED[name]);
    });
  }

  it('quotesInOrder', async () => {
    const result = await runReadQuery(driver, DOC_QUERIES.quotesInOrder, { graph }, conn!);
    expect(result).toEqual(quotesFromGraph(compiled));
    // data/ has its article (issue 11): every quote is anchored, so rows come in text order.
    const at = result.rows.map((row) => row[0]);
    expect(at.every((n) => typeof n === 'number')).toBe(true);
    expect(at).toEqual([...(at as number[])].sort((x, y) => x - y));
    // The rows docs/queries.md shows: a quote backing several facts is one row.
    expect(result.rows.length).toBeGreaterThan(40);
    const european = result.rows.find(
      (row) =>
        row[1] === 'European leaders expressed their support for U.S. President Donald Trump',
    );
    expect(european?.[2]).toEqual([
      'Emmanuel Macron SUPPORTS Donald Trump',
      'Finland SUPPORTS Donald Trump',
      'Germany SUPPORTS Donald Trump',
      'Italy SUPPORTS Donald Trump',
      'Mark Rutte SUPPORTS Donald Trump',
      'United Kingdom SUPPORTS Donald Trump',
      'Ursula von der Leyen SUPPORTS Donald Trump',
    ]);
  });
});
