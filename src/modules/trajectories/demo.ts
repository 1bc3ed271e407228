import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import type { TContactRequest, TPhase } from '../../shared/trajectories.js';
import { agreements, familyMapMembers, helpQuestions, meetings, selfRelianceScores, trajectories, trajectoryContacts, trajectoryPhaseEvents } from './tables.js';

type Kind = TContactRequest['kind'];

interface DemoContact {
  daysAgo: number;
  kind: Kind;
  volunteer: number;
  professional?: number;
  participants?: string[];
  note?: string;
}

interface DemoTrajectory {
  /** Another demo volunteer (by e-mail) at another location; by default the demo volunteer at Helmond. */
  elsewhere?: { volunteerEmail: string; location: string };
  parent: { firstName: string; lastName: string };
  children: Array<{ firstName: string; birthYear: number; measure: string }>;
  municipalityCode: string;
  conflictSummary: string;
  startedDaysAgo: number;
  /** The phases it went through after intake_done, with how many days ago and why. */
  phases: Array<{ to: TPhase; daysAgo: number; reason: string }>;
  contacts: DemoContact[];
  familyMap: Array<{ role: string; name: string; organisation?: string; note?: string }>;
  helpQuestions: Array<{ question: string; goal?: string; status: string; strengths?: string; nextSteps?: string; scores: Array<{ daysAgo: number; score: number }> }>;
  agreements: Array<{ party: string; partyName: string; description: string; dueInDays?: number }>;
  meeting?: { title: string; withWhom: string; inDays: number; time: string; place: string; prepGoal: string; prepQuestions: string };
}

/**
 * Two running families of the demo volunteer (Helmond), clearly fictional: one in support with a
 * planned meeting and an overdue agreement, one still clarifying its help questions whose last
 * contact was 16 days ago (the "no contact for 14 days" signal).
 */
const FAMILIES: DemoTrajectory[] = [
  {
    parent: { firstName: 'Linda', lastName: 'van Dijk (demo)' },
    children: [{ firstName: 'Daan', birthYear: 2014, measure: 'ots' }],
    municipalityCode: 'GM0794',
    conflictSummary: 'Ik begrijp niet waarom mijn zoon onder toezicht staat en voel mij niet gehoord door de jeugdbeschermer.',
    startedDaysAgo: 95,
    phases: [
      { to: 'clarifying', daysAgo: 88, reason: 'Eerste huisbezoek gehad; we maken de hulpvragen samen helder.' },
      { to: 'support', daysAgo: 60, reason: 'De hulpvragen staan in het plan. Moeder wil hulp bij de gesprekken met de jeugdbeschermer.' },
    ],
    contacts: [
      { daysAgo: 2, kind: 'phone', volunteer: 30, note: 'Moeder belde over de brief van de jeugdbeschermer. Samen de brief doorgelezen.' },
      { daysAgo: 6, kind: 'home_visit', volunteer: 120, participants: ['moeder'], note: 'Het gesprek van volgende week voorbereid: wat wil moeder bereiken?' },
      { daysAgo: 9, kind: 'professional_meeting', volunteer: 90, participants: ['moeder', 'jeugdbeschermer'], note: 'Evaluatie van het plan van aanpak. Afgesproken dat het verslag wordt gestuurd.' },
      { daysAgo: 10, kind: 'preparation', volunteer: 60 },
      { daysAgo: 16, kind: 'peer_contact', volunteer: 0, professional: 45, note: 'Coachgesprek met de vrijwilliger.' },
      { daysAgo: 20, kind: 'home_visit', volunteer: 150, participants: ['moeder'] },
      { daysAgo: 27, kind: 'mail', volunteer: 20 },
    ],
    familyMap: [
      { role: 'parent', name: 'Linda (moeder)' },
      { role: 'child', name: 'Daan', note: 'Woont bij moeder.' },
      { role: 'youth_protection_worker', name: 'De jeugdbeschermer', organisation: 'Jeugdbescherming Brabant (voorbeeld)' },
      { role: 'school', name: 'Mentor van Daan', organisation: 'Basisschool De Linde (voorbeeld)' },
    ],
    helpQuestions: [
      {
        question: 'Ik wil begrijpen wat de ondertoezichtstelling voor ons betekent.',
        goal: 'Moeder kan in eigen woorden uitleggen wat de OTS is en wat de jeugdbeschermer mag beslissen.',
        status: 'working',
        strengths: 'Moeder is betrokken en komt altijd op afspraken.',
        nextSteps: 'Samen de beschikking van de rechter lezen.',
        scores: [
          { daysAgo: 80, score: 1 },
          { daysAgo: 40, score: 2 },
          { daysAgo: 8, score: 3 },
        ],
      },
      {
        question: 'Ik wil dat de jeugdbeschermer naar mij luistert in gesprekken.',
        goal: 'Moeder bereidt gesprekken voor en zegt wat zij belangrijk vindt.',
        status: 'working',
        scores: [{ daysAgo: 30, score: 2 }],
      },
    ],
    agreements: [
      { party: 'professional', partyName: 'Jeugdbeschermer', description: 'Stuurt het verslag van het evaluatiegesprek naar moeder.', dueInDays: -4 },
      { party: 'parent', partyName: 'Linda', description: 'Belt de mentor over de overstap naar de middelbare school.', dueInDays: 7 },
    ],
    meeting: {
      title: 'Gesprek met de jeugdbeschermer',
      withWhom: 'Jeugdbeschermer (Jeugdbescherming Brabant, voorbeeld)',
      inDays: 1,
      time: '10:00',
      place: 'Kantoor Jeugdbescherming, Helmond',
      prepGoal: 'Moeder wil weten wanneer de omgangsregeling wordt besproken.',
      prepQuestions: 'Wanneer is de volgende evaluatie?\nWat moet er gebeuren voordat de OTS kan stoppen?',
    },
  },
  {
    parent: { firstName: 'Kevin', lastName: 'Jansen (demo)' },
    children: [
      { firstName: 'Sem', birthYear: 2016, measure: 'out_of_home_authorised' },
      { firstName: 'Lotte', birthYear: 2019, measure: 'ots' },
    ],
    municipalityCode: 'GM1652',
    conflictSummary: 'Mijn kinderen zijn bij een pleeggezin geplaatst. Ik wil weten wat ik kan doen om ze vaker te zien.',
    startedDaysAgo: 35,
    phases: [{ to: 'clarifying', daysAgo: 30, reason: 'Kennismaking gehad. Vader wil vooral hulp bij de omgang.' }],
    contacts: [
      { daysAgo: 16, kind: 'home_visit', volunteer: 90, participants: ['vader'], note: 'Kennismaking en de hulpvragen op papier gezet.' },
      { daysAgo: 29, kind: 'phone', volunteer: 20 },
    ],
    familyMap: [
      { role: 'parent', name: 'Kevin (vader)' },
      { role: 'child', name: 'Sem' },
      { role: 'child', name: 'Lotte' },
      { role: 'foster_parent', name: 'Pleeggezin', organisation: 'Pleegzorg Voorbeeld' },
    ],
    helpQuestions: [{ question: 'Ik wil mijn kinderen vaker zien.', status: 'open', scores: [{ daysAgo: 16, score: 1 }] }],
    agreements: [{ party: 'volunteer', partyName: 'Demo Vrijwilliger', description: 'Zoekt uit hoe een verzoek om meer omgang werkt.' }],
  },
  {
    // Tilburg, with another volunteer: the Helmond coordinator opens it only with a reason (break-the-glass).
    elsewhere: { volunteerEmail: 'karim.haddad@demo.naast.nl', location: 'Tilburg' },
    parent: { firstName: 'Fatima', lastName: 'El Amrani (demo)' },
    children: [{ firstName: 'Yasmina', birthYear: 2013, measure: 'ots' }],
    municipalityCode: 'GM0855',
    conflictSummary: 'De jeugdbeschermer wil de ondertoezichtstelling verlengen; ik begrijp niet waarom.',
    startedDaysAgo: 260,
    phases: [
      { to: 'clarifying', daysAgo: 250, reason: 'Hulpvragen samen opgeschreven.' },
      { to: 'support', daysAgo: 220, reason: 'Moeder wil hulp bij de zitting over de verlenging.' },
      { to: 'building_down', daysAgo: 30, reason: 'Moeder bereidt gesprekken nu grotendeels zelf voor.' },
    ],
    contacts: [
      { daysAgo: 5, kind: 'phone', volunteer: 30 },
      { daysAgo: 12, kind: 'evaluation', volunteer: 60, participants: ['moeder'] },
    ],
    familyMap: [{ role: 'parent', name: 'Fatima (moeder)' }],
    helpQuestions: [{ question: 'Ik wil begrijpen waarom de OTS wordt verlengd.', status: 'achieved', scores: [{ daysAgo: 200, score: 2 }, { daysAgo: 20, score: 4 }] }],
    agreements: [],
  },
];

/** 'HH:MM' on an Amsterdam date as an instant (the offset of that day: winter +01:00, summer +02:00). */
function amsterdamInstant(date: string, time: string): Date {
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${date}T${time}:00${offset}`);
    if (amsterdamDate(d) === date && new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d) === time) return d;
  }
  return new Date(`${date}T${time}:00+01:00`);
}

async function insertFamily(tx: Executor, orgId: string, locationId: string, f: DemoTrajectory, at: Date, parentUserId: string | null): Promise<string> {
  const id = uuidv7();
  const year = Number(amsterdamDate(at).slice(0, 4));
  // The intake's own counter, so demo references never collide with real ones.
  const [counter] = await execRows<{ last: number }>(
    tx,
    sql`insert into application_counters (org_id, year, last) values (${orgId}, ${year}, 1)
        on conflict (org_id, year) do update set last = application_counters.last + 1 returning last`,
  );
  const reference = `A-${year}-${String(counter!.last).padStart(5, '0')}`;
  const iso = at.toISOString();
  await tx.execute(sql`
    insert into applications (org_id, id, parent_user_id, reference, channel, referrer_type, parent_agreed_to_referral, referrer_may_be_told,
                              municipality_code, location_id, queue, conflict_summary, institutions, preferred_language,
                              consent_at, privacy_statement_version, received_at, first_contact_due_at, first_contact_at, status, accepted_at, match_key)
    values (${orgId}, ${id}, ${parentUserId}, ${reference}, 'public_form', 'self', false, false, ${f.municipalityCode}, ${locationId}, 'location', ${f.conflictSummary},
            ${JSON.stringify([{ kind: 'gi', name: 'Jeugdbescherming Brabant (voorbeeld)' }])}::jsonb, 'nl',
            ${iso}, 'v1', ${iso}, ${iso}, ${iso}, 'matched', ${iso}, ${`demo-${id}`})`);
  await tx.execute(sql`
    insert into application_people (org_id, application_id, id, position, relation, first_name, last_name)
    values (${orgId}, ${id}, ${uuidv7()}, 0, 'parent', ${f.parent.firstName}, ${f.parent.lastName})`);
  for (const [i, c] of f.children.entries()) {
    await tx.execute(sql`
      insert into application_children (org_id, application_id, id, position, first_name, birth_year, measure)
      values (${orgId}, ${id}, ${uuidv7()}, ${i}, ${c.firstName}, ${c.birthYear}, ${c.measure})`);
  }
  return id;
}

/**
 * Demo data of issue 5: the demo volunteer leads two running trajectories at Helmond with the demo
 * coordinator as coach, and a Tilburg volunteer leads one past the 8-month norm (outside the demo
 * coordinator's location, so opening it asks a reason). Each has contacts (totals and last contact
 * kept on the row as the service does), phase history, family map, help questions with
 * self-reliance scores; Helmond has agreements (one overdue) and a planned meeting tomorrow.
 * Written straight into the tables; every record audited as system.
 */
export async function seedDemoTrajectories(
  db: Database,
  orgId: string,
  locationIds: Record<string, string>,
  demoVolunteerUserId: string,
  /** Issue 6: the demo parent account is the parent of the first family, so the portal has something to show. */
  demoParentUserId: string | null = null,
): Promise<void> {
  const helmond = locationIds.Helmond;
  if (!helmond) return;
  const now = new Date();
  const today = amsterdamDate(now);
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  await db.withTenant(orgId, async (tx) => {
    const [coordinator] = await execRows<{ id: string }>(tx, sql`select id::text from users where org_id = ${orgId} and role = 'coordinator' order by created_at, id limit 1`);
    const coach = coordinator?.id ?? null;
    const audit = (resourceType: string, resourceId: string, subjectId: string | null = null) =>
      recordAudit(tx, { orgId, actorRole: 'system', subjectId, action: 'create', resourceType, resourceId, reason: 'demo data' });

    for (const [index, f] of FAMILIES.entries()) {
      const location = f.elsewhere ? locationIds[f.elsewhere.location] : helmond;
      const [other] = f.elsewhere ? await execRows<{ id: string }>(tx, sql`select id::text from users where org_id = ${orgId} and email = ${f.elsewhere.volunteerEmail}`) : [];
      const volunteerId = f.elsewhere ? other?.id : demoVolunteerUserId;
      // The demo coordinator works at Helmond: coaching elsewhere would make them part of that family.
      const coachId = f.elsewhere ? null : coach;
      if (!location || !volunteerId) continue;
      const started = daysAgo(f.startedDaysAgo);
      const applicationId = await insertFamily(tx, orgId, location, f, daysAgo(f.startedDaysAgo + 30), index === 0 ? demoParentUserId : null);
      await audit('application', applicationId);
      const id = uuidv7();
      const last = f.phases[f.phases.length - 1];
      const volunteerMinutes = f.contacts.reduce((s, c) => s + c.volunteer, 0);
      const professionalMinutes = f.contacts.reduce((s, c) => s + (c.professional ?? 0), 0);
      const lastContactOn = f.contacts.length ? addDays(today, -Math.min(...f.contacts.map((c) => c.daysAgo))) : null;
      await tx.insert(trajectories).values({
        orgId,
        id,
        applicationId,
        locationId: location,
        leadVolunteerId: volunteerId,
        coachUserId: coachId,
        phase: last?.to ?? 'intake_done',
        phaseChangedAt: last ? daysAgo(last.daysAgo) : started,
        startedAt: started,
        lastContactOn,
        volunteerMinutes,
        professionalMinutes,
      });
      await audit('trajectory', id);
      // Deliberately not counted in the volunteer's caseload (volunteer_profiles.active_families): the
      // demo volunteer has room for 3 and the matching demo and browser tests offer them more families.

      await tx.insert(trajectoryPhaseEvents).values([
        { orgId, id: uuidv7(), trajectoryId: id, fromPhase: null, toPhase: 'intake_done', reason: 'De vrijwilliger heeft de koppeling geaccepteerd.', actorUserId: volunteerId, at: started },
        ...f.phases.map((p, i) => ({
          orgId,
          id: uuidv7(),
          trajectoryId: id,
          fromPhase: i === 0 ? 'intake_done' : f.phases[i - 1]!.to,
          toPhase: p.to,
          reason: p.reason,
          actorUserId: volunteerId,
          at: daysAgo(p.daysAgo),
        })),
      ]);

      let meetingId: string | null = null;
      if (f.meeting) {
        meetingId = uuidv7();
        await tx.insert(meetings).values({
          orgId,
          id: meetingId,
          trajectoryId: id,
          title: f.meeting.title,
          withWhom: f.meeting.withWhom,
          scheduledAt: amsterdamInstant(addDays(today, f.meeting.inDays), f.meeting.time),
          place: f.meeting.place,
          status: 'planned',
          prepGoal: f.meeting.prepGoal,
          prepQuestions: f.meeting.prepQuestions,
          createdBy: volunteerId,
        });
        await audit('meeting', meetingId);
      }
      for (const c of f.contacts) {
        const contactId = uuidv7();
        await tx.insert(trajectoryContacts).values({
          orgId,
          id: contactId,
          trajectoryId: id,
          kind: c.kind,
          occurredOn: addDays(today, -c.daysAgo),
          volunteerMinutes: c.volunteer,
          professionalMinutes: c.professional ?? 0,
          participants: c.participants ?? [],
          note: c.note ?? null,
          createdBy: c.professional && coachId ? coachId : volunteerId,
          createdAt: daysAgo(c.daysAgo),
        });
        await audit('trajectory_contact', contactId);
      }
      for (const [position, m] of f.familyMap.entries()) {
        await tx.insert(familyMapMembers).values({ orgId, id: uuidv7(), trajectoryId: id, role: m.role, name: m.name, organisation: m.organisation ?? null, note: m.note ?? null, position });
      }
      for (const [position, q] of f.helpQuestions.entries()) {
        const qid = uuidv7();
        await tx.insert(helpQuestions).values({
          orgId,
          id: qid,
          trajectoryId: id,
          question: q.question,
          goal: q.goal ?? null,
          status: q.status,
          strengths: q.strengths ?? null,
          nextSteps: q.nextSteps ?? null,
          position,
        });
        for (const s of q.scores) {
          await tx.insert(selfRelianceScores).values({ orgId, id: uuidv7(), trajectoryId: id, helpQuestionId: qid, score: s.score, recordedOn: addDays(today, -s.daysAgo), recordedBy: volunteerId });
        }
        await audit('help_question', qid);
      }
      for (const a of f.agreements) {
        const aid = uuidv7();
        await tx.insert(agreements).values({
          orgId,
          id: aid,
          trajectoryId: id,
          meetingId: null,
          party: a.party,
          partyName: a.partyName,
          description: a.description,
          dueOn: a.dueInDays === undefined ? null : addDays(today, a.dueInDays),
          status: 'open',
          createdBy: volunteerId,
        });
        await audit('agreement', aid);
      }
    }
  });
}
