// ISO 8601 dates of the YAML language ('2025', '2025-08', '2025-08-18', date-times) mapped to
// XML Schema date/dateTime values, which GEXF's dynamic mode requires.

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Which end of a period a partial date stands for. */
export type Bound = 'start' | 'end';

export interface XsdTime {
  kind: 'date' | 'dateTime';
  value: string;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] ?? 31);
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A partial date becomes the first day of its period as a start and the last day as an end
 * ('2025-08' → 2025-08-01 … 2025-08-31), so a span covers the whole period it names.
 * Date-times gain seconds when missing (xsd:dateTime requires them). Unparsable: undefined.
 */
export function toXsdTime(iso: string, bound: Bound): XsdTime | undefined {
  const date = PARTIAL_DATE.exec(iso);
  if (date) {
    const year = Number(date[1]);
    const month = date[2] === undefined ? (bound === 'start' ? 1 : 12) : Number(date[2]);
    if (month < 1 || month > 12) return undefined;
    const last = daysInMonth(year, month);
    const day = date[3] === undefined ? (bound === 'start' ? 1 : last) : Number(date[3]);
    if (day < 1 || day > last) return undefined;
    return { kind: 'date', value: `${date[1]}-${pad2(month)}-${pad2(day)}` };
  }
  const dt = DATE_TIME.exec(iso);
  if (dt) {
    const [, y, mo, d, h, mi, s, frac, tz] = dt;
    const zone = tz === undefined || tz === 'Z' ? (tz ?? '') : `${tz.slice(0, 3)}:${tz.slice(-2)}`;
    return {
      kind: 'dateTime',
      value: `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${frac ?? ''}${zone}`,
    };
  }
  return undefined;
}

/** A date as a dateTime (for graphs that mix both): midnight for starts, 23:59:59 for ends. */
export function asDateTime(time: XsdTime, bound: Bound): string {
  if (time.kind === 'dateTime') return time.value;
  return `${time.value}T${bound === 'start' ? '00:00:00' : '23:59:59'}`;
}

export interface Spell {
  start?: XsdTime;
  end?: XsdTime;
}

/**
 * The time an edge is visible in Gephi's timeline. `start`/`end` win when present (either may
 * be open); otherwise `date` is the period it names, so '2025-08-18' is that day and
 * '2025-08' the whole month. Undefined when the edge has no usable time.
 */
export function edgeSpell(attrs: {
  date?: unknown;
  start?: unknown;
  end?: unknown;
}): Spell | undefined {
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const startText = str(attrs.start);
  const endText = str(attrs.end);
  let spell: Spell;
  if (startText !== undefined || endText !== undefined) {
    spell = {
      start: startText === undefined ? undefined : toXsdTime(startText, 'start'),
      end: endText === undefined ? undefined : toXsdTime(endText, 'end'),
    };
  } else {
    const date = str(attrs.date);
    if (date === undefined) return undefined;
    spell = { start: toXsdTime(date, 'start'), end: toXsdTime(date, 'end') };
  }
  if (!spell.start && !spell.end) return undefined;
  // An inverted span would make Gephi reject the file; keep the start only.
  if (spell.start && spell.end && asDateTime(spell.start, 'start') > asDateTime(spell.end, 'end'))
    return { start: spell.start };
  return spell;
}
