import { describe, expect, it } from 'vitest';
import { haversineKm, makeDistance } from './distance.js';
import { rankVolunteers, scorePair, type FamilyForMatching, type Reason, type VolunteerForMatching } from './scoring.js';

// Centres as in drizzle/0004_municipalities.sql.
const EINDHOVEN = 'GM0772';
const HELMOND = 'GM0794';
const TILBURG = 'GM0855';
const DEN_BOSCH = 'GM0796';
const MAASTRICHT = 'GM0935';
const distance = makeDistance([
  { code: EINDHOVEN, lat: 51.44, lon: 5.48 },
  { code: HELMOND, lat: 51.48, lon: 5.66 },
  { code: TILBURG, lat: 51.56, lon: 5.09 },
  { code: DEN_BOSCH, lat: 51.7, lon: 5.3 },
  { code: MAASTRICHT, lat: 50.85, lon: 5.69 },
]);

const LOCATION_HELMOND = 'loc-helmond';
const LOCATION_TILBURG = 'loc-tilburg';

const family = (over: Partial<FamilyForMatching> = {}): FamilyForMatching => ({
  id: 'fam-1',
  municipalityCode: HELMOND,
  locationId: LOCATION_HELMOND,
  measures: ['ots', 'out_of_home_authorised'],
  institutions: ['Jeugdbescherming Brabant'],
  language: 'nl',
  priority: 2,
  ...over,
});

const volunteer = (over: Partial<VolunteerForMatching> = {}): VolunteerForMatching => ({
  userId: 'vol-1',
  locationIds: [LOCATION_HELMOND],
  homeMunicipalityCode: EINDHOVEN,
  travelMunicipalities: [EINDHOVEN, HELMOND],
  hoursPerWeek: 8,
  maxFamilies: 3,
  activeFamilies: 1,
  measureExperience: ['ots'],
  institutionExperience: ['  jeugdbescherming   BRABANT '],
  languages: ['nl'],
  conflictInstitutions: [],
  conflictApplicationIds: [],
  ...over,
});

const reason = (rs: Reason[], code: Reason['code']) => rs.find((r) => r.code === code)!;

describe('distance', () => {
  it('is the haversine distance between municipality centres', () => {
    // One degree of latitude is about 111.2 km on the mean-radius sphere.
    expect(haversineKm(51, 5, 52, 5)).toBeCloseTo(111.19, 1);
    expect(distance(EINDHOVEN, HELMOND)).toBeCloseTo(13.24, 2);
    expect(distance(HELMOND, EINDHOVEN)).toBeCloseTo(13.24, 2);
    expect(distance(EINDHOVEN, MAASTRICHT)).toBeCloseTo(67.2, 1);
  });

  it('is 0 within a municipality and null for an unknown code', () => {
    expect(distance(TILBURG, TILBURG)).toBe(0);
    expect(distance(TILBURG, 'GM9999')).toBeNull();
    expect(distance('GM9999', 'GM9999')).toBeNull();
    expect(makeDistance([{ code: 'X', lat: Number.NaN, lon: 5 }])('X', 'X')).toBeNull();
  });
});

describe('scorePair', () => {
  it('explains the score with points and details', () => {
    const p = scorePair(family(), volunteer(), distance);
    expect(p.exclusions).toEqual([]);
    expect(p.volunteerUserId).toBe('vol-1');
    // 13.2 km: 30 × (1 − 13.24/50) = 22.06 → 22.
    expect(reason(p.reasons, 'distance')).toEqual({ code: 'distance', points: 22, detail: { km: 13.2 } });
    // One of the two measures: 25 × 1/2 = 12.5 → 13.
    expect(reason(p.reasons, 'measure')).toEqual({ code: 'measure', points: 13, detail: { matched: 1, of: 2 } });
    // The institution, despite case and spaces.
    expect(reason(p.reasons, 'institution')).toEqual({ code: 'institution', points: 15, detail: { matched: 1, of: 1 } });
    expect(reason(p.reasons, 'language')).toEqual({ code: 'language', points: 10, detail: { language: 'nl', spoken: 1 } });
    expect(reason(p.reasons, 'hours')).toEqual({ code: 'hours', points: 8, detail: { hours: 8 } });
    // 2 of 3 places free: 10 × 2/3 → 7.
    expect(reason(p.reasons, 'caseload')).toEqual({ code: 'caseload', points: 7, detail: { active: 1, max: 3 } });
    expect(p.score).toBe(22 + 13 + 15 + 10 + 8 + 7);
    expect(p.reasons.map((r) => r.code)).toEqual(['distance', 'measure', 'institution', 'language', 'hours', 'caseload']);
  });

  it('gives the full score to a perfect fit and stays within 0..100', () => {
    const p = scorePair(
      family({ municipalityCode: EINDHOVEN }),
      volunteer({ activeFamilies: 0, hoursPerWeek: 12, measureExperience: ['ots', 'out_of_home_authorised'] }),
      distance,
    );
    expect(p.score).toBe(100);
    const worst = scorePair(
      family({ municipalityCode: MAASTRICHT, locationId: LOCATION_HELMOND, language: 'ar' }),
      volunteer({ activeFamilies: 2, maxFamilies: 2 + 1, hoursPerWeek: 0, measureExperience: [], institutionExperience: [] }),
      distance,
    );
    expect(worst.exclusions).toEqual([]); // in area through the location
    expect(reason(worst.reasons, 'distance').points).toBe(0); // 67 km
    expect(worst.score).toBe(0 + 0 + 0 + 0 + 0 + 3);
  });

  it('closer is better', () => {
    const near = scorePair(family({ municipalityCode: EINDHOVEN }), volunteer({ travelMunicipalities: [EINDHOVEN, TILBURG] }), distance);
    const far = scorePair(family({ municipalityCode: TILBURG }), volunteer({ travelMunicipalities: [EINDHOVEN, TILBURG] }), distance);
    expect(reason(near.reasons, 'distance')).toEqual({ code: 'distance', points: 30, detail: { km: 0 } });
    expect(reason(far.reasons, 'distance').points).toBe(12); // 30.1 km → 30 × 0.398 = 11.9
    expect(near.score).toBeGreaterThan(far.score);
  });

  it('an unknown distance is neutral and says so by leaving out km', () => {
    const p = scorePair(family(), volunteer({ homeMunicipalityCode: null }), distance);
    expect(reason(p.reasons, 'distance')).toEqual({ code: 'distance', points: 15 });
    const unknownCode = scorePair(family({ municipalityCode: 'GM9999', locationId: null }), volunteer({ travelMunicipalities: ['GM9999'] }), distance);
    expect(reason(unknownCode.reasons, 'distance')).toEqual({ code: 'distance', points: 15 });
    expect(unknownCode.exclusions).toEqual([]);
  });

  it('measure "none" asks no expertise; no measures or institutions give full points', () => {
    const p = scorePair(family({ measures: ['none', 'none'], institutions: [] }), volunteer({ measureExperience: [], institutionExperience: [] }), distance);
    expect(reason(p.reasons, 'measure')).toEqual({ code: 'measure', points: 25, detail: { matched: 0, of: 0 } });
    expect(reason(p.reasons, 'institution')).toEqual({ code: 'institution', points: 15, detail: { matched: 0, of: 0 } });
    const twice = scorePair(family({ measures: ['ots', 'ots', 'guardianship'] }), volunteer({ measureExperience: ['ots'] }), distance);
    expect(reason(twice.reasons, 'measure').detail).toEqual({ matched: 1, of: 2 });
  });

  it('language is a soft reason: Dutch by default, another language scores when spoken', () => {
    const arabic = family({ language: 'ar' });
    const dutchOnly = scorePair(arabic, volunteer(), distance);
    expect(dutchOnly.exclusions).toEqual([]);
    expect(reason(dutchOnly.reasons, 'language')).toEqual({ code: 'language', points: 0, detail: { language: 'ar', spoken: 0 } });
    const speaks = scorePair(arabic, volunteer({ languages: ['nl', 'AR'] }), distance);
    expect(reason(speaks.reasons, 'language').points).toBe(10);
    expect(speaks.score - dutchOnly.score).toBe(10);
    // Empty preference means Dutch; a volunteer without languages speaks Dutch.
    expect(reason(scorePair(family({ language: '' }), volunteer({ languages: [] }), distance).reasons, 'language')).toEqual({
      code: 'language',
      points: 10,
      detail: { language: 'nl', spoken: 1 },
    });
  });

  it('more hours and fewer families score higher', () => {
    expect(reason(scorePair(family(), volunteer({ hoursPerWeek: 5 }), distance).reasons, 'hours').points).toBe(5);
    expect(reason(scorePair(family(), volunteer({ hoursPerWeek: 30 }), distance).reasons, 'hours').points).toBe(10);
    const load = (activeFamilies: number) => reason(scorePair(family(), volunteer({ activeFamilies }), distance).reasons, 'caseload').points;
    expect([load(0), load(1), load(2)]).toEqual([10, 7, 3]);
  });

  describe('hard exclusions', () => {
    it('full caseload', () => {
      const p = scorePair(family(), volunteer({ activeFamilies: 3 }), distance);
      expect(p.exclusions).toEqual([{ code: 'full' }]);
      expect(p.score).toBe(0);
      expect(p.reasons).toHaveLength(6); // still explained
      expect(scorePair(family(), volunteer({ activeFamilies: 0, maxFamilies: 0 }), distance).exclusions).toEqual([{ code: 'full' }]);
    });

    it('conflict with the family', () => {
      expect(scorePair(family(), volunteer({ conflictApplicationIds: ['other', 'fam-1'] }), distance).exclusions).toEqual([{ code: 'conflict_family' }]);
      expect(scorePair(family(), volunteer({ conflictApplicationIds: ['other'] }), distance).exclusions).toEqual([]);
    });

    it('conflict with one of its institutions, names compared case- and space-insensitively', () => {
      const f = family({ institutions: ['Pleegzorg Zuid', 'Jeugdbescherming Brabant'] });
      expect(scorePair(f, volunteer({ conflictInstitutions: [' JEUGDBESCHERMING  brabant'] }), distance).exclusions).toEqual([{ code: 'conflict_institution' }]);
      expect(scorePair(f, volunteer({ conflictInstitutions: ['Jeugdbescherming Gelderland'] }), distance).exclusions).toEqual([]);
    });

    it('out of area: not home, not a travel municipality, not the family’s location', () => {
      const away = volunteer({ homeMunicipalityCode: TILBURG, travelMunicipalities: [TILBURG], locationIds: [LOCATION_TILBURG] });
      expect(scorePair(family(), away, distance).exclusions).toEqual([{ code: 'out_of_area' }]);
      // Home municipality counts without being in the travel list.
      expect(scorePair(family({ municipalityCode: TILBURG, locationId: null }), away, distance).exclusions).toEqual([]);
      // A travel municipality.
      expect(scorePair(family(), { ...away, travelMunicipalities: [TILBURG, HELMOND] }, distance).exclusions).toEqual([]);
      // The family's location is one of the volunteer's.
      expect(scorePair(family(), { ...away, locationIds: [LOCATION_TILBURG, LOCATION_HELMOND] }, distance).exclusions).toEqual([]);
      // A family without a location: only municipalities count.
      expect(scorePair(family({ locationId: null }), { ...away, locationIds: [LOCATION_HELMOND] }, distance).exclusions).toEqual([{ code: 'out_of_area' }]);
    });

    it('lists every exclusion that applies', () => {
      const p = scorePair(
        family(),
        volunteer({ activeFamilies: 3, conflictApplicationIds: ['fam-1'], conflictInstitutions: ['jeugdbescherming brabant'], travelMunicipalities: [], homeMunicipalityCode: TILBURG, locationIds: [] }),
        distance,
      );
      expect(p.exclusions.map((e) => e.code)).toEqual(['full', 'conflict_family', 'conflict_institution', 'out_of_area']);
      expect(p.score).toBe(0);
    });
  });
});

describe('rankVolunteers', () => {
  it('puts suitable volunteers first by score, excluded ones last', () => {
    const vs = [
      volunteer({ userId: 'full', activeFamilies: 3 }),
      volunteer({ userId: 'far', homeMunicipalityCode: TILBURG, travelMunicipalities: [HELMOND] }),
      volunteer({ userId: 'near', homeMunicipalityCode: HELMOND }),
      volunteer({ userId: 'conflict', homeMunicipalityCode: HELMOND, conflictApplicationIds: ['fam-1'] }),
      volunteer({ userId: 'mid' }),
    ];
    const ranked = rankVolunteers(family(), vs, distance);
    expect(ranked.map((p) => p.volunteerUserId)).toEqual(['near', 'mid', 'far', 'conflict', 'full']);
    expect(ranked.slice(0, 3).every((p) => p.exclusions.length === 0)).toBe(true);
    const scores = ranked.slice(0, 3).map((p) => p.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(ranked.slice(3).every((p) => p.exclusions.length > 0 && p.score === 0)).toBe(true);
  });
});
