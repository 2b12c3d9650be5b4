// `kg` entry point: dispatches to one module per sub-command (src/cli/commands/).
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type Command, type CommandIO } from './command.js';
import { COMMAND_NAMES, loadCommand, loadCommands } from './registry.js';
import { didYouMean } from '../language/suggest.js';

const VERSION = '0.1.0';

function topHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'kg — compile YAML knowledge graphs into graphs, databases and a viewer',
    '',
    'Usage: kg <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `kg <command> --help` for a command’s options. Docs: docs/cli.md',
    '',
  ].join('\n');
}

function unknownCommand(name: string, io: CommandIO): number {
  const hint = didYouMean(name, [...COMMAND_NAMES]);
  io.stderr.write(
    `kg: unknown command '${name}'.${hint ? ` ${capitalised(hint)}` : ''} Run \`kg --help\` for the list.\n`,
  );
  return EXIT.usage;
}

/** parseArgs' message, with "did you mean" for a misspelt option (instead of its advice on '--'). */
function optionMessage(message: string, command: Command): string {
  const unknown = /^Unknown option '(--[^'=]+)'/.exec(message)?.[1];
  const names = ['--help', ...Object.keys(command.options).map((o) => `--${o}`)];
  const hint = unknown && didYouMean(unknown, names);
  return hint ? `unknown option '${unknown}'. ${capitalised(hint)}` : message;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function commandHelp(command: Command): string {
  return `${command.usage.trimEnd()}\n`;
}

export async function main(argv: string[], io?: Partial<CommandIO>): Promise<number> {
  // The yaml parser reads process.env.LOG_TOKENS once per token, and Node's process.env is a
  // slow native accessor: a plain copy (same values, still passed to child processes) parses
  // large projects ~40% faster. Done here, in the CLI only, not in the library.
  if (io?.env === undefined) process.env = { ...process.env };
  const ctx: CommandIO = {
    stdout: io?.stdout ?? process.stdout,
    stderr: io?.stderr ?? process.stderr,
    cwd: io?.cwd ?? process.cwd(),
    env: io?.env ?? process.env,
    stdin: io?.stdin ?? process.stdin,
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const target =
      name === 'help' && rest[0] !== undefined ? await loadCommand(rest[0]) : undefined;
    if (name === 'help' && rest[0] !== undefined && !target) return unknownCommand(rest[0], ctx);
    ctx.stdout.write(target ? commandHelp(target) : topHelp(await loadCommands()));
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    ctx.stdout.write(`${VERSION}\n`);
    return EXIT.ok;
  }
  const command = await loadCommand(name);
  if (!command) return unknownCommand(name, ctx);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    let message = error instanceof Error ? error.message : String(error);
    // `--max-file-size -5`: node's parser calls the value ambiguous; say what is wrong instead.
    const ambiguous = /^Option '(--[\w-]+)[^']*' argument is ambiguous/.exec(message);
    if (ambiguous) {
      const option = ambiguous[1];
      const at = rest.indexOf(option ?? '');
      message = `${option} needs a value, and '${rest[at + 1] ?? ''}' is not one (values do not start with '-')`;
    }
    ctx.stderr.write(
      `kg ${command.name}: ${optionMessage(message, command)}\n\n${commandHelp(command)}`,
    );
    return EXIT.usage;
  }
  if (parsed.values.help) {
    ctx.stdout.write(commandHelp(command));
    return EXIT.ok;
  }
  try {
    return await command.run(parsed, ctx);
  } catch (error) {
    if (error instanceof UsageError) {
      ctx.stderr.write(`kg ${command.name}: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
