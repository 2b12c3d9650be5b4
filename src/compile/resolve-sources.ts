// Merges source declarations by id; the same id with different details is an error.
import type { SourceDef, Str } from '../language/ast.js';
import { checkDate, isHttpUrl } from '../language/check-value.js';
import type { DiagnosticSink } from '../language/diagnostic-sink.js';
import type { SourceInfo } from '../types.js';

const TEXT_FIELDS = ['title', 'url', 'publisher', 'author', 'note', 'file'] as const;

export function resolveSources(sink: DiagnosticSink, defs: SourceDef[]): Map<string, SourceInfo> {
  const byId = new Map<string, { info: SourceInfo; def: SourceDef }>();
  for (const def of defs) {
    const published = def.published ? checkDate(def.published, "'published'", sink) : undefined;
    if (def.url && !isHttpUrl(def.url.value)) {
      sink.report('KG117', def.url, `invalid URL '${def.url.value}'`, {
        value: def.url.value,
        hint: 'write a full address starting with https://',
      });
    }
    const existing = byId.get(def.id.value);
    if (existing) {
      for (const field of TEXT_FIELDS) {
        const a: Str | undefined = existing.def[field];
        const b: Str | undefined = def[field];
        if (a && b && a.value !== b.value) {
          sink.report('KG026', b, `source '${def.id.value}' has a different ${field} elsewhere`, {
            value: b.value,
            hint: `it is '${a.value}' in the first declaration; declare each source once`,
            related: [{ span: a, message: 'first declared here' }],
          });
        } else if (b && !a) existing.info[field] = b.value;
      }
      continue;
    }
    const info: SourceInfo = { id: def.id.value, title: def.title?.value ?? def.id.value };
    if (def.url && isHttpUrl(def.url.value)) info.url = def.url.value;
    if (published) info.published = published;
    for (const field of ['publisher', 'author', 'note', 'file'] as const) {
      const v = def[field];
      if (v) info[field] = v.value;
    }
    byId.set(def.id.value, { info, def });
  }
  return new Map([...byId.entries()].map(([id, { info }]) => [id, info]));
}
