// A JSON-RPC client (vscode-languageserver-protocol) driving the built `kg lsp` over stdio, as
// an editor does. Diagnostics are collected per URI as the server publishes them.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { KG_BIN } from './cli.js';

export const uri = (file: string): string => pathToFileURL(file).href;

export class LspClient {
  readonly connection: ProtocolConnection;
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: {
    uri: string;
    check: (d: Diagnostic[]) => boolean;
    done: () => void;
  }[] = [];
  private versions = new Map<string, number>();
  stderr = '';

  private constructor(readonly child: ChildProcessWithoutNullStreams) {
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    this.connection.onNotification(
      PublishDiagnosticsNotification.type,
      (p: PublishDiagnosticsParams) => {
        this.diagnostics.set(p.uri, p.diagnostics);
        for (const w of [...this.waiters]) {
          if (w.uri === p.uri && w.check(p.diagnostics)) {
            this.waiters.splice(this.waiters.indexOf(w), 1);
            w.done();
          }
        }
      },
    );
    this.connection.listen();
  }

  static async start(rootDir: string, initializationOptions?: unknown): Promise<LspClient> {
    const child = spawn(process.execPath, [KG_BIN, 'lsp', '--stdio'], { stdio: 'pipe' });
    const client = new LspClient(child);
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: uri(rootDir),
      workspaceFolders: [{ uri: uri(rootDir), name: 'project' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true } },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions,
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /**
   * Resolves when the diagnostics the server published last for `file` satisfy `check` (at
   * once if they already do).
   */
  waitForDiagnostics(
    file: string,
    check: (d: Diagnostic[]) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<Diagnostic[]> {
    const u = uri(file);
    const now = this.diagnostics.get(u);
    if (now && check(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching diagnostics for ${u}; last: ${JSON.stringify(this.diagnostics.get(u))}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        uri: u,
        check,
        done: () => {
          clearTimeout(timer);
          resolve(this.diagnostics.get(u) ?? []);
        },
      });
    });
  }

  async open(file: string, text: string): Promise<void> {
    this.versions.set(file, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: uri(file), languageId: 'yaml', version: 1, text },
    });
  }

  async change(file: string, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: uri(file), version },
      contentChanges: changes,
    });
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) =>
      this.child.on('exit', (code) => resolve(code)),
    );
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
