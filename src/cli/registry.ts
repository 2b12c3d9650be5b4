// Every `kg` sub-command, in `kg --help` order. A new command is one file plus one line here.
// Each is imported on use: `kg push` loads none of the exporters', viewer's or server's code
// (importing every command cost each run ~0.2 s of start-up; docs/neo4j.md, "Where the time
// goes").
import type { Command } from './command.js';

const LOADERS: readonly (readonly [string, () => Promise<Command>])[] = [
  ['init', async () => (await import('./commands/init.js')).init],
  ['validate', async () => (await import('./commands/validate.js')).validate],
  ['build', async () => (await import('./commands/build.js')).build],
  ['export', async () => (await import('./commands/export.js')).exportCommand],
  ['stats', async () => (await import('./commands/stats.js')).stats],
  ['sources', async () => (await import('./commands/sources.js')).sources],
  ['view', async () => (await import('./commands/view.js')).viewCommand],
  ['push', async () => (await import('./commands/push.js')).push],
  ['drop', async () => (await import('./commands/drop.js')).drop],
  ['query', async () => (await import('./commands/query.js')).query],
  ['schema', async () => (await import('./commands/schema.js')).schema],
  ['lsp', async () => (await import('./commands/lsp.js')).lsp],
];

export const COMMAND_NAMES: readonly string[] = LOADERS.map(([name]) => name);

/** The command called `name`, its module loaded now; undefined for an unknown name. */
export async function loadCommand(name: string): Promise<Command | undefined> {
  const load = LOADERS.find(([known]) => known === name)?.[1];
  return load ? await load() : undefined;
}

/** Every command (for `kg --help`), in help order. */
export async function loadCommands(): Promise<Command[]> {
  return Promise.all(LOADERS.map(([, load]) => load()));
}
