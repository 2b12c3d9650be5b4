// The shape every `kg` sub-command shares, so main.ts can dispatch and print help uniformly.
import type { ParseArgsConfig } from 'node:util';

export type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/** Where a command writes; tests substitute in-memory streams. */
export interface CommandIO {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Answers to questions (kg drop); absent: process.stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | boolean[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  /** One line for `kg --help`. */
  summary: string;
  /** Usage block for `kg <name> --help`. */
  usage: string;
  options: OptionsConfig;
  /** Returns the process exit code (see docs/cli.md). */
  run(args: ParsedArgs, io: CommandIO): Promise<number>;
}

/** Exit codes shared by all commands. */
export const EXIT = {
  ok: 0,
  errors: 1,
  usage: 2,
  /** Neo4j connection/authentication/database failures. */
  connection: 3,
  /** An output could not be written (disk full, permissions…); nothing was replaced. */
  output: 4,
} as const;

/** A wrong flag or argument: `kg` prints the message and exits with code 2. */
export class UsageError extends Error {
  readonly code = 'KG_USAGE';
}
