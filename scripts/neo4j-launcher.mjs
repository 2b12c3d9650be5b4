// Builds and runs the embedded Neo4j test server (test/neo4j-server/). Shared by
// `npm run neo4j:local` and the vitest global setup (test/setup/neo4j.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'neo4j-server',
);
const TARGET = path.join(SERVER_DIR, 'target');
const JAR = path.join(TARGET, 'kg-neo4j-server.jar');
const CLASSPATH = path.join(TARGET, 'classpath.txt');
// AppCDS archive: written by the first run, halves later startups.
const CDS = path.join(TARGET, 'neo4j.jsa');
const SOURCES = [
  path.join(SERVER_DIR, 'pom.xml'),
  path.join(SERVER_DIR, 'src', 'main', 'java', 'kg', 'neo4j', 'Neo4jServer.java'),
];

/** The launcher's fixed credentials (same default as docker-compose.yml). */
export const NEO4J_USER = 'neo4j';
export const NEO4J_PASSWORD = 'kg-password';

export class LauncherError extends Error {
  /** @param {'java-missing'|'maven-missing'|'build-failed'|'start-failed'} code */
  constructor(code, message) {
    super(message);
    this.name = 'LauncherError';
    this.code = code;
  }
}

function javaCommand(env = process.env) {
  return env.JAVA_HOME ? path.join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

function works(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.error === undefined && result.status === 0;
}

function needsBuild() {
  if (!existsSync(JAR) || !existsSync(CLASSPATH)) return true;
  const built = statSync(JAR).mtimeMs;
  if (SOURCES.some((file) => statSync(file).mtimeMs > built)) return true;
  // A wiped ~/.m2 leaves classpath.txt pointing at nothing.
  const entries = readFileSync(CLASSPATH, 'utf8').trim().split(path.delimiter);
  return !entries.every((entry) => existsSync(entry));
}

/** Builds the launcher with Maven when its jar is missing or older than its sources. */
export function ensureBuilt({ log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  if (!works(javaCommand(), ['-version'])) {
    throw new LauncherError('java-missing', 'Java 17+ not found (install a JDK or set JAVA_HOME)');
  }
  if (!needsBuild()) return;
  if (!works('mvn', ['-v'])) {
    throw new LauncherError('maven-missing', 'Maven (mvn) not found; it builds test/neo4j-server');
  }
  log('neo4j launcher: building test/neo4j-server with Maven…');
  const result = spawnSync('mvn', ['-q', '-B', '-Dstyle.color=never', 'package'], {
    cwd: SERVER_DIR,
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new LauncherError(
      'build-failed',
      `mvn package failed in ${SERVER_DIR}:\n${result.stdout ?? ''}${result.stderr ?? ''}`,
    );
  }
  rmSync(CDS, { force: true });
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function classpath() {
  return `${JAR}${path.delimiter}${readFileSync(CLASSPATH, 'utf8').trim()}`;
}

/**
 * Runs `neo4j-admin <args>` (org.neo4j.cli.AdminTool from Maven Central) with NEO4J_HOME=home,
 * e.g. `database import full …` to load neo4j-csv exports. Resolves with its exit code and output.
 * @param {string[]} args
 * @param {{ home: string, cwd?: string }} options
 */
export function runNeo4jAdmin(args, { home, cwd = process.cwd() }) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      javaCommand(),
      ['-Xmx1g', '-cp', classpath(), 'org.neo4j.cli.AdminTool', ...args],
      { cwd, env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') } },
    );
    let output = '';
    child.stdout.on('data', (c) => (output += String(c)));
    child.stderr.on('data', (c) => (output += String(c)));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * Starts the server and resolves once it printed its READY line. `home`: open that existing
 * Neo4j home (left in place on exit) instead of a fresh temporary one. `config`: server settings
 * (`key=value`), after those of KG_NEO4J_CONFIG (space-separated), e.g.
 * `db.logs.query.enabled=INFO` with a `home` to keep the query log (logs/query.log).
 * @param {{ port?: number, watchStdin?: boolean, timeoutMs?: number, stdio?: 'pipe'|'inherit', home?: string, config?: string[] }} options
 */
export function startNeo4j({
  port = 7687,
  watchStdin = false,
  timeoutMs = 180_000,
  stdio = 'pipe',
  home,
  config = [],
} = {}) {
  const settings = [...(process.env.KG_NEO4J_CONFIG ?? '').split(/\s+/).filter(Boolean), ...config];
  // The JVM ignores an archive older than the jar; drop it so this run writes a fresh one.
  if (existsSync(CDS) && statSync(CDS).mtimeMs < statSync(JAR).mtimeMs)
    rmSync(CDS, { force: true });
  const cds = existsSync(CDS) ? `-XX:SharedArchiveFile=${CDS}` : `-XX:ArchiveClassesAtExit=${CDS}`;
  const args = [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+ExitOnOutOfMemoryError',
    cds,
    // Extra JVM flags, e.g. KG_NEO4J_JAVA_OPTS='-XX:TieredStopAtLevel=1' (faster warm-up).
    ...(process.env.KG_NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean),
    // JVM notices (e.g. an outdated CDS archive) go to stderr, so stdout stays one line.
    '-Xlog:disable',
    '-Xlog:all=error:stderr',
    '-cp',
    classpath(),
    'kg.neo4j.Neo4jServer',
    String(port),
    ...(watchStdin ? ['--watch-stdin'] : []),
    ...(home ? ['--home', home] : []),
    ...settings.flatMap((setting) => ['--config', setting]),
  ];
  const started = Date.now();
  const child = spawn(javaCommand(), args, { stdio: ['pipe', 'pipe', stdio] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-4000);
  });
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => {
      void stop();
      reject(new LauncherError('start-failed', `Neo4j not ready after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(new LauncherError('start-failed', `could not run java: ${error.message}`));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new LauncherError('start-failed', `Neo4j exited with code ${code}\n${stderr}`));
    });
    child.stdout.on('data', (chunk) => {
      out += String(chunk);
      const match = /^NEO4J READY (\S+)$/m.exec(out);
      if (!match) return;
      clearTimeout(timer);
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        uri: match[1],
        username: NEO4J_USER,
        password: NEO4J_PASSWORD,
        startupMs: Date.now() - started,
        process: child,
        stop,
      });
    });
  });
}
