// Finds a project's YAML files: recursively, in sorted path order, with a per-file size
// limit (hostile or accidental huge files get a diagnostic instead of being read).
import { readdir, realpath, stat } from 'node:fs/promises';
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

const hidden = (rel: string): boolean =>
  rel.split('/').some((part) => part.startsWith('.') || part === 'node_modules');

/** The project's YAML entries: regular files, and symbolic links (followed or not, see below). */
export interface ProjectEntries {
  /** Relative paths of regular YAML files, sorted; hidden entries and node_modules skipped. */
  files: string[];
  /** Relative paths of symbolic links named like YAML files, or to directories, sorted. */
  links: string[];
}

export async function listProjectEntries(dir: string): Promise<ProjectEntries> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    throw new ProjectNotFoundError(`no such directory: ${dir}`);
  }
  if (!info.isDirectory()) throw new ProjectNotFoundError(`not a directory: ${dir}`);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const links: string[] = [];
  for (const entry of entries) {
    const isFile = entry.isFile();
    if (!isFile && !entry.isSymbolicLink()) continue;
    const full = path.join(entry.parentPath, entry.name);
    const rel = path.relative(dir, full).split(path.sep).join('/');
    if (hidden(rel)) continue;
    if (isFile) {
      if (YAML_FILE.test(entry.name)) files.push(rel);
    } else {
      links.push(rel);
    }
  }
  return { files: files.sort(), links: links.sort() };
}

/** Relative paths of the project's regular YAML files, sorted. */
export async function listYamlFiles(dir: string): Promise<string[]> {
  return (await listProjectEntries(dir)).files;
}

/**
 * Symbolic links are never skipped silently (issue 9, defect 8). A link to a YAML file is
 * read like a file — wherever it points, as editors and compilers follow links — unless it
 * points at a file of the project, which is read once, under its own name (KG206). A link to
 * a directory is not followed (links can loop), with a warning (KG207); a broken link is an
 * unreadable file (KG005).
 */
async function followLinks(
  dir: string,
  { files, links }: ProjectEntries,
  sink: DiagnosticSink,
): Promise<string[]> {
  if (links.length === 0) return files;
  const root = await realpath(dir);
  const own = new Set(files);
  const followed: string[] = [];
  for (const rel of links) {
    const display = path.join(dir, rel);
    let target: string;
    let info;
    try {
      target = await realpath(path.resolve(dir, rel));
      info = await stat(target);
    } catch {
      if (!YAML_FILE.test(rel)) continue;
      sink.reportFile(
        'KG005',
        { path: display, text: '' },
        'cannot read file: a broken symbolic link',
        {
          hint: 'point the link at an existing file, or delete it',
        },
      );
      continue;
    }
    const inside = path.relative(root, target).split(path.sep).join('/');
    const isOwn = !inside.startsWith('../') && !path.isAbsolute(inside) && own.has(inside);
    if (info.isDirectory()) {
      sink.reportFile(
        'KG207',
        { path: display, text: '' },
        'a symbolic link to a directory is not followed',
        {
          value: target,
          hint: 'move or copy the files into the project; links to single YAML files are read',
        },
      );
    } else if (info.isFile() && YAML_FILE.test(rel)) {
      if (isOwn) {
        sink.reportFile(
          'KG206',
          { path: display, text: '' },
          `a symbolic link to ${inside}, which is read once, under its own name`,
          {
            value: inside,
            hint: 'delete the link: the file it points at is already part of the project',
          },
        );
      } else {
        followed.push(rel);
      }
    }
  }
  return followed.length === 0 ? files : [...files, ...followed].sort();
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
  const rels = await followLinks(dir, await listProjectEntries(dir), sink);
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
