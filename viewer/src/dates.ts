// ISO dates of any precision ('2025', '2025-08', '2025-08-18', date-times) as day
// intervals, so a relation dated '2025' overlaps every day of 2025.
const DAY = 86_400_000;

export type DayRange = [number, number];

/** Days since 1970-01-01 for the first and last day the ISO value covers; null if unparsable. */
export function isoToDays(iso: string): DayRange | null {
  const m = /^(-?\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (m[3] !== undefined && m[2] !== undefined) {
    const d = Math.floor(Date.UTC(year, Number(m[2]) - 1, Number(m[3])) / DAY);
    return [d, d];
  }
  if (m[2] !== undefined) {
    const month = Number(m[2]) - 1;
    return [
      Math.floor(Date.UTC(year, month, 1) / DAY),
      Math.floor(Date.UTC(year, month + 1, 1) / DAY) - 1,
    ];
  }
  return [Math.floor(Date.UTC(year, 0, 1) / DAY), Math.floor(Date.UTC(year + 1, 0, 1) / DAY) - 1];
}

export function daysToIso(days: number): string {
  return new Date(days * DAY).toISOString().slice(0, 10);
}

export interface Dated {
  date?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
}

/** The interval a relation covers: [start|date, end|date]; open-ended when only start is known. */
export function relationInterval(attrs: Dated): DayRange | null {
  const from = attrs.start ?? attrs.date;
  const to = attrs.end ?? attrs.date;
  // The timeline and the time filter read every relation's interval after each change (100k
  // relations: 200k dates parsed); an interval is kept with its attributes object while the
  // strings it came from are the same.
  const known = intervals.get(attrs);
  if (known && known.from === from && known.to === to) return known.range;
  const lo = from ? isoToDays(from) : null;
  const hi = to ? isoToDays(to) : null;
  const range: DayRange | null = lo || hi ? [lo ? lo[0] : -Infinity, hi ? hi[1] : Infinity] : null;
  intervals.set(attrs, { from, to, range });
  return range;
}

/** Callers read the ranges, never change them: one array per attributes object. */
const intervals = new WeakMap<
  Dated,
  { from: string | undefined; to: string | undefined; range: DayRange | null }
>();

/** Human form of a relation's time: "2025-02-28", "2019 – 2024", "since 2000-05-07". */
export function formatWhen(attrs: Dated): string {
  if (attrs.start && attrs.end) return `${attrs.start} – ${attrs.end}`;
  if (attrs.start) return `since ${attrs.start}`;
  if (attrs.end) return `until ${attrs.end}`;
  return attrs.date ?? '';
}
