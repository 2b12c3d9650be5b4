// Types for scripts/neo4j-launcher.mjs (imported by the TypeScript vitest global setup).
import type { ChildProcess } from 'node:child_process';

export const SERVER_DIR: string;
export const NEO4J_USER: string;
export const NEO4J_PASSWORD: string;

export class LauncherError extends Error {
  code: 'java-missing' | 'maven-missing' | 'build-failed' | 'start-failed';
}

export interface RunningNeo4j {
  uri: string;
  username: string;
  password: string;
  startupMs: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function ensureBuilt(options?: { log?: (line: string) => void }): void;
export function freePort(): Promise<number>;
export function runNeo4jAdmin(
  args: string[],
  options: { home: string; cwd?: string },
): Promise<{ code: number; output: string }>;
export function startNeo4j(options?: {
  home?: string;
  port?: number;
  watchStdin?: boolean;
  timeoutMs?: number;
  stdio?: 'pipe' | 'inherit';
  /** Server settings `key=value` (after KG_NEO4J_CONFIG's). */
  config?: string[];
  /** Progress of writing the AppCDS archive (first start after a build); default stderr. */
  log?: (line: string) => void;
}): Promise<RunningNeo4j>;
