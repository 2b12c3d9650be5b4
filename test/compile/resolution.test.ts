// Streaming resolution (relations resolved as files arrive) must give exactly what holding every
// file until the end gives, whatever the file layout, and must really free relations early.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, compileFiles, type CompileResult } from '../../src/compile/compile.js';
import { Resolution } from '../../src/compile/resolution.js';
import { DiagnosticSink } from '../../src/language/diagnostic-sink.js';
import { parseFile } from '../../src/language/parse-file.js';
import { SCHEMA } from '../helpers/project.js';

const REPO = path.resolve(import.meta.dirname, '../..');

const ENTITIES = `entities:
  - { id: trump, type: Person, name: Donald Trump, aliases: [Trump], source: wh-talks }
  - { id: zelensky, type: Person, name: Volodymyr Zelensky, source: wh-talks }
  - { id: guarantees, type: Proposal, name: Security guarantees }
`;
const RELATIONS = `relations:
  - trump MET zelensky:
      source: wh-talks
  - Trump SUPPORTS guarantees:
      source: wh-talks
  - trump SUPPORTS guarantees:
      source: wh-talks
  - trump OPPOSES ghost:
      source: wh-talks
`;

function summary(r: CompileResult) {
  return {
    diagnostics: r.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`),
    graph: r.graph.export(),
    counts: r.counts,
  };
}

function both(files: Record<string, string>) {
  const list = () => Object.entries(files).map(([p, text]) => ({ path: p, text }));
  const streamed = compileFiles(list(), { name: 't', layout: 'none' });
  const held = compileFiles(list(), { name: 't', layout: 'none', streaming: false });
  return { streamed: summary(streamed), held: summary(held) };
}

describe('streaming resolution', () => {
  it('gives the same graph and diagnostics (duplicates, unresolved) when entities come first', () => {
    const { streamed, held } = both({
      'd/a-schema.yaml': SCHEMA,
      'd/b-entities.yaml': ENTITIES,
      'd/c-relations.yaml': RELATIONS,
      'd/d-relations.yaml': RELATIONS.replace('ghost', 'guarantees'),
    });
    expect(streamed).toEqual(held);
    expect(streamed.diagnostics.map((d) => d.split(' ')[1])).toEqual(
      expect.arrayContaining(['KG203', 'KG108']),
    );
    expect(streamed.counts.relations).toBe(3);
  });

  it('gives the same results when relations come before the entities they name', () => {
    const { streamed, held } = both({
      'd/a-relations.yaml': RELATIONS,
      'd/b-schema.yaml': SCHEMA,
      'd/c-entities.yaml': ENTITIES,
      'd/d-relations.yaml': RELATIONS,
    });
    expect(streamed).toEqual(held);
    expect(streamed.counts.relations).toBe(2);
  });

  it('starts again without streaming when an escaped key hides entities from the byte scan', () => {
    const hidden = ENTITIES.replace('entities:', '"entit\\x69es":').replace(
      '{ id: guarantees',
      '{ id: late-one',
    );
    const files = {
      'd/a-schema.yaml': SCHEMA,
      'd/b-entities.yaml': ENTITIES.replace(/ {2}- \{ id: (trump|zelensky).*\n/g, ''),
      'd/c-relations.yaml': RELATIONS,
      'd/z-more.yaml': hidden.replace(/ {2}- \{ id: late-one.*\n/, ''),
    };
    const { streamed, held } = both(files);
    expect(streamed).toEqual(held);
    // trump and zelensky come only from the late file, so nothing is unresolved but 'ghost'.
    expect(streamed.diagnostics.filter((d) => d.endsWith('KG108'))).toHaveLength(1);
  });

  it('resolves a relation file as soon as it arrives, once every entity file is in', () => {
    const sink = new DiagnosticSink();
    const parse = (p: string, text: string) =>
      parseFile({ path: p, text }, sink, { maxAliasCount: 100 });
    const resolution = new Resolution(sink, { name: 't', emit: true, nodeFiles: [0, 1] });
    resolution.add(0, parse('schema.yaml', SCHEMA));
    resolution.add(1, parse('entities.yaml', ENTITIES));
    const relations = parse('relations.yaml', RELATIONS);
    expect(relations.relations).toHaveLength(4);
    resolution.add(2, relations);
    // Resolved and dropped before finish(): the parsed definitions are no longer held.
    expect(relations.relations).toHaveLength(0);
    expect(resolution.finish().graph.size).toBe(2);
  });

  it('resolves relation files in file order even when node files come last in the project', () => {
    // The generated layout: entities/…, relations/…, schema.yaml, sources.yaml. compile()
    // parses the node files (0 and 3 here) first.
    const sink = new DiagnosticSink();
    const parse = (p: string, text: string) =>
      parseFile({ path: p, text }, sink, { maxAliasCount: 100 });
    const resolution = new Resolution(sink, { name: 't', emit: true, nodeFiles: [0, 3] });
    resolution.add(0, parse('entities.yaml', ENTITIES));
    resolution.add(3, parse('schema.yaml', SCHEMA));
    const r1 = parse('r1.yaml', RELATIONS);
    const r2 = parse('r2.yaml', RELATIONS.replace('ghost', 'guarantees'));
    resolution.add(2, r2);
    // r2 waits for r1: the duplicate checks and edge order follow file order.
    expect(r2.relations).toHaveLength(4);
    resolution.add(1, r1);
    expect([r1.relations.length, r2.relations.length]).toEqual([0, 0]);
    const graph = resolution.finish().graph;
    expect(graph.edges().map((e) => graph.getEdgeAttribute(e, 'type'))).toEqual([
      'MET',
      'SUPPORTS',
      'OPPOSES',
    ]);
  });

  it('gives byte-identical results on a generated project, read from disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kg-stream-'));
    execFileSync(process.execPath, [
      path.join(REPO, 'bench/generate.mjs'),
      ...['--relations', '4000', '--seed', '5', '--per-file', '700', '-o', dir],
    ]);
    writeFileSync(path.join(dir, 'relations/zz-typos.yaml'), RELATIONS);
    const streamed = await compile(dir, { layout: 'none', threads: 1 });
    const held = await compile(dir, { layout: 'none', threads: 1, streaming: false });
    expect(summary(streamed)).toEqual(summary(held));
    // Facts: fewer than the 4,000 statements (the generator restates some with new evidence).
    expect(streamed.counts.relations).toBeGreaterThan(3700);
  });
});
