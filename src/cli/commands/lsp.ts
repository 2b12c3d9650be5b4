// `kg lsp`: the language server for editors, over stdio.
import {
  createConnection,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver/node';
import { startServer } from '../../lsp/server.js';
import { EXIT, type Command } from '../command.js';

export const lsp: Command = {
  name: 'lsp',
  summary: 'run the language server for editors (stdio)',
  usage: `Usage: kg lsp [--stdio]

Runs the kg language server on standard input and output (the only transport;
--stdio is accepted because editors pass it). Editors start it themselves: see
docs/editors.md for VS Code, Neovim, Helix, Emacs and JetBrains. It finds the
project of each YAML file opened (the nearest directory with kg.yaml, else the
topmost with schema.yaml) and compiles it with the unsaved buffers.

Options:
  --stdio               talk over stdin/stdout (the default)
  --clientProcessId <n> accepted for VS Code; the server exits with its client
`,
  options: {
    stdio: { type: 'boolean' },
    clientProcessId: { type: 'string' },
  },
  async run() {
    const connection = createConnection(
      ProposedFeatures.all,
      new StreamMessageReader(process.stdin),
      new StreamMessageWriter(process.stdout),
    );
    startServer(connection);
    // Runs until the client sends `exit` (the connection ends the process) or closes stdin.
    await new Promise<void>((resolve) => {
      process.stdin.on('end', resolve);
      process.stdin.on('close', resolve);
    });
    return EXIT.ok;
  },
};
