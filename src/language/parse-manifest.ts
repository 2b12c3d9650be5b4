// The two top-level keys that describe a project or a file rather than facts: `project:` (the
// manifest: id, title, description, authors, license) and `defaults:` (a file's default
// source, date and confidence for its relations' evidence, and source for its entities).
import type { FileDefaults, ProjectDef, Str } from './ast.js';
import { checkConfidence, checkDate } from './check-value.js';
import { ID_PATTERN } from './file-keys.js';
import type { YamlNode, YamlReader } from './yaml-reader.js';

export const PROJECT_FIELDS = ['id', 'title', 'description', 'authors', 'license'] as const;
export const DEFAULTS_FIELDS = ['source', 'date', 'confidence'] as const;

export function parseProject(r: YamlReader, node: YamlNode, key: Str): ProjectDef | undefined {
  const pairs = r.pairs(node, 'project', key);
  if (!pairs) return undefined;
  const def: ProjectDef = { key, authors: [], span: r.span(node, key) };
  for (const pair of pairs) {
    const field = r.key(pair);
    if (!field) continue;
    const v = pair.value;
    switch (field.value) {
      case 'authors':
        def.authors = r.strList(v, 'authors', field);
        break;
      case 'id':
      case 'title':
      case 'description':
      case 'license': {
        const s = r.str(v, field.value, field);
        if (s) def[field.value] = s;
        break;
      }
      default:
        r.unknownKey(field, 'project', PROJECT_FIELDS);
    }
  }
  if (def.id && !ID_PATTERN.test(def.id.value)) {
    r.sink.report('KG014', def.id, `invalid project id '${def.id.value}'`, {
      value: def.id.value,
      hint: 'the project id names the graph (Neo4j, outputs): letters, digits and - _ . : only',
    });
    delete def.id;
  }
  return def;
}

export function parseDefaults(r: YamlReader, node: YamlNode, key: Str): FileDefaults | undefined {
  const pairs = r.pairs(node, 'defaults', key);
  if (!pairs) return undefined;
  const def: FileDefaults = { sources: [], span: r.span(node, key) };
  for (const pair of pairs) {
    const field = r.key(pair);
    if (!field) continue;
    const v = pair.value;
    switch (field.value) {
      case 'source':
        def.sources = r.strList(v, 'source', field);
        break;
      case 'date': {
        // Checked once here, not once per relation that inherits it.
        const date = checkDate(r.raw(v, field), "the default 'date'", r.sink);
        if (date !== undefined) def.date = date;
        break;
      }
      case 'confidence': {
        const c = checkConfidence(r.raw(v, field), r.sink);
        if (c !== undefined) def.confidence = c;
        break;
      }
      default:
        r.unknownKey(
          field,
          'defaults',
          DEFAULTS_FIELDS,
          "defaults may give: source, date, confidence (a relation's own value wins)",
        );
    }
  }
  return def;
}

/**
 * The hint for a top-level key that belongs under `project:` or `defaults:` (`source: r1`,
 * `title: Talks` written at the top of a file), built from the line written; undefined for
 * other keys, or when the value is not what that field takes (a `source:` list of mappings
 * is a misspelt `sources:`).
 */
export function misplacedKeyHint(key: string, value: YamlNode): string | undefined {
  const scalar = value?.kind === 'scalar' && value.value !== null ? value.source : undefined;
  const listOfScalars =
    value?.kind === 'seq' && value.items.every((i) => i?.kind === 'scalar')
      ? `[${value.items.map((i) => (i?.kind === 'scalar' ? i.source : '')).join(', ')}]`
      : undefined;
  const written = scalar ?? listOfScalars;
  if (written === undefined) return undefined;
  const asIs = /^[[{'"]/.test(written) || !/[:,#{}[\]]/.test(written);
  const shown = asIs ? written : `'${written.replace(/'/g, "''")}'`;
  if ((DEFAULTS_FIELDS as readonly string[]).includes(key)) {
    if (key !== 'source' && listOfScalars !== undefined) return undefined;
    return `a file's default ${key} goes under 'defaults:' — write \`defaults: { ${key}: ${shown} }\``;
  }
  if ((PROJECT_FIELDS as readonly string[]).includes(key)) {
    if (key !== 'authors' && listOfScalars !== undefined) return undefined;
    return `the project's ${key} ${key === 'authors' ? 'go' : 'goes'} under 'project:' — write \`project: { ${key}: ${shown} }\``;
  }
  return undefined;
}
