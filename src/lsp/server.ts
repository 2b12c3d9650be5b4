// `kg lsp`: the language server. Documents are synchronised incrementally; each open YAML file
// is mapped to its project (see project-root.ts), whose files are compiled together with the
// editor's unsaved buffers laid over the disk.
import path from 'node:path';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as LspDiagnostic,
  type InitializeResult,
  type TextDocumentPositionParams,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, FileState, ProjectState } from '../compile/project-state.js';
import type { SourceFile } from '../language/source-file.js';
import { codeActions } from './code-actions.js';
import { complete } from './completion.js';
import { offsetOf, pathToUri, uriToPath } from './convert.js';
import { hover } from './hover.js';
import { definition, prepareRename, references, rename, targetOf } from './navigation.js';
import { occurrenceAt, type Occurrence } from './occurrences.js';
import { findProjectRoot } from './project-root.js';
import { ProjectSession } from './project-session.js';
import { documentSymbols, workspaceSymbols } from './symbols.js';

export interface ServerOptions {
  /** Workspace symbols returned at most. */
  maxWorkspaceSymbols: number;
}

export const DEFAULT_SERVER_OPTIONS: ServerOptions = { maxWorkspaceSymbols: 500 };

/** Settings a client may pass as initializationOptions. */
interface InitOptions {
  /** Project directory (absolute, or relative to the first workspace folder). */
  project?: string;
}

interface Located {
  session: ProjectSession;
  analysis: Analysis;
  state: ProjectState;
  file: FileState;
  offset: number;
}

export function startServer(connection: Connection, options: Partial<ServerOptions> = {}): void {
  const opts = { ...DEFAULT_SERVER_OPTIONS, ...options };
  const documents = new TextDocuments(TextDocument);
  const sessions = new Map<string, ProjectSession>();
  const rootOf = new Map<string, string | null>();
  let folders: string[] = [];
  let explicitProject: string | undefined;

  const openPath = (file: string) => documents.get(pathToUri(file));
  const host = {
    openText: (file: string) => openPath(file)?.getText(),
    openFiles: () =>
      documents
        .keys()
        .map(uriToPath)
        .filter((p): p is string => p !== undefined),
    publish: (uri: string, diagnostics: LspDiagnostic[]) => {
      void connection.sendDiagnostics({ uri, diagnostics });
    },
    log: (message: string) => connection.console.log(message),
  };

  function sessionFor(file: string): ProjectSession | undefined {
    let root = rootOf.get(path.dirname(file));
    if (root === undefined) {
      root = explicitProject ?? findProjectRoot(file, folders) ?? null;
      rootOf.set(path.dirname(file), root);
    }
    if (root === null) return undefined;
    const rel = path.relative(root, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    let session = sessions.get(root);
    if (!session) {
      session = new ProjectSession(root, host);
      sessions.set(root, session);
    }
    return session;
  }

  /** The project, its settled analysis and the parsed file at a request's position. */
  async function locate(params: TextDocumentPositionParams): Promise<Located | undefined> {
    const file = uriToPath(params.textDocument.uri);
    const session = file ? sessionFor(file) : undefined;
    if (!file || !session) return undefined;
    const analysis = await session.settled();
    const state = session.project;
    const parsed = state?.get(file);
    if (!state || !parsed) return undefined;
    return {
      session,
      analysis,
      state,
      file: parsed,
      offset: offsetOf(parsed.file, params.position),
    };
  }

  async function occurrence(
    params: TextDocumentPositionParams,
  ): Promise<(Located & { o: Occurrence }) | undefined> {
    const at = await locate(params);
    if (!at) return undefined;
    const o = occurrenceAt(at.file, at.analysis.schema, at.offset);
    return o ? { ...at, o } : undefined;
  }

  connection.onInitialize((params): InitializeResult => {
    folders = (params.workspaceFolders ?? [])
      .map((f) => uriToPath(f.uri))
      .filter((p): p is string => p !== undefined);
    const rootPath = params.rootUri ? uriToPath(params.rootUri) : undefined;
    if (!folders.length && rootPath) folders = [rootPath];
    const init = (params.initializationOptions ?? {}) as InitOptions;
    if (typeof init.project === 'string' && init.project) {
      explicitProject = path.resolve(folders[0] ?? process.cwd(), init.project);
    }
    return {
      capabilities: {
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
          save: false,
        },
        completionProvider: { triggerCharacters: [' ', ':', '[', ','] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: { name: 'kg', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    // Files changed outside the editor (git checkout, another tool) when the client can tell.
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.{yaml,yml}' }],
      })
      .catch(() => undefined);
  });

  documents.onDidOpen(({ document }) => {
    const file = uriToPath(document.uri);
    if (file) sessionFor(file)?.changed(file, 'editor');
  });
  documents.onDidChangeContent(({ document }) => {
    const file = uriToPath(document.uri);
    if (file) sessionFor(file)?.changed(file, 'editor');
  });
  documents.onDidClose(({ document }) => {
    // The saved text on disk counts again.
    const file = uriToPath(document.uri);
    if (file) sessionFor(file)?.changed(file, 'disk');
  });
  connection.onDidChangeWatchedFiles(({ changes }) => {
    for (const change of changes) {
      const file = uriToPath(change.uri);
      if (!file || (change.type !== FileChangeType.Deleted && documents.get(change.uri))) continue;
      if (!/\.ya?ml$/i.test(file)) continue;
      sessionFor(file)?.changed(file, 'disk');
    }
  });

  connection.onCompletion((params) => {
    const file = uriToPath(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    const session = file ? sessionFor(file) : undefined;
    if (!file || !doc || !session) return null;
    // Never waits for a compile: the text is current, the project's names as last resolved.
    const text: SourceFile = { path: file, text: doc.getText() };
    return complete(text, doc.offsetAt(params.position), session.current);
  });

  connection.onHover(async (params) => {
    const at = await occurrence(params);
    return at ? hover(at.o, at.analysis, at.file) : null;
  });

  connection.onDefinition(async (params) => {
    const at = await occurrence(params);
    const target = at && targetOf(at.o, at.analysis);
    if (!at || !target) return null;
    if (target.kind === 'alias') {
      const found = at.analysis.index.lookup(target.name);
      if (found.kind !== 'found') return null;
      return definition(at.state.list(), at.analysis, { kind: 'entity', name: found.entity.id });
    }
    return definition(at.state.list(), at.analysis, target);
  });

  connection.onReferences(async (params) => {
    const at = await occurrence(params);
    const target = at && targetOf(at.o, at.analysis);
    if (!at || !target) return null;
    return references(at.state.list(), at.analysis, target, params.context.includeDeclaration);
  });

  connection.onPrepareRename(async (params) => {
    const at = await occurrence(params);
    return at ? prepareRename(at.o, at.analysis) : null;
  });

  connection.onRenameRequest(async (params) => {
    const at = await occurrence(params);
    return at ? rename(at.state.list(), at.analysis, at.o, params.newName) : null;
  });

  connection.onDocumentSymbol(async (params) => {
    const file = uriToPath(params.textDocument.uri);
    const session = file ? sessionFor(file) : undefined;
    if (!file || !session) return null;
    await session.settled();
    const parsed = session.project?.get(file);
    return parsed ? documentSymbols(parsed) : null;
  });

  connection.onWorkspaceSymbol(async (params) => {
    const files: FileState[] = [];
    for (const session of sessions.values()) {
      await session.settled();
      files.push(...(session.project?.list() ?? []));
    }
    return workspaceSymbols(files, params.query, opts.maxWorkspaceSymbols);
  });

  connection.onCodeAction(async (params) => {
    const file = uriToPath(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    const session = file ? sessionFor(file) : undefined;
    if (!file || !doc || !session) return null;
    const analysis = await session.settled();
    const text: SourceFile = { path: file, text: doc.getText() };
    return codeActions(
      params.textDocument.uri,
      params.context.diagnostics,
      text,
      session.project?.get(file),
      analysis,
    );
  });

  documents.listen(connection);
  connection.listen();
}
