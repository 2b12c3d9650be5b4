// Go to definition, find references and rename, over every file of the project.
import {
  ResponseError,
  ErrorCodes,
  type Location,
  type Range,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import type { Analysis, FileState } from '../compile/project-state.js';
import { ID_PATTERN, TYPE_NAME_PATTERN } from '../language/file-keys.js';
import { locationOf, pathToUri, rangeOf } from './convert.js';
import { nameSpan, occurrences, type NameKind, type Occurrence } from './occurrences.js';

/** What a name stands for: an entity (by id), an alias, a type or a source. */
export interface Target {
  kind: Exclude<NameKind, 'entity'> | 'entity';
  /** The entity id, alias, type name or source id. */
  name: string;
}

export function targetOf(o: Occurrence, analysis: Analysis): Target | undefined {
  if (o.kind !== 'entity') return { kind: o.kind, name: o.name };
  if (o.declaration) return { kind: 'entity', name: o.name };
  const found = analysis.index.lookup(o.name);
  return found.kind === 'found' ? { kind: 'entity', name: found.entity.id } : undefined;
}

/** Does `o` name `target`? `written`: only where the target's own name is written. */
function names(o: Occurrence, target: Target, analysis: Analysis, written: boolean): boolean {
  switch (target.kind) {
    case 'entity':
      if (o.kind !== 'entity') return false;
      if (o.declaration || written) return o.name === target.name;
      return o.name === target.name || targetOf(o, analysis)?.name === target.name;
    case 'alias':
      // An alias is used where it is written and is no entity id (an id wins over an alias).
      return (
        o.name === target.name &&
        (o.kind === 'alias' ||
          (o.kind === 'entity' && !o.declaration && !analysis.index.has(o.name)))
      );
    default:
      return o.kind === target.kind && o.name === target.name;
  }
}

export function findOccurrences(
  files: FileState[],
  analysis: Analysis,
  target: Target,
  options: { declarations: boolean; written: boolean },
): Occurrence[] {
  const out: Occurrence[] = [];
  for (const f of files) {
    for (const o of occurrences(f, analysis.schema)) {
      if (o.declaration && !options.declarations) continue;
      if (names(o, target, analysis, options.written)) out.push(o);
    }
  }
  return out;
}

export function definition(files: FileState[], analysis: Analysis, target: Target): Location[] {
  const declKind = target.kind === 'entity' ? 'entity' : target.kind;
  const decls = findOccurrences(files, analysis, target, {
    declarations: true,
    written: true,
  }).filter((o) => o.declaration && o.kind === declKind);
  return decls.map((o) => locationOf(o.span));
}

export function references(
  files: FileState[],
  analysis: Analysis,
  target: Target,
  includeDeclaration: boolean,
): Location[] {
  return findOccurrences(files, analysis, target, {
    declarations: includeDeclaration,
    written: false,
  }).map((o) => locationOf(o.span));
}

const RENAMEABLE = new Set<Target['kind']>([
  'entity',
  'alias',
  'entity-type',
  'relation-type',
  'source',
]);

/** The range and current name to rename, or an error saying why not. */
export function prepareRename(
  o: Occurrence,
  analysis: Analysis,
): { range: Range; placeholder: string } {
  const target = targetOf(o, analysis);
  if (!target || !RENAMEABLE.has(target.kind)) {
    throw new ResponseError(ErrorCodes.InvalidRequest, `'${o.name}' names no entity here`);
  }
  // A use written as an alias renames that alias.
  const name =
    o.kind === 'entity' && !o.declaration && o.name !== target.name ? o.name : target.name;
  return { range: rangeOf(nameSpan(o)), placeholder: name };
}

function checkNewName(target: Target, newName: string, analysis: Analysis): void {
  const pattern = target.kind.endsWith('type') ? TYPE_NAME_PATTERN : ID_PATTERN;
  // `null` would be read by YAML as no value at all.
  if (!pattern.test(newName) || /^(null|Null|NULL)$/.test(newName)) {
    const rule = target.kind.endsWith('type')
      ? 'type names start with a letter and use letters, digits and _ only'
      : 'ids use letters, digits and - _ . : only (no spaces)';
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name: ${rule}`);
  }
  const taken =
    target.kind === 'entity' || target.kind === 'alias'
      ? analysis.index.lookup(newName).kind !== 'missing'
      : target.kind === 'entity-type'
        ? Object.hasOwn(analysis.schema.entities, newName) ||
          Object.hasOwn(analysis.schema.relations, newName)
        : target.kind === 'relation-type'
          ? Object.hasOwn(analysis.schema.relations, newName) ||
            Object.hasOwn(analysis.schema.entities, newName)
          : analysis.sources.has(newName);
  if (taken && newName !== target.name) {
    throw new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is already in use`);
  }
}

/** A name as it can be written in place of `o` (quoted like the original, if it was). */
function replacement(o: Occurrence, newName: string): string {
  const quote = o.span.file.text[o.span.start];
  return quote === '"' || quote === "'" ? `${quote}${newName}${quote}` : newName;
}

export function rename(
  files: FileState[],
  analysis: Analysis,
  o: Occurrence,
  newName: string,
): WorkspaceEdit {
  const resolved = targetOf(o, analysis);
  if (!resolved) throw new ResponseError(ErrorCodes.InvalidRequest, `'${o.name}' names nothing`);
  const target: Target =
    o.kind === 'entity' && !o.declaration && o.name !== resolved.name
      ? { kind: 'alias', name: o.name }
      : resolved;
  checkNewName(target, newName, analysis);
  const changes: Record<string, TextEdit[]> = {};
  for (const found of findOccurrences(files, analysis, target, {
    declarations: true,
    written: true,
  })) {
    const uri = pathToUri(found.span.file.path);
    (changes[uri] ??= []).push({
      range: rangeOf(found.span),
      newText: replacement(found, newName),
    });
  }
  return { changes };
}
