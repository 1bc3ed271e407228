/**
 * How well a volunteer fits a family: a score 0..100 built from explainable parts (reasons), and the
 * hard exclusions that rule a volunteer out. Pure functions, no database; the solver (solver.ts)
 * uses the same point rules through the exported *Points helpers, so a score in a proposal is the
 * score the ranking for one family shows.
 *
 * Points (integers, sum 100):
 *  - distance 30: home municipality centre to the family's municipality centre, 30 at 0 km, falling
 *    linearly to 0 at 50 km (12 km → 23). Unknown (no home municipality, or a code without
 *    coordinates): 15, neither reward nor penalty; the reason then has no `km` detail.
 *  - measure 25: the share of the family's measures (OTS, guardianship, …; "none" does not count) the
 *    volunteer has experience with. A family without a measure needs no such expertise: full points.
 *  - institution 15: the share of the family's institutions the volunteer knows (names compared
 *    case-insensitively, trimmed, inner spaces collapsed). No institutions: full points.
 *  - language 10: the volunteer speaks the family's preferred language (default Dutch). A soft
 *    reason, not an exclusion: many parents who prefer another language get along in Dutch or with an
 *    interpreter, and a hard rule would leave them waiting longest; the coordinator sees "+0".
 *  - hours 10: hours available per week, 1 point per hour up to 10 (5–10 is typical).
 *  - caseload 10: the share of free places (maxFamilies − activeFamilies) / maxFamilies, to spread
 *    the load: 3 free of 3 → 10, 2 of 3 → 7, 1 of 3 → 3.
 *
 * Exclusions: full (activeFamilies ≥ maxFamilies), conflict_family (the family is in the volunteer's
 * conflicts), conflict_institution (one of the family's institutions is in the volunteer's
 * conflicts), out_of_area (the family's municipality is neither the volunteer's home nor one they
 * travel to, and the family's location — if it has one — is not one of the volunteer's locations).
 * The code 'language' exists in the contract but is never produced (see above).
 */

export interface FamilyForMatching {
  id: string;
  municipalityCode: string;
  locationId: string | null;
  measures: string[];
  institutions: string[];
  /** ISO 639-1; empty means Dutch. */
  language: string;
  priority: 1 | 2 | 3;
}

export interface VolunteerForMatching {
  userId: string;
  locationIds: string[];
  homeMunicipalityCode: string | null;
  travelMunicipalities: string[];
  hoursPerWeek: number;
  maxFamilies: number;
  activeFamilies: number;
  measureExperience: string[];
  institutionExperience: string[];
  /** Empty means Dutch only. */
  languages: string[];
  conflictInstitutions: string[];
  conflictApplicationIds: string[];
}

/**
 * One part of a score. detail per code: distance { km } (one decimal; absent when unknown), measure
 * and institution { matched, of }, language { language, spoken: 1|0 }, hours { hours },
 * caseload { active, max }.
 */
export type Reason = { code: 'distance' | 'measure' | 'institution' | 'language' | 'hours' | 'caseload'; points: number; detail?: Record<string, string | number> };
export type Exclusion = { code: 'full' | 'conflict_family' | 'conflict_institution' | 'out_of_area' | 'language' };
/**
 * score 0..100 (an integer); an excluded volunteer (exclusions.length > 0) has score 0, while its
 * reasons still show how it would have fitted.
 */
export interface PairScore {
  volunteerUserId: string;
  score: number;
  reasons: Reason[];
  exclusions: Exclusion[];
}

export type DistanceFn = (a: string, b: string) => number | null;

export const WEIGHTS = { distance: 30, measure: 25, institution: 15, language: 10, hours: 10, caseload: 10 } as const;
/** Distance at which the distance points reach 0. */
export const ZERO_POINTS_KM = 50;
/** Hours per week that earn the full hours points. */
export const FULL_HOURS = 10;
export const DEFAULT_LANGUAGE = 'nl';
/** A family's measure that asks no expertise. */
const NO_MEASURE = 'none';

/** Institution names as people type them: case, outer and doubled spaces do not matter. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function normaliseLanguage(code: string | null | undefined): string {
  const c = (code ?? '').trim().toLowerCase();
  return c === '' ? DEFAULT_LANGUAGE : c;
}

/** The family's measures that ask for expertise: distinct, without "none". */
export function relevantMeasures(measures: readonly string[]): string[] {
  const out = new Set<string>();
  for (const m of measures) {
    const n = m.trim().toLowerCase();
    if (n !== '' && n !== NO_MEASURE) out.add(n);
  }
  return [...out];
}

/** Distinct normalised institution names. */
export function normalisedInstitutions(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const n of names) {
    const k = normaliseName(n);
    if (k !== '') out.add(k);
  }
  return [...out];
}

export function volunteerLanguages(languages: readonly string[]): string[] {
  return languages.length === 0 ? [DEFAULT_LANGUAGE] : languages.map((l) => normaliseLanguage(l));
}

export function distancePoints(km: number | null): number {
  if (km === null || !Number.isFinite(km)) return Math.round(WEIGHTS.distance / 2);
  return Math.round(WEIGHTS.distance * Math.max(0, 1 - km / ZERO_POINTS_KM));
}

/** Points for a share of matched items; nothing asked → full points. */
export function sharePoints(weight: number, matched: number, of: number): number {
  return of === 0 ? weight : Math.round((weight * matched) / of);
}

export function languagePoints(spoken: boolean): number {
  return spoken ? WEIGHTS.language : 0;
}

export function hoursPoints(hoursPerWeek: number): number {
  const h = Number.isFinite(hoursPerWeek) ? Math.min(Math.max(hoursPerWeek, 0), FULL_HOURS) : 0;
  return Math.round((WEIGHTS.hours * h) / FULL_HOURS);
}

export function caseloadPoints(activeFamilies: number, maxFamilies: number): number {
  if (!(maxFamilies > 0)) return 0;
  const free = Math.min(maxFamilies, Math.max(0, maxFamilies - activeFamilies));
  return Math.round((WEIGHTS.caseload * free) / maxFamilies);
}

/** Places the volunteer can still take. */
export function freeCapacity(v: Pick<VolunteerForMatching, 'maxFamilies' | 'activeFamilies'>): number {
  const free = Math.floor(v.maxFamilies) - Math.floor(v.activeFamilies);
  return Number.isFinite(free) && free > 0 ? free : 0;
}

/** Whether the volunteer may work in the family's area (see out_of_area above). */
export function inArea(f: Pick<FamilyForMatching, 'municipalityCode' | 'locationId'>, v: Pick<VolunteerForMatching, 'homeMunicipalityCode' | 'travelMunicipalities' | 'locationIds'>): boolean {
  if (v.homeMunicipalityCode === f.municipalityCode) return true;
  if (v.travelMunicipalities.includes(f.municipalityCode)) return true;
  return f.locationId !== null && v.locationIds.includes(f.locationId);
}

export function scorePair(f: FamilyForMatching, v: VolunteerForMatching, distanceKm: DistanceFn): PairScore {
  const exclusions: Exclusion[] = [];
  if (freeCapacity(v) === 0) exclusions.push({ code: 'full' });
  if (v.conflictApplicationIds.includes(f.id)) exclusions.push({ code: 'conflict_family' });
  const familyInstitutions = normalisedInstitutions(f.institutions);
  const conflicts = new Set(normalisedInstitutions(v.conflictInstitutions));
  if (familyInstitutions.some((i) => conflicts.has(i))) exclusions.push({ code: 'conflict_institution' });
  if (!inArea(f, v)) exclusions.push({ code: 'out_of_area' });

  const km = v.homeMunicipalityCode === null ? null : distanceKm(f.municipalityCode, v.homeMunicipalityCode);
  const known = km !== null && Number.isFinite(km);
  const measures = relevantMeasures(f.measures);
  const experience = new Set(relevantMeasures(v.measureExperience));
  const measuresMatched = measures.filter((m) => experience.has(m)).length;
  const knows = new Set(normalisedInstitutions(v.institutionExperience));
  const institutionsMatched = familyInstitutions.filter((i) => knows.has(i)).length;
  const language = normaliseLanguage(f.language);
  const spoken = volunteerLanguages(v.languages).includes(language);

  const reasons: Reason[] = [
    { code: 'distance', points: distancePoints(known ? km : null), ...(known ? { detail: { km: Math.round(km * 10) / 10 } } : {}) },
    { code: 'measure', points: sharePoints(WEIGHTS.measure, measuresMatched, measures.length), detail: { matched: measuresMatched, of: measures.length } },
    { code: 'institution', points: sharePoints(WEIGHTS.institution, institutionsMatched, familyInstitutions.length), detail: { matched: institutionsMatched, of: familyInstitutions.length } },
    { code: 'language', points: languagePoints(spoken), detail: { language, spoken: spoken ? 1 : 0 } },
    { code: 'hours', points: hoursPoints(v.hoursPerWeek), detail: { hours: v.hoursPerWeek } },
    { code: 'caseload', points: caseloadPoints(v.activeFamilies, v.maxFamilies), detail: { active: v.activeFamilies, max: v.maxFamilies } },
  ];
  const fit = reasons.reduce((s, r) => s + r.points, 0);
  return { volunteerUserId: v.userId, score: exclusions.length > 0 ? 0 : fit, reasons, exclusions };
}

/** The fit as if nothing excluded the volunteer (the sum of the reasons' points). */
export function fitOf(p: PairScore): number {
  return p.reasons.reduce((s, r) => s + r.points, 0);
}

/**
 * All volunteers for one family: suitable ones first, best score first; excluded ones after, the
 * best fit first. Ties keep the input order (stable sort).
 */
export function rankVolunteers(f: FamilyForMatching, vs: VolunteerForMatching[], distanceKm: DistanceFn): PairScore[] {
  const scored = vs.map((v) => {
    const p = scorePair(f, v, distanceKm);
    return { p, excluded: p.exclusions.length > 0, fit: fitOf(p) };
  });
  scored.sort((a, b) => Number(a.excluded) - Number(b.excluded) || b.p.score - a.p.score || b.fit - a.fit);
  return scored.map((s) => s.p);
}
