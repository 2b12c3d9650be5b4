// Builds and runs the embedded Neo4j test server (test/neo4j-server/). Shared by
// `npm run neo4j:local` and the vitest global setup (test/setup/neo4j.ts).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SERVER_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'neo4j-server',
);
const ROOT = path.resolve(SERVER_DIR, '..', '..');
const TARGET = path.join(SERVER_DIR, 'target');
const JAR = path.join(TARGET, 'kg-neo4j-server.jar');
const CLASSPATH = path.join(TARGET, 'classpath.txt');
// AppCDS archive: the classes a server loads, parsed and verified once. Written by a training
// run (writeArchive) that starts the server and plans kg's statements, so later servers find
// the Cypher planner's classes in it too, not only those of starting up (docs/neo4j.md).
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
 * C2 (the optimising JIT) only for code run 10x more often than HotSpot's default thresholds:
 * planning the first statements of a just-started server then costs ~2 s less CPU (C2 compiling
 * planner code that runs a few thousand times), while a 100k push still gets C2 for its hot
 * loops (same rate, measured: docs/neo4j.md, "Where the time goes"). KG_NEO4J_JAVA_OPTS,
 * later on the command line, overrides any of them.
 */
const JIT_OPTS = [
  '-XX:Tier4InvocationThreshold=50000',
  '-XX:Tier4MinInvocationThreshold=20000',
  '-XX:Tier4CompileThreshold=60000',
  '-XX:Tier4BackEdgeThreshold=400000',
];

/** The extra JVM flags of KG_NEO4J_JAVA_OPTS (space-separated). */
function extraJavaOpts() {
  return (process.env.KG_NEO4J_JAVA_OPTS ?? '').split(/\s+/).filter(Boolean);
}

/**
 * What the training run does: kg's own statements on a small graph (data/), through the CLI, so
 * the archive holds the classes of planning and running them — a first push (one statement), a
 * batched push (MERGE, relationship lookups), a compared re-push (--prune: the full read) and
 * a drop. Needs the built CLI; without it the archive holds start-up only.
 */
const TRAINING = [
  ['push', 'data', '--graph-name', 'kg-cds-training'],
  ['push', 'data', '--graph-name', 'kg-cds-training-b', '--batch-size', '200'],
  ['push', 'data', '--graph-name', 'kg-cds-training', '--prune'],
  ['drop', '--graph-name', 'kg-cds-training', '--yes'],
  ['drop', '--graph-name', 'kg-cds-training-b', '--yes'],
];

/** Runs one `kg` command against the training server; resolves with its exit code. */
function runKg(args, uri) {
  // The training server's default database, whatever NEO4J_DATABASE says.
  const env = { ...process.env };
  delete env.NEO4J_DATABASE;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'kg.js'), ...args], {
      cwd: ROOT,
      stdio: 'ignore',
      timeout: 300_000,
      env: { ...env, NEO4J_URI: uri, NEO4J_USERNAME: NEO4J_USER, NEO4J_PASSWORD },
    });
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}

/**
 * Writes target/neo4j.jsa unless it is there and newer than the jar: a server started with
 * -XX:ArchiveClassesAtExit runs TRAINING and stops; the JVM dumps the classes it loaded. Written
 * under a temporary name and renamed, so a concurrent start never reads half an archive.
 */
async function writeArchive(log) {
  if (existsSync(CDS) && statSync(CDS).mtimeMs >= statSync(JAR).mtimeMs) return;
  rmSync(CDS, { force: true });
  const partial = `${CDS}.${process.pid}.tmp`;
  const trainable = existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'));
  log(
    trainable
      ? 'neo4j launcher: writing the AppCDS archive (a training server runs kg push data; once per build)…'
      : 'neo4j launcher: writing the AppCDS archive (start-up only: the CLI is not built)…',
  );
  const server = await launch({
    port: await freePort(),
    cds: `-XX:ArchiveClassesAtExit=${partial}`,
  });
  try {
    if (trainable) {
      for (const args of TRAINING) {
        const code = await runKg(args, server.uri);
        if (code !== 0)
          log(`neo4j launcher: training step \`kg ${args.join(' ')}\` exited ${code}`);
      }
    }
  } finally {
    await server.stop();
  }
  if (existsSync(partial)) renameSync(partial, CDS);
  else log('neo4j launcher: no AppCDS archive was written (starting without one)');
}

/**
 * Starts the server and resolves once it printed its READY line. `home`: open that existing
 * Neo4j home (left in place on exit) instead of a fresh temporary one. `config`: server settings
 * (`key=value`), after those of KG_NEO4J_CONFIG (space-separated), e.g.
 * `db.logs.query.enabled=INFO` with a `home` to keep the query log (logs/query.log). The first
 * start after a build writes the AppCDS archive first (a training run, about half a minute).
 * @param {{ port?: number, watchStdin?: boolean, timeoutMs?: number, stdio?: 'pipe'|'inherit', home?: string, config?: string[], log?: (line: string) => void }} options
 */
export async function startNeo4j({
  log = (line) => process.stderr.write(`${line}\n`),
  ...options
} = {}) {
  await writeArchive(log);
  return launch({ ...options, cds: existsSync(CDS) ? `-XX:SharedArchiveFile=${CDS}` : undefined });
}

/** @param {{ port?: number, watchStdin?: boolean, timeoutMs?: number, stdio?: 'pipe'|'inherit', home?: string, config?: string[], cds?: string }} options */
function launch({
  port = 7687,
  watchStdin = false,
  timeoutMs = 180_000,
  stdio = 'pipe',
  home,
  config = [],
  cds,
}) {
  const settings = [...(process.env.KG_NEO4J_CONFIG ?? '').split(/\s+/).filter(Boolean), ...config];
  const args = [
    '-Xms256m',
    '-Xmx1g',
    '-XX:+ExitOnOutOfMemoryError',
    ...(cds ? [cds] : []),
    ...JIT_OPTS,
    // Extra JVM flags, e.g. KG_NEO4J_JAVA_OPTS='-XX:+UseSerialGC'.
    ...extraJavaOpts(),
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
