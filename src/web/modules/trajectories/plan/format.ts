// Dates as the people who use Naast read them: in Europe/Amsterdam, in words ("8 december 2026"),
// whatever time zone the browser happens to be in.

const ZONE = 'Europe/Amsterdam';
const locale = (lang: string) => (lang.startsWith('en') ? 'en-GB' : 'nl-NL');

/** Today in Amsterdam as yyyy-mm-dd (the default for "recorded on"). */
export function todayAmsterdam(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A calendar day (yyyy-mm-dd) in words: "8 december 2026". */
export function formatDay(date: string, lang: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(d);
}

/** A month and year in words: "maart 2026" (for the chart's summary sentence). */
export function formatMonth(date: string, lang: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(locale(lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}

/** A short day for the chart's axis: "8 dec." */
export function formatShortDay(date: string, lang: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(d);
}

/** A moment with weekday and time in Amsterdam: "dinsdag 8 december 2026 om 14:00". */
export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale(lang), { dateStyle: 'full', timeStyle: 'short', timeZone: ZONE }).format(d);
}

function wallClock(ms: number): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
}

/**
 * A date and time typed as Amsterdam wall-clock time → ISO 8601 with the offset of that moment
 * (+01:00 in winter, +02:00 in summer). Undefined when either part is missing or malformed.
 */
export function amsterdamDateTime(date: string, time: string): string | undefined {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const tm = /^(\d{2}):(\d{2})$/.exec(time.trim());
  if (!dm || !tm) return undefined;
  const wanted = Date.UTC(Number(dm[1]), Number(dm[2]) - 1, Number(dm[3]), Number(tm[1]), Number(tm[2]));
  // The offset at the guessed instant, corrected once (enough around the DST switch).
  let offset = wallClock(wanted) - wanted;
  offset = wallClock(wanted - offset) - (wanted - offset);
  const minutes = Math.round(offset / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.trim()}T${time.trim()}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A form's text: trimmed, or undefined when empty (optional fields are left out of the request). */
export const text = (v: unknown): string | undefined => {
  const s = String(v ?? '').trim();
  return s === '' ? undefined : s;
};
