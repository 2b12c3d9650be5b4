// A small hand-built KgGraph exercising what exporters must get right: several entity types,
// a symmetric (undirected) relation, parallel edges, dated and partially dated relations,
// lists, unicode, markup and quotes in values, and a spreadsheet formula.
import { MultiGraph } from 'graphology';
import { summarizeEvidence } from '../../src/compile/evidence.js';
import type {
  EntityTypeInfo,
  Evidence,
  KgGraph,
  PropertySpec,
  RelationTypeInfo,
} from '../../src/types.js';

const p = (type: PropertySpec['type'], extra: Partial<PropertySpec> = {}): PropertySpec => ({
  type,
  list: false,
  required: false,
  ...extra,
});

const entityTypes: Record<string, EntityTypeInfo> = {
  Country: {
    color: '#59a14f',
    labelProperty: 'name',
    properties: {
      name: p('string', { required: true }),
      nato: p('boolean'),
      population: p('integer'),
      gdp: p('number'),
    },
  },
  Person: {
    color: '#4e79a7',
    labelProperty: 'name',
    properties: {
      name: p('string', { required: true }),
      role: p('string'),
      born: p('date'),
      nicknames: p('string', { list: true }),
      website: p('url'),
      country: p('ref', { to: ['Country'] }),
    },
  },
  Proposal: {
    color: '#f28e2b',
    labelProperty: 'name',
    properties: {
      name: p('string', { required: true }),
      status: p('enum', { values: ['proposed', 'agreed', 'rejected'] }),
      tags: p('string', { list: true }),
      scores: p('number', { list: true }),
    },
  },
};

const relationTypes: Record<string, RelationTypeInfo> = {
  MET: {
    from: ['Person'],
    to: ['Person'],
    symmetric: true,
    label: 'met',
    color: '#bab0ac',
    properties: { place: p('ref', { to: ['Country'] }) },
  },
  CALLED: {
    from: ['Person'],
    to: ['Person'],
    symmetric: false,
    label: 'called',
    color: '#76b7b2',
    properties: {},
  },
  SUPPORTS: {
    from: ['Person', 'Country'],
    to: ['Proposal', 'Person'],
    symmetric: false,
    label: 'supports',
    color: '#59a14f',
    properties: { strength: p('integer'), conditional: p('boolean') },
  },
  OPPOSES: {
    from: ['Person'],
    to: ['Proposal'],
    symmetric: false,
    label: 'opposes',
    color: '#e15759',
    properties: {},
  },
};

/** An edge's evidence attributes, derived as the compiler derives them. */
export function factAttrs(...evidence: Evidence[]) {
  return { evidence, ...summarizeEvidence(evidence) };
}

/** Builds the fixture (fresh instance each call). */
export function fixtureGraph(): KgGraph {
  const graph: KgGraph = new MultiGraph();
  graph.replaceAttributes({
    name: 'fixture & <test>',
    sources: {
      'wh-talks': {
        id: 'wh-talks',
        title: 'Trump and European Allies Push for "Security Guarantees"',
        url: 'https://example.org/article?a=1&b=2',
        published: '2025-08-18',
      },
      memo: { id: 'memo', title: 'Internal memo' },
    },
    schema: { entities: entityTypes, relations: relationTypes },
  });
  graph.addNode('trump', {
    label: 'Donald Trump',
    type: 'Person',
    color: '#4e79a7',
    size: 12.5,
    x: 10.25,
    y: -3.5,
    aliases: ['Trump', 'President Trump'],
    sources: ['wh-talks'],
    name: 'Donald Trump',
    role: 'President of the United States',
    born: '1946-06-14',
    nicknames: ['The "Don"', 'a, b | c', 'back\\slash'],
    website: 'https://www.whitehouse.gov/?q=1&r=2',
    country: 'usa',
  });
  graph.addNode('zelensky', {
    label: 'Володимир Зеленський',
    type: 'Person',
    color: '#4e79a7',
    size: 10,
    x: -7,
    y: 4.125,
    aliases: ['Zelensky', 'Зеленський'],
    sources: ['wh-talks'],
    name: 'Володимир Зеленський',
    role: 'President of Ukraine — <b>bold</b> & "brave"',
    born: '1978',
    country: 'ukraine',
    note: 'Line one\nline two\ttabbed',
  });
  graph.addNode('ukraine', {
    label: 'Ukraine',
    type: 'Country',
    color: '#59a14f',
    size: 6,
    x: 0,
    y: 0,
    aliases: [],
    sources: ['wh-talks', 'memo'],
    name: 'Ukraine',
    nato: false,
    population: 38000000,
    gdp: 178.8,
  });
  graph.addNode('usa', {
    label: 'United States',
    type: 'Country',
    color: '#59a14f',
    size: 4,
    x: 1e-7,
    y: 123456.789,
    aliases: ['US', 'USA'],
    sources: [],
    name: 'United States',
    nato: true,
    population: 8000000000,
  });
  graph.addNode('guarantees', {
    label: 'Security guarantees 🛡️',
    type: 'Proposal',
    color: '#f28e2b',
    size: 8,
    x: 3,
    y: 3,
    aliases: ['Article 5-like'],
    sources: ['wh-talks'],
    name: 'Security guarantees 🛡️',
    status: 'proposed',
    tags: ['security', 'NATO'],
    scores: [0.5, 2],
    note: '=HYPERLINK("http://evil.example","click")',
  });
  graph.addNode('ceasefire', {
    label: 'Immediate ceasefire',
    type: 'Proposal',
    color: '#f28e2b',
    size: 5,
    x: -2,
    y: 8,
    aliases: [],
    sources: ['wh-talks'],
    name: 'Immediate ceasefire',
    status: 'rejected',
    tags: [],
  });

  const edge = (color: string, ...evidence: Evidence[]) => ({
    color,
    size: 1,
    ...factAttrs(...evidence),
  });
  // Symmetric relation, and a parallel one between the same pair (partial date).
  graph.addUndirectedEdgeWithKey('met-1', 'trump', 'zelensky', {
    ...edge('#bab0ac', { source: 'wh-talks', date: '2025-08-18' }),
    type: 'MET',
    label: 'met',
    place: 'usa',
  });
  graph.addUndirectedEdgeWithKey('met-2', 'zelensky', 'trump', {
    ...edge('#bab0ac', { source: 'wh-talks', date: '2025-02' }),
    type: 'MET',
    label: 'met',
  });
  // Directed edge parallel to the undirected ones.
  graph.addDirectedEdgeWithKey('called-1', 'trump', 'zelensky', {
    ...edge('#76b7b2', { source: 'wh-talks', date: '2025' }),
    type: 'CALLED',
    label: 'called',
  });
  // One fact, two evidence items: two sources, two quotes, a period and a date.
  graph.addDirectedEdgeWithKey('supports-1', 'zelensky', 'guarantees', {
    ...edge(
      '#59a14f',
      {
        source: 'wh-talks',
        quote: 'He said: <img src=x onerror=alert(1)> and "quotes" & ampersands',
        start: '2025-08',
        end: '2026',
        confidence: 0.9,
      },
      {
        source: 'memo',
        quote: 'A second | quote, with "commas"',
        date: '2025-09-01',
        confidence: 0.7,
        note: 'Memo, page 2',
      },
    ),
    size: 2.5,
    type: 'SUPPORTS',
    label: 'supports',
    strength: 3,
    conditional: true,
  });
  graph.addDirectedEdgeWithKey('supports-2', 'ukraine', 'guarantees', {
    ...edge('#59a14f', { start: '2024-02-24' }),
    type: 'SUPPORTS',
    label: 'supports',
    note: '+1 for this, -1 for that',
  });
  graph.addDirectedEdgeWithKey('opposes-1', 'trump', 'ceasefire', {
    ...edge('#e15759', {
      quote: "I don't believe a ceasefire is necessary,\r\nhe said",
      confidence: 1,
    }),
    type: 'OPPOSES',
    label: 'opposes',
  });
  return graph;
}
