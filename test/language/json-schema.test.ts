// `kg schema --format json-schema`, checked with a real JSON Schema validator (Ajv, draft-07
// as the YAML extensions of VS Code and JetBrains read it): every file of a valid project is
// accepted, and the mistakes kg reports are caught where a schema can see them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { afterAll, describe, expect, test } from 'vitest';
import { runKg, REPO } from '../helpers/cli.js';
import { yamlFiles } from '../helpers/yaml-files.js';

const out = mkdtempSync(path.join(tmpdir(), 'kg-schema-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

async function validatorFor(dir: string) {
  const file = path.join(out, `${path.basename(dir)}.schema.json`);
  const result = await runKg(['schema', dir, '--format', 'json-schema', '-o', file]);
  expect(result.code).toBe(0);
  const schema = JSON.parse(readFileSync(file, 'utf8')) as object;
  return new Ajv({ allErrors: true, strict: false }).compile(schema);
}

describe.each(['data', 'test/fixtures/lsp-project'])('the JSON Schema of %s', (rel) => {
  const dir = path.join(REPO, rel);

  test('accepts every file of the project', async () => {
    const validate = await validatorFor(dir);
    for (const file of yamlFiles(dir)) {
      const ok = validate(parse(readFileSync(file, 'utf8')));
      expect({ file: path.relative(REPO, file), errors: ok ? null : validate.errors }).toEqual({
        file: path.relative(REPO, file),
        errors: null,
      });
    }
  });
});

describe('the JSON Schema of the LSP fixture', () => {
  const dir = path.join(REPO, 'test/fixtures/lsp-project');
  let validator: ReturnType<Ajv['compile']> | undefined;
  const bad = async (doc: unknown) => {
    validator ??= await validatorFor(dir);
    const validate = validator;
    return validate(doc)
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };

  test('knows the project’s types, properties, enum values, sources and ids', async () => {
    expect(await bad({ entities: [{ id: 'x', type: 'Persn', name: 'X' }] })).not.toEqual([]);
    expect(
      await bad({ entities: [{ id: 'x', type: 'Person', name: 'X', colour: 'red' }] }),
    ).not.toEqual([]);
    expect(
      await bad({ entities: [{ id: 'x', type: 'Proposal', name: 'X', status: 'maybe' }] }),
    ).not.toEqual([]);
    expect(await bad({ entities: [{ id: 'x', type: 'Person' }] })).not.toEqual([]); // name is required
    expect(
      await bad({ entities: [{ id: 'x', type: 'Person', name: 'X', party: 'trump' }] }),
    ).not.toEqual([]); // a Person, not a Party
    expect(
      await bad({ entities: [{ id: 'x', type: 'Person', name: 'X', party: 'servant' }] }),
    ).toEqual([]);
    expect(await bad({ relations: ['putin DEMANDS ceasefire', 'a MEETS b'] })).not.toEqual([]);
    expect(
      await bad({ relations: [{ 'putin DEMANDS ceasefire': { source: 'nowhere' } }] }),
    ).not.toEqual([]);
    expect(
      await bad({
        relations: [{ 'putin DEMANDS ceasefire': { source: 'wh-talks', confidence: 2 } }],
      }),
    ).not.toEqual([]);
    expect(
      await bad({
        relations: [{ from: 'zelensky', type: 'SUPPORTS', to: 'servant', source: 'report-1' }],
      }),
    ).toEqual([]);
    expect(
      await bad({ relations: [{ from: 'zelensky', type: 'SUPPORTS', to: 'trump' }] }),
    ).not.toEqual([]); // Person is no SUPPORTS target
    expect(await bad({ relation: [] })).not.toEqual([]);
  });
});
