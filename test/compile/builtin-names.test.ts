// Issue 9, defect 1: names that are JavaScript built-ins (`toString`, `constructor`,
// `__proto__`…) in every position a name can take. Undeclared, they get the usual diagnostic;
// declared, they compile and export like any other name. A plain object used as a table keyed
// by user text fails here (a TypeError, a false "declared", a lost or invented value).
import { describe, expect, it } from 'vitest';
import { fileText } from '../../src/export/exporter.js';
import { EXPORTERS, FORMATS } from '../../src/export/registry.js';
import { graphStats } from '../../src/stats/graph-stats.js';
import { compileTexts } from '../helpers/project.js';

const BUILT_INS = Object.getOwnPropertyNames(Object.prototype);
/** Built-ins that are valid type, property and enum names (a letter first). */
const NAMES = BUILT_INS.filter((n) => /^[A-Za-z]/.test(n));

const SCHEMA = `schema:
  entities:
    Person: { properties: { name: string } }
  relations:
    MET: { from: Person, to: Person }
sources:
  - { id: src, title: Source }
`;

describe('built-in names, undeclared', () => {
  it.each(BUILT_INS)('%s as an entity type, relation type, property, source and reference', (n) => {
    const result = compileTexts({
      'a.yaml': `${SCHEMA}entities:
  - { id: a, type: Person, name: A }
  - { id: b, type: '${n}' }
  - { id: c, type: Person, '${n}': x, source: '${n}' }
relations:
  - a ${n} c
  - { from: a, type: MET, to: '${n}', source: src }
`,
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.code).sort()).toEqual(['KG101', 'KG102', 'KG104', 'KG108', 'KG111']);
    const byCode = new Map(result.diagnostics.map((d) => [d.code, d]));
    for (const code of ['KG101', 'KG102', 'KG104', 'KG108', 'KG111'] as const) {
      expect(byCode.get(code)?.value).toBe(n);
    }
  });
});

describe('built-in names, declared', () => {
  it.each(NAMES)('%s as every kind of name compiles and exports', (n) => {
    // The relation type: another built-in (one name cannot be both kinds of type).
    const r = NAMES[(NAMES.indexOf(n) + 1) % NAMES.length]!;
    const text = `schema:
  entities:
    ${n}:
      label: ${n}
      properties:
        ${n}: { type: string, required: true }
        kind: { type: enum, values: [${n}, other] }
        link: { type: ref, to: ${n} }
    Other: { properties: { ${n}: 'string[]' } }
  relations:
    ${r}: { from: [${n}, Other], to: [${n}, Other], properties: { ${n}: integer } }
sources:
  - { id: '${n}', title: '${n}' }
entities:
  - { id: '${n}', type: ${n}, ${n}: value, kind: ${n}, source: '${n}', aliases: [alias-${n}] }
  - { id: '${r}', type: ${n}, ${n}: proto, link: alias-${n} }
  - { id: other, type: Other }
relations:
  - { from: '${r}', type: ${r}, to: other, ${n}: 7, source: '${n}' }
  - alias-${n} ${r} ${r}
`;
    const result = compileTexts({ 'a.yaml': text }, 'full');
    expect(
      result.diagnostics.filter((d) => d.severity === 'error'),
      text,
    ).toEqual([]);
    const { graph } = result;
    expect(graph.getNodeAttribute(n, n)).toBe('value');
    expect(graph.getNodeAttribute(n, 'label')).toBe('value');
    expect(graph.getNodeAttribute(r, 'link')).toBe(n);
    // A node without the property has no value for it (none invented from Object.prototype).
    expect(Object.hasOwn(graph.getNodeAttributes('other'), n)).toBe(false);
    graph.forEachNode((_node, a) => {
      expect(Number.isFinite(a.x) && Number.isFinite(a.y)).toBe(true);
    });
    expect(graph.size).toBe(2);
    expect(graphStats(graph).entityTypes).toEqual({ [n]: 2, Other: 1 });
    for (const format of FORMATS) {
      const texts = EXPORTERS[format].files(graph).map((f) => fileText(f));
      const all = texts.join('\n');
      // No JavaScript source text (a function read from Object.prototype) in any output.
      expect(all, format).not.toMatch(/\[native code\]|function \w*\(/);
      expect(all, format).toContain('value');
    }
  });
});

describe('__proto__ as an id', () => {
  it('is refused with KG014 (graphology keeps neighbours in plain objects)', () => {
    const result = compileTexts({
      'a.yaml': `${SCHEMA}entities:
  - { id: __proto__, type: Person }
  - { id: a, type: Person }
relations:
  - { id: __proto__, from: a, type: MET, to: a, source: src }
`,
    });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'KG014 9:11',
      'KG014 12:11',
    ]);
    expect(errors[0]?.hint).toContain('reserved');
  });
});
