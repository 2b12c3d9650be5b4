// kg's GEXF and GraphML read back by the Python readers analysts use, exactly as
// docs/exports.md tells them to call them: networkx.read_gexf, networkx.read_graphml and
// igraph.Graph.Read_GraphML (versions pinned in test/python/requirements.txt).
import { beforeAll, describe, expect, test } from 'vitest';
import { gexf } from '../../src/export/gexf.js';
import { graphml } from '../../src/export/graphml.js';
import { exportText } from '../helpers/export-checks.js';
import { HAS_PYTHON_READERS, pythonRead, requirePythonReaders } from '../helpers/python.js';
import { expectPythonRead, expectV2Facts, type PythonExpectation } from '../helpers/read-back.js';
import { readBackGraphs, type NamedGraph } from '../helpers/read-back-graphs.js';

requirePythonReaders();

describe.skipIf(!HAS_PYTHON_READERS)('Python readers read every node and edge', () => {
  let graphs: NamedGraph[] = [];
  beforeAll(async () => {
    graphs = await readBackGraphs();
  }, 300_000);

  /** data/ on the v2 model, value by value: it has symmetric relations and repeated facts. */
  const expectDataV2 = (name: string, ...args: Parameters<typeof expectV2Facts>): void => {
    if (name !== 'data/') return;
    const facts = expectV2Facts(...args);
    expect(facts.symmetric, name).toBeGreaterThan(0);
    expect(facts.multiEvidence, name).toBeGreaterThanOrEqual(5);
  };

  test('networkx.read_gexf', { timeout: 300_000 }, () => {
    const expectation: PythonExpectation = { format: 'gexf', igraph: false };
    for (const { name, graph } of graphs) {
      const read = pythonRead('networkx-gexf', exportText(gexf, graph), 'gexf');
      expect(read.class, name).toMatch(/^(Multi)?DiGraph$/);
      expectPythonRead(graph, read, expectation);
      expectDataV2(name, graph, read, expectation);
    }
  });

  test('networkx.read_graphml', { timeout: 300_000 }, () => {
    const expectation: PythonExpectation = { format: 'graphml', igraph: false };
    for (const { name, graph } of graphs) {
      const read = pythonRead('networkx-graphml', exportText(graphml, graph), 'graphml');
      expect(read.class, name).toMatch(/^(Multi)?DiGraph$/);
      expectPythonRead(graph, read, expectation);
      expectDataV2(name, graph, read, expectation);
    }
  });

  test('igraph.Graph.Read_GraphML', { timeout: 300_000 }, () => {
    const expectation: PythonExpectation = { format: 'graphml', igraph: true };
    for (const { name, graph } of graphs) {
      const read = pythonRead('igraph-graphml', exportText(graphml, graph), 'graphml');
      expect(read.class, name).toBe('Graph');
      expectPythonRead(graph, read, expectation);
      expectDataV2(name, graph, read, expectation);
    }
  });

  test('the mixed form is for Gephi only: networkx refuses it', () => {
    const graph = graphs[0]?.graph;
    if (!graph) throw new Error('no graph');
    expect(() =>
      pythonRead('networkx-gexf', exportText(gexf, graph, { mixed: true }), 'gexf'),
    ).toThrow(
      /Undirected edge found in directed graph|Directed edge found in undirected graph|listdouble/,
    );
  });
});
