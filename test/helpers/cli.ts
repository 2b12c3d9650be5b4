// Runs the built `kg` binary as a user would (npm test builds dist/ first).
import { execFile } from 'node:child_process';
import path from 'node:path';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const KG_BIN = path.join(REPO, 'bin/kg.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runKg(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [...(options.nodeArgs ?? []), KG_BIN, ...args],
      {
        cwd: options.cwd ?? REPO,
        env: { ...process.env, NO_COLOR: '1', ...options.env },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
