// kg's GEXF and GraphML read back by the Python readers analysts use, exactly as
// docs/exports.md tells them to call them: networkx.read_gexf, networkx.read_graphml and
// igraph.Graph.Read_GraphML (versions pinned in test/python/requirements.txt).
import { beforeAll, describe, expect, test } from 'vitest';
import { gexf } from '../../src/export/gexf.js';
import { graphml } from '../../src/export/graphml.js';
import { exportText } from '../helpers/export-checks.js';
import {
  HAS_PYTHON_READERS,
  pythonRead,
  requirePythonReaders,
  type PythonReader,
} from '../helpers/python.js';
import { expectPythonRead, expectV2Facts, type PythonExpectation } from '../helpers/read-back.js';
import { readBackGraphs, type NamedGraph } from '../helpers/read-back-graphs.js';

requirePythonReaders();

describe.skipIf(!HAS_PYTHON_READERS)('Python readers read every node and edge', () => {
  let graphs: NamedGraph[] = [];
  beforeAll(async () => {
    graphs = await readBackGraphs();
  }, 300_000);

  /** Each read call, its reader, the file it reads and the class it builds. */
  const readers: [string, PythonReader, PythonExpectation, RegExp][] = [
    ['networkx.read_gexf', 'networkx-gexf', { format: 'gexf', igraph: false }, /^(Multi)?DiGraph$/],
    ['networkx.read_graphml', 'networkx-graphml', { format: 'graphml', igraph: false }, /^(Multi)?DiGraph$/],
    ['igraph.Graph.Read_GraphML', 'igraph-graphml', { format: 'graphml', igraph: true }, /^Graph$/],
  ]; // prettier-ignore
  for (const [call, reader, expectation, graphClass] of readers) {
    test(call, { timeout: 300_000 }, () => {
      const exporter = expectation.format === 'gexf' ? gexf : graphml;
      for (const { name, graph } of graphs) {
        const read = pythonRead(reader, exportText(exporter, graph), expectation.format);
        expect(read.class, name).toMatch(graphClass);
        expectPythonRead(graph, read, expectation);
        if (name !== 'data/') continue;
        // data/ on the v2 model, value by value: it has symmetric relations and repeated facts.
        const facts = expectV2Facts(graph, read, expectation);
        expect(facts.symmetric, name).toBeGreaterThan(0);
        expect(facts.multiEvidence, name).toBeGreaterThanOrEqual(5);
      }
    });
  }

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
