// Readers the fuzzer uses to read kg's Neo4j outputs back: the row literals of the Cypher script
// and the typed neo4j-admin CSV files. Both produce the same normalised values as norm() makes
// of the Neo4j model, so the three can be compared value for value.
import { ARRAY_DELIMITER } from '../../src/export/neo4j-csv-cells.js';
import { isInt, isTemporal, type Neo4jValue } from '../../src/neo4j/values.js';

/** A value in one comparable shape: [kind, value] or a list of them. */
export type Norm = [string, string | number | boolean] | Norm[];

export function norm(v: Neo4jValue): Norm {
  if (Array.isArray(v)) return v.map((x) => norm(x) as [string, string | number | boolean]);
  if (typeof v === 'string') return ['s', v];
  if (typeof v === 'boolean') return ['b', v];
  if (typeof v === 'number') return ['f', v];
  if (isInt(v)) return ['i', v.value];
  if (isTemporal(v)) return [v.kind, v.text];
  throw new Error(`unknown Neo4j value ${JSON.stringify(v)}`);
}

// ---- Cypher literals ----

type Lit = Norm | { [key: string]: Lit };

class CypherLiteral {
  i = 0;
  constructor(readonly text: string) {}

  private ws(): void {
    while (/\s/.test(this.text[this.i] ?? '')) this.i++;
  }

  private expect(s: string): void {
    this.ws();
    if (!this.text.startsWith(s, this.i)) {
      throw new Error(`expected '${s}' at ${this.i}: ${this.text.slice(this.i, this.i + 40)}`);
    }
    this.i += s.length;
  }

  private string(): string {
    this.expect("'");
    let out = '';
    for (;;) {
      const c = this.text[this.i++];
      if (c === undefined) throw new Error('unterminated string');
      if (c === "'") return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.i++];
      if (e === 'n') out += '\n';
      else if (e === 'r') out += '\r';
      else if (e === 't') out += '\t';
      else if (e === 'u') {
        out += String.fromCharCode(parseInt(this.text.slice(this.i, this.i + 4), 16));
        this.i += 4;
      } else if (e === '\\' || e === "'") out += e;
      else throw new Error(`unknown escape \\${e}`);
    }
  }

  private key(): string {
    this.ws();
    if (this.text[this.i] === '`') {
      this.i++;
      let out = '';
      for (;;) {
        const c = this.text[this.i++];
        if (c === undefined) throw new Error('unterminated key');
        if (c === '`') {
          if (this.text[this.i] === '`') {
            out += '`';
            this.i++;
            continue;
          }
          return out;
        }
        out += c;
      }
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.text.slice(this.i));
    if (!m) throw new Error(`expected a key at ${this.i}`);
    this.i += m[0].length;
    return m[0];
  }

  value(): Lit {
    this.ws();
    const c = this.text[this.i];
    if (c === "'") return ['s', this.string()];
    if (c === '[') {
      this.i++;
      const items: Lit[] = [];
      this.ws();
      if (this.text[this.i] === ']') {
        this.i++;
        return items as Norm;
      }
      for (;;) {
        items.push(this.value());
        this.ws();
        if (this.text[this.i] === ',') this.i++;
        else break;
      }
      this.expect(']');
      return items as Norm;
    }
    if (c === '{') {
      this.i++;
      const out: { [key: string]: Lit } = Object.create(null) as { [key: string]: Lit };
      this.ws();
      if (this.text[this.i] === '}') {
        this.i++;
        return out;
      }
      for (;;) {
        const k = this.key();
        this.expect(':');
        out[k] = this.value();
        this.ws();
        if (this.text[this.i] === ',') this.i++;
        else break;
      }
      this.expect('}');
      return out;
    }
    const rest = this.text.slice(this.i);
    const fn = /^(date|datetime|localdatetime)\(/.exec(rest);
    if (fn) {
      this.i += fn[0].length;
      const t = this.string();
      this.expect(')');
      return [fn[1]!, t];
    }
    const word = /^(true|false)\b/.exec(rest);
    if (word) {
      this.i += word[0].length;
      return ['b', word[1] === 'true'];
    }
    const num = /^-?\d+(\.\d+)?([eE][-+]?\d+)?/.exec(rest);
    if (num) {
      this.i += num[0].length;
      const float = num[1] !== undefined || num[2] !== undefined;
      return [float ? 'f' : 'i', Number(num[0])];
    }
    throw new Error(`unexpected literal at ${this.i}: ${rest.slice(0, 40)}`);
  }
}

/** The rows literal of an `UNWIND [ … ] AS row` statement. */
export function unwindRows(statement: string): { [key: string]: Lit }[] {
  if (!statement.startsWith('UNWIND [')) throw new Error('not an UNWIND literal');
  const reader = new CypherLiteral(statement);
  reader.i = 'UNWIND '.length;
  const rows = reader.value();
  if (!Array.isArray(rows)) throw new Error('rows are not a list');
  if (!/^\s*AS row\b/.test(statement.slice(reader.i))) throw new Error('no AS row after the rows');
  return rows as unknown as { [key: string]: Lit }[];
}

// ---- neo4j-admin CSV ----

interface Field {
  text: string;
  quoted: boolean;
}

/** LF records, `"` quoting with doubled quotes; keeps whether a field was quoted. */
export function readAdminCsv(text: string): Field[][] {
  const rows: Field[][] = [];
  let row: Field[] = [];
  let i = 0;
  while (i < text.length) {
    let field: Field;
    if (text[i] === '"') {
      let out = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            out += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        out += text[i++];
      }
      field = { text: out, quoted: true };
    } else {
      let j = i;
      while (j < text.length && text[j] !== ',' && text[j] !== '\n') {
        if (text[j] === '"' || text[j] === '\r')
          throw new Error(`bare ${JSON.stringify(text[j])} at ${j}`);
        j++;
      }
      field = { text: text.slice(i, j), quoted: false };
      i = j;
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text[i] === '\n') {
      rows.push(row);
      row = [];
      i++;
    } else if (i < text.length) throw new Error(`garbage after a field at ${i}`);
  }
  if (row.length) throw new Error('last record not terminated');
  return rows;
}

const HEADER = /^([^:]*)(?::([a-z]+)(\[\])?)?$/;

function typed(text: string, type: string): [string, string | number | boolean] {
  switch (type) {
    case 'string':
      return ['s', text];
    case 'double':
      return ['f', Number(text)];
    case 'long':
      return ['i', Number(text)];
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new Error(`not a boolean: ${text}`);
      return ['b', text === 'true'];
    case 'date':
    case 'datetime':
    case 'localdatetime':
      return [type, text];
    default:
      throw new Error(`unknown column type ${type}`);
  }
}

/**
 * A node or relationship file as rows of normalised properties (kg's own keys included), keyed
 * by the first column (id or start id); throws on a header a property name could have broken.
 */
export function adminRows(text: string): { key: string; props: Record<string, Norm> }[] {
  const [head, ...rows] = readAdminCsv(text);
  if (!head) throw new Error('no header');
  const columns = head.map((f, index) => {
    if (index === 0 || f.text.startsWith(':')) return { key: f.text, type: 'kg', list: false };
    const m = HEADER.exec(f.text);
    if (!m) throw new Error(`bad header field ${f.text}`);
    return { key: m[1]!, type: m[2] ?? 'string', list: m[3] !== undefined };
  });
  const keys = new Set<string>();
  for (const c of columns) {
    if (keys.has(c.key)) throw new Error(`column ${c.key} twice`);
    keys.add(c.key);
  }
  return rows.map((r) => {
    if (r.length !== columns.length)
      throw new Error(`row of ${r.length} fields, header ${columns.length}`);
    const props: Record<string, Norm> = Object.create(null) as Record<string, Norm>;
    r.forEach((field, i) => {
      const c = columns[i]!;
      if (c.type === 'kg') return;
      if (field.text === '' && !field.quoted) return;
      props[c.key] = c.list
        ? field.text.split(ARRAY_DELIMITER).map((t) => typed(t, c.type))
        : typed(field.text, c.type);
    });
    return { key: r[0]!.text, props };
  });
}
