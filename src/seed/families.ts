import type { applicationChildren, applicationCounters, applicationPeople, applications, intakes, referrerNotices } from '../modules/intake/tables.js';
import type { matches, volunteerProfiles } from '../modules/matching/tables.js';
import type { trajectories } from '../modules/trajectories/tables.js';
import { FIGURES, FIRST_NAMES, LAST_NAMES, type Municipality, type OrgPlan } from './plan.js';
import { Rng } from './random.js';
import { amsterdamDate, workingDayDeadline } from '../platform/time/working-days.js';
import { matchKey, surnameWords } from '../modules/intake/matchkey.js';
import {
  planLegalWork,
  planTrajectoryWork,
  type AgreementRow,
  type ContactRow,
  type DeadlineRow,
  type DecisionRow,
  type DocumentRow,
  type FamilyMapRow,
  type HelpQuestionRow,
  type MeasureRow,
  type MeetingRow,
  type PhaseEventRow,
  type ScoreRow,
  type TrajectoryWorkInput,
} from './trajectory-work.js';

/**
 * The families of one planned organisation as rows of the intake, matching and trajectory tables.
 * Pure: the same plan, seed and `now` give the same rows.
 *
 * Time: the plan covers ten fixed years (so its ids never depend on today's date). Its trajectories are
 * moved forward by whole days so that the plan's horizon (1 January after its last year) falls on `now`;
 * then families are still running today, volunteers carry a real caseload, and the current slice
 * (new and contacted applications with their first-contact deadlines, the waiting list) lies around now.
 *
 * Every planned trajectory is an application that went all the way: received, contacted, intake
 * accepted, matched (accepted match), trajectory row. Around them: applications referred elsewhere or
 * declined at intake, a few merged duplicates, and today's open work. Names are clearly fictional
 * (generated from syllables); e-mail addresses use example.org; no BSN anywhere.
 */

export type ApplicationRow = typeof applications.$inferInsert;
export type PersonRow = typeof applicationPeople.$inferInsert;
export type ChildRow = typeof applicationChildren.$inferInsert;
export type IntakeRow = typeof intakes.$inferInsert;
export type NoticeRow = typeof referrerNotices.$inferInsert;
export type CounterRow = typeof applicationCounters.$inferInsert;
export type ProfileRow = typeof volunteerProfiles.$inferInsert;
export type MatchRow = typeof matches.$inferInsert;
export type TrajectoryRow = typeof trajectories.$inferInsert;

export interface OrgFamilies {
  /** Per-trajectory municipalities of the work area that have a purchase agreement (inkoopafspraak). */
  purchaseAgreements: Set<string>;
  applications: ApplicationRow[];
  people: PersonRow[];
  children: ChildRow[];
  intakes: IntakeRow[];
  notices: NoticeRow[];
  counters: CounterRow[];
  profiles: ProfileRow[];
  matches: MatchRow[];
  trajectories: TrajectoryRow[];
  /** The work inside each trajectory (./trajectory-work.ts), in foreign-key order. */
  phaseEvents: PhaseEventRow[];
  familyMap: FamilyMapRow[];
  helpQuestions: HelpQuestionRow[];
  scores: ScoreRow[];
  meetings: MeetingRow[];
  contacts: ContactRow[];
  agreements: AgreementRow[];
  /** Measures, decisions, deadlines and documents' metadata (./trajectory-work.ts planLegalWork), in foreign-key order. */
  measures: MeasureRow[];
  decisions: DecisionRow[];
  deadlines: DeadlineRow[];
  documents: DocumentRow[];
}

export interface FamilyOptions {
  seed: number;
  /** The moment the data is "today": open work lies around it. */
  now: Date;
  municipalities: readonly Municipality[];
  /** The plan's last year (planSeed's endYear; default 2025). */
  endYear?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Share of measures over all children (orientation: CBS 2024, OTS far the most common; see domain.md). */
const MEASURE_SHARES: Array<[string, number]> = [
  ['ots', 0.46],
  ['out_of_home_authorised', 0.2],
  ['out_of_home_unauthorised', 0.03],
  ['guardianship', 0.14],
  ['none', 0.07],
  ['voluntary', 0.07],
  ['youth_probation', 0.03],
];
const REFERRERS: Array<[string, number]> = [
  ['self', 0.36],
  ['cvp', 0.1],
  ['district_team', 0.18],
  ['youth_protection', 0.12],
  ['care_provider', 0.08],
  ['lawyer', 0.08],
  ['school', 0.05],
  ['other', 0.03],
];
const LANGUAGES: Array<[string, number]> = [
  ['nl', 0.84],
  ['en', 0.04],
  ['ar', 0.04],
  ['tr', 0.04],
  ['pl', 0.02],
  ['so', 0.01],
  ['ti', 0.01],
];
/** Fictional institutions (as a parent would type them). */
const GIS = ['GI Zuidwest (fictief)', 'GI Oost-Brabant (fictief)', 'GI Gelderland-Midden (fictief)', 'GI Limburg-Noord (fictief)', 'Landelijke GI (fictief)'];
const PROVIDERS = ['Jeugdhulp Het Baken', 'Pleegzorg De Brug', 'Gezinshuis De Horizon', 'Kinder- en jeugdpsychiatrie Zuid', 'Residentiële zorg De Linde', 'Jeugdhulp De Meander', 'Opvoedpoli Noordoost'];
const CONFLICTS = [
  'Wij begrijpen niet waarom de omgang met onze kinderen is beperkt.',
  'De jeugdbeschermer luistert niet naar ons en afspraken worden niet nagekomen.',
  'Ons kind is uit huis geplaatst en wij weten niet wat we moeten doen om het terug te krijgen.',
  'Er komt een zitting aan en wij snappen het rapport niet.',
  'De hulpverlening wisselt steeds van persoon; wij willen één vast aanspreekpunt.',
  'Wij zijn het niet eens met de schriftelijke aanwijzing.',
  'Na de scheiding lopen de gesprekken met de gezinsvoogd steeds vast.',
  'Wij willen weten wat onze rechten zijn bij de verlenging van de OTS.',
];
const HELP_QUESTIONS = [
  'Begrijpen wat er in het plan van aanpak staat',
  'Voorbereiden op het gesprek met de jeugdbeschermer',
  'Meer omgang met de kinderen',
  'Een verweerschrift schrijven voor de zitting',
  'Rustig blijven in gesprekken met hulpverleners',
  'Weten welke rechten en plichten wij hebben',
  'Een nieuwe start maken met een andere hulpverlener',
  'Contact met andere ouders die dit hebben meegemaakt',
];
const GOALS = ['Weer samenwerken met de jeugdbescherming.', 'De kinderen vaker zien.', 'Zelf de gesprekken kunnen voeren.', 'Duidelijkheid over de verlenging.'];
const REFERRALS = ['Cliëntvertrouwenspersoon (CVP)', 'Wijkteam', 'Juridisch loket', 'Advocaat jeugdrecht', 'Helpdesk op afstand', 'Organisatie in eigen regio'];
const DECLINE_REASONS = ['Geen conflict met jeugdhulp of jeugdbescherming.', 'Ouder wil geen ondersteuning na het kennismakingsgesprek.', 'Vraag past niet bij wat wij doen.'];
const SAFE_NOTES = ['Niet bellen voor 17:00 uur.', 'Geen post naar het huisadres.', 'Alleen mailen, niet bellen.', 'Niet inspreken op de voicemail.'];
const REFERRER_ORGS: Record<string, string[]> = {
  cvp: ['CVP-team Zuid (fictief)'],
  district_team: ['Wijkteam Centrum (fictief)', 'Wijkteam Noord (fictief)', 'Sociaal team Oost (fictief)'],
  youth_protection: GIS,
  care_provider: PROVIDERS,
  lawyer: ['Advocatenkantoor Klaverdijk (fictief)', 'Jeugdrecht Advocaten (fictief)'],
  school: ['Basisschool De Regenboog (fictief)', 'Scholengemeenschap Wolkenberg (fictief)'],
  other: ['Huisartsenpraktijk (fictief)'],
};

const deadlines = new Map<string, number>();
/**
 * First-contact deadline as the intake module sets it (platform/time: end of the n-th Dutch working day
 * after the day of arrival, Amsterdam time); memoised per arrival day, the seed asks for it ~270,000 times.
 */
export function firstContactDue(receivedAt: number, workingDays = 2): number {
  const day = amsterdamDate(new Date(receivedAt));
  const key = `${day}:${workingDays}`;
  let due = deadlines.get(key);
  if (due === undefined) {
    due = workingDayDeadline(new Date(receivedAt), workingDays).getTime();
    deadlines.set(key, due);
  }
  return due;
}

/**
 * applications.match_key exactly as the intake module computes it (modules/intake/matchkey.ts:
 * municipality, the sorted surname words of every parent/carer, the sorted distinct birth years), so
 * the seeded families take part in duplicate detection like real ones.
 */
export function matchKeyOf(municipalityCode: string, lastNames: readonly string[], birthYears: readonly number[]): string {
  return matchKey(municipalityCode, lastNames, birthYears);
}

/** Whole days between the plan's horizon and `now` (negative if now is earlier). */
export function planShiftMs(now: Date, endYear = 2025): number {
  return Math.floor((now.getTime() - Date.UTC(endYear + 1, 0, 1)) / DAY) * DAY;
}

interface Family {
  first: string;
  last: string;
  partner: { first: string; last: string; relation: 'parent' | 'carer' } | null;
  children: Array<{ firstName: string; birthYear: number; measure: string }>;
  municipalityCode: string;
}

export function planFamilies(org: OrgPlan, opts: FamilyOptions): OrgFamilies {
  const now = opts.now.getTime();
  const shift = planShiftMs(opts.now, opts.endYear);
  const root = new Rng(`families:${opts.seed}:${org.index}`);
  const orgId = org.orgId;
  const locId = new Map(org.locations.map((l) => [l.name, l.id]));
  const coordinatorsAt = new Map<string, string[]>();
  for (const c of org.coordinators) coordinatorsAt.set(c.location, [...(coordinatorsAt.get(c.location) ?? []), c.id]);
  const anyCoordinator = org.coordinators.map((c) => c.id);
  const staffOf = (rng: Rng, location: string | null) => rng.pick((location && coordinatorsAt.get(location)) || anyCoordinator);
  const wa = new Map(org.workArea.map((w) => [w.municipalityCode, w]));
  const outside = opts.municipalities.filter((m) => !wa.has(m.code)).map((m) => m.code).sort();

  const waRng = root.fork('work-area');
  const purchaseAgreements = new Set(org.workArea.filter((w) => w.funding === 'per_trajectory' && waRng.next() < 0.8).map((w) => w.municipalityCode));

  const out: OrgFamilies = { purchaseAgreements, applications: [], people: [], children: [], intakes: [], notices: [], counters: [], profiles: [], matches: [], trajectories: [], phaseEvents: [], familyMap: [], helpQuestions: [], scores: [], meetings: [], contacts: [], agreements: [], measures: [], decisions: [], deadlines: [], documents: [] };
  const families = new Map<string, Family>(); // application id → family (for duplicates)

  const officeTime = (rng: Rng, dayMs: number) => {
    const d = Math.floor(dayMs / DAY) * DAY;
    return d + rng.int(7 * 60, 16 * 60) * MINUTE; // 08:00–17:00 in the Netherlands, roughly
  };
  const pickWeighted = (rng: Rng, xs: Array<[string, number]>) => rng.weighted(xs.map((x) => x[0]), xs.map((x) => x[1]));

  const makeFamily = (rng: Rng, municipalityCode: string, atMs: number, names?: { first: string; last: string }): Family => {
    const year = new Date(atMs).getUTCFullYear();
    const last = names?.last ?? rng.pick(LAST_NAMES);
    const first = names?.first ?? rng.pick(FIRST_NAMES);
    const partner = rng.next() < 0.4 ? { first: rng.pick(FIRST_NAMES), last: rng.next() < 0.5 ? last : rng.pick(LAST_NAMES), relation: (rng.next() < 0.8 ? 'parent' : 'carer') as 'parent' | 'carer' } : null;
    const n = rng.weighted([1, 2, 3, 4], [0.5, 0.32, 0.14, 0.04]);
    const children = Array.from({ length: n }, () => ({ firstName: rng.pick(FIRST_NAMES), birthYear: year - rng.int(0, 17), measure: pickWeighted(rng, MEASURE_SHARES) }));
    return { first, last, partner, children, municipalityCode };
  };

  /** One application row with its people and children; returns the row (status and dates as given). */
  const addApplication = (
    rng: Rng,
    f: Family,
    a: {
      receivedAt: number;
      status: ApplicationRow['status'];
      location: string | null;
      firstContactAt?: number | null;
      acceptedAt?: number | null;
      hearingDate?: string | null;
      parentUserId?: string | null;
      duplicateOf?: string | null;
      resolution?: 'merged' | 'kept_apart' | null;
      financingNeeded?: boolean;
    },
  ): ApplicationRow => {
    const id = rng.uuidv7(a.receivedAt);
    const referrerType = pickWeighted(rng, REFERRERS);
    const self = referrerType === 'self';
    const channel = self ? rng.weighted(['public_form', 'phone', 'mail'], [0.7, 0.2, 0.1]) : rng.weighted(['referrer', 'phone', 'mail', 'other'], [0.6, 0.22, 0.15, 0.03]);
    const location = a.location;
    const w = wa.get(f.municipalityCode);
    const gi = f.children.some((c) => c.measure !== 'none' && c.measure !== 'voluntary');
    const institutions = [
      ...(gi ? [{ kind: 'gi', name: rng.pick(GIS) }] : []),
      ...Array.from({ length: rng.weighted([0, 1, 2], [0.35, 0.45, 0.2]) }, () => ({ kind: 'provider', name: rng.pick(PROVIDERS) })),
    ].filter((x, i, all) => all.findIndex((y) => y.name === x.name) === i);
    const refName = self ? null : `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    const row: ApplicationRow = {
      orgId,
      id,
      reference: '', // numbered per year once every application is known
      channel,
      referrerType,
      referrerName: refName,
      referrerOrganisation: self ? null : rng.pick(REFERRER_ORGS[referrerType] ?? REFERRER_ORGS.other!),
      referrerEmail: self ? null : `verwijzer.${rng.int(1, 9999)}@example.org`,
      referrerPhone: self || rng.next() < 0.5 ? null : `06-00${String(rng.int(0, 999_999)).padStart(6, '0')}`,
      parentAgreedToReferral: !self,
      referrerMayBeTold: !self && rng.next() < 0.7,
      municipalityCode: f.municipalityCode,
      postcode: rng.next() < 0.8 ? `${rng.int(4000, 6999)} ${String.fromCharCode(65 + rng.int(0, 25))}${String.fromCharCode(65 + rng.int(0, 25))}` : null,
      locationId: location ? locId.get(location)! : null,
      queue: location ? 'location' : 'helpdesk',
      funding: w ? w.funding : null,
      financingNeeded: a.financingNeeded ?? false,
      suggestedReferral: location ? null : 'Organisatie in eigen regio',
      conflictSummary: rng.pick(CONFLICTS),
      institutions,
      preferredLanguage: pickWeighted(rng, LANGUAGES),
      hearingDate: a.hearingDate ?? null,
      urgencyNote: a.hearingDate ? 'Zitting bij de kinderrechter.' : null,
      consentAt: new Date(a.receivedAt),
      privacyStatementVersion: '2025-01',
      receivedAt: new Date(a.receivedAt),
      firstContactDueAt: new Date(firstContactDue(a.receivedAt)),
      firstContactAt: a.firstContactAt ? new Date(a.firstContactAt) : null,
      firstContactBy: a.firstContactAt ? staffOf(rng, location) : null,
      reminderSentAt: null,
      status: a.status,
      acceptedAt: a.acceptedAt ? new Date(a.acceptedAt) : null,
      possibleDuplicateOf: a.duplicateOf ?? null,
      duplicateResolution: a.resolution ?? null,
      mergedInto: a.resolution === 'merged' ? a.duplicateOf! : null,
      parentUserId: a.parentUserId ?? null,
      matchKey: matchKeyOf(f.municipalityCode, [f.last, ...(f.partner ? [f.partner.last] : [])], f.children.map((c) => c.birthYear)),
      createdBy: channel === 'public_form' ? null : staffOf(rng, location),
      createdAt: new Date(a.receivedAt),
      updatedAt: new Date(Math.max(a.receivedAt, a.firstContactAt ?? 0, a.acceptedAt ?? 0)),
    };
    out.applications.push(row);
    families.set(id, f);
    const mail = (first: string, last: string) => `${surnameWords(first).join('')}.${surnameWords(last).join('')}${rng.int(1, 99)}@example.org`;
    out.people.push({
      orgId,
      applicationId: id,
      id: rng.uuidv7(a.receivedAt),
      position: 1,
      relation: 'parent',
      firstName: f.first,
      lastName: f.last,
      email: rng.next() < 0.9 ? mail(f.first, f.last) : null,
      phone: `06-00${String(rng.int(0, 999_999)).padStart(6, '0')}`,
      safeContactNote: rng.next() < 0.15 ? rng.pick(SAFE_NOTES) : null,
    });
    if (f.partner) {
      out.people.push({
        orgId,
        applicationId: id,
        id: rng.uuidv7(a.receivedAt),
        position: 2,
        relation: f.partner.relation,
        firstName: f.partner.first,
        lastName: f.partner.last,
        email: rng.next() < 0.6 ? mail(f.partner.first, f.partner.last) : null,
        phone: rng.next() < 0.6 ? `06-00${String(rng.int(0, 999_999)).padStart(6, '0')}` : null,
        safeContactNote: null,
      });
    }
    f.children.forEach((c, i) => out.children.push({ orgId, applicationId: id, id: rng.uuidv7(a.receivedAt), position: i + 1, ...c }));
    if (!self && row.referrerMayBeTold) out.notices.push({ orgId, applicationId: id, kind: 'received', sentAt: new Date(a.receivedAt + rng.int(5, 600) * MINUTE) });
    return row;
  };

  const addIntake = (rng: Rng, app: ApplicationRow, heldAt: number, decidedAt: number, decision: IntakeRow['decision'], location: string | null) => {
    out.intakes.push({
      orgId,
      applicationId: app.id,
      heldAt: new Date(heldAt),
      helpQuestions: Array.from({ length: rng.int(1, 3) }, () => rng.pick(HELP_QUESTIONS)).filter((q, i, all) => all.indexOf(q) === i),
      goals: rng.pick(GOALS),
      risks: rng.next() < 0.3 ? 'Spanning tussen de ouders; gesprekken apart voeren.' : '',
      decision,
      referredTo: decision === 'refer' ? (location ? rng.pick(REFERRALS) : 'Organisatie in eigen regio') : null,
      decisionReason: decision === 'decline' ? rng.pick(DECLINE_REASONS) : decision === 'refer' ? 'Enkelvoudige vraag, past bij 1–4 gesprekken.' : null,
      decidedBy: staffOf(rng, location),
      decidedAt: new Date(decidedAt),
      createdAt: new Date(decidedAt),
    });
  };

  // ---- the planned trajectories: applications that went all the way ---------------------------------
  const running = new Map<number, number>(); // volunteer index → families running now
  const volunteerLocations = org.volunteers.map((v) => v.location);
  const hist = root.fork('trajectories');
  // Its own stream (not forked from root), so the rows above stay exactly what they were before it existed.
  const workRng = new Rng(`work:${opts.seed}:${org.index}`);
  // And the legal work and documents their own again (added later: the work rows above stay as they were).
  const legalRng = new Rng(`legal:${opts.seed}:${org.index}`);
  const historicMatched: ApplicationRow[] = [];
  for (const t of org.trajectories) {
    const rng = hist;
    const start = t.start.getTime() + shift;
    const end = t.end.getTime() + shift;
    const confirmedAt = officeTime(rng, start - rng.int(1, 6) * DAY);
    const straight = rng.next() < 0.2; // straight to matching, no waiting list
    const decidedAt = officeTime(rng, confirmedAt - (straight ? rng.int(2, 10) : rng.int(14, 90)) * DAY);
    const heldAt = decidedAt - rng.int(0, 2) * DAY;
    const firstContactAt = officeTime(rng, heldAt - rng.int(3, 14) * DAY);
    const receivedAt = firstContactAt - rng.int(2, rng.next() < 0.9 ? 40 : 90) * HOUR;
    const hasHearing = rng.next() < 0.3;
    const hearing = hasHearing ? new Date(receivedAt + rng.int(10, 120) * DAY).toISOString().slice(0, 10) : null;
    const parent = org.parents[t.family]!;
    const [first, ...rest] = parent.displayName.split(' ');
    const f = makeFamily(rng, t.municipalityCode, receivedAt, { first: first!, last: rest.join(' ') });
    const app = addApplication(rng, f, { receivedAt, status: 'matched', location: t.location, firstContactAt, acceptedAt: decidedAt, hearingDate: hearing, parentUserId: parent.id });
    addIntake(rng, app, heldAt, decidedAt, straight ? 'accept_matching' : 'accept_waiting', t.location);
    const volunteer = org.volunteers[t.volunteer]!;
    if (rng.next() < 0.06) {
      // An earlier proposal the volunteer declined (another volunteer of the location).
      const others = org.volunteers.filter((v, i) => i !== t.volunteer && v.location === t.location);
      if (others.length) {
        const at = confirmedAt - rng.int(3, 10) * DAY;
        out.matches.push({ orgId, id: rng.uuidv7(at), applicationId: app.id, volunteerUserId: rng.pick(others).id, status: 'declined', score: rng.int(40, 85), reasons: [], confirmedBy: staffOf(rng, t.location), confirmedAt: new Date(at), respondedAt: new Date(at + rng.int(1, 48) * HOUR), declineReason: 'Past nu niet in mijn agenda.', createdAt: new Date(at) });
      }
    }
    out.matches.push({ orgId, id: rng.uuidv7(confirmedAt), applicationId: app.id, volunteerUserId: volunteer.id, status: 'accepted', score: rng.int(55, 98), reasons: [], confirmedBy: staffOf(rng, t.location), confirmedAt: new Date(confirmedAt), respondedAt: new Date(start), declineReason: null, createdAt: new Date(confirmedAt) });
    const ended = end <= now;
    if (!ended && start <= now) running.set(t.volunteer, (running.get(t.volunteer) ?? 0) + 1);
    const progress = (now - start) / (end - start);
    const phase = ended ? 'ended' : progress < 0.03 ? 'intake_done' : progress < 0.2 ? 'clarifying' : progress < 0.75 ? 'support' : progress < 0.95 ? 'building_down' : 'closing';
    const trajectory: TrajectoryRow = { orgId, id: rng.uuidv7(start), applicationId: app.id, locationId: locId.get(t.location)!, leadVolunteerId: volunteer.id, coachUserId: staffOf(rng, t.location), phase, startedAt: new Date(start), endedAt: ended ? new Date(end) : null, createdAt: new Date(start), updatedAt: new Date(ended ? end : start) };
    const workInput: TrajectoryWorkInput = {
      orgId,
      trajectoryId: trajectory.id,
      startMs: start,
      endMs: end,
      now,
      ended,
      volunteerHours: t.volunteerHours,
      professionalHours: t.professionalHours,
      volunteerId: volunteer.id,
      coachId: trajectory.coachUserId!,
      parents: [{ name: `${f.first} ${f.last}`, relation: 'parent' }, ...(f.partner ? [{ name: `${f.partner.first} ${f.partner.last}`, relation: f.partner.relation }] : [])],
      children: f.children,
      institutions: app.institutions ?? [],
      intakeQuestions: out.intakes.at(-1)!.helpQuestions ?? [],
    };
    const work = planTrajectoryWork(workRng, workInput);
    const legal = planLegalWork(legalRng, workInput);
    out.trajectories.push({ ...trajectory, ...work.columns, updatedAt: ended ? trajectory.updatedAt : work.columns.updatedAt });
    out.phaseEvents.push(...work.phaseEvents);
    out.familyMap.push(...work.familyMap);
    out.helpQuestions.push(...work.helpQuestions);
    out.scores.push(...work.scores);
    out.meetings.push(...work.meetings);
    out.contacts.push(...work.contacts);
    out.agreements.push(...work.agreements);
    out.measures.push(...legal.measures);
    out.decisions.push(...legal.decisions);
    out.deadlines.push(...legal.deadlines);
    out.documents.push(...legal.documents);
    if (app.referrerMayBeTold) {
      out.notices.push({ orgId, applicationId: app.id, kind: 'started', sentAt: new Date(start + rng.int(1, 48) * HOUR) });
      if (ended) out.notices.push({ orgId, applicationId: app.id, kind: 'ended', sentAt: new Date(end + rng.int(1, 72) * HOUR) });
    }
    historicMatched.push(app);
  }

  // ---- referred, declined and merged applications over the same years ------------------------------
  const other = root.fork('other');
  const firstStart = org.trajectories.length ? org.trajectories[0]!.start.getTime() + shift : now - FIGURES.years * 365 * DAY;
  const inWorkArea = org.trajectories.map((t) => t.municipalityCode); // weighted like the real families
  const locationOf = (code: string) => wa.get(code)?.location ?? null;
  const extra = Math.round(org.trajectories.length * 0.15);
  for (let i = 0; i < extra; i++) {
    const rng = other;
    const receivedAt = firstStart + Math.floor(rng.next() * (now - 45 * DAY - firstStart));
    const helpdesk = outside.length > 0 && rng.next() < 0.25;
    const code = helpdesk ? rng.pick(outside) : rng.pick(inWorkArea);
    const location = helpdesk ? null : locationOf(code);
    const f = makeFamily(rng, code, receivedAt);
    const firstContactAt = receivedAt + rng.int(2, 60) * HOUR;
    const decline = !helpdesk && rng.next() < 0.3;
    const app = addApplication(rng, f, { receivedAt, status: decline ? 'declined' : 'referred', location, firstContactAt });
    const decidedAt = firstContactAt + rng.int(1, 14) * DAY;
    addIntake(rng, app, decidedAt, decidedAt, decline ? 'decline' : 'refer', location);
  }
  // A few applications turned out to be a family already known: merged into the earlier one.
  const dupRng = root.fork('merged');
  const mergedCount = Math.round(historicMatched.length * 0.01);
  for (let i = 0; i < mergedCount; i++) {
    const orig = dupRng.pick(historicMatched);
    const f = families.get(orig.id)!;
    const receivedAt = (orig.receivedAt as Date).getTime() + dupRng.int(1, 20) * HOUR;
    addApplication(dupRng, f, { receivedAt, status: 'merged', location: locationOf(f.municipalityCode), duplicateOf: orig.id, resolution: 'merged', firstContactAt: receivedAt + dupRng.int(1, 20) * HOUR });
  }

  // ---- today: the inbox (new, contacted) and the waiting list --------------------------------------
  const cur = root.fork('current');
  const financing = (code: string) => wa.get(code)?.funding === 'per_trajectory' && !purchaseAgreements.has(code);
  const newCount = cur.int(4, 14);
  for (let i = 0; i < newCount; i++) {
    const rng = cur;
    // Most arrived in the last two days; some have waited a week: deadlines from overdue to the day after tomorrow.
    const receivedAt = now - rng.int(10, (rng.next() < 0.7 ? 2 : 7) * 24 * 60) * MINUTE;
    const helpdesk = outside.length > 0 && rng.next() < 0.1;
    const dup = !helpdesk && historicMatched.length > 0 && rng.next() < 0.08 ? rng.pick(historicMatched) : null;
    const code = dup ? dup.municipalityCode : helpdesk ? rng.pick(outside) : rng.pick(inWorkArea);
    const f = dup ? { ...families.get(dup.id)! } : makeFamily(rng, code, receivedAt);
    addApplication(rng, f, { receivedAt, status: 'new', location: helpdesk ? null : locationOf(code), duplicateOf: dup?.id ?? null, financingNeeded: financing(code) });
  }
  const contactedCount = cur.int(6, 18);
  for (let i = 0; i < contactedCount; i++) {
    const rng = cur;
    const receivedAt = now - rng.int(1, 21) * DAY - rng.int(0, 23 * 60) * MINUTE;
    const code = rng.pick(inWorkArea);
    const due = firstContactDue(receivedAt);
    const firstContactAt = Math.min(now - HOUR, rng.next() < 0.9 ? receivedAt + Math.floor(rng.next() * (due - receivedAt)) : due + rng.int(1, 30) * HOUR);
    addApplication(rng, makeFamily(rng, code, receivedAt), { receivedAt, status: 'contacted', location: locationOf(code), firstContactAt: Math.max(firstContactAt, receivedAt + MINUTE), financingNeeded: financing(code) });
  }

  // Volunteer profiles first: pending matches of the waiting list need their free room.
  const vol = root.fork('volunteers');
  const pending = new Map<number, number>();
  const maxOf = org.volunteers.map((_, i) => ((running.get(i) ?? 0) <= 2 && vol.next() < 0.1 ? 2 : 3));
  const waitingCount = cur.int(20, 60);
  for (let i = 0; i < waitingCount; i++) {
    const rng = cur;
    const receivedAt = now - rng.int(21, 150) * DAY - rng.int(0, 23 * 60) * MINUTE;
    const code = rng.pick(inWorkArea);
    const location = locationOf(code)!;
    const firstContactAt = receivedAt + rng.int(2, 50) * HOUR;
    const decidedAt = Math.min(now - DAY, officeTime(rng, firstContactAt + rng.int(4, 18) * DAY));
    const hearing = rng.next() < 0.35 ? new Date(now + rng.int(-3, 150) * DAY).toISOString().slice(0, 10) : null;
    const matching = rng.next() < 0.25;
    const app = addApplication(rng, makeFamily(rng, code, receivedAt), { receivedAt, status: matching ? 'matching' : 'waiting', location, firstContactAt, acceptedAt: decidedAt, hearingDate: hearing, financingNeeded: financing(code) });
    addIntake(rng, app, decidedAt - rng.int(0, 1) * DAY, decidedAt, matching ? 'accept_matching' : 'accept_waiting', location);
    if (matching && rng.next() < 0.5) {
      // Proposed to a volunteer of the location with room; waiting for their answer.
      const free = org.volunteers.map((v, idx) => ({ v, idx })).filter(({ v, idx }) => v.active && volunteerLocations[idx] === location && (running.get(idx) ?? 0) + (pending.get(idx) ?? 0) < maxOf[idx]!);
      if (free.length) {
        const { v, idx } = rng.pick(free);
        const at = Math.min(now - HOUR, decidedAt + rng.int(1, 6) * DAY);
        pending.set(idx, (pending.get(idx) ?? 0) + 1);
        out.matches.push({ orgId, id: rng.uuidv7(at), applicationId: app.id, volunteerUserId: v.id, status: 'pending', score: rng.int(50, 95), reasons: [], confirmedBy: staffOf(rng, location), confirmedAt: new Date(at), respondedAt: null, declineReason: null, createdAt: new Date(at) });
      }
    }
  }

  org.volunteers.forEach((v, idx) => {
    const rng = vol;
    const home = org.locations.find((l) => l.name === v.location)!.municipalityCode;
    const reach = org.workArea.filter((w) => w.location === v.location).map((w) => w.municipalityCode);
    const travel = reach.filter(() => rng.next() < 0.7);
    const languages = ['nl', ...(rng.next() < 0.3 ? [rng.weighted(['en', 'ar', 'tr', 'pl', 'so'], [0.5, 0.15, 0.15, 0.12, 0.08])] : [])];
    out.profiles.push({
      orgId,
      userId: v.id,
      homeMunicipalityCode: rng.next() < 0.6 ? home : rng.pick(reach.length ? reach : [home]),
      travelMunicipalities: travel.length ? travel : [home],
      hoursPerWeek: rng.int(5, 10),
      maxFamilies: maxOf[idx]!,
      activeFamilies: (running.get(idx) ?? 0) + (pending.get(idx) ?? 0),
      measureExperience: MEASURE_SHARES.filter(([, share]) => rng.next() < share + 0.15).map(([m]) => m),
      institutionExperience: [...GIS, ...PROVIDERS].filter(() => rng.next() < 0.2),
      languages,
      conflictInstitutions: rng.next() < 0.05 ? [rng.pick(PROVIDERS)] : [],
      conflictApplicationIds: [],
      createdAt: v.createdAt,
      updatedAt: v.createdAt,
    });
  });

  // ---- reference numbers: A-<year>-<n>, per year in order of arrival; counters continue after them --
  const ordered = [...out.applications].sort((a, b) => (a.receivedAt as Date).getTime() - (b.receivedAt as Date).getTime() || a.id.localeCompare(b.id));
  const lastOf = new Map<number, number>();
  for (const a of ordered) {
    const year = Number(amsterdamDate(a.receivedAt as Date).slice(0, 4));
    const n = (lastOf.get(year) ?? 0) + 1;
    lastOf.set(year, n);
    a.reference = `A-${year}-${String(n).padStart(5, '0')}`;
  }
  out.counters = [...lastOf].map(([year, last]) => ({ orgId, year, last }));
  return out;
}
