// A strict little RFC 4180 reader for tests: quoted fields, doubled quotes, CRLF records,
// line breaks inside quotes. Throws on a stray quote, so sloppy output cannot pass. `newline`
// '\n' reads files that end records with LF (LibreOffice's CSV output).
export function parseCsv(text: string, newline: '\r\n' | '\n' = '\r\n'): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const endField = (): void => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += q;
        i++;
      }
      const next = text[i];
      if (next !== ',' && next !== newline[0] && next !== undefined)
        throw new Error(`garbage after quoted field at ${i}`);
      continue;
    }
    if (c === '"') throw new Error(`stray quote at ${i}`);
    if (c === ',') {
      endField();
      i++;
    } else if (text.startsWith(newline, i)) {
      endField();
      rows.push(row);
      row = [];
      i += newline.length;
    } else if (c === '\n' || c === '\r') {
      throw new Error(`bare line break outside quotes at ${i}`);
    } else {
      field += c;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('last record not terminated by a newline');
  return rows;
}
