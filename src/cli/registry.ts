// Every `kg` sub-command, in `kg --help` order. A new command is one file plus one line here.
import type { Command } from './command.js';
import { build } from './commands/build.js';
import { drop } from './commands/drop.js';
import { exportCommand } from './commands/export.js';
import { init } from './commands/init.js';
import { lsp } from './commands/lsp.js';
import { push } from './commands/push.js';
import { sources } from './commands/sources.js';
import { query } from './commands/query.js';
import { schema } from './commands/schema.js';
import { stats } from './commands/stats.js';
import { validate } from './commands/validate.js';
import { viewCommand } from './commands/view.js';

export const COMMANDS: readonly Command[] = [
  init,
  validate,
  build,
  exportCommand,
  stats,
  sources,
  viewCommand,
  push,
  drop,
  query,
  schema,
  lsp,
];
