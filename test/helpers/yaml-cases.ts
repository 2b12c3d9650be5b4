// YAML snippets shared by the fast readers' tests (cst-reader, line-reader): the first ones up
// to 'duplicate' are read by the CST reader itself; the rest need the composer.
export const YAML_CASES: Record<string, string> = {
  comments: '# head\nkey: value # tail\n# between\nlist:\n  # before item\n  - a # after\n  - b\n',
  'empty values': 'a:\nb: # only a comment\nc:\n  -\n  - # comment\n  - x\n',
  'doc start': '---\nentities:\n  - id: a\n',
  'doc start with comment': '--- # the start\nrelations: []\n',
  'block scalars': 'a: |\n  line one\n  line two\nb: >-\n  folded\n  text\n\nc: |+\n  kept\n\n',
  'common block scalars':
    'quote: >-\n  folded\n  text\n\n  more\nnote: |\n  literal\n    indented\n\n# c\nl:\n  - |-\n    x\n',
  'quoted scalars': `a: "esc \\" \\n \\u00e9"\nb: 'it''s'\nc: "multi\n  line"\nd: ''\ne: ""\n`,
  'typed plain scalars':
    'a: 1\nb: -2.5\nc: 1e3\nd: .inf\ne: -.Inf\nf: .nan\ng: 0x1F\nh: 0o17\ni: true\nj: False\nk: ~\nl: null\nm: NULL\nn: 2024-05-01\no: 1.50\np: +3\nq: nope\nr: Null\n',
  'numeric and boolean keys': '1: one\ntrue: yes\n1.5: x\nnull: n\n',
  'flow lists': 'a: [x, "y z", \'w\']\nb: []\nc: [1, 2,]\nd: [ a , b ]\ne: [a,\n  b]\n',
  'nested lists': 'a:\n  - - x\n    - y\n  - - z\n',
  'multi-line plain scalar': 'quote: this goes\n  on and on\n\n  and on\nnext: 1\n',
  'compact maps in lists':
    'relations:\n  - a MET b:\n      source: s\n      date: 2025\n  - from: a\n    to: b\n',
  'CRLF line endings': 'a: 1\r\nb:\r\n  - x\r\n  - y # c\r\n',
  unicode: 'name: "Volodymyr Zelenskyy — Україна"\nplain: Україна\n',
  'root scalar': 'just a string\n',
  'root list': '- a\n- b\n',
  'trailing comments': 'a: 1\n\n# end\n# really\n',
  'no final newline': 'a: [1, 2]',
  'key with colon-free spaces': 'a b c: d\n',
  'flow maps': 'a: {b: 1}\nc: { d: "e f", g: [h, i] , }\nj: {}\nk: {x: 1,\n  y: 2} # c\n',
  'flow maps in lists':
    "evidence:\n  - { source: r1, quote: 'it''s', date: 2025-05-20 }\n  - {source: [a, b]}\nl: [{ a: 1 }, {b: 2}]\n",
  'nested flow collections': 'a: {b: {c: 1}}\nd: [[1], [2, 3]]\n',
  'many keys':
    Array.from({ length: 40 }, (_, i) => `k${i}: ${i}\n`).join('') +
    'f: {' +
    Array.from({ length: 20 }, (_, i) => `x${i}: 1`).join(', ') +
    '}\n',
  // These need the composer: each must fall back (or be accepted identically).
  duplicate: 'a: 1\na: 2\n',
  // Past the readers' switch from a scan to a Set of keys (KeyIndex).
  'duplicate among many keys':
    Array.from({ length: 40 }, (_, i) => `k${i}: ${i}\n`).join('') +
    'k30: again\n' +
    'f: {' +
    Array.from({ length: 20 }, (_, i) => `x${i}: 1`).join(', ') +
    '}\n',
  'duplicate in a wide flow map':
    'f: {' + Array.from({ length: 20 }, (_, i) => `x${i}: 1`).join(', ') + ', x17: 2}\n',
  anchors: 'a: &x 1\nb: *x\n',
  tags: 'a: !!str 1\n',
  'explicit key': '? a\n: b\n',
  'deeper flow nesting': 'a: {b: {c: {d: 1}}}\ne: [[[1]]]\n',
  'flow map without value': 'a: {b: , c}\n',
  'flow map duplicate': 'a: {b: 1, b: 2}\n',
  tab: 'a:\t1\n',
  'bad indent': 'a:\n  b: 1\n c: 2\n',
  'two documents': 'a: 1\n---\nb: 2\n',
  'unclosed list': 'a: [1, 2\nb: 3\n',
  'unclosed quote': 'a: "open\n',
  'compact nested map': 'a: b: c\n',
  'comment without space': 'a: "x"# c\n',
  'empty document': '# nothing\n',
};

const NAMES = Object.keys(YAML_CASES);
/** Cases the CST reader takes itself. */
export const FAST_CASES = NAMES.slice(0, NAMES.indexOf('duplicate'));
/** Cases that need the composer (every fast reader must decline them). */
export const COMPOSER_CASES = NAMES.slice(NAMES.indexOf('duplicate'));
