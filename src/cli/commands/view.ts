// `kg view [dir]`: compiles the project, serves the viewer and the graph on loopback,
// watches the YAML files and pushes every recompilation to open pages (SSE).
import { spawn } from 'node:child_process';
import { compile, hasErrors } from '../../compile/compile.js';
import type { Diagnostic } from '../../language/diagnostic.js';
import { visible } from '../../language/format-diagnostic.js';
import { ViewServer, ViewServerError } from '../../server/view-server.js';
import { readerDocs } from '../../sources/reader-doc.js';
import { watchYaml } from '../../server/watch.js';
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

async function recompile(dir: string, server: ViewServer, io: CommandIO): Promise<void> {
  const started = Date.now();
  let result;
  try {
    result = await compile(dir);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`kg view: ${message}\n`);
    server.setDiagnostics([
      { code: 'KG005', severity: 'error', message, file: dir, line: 0, column: 0 },
    ]);
    return;
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (hasErrors(result.diagnostics)) {
    for (const d of errors.slice(0, 20)) io.stderr.write(`${formatDiagnostic(d)}\n`);
    io.stderr.write(
      `kg view: ${errors.length} error(s); ${server.hasGraph ? 'still showing the last good graph' : 'no graph to show yet'}\n`,
    );
    server.setDiagnostics(result.diagnostics);
    return;
  }
  server.setSourceTexts(readerDocs(result.graph, result.texts));
  server.setGraph(JSON.stringify(result.graph.export()));
  io.stdout.write(
    `kg view: ${result.graph.order} entities, ${result.graph.size} relations (${Date.now() - started} ms)\n`,
  );
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
    await recompile(dir, server, io);
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
    const watcher = watchYaml(dir, () => {
      // Serialise recompilations so a slow one never overwrites a newer result.
      running = running.then(() => recompile(dir, server, io));
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
