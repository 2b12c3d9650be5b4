// ISO 8601 dates as the language accepts them: YYYY, YYYY-MM, YYYY-MM-DD, or a date-time.

const DATE_RE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;

export type DatePrecision = 'year' | 'month' | 'day' | 'datetime';

export interface ParsedDate {
  /** Normalised text (a space before the time becomes 'T'). */
  text: string;
  precision: DatePrecision;
  year: number;
  month?: number;
  day?: number;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses an ISO 8601 date; undefined when the text is not a valid date. */
export function parseIsoDate(text: string): ParsedDate | undefined {
  const m = DATE_RE.exec(text.trim());
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (month !== undefined && day !== undefined && (day < 1 || day > daysInMonth(year, month))) {
    return undefined;
  }
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
    return undefined;
  }
  const precision: DatePrecision =
    m[4] !== undefined
      ? 'datetime'
      : day !== undefined
        ? 'day'
        : month !== undefined
          ? 'month'
          : 'year';
  const result: ParsedDate = { text: text.trim().replace(' ', 'T'), precision, year };
  if (month !== undefined) result.month = month;
  if (day !== undefined) result.day = day;
  return result;
}

/** Orders two ISO dates of any precision by their first instant (for start ≤ end checks). */
export function compareIsoDates(a: string, b: string): number {
  const pad = (s: string) => (s + '0000-01-01T00:00:00'.slice(s.length)).slice(0, 19);
  const x = pad(a);
  const y = pad(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
