// The relation palette keeps 20+ types apart, and polarity picks greens, reds and blues/greys.
import { differenceCiede2000 } from 'culori';
import { describe, expect, it } from 'vitest';
import { compileFiles } from '../../src/compile/compile.js';
import {
  nextRelationColor,
  RELATION_FAMILIES,
  RELATION_PALETTE,
} from '../../src/compile/palette.js';

const deltaE = differenceCiede2000();

describe('relation palette', () => {
  it('has at least 20 colours, pairwise at least 11 apart in CIEDE2000', () => {
    expect(RELATION_PALETTE.length).toBeGreaterThanOrEqual(20);
    let closest = { d: Infinity, pair: '' };
    RELATION_PALETTE.forEach((a, i) =>
      RELATION_PALETTE.slice(i + 1).forEach((b) => {
        const d = deltaE(a, b);
        if (d < closest.d) closest = { d, pair: `${a} ${b}` };
      }),
    );
    expect(closest.d, closest.pair).toBeGreaterThanOrEqual(11);
  });

  it('is exactly the union of the polarity families', () => {
    const families = Object.values(RELATION_FAMILIES).flat();
    expect([...families].sort()).toEqual([...RELATION_PALETTE].sort());
  });

  it('gives 23 types 23 different colours, then cycles', () => {
    const taken = new Set<string>();
    const colours = Array.from({ length: 23 }, () => nextRelationColor(taken, undefined, false));
    expect(new Set(colours).size).toBe(23);
    expect(RELATION_PALETTE).toContain(nextRelationColor(taken, undefined, false));
  });
});

describe('polarity-aware colours', () => {
  const schema = (relations: string) => `
schema:
  entities:
    Person: { properties: { name: string } }
  relations:
${relations}
`;
  const colours = (relations: string) => {
    const { graph, diagnostics } = compileFiles(
      [{ path: 'schema.yaml', text: schema(relations) }],
      { name: 'palette', layout: 'none' },
    );
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rel = graph.getAttribute('schema').relations;
    return (name: string) => ({ color: rel[name]?.color, polarity: rel[name]?.polarity });
  };

  it('positive types get greens, negative reds, neutral blues or greys; all distinct', () => {
    const of = colours(`
    SUPPORTS: { polarity: positive }
    PRAISES: { polarity: positive }
    AGREED_TO: { polarity: positive }
    OPPOSES: { polarity: negative }
    REJECTS: { polarity: negative }
    CRITICIZES: { polarity: negative }
    MET: { polarity: neutral }
    LEADS: {}
    DEMANDS: {}
    REJOINED: {}`);
    for (const t of ['SUPPORTS', 'PRAISES', 'AGREED_TO'])
      expect(RELATION_FAMILIES.positive).toContain(of(t).color);
    for (const t of ['OPPOSES', 'REJECTS', 'CRITICIZES'])
      expect(RELATION_FAMILIES.negative).toContain(of(t).color);
    expect(RELATION_FAMILIES.neutral).toContain(of('MET').color);
    expect(of('SUPPORTS').polarity).toBe('positive');
    expect(of('LEADS').polarity).toBeUndefined();
    // Types without polarity keep away from greens and reds once the schema uses polarity.
    for (const t of ['LEADS', 'DEMANDS', 'REJOINED']) {
      expect(RELATION_FAMILIES.positive).not.toContain(of(t).color);
      expect(RELATION_FAMILIES.negative).not.toContain(of(t).color);
    }
    const all = ['SUPPORTS', 'PRAISES', 'AGREED_TO', 'OPPOSES', 'REJECTS', 'CRITICIZES', 'MET']
      .concat(['LEADS', 'DEMANDS', 'REJOINED'])
      .map((t) => of(t).color);
    expect(new Set(all).size).toBe(all.length);
  });

  it('explicit colours win and are not reused', () => {
    const of = colours(`
    SUPPORTS: { polarity: positive, color: "#1b9e77" }
    PRAISES: { polarity: positive }`);
    expect(of('SUPPORTS').color).toBe('#1b9e77');
    expect(of('PRAISES').color).toBe('#66a61e');
  });

  it('18 types without polarity get 18 different colours', () => {
    const names = Array.from({ length: 18 }, (_, i) => `REL_${String(i).padStart(2, '0')}`);
    const of = colours(names.map((n) => `    ${n}: {}`).join('\n'));
    expect(new Set(names.map((n) => of(n).color)).size).toBe(18);
  });
});
