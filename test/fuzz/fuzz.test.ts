// The fuzzer (issue 9): hostile projects from arbitraries.ts, every invariant of check.ts.
// CI runs a fixed seed and FUZZ_RUNS cases (default 2,000); long runs:
//   npm run fuzz -- --runs 100000 [--seed 7]
// A failure prints the seed and path to replay it (FUZZ_SEED, FUZZ_PATH) and the case's files.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { GEXF_RNG } from '../helpers/export-checks.js';
import { HAS_XMLLINT, requireXmllint } from '../helpers/xmllint.js';
import { spawnSync } from 'node:child_process';
import { fuzzCase, type FuzzCase } from './arbitraries.js';
import { runCase, timings } from './check.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20250818);
const REPLAY = process.env.FUZZ_PATH;
/** GEXF files kept for one batch RelaxNG validation at the end. */
const GEXF_SAMPLE = Number(process.env.FUZZ_GEXF_SAMPLE ?? 200);

requireXmllint();

describe('fuzzer', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kg-fuzz-'));
  const gexfDir = path.join(root, 'gexf');
  const stats = { cases: 0, errors: 0, exported: 0, kinds: new Map<string, number>() };
  const gexfFiles: string[] = [];
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it(`holds every invariant on ${RUNS} hostile projects (seed ${SEED})`, async () => {
    let serial = 0;
    const property = fc.asyncProperty(fuzzCase, async (c: FuzzCase) => {
      serial++;
      const outcome = await runCase(c, path.join(root, 'project'), serial);
      stats.cases++;
      stats.kinds.set(c.kind, (stats.kinds.get(c.kind) ?? 0) + 1);
      if (outcome.errors) stats.errors++;
      if (outcome.exported) stats.exported++;
      if (outcome.gexf && gexfFiles.length < GEXF_SAMPLE) {
        const file = path.join(root, `case-${serial}.gexf`);
        writeFileSync(file, outcome.gexf);
        gexfFiles.push(file);
      }
    });
    const result = await fc.check(property, {
      numRuns: RUNS,
      seed: SEED,
      ...(REPLAY ? { path: REPLAY } : {}),
      endOnFailure: true,
    });
    if (result.failed) {
      const c = result.counterexample?.[0] as FuzzCase | undefined;
      const files = c
        ? JSON.stringify(
            c.files,
            (_k, v: unknown) =>
              v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('hex')}` : v,
            2,
          )
        : '';
      throw new Error(
        `fuzz failure after ${result.numRuns} cases — replay: FUZZ_SEED=${result.seed} FUZZ_PATH=${result.counterexamplePath}\n` +
          `${result.errorInstance instanceof Error ? (result.errorInstance.stack ?? result.errorInstance.message) : String(result.errorInstance)}\n` +
          `kind: ${c?.kind}\nfiles: ${files.slice(0, 20000)}`,
      );
    }
    console.log(
      `fuzz: ${stats.cases} cases (seed ${SEED}): ${stats.exported} compiled and exported, ${stats.errors} with errors; ` +
        [...stats.kinds].map(([k, n]) => `${k} ${n}`).join(', ') +
        `; ms: ${Object.entries(timings)
          .map(([k, ms]) => `${k} ${Math.round(ms)}`)
          .join(', ')}`,
    );
    expect(stats.cases).toBe(RUNS);
    // Enough of them reach the exporters for the export checks to mean something.
    expect(stats.exported).toBeGreaterThan(RUNS / 50);
  }, 0);

  it.skipIf(!HAS_XMLLINT)('every sampled GEXF validates against the GEXF 1.3 RelaxNG', () => {
    expect(gexfFiles.length).toBeGreaterThan(0);
    void gexfDir;
    const run = spawnSync('xmllint', ['--noout', '--relaxng', GEXF_RNG, ...gexfFiles], {
      encoding: 'utf8',
    });
    const failed = run.stderr
      .split('\n')
      .filter((l) => l.includes('fails to validate') || l.includes('error'));
    expect(failed).toEqual([]);
    expect(run.status).toBe(0);
  });
});
