// The options of every command that reads a project, apart from run-compile.ts so that a
// command can declare them without loading the compiler (`kg push` loads it only once it has
// started connecting: docs/neo4j.md, "Where the time goes").
import type { OptionsConfig } from './command.js';

export const PROJECT_OPTIONS = {
  'max-file-size': { type: 'string' },
  threads: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} satisfies OptionsConfig;

export const LAYOUT_OPTIONS = {
  layout: { type: 'string' },
  seed: { type: 'string' },
} satisfies OptionsConfig;

export const PROJECT_USAGE = `  --max-file-size <bytes>  refuse YAML files larger than this (default 20 MiB)
  --threads <n|auto>       YAML parser threads (default auto: all cores above 4 MB of YAML)
  -q, --quiet              print errors only (no warnings, no summary)`;

export const LAYOUT_USAGE = `  --layout none|fast|full  layout effort (default full: seeded ForceAtlas2)
  --seed <n>               layout seed (default 1)`;
