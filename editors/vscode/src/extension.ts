// Starts `kg lsp` for kg projects: the language server does all the work (diagnostics,
// completion, hover, navigation, rename, code actions); this only finds `kg` and connects.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { workspace, type ExtensionContext } from 'vscode';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

/** kg's own bin/kg.js in a workspace folder: a project depending on kg, or kg's repository. */
function localKg(): string | undefined {
  for (const folder of workspace.workspaceFolders ?? []) {
    const root = folder.uri.fsPath;
    const dependency = path.join(root, 'node_modules', 'kg', 'bin', 'kg.js');
    if (existsSync(dependency)) return dependency;
    try {
      const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
        name?: string;
      };
      const own = path.join(root, 'bin', 'kg.js');
      if (pkg.name === 'kg' && existsSync(own)) return own;
    } catch {
      /* no package.json: not a Node project */
    }
  }
  return undefined;
}

function serverOptions(): ServerOptions {
  const configured = workspace.getConfiguration('kg').get<string>('server.path');
  if (configured) return { command: configured, args: ['lsp', '--stdio'] };
  const script = localKg();
  // A script runs on the Node inside VS Code; `--stdio` is added by the client.
  if (script) return { module: script, args: ['lsp'], transport: TransportKind.stdio };
  return { command: 'kg', args: ['lsp', '--stdio'] };
}

export async function activate(_context: ExtensionContext): Promise<void> {
  const project = workspace.getConfiguration('kg').get<string>('project');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'yaml' }],
    initializationOptions: project ? { project } : {},
  };
  client = new LanguageClient('kg', 'kg', serverOptions(), clientOptions);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
