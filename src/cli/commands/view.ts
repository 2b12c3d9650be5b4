// `kg view [dir]`: compiles the project, serves the viewer and the graph on loopback,
// watches the YAML files and pushes every recompilation to open pages (SSE).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { hasErrors } from '../../compile/compile.js';
import { YAML_FILE } from '../../compile/load-project.js';
import { ProjectState } from '../../compile/project-state.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import { visible } from '../../language/format-diagnostic.js';
import { PendingChanges } from '../../server/graph-delta.js';
import { ViewServer, ViewServerError } from '../../server/view-server.js';
import { readerDocs } from '../../sources/reader-doc.js';
import { watchYaml } from '../../server/watch.js';
import type { KgGraph } from '../../types.js';
import { EXIT, type Command, type CommandIO } from '../command.js';

/** One line per problem (editors' problem matchers read it), then its hint, indented. */
function formatDiagnostic(d: Diagnostic): string {
  const line = `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${d.message}`;
  return visible(d.hint ? `${line}\n    hint: ${d.hint}` : line);
}

function openBrowser(url: string): void {
  const cmd =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    /* no browser available: the URL is printed anyway */
  }
}

/**
 * The project kept compiled between saves: a save re-reads and re-parses the files it touched
 * and resolves what they can affect (src/compile/incremental.ts), updating the graph in place
 * when only some statements changed; open pages then get what changed (a delta,
 * src/server/graph-delta.ts) rather than the whole graph. The first graph gets the full seeded
 * layout; later new graphs keep every known entity where it was and place new ones next to
 * their neighbours, so the picture does not jump on each save.
 */
class LiveProject {
  private state: ProjectState | undefined;
  private positions = new Map<string, { x: number; y: number }>();
  /** What changed since the graph last published (a new graph: all of it). */
  private readonly pending = new PendingChanges();

  constructor(
    private readonly dir: string,
    /** The directory as the user gave it, for file names in messages. */
    private readonly display: string,
    private readonly server: ViewServer,
    private readonly io: CommandIO,
  ) {}

  /** `changed`: paths relative to the project (empty or unknown: read everything again). */
  async update(changed: string[] = []): Promise<void> {
    const started = Date.now();
    const { server, io } = this;
    let analysis;
    try {
      const state = this.state;
      if (!state || changed.length === 0 || changed.some((f) => f === '')) {
        this.state = await ProjectState.load(this.dir, undefined, { displayDir: this.display });
      } else {
        for (const rel of changed) await state.refresh(path.resolve(this.dir, rel));
      }
      const first = !this.positions.size;
      analysis = this.state!.analyze({ emit: true, layout: first ? 'full' : 'none' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      io.stderr.write(`kg view: ${message}\n`);
      server.setDiagnostics([
        { code: 'KG005', severity: 'error', message, file: this.dir, line: 0, column: 0 },
      ]);
      this.pending.add(undefined);
      return;
    }
    // A source text changed: quotes found elsewhere may have moved (their anchors).
    if (changed.some((f) => !YAML_FILE.test(f))) this.pending.add(undefined);
    this.pending.add(analysis.graphChanges);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const graph = analysis.graph;
    if (hasErrors(analysis.diagnostics) || !graph) {
      for (const d of errors.slice(0, 20)) io.stderr.write(`${formatDiagnostic(d)}\n`);
      io.stderr.write(
        `kg view: ${errors.length} error(s); ${server.hasGraph ? 'still showing the last good graph' : 'no graph to show yet'}\n`,
      );
      server.setDiagnostics(analysis.diagnostics);
      return;
    }
    // Serialised only when a page asks for the whole graph (a delta is all open pages need).
    const whole = analysis.exportGraph!;
    const json = () => JSON.stringify(whole());
    const delta = server.hasGraph ? this.pending.take(graph) : undefined;
    server.setSourceTexts(readerDocs(graph, analysis.texts));
    if (delta) server.setDelta(delta, json);
    else {
      this.pending.take(graph);
      if (this.positions.size && !analysis.graphChanges) placeNodes(graph, this.positions);
      server.setGraph(json);
    }
    this.positions = new Map(graph.mapNodes((node, a) => [node, { x: a.x, y: a.y }]));
    const how = delta ? `${delta.edges.length + delta.droppedEdges.length} changed` : 'whole';
    io.stdout.write(
      `kg view: ${graph.order} entities, ${graph.size} relations (${how}; ${Date.now() - started} ms)\n`,
    );
  }
}

/**
 * Known entities where they were; a new one at the mean of its placed neighbours (slightly
 * off, so two new ones do not sit on each other), else at its seeded start position.
 */
function placeNodes(graph: KgGraph, positions: Map<string, { x: number; y: number }>): void {
  const fresh: string[] = [];
  graph.forEachNode((node, attrs) => {
    const p = positions.get(node);
    if (p) Object.assign(attrs, p);
    else fresh.push(node);
  });
  for (const node of fresh) {
    let x = 0;
    let y = 0;
    let n = 0;
    graph.forEachNeighbor(node, (other) => {
      const p = positions.get(other);
      if (!p) return;
      x += p.x;
      y += p.y;
      n++;
    });
    if (!n) continue;
    const attrs = graph.getNodeAttributes(node);
    // The seeded start position (within the layout's disc) gives a stable small offset.
    attrs.x = Math.round((x / n + attrs.x / 50) * 100) / 100;
    attrs.y = Math.round((y / n + attrs.y / 50) * 100) / 100;
  }
}

export const viewCommand: Command = {
  name: 'view',
  summary: 'Serve the interactive viewer for a project, reloading on save',
  usage: `Usage: kg view [dir] [--port 5173] [--host 127.0.0.1] [--open]

Compiles <dir> (default: the current directory), serves the viewer on
http://<host>:<port>/ and recompiles when a YAML file changes; open pages update
in place and show data errors in an overlay. Stop with Ctrl+C.

Options:
  --port <n>     Port to listen on (default 5173; the next free one is used if taken; 0 = any)
  --host <addr>  Address to bind (default 127.0.0.1, loopback only)
  --open         Open the viewer in the default browser
  -h, --help     Show this help
`,
  options: {
    port: { type: 'string', default: '5173' },
    host: { type: 'string', default: '127.0.0.1' },
    open: { type: 'boolean', default: false },
  },
  async run(args, io) {
    const dir = args.positionals[0] ?? io.cwd;
    if (args.positionals.length > 1) {
      io.stderr.write('kg view: expected at most one directory\n');
      return EXIT.usage;
    }
    const port = Number(args.values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr.write(`kg view: invalid --port '${String(args.values.port)}'\n`);
      return EXIT.usage;
    }
    const host = String(args.values.host);
    const server = new ViewServer({ host, port });
    const live = new LiveProject(path.resolve(io.cwd, dir), dir, server, io);
    await live.update();
    let url: string;
    try {
      url = await server.listen();
    } catch (error) {
      io.stderr.write(
        `kg view: ${error instanceof ViewServerError ? error.message : String(error)}\n`,
      );
      return EXIT.usage;
    }
    io.stdout.write(`kg view: serving ${dir} at ${url}\n`);
    if (args.values.open) openBrowser(url);

    let running = Promise.resolve();
    const watcher = watchYaml(dir, (files) => {
      // Serialise updates so a slow one never overwrites a newer result.
      running = running.then(() => live.update(files));
    });
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    watcher.close();
    await server.close();
    return EXIT.ok;
  },
};
