#!/usr/bin/env node
// Thin launcher: the CLI lives in dist/ (built by `npm run build`, run on `npm install`).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 70;
  },
);
