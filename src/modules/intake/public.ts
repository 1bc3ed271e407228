// What other modules (matching, trajectories, jobs) may use from the intake module.
import { and, asc, eq, inArray, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import type { Actor } from '../../platform/policy/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import { priorityOf, type TApplicationStatus, type TMeasure } from '../../shared/intake.js';
import { getOrganisationName } from '../organisations/public.js';
import { applicationPeople, applications, referrerNotices } from './tables.js';
import './messages.js';
export { applicationRefsOf, type ApplicationRef } from './lookups.js';

export type Measure = TMeasure;
export type ApplicationStatus = TApplicationStatus;

export interface ApplicationForMatching {
  id: string;
  reference: string;
  status: 'waiting' | 'matching';
  locationId: string | null;
  municipalityCode: string;
  /** Distinct measures of its children. */
  measures: Measure[];
  /** Institution names as entered. */
  institutions: string[];
  /** ISO 639-1, e.g. 'nl', 'en', 'ar'. */
  preferredLanguage: string;
  /** yyyy-mm-dd */
  hearingDate: string | null;
  acceptedAt: Date;
  parentUserId: string | null;
}

const matchable = {
  id: applications.id,
  reference: applications.reference,
  status: applications.status,
  locationId: applications.locationId,
  municipalityCode: applications.municipalityCode,
  measures: sql<string[]>`coalesce((select array_agg(distinct c.measure order by c.measure) from application_children c
                                     where c.org_id = applications.org_id and c.application_id = applications.id), '{}')`,
  institutions: applications.institutions,
  preferredLanguage: applications.preferredLanguage,
  hearingDate: applications.hearingDate,
  acceptedAt: applications.acceptedAt,
  receivedAt: applications.receivedAt,
  parentUserId: applications.parentUserId,
};
type MatchableRow = {
  id: string;
  reference: string;
  status: string;
  locationId: string | null;
  municipalityCode: string;
  measures: string[];
  institutions: Array<{ kind: string; name: string }>;
  preferredLanguage: string;
  hearingDate: string | null;
  acceptedAt: Date | null;
  receivedAt: Date;
  parentUserId: string | null;
};

function toMatchable(r: MatchableRow): ApplicationForMatching {
  return {
    id: r.id,
    reference: r.reference,
    status: r.status as 'waiting' | 'matching',
    locationId: r.locationId,
    municipalityCode: r.municipalityCode,
    measures: (r.measures ?? []) as Measure[],
    institutions: (r.institutions ?? []).map((i) => i.name),
    preferredLanguage: r.preferredLanguage,
    hearingDate: r.hearingDate,
    // Always set by an accepting intake; received_at only guards a row written by hand.
    acceptedAt: r.acceptedAt ?? r.receivedAt,
    parentUserId: r.parentUserId,
  };
}

/**
 * Accepted families waiting for a volunteer (status waiting|matching), optionally only at these
 * locations, ordered by priorityOf(hearingDate, today), then acceptedAt, then id.
 */
export async function listMatchableApplications(
  tx: Executor,
  orgId: string,
  opts: { locationIds?: string[]; today?: string } = {},
): Promise<ApplicationForMatching[]> {
  const today = opts.today ?? amsterdamDate(new Date());
  const rows = (await tx
    .select(matchable)
    .from(applications)
    .where(
      and(
        eq(applications.orgId, orgId),
        inArray(applications.status, ['waiting', 'matching']),
        opts.locationIds ? (opts.locationIds.length ? inArray(applications.locationId, opts.locationIds) : sql`false`) : undefined,
      ),
    )
    .orderBy(asc(applications.acceptedAt), asc(applications.id))) as MatchableRow[];
  const out = rows.map(toMatchable);
  const rank = (a: ApplicationForMatching) => priorityOf(a.hearingDate, today);
  // Stable sort: within one priority the SQL order (accepted_at, id) stays.
  return out.sort((a, b) => rank(a) - rank(b) || a.acceptedAt.getTime() - b.acceptedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function getMatchableApplication(tx: Executor, orgId: string, id: string): Promise<ApplicationForMatching | null> {
  const [row] = (await tx
    .select(matchable)
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.id, id), inArray(applications.status, ['waiting', 'matching'])))) as MatchableRow[];
  return row ? toMatchable(row) : null;
}

/** waiting|matching → matched; 409 'application_not_matchable' otherwise, 404 when it does not exist. */
export async function markMatched(tx: Executor, orgId: string, id: string): Promise<void> {
  const done = await tx
    .update(applications)
    .set({ status: 'matched', updatedAt: new Date() })
    .where(and(eq(applications.orgId, orgId), eq(applications.id, id), inArray(applications.status, ['waiting', 'matching'])))
    .returning({ id: applications.id });
  if (done.length) return;
  const [exists] = await tx.select({ id: applications.id }).from(applications).where(and(eq(applications.orgId, orgId), eq(applications.id, id)));
  if (!exists) throw notFound();
  throw new AppError('application_not_matchable', 409);
}

/** Applications whose parent account is userId (the parent's own status page). */
export async function applicationsOfParent(
  tx: Executor,
  orgId: string,
  userId: string,
): Promise<Array<{ id: string; reference: string; status: ApplicationStatus; locationId: string | null; receivedAt: Date; acceptedAt: Date | null }>> {
  const rows = await tx
    .select({
      id: applications.id,
      reference: applications.reference,
      status: applications.status,
      locationId: applications.locationId,
      receivedAt: applications.receivedAt,
      acceptedAt: applications.acceptedAt,
    })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.parentUserId, userId)))
    .orderBy(asc(applications.receivedAt), asc(applications.id));
  return rows.map((r) => ({ ...r, status: r.status as ApplicationStatus }));
}

/** A referrer notice as the sharing gate (consent/gate.ts) sees it. */
export interface ReferrerNoticeRequest {
  orgId: string;
  applicationId: string;
  kind: 'received' | 'started' | 'ended';
  parentUserId: string | null;
  referrerType: string;
  mayBeTold: boolean;
  referrer: { name: string | null; organisation: string | null; email: string | null };
  receivedAt: Date;
}
export type ReferrerNoticeGate = (tx: Executor, ctx: { actor?: Actor; ip?: string; userAgent?: string }, n: ReferrerNoticeRequest) => Promise<boolean>;
let referrerNoticeGate: ReferrerNoticeGate | undefined;
/** The consent module registers its gate here (intake cannot import consent: consent → trajectories → intake). */
export function setReferrerNoticeGate(gate: ReferrerNoticeGate): void {
  referrerNoticeGate = gate;
}

/**
 * Content-free notice to a professional referrer (seed 003: referrers keep referring when they hear
 * what happened): only when the referrer is not the parent, the parent agreed that the referrer may
 * be told, and there is an address. At most once per kind (referrer_notices' key, also under races);
 * shared only through the consent module's gate (which audits it as 'share').
 * The mail holds the reference and the organisation's name, nothing about the family.
 * Sent inside the caller's transaction: a failing mail rolls the notice back, so it can be sent again.
 */
export async function notifyReferrer(
  tx: Executor,
  ctx: { mailer: Mailer; actor?: Actor; ip?: string; userAgent?: string },
  orgId: string,
  applicationId: string,
  kind: 'received' | 'started' | 'ended',
): Promise<boolean> {
  const [app] = await tx
    .select({
      reference: applications.reference,
      referrerType: applications.referrerType,
      mayBeTold: applications.referrerMayBeTold,
      email: applications.referrerEmail,
      parentUserId: applications.parentUserId,
      referrerName: applications.referrerName,
      referrerOrganisation: applications.referrerOrganisation,
      receivedAt: applications.receivedAt,
    })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.id, applicationId)));
  if (!app || app.referrerType === 'self' || !app.mayBeTold || !app.email) return false;
  const inserted = await tx
    .insert(referrerNotices)
    .values({ orgId, applicationId, kind, sentAt: new Date() })
    .onConflictDoNothing()
    .returning({ kind: referrerNotices.kind });
  if (!inserted.length) return false;
  // The sharing gate (consent module) decides and records the share; refused: not sent, no notice row.
  const notice: ReferrerNoticeRequest = {
    orgId,
    applicationId,
    kind,
    parentUserId: app.parentUserId,
    referrerType: app.referrerType,
    mayBeTold: app.mayBeTold,
    referrer: { name: app.referrerName, organisation: app.referrerOrganisation, email: app.email },
    receivedAt: app.receivedAt,
  };
  if (!referrerNoticeGate || !(await referrerNoticeGate(tx, ctx, notice))) {
    await tx.delete(referrerNotices).where(and(eq(referrerNotices.orgId, orgId), eq(referrerNotices.applicationId, applicationId), eq(referrerNotices.kind, kind)));
    return false;
  }
  const params = { reference: app.reference, org: (await getOrganisationName(tx, orgId)) ?? 'Naast' };
  await ctx.mailer.send({
    to: app.email,
    subject: `${t('nl', `mail.referrer.${kind}.subject`)} | ${t('en', `mail.referrer.${kind}.subject`)} (${app.reference})`,
    text: `${t('nl', `mail.referrer.${kind}.body`, params)}\n\n---\n\n${t('en', `mail.referrer.${kind}.body`, params)}\n`,
  });
  return true;
}

export interface FamilyHeader {
  reference: string;
  /** The first parent's first name and family-name initial, e.g. "Sanne V." ('' when none is known). */
  familyName: string;
  parentUserId: string | null;
  children: Array<{ firstName: string; birthYear: number; measure: Measure }>;
}

/** The header of the application row aliased `a`, as one json object (the one definition both functions below use). */
const headerJson = sql`json_build_object(
  'reference', a.reference,
  'parentUserId', a.parent_user_id,
  'familyName', (select p.first_name || ' ' || left(p.last_name, 1) || '.' from application_people p
                  where p.org_id = a.org_id and p.application_id = a.id order by p.position limit 1),
  'children', coalesce((select json_agg(json_build_object('firstName', c.first_name, 'birthYear', c.birth_year, 'measure', c.measure) order by c.position)
                          from application_children c where c.org_id = a.org_id and c.application_id = a.id), '[]'::json))`;

/** Both drivers parse json; a string would mean a driver that does not. */
function toHeader(v: unknown): FamilyHeader | null {
  if (v == null) return null;
  const h = (typeof v === 'string' ? JSON.parse(v) : v) as { reference: string; parentUserId: string | null; familyName: string | null; children: FamilyHeader['children'] };
  return { reference: h.reference, familyName: h.familyName ?? '', parentUserId: h.parentUserId, children: h.children };
}

/**
 * The short header of families (trajectory lists and dossiers): reference, short name, parent account
 * and children (first name, birth year, measure). One statement for any number of ids, no N+1.
 */
export async function familyHeadersOf(tx: Executor, orgId: string, applicationIds: readonly string[]): Promise<Map<string, FamilyHeader>> {
  const out = new Map<string, FamilyHeader>();
  if (!applicationIds.length) return out;
  const rows = await execRows<{ id: string; header: unknown }>(
    tx,
    sql`select a.id::text as id, ${headerJson} as header from applications a
         where a.org_id = ${orgId} and a.id = any(${sql.param([...new Set(applicationIds)])}::uuid[])`,
  );
  for (const r of rows) out.set(r.id, toHeader(r.header)!);
  return out;
}

/**
 * The same header as a column of another module's select (the trajectory dossier and lists read it in
 * their own statement instead of a second round trip): a correlated subquery on the application
 * `applicationId` names, null when there is none. Intake keeps the definition; callers only place it.
 */
export function familyHeaderColumn(orgId: SQLWrapper, applicationId: SQLWrapper): SQL<FamilyHeader | null> {
  return sql`(select ${headerJson} from applications a where a.org_id = ${orgId} and a.id = ${applicationId})`.mapWith(toHeader) as SQL<FamilyHeader | null>;
}

/**
 * Where to reach the parent of an application (the satisfaction questionnaire at closing): the first
 * person with an e-mail address, the preferred language and the parent account. null: no application.
 */
export async function parentContactOf(
  tx: Executor,
  orgId: string,
  applicationId: string,
): Promise<{ email: string | null; language: string; parentUserId: string | null } | null> {
  const [app] = await tx
    .select({ language: applications.preferredLanguage, parentUserId: applications.parentUserId })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.id, applicationId)));
  if (!app) return null;
  const [person] = await tx
    .select({ email: applicationPeople.email })
    .from(applicationPeople)
    .where(and(eq(applicationPeople.orgId, orgId), eq(applicationPeople.applicationId, applicationId), sql`${applicationPeople.email} is not null and ${applicationPeople.email} <> ''`))
    .orderBy(asc(applicationPeople.position))
    .limit(1);
  return { email: person?.email ?? null, language: app.language, parentUserId: app.parentUserId };
}

/** The full names of an application's parents and carers, in the order given (letters written with the parent). */
export async function applicationPeopleNames(tx: Executor, orgId: string, applicationId: string): Promise<Array<{ relation: string; firstName: string; lastName: string }>> {
  return tx
    .select({ relation: applicationPeople.relation, firstName: applicationPeople.firstName, lastName: applicationPeople.lastName })
    .from(applicationPeople)
    .where(and(eq(applicationPeople.orgId, orgId), eq(applicationPeople.applicationId, applicationId)))
    .orderBy(asc(applicationPeople.position));
}
export { linkParentAccount } from './parent-link.js';
export { intakePersonalData } from './personal-data.js';
