#!/usr/bin/env node
// One benchmark measurement in its own process, so peak RSS is exactly the kg process's own
// (spawnSync does not expose a child's rusage). Used by bench/run.mjs:
//   node bench/measure.mjs --result r.json -- validate dir        (runs the real CLI in-process)
//   node bench/measure.mjs --result r.json --layout full -- dir   (library compile(), with timings)
// At exit it writes { exit, ms, maxRssKb, timings? } to --result: ms is import + run time
// seen from inside; the caller times the whole process (Node start-up included) itself.
import { writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const own = dash === -1 ? argv : argv.slice(0, dash);
const rest = dash === -1 ? [] : argv.slice(dash + 1);
const option = (name) => {
  const i = own.indexOf(name);
  return i === -1 ? undefined : own[i + 1];
};
const resultPath = option('--result');
const layout = option('--layout');
if (!resultPath || rest.length === 0) {
  console.error('Usage: node bench/measure.mjs --result file [--layout none|fast|full] -- <args>');
  process.exit(2);
}

const result = { exit: 0, ms: 0, maxRssKb: 0 };
const started = performance.now();
process.on('exit', (code) => {
  // 'exit' runs after every stream has drained, so maxRSS covers the whole command.
  result.exit = result.exit || code;
  result.maxRssKb = process.resourceUsage().maxRSS;
  writeFileSync(resultPath, JSON.stringify(result));
});

try {
  if (layout) {
    // Library mode: compile() reports its phase timings (load, parse, resolve, build, layout),
    // so layout alone (seeding + ForceAtlas2 + rounding) can be told apart from the rest.
    const { compile, hasErrors } = await import('../dist/compile/compile.js');
    const { graph, diagnostics, timings } = await compile(rest[0], { layout });
    result.ms = performance.now() - started;
    result.timings = timings;
    result.order = graph.order;
    result.size = graph.size;
    if (hasErrors(diagnostics)) result.exit = 1;
  } else {
    const { main } = await import('../dist/cli/main.js');
    const code = await main(rest);
    result.ms = performance.now() - started;
    result.exit = code;
    process.exitCode = code;
  }
} catch (error) {
  // Same exit code as bin/kg.js for an uncaught error.
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  result.ms = performance.now() - started;
  result.exit = 70;
  process.exitCode = 70;
}
