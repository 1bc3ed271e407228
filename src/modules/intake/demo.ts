import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import { users } from '../../platform/auth/tables.js';
import type { Database, Executor } from '../../platform/db/index.js';
import { addDays, amsterdamDate, endOfAmsterdamDay } from '../../platform/time/working-days.js';
import type { TApplicationChild, TApplicationPerson, TInstitution } from '../../shared/intake.js';
import { PRIVACY_STATEMENT_VERSION } from './privacy.js';
import { insertApplication, type NewApplication } from './service.js';
import { applications, intakes } from './tables.js';

/** Municipality of each demo location (see DEMO_ORGANISATION's work area). */
const HOME: Record<string, string> = { Helmond: 'GM0794', Tilburg: 'GM0855', "'s-Hertogenbosch": 'GM0796' };

interface DemoFamily {
  people: TApplicationPerson[];
  children: TApplicationChild[];
  location: string | null; // null: outside the work area (helpdesk)
  daysAgo: number;
  conflictSummary: string;
  institutions: TInstitution[];
  hearingInDays?: number;
  stage: 'new' | 'due_today' | 'contacted' | 'waiting' | 'matching';
  referrer?: Pick<NewApplication, 'referrerType' | 'referrerName' | 'referrerOrganisation' | 'referrerEmail'>;
  language?: string;
}

const parent = (firstName: string, lastName: string, extra: Partial<TApplicationPerson> = {}): TApplicationPerson => ({ relation: 'parent', firstName, lastName, ...extra });

/** Clearly fictional families (example.org addresses, no real people) at the stages a coordinator meets. */
const FAMILIES: DemoFamily[] = [
  {
    people: [parent('Sanne', 'de Boer (demo)', { email: 'sanne.deboer@example.org', safeContactNote: 'Niet bellen voor 17:00 uur.' })],
    children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
    location: 'Helmond',
    daysAgo: 0,
    conflictSummary: 'Ik mag mijn dochter maar één keer per maand zien en niemand legt mij uit waarom.',
    institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
    stage: 'new',
  },
  {
    people: [parent('Mehmet', 'Yildiz (demo)', { phone: '06 1111 2222' }), parent('Elif', 'Yildiz (demo)')],
    children: [
      { firstName: 'Emir', birthYear: 2012, measure: 'out_of_home_authorised' },
      { firstName: 'Zeynep', birthYear: 2017, measure: 'ots' },
    ],
    location: 'Tilburg',
    daysAgo: 7,
    conflictSummary: 'Onze zoon is uit huis geplaatst. Wij begrijpen de brieven niet en voelen ons niet gehoord.',
    institutions: [
      { kind: 'gi', name: 'Jeugdbescherming Brabant' },
      { kind: 'provider', name: 'Pleegzorg Voorbeeld' },
    ],
    stage: 'new',
    language: 'tr',
  },
  {
    people: [parent('Joyce', 'Verbeek (demo)', { email: 'joyce.verbeek@example.org' })],
    children: [{ firstName: 'Milan', birthYear: 2010, measure: 'voluntary' }],
    location: "'s-Hertogenbosch",
    daysAgo: 2,
    conflictSummary: 'Het wijkteam wil een melding doen, maar ik wil juist hulp. Ik weet niet wat ik moet doen.',
    institutions: [{ kind: 'other', name: 'Wijkteam (voorbeeld)' }],
    stage: 'due_today',
    referrer: { referrerType: 'district_team', referrerName: 'Wijkteam Den Bosch-Oost (demo)', referrerOrganisation: 'Gemeente (voorbeeld)', referrerEmail: 'wijkteam@example.org' },
  },
  {
    people: [parent('Ruud', 'Janssen (demo)', { phone: '06 3333 4444', safeContactNote: 'Alleen mailen, niet naar het huisadres schrijven.' })],
    children: [{ firstName: 'Lotte', birthYear: 2014, measure: 'guardianship' }],
    location: 'Helmond',
    daysAgo: 3,
    conflictSummary: 'Ik heb geen gezag meer en wil weten hoe ik contact met mijn dochter kan houden.',
    institutions: [{ kind: 'gi', name: 'William Schrikker Stichting (voorbeeld)' }],
    stage: 'contacted',
  },
  {
    people: [parent('Fatima', 'El Amrani (demo)', { email: 'fatima.elamrani@example.org' })],
    children: [
      { firstName: 'Yassin', birthYear: 2011, measure: 'ots' },
      { firstName: 'Sara', birthYear: 2019, measure: 'ots' },
    ],
    location: 'Helmond',
    daysAgo: 20,
    conflictSummary: 'Over drie weken is de zitting over verlenging van de OTS. Ik wil mijn verhaal goed kunnen vertellen.',
    institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
    hearingInDays: 21,
    stage: 'waiting',
    language: 'ar',
  },
  {
    people: [parent('Anouk', 'Hendriks (demo)')],
    children: [{ firstName: 'Daan', birthYear: 2013, measure: 'youth_probation' }],
    location: 'Tilburg',
    daysAgo: 30,
    conflictSummary: 'Mijn zoon heeft jeugdreclassering. De afspraken veranderen steeds en ik raak het overzicht kwijt.',
    institutions: [{ kind: 'provider', name: 'Jeugdreclassering (voorbeeld)' }],
    stage: 'matching',
  },
  {
    people: [parent('Kevin', 'Bos (demo)', { email: 'kevin.bos@example.org' })],
    children: [{ firstName: 'Evi', birthYear: 2016, measure: 'ots' }],
    location: null, // Maastricht: outside the work area → helpdesk
    daysAgo: 1,
    conflictSummary: 'Ik woon in Limburg en zoek iemand die met mij meegaat naar gesprekken met de gezinsvoogd.',
    institutions: [{ kind: 'gi', name: 'Jeugdbescherming Limburg (voorbeeld)' }],
    stage: 'new',
  },
  {
    // The first family again, through another channel: flagged as a possible duplicate.
    people: [parent('S.', 'Boer (demo)', { phone: '06 5555 6666' })],
    children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
    location: 'Helmond',
    daysAgo: 0,
    conflictSummary: 'Aangemeld door de cliëntvertrouwenspersoon: moeder wil hulp bij de omgangsregeling.',
    institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
    stage: 'new',
    referrer: { referrerType: 'cvp', referrerName: 'CVP (demo)', referrerOrganisation: 'AKJ (voorbeeld)', referrerEmail: 'cvp@example.org' },
  },
];

async function staffUser(tx: Executor, orgId: string): Promise<string | null> {
  const rows = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), inArray(users.role, ['coordinator', 'admin'])));
  return (rows.find((r) => r.role === 'coordinator') ?? rows[0])?.id ?? null;
}

/**
 * Demo data (issue 4): eight fictional applications at different stages (new, overdue, due today,
 * contacted, waiting with urgency, matching, helpdesk, a possible duplicate), stored through the
 * service layer so routing, deadlines and duplicate detection are the real ones. Audited as system.
 */
export async function seedDemoApplications(db: Database, orgId: string, locationIds: Record<string, string>): Promise<void> {
  const now = Date.now();
  await db.withTenant(orgId, async (tx) => {
    const staff = await staffUser(tx, orgId);
    for (const f of FAMILIES) {
      const municipalityCode = f.location && locationIds[f.location] ? HOME[f.location]! : 'GM0935';
      const receivedAt = new Date(now - f.daysAgo * 86_400_000);
      const created = await insertApplication(tx, orgId, {
        channel: f.referrer ? 'referrer' : 'public_form',
        referrerType: f.referrer?.referrerType ?? 'self',
        referrerName: f.referrer?.referrerName,
        referrerOrganisation: f.referrer?.referrerOrganisation,
        referrerEmail: f.referrer?.referrerEmail,
        parentAgreedToReferral: !!f.referrer,
        referrerMayBeTold: !!f.referrer,
        people: f.people,
        children: f.children,
        municipalityCode,
        institutions: f.institutions,
        conflictSummary: f.conflictSummary,
        hearingDate: f.hearingInDays !== undefined ? addDays(amsterdamDate(new Date(now)), f.hearingInDays) : null,
        preferredLanguage: f.language ?? 'nl',
        privacyStatementVersion: PRIVACY_STATEMENT_VERSION,
        receivedAt,
        createdBy: f.referrer ? staff : null,
      });
      const where = and(eq(applications.orgId, orgId), eq(applications.id, created.id));
      if (f.stage === 'due_today') await tx.update(applications).set({ firstContactDueAt: endOfAmsterdamDay(amsterdamDate(new Date(now))) }).where(where);
      if (staff && f.stage !== 'new' && f.stage !== 'due_today') {
        const contactAt = new Date(receivedAt.getTime() + 86_400_000);
        await tx.update(applications).set({ status: 'contacted', firstContactAt: contactAt, firstContactBy: staff }).where(where);
        if (f.stage === 'waiting' || f.stage === 'matching') {
          const decidedAt = new Date(receivedAt.getTime() + 5 * 86_400_000);
          await tx.insert(intakes).values({
            orgId,
            applicationId: created.id,
            heldAt: decidedAt,
            helpQuestions: ['Wat betekent de maatregel voor ons gezin?', 'Hoe bereid ik mij voor op gesprekken met de jeugdbeschermer?'],
            goals: 'Weer samenwerken met de hulpverlening, met de kinderen voorop.',
            risks: '',
            decision: f.stage === 'waiting' ? 'accept_waiting' : 'accept_matching',
            decidedBy: staff,
            decidedAt,
          });
          await tx.update(applications).set({ status: f.stage, acceptedAt: decidedAt }).where(where);
        }
      }
      await recordAudit(tx, { orgId, actorRole: 'system', action: 'create', resourceType: 'application', resourceId: created.id, reason: 'demo data' });
    }
  });
}
