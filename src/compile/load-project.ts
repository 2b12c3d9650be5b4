// Finds and reads a project's YAML files: recursively, in sorted path order, with
// a per-file size limit (hostile or accidental huge files get a diagnostic).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { SourceFile } from '../language/source-file.js';

export class ProjectNotFoundError extends Error {
  readonly code = 'KG_PROJECT_NOT_FOUND';
}

const YAML_FILE = /\.ya?ml$/i;

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

export async function loadProject(
  dir: string,
  maxFileSize: number,
  sink: DiagnosticSink,
): Promise<SourceFile[]> {
  const rels = await listYamlFiles(dir);
  const files: SourceFile[] = [];
  await Promise.all(
    rels.map(async (rel, i) => {
      const full = path.join(dir, rel);
      const display = path.join(dir, rel);
      try {
        const { size } = await stat(full);
        if (size > maxFileSize) {
          sink.reportFile(
            'KG003',
            { path: display, text: '' },
            `file is ${size} bytes, over the limit of ${maxFileSize}`,
            {
              value: String(size),
              hint: 'split it into several files, or raise the limit with --max-file-size',
            },
          );
          return;
        }
        files[i] = { path: display, text: await readFile(full, 'utf8') };
      } catch (error) {
        sink.reportFile(
          'KG005',
          { path: display, text: '' },
          `cannot read file: ${(error as Error).message}`,
        );
      }
    }),
  );
  return files.filter((f): f is SourceFile => f !== undefined);
}
