import { Rng } from './random.js';

/**
 * The figures the generator is built on (seed documents 000/001, ../shared/domain.md):
 * an organisation handles 200–250 families a year; a trajectory lasts ~8 months and takes ~312 hours,
 * ~90% by a volunteer and ~10% by paid staff; a volunteer carries at most 3 families at a time and
 * spends 5–10 hours a week per family.
 */
export const FIGURES = {
  familiesPerYear: { min: 200, max: 250 },
  meanTrajectoryDays: 243, // ≈ 8 months
  meanWeeklyHours: 9, // 243 / 7 × 9 ≈ 312 hours
  volunteerShare: 0.9,
  maxFamiliesPerVolunteer: 3,
  years: 10,
  /** Paid hours a coordinator spends on trajectories in a year (the rest: training, supervision, intake). */
  coordinatorTrajectoryHoursPerYear: 1200,
} as const;

export const SCALES = ['org', 'region', 'national'] as const;
export type Scale = (typeof SCALES)[number];
export const ORGS_PER_SCALE: Record<Scale, number> = { org: 1, region: 10, national: 100 };

export interface Municipality {
  code: string;
  name: string;
  province: string;
  lat: number;
  lon: number;
}

export interface PlannedPerson {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}

export interface PlannedVolunteer extends PlannedPerson {
  location: string;
  /** Stops taking new families after this moment (volunteers come and go). */
  availableUntil: Date;
  active: boolean;
}

/** One family's trajectory (trajectory tables arrive in later issues; they persist this plan). */
export interface PlannedTrajectory {
  /** index of the family (and its parent account) within the organisation */
  family: number;
  municipalityCode: string;
  location: string;
  start: Date;
  end: Date;
  hours: number;
  volunteerHours: number;
  professionalHours: number;
  /** index into OrgPlan.volunteers */
  volunteer: number;
}

export interface OrgPlan {
  index: number;
  orgId: string;
  name: string;
  createdAt: Date;
  locations: Array<{ id: string; name: string; municipalityCode: string }>;
  workArea: Array<{ municipalityCode: string; location: string; funding: 'subsidy' | 'per_trajectory' }>;
  admins: PlannedPerson[];
  coordinators: Array<PlannedPerson & { location: string }>;
  volunteers: PlannedVolunteer[];
  parents: PlannedPerson[];
  funders: Array<PlannedPerson & { municipalityCode: string }>;
  trajectories: PlannedTrajectory[];
}

export interface SeedPlanOptions {
  scale: Scale;
  seed: number;
  municipalities: readonly Municipality[];
  /** The last planned year (default 2025): fixed, so the output never depends on today's date. */
  endYear?: number;
}

const DAY = 86_400_000;

/**
 * Clearly fictional names, generated from syllables (no real person's name by design): first names like
 * "Belira" or "Jotje", surnames like "Klaverdijk" or "van Wolkenhof".
 */
export const FIRST_NAMES: readonly string[] = ['Ar', 'Be', 'Ci', 'Do', 'El', 'Fa', 'Gi', 'Ha', 'Is', 'Jo', 'Ka', 'Lu', 'Mi', 'No', 'Ov', 'Pe', 'Ro', 'Si', 'Ti', 'Ve', 'Wi', 'Ya', 'Za'].flatMap((a) =>
  ['lan', 'mira', 'tje', 'nes', 'ko', 'dine', 'rik', 'sa', 'bo', 'lina'].map((b) => a + b),
);
export const LAST_NAMES: readonly string[] = ['Zonne', 'Klaver', 'Wolken', 'Regen', 'Tulpen', 'Molen', 'Beuken', 'Linden', 'Eiken', 'Duinen', 'Heide', 'Sterren', 'Varen', 'Mossel', 'Hazel'].flatMap((a, i) =>
  ['kamp', 'dijk', 'hof', 'berg', 'veld', 'brink', 'hoeven', 'stee', 'horst', 'laan'].map((b, j) => ((i + j) % 5 === 0 ? 'van ' : '') + a + b),
);

function distanceKm(a: Pick<Municipality, 'lat' | 'lon'>, b: Pick<Municipality, 'lat' | 'lon'>): number {
  const rad = Math.PI / 180;
  const x = (b.lon - a.lon) * rad * Math.cos(((a.lat + b.lat) / 2) * rad);
  const y = (b.lat - a.lat) * rad;
  return Math.sqrt(x * x + y * y) * 6371;
}

/** Whole plan for a scale; pure: same options, same plan. */
export function planSeed(opts: SeedPlanOptions): OrgPlan[] {
  if (opts.municipalities.length < 3) throw new Error('the seed needs the municipalities reference data (migration 0004)');
  const root = new Rng(opts.seed);
  const munis = [...opts.municipalities].sort((a, b) => a.code.localeCompare(b.code));
  const names = new Map<string, number>();
  return Array.from({ length: ORGS_PER_SCALE[opts.scale] }, (_, i) => planOrganisation(root.fork(`org${i}`), i, opts.seed, munis, opts.endYear ?? 2025, names));
}

function chooseLocations(rng: Rng, index: number, munis: readonly Municipality[]): Municipality[] {
  const byCode = (c: string) => munis.find((m) => m.code === c);
  if (index === 0) {
    // The seed document's own organisation: Helmond, Tilburg and 's-Hertogenbosch.
    const fixed = ['GM0794', 'GM0855', 'GM0796'].map(byCode).filter((m): m is Municipality => !!m);
    if (fixed.length === 3) return fixed;
  }
  const first = rng.pick(munis);
  const count = rng.int(1, 3);
  const near = munis
    .filter((m) => m.code !== first.code && distanceKm(first, m) > 12 && distanceKm(first, m) < 45)
    .sort((a, b) => distanceKm(first, a) - distanceKm(first, b) || a.code.localeCompare(b.code));
  const out = [first];
  while (out.length < count && near.length) out.push(near.splice(rng.int(0, Math.min(near.length, 6) - 1), 1)[0]!);
  return out;
}

function person(rng: Rng, id: string, email: string, createdAt: Date): PlannedPerson {
  return { id, email, displayName: `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`, createdAt };
}

function planOrganisation(rng: Rng, index: number, seed: number, munis: readonly Municipality[], endYear: number, names: Map<string, number>): OrgPlan {
  const firstYear = endYear - FIGURES.years + 1;
  const begin = Date.UTC(firstYear, 0, 1);
  const endOfPlan = Date.UTC(endYear + 1, 0, 1);
  const createdAt = new Date(begin - rng.int(30, 365) * DAY);
  const domain = `o${String(index + 1).padStart(3, '0')}.seed${seed}.naast.example`;
  const locMunis = chooseLocations(rng, index, munis);
  const base = `Stichting Naast ${locMunis[0]!.name}`;
  const seen = (names.get(base) ?? 0) + 1;
  names.set(base, seen);
  const name = seen === 1 ? base : `${base} ${seen}`;
  const locations = locMunis.map((m) => ({ id: rng.uuidv7(createdAt.getTime()), name: m.name, municipalityCode: m.code }));

  // Work area: every municipality within reach of a location, linked to the nearest one.
  const radius = rng.int(18, 28);
  const workArea: OrgPlan['workArea'] = [];
  const weights: number[] = [];
  for (const m of munis) {
    let best = 0;
    for (let i = 1; i < locMunis.length; i++) if (distanceKm(m, locMunis[i]!) < distanceKm(m, locMunis[best]!)) best = i;
    const d = distanceKm(m, locMunis[best]!);
    const isLocation = locMunis.some((l) => l.code === m.code);
    if (!isLocation && d > radius) continue;
    workArea.push({ municipalityCode: m.code, location: locMunis[best]!.name, funding: isLocation || rng.next() < 0.35 ? 'subsidy' : 'per_trajectory' });
    weights.push(isLocation ? 4 : 0.4 + rng.next());
  }

  const trajectories: PlannedTrajectory[] = [];
  const parents: PlannedPerson[] = [];
  const plannedStarts: Array<{ start: number; wa: OrgPlan['workArea'][number] }> = [];
  for (let year = firstYear; year <= endYear; year++) {
    const yearStart = Date.UTC(year, 0, 1);
    const yearDays = Math.round((Date.UTC(year + 1, 0, 1) - yearStart) / DAY);
    const families = rng.int(FIGURES.familiesPerYear.min, FIGURES.familiesPerYear.max);
    for (let f = 0; f < families; f++) {
      const start = yearStart + rng.int(0, yearDays - 1) * DAY + rng.int(8 * 60, 17 * 60) * 60_000;
      plannedStarts.push({ start, wa: rng.weighted(workArea, weights) });
    }
  }
  plannedStarts.sort((a, b) => a.start - b.start);

  // Volunteers are recruited when the pool has no room; each carries at most 3 families at once.
  const volunteers: PlannedVolunteer[] = [];
  const running = new Map<number, number[]>(); // volunteer index → end times of current families
  let volunteerSerial = 0;
  const recruit = (location: string, at: number): number => {
    const n = ++volunteerSerial;
    const createdAt = new Date(at - rng.int(14, 90) * DAY);
    const availableUntil = new Date(at + rng.int(2 * 365, 6 * 365) * DAY);
    volunteers.push({ ...person(rng, rng.uuidv7(createdAt.getTime()), `vrijwilliger.${n}@${domain}`, createdAt), location, availableUntil, active: availableUntil.getTime() > endOfPlan });
    running.set(volunteers.length - 1, []);
    return volunteers.length - 1;
  };
  for (const [family, p] of plannedStarts.entries()) {
    const days = Math.round(rng.clampedNormal(FIGURES.meanTrajectoryDays, 60, 150));
    const weekly = rng.clampedNormal(FIGURES.meanWeeklyHours, 1.5, 4);
    const hours = Math.round((days / 7) * weekly);
    const volunteerHours = Math.round(hours * FIGURES.volunteerShare);
    const end = p.start + days * DAY;
    let best = -1;
    let bestLoad = Infinity;
    for (let v = 0; v < volunteers.length; v++) {
      const vol = volunteers[v]!;
      if (vol.location !== p.wa.location || vol.availableUntil.getTime() <= p.start) continue;
      const ends = running.get(v)!.filter((e) => e > p.start);
      running.set(v, ends);
      if (ends.length < FIGURES.maxFamiliesPerVolunteer && ends.length < bestLoad) {
        best = v;
        bestLoad = ends.length;
      }
    }
    // Most volunteers carry one or two families; a third only when recruiting lags.
    if (best < 0 || (bestLoad >= 2 && rng.next() < 0.6)) best = recruit(p.wa.location, p.start);
    running.get(best)!.push(end);
    const createdAt = new Date(p.start - rng.int(1, 10) * DAY);
    parents.push(person(rng, rng.uuidv7(createdAt.getTime()), `ouder.${family + 1}@${domain}`, createdAt));
    trajectories.push({
      family,
      municipalityCode: p.wa.municipalityCode,
      location: p.wa.location,
      start: new Date(p.start),
      end: new Date(end),
      hours,
      volunteerHours,
      professionalHours: hours - volunteerHours,
      volunteer: best,
    });
  }

  const staffAt = (days: number) => new Date(createdAt.getTime() + days * DAY);
  const admins = Array.from({ length: locations.length > 2 ? 2 : 1 }, (_, i) => person(rng, rng.uuidv7(staffAt(i * 40).getTime()), `beheer.${i + 1}@${domain}`, staffAt(i * 40)));
  const coordinators: OrgPlan['coordinators'] = [];
  for (const loc of locations) {
    const profHours = trajectories.filter((t) => t.location === loc.name).reduce((s, t) => s + t.professionalHours, 0) / FIGURES.years;
    const count = Math.max(1, Math.ceil(profHours / FIGURES.coordinatorTrajectoryHoursPerYear));
    for (let i = 0; i < count; i++) {
      const at = staffAt(10 + coordinators.length * 20);
      coordinators.push({ ...person(rng, rng.uuidv7(at.getTime()), `coordinator.${coordinators.length + 1}@${domain}`, at), location: loc.name });
    }
  }
  const funders = workArea.map((w, i) => {
    const at = staffAt(30 + i);
    return { ...person(rng, rng.uuidv7(at.getTime()), `gemeente.${w.municipalityCode.toLowerCase()}@${domain}`, at), municipalityCode: w.municipalityCode };
  });

  return { index, orgId: rng.uuidv7(createdAt.getTime()), name, createdAt, locations, workArea, admins, coordinators, volunteers, parents, funders, trajectories };
}

/** Most families any volunteer carries at one moment (for checks and tests). */
export function maxConcurrentPerVolunteer(plan: OrgPlan): number {
  const events = new Map<number, Array<[number, number]>>();
  for (const t of plan.trajectories) {
    const list = events.get(t.volunteer) ?? [];
    list.push([t.start.getTime(), 1], [t.end.getTime(), -1]);
    events.set(t.volunteer, list);
  }
  let max = 0;
  for (const list of events.values()) {
    list.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // an end before a start at the same moment
    let n = 0;
    for (const [, d] of list) max = Math.max(max, (n += d));
  }
  return max;
}
