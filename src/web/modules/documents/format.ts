/** Sizes and dates as people read them: "230 kB", "1,4 MB"; "6 dec. 2026". */
export function formatSize(bytes: number, lang: string): string {
  const locale = lang === 'en' ? 'en-GB' : 'nl-NL';
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, Math.round(bytes / 1024)))} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

export function formatDay(isoOrDate: string, lang: string): string {
  const d = new Date(isoOrDate.length === 10 ? `${isoOrDate}T12:00:00Z` : isoOrDate);
  if (Number.isNaN(d.getTime())) return isoOrDate;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeZone: 'Europe/Amsterdam' }).format(d);
}

const TYPE_WORDS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/png': 'image',
  'image/jpeg': 'image',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'word',
};
/** The key under documents.types for a detected type. */
export const typeKey = (mime: string) => TYPE_WORDS[mime] ?? 'other';
