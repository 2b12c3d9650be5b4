// Parses one YAML file into its contribution (schema, sources, entities, relations).
// Every problem becomes a diagnostic; parsing always goes on to find the next one.
import { emptyContribution, type FileContribution, type Str } from './ast.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { TOP_LEVEL_KEYS } from './file-keys.js';
import { parseEntity, parseSchema, parseSource } from './parse-declarations.js';
import { misplacedKeyHint, parseDefaults, parseProject } from './parse-manifest.js';
import { parseRelation } from './parse-relation.js';
import { positionAt, type SourceFile } from './source-file.js';
import { didYouMean } from './suggest.js';
import { readCst } from './cst-reader.js';
import { MAX_NESTING, NestingTooDeepError, tooDeepAt } from './nesting.js';
import { readLines } from './line-reader.js';
import { codePointName, forbiddenOffsets, UNCARRIABLE_HINT } from './text-rule.js';
import type { YNode } from './yaml-node.js';
import { YamlReader } from './yaml-reader.js';
import { readWithRepairs } from './yaml-repair.js';
import { rootList, underSection } from './root-list-hint.js';
import { relationItems } from './relation-items.js';

export interface ParseFileOptions {
  /** The `yaml` package's limit on alias expansion (billion-laughs protection). */
  maxAliasCount: number;
}

export function parseFile(
  file: SourceFile,
  sink: DiagnosticSink,
  options: ParseFileOptions,
): FileContribution {
  const out = emptyContribution();
  reportForbiddenCharacters(file, sink);
  let fast;
  try {
    fast = readLines(file.text) ?? readCst(file.text);
  } catch (error) {
    if (!(error instanceof NestingTooDeepError)) throw error;
    reportTooDeep(file, sink, error.offset);
    return out;
  }
  if (fast) {
    walkDocument(file, fast.root, sink, out, true);
    return out;
  }
  const deep = tooDeepAt(file.text);
  if (deep !== undefined) {
    reportTooDeep(file, sink, deep);
    return out;
  }
  const { doc, root, mistakes, errors, mistakeLines } = readWithRepairs(file.text);
  const first = sink.items.length;
  const syntaxLines = new Set<number>(mistakeLines);
  const syntaxAt: { line: number; column: number }[] = [];
  for (const m of mistakes) {
    sink.report('KG001', { file, start: m.start, end: m.end }, m.message, { hint: m.hint });
  }
  for (const error of errors) {
    const code = error.code === 'DUPLICATE_KEY' ? 'KG002' : 'KG001';
    if (code === 'KG001') {
      // The yaml parser often reports one mistake several times on its line: keep the first.
      const at = positionAt(file, error.start);
      syntaxAt.push(at);
      if (syntaxLines.has(at.line)) continue;
      syntaxLines.add(at.line);
    }
    const message =
      error.code === 'MULTIPLE_DOCS'
        ? 'a kg file holds one YAML document; this one has several (a second starts here)'
        : (error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? '');
    sink.report(code, { file, start: error.start, end: error.end }, message, {
      hint:
        code === 'KG002'
          ? 'each key may appear once per mapping; merge the two'
          : error.code === 'MULTIPLE_DOCS'
            ? "split the file in two, or remove the '---' line"
            : undefined,
    });
  }
  // Alias bombs: let the yaml package's own expansion limit judge documents that use aliases.
  if (file.text.includes('*')) {
    try {
      doc.toJS({ maxAliasCount: options.maxAliasCount });
    } catch (error) {
      sink.reportFile('KG004', file, 'too many alias expansions (possible YAML bomb)', {
        hint: 'anchors and aliases (&a / *a) may expand to at most a few copies; write data out',
        value: error instanceof Error ? error.message : String(error),
      });
      return out;
    }
  }
  // A document with syntax errors is still read as far as the parser recovered, so the
  // rest of the file's entities exist and references to them do not fail in cascade.
  walkDocument(file, root, sink, out);
  if (syntaxLines.size) {
    // Complaints about the shape of a node that holds a syntax error (or shares its line)
    // only restate that error.
    const before = (a: { line: number; column: number }, b: { line: number; column: number }) =>
      a.line < b.line || (a.line === b.line && a.column <= b.column);
    sink.dropWhere(
      first,
      (d) =>
        d.file === file.path &&
        STRUCTURAL.has(d.code) &&
        (syntaxLines.has(d.line) ||
          syntaxAt.some(
            (at) =>
              before(d, at) &&
              before(at, { line: d.endLine ?? d.line, column: d.endColumn ?? d.column }),
          )),
    );
  }
  return out;
}

/** KG009 for raw control characters in the file (escaped ones: see YamlReader). */
function reportForbiddenCharacters(file: SourceFile, sink: DiagnosticSink): void {
  const offsets = forbiddenOffsets(file.text);
  const first = offsets[0];
  if (first === undefined) return;
  const name = codePointName(file.text, first);
  const more = offsets.length > 1 ? ` (and ${offsets.length - 1} more in this file)` : '';
  sink.report(
    'KG009',
    { file, start: first, end: first + 1 },
    `control character ${name} in the file${more}`,
    {
      value: name,
      hint: UNCARRIABLE_HINT,
    },
  );
}

function reportTooDeep(file: SourceFile, sink: DiagnosticSink, offset: number): void {
  sink.report(
    'KG007',
    { file, start: offset, end: offset + 1 },
    `YAML nested deeper than ${MAX_NESTING} levels`,
    {
      hint: 'kg files need a few levels (a list of entities, each a mapping of fields); flatten it',
    },
  );
}

const STRUCTURAL = new Set(['KG011', 'KG012', 'KG013', 'KG014', 'KG114']);

function walkDocument(
  file: SourceFile,
  root: YNode | null,
  sink: DiagnosticSink,
  out: FileContribution,
  /** Read by the fast reader: record where the relations are (relation-items.ts). */
  fast = false,
): void {
  const r = new YamlReader(file, sink);
  if (root === null || r.describe(root) === 'an empty value') return;
  if (root.kind === 'seq') {
    const { hint, section } = rootList(root.items);
    sink.report('KG011', r.span(root), 'a kg file is made of sections, not a bare list', {
      value: r.describe(root),
      hint,
    });
    if (!section) return;
    root = underSection(section, root);
  }
  const pairs = r.pairs(root, 'a kg file');
  if (!pairs) return;
  let items: { key: Str; list: YNode; first: number[]; next?: number } | undefined;
  for (const [index, pair] of pairs.entries()) {
    const key = r.key(pair);
    if (!key) continue;
    const value = pair.value;
    switch (key.value) {
      case 'project':
        out.project = parseProject(r, value, key);
        break;
      case 'defaults':
        out.defaults = parseDefaults(r, value, key);
        break;
      case 'schema':
        parseSchema(r, value, out, key);
        break;
      case 'sources':
        for (const item of r.items(value, 'sources', key) ?? []) {
          const s = parseSource(r, item);
          if (s) out.sources.push(s);
        }
        break;
      case 'entities':
        for (const item of r.items(value, 'entities', key) ?? []) {
          const e = parseEntity(r, item);
          if (e) out.entities.push(e);
        }
        break;
      case 'relations': {
        const first: number[] = [];
        for (const item of r.items(value, 'relations', key) ?? []) {
          first.push(out.relations.length);
          const rel = parseRelation(r, item);
          if (rel) out.relations.push(rel);
        }
        if (fast && value) items = { key, list: value, first, next: pairs[index + 1]?.key?.start };
        break;
      }
      default:
        sink.report('KG010', key, `unknown top-level key '${key.value}'`, {
          value: key.value,
          hint:
            misplacedKeyHint(key.value, value) ??
            didYouMean(key.value, TOP_LEVEL_KEYS) ??
            `a file may contain: ${TOP_LEVEL_KEYS.join(', ')}`,
        });
    }
  }
  if (items) {
    const { key, list, first, next } = items;
    const found = relationItems(file.text, key.start, list, first, next);
    if (found) out.relationItems = found;
  }
  // The file's default source covers its entities that name none (relations read the
  // defaults when they are resolved). Wherever `defaults:` stands in the file.
  const sources = out.defaults?.sources;
  if (sources?.length) for (const e of out.entities) if (!e.sources.length) e.sources = sources;
}
