// `kg lsp`: the language server for editors, over stdio.
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
    // Loaded on use: every other command paid ≈ 0.2 s of start-up for the protocol library.
    const { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter } =
      await import('vscode-languageserver/node');
    const { startServer } = await import('../../lsp/server.js');
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
