// `kg lsp` over stdio, driven by the protocol's own JSON-RPC client as an editor drives it:
// unsaved buffers, diagnostics, completion, hover, navigation, rename, symbols, code actions.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DidCloseTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  WorkspaceSymbolRequest,
  type CompletionItem,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Location,
  type MarkupContent,
  type Position,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { runKg } from '../helpers/cli.js';
import { LspClient, uri } from '../helpers/lsp-client.js';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/lsp-project');
let dir: string;
let client: LspClient;
const file = (rel: string) => path.join(dir, rel);
const read = (rel: string) => readFileSync(file(rel), 'utf8');

/** The position of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function pos(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`'${needle}' not in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

function offset(text: string, p: Position): number {
  const lines = text.split('\n');
  let o = 0;
  for (let i = 0; i < p.line; i++) o += lines[i]!.length + 1;
  return o + p.character;
}

/** Applies edits as an editor does (from the end, so earlier ranges stay valid). */
function apply(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort(
    (a, b) => offset(text, b.range.start) - offset(text, a.range.start),
  );
  let out = text;
  for (const e of sorted) {
    out =
      out.slice(0, offset(text, e.range.start)) + e.newText + out.slice(offset(text, e.range.end));
  }
  return out;
}

async function complete(rel: string, text: string, at: Position): Promise<CompletionItem[]> {
  await client.change(file(rel), [{ text }]);
  const result = await client.connection.sendRequest(CompletionRequest.type, {
    textDocument: { uri: uri(file(rel)) },
    position: at,
  });
  return Array.isArray(result) ? result : ((result as CompletionList | null)?.items ?? []);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'kg-lsp-'));
  cpSync(FIXTURE, dir, { recursive: true });
  client = await LspClient.start(dir);
});

afterAll(async () => {
  const code = await client?.stop();
  expect(code).toBe(0);
  rmSync(dir, { recursive: true, force: true });
});

describe('diagnostics', () => {
  test('come from the unsaved buffer, with the code, the exact range and the hint', async () => {
    const rel = 'relations/talks.yaml';
    const text = read(rel).replace('trump MET zelensky', 'trump MET zelenski');
    await client.open(file(rel), text);
    const diagnostics = await client.waitForDiagnostics(file(rel), (d) => d.length > 0);
    expect(diagnostics).toHaveLength(1);
    const d = diagnostics[0]!;
    expect(d.code).toBe('KG108');
    expect(d.source).toBe('kg');
    expect(d.range).toEqual({ start: pos(text, 'zelenski'), end: pos(text, 'zelenski', 8) });
    expect(d.message).toContain("'zelenski' does not name any entity");
    expect(d.message).toContain("'zelensky'");
    // The file on disk is still fine: only the buffer has the mistake.
    expect(read(rel)).toContain('trump MET zelensky');

    const fixedDiagnostics = client.waitForDiagnostics(file(rel), (list) => list.length === 0);
    await client.change(file(rel), [
      { range: { start: pos(text, 'zelenski', 7), end: pos(text, 'zelenski', 8) }, text: 'y' },
    ]);
    await fixedDiagnostics;
  });

  test('carry related information for the other place (an entity declared twice)', async () => {
    const rel = 'entities/proposals.yaml';
    const text = `${read(rel)}  - id: putin\n    type: Party\n    name: Putin again\n`;
    await client.open(file(rel), text);
    const [d] = await client.waitForDiagnostics(file(rel), (list) =>
      list.some((x) => x.code === 'KG116'),
    );
    expect(d?.code).toBe('KG116');
    expect(d?.relatedInformation).toHaveLength(1);
    const related = d!.relatedInformation![0]!;
    expect(related.location.uri).toBe(uri(file('entities/people.yaml')));
    expect(related.location.range.start).toEqual(pos(read('entities/people.yaml'), 'Person', 0, 2));
    expect(related.message).toMatch(/first/);
    // Closing the buffer without saving: the disk's text counts again.
    const cleared = client.waitForDiagnostics(file(rel), (list) => list.length === 0);
    await client.connection.sendNotification(DidCloseTextDocumentNotification.type, {
      textDocument: { uri: uri(file(rel)) },
    });
    await cleared;
  });
});

describe('completion', () => {
  const rel = 'relations/more.yaml';
  beforeAll(async () => {
    await client.open(file(rel), read(rel));
  });

  test('proposes the entities the relation type allows at its object', async () => {
    const text = `${read(rel)}  - putin DEMANDS `;
    const items = await complete(rel, text, pos(text, 'DEMANDS ', 8, 1));
    expect(labels(items)).toEqual(['ceasefire', 'guarantees']);
    expect(items[0]!.textEdit).toBeDefined();
  });

  test('proposes the relation types that may start at the subject', async () => {
    const text = `${read(rel)}  - servant `;
    expect(labels(await complete(rel, text, pos(text, '- servant ', 10, 1)))).toEqual(['DEMANDS']);
    const typed = `${read(rel)}  - trump SU`;
    expect(labels(await complete(rel, typed, pos(typed, 'SU', 2, 1)))).toEqual(
      expect.arrayContaining(['DEMANDS', 'MET', 'SUPPORTS']),
    );
  });

  test('filters by what is typed, and includes aliases without spaces in the shorthand', async () => {
    const text = `${read(rel)}  - tru`;
    const items = await complete(rel, text, pos(text, '- tru', 5));
    expect(labels(items)).toEqual(['Trump', 'trump']);
    const alias = items.find((i) => i.label === 'Trump');
    expect(alias?.detail).toContain('alias of trump');
    expect(alias?.textEdit).toMatchObject({
      newText: 'Trump',
      range: { start: pos(text, '- tru', 2) },
    });
  });

  test('in the full form, `to:` follows the type given beside it', async () => {
    const text = `${read(rel)}  - from: zelensky\n    type: SUPPORTS\n    to: `;
    expect(labels(await complete(rel, text, pos(text, 'to: ', 4, 0)))).toEqual([
      'ceasefire',
      'guarantees',
      'servant',
    ]);
  });

  test('source ids, and the fields of a relation under the shorthand', async () => {
    const text = `${read(rel)}  - putin DEMANDS guarantees:\n      source: `;
    const sources = await complete(rel, text, pos(text, 'source: ', 8, 2));
    expect(labels(sources)).toEqual(['report-1', 'wh-talks']);
    expect(sources.find((s) => s.label === 'wh-talks')?.detail).toBe('White House talks');
    const keys = `${read(rel)}  - putin DEMANDS guarantees:\n      da`;
    const fields = labels(await complete(rel, keys, pos(keys, '      da', 8)));
    expect(fields).toEqual(expect.arrayContaining(['date', 'quote', 'source', 'confidence']));
    expect(fields).not.toContain('from');
  });

  test('entity types, property names of the type, enum values and ref targets', async () => {
    const ent = 'entities/proposals.yaml';
    const base = read(ent);
    await client.open(file(ent), base);
    const typeText = `${base}  - id: x\n    type: `;
    expect(labels(await complete(ent, typeText, pos(typeText, 'type: ', 6, 2)))).toEqual([
      'Party',
      'Person',
      'Proposal',
    ]);
    const keyText = `${base}  - id: x\n    type: Person\n    `;
    const keys = labels(await complete(ent, keyText, pos(keyText, 'Person\n    ', 11)));
    expect(keys).toEqual(expect.arrayContaining(['name', 'party', 'aliases', 'source', 'note']));
    expect(keys).not.toContain('type');
    expect(keys).not.toContain('status');
    const enumText = `${base}  - id: x\n    type: Proposal\n    status: `;
    expect(labels(await complete(ent, enumText, pos(enumText, 'status: ', 8, 2)))).toEqual([
      'agreed',
      'proposed',
      'rejected',
    ]);
    const refText = `${base}  - id: x\n    type: Person\n    party: `;
    expect(labels(await complete(ent, refText, pos(refText, 'party: ', 7)))).toEqual(['servant']);
    await client.change(file(ent), [{ text: base }]);
  });

  test('top-level keys', async () => {
    const text = `${read(rel)}ent`;
    expect(labels(await complete(rel, text, pos(text, 'ent', 3, 0)))).toContain('entities');
    await client.change(file(rel), [{ text: read(rel) }]);
  });
});

describe('language v2 forms', () => {
  const rel = 'relations/more.yaml';
  const request = (text: string, needle: string, delta: number, nth = 0) => ({
    textDocument: { uri: uri(file(rel)) },
    position: pos(text, needle, delta, nth),
  });
  beforeAll(async () => {
    await client.open(file(rel), read(rel));
  });
  afterAll(async () => {
    await client.change(file(rel), [{ text: read(rel) }]);
  });

  test('completion inside endpoint lists: the shorthand `[a, b]` and `from:`/`to:` lists', async () => {
    const types = `${read(rel)}  - [trump, zelensky] `;
    expect(labels(await complete(rel, types, pos(types, '] ', 2, 0)))).toEqual([
      'DEMANDS',
      'MET',
      'SUPPORTS',
    ]);
    const objects = `${read(rel)}  - [trump, zelensky] SUPPORTS [guarantees, `;
    expect(labels(await complete(rel, objects, pos(objects, 'guarantees, ', 12, 0)))).toEqual([
      'ceasefire',
      'guarantees',
      'servant',
    ]);
    const subjects = `${read(rel)}  - [trump, ze`;
    expect(labels(await complete(rel, subjects, pos(subjects, 'ze', 2, 0)))).toEqual(['zelensky']);
    const full = `${read(rel)}  - from: [zelensky, putin]\n    type: SUPPORTS\n    to: [ceasefire, `;
    expect(labels(await complete(rel, full, pos(full, 'ceasefire, ', 11, 0)))).toEqual([
      'ceasefire',
      'guarantees',
      'servant',
    ]);
    const block = `${read(rel)}  - type: DEMANDS\n    to: guarantees\n    from:\n      - `;
    expect(labels(await complete(rel, block, pos(block, '      - ', 8, 0)))).toEqual(
      expect.arrayContaining(['putin', 'servant', 'trump', 'zelensky']),
    );
  });

  test('completion of evidence item keys and their sources, and of defaults: keys', async () => {
    const stmt = `${read(rel)}  - putin DEMANDS guarantees:\n      evidence:\n`;
    const flowKey = `${stmt}        - { source: wh-talks, q`;
    const keys = labels(await complete(rel, flowKey, pos(flowKey, ', q', 3, 0)));
    expect(keys).toEqual(expect.arrayContaining(['confidence', 'date', 'note', 'quote']));
    expect(keys).not.toContain('type');
    const flowSource = `${stmt}        - { source: `;
    expect(labels(await complete(rel, flowSource, pos(flowSource, '{ source: ', 10, 0)))).toEqual([
      'report-1',
      'wh-talks',
    ]);
    const blockKey = `${stmt}        - source: report-1\n          qu`;
    expect(labels(await complete(rel, blockKey, pos(blockKey, '   qu', 5, 0)))).toContain('quote');
    const defaults = `defaults:\n  \n${read(rel)}`;
    expect(labels(await complete(rel, defaults, { line: 1, character: 2 }))).toEqual([
      'confidence',
      'date',
      'source',
    ]);
    const source = `defaults:\n  source: \n${read(rel)}`;
    expect(labels(await complete(rel, source, { line: 1, character: 10 }))).toEqual([
      'report-1',
      'wh-talks',
    ]);
  });

  test('hover on a relation shows its evidence merged across files; definition from a list item', async () => {
    // talks.yaml states `putin DEMANDS ceasefire` (wh-talks); this buffer states it again.
    const text = `${read(rel)}  - putin DEMANDS [ceasefire, guarantees]:\n      source: report-1\n`;
    await client.change(file(rel), [{ text }]);
    const hover = await client.connection.sendRequest(
      HoverRequest.type,
      request(text, 'DEMANDS [', 1),
    );
    const value = (hover?.contents as MarkupContent).value;
    expect(value).toContain('These 2 relations');
    expect(value).toContain('putin → ceasefire: 2 evidence items');
    expect(value).toContain('putin → guarantees: 1 evidence item');
    const def = (await client.connection.sendRequest(
      DefinitionRequest.type,
      request(text, 'guarantees]', 1),
    )) as Location[];
    const proposals = read('entities/proposals.yaml');
    expect(def[0]?.uri).toBe(uri(file('entities/proposals.yaml')));
    expect(def[0]?.range.start).toEqual(pos(proposals, 'guarantees'));
  });
});

describe('hover, definition, references', () => {
  const rel = 'relations/talks.yaml';
  const at = (needle: string, nth = 0) => ({
    textDocument: { uri: uri(file(rel)) },
    position: pos(read(rel), needle, 1, nth),
  });

  test('hover shows an entity, a relation type and a source', async () => {
    const entity = await client.connection.sendRequest(HoverRequest.type, at('trump'));
    const text = (entity?.contents as MarkupContent).value;
    expect(text).toContain('Donald Trump');
    expect(text).toContain('Person');
    expect(text).toContain('Trump'); // alias
    expect(text).toContain('2 relations');
    const type = await client.connection.sendRequest(HoverRequest.type, at('DEMANDS'));
    expect((type?.contents as MarkupContent).value).toMatch(
      /Person \\\| Party → Proposal · 2 relations/,
    );
    const source = await client.connection.sendRequest(HoverRequest.type, at('wh-talks'));
    expect((source?.contents as MarkupContent).value).toContain('White House talks');
    expect((source?.contents as MarkupContent).value).toContain('2025-08-18');
  });

  test('definition goes from an id, an alias or a type to its declaration', async () => {
    const people = read('entities/people.yaml');
    const def = (await client.connection.sendRequest(
      DefinitionRequest.type,
      at('zelensky'),
    )) as Location[];
    expect(def).toEqual([
      {
        uri: uri(file('entities/people.yaml')),
        range: { start: pos(people, 'zelensky'), end: pos(people, 'zelensky', 8) },
      },
    ]);
    const more = read('relations/more.yaml');
    const alias = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri(file('relations/more.yaml')) },
      position: pos(more, 'Trump', 2),
    })) as Location[];
    expect(alias[0]?.range.start).toEqual(pos(people, 'trump'));
    const type = (await client.connection.sendRequest(
      DefinitionRequest.type,
      at('DEMANDS'),
    )) as Location[];
    expect(type[0]?.uri).toBe(uri(file('schema.yaml')));
    expect(type[0]?.range.start).toEqual(pos(read('schema.yaml'), 'DEMANDS'));
  });

  test('references find every relation naming an entity, aliases included', async () => {
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, {
      ...at('trump'),
      context: { includeDeclaration: true },
    })) as Location[];
    const places = refs.map(
      (r) => `${path.relative(dir, new URL(r.uri).pathname)}:${r.range.start.line}`,
    );
    expect(places.sort()).toEqual([
      'entities/people.yaml:1',
      'relations/more.yaml:1',
      'relations/talks.yaml:1',
    ]);
    const without = (await client.connection.sendRequest(ReferencesRequest.type, {
      ...at('trump'),
      context: { includeDeclaration: false },
    })) as Location[];
    expect(without).toHaveLength(2);
  });

  test('document and workspace symbols', async () => {
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri: uri(file('entities/people.yaml')) },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['entities']);
    expect(symbols[0]!.children!.map((c) => c.name)).toEqual([
      'trump',
      'zelensky',
      'putin',
      'servant',
    ]);
    const found = await client.connection.sendRequest(WorkspaceSymbolRequest.type, {
      query: 'zel',
    });
    expect(found?.map((s) => s.name)).toEqual(['zelensky']);
  });
});

describe('rename', () => {
  /** Writes a workspace edit to disk, as an editor saving every touched file would. */
  function applyToDisk(edit: WorkspaceEdit): string[] {
    const touched: string[] = [];
    for (const [u, edits] of Object.entries(edit.changes ?? {})) {
      const f = new URL(u).pathname;
      writeFileSync(f, apply(readFileSync(f, 'utf8'), edits));
      touched.push(path.relative(dir, f));
    }
    return touched.sort();
  }

  test('an entity id across every file; alias uses stay as they are', async () => {
    const rel = 'relations/talks.yaml';
    const params = { textDocument: { uri: uri(file(rel)) }, position: pos(read(rel), 'trump', 2) };
    const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, params);
    expect(prepared).toMatchObject({ placeholder: 'trump' });
    await expect(
      client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'zelensky' }),
    ).rejects.toThrow(/already in use/);
    await expect(
      client.connection.sendRequest(RenameRequest.type, { ...params, newName: 'donald trump' }),
    ).rejects.toThrow(/not a valid name/);
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      ...params,
      newName: 'donald-trump',
    });
    expect(applyToDisk(edit!)).toEqual(['entities/people.yaml', 'relations/talks.yaml']);
    expect(read('relations/talks.yaml')).toContain('- donald-trump MET zelensky:');
    expect(read('relations/more.yaml')).toContain('- Trump SUPPORTS');
    const result = await runKg(['validate', dir, '--format', 'json']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
  });

  test('an entity type: schema, entities, relation types and ref targets', async () => {
    const schema = read('schema.yaml');
    // Sync the server with the files changed on disk by the previous test.
    for (const rel of ['entities/people.yaml', 'relations/talks.yaml']) {
      await client.open(file(rel), read(rel));
    }
    const edit = await client.connection.sendRequest(RenameRequest.type, {
      textDocument: { uri: uri(file('schema.yaml')) },
      position: pos(schema, 'Party:', 1),
      newName: 'Faction',
    });
    expect(applyToDisk(edit!)).toEqual(['entities/people.yaml', 'schema.yaml']);
    expect(read('schema.yaml')).toContain('party: { type: ref, to: Faction }');
    expect(read('schema.yaml')).toContain('from: [Person, Faction]');
    expect(read('entities/people.yaml')).toContain('type: Faction');
    const result = await runKg(['validate', dir, '--format', 'json']);
    expect(JSON.parse(result.stdout).diagnostics).toEqual([]);
  });
});

describe('code actions', () => {
  async function actionsFor(rel: string, text: string, code: string) {
    await client.open(file(rel), text);
    const diagnostics = await client.waitForDiagnostics(file(rel), (d) =>
      d.some((x) => x.code === code),
    );
    const diagnostic = diagnostics.find((d) => d.code === code) as Diagnostic;
    const actions = await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri: uri(file(rel)) },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    return (actions ?? []).map((a) => {
      if (!('edit' in a) || !a.edit?.changes) throw new Error('expected a code action with edits');
      return { title: a.title, text: apply(text, a.edit.changes[uri(file(rel))] ?? []) };
    });
  }

  test('apply a did-you-mean, normalise a date, add a missing source, quote a value', async () => {
    const rel = 'relations/extra.yaml';
    const typo = 'relations:\n  - putin DEMANDS cesefire:\n      source: wh-talks\n';
    const [change] = await actionsFor(rel, typo, 'KG108');
    expect(change).toEqual({
      title: "Change to 'ceasefire'",
      text: typo.replace('cesefire', 'ceasefire'),
    });

    const date =
      'relations:\n  - putin DEMANDS ceasefire:\n      source: wh-talks\n      date: 18 August 2025\n';
    const [iso] = await actionsFor(rel, date, 'KG106');
    expect(iso?.text).toBe(date.replace('18 August 2025', '2025-08-18'));

    const bare =
      'relations:\n  - putin DEMANDS ceasefire\n  - from: putin\n    type: DEMANDS\n    to: guarantees\n';
    const [add] = await actionsFor(rel, bare, 'KG202');
    expect(add?.title).toMatch(/^Add source: /);
    expect(add?.text).toMatch(/- putin DEMANDS ceasefire:\n {6}source: (wh-talks|report-1)\n/);

    const colour = 'schema:\n  entities:\n    Country:\n      color: #ff0000\n';
    const quoted = await actionsFor('colour.yaml', colour, 'KG011');
    expect(quoted.map((q) => q.text)).toContain(colour.replace('#ff0000', '"#ff0000"'));
  });
});
