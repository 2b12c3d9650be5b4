// Finds a project's YAML files: recursively, in sorted path order, with a per-file size
// limit (hostile or accidental huge files get a diagnostic instead of being read).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { SourceFile } from '../language/source-file.js';
import { readSource, type SourceLocation } from './read-source.js';

export class ProjectNotFoundError extends Error {
  readonly code = 'KG_PROJECT_NOT_FOUND';
}

export interface ProjectFile {
  absolute: string;
  /** The project directory as given, joined with the relative path (shown in diagnostics). */
  display: string;
  size: number;
}

/**
 * Where file texts come from: the disk, or (for an editor) unsaved buffers over the disk. Only
 * texts are overlaid; which files exist is still read from the directory.
 */
export interface FileSource {
  /** The file's text, or undefined with a diagnostic (KG005) as readSource reports it. */
  read(f: SourceLocation, sink: DiagnosticSink): Promise<SourceFile | undefined>;
}

export const DISK: FileSource = { read: readSource };

/** `texts` (by absolute path) where present, `base` elsewhere. */
export function overlaySource(texts: ReadonlyMap<string, string>, base = DISK): FileSource {
  return {
    read: (f, sink) => {
      const text = texts.get(f.absolute);
      return text === undefined ? base.read(f, sink) : Promise.resolve({ path: f.display, text });
    },
  };
}

export const YAML_FILE = /\.ya?ml$/i;

/** Relative paths of the project's YAML files, sorted; hidden entries and node_modules skipped. */
export async function listYamlFiles(dir: string): Promise<string[]> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new ProjectNotFoundError(`no such directory: ${dir}`);
  }
  if (!info.isDirectory()) throw new ProjectNotFoundError(`not a directory: ${dir}`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !YAML_FILE.test(entry.name)) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (rel.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) continue;
    files.push(rel);
  }
  return files.sort();
}

/**
 * The files to parse; files over `maxFileSize` are reported (KG003) and left out, and a
 * directory without any is reported (KG006).
 */
export async function findProjectFiles(
  dir: string,
  maxFileSize: number,
  sink: DiagnosticSink,
): Promise<ProjectFile[]> {
  const rels = await listYamlFiles(dir);
  const files = await Promise.all(
    rels.map(async (rel): Promise<ProjectFile | undefined> => {
      const absolute = path.resolve(dir, rel);
      const display = path.join(dir, rel);
      try {
        const { size } = await stat(absolute);
        if (size <= maxFileSize) return { absolute, display, size };
        sink.reportFile(
          'KG003',
          { path: display, text: '' },
          `file is ${size} bytes, over the limit of ${maxFileSize}`,
          {
            value: String(size),
            hint: 'split it into several files, or raise the limit with --max-file-size',
          },
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        sink.reportFile('KG005', { path: display, text: '' }, `cannot read file: ${message}`);
      }
      return undefined;
    }),
  );
  const kept = files.filter((f): f is ProjectFile => f !== undefined);
  if (kept.length === 0 && sink.items.length === 0) {
    sink.reportFile('KG006', { path: dir, text: '' }, `no .yaml or .yml files in ${dir}`, {
      hint: 'run `kg init` to start a project',
    });
  }
  return kept;
}

/** A project file's text, or undefined with KG005 when it cannot be read (see read-source). */
export function readProjectFile(
  f: Pick<ProjectFile, 'absolute' | 'display'>,
  sink: DiagnosticSink,
  source: FileSource = DISK,
): Promise<SourceFile | undefined> {
  return source.read(f, sink);
}
