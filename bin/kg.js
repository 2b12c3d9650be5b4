#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run on `npm install`).
import { main } from '../dist/cli/main.js';

// The yaml parser reads process.env.LOG_TOKENS once per token, and Node's process.env is a
// slow native accessor: a plain copy (same values, still passed to child processes) parses
// large projects ~40% faster.
process.env = { ...process.env };

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 70;
  },
);
