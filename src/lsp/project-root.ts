// Which kg project a YAML file belongs to. A kg project is a directory whose YAML files are
// compiled together, so the root decides what "the whole graph" is: the nearest directory
// holding kg.yaml (the project manifest), else the topmost one holding schema.yaml — `data/`
// in this repository, a `kg init` directory elsewhere. The search never goes above the
// editor's workspace folder (or, outside one, the enclosing git repository).
import { existsSync } from 'node:fs';
import path from 'node:path';

const MANIFESTS = ['kg.yaml', 'kg.yml'];
const SCHEMAS = ['schema.yaml', 'schema.yml'];

function hasAny(dir: string, names: string[]): boolean {
  return names.some((n) => existsSync(path.join(dir, n)));
}

function isInside(dir: string, root: string): boolean {
  const rel = path.relative(root, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The directories from `file`'s own up to the boundary, nearest first. */
function ancestors(file: string, boundaries: string[]): string[] {
  const bound = boundaries
    .filter((b) => isInside(path.dirname(file), b))
    .sort((a, b) => b.length - a.length)[0];
  const out: string[] = [];
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    out.push(dir);
    if (dir === bound || path.dirname(dir) === dir) break;
    if (!bound && existsSync(path.join(dir, '.git'))) break;
  }
  return out;
}

/** The project directory of `file`, or undefined when the file belongs to no kg project. */
export function findProjectRoot(file: string, workspaceFolders: string[] = []): string | undefined {
  const dirs = ancestors(path.resolve(file), workspaceFolders);
  const manifest = dirs.find((d) => hasAny(d, MANIFESTS));
  if (manifest) return manifest;
  const schemas = dirs.filter((d) => hasAny(d, SCHEMAS));
  return schemas[schemas.length - 1];
}
