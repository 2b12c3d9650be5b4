// Hints for dates that are not ISO 8601: the ISO form when the meaning is clear (`2025-5-22`,
// `22 May 2025`, `Aug 18 2025`), and what is missing when it is not (day/month order, a year,
// a day that does not exist).

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAY = /^(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+/i;
const ISO_ADVICE = 'YYYY-MM-DD (year-month-day)';

/** A month name or its abbreviation (`Aug`, `Sept.`) → 1..12. */
export function monthNumber(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  if (w.length < 3) return undefined;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === 'sept' && m === 'september'));
  return i === -1 ? undefined : i + 1;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function monthName(month: number): string {
  const name = MONTHS[month - 1] ?? '';
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The ISO date for a year, month and day, or why there is none. */
function iso(year: number, month: number, day?: number): { ok: string } | { bad: string } {
  if (month < 1 || month > 12) return { bad: `there is no month ${month}` };
  if (day === undefined) return { ok: `${year}-${pad(month)}` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) {
    return { bad: `${monthName(month)} ${year} has no day ${day} (it has ${days} days)` };
  }
  return { ok: `${year}-${pad(month)}-${pad(day)}` };
}

function verdict(r: { ok: string } | { bad: string }): string {
  if ('bad' in r) return r.bad;
  return `write it as ${r.ok} (${r.ok.length > 7 ? 'year-month-day' : 'year-month'})`;
}

const ORD = '(?:st|nd|rd|th)?';
const DAY_MONTH_YEAR = new RegExp(`^(\\d{1,2})${ORD}\\.?\\s+([A-Za-z]+\\.?),?\\s+(\\d{4})$`);
const MONTH_DAY_YEAR = new RegExp(`^([A-Za-z]+\\.?)\\s+(\\d{1,2})${ORD},?\\s+(\\d{4})$`);
const MONTH_YEAR = /^([A-Za-z]+\.?),?\s+(\d{4})$/;
const DAY_MONTH = new RegExp(`^(\\d{1,2})${ORD}\\.?\\s+([A-Za-z]+\\.?)$`);
const MONTH_DAY = new RegExp(`^([A-Za-z]+\\.?)\\s+(\\d{1,2})${ORD}$`);
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/;
const NUMERIC = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/;
const ISO_SHAPE = /^(\d{4})-(\d{2})(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/;
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;

function written(text: string): string | undefined {
  const t = text.replace(WEEKDAY, '');
  let m = DAY_MONTH_YEAR.exec(t);
  if (m) {
    const month = monthNumber(m[2] ?? '');
    if (month) return verdict(iso(Number(m[3]), month, Number(m[1])));
  }
  m = MONTH_DAY_YEAR.exec(t);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    if (month) return verdict(iso(Number(m[3]), month, Number(m[2])));
  }
  m = MONTH_YEAR.exec(t);
  if (m) {
    const month = monthNumber(m[1] ?? '');
    if (month) return verdict(iso(Number(m[2]), month));
  }
  m = DAY_MONTH.exec(t) ?? MONTH_DAY.exec(t);
  if (m) {
    const [a, b] = [m[1] ?? '', m[2] ?? ''];
    const month = monthNumber(a) ?? monthNumber(b);
    const day = Number(/\d/.test(a) ? a : b);
    if (month)
      return `the date has no year: write it as YYYY-${pad(month)}-${pad(day)} with the year`;
  }
  return undefined;
}

function numeric(text: string): string | undefined {
  let m = YEAR_FIRST.exec(text) ?? COMPACT.exec(text);
  if (m) {
    return verdict(iso(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])));
  }
  m = NUMERIC.exec(text);
  if (!m) return undefined;
  const a = Number(m[1]);
  const b = Number(m[2]);
  const yearText = m[3] ?? '';
  if (yearText.length === 2) {
    return `the year '${yearText}' is ambiguous: write the full year, as ${ISO_ADVICE}`;
  }
  const year = Number(yearText);
  const dayFirst = iso(year, b, a);
  const monthFirst = iso(year, a, b);
  if (a === b) return verdict(dayFirst);
  const lead = 'the order of day and month is ambiguous (it varies by country)';
  if ('ok' in dayFirst && 'ok' in monthFirst) {
    return `${lead}: write ${dayFirst.ok} for ${a} ${monthName(b)} or ${monthFirst.ok} for ${monthName(a)} ${b}`;
  }
  if ('ok' in dayFirst)
    return `${lead}: write ${dayFirst.ok} if you mean ${a} ${monthName(b)} ${year}`;
  if ('ok' in monthFirst)
    return `${lead}: write ${monthFirst.ok} if you mean ${monthName(a)} ${b}, ${year}`;
  return verdict(a > 12 ? dayFirst : monthFirst);
}

/** ISO-shaped but impossible: month 13, February 30, 25 o'clock. */
function impossible(text: string): string | undefined {
  const m = ISO_SHAPE.exec(text);
  if (!m) return undefined;
  const r = iso(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3]));
  if ('bad' in r) return r.bad;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59)) {
    return `${m[4]}:${m[5]}${m[6] === undefined ? '' : `:${m[6]}`} is not a time of day (00:00 to 23:59)`;
  }
  return undefined;
}

/** The hint for a date that parseIsoDate refused. */
export function dateHint(text: string): string {
  const t = text.trim();
  return (
    impossible(t) ??
    numeric(t) ??
    written(t) ??
    `write ${ISO_ADVICE}, or YYYY-MM, YYYY, or a date-time YYYY-MM-DDTHH:MM:SSZ`
  );
}
