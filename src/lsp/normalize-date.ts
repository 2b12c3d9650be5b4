// Dates as people write them, to ISO 8601 (the "normalise a date" quick fix). Returns every
// reading: `03/04/2025` is 3 April or March 4, and the user picks.
import { monthNumber as month } from '../language/date-hints.js';
import { parseIsoDate } from '../language/dates.js';

const pad = (n: number) => String(n).padStart(2, '0');

function iso(year: number, m?: number, day?: number): string | undefined {
  const text =
    m === undefined
      ? String(year)
      : day === undefined
        ? `${year}-${pad(m)}`
        : `${year}-${pad(m)}-${pad(day)}`;
  return year >= 1000 && year <= 9999 && parseIsoDate(text) ? text : undefined;
}

export function normalizeDate(input: string): string[] {
  const text = input.trim().replace(/(\d)(st|nd|rd|th)\b/gi, '$1');
  const out: string[] = [];
  const push = (s: string | undefined) => {
    if (s && !out.includes(s)) out.push(s);
  };
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$/.exec(text))) {
    push(iso(Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])));
  } else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text))) {
    const [a, b, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    // Day first (most of the world, and always with dots), then month first (US).
    push(iso(y, b, a));
    if (m[0].includes('/')) push(iso(y, a, b));
  } else if ((m = /^(\d{1,2})\s+([A-Za-z.]+),?\s+(\d{4})$/.exec(text))) {
    const mo = month(m[2]!);
    if (mo) push(iso(Number(m[3]), mo, Number(m[1])));
  } else if ((m = /^([A-Za-z.]+)\s+(\d{1,2}),?\s+(\d{4})$/.exec(text))) {
    const mo = month(m[1]!);
    if (mo) push(iso(Number(m[3]), mo, Number(m[2])));
  } else if ((m = /^([A-Za-z.]+),?\s+(\d{4})$/.exec(text))) {
    const mo = month(m[1]!);
    if (mo) push(iso(Number(m[2]), mo));
  }
  return out;
}
