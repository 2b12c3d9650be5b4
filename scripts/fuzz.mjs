#!/usr/bin/env node
// Long fuzz runs: npm run fuzz -- --runs 100000 [--seed 7] [--path <replay path>]
// Runs test/fuzz/fuzz.test.ts through vitest with the count and seed in the environment.
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '10000' },
    seed: { type: 'string' },
    path: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('Usage: npm run fuzz -- --runs N [--seed S] [--path P]');
  process.exit(0);
}
if (!/^[1-9]\d*$/.test(values.runs)) {
  console.error(`fuzz: --runs must be a positive whole number (got '${values.runs}')`);
  process.exit(2);
}
const seed = values.seed ?? String(Date.now() % 2 ** 31);
if (!/^\d+$/.test(seed)) {
  console.error(`fuzz: --seed must be a whole number (got '${seed}')`);
  process.exit(2);
}
console.log(`fuzz: ${values.runs} cases, seed ${seed}`);
const env = { ...process.env, FUZZ_RUNS: values.runs, FUZZ_SEED: seed };
if (values.path) env.FUZZ_PATH = values.path;
const run = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', 'test/fuzz/fuzz.test.ts'],
  { stdio: 'inherit', env },
);
process.exit(run.status ?? 1);
