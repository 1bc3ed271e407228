/**
 * Duplicate detection without keeping raw data in the key: municipality, the normalised words of the
 * last names (no diacritics, no particles like "van", "de", "der") and the children's birth years.
 * Format: `GM0794|berg jansen|2012 2015`. Two applications of one municipality are suspected
 * duplicates when they share a last-name word and a birth year.
 */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', 't', 'ten', 'ter', 'te', 'in', 'op', 'd', 'la', 'le', 'du', 'da', 'di', 'von', 'vd', 'v']);

export function surnameWords(lastName: string): string[] {
  return lastName
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !PARTICLES.has(w));
}

export function matchKey(municipalityCode: string, lastNames: readonly string[], birthYears: readonly number[]): string {
  const words = [...new Set(lastNames.flatMap(surnameWords))].sort();
  const years = [...new Set(birthYears)].sort((a, b) => a - b);
  return `${municipalityCode}|${words.join(' ')}|${years.join(' ')}`;
}

function parts(key: string): { municipality: string; words: Set<string>; years: Set<string> } {
  const [municipality = '', words = '', years = ''] = key.split('|');
  return { municipality, words: new Set(words.split(' ').filter(Boolean)), years: new Set(years.split(' ').filter(Boolean)) };
}

/** Same municipality, a common last-name word and a common birth year. */
export function keysOverlap(a: string, b: string): boolean {
  const x = parts(a);
  const y = parts(b);
  if (x.municipality !== y.municipality) return false;
  const shares = (p: Set<string>, q: Set<string>) => [...p].some((v) => q.has(v));
  return shares(x.words, y.words) && shares(x.years, y.years);
}

/** The LIKE prefix that finds the candidates of one municipality (codes are GM + digits: no wildcards). */
export const keyPrefix = (municipalityCode: string) => `${municipalityCode}|`;
