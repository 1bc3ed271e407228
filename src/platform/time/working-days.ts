import Holidays from 'date-holidays';

/**
 * Dutch working days (werkdagen) in Europe/Amsterdam: Monday to Friday, except the public holidays
 * of the Netherlands as the maintained `date-holidays` package lists them (type 'public' only: New
 * Year, Easter and Easter Monday, King's Day — moved to Saturday 26 April when the 27th is a Sunday —,
 * Ascension, Whit Sunday and Monday, Christmas and Boxing Day). Liberation Day (only every five
 * years a day off for many) and Good Friday are not public holidays there, so they count as working days.
 * Dates are plain `yyyy-mm-dd` strings of the Amsterdam calendar.
 */
export const TIME_ZONE = 'Europe/Amsterdam';

const holidaysNl = new Holidays('NL');
const byYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let set = byYear.get(year);
  if (!set) {
    set = new Set(holidaysNl.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    byYear.set(year, set);
  }
  return set;
}

const ymdFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Amsterdam calendar date of an instant, yyyy-mm-dd. */
export function amsterdamDate(instant: Date): string {
  return ymdFormat.format(instant);
}

const parse = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return { y: y!, m: m!, d: d! };
};
const utcDay = (ymd: string) => {
  const { y, m, d } = parse(ymd);
  return new Date(Date.UTC(y, m - 1, d));
};
const toYmd = (d: Date) => d.toISOString().slice(0, 10);

/** The calendar date n days after ymd (n may be negative). */
export function addDays(ymd: string, n: number): string {
  const d = utcDay(ymd);
  d.setUTCDate(d.getUTCDate() + n);
  return toYmd(d);
}

export function isPublicHoliday(ymd: string): boolean {
  return publicHolidays(parse(ymd).y).has(ymd);
}

export function isWorkingDay(ymd: string): boolean {
  const weekday = utcDay(ymd).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(ymd);
}

/** The n-th working day after ymd (ymd itself never counts); n ≥ 1. */
export function addWorkingDays(ymd: string, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError('addWorkingDays needs a whole number of at least 1');
  let day = ymd;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day)) left--;
  }
  return day;
}

/** Minutes Amsterdam is ahead of UTC at this instant (60 in winter, 120 in summer). */
function offsetMinutes(instant: Date): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' }).formatToParts(instant);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
}

/** The instant Amsterdam's day ymd starts (00:00 local). Midnight is never inside a DST change there. */
export function startOfAmsterdamDay(ymd: string): Date {
  const utcMidnight = utcDay(ymd).getTime();
  let guess = utcMidnight - offsetMinutes(new Date(utcMidnight)) * 60_000;
  guess = utcMidnight - offsetMinutes(new Date(guess)) * 60_000;
  return new Date(guess);
}

/** The last millisecond of Amsterdam's day ymd. */
export function endOfAmsterdamDay(ymd: string): Date {
  return new Date(startOfAmsterdamDay(addDays(ymd, 1)).getTime() - 1);
}

/**
 * First-contact deadline: the end (23:59:59.999 Amsterdam time) of the n-th working day after the
 * day the application came in. Received on a Friday evening with n = 2: due at the end of Tuesday.
 */
export function workingDayDeadline(receivedAt: Date, n: number): Date {
  return endOfAmsterdamDay(addWorkingDays(amsterdamDate(receivedAt), n));
}
