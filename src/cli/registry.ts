// Every `kg` sub-command, in `kg --help` order. A new command is one file plus one line here.
import type { Command } from './command.js';
import { viewCommand } from './commands/view.js';

export const COMMANDS: readonly Command[] = [viewCommand];
