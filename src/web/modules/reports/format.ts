// Dates as people in Naast read them: in Europe/Amsterdam, in words, whatever the browser's zone.
const locale = (lang: string) => (lang.startsWith('en') ? 'en-GB' : 'nl-NL');

/** "dinsdag 8 december 2026 om 14:00" */
export function formatWhen(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale(lang), { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(d);
}

/** "8 december 2026" */
export function formatDate(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'Europe/Amsterdam' }).format(d);
}
