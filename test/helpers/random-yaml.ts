// Random block YAML in the shapes kg files take (maps, lists, `- key:` items, flows, quotes,
// comments at any column, blank lines, empty values), optionally mutated: input for comparing
// the fast YAML readers with each other.
const SCALARS = [
  'a',
  'b c',
  'x MET y',
  '1',
  '-2',
  '1.5',
  'true',
  'null',
  '~',
  '',
  "'q'",
  "'it''s'",
  '"d q"',
  '""',
  "''",
  '[a, b]',
  '[]',
  '{}',
  '{ a: b }',
  '[{ s: 1 }, { t: [u, v] }]',
  'a#b',
  'a #c',
  'p [q, r]',
  'k:v',
  '2024-01-02',
  '"x" #c',
  '[a, ]',
  '{a: 1, }',
  'ü ß',
  '.inf',
  '0x1F',
  'x  ',
];
const KEYS = ['a', 'b', 'from', 'to', 'x MET y', 'p [q]', '1', 'true', 'k-1', 'a b', 'null'];
const PIECES = [
  ' ',
  ':',
  ': ',
  '-',
  '- ',
  '#',
  ' #',
  '"',
  "'",
  '[',
  ']',
  '{',
  '}',
  ',',
  '\n',
  '\n  ',
  '\n    ',
  '  ',
  '|',
  '>-',
  '\n# c\n',
  '\n  # c\n',
  ' # c',
  'x',
  '---',
  '...',
  '&a ',
  '*a',
  '!t ',
  '? ',
  '\\',
  '\t',
  '\r',
];

export function randomYaml(rand: () => number): string {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)] as T;
  const comment = (indent: number): string => {
    const r = rand();
    if (r < 0.15) return ' '.repeat(Math.floor(rand() * (indent + 4))) + '# c\n';
    return r < 0.25 ? '\n' : '';
  };
  const value = (indent: number, depth: number): string => {
    const inner = indent + pick([1, 2, 2, 2, 3, 4]);
    const r = rand();
    if (r < 0.08) return blockScalar(inner);
    if (depth > 3 || r < 0.4) {
      const s = pick(SCALARS);
      return (s === '' ? '' : ' ' + s) + (rand() < 0.1 ? ' # t' : '') + '\n';
    }
    const tail = rand() < 0.1 ? ' # t' : '';
    return tail + '\n' + (r < 0.7 ? map(inner, depth + 1) : seq(inner, depth + 1));
  };
  // `|`/`>` scalars: blank, more-indented and comment-like lines, trailing blank lines.
  const blockScalar = (indent: number): string => {
    let s = ' ' + pick(['|', '|-', '>', '>-', '|+', '>2']) + (rand() < 0.1 ? ' # h' : '') + '\n';
    for (let n = 1 + Math.floor(rand() * 4); n > 0; n--) {
      const r = rand();
      if (r < 0.15) s += rand() < 0.5 ? '\n' : ' '.repeat(Math.floor(rand() * (indent + 3))) + '\n';
      else if (r < 0.25) s += ' '.repeat(indent + 1 + Math.floor(rand() * 2)) + 'deeper\n';
      else if (r < 0.3) s += ' '.repeat(indent) + '# not a comment\n';
      else s += ' '.repeat(indent) + pick(['x', 'y z', 'trailing  ', 'a: b', '- c']) + '\n';
    }
    return s;
  };
  const map = (indent: number, depth: number): string => {
    let s = '';
    for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
      s += comment(indent) + ' '.repeat(indent) + pick(KEYS) + ':' + value(indent, depth);
    }
    return s;
  };
  const seq = (indent: number, depth: number): string => {
    let s = '';
    for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
      s += comment(indent) + ' '.repeat(indent) + '-';
      s += rand() < 0.4 ? ' ' + map(indent + 2, depth + 1).slice(indent + 2) : value(indent, depth);
    }
    return s;
  };
  let text = (rand() < 0.5 ? map(0, 0) : seq(0, 0)) + comment(0);
  if (rand() < 0.1) text = text.slice(0, -1);
  if (rand() < 0.5) text = mutate(text, rand, PIECES, 2);
  return text;
}

/** Inserts (and sometimes overwrites with) up to `most` random pieces. */
export function mutate(text: string, rand: () => number, pieces = PIECES, most = 3): string {
  let out = text;
  for (let edits = 1 + Math.floor(rand() * most); edits > 0; edits--) {
    const at = Math.floor(rand() * out.length);
    const piece = pieces[Math.floor(rand() * pieces.length)] ?? '';
    const cut = rand() < 0.4 ? 1 + Math.floor(rand() * 3) : 0;
    out = out.slice(0, at) + piece + out.slice(at + cut);
  }
  return out;
}
