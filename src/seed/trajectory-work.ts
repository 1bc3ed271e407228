import type { documents } from '../modules/documents/tables.js';
import { remindAtFor } from '../modules/legal/remind-time.js';
import type { childMeasures, courtDecisions, deadlines } from '../modules/legal/tables.js';
import type { agreements, familyMapMembers, helpQuestions, meetings, selfRelianceScores, trajectoryContacts, trajectoryPhaseEvents } from '../modules/trajectories/tables.js';
import { computeDeadlines, plusDays, plusMonths, ruleByCode, triggerOfDecision, type TDecisionKind } from '../shared/legal.js';
import { FIRST_NAMES, LAST_NAMES } from './plan.js';
import type { Rng } from './random.js';

/**
 * The daily work inside one seeded trajectory (issue 5): phase events, the Houvast family map, help
 * questions with self-reliance scores, meetings with professionals, the contact log and agreements,
 * plus the columns the trajectory row keeps up to date (minutes, last contact, phase change, outcome).
 * Pure: the same input and random stream give the same rows.
 *
 * Volumes (a choice, so the `national` seed stays within about twice its time and rows):
 *  - a running trajectory gets its full history up to today: time in contacts of 0.5–3 hours at the
 *    plan's pace (≈312 hours over ≈8 months, ≈90% volunteer time), 3–8 meetings over the whole
 *    trajectory (held ones in the past with a preparation and a meeting contact, the next one or two
 *    planned), 5–15 agreements from those meetings (some overdue), 2–4 help questions with 3–6
 *    self-reliance scores rising over time, the family map and the phase events so far;
 *  - an ended trajectory (most of the ten years) gets a light history: the closing phase event, its
 *    outcome (≈80% resolved or positive restart) and a handful of contacts in its last weeks. Its
 *    minutes on the row are the sum of that light log, so historic hour totals are understated; the
 *    plan's `hours` stay the reference for reports over past years.
 * Measures, court decisions, their deadlines and documents' metadata come from planLegalWork below
 * (its own random stream, so the rows above stay what they were).
 *
 * Dates: times are chosen between 07:00 and 15:00 UTC (08:00–17:00 in Amsterdam), so the UTC date
 * is the Amsterdam date; nothing lies after `now` except planned meetings and due dates.
 */

export type PhaseEventRow = typeof trajectoryPhaseEvents.$inferInsert;
export type FamilyMapRow = typeof familyMapMembers.$inferInsert;
export type HelpQuestionRow = typeof helpQuestions.$inferInsert;
export type ScoreRow = typeof selfRelianceScores.$inferInsert;
export type MeetingRow = typeof meetings.$inferInsert;
export type ContactRow = typeof trajectoryContacts.$inferInsert;
export type AgreementRow = typeof agreements.$inferInsert;

export interface TrajectoryWorkInput {
  orgId: string;
  trajectoryId: string;
  startMs: number;
  /** planned end (in the future for a running trajectory) */
  endMs: number;
  now: number;
  ended: boolean;
  /** the plan's hours for the whole trajectory */
  volunteerHours: number;
  professionalHours: number;
  volunteerId: string;
  coachId: string;
  parents: ReadonlyArray<{ name: string; relation: 'parent' | 'carer' }>;
  children: ReadonlyArray<{ firstName: string; birthYear: number }>;
  institutions: ReadonlyArray<{ kind: string; name: string }>;
  /** the help questions written down at intake */
  intakeQuestions: readonly string[];
}

export interface TrajectoryWork {
  phaseEvents: PhaseEventRow[];
  familyMap: FamilyMapRow[];
  helpQuestions: HelpQuestionRow[];
  scores: ScoreRow[];
  meetings: MeetingRow[];
  contacts: ContactRow[];
  agreements: AgreementRow[];
  /** the trajectory row's kept columns, consistent with the rows above */
  columns: {
    volunteerMinutes: number;
    professionalMinutes: number;
    lastContactOn: string | null;
    phaseChangedAt: Date;
    outcome: string | null;
    closedAt: Date | null;
    updatedAt: Date;
  };
}

const DAY = 86_400_000;
const MINUTE = 60_000;

/** Where a phase starts, as a share of the trajectory's length (the same cut-offs the seed's phase uses). */
export const PHASE_STARTS: ReadonlyArray<[string, number]> = [
  ['intake_done', 0],
  ['clarifying', 0.03],
  ['support', 0.2],
  ['building_down', 0.75],
  ['closing', 0.95],
];
const PHASE_REASONS: Record<string, string> = {
  intake_done: 'Koppeling geaccepteerd door de vrijwilliger.',
  clarifying: 'Kennismaking gehad; we zetten de hulpvragen op een rij.',
  support: 'Hulpvragen en doelen staan in het plan; de ondersteuning begint.',
  building_down: 'De ouder doet steeds meer zelf; we bouwen af.',
  closing: 'Doelen grotendeels bereikt; we ronden af.',
  ended: 'Traject afgesloten.',
};
const OUTCOMES: Array<[string, number]> = [
  ['resolved', 0.55],
  ['positive_restart', 0.25],
  ['not_resolved', 0.08],
  ['parent_stopped', 0.08],
  ['referred', 0.04],
];
const VOLUNTEER_KINDS: Array<[string, number]> = [
  ['home_visit', 0.26],
  ['phone', 0.26],
  ['mail', 0.14],
  ['preparation', 0.1],
  ['evaluation', 0.08],
  ['peer_contact', 0.05],
  ['training', 0.05],
  ['court_hearing', 0.02],
  ['other', 0.04],
];
const PROFESSIONAL_KINDS: Array<[string, number]> = [
  ['evaluation', 0.5],
  ['professional_meeting', 0.2],
  ['phone', 0.2],
  ['training', 0.1],
];
const PARTICIPANTS: Record<string, string[]> = {
  home_visit: ['ouder', 'vrijwilliger'],
  phone: ['ouder', 'vrijwilliger'],
  mail: ['ouder', 'vrijwilliger'],
  preparation: ['ouder', 'vrijwilliger'],
  evaluation: ['ouder', 'vrijwilliger'],
  peer_contact: ['ouder', 'ervaringsouder'],
  training: ['vrijwilliger'],
  court_hearing: ['ouder', 'vrijwilliger', 'kinderrechter', 'jeugdbeschermer'],
  professional_meeting: ['ouder', 'vrijwilliger', 'jeugdbeschermer'],
  other: ['vrijwilliger'],
};
const NOTES = [
  'Brief van de GI samen doorgelezen.',
  'Ouder voelt zich gehoord; volgende stap afgesproken.',
  'Vragen voor het gesprek opgeschreven.',
  'Verslag van het gesprek besproken.',
  'Ouder is onrustig over de zitting; uitleg gegeven over de procedure.',
  'Samen het plan van aanpak doorgenomen.',
  'Kort contact: afspraak bevestigd.',
];
const MEETING_TITLES = ['Gesprek met de jeugdbeschermer', 'Overleg met de zorgaanbieder', 'Evaluatie van het plan van aanpak', 'Rondetafelgesprek', 'Gesprek over de omgangsregeling', 'Gesprek met school'];
const AGREEMENTS: Record<string, string[]> = {
  parent: ['Stuurt de gevraagde stukken op.', 'Belt de school over de oudergesprekken.', 'Schrijft op wat goed ging bij de omgang.', 'Meldt zich aan bij de cursus.'],
  professional: ['Stuurt het verslag binnen twee weken.', 'Regelt een extra omgangsmoment.', 'Vraagt de evaluatie van de pleegzorg op.', 'Laat weten wat het besluit over de verlenging is.', 'Plant een gesprek met de gedragswetenschapper.'],
  volunteer: ['Zoekt uit hoe de klachtenprocedure werkt.', 'Bereidt het volgende gesprek voor met de ouder.', 'Legt het verslag aan de ouder voor.'],
  other: ['De advocaat vraagt uitstel van de zitting aan.', 'Het wijkteam zoekt een plek voor opvoedondersteuning.'],
};
const GOALS = ['Zelf de gesprekken met de jeugdbescherming voeren.', 'De kinderen vaker zien.', 'Begrijpen wat er in de stukken staat.', 'Rustig en duidelijk mijn kant vertellen.', 'Weten wat mijn rechten zijn.'];
const STRENGTHS = ['Zet zich volledig in voor de kinderen.', 'Komt afspraken na.', 'Durft hulp te vragen.', 'Kan goed onder woorden brengen wat er speelt.'];
const NEXT_STEPS = ['Volgende gesprek samen voorbereiden.', 'Ouder voert het telefoongesprek zelf; vrijwilliger luistert mee.', 'Vragenlijst voor de gezinsvoogd afmaken.'];
const EXTRA_QUESTIONS = ['Begrijpen wat er in het plan van aanpak staat', 'Rustig blijven in gesprekken met hulpverleners', 'Weten welke rechten en plichten wij hebben', 'Meer omgang met de kinderen'];
const NETWORK = ['Oma (moederskant)', 'Buurvrouw', 'Oom', 'Vriendin'];

const pickWeighted = (rng: Rng, xs: Array<[string, number]>) =>
  rng.weighted(
    xs.map((x) => x[0]),
    xs.map((x) => x[1]),
  );
const dayOf = (ms: number) => Math.floor(ms / DAY) * DAY;
const ymd = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** A moment during office hours on the day of ms. */
const officeTime = (rng: Rng, ms: number) => dayOf(ms) + rng.int(7 * 60, 15 * 60) * MINUTE;
const name = (rng: Rng) => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
/** 30 minutes to 3 hours in quarters, mostly one to two hours (mean ≈ 1.75 h). */
const volunteerDuration = (rng: Rng) => 15 * rng.weighted([2, 3, 4, 5, 6, 7, 8, 9, 10, 12], [0.05, 0.08, 0.16, 0.14, 0.16, 0.12, 0.12, 0.07, 0.06, 0.04]);
const professionalDuration = (rng: Rng) => 15 * rng.int(2, 6);

export function planTrajectoryWork(rng: Rng, input: TrajectoryWorkInput): TrajectoryWork {
  const { orgId, trajectoryId, startMs, endMs, now } = input;
  const out: TrajectoryWork = {
    phaseEvents: [],
    familyMap: [],
    helpQuestions: [],
    scores: [],
    meetings: [],
    contacts: [],
    agreements: [],
    columns: { volunteerMinutes: 0, professionalMinutes: 0, lastContactOn: null, phaseChangedAt: new Date(Math.min(startMs, now)), outcome: null, closedAt: null, updatedAt: new Date(Math.min(startMs, now)) },
  };
  const length = Math.max(DAY, endMs - startMs);
  // Days on which things may have happened: from the start up to today (running) or the end.
  const lastDay = dayOf(input.ended ? Math.min(endMs, now) : now);
  const firstDay = Math.min(dayOf(startMs), lastDay);
  const daysOpen = Math.round((lastDay - firstDay) / DAY) + 1;
  const randomDay = (from = firstDay, to = lastDay) => from + rng.int(0, Math.max(0, Math.round((to - from) / DAY))) * DAY;
  const createdAtFor = (day: number) => new Date(Math.min(now, day + 16 * 60 * MINUTE));

  const addContact = (c: { kind: string; day: number; volunteerMinutes: number; professionalMinutes: number; meetingId?: string | null; byCoach?: boolean }) => {
    out.contacts.push({
      orgId,
      id: rng.uuidv7(c.day + 12 * 60 * MINUTE),
      trajectoryId,
      kind: c.kind,
      occurredOn: ymd(c.day),
      volunteerMinutes: c.volunteerMinutes,
      professionalMinutes: c.professionalMinutes,
      participants: c.byCoach ? ['vrijwilliger', 'coördinator'] : (PARTICIPANTS[c.kind] ?? ['vrijwilliger']),
      note: rng.next() < 0.3 ? rng.pick(NOTES) : null,
      meetingId: c.meetingId ?? null,
      createdBy: c.byCoach ? input.coachId : input.volunteerId,
      createdAt: createdAtFor(c.day),
      updatedAt: createdAtFor(c.day),
    });
  };

  if (input.ended) {
    // Light history: the closing event with its outcome and a handful of contacts in the last weeks.
    const endAt = Math.min(endMs, now);
    out.phaseEvents.push({ orgId, id: rng.uuidv7(endAt), trajectoryId, fromPhase: 'closing', toPhase: 'ended', reason: PHASE_REASONS.ended!, actorUserId: input.coachId, at: new Date(endAt) });
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) {
      const byCoach = i === n - 1 && rng.next() < 0.5;
      addContact({
        kind: byCoach ? 'evaluation' : pickWeighted(rng, VOLUNTEER_KINDS),
        day: randomDay(Math.max(firstDay, lastDay - 28 * DAY)),
        volunteerMinutes: byCoach ? 0 : volunteerDuration(rng),
        professionalMinutes: byCoach ? professionalDuration(rng) : 0,
        byCoach,
      });
    }
    out.columns.outcome = pickWeighted(rng, OUTCOMES);
    out.columns.closedAt = new Date(endAt);
    out.columns.phaseChangedAt = new Date(endAt);
    return finish(out, endAt);
  }

  // ---- running: the full history up to today ------------------------------------------------------
  const progress = Math.max(0, Math.min(1, (now - startMs) / length));
  let from: string | null = null;
  for (const [phase, at] of PHASE_STARTS) {
    if (at > progress) break;
    const when = Math.min(now, startMs + Math.round(at * length) + (at === 0 ? 0 : rng.int(0, 3 * 60) * MINUTE));
    out.phaseEvents.push({ orgId, id: rng.uuidv7(when), trajectoryId, fromPhase: from, toPhase: phase, reason: PHASE_REASONS[phase]!, actorUserId: phase === 'intake_done' ? input.volunteerId : rng.next() < 0.5 ? input.coachId : input.volunteerId, at: new Date(when) });
    out.columns.phaseChangedAt = new Date(when);
    from = phase;
  }
  const mapAt = new Date(Math.min(now, startMs + 2 * DAY));

  // Family map (who is who).
  const member = (role: string, memberName: string, organisation: string | null = null, note: string | null = null) =>
    out.familyMap.push({ orgId, id: rng.uuidv7(mapAt.getTime()), trajectoryId, role, name: memberName, organisation, note, position: out.familyMap.length, createdAt: mapAt, updatedAt: mapAt });
  for (const p of input.parents) member(p.relation === 'carer' ? 'other' : 'parent', p.name, null, p.relation === 'carer' ? 'Verzorger' : null);
  for (const c of input.children) member('child', c.firstName, null, `Geboren in ${c.birthYear}`);
  for (const inst of input.institutions) member(inst.kind === 'gi' ? 'youth_protection_worker' : 'care_provider', name(rng), inst.name);
  if (rng.next() < 0.3) member('lawyer', `mr. ${name(rng)}`, 'Advocatenkantoor (fictief)');
  if (rng.next() < 0.4) member('school', name(rng), 'Basisschool De Regenboog (fictief)', 'Intern begeleider');
  if (rng.next() < 0.5) member('network', name(rng), rng.pick(NETWORK));

  // Help questions with self-reliance scores rising over time (1 cannot yet … 5 does it alone).
  const questions = [...new Set([...input.intakeQuestions, ...EXTRA_QUESTIONS])].slice(0, Math.max(2, Math.min(4, input.intakeQuestions.length + rng.int(0, 2))));
  questions.forEach((question, position) => {
    const id = rng.uuidv7(mapAt.getTime());
    const achieved = progress >= 0.75 && rng.next() < 0.5;
    out.helpQuestions.push({
      orgId,
      id,
      trajectoryId,
      question,
      goal: progress >= 0.03 ? rng.pick(GOALS) : null,
      status: progress < 0.03 ? 'open' : achieved ? 'achieved' : 'working',
      strengths: rng.next() < 0.7 ? rng.pick(STRENGTHS) : null,
      nextSteps: achieved ? null : rng.pick(NEXT_STEPS),
      position,
      createdAt: mapAt,
      updatedAt: mapAt,
    });
    // At most one score a fortnight, the first after the first week.
    const room = Math.floor((daysOpen - 7) / 14);
    const n = Math.min(rng.int(3, 6), room);
    let score = rng.int(1, 2);
    let prev = firstDay + 6 * DAY;
    for (let i = 0; i < n; i++) {
      const slot = firstDay + 7 * DAY + Math.floor(((i + rng.next()) * (lastDay - firstDay - 7 * DAY)) / n / DAY) * DAY;
      const day = Math.min(lastDay, Math.max(prev + DAY, slot));
      if (day > lastDay) break;
      prev = day;
      if (i > 0 && rng.next() < (achieved ? 0.85 : 0.55)) score = Math.min(5, score + 1);
      out.scores.push({ orgId, id: rng.uuidv7(day), trajectoryId, helpQuestionId: id, score, recordedOn: ymd(day), note: null, recordedBy: input.volunteerId, createdAt: createdAtFor(day) });
    }
  });

  // Meetings: 3–8 over the whole trajectory; held ones before today (not later today), the next one or two planned.
  const gi = input.institutions.find((i) => i.kind === 'gi');
  const totalMeetings = rng.int(3, 8);
  const held = daysOpen >= 7 ? Math.min(totalMeetings, Math.max(1, Math.round(totalMeetings * progress))) : 0;
  const heldDays = Array.from({ length: held }, () => randomDay(firstDay + 5 * DAY, lastDay - DAY)).sort((a, b) => a - b);
  const heldMeetings: Array<{ id: string; day: number }> = [];
  let volunteerLeft = Math.round(input.volunteerHours * 60 * progress);
  let professionalLeft = Math.round(input.professionalHours * 60 * progress);
  const meeting = (day: number, status: 'held' | 'planned') => {
    const at = officeTime(rng, day);
    const id = rng.uuidv7(Math.min(at, now) - rng.int(3, 14) * DAY);
    const title = gi && rng.next() < 0.6 ? MEETING_TITLES[0]! : rng.pick(MEETING_TITLES);
    const createdAt = new Date(Math.max(startMs, Math.min(now, at) - rng.int(3, 14) * DAY));
    out.meetings.push({
      orgId,
      id,
      trajectoryId,
      title,
      withWhom: title === MEETING_TITLES[0] && gi ? `Jeugdbeschermer van ${gi.name}` : (input.institutions[0]?.name ?? null),
      scheduledAt: new Date(at),
      place: rng.next() < 0.7 ? 'Kantoor van de GI' : 'Online',
      status,
      prepGoal: 'Dat de ouder haar of zijn kant rustig kan vertellen.',
      prepResponses: rng.next() < 0.5 ? 'Als het gesprek vastloopt: vragen om een pauze.' : null,
      prepQuestions: 'Wat is er nodig om de omgang uit te breiden?',
      evaluation: status === 'held' ? 'Het gesprek verliep rustig; afspraken staan hieronder.' : null,
      createdBy: input.volunteerId,
      createdAt,
      updatedAt: new Date(status === 'held' ? Math.min(now, at + DAY) : createdAt.getTime()),
    });
    return id;
  };
  for (const day of heldDays) {
    const id = meeting(day, 'held');
    heldMeetings.push({ id, day });
    const prepDay = Math.max(firstDay, day - rng.int(1, 3) * DAY);
    const prep = volunteerDuration(rng);
    const att = 15 * rng.int(4, 10);
    addContact({ kind: 'preparation', day: prepDay, volunteerMinutes: prep, professionalMinutes: 0, meetingId: id });
    addContact({ kind: 'professional_meeting', day, volunteerMinutes: att, professionalMinutes: 0, meetingId: id });
    volunteerLeft -= prep + att;
  }
  if (progress < 0.95) {
    const planned = Math.min(totalMeetings - held, rng.int(1, 2));
    for (let i = 0; i < planned; i++) meeting(dayOf(now) + rng.int(2 + i * 14, 14 + i * 14) * DAY, 'planned');
  }

  // The rest of the time in ordinary contacts at the plan's pace.
  while (volunteerLeft > 0) {
    const minutes = Math.min(volunteerDuration(rng), Math.max(30, volunteerLeft));
    addContact({ kind: pickWeighted(rng, VOLUNTEER_KINDS), day: randomDay(), volunteerMinutes: minutes, professionalMinutes: 0 });
    volunteerLeft -= minutes;
  }
  while (professionalLeft > 0) {
    const minutes = Math.min(professionalDuration(rng), Math.max(30, professionalLeft));
    addContact({ kind: pickWeighted(rng, PROFESSIONAL_KINDS), day: randomDay(), volunteerMinutes: 0, professionalMinutes: minutes, byCoach: true });
    professionalLeft -= minutes;
  }
  // Today's contact log is in date order (ids are time-ordered too).
  out.contacts.sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : a.id.localeCompare(b.id)));

  // Agreements: 5–15 over a trajectory that is a good way in (fewer in its first weeks), mostly from meetings.
  const agreementCount = heldMeetings.length ? Math.max(1, Math.round(rng.int(5, 15) * Math.min(1, progress / 0.3))) : 0;
  const today = dayOf(now);
  for (let i = 0; i < agreementCount; i++) {
    const m = rng.next() < 0.9 ? rng.pick(heldMeetings) : null;
    const madeDay = m ? m.day : randomDay();
    const made = Math.min(now, officeTime(rng, madeDay));
    const due = madeDay + rng.int(7, 42) * DAY;
    const party = rng.weighted(['parent', 'professional', 'volunteer', 'other'], [0.3, 0.45, 0.18, 0.07]);
    let status = 'open';
    let changed: number | null = null;
    if (due < today) {
      status = rng.weighted(['done', 'open', 'not_kept', 'irrelevant'], [0.68, 0.17, 0.1, 0.05]);
      if (status !== 'open') changed = Math.min(now, made + rng.int(1, Math.max(1, Math.round((Math.min(due + 7 * DAY, now) - made) / DAY))) * DAY);
    } else if (rng.next() < 0.2) {
      status = 'done';
      changed = Math.min(now, made + rng.int(0, Math.max(0, Math.floor((today - madeDay) / DAY))) * DAY);
    }
    out.agreements.push({
      orgId,
      id: rng.uuidv7(made),
      trajectoryId,
      meetingId: m?.id ?? null,
      party,
      partyName: party === 'parent' ? 'Ouder' : party === 'volunteer' ? 'Vrijwilliger' : party === 'professional' ? (gi ? `Jeugdbeschermer (${gi.name})` : 'Hulpverlener') : 'Advocaat',
      description: rng.pick(AGREEMENTS[party]!),
      dueOn: ymd(due),
      status,
      statusNote: status === 'not_kept' ? 'Niet gebeurd; besproken in het volgende gesprek.' : null,
      statusChangedAt: changed === null ? null : new Date(changed),
      createdBy: input.volunteerId,
      createdAt: new Date(made),
      updatedAt: new Date(changed ?? made),
    });
  }
  return finish(out, now);
}

function finish(out: TrajectoryWork, latest: number): TrajectoryWork {
  let v = 0;
  let p = 0;
  let last: string | null = null;
  for (const c of out.contacts) {
    v += c.volunteerMinutes!;
    p += c.professionalMinutes!;
    if (last === null || c.occurredOn > last) last = c.occurredOn;
  }
  out.columns.volunteerMinutes = v;
  out.columns.professionalMinutes = p;
  out.columns.lastContactOn = last;
  const touched = Math.max(out.columns.phaseChangedAt.getTime(), ...out.contacts.map((c) => (c.updatedAt as Date).getTime()));
  out.columns.updatedAt = new Date(Math.min(latest, touched));
  return out;
}

// ---- measures, decisions, deadlines and documents (planLegalWork) ---------------------------------

export type MeasureRow = typeof childMeasures.$inferInsert;
export type DecisionRow = typeof courtDecisions.$inferInsert;
export type DeadlineRow = typeof deadlines.$inferInsert;
export type DocumentRow = typeof documents.$inferInsert;

export interface LegalWork {
  measures: MeasureRow[];
  decisions: DecisionRow[];
  deadlines: DeadlineRow[];
  /** metadata only: the seed writes no document_contents (a download of a seeded document is a 404) */
  documents: DocumentRow[];
}

const DECISION_KINDS: Array<[TDecisionKind, number]> = [
  ['hearing_scheduled', 0.25],
  ['court_decision', 0.22],
  ['letter_received', 0.3],
  ['written_instruction', 0.1],
  ['plan_received', 0.13],
];
const DECISION_SUMMARIES: Record<TDecisionKind, string[]> = {
  court_decision: ['Ondertoezichtstelling verlengd met een jaar.', 'Machtiging uithuisplaatsing verlengd met zes maanden.', 'Omgangsregeling vastgesteld door de kinderrechter.'],
  written_instruction: ['Schriftelijke aanwijzing over de omgang.', 'Schriftelijke aanwijzing: meewerken aan het onderzoek.'],
  hearing_scheduled: ['Oproep voor de zitting over de verlenging.', 'Oproep voor de zitting over de omgang.'],
  letter_received: ['Brief van de gezinsvoogd over het plan.', 'Brief van de gemeente over de jeugdhulp.', 'Brief van de zorgaanbieder.'],
  plan_received: ['Plan van aanpak van de GI ontvangen.'],
  other: ['Overig bericht.'],
};
const DOCUMENT_KINDS: Array<[string, number]> = [
  ['letter_received', 0.4],
  ['report', 0.25],
  ['plan', 0.15],
  ['other', 0.2],
];
const DOCUMENT_TITLES: Record<string, string[]> = {
  letter_received: ['Brief van de gezinsvoogd', 'Brief van de gemeente', 'Uitnodiging voor een gesprek'],
  court_decision: ['Beschikking van de kinderrechter'],
  report: ['Verslag van het gesprek', 'Rapportage van de zorgaanbieder', 'Evaluatieverslag'],
  plan: ['Plan van aanpak', 'Veiligheidsplan'],
  other: ['Schoolrapport', 'Foto van de omgangsregeling', 'Overzicht van afspraken'],
};
const MANUAL_DEADLINES = ['Stukken opsturen naar de advocaat', 'Formulier van de gemeente terugsturen', 'Verweerschrift met de ouder doornemen'];

const hex = (rng: Rng, bytes: number) => {
  let s = '';
  for (let i = 0; i < bytes; i += 4) s += rng.u32().toString(16).padStart(8, '0');
  return s.slice(0, bytes * 2);
};
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * The legal side of one seeded trajectory and its documents' metadata. Running trajectories: with a
 * certified institution (GI) involved, a measure per child (mostly OTS, a year at a time, ending within
 * the coming year or a little while ago) with its rule-computed deadlines (end of the measure and the
 * extension request expected six weeks before); 0–3 court decisions, hearings or letters over the
 * trajectory, each with the deadlines its rule computes (src/shared/legal.ts, the same computeDeadlines
 * the service uses); sometimes a deadline typed in by hand; past due dates mostly done, some still open
 * (overdue); reminders whose moment passed count as sent. 1–4 documents, plus the letters and court
 * decisions themselves. Ended trajectories: at most one document, no deadlines (keeps the national seed
 * small). Pure and deterministic like planTrajectoryWork.
 */
export function planLegalWork(rng: Rng, input: TrajectoryWorkInput): LegalWork {
  const { orgId, trajectoryId, startMs, endMs, now } = input;
  const out: LegalWork = { measures: [], decisions: [], deadlines: [], documents: [] };
  const today = ymd(now);
  const todayMs = dayOf(now);
  const staff = () => (rng.next() < 0.6 ? input.volunteerId : input.coachId);
  const document = (kind: string, day: number, title: string, receivedOn: string | null) => {
    const at = Math.min(now, officeTime(rng, day));
    const pdf = rng.next() < 0.8;
    out.documents.push({
      orgId,
      id: rng.uuidv7(at),
      trajectoryId,
      kind,
      title,
      fileName: `${slug(title)}-${ymd(day)}.${pdf ? 'pdf' : 'jpg'}`,
      mimeType: pdf ? 'application/pdf' : 'image/jpeg',
      sizeBytes: rng.int(20_000, 2_000_000),
      sha256: hex(rng, 32),
      receivedOn,
      uploadedBy: staff(),
      deletedAt: null,
      createdAt: new Date(at),
    });
  };

  if (input.ended) {
    if (rng.next() < 0.5) document('report', dayOf(Math.min(endMs, now)) - rng.int(0, 28) * DAY, rng.pick(DOCUMENT_TITLES.report!), null);
    return out;
  }

  const firstDay = Math.min(dayOf(startMs), todayMs);
  const randomDay = () => firstDay + rng.int(0, Math.round((todayMs - firstDay) / DAY)) * DAY;
  const deadline = (d: { ruleCode: string; title: string; dueOn: string; remindOn: string; createdMs: number; courtDecisionId?: string | null; measureId?: string | null }) => {
    const created = Math.min(now, Math.max(startMs, d.createdMs));
    const status = d.dueOn >= today ? 'open' : rng.weighted(['done', 'cancelled', 'open'], [0.8, 0.05, 0.15]);
    const remindAt = remindAtFor(d.dueOn, d.remindOn, ymd(created));
    const sent = remindAt && remindAt.getTime() <= now ? new Date(Math.max(remindAt.getTime(), created)) : null;
    const closedAt = status === 'open' ? null : Math.min(now, Math.max(created, dayOf(Date.parse(`${d.dueOn}T00:00:00Z`)) - rng.int(0, 5) * DAY + 10 * 60 * MINUTE));
    out.deadlines.push({
      orgId,
      id: rng.uuidv7(created),
      trajectoryId,
      ruleCode: d.ruleCode,
      courtDecisionId: d.courtDecisionId ?? null,
      measureId: d.measureId ?? null,
      title: d.title,
      dueOn: d.dueOn,
      status,
      remindAt,
      reminderSentAt: sent,
      createdBy: staff(),
      createdAt: new Date(created),
      updatedAt: new Date(closedAt ?? created),
    });
  };
  const computed = (trigger: Parameters<typeof computeDeadlines>[0], date: string, createdMs: number, links: { courtDecisionId?: string; measureId?: string | null }, given?: string | null) => {
    for (const c of computeDeadlines(trigger, date, given)) deadline({ ...c, title: ruleByCode(c.ruleCode)!.title.nl, createdMs, ...links });
  };

  // Measures: only where a certified institution (GI) is involved; a year at a time.
  const gi = input.institutions.some((i) => i.kind === 'gi');
  if (gi) {
    for (const child of input.children.slice(0, 2)) {
      if (rng.next() < 0.25) continue;
      const endsOn = ymd(todayMs + rng.int(-20, 330) * DAY);
      const outOfHome = rng.next() < 0.2;
      const startsOn = plusMonths(endsOn, outOfHome ? -6 : -12);
      const created = Math.max(startMs, Date.parse(`${startsOn}T00:00:00Z`)) + rng.int(0, 10) * DAY;
      const id = rng.uuidv7(Math.min(now, created));
      out.measures.push({
        orgId,
        id,
        trajectoryId,
        childName: child.firstName,
        measure: outOfHome ? 'out_of_home_authorised' : 'ots',
        startsOn,
        endsOn,
        note: null,
        createdBy: staff(),
        createdAt: new Date(Math.min(now, created)),
        updatedAt: new Date(Math.min(now, created)),
      });
      computed('measure_end', endsOn, created, { measureId: id });
    }
  }

  // Decisions, hearings and letters over the trajectory so far.
  const n = rng.weighted([0, 1, 2, 3], [0.25, 0.35, 0.25, 0.15]);
  for (let i = 0; i < n; i++) {
    const kind = rng.weighted(
      DECISION_KINDS.map((k) => k[0]),
      DECISION_KINDS.map((k) => k[1]),
    );
    const day = randomDay();
    const decidedOn = ymd(day);
    const municipal = kind === 'letter_received' && rng.next() < 0.3;
    const measureId = (kind === 'court_decision' || kind === 'hearing_scheduled') && out.measures.length ? rng.pick(out.measures).id! : null;
    const created = Math.min(now, officeTime(rng, day + rng.int(0, 2) * DAY));
    const id = rng.uuidv7(created);
    out.decisions.push({
      orgId,
      id,
      trajectoryId,
      measureId,
      kind,
      decidedOn,
      summary: municipal ? 'Besluit van de gemeente over de jeugdhulp.' : rng.pick(DECISION_SUMMARIES[kind]),
      createdBy: staff(),
      createdAt: new Date(created),
      updatedAt: new Date(created),
    });
    const trigger = triggerOfDecision(kind, municipal);
    if (trigger) {
      const date = trigger === 'hearing_scheduled' ? plusDays(decidedOn, rng.int(14, 70)) : decidedOn;
      const given = trigger === 'letter_received' && rng.next() < 0.4 ? plusDays(decidedOn, rng.int(7, 21)) : null;
      computed(trigger, date, created, { courtDecisionId: id, measureId }, given);
    }
    if (kind === 'letter_received' || kind === 'court_decision') {
      document(kind, day, kind === 'court_decision' ? DOCUMENT_TITLES.court_decision![0]! : municipal ? 'Besluit van de gemeente' : rng.pick(DOCUMENT_TITLES.letter_received!), decidedOn);
    }
  }
  if (rng.next() < 0.15) {
    const dueOn = ymd(todayMs + rng.int(-5, 30) * DAY);
    deadline({ ruleCode: 'manual', title: rng.pick(MANUAL_DEADLINES), dueOn, remindOn: plusDays(dueOn, -7), createdMs: officeTime(rng, Date.parse(`${dueOn}T00:00:00Z`) - rng.int(7, 30) * DAY) });
  }

  // Other documents: 1–4 over the trajectory.
  const docs = rng.int(1, 4);
  for (let i = 0; i < docs; i++) {
    const kind = rng.weighted(
      DOCUMENT_KINDS.map((k) => k[0]),
      DOCUMENT_KINDS.map((k) => k[1]),
    );
    const day = randomDay();
    document(kind, day, rng.pick(DOCUMENT_TITLES[kind]!), kind === 'letter_received' ? ymd(day) : null);
  }
  return out;
}
