import { and, asc, eq, gt, like, notInArray, or, sql, type SQL } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound, validation, type FieldError } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeTimeCursor, encodeTimeCursor, pageOf } from '../../platform/http/pagination.js';
import { t } from '../../platform/i18n/index.js';
import { authorize, decide, type Actor } from '../../platform/policy/index.js';
import { amsterdamDate, workingDayDeadline } from '../../platform/time/working-days.js';
import {
  priorityOf,
  type TApplicationChannel,
  type TApplicationDetail,
  type TApplicationStatus,
  type TDueState,
  type TInboxItem,
  type TInboxQuery,
  type TIntakeRequest,
  type TInstitution,
  type TApplicationChild,
  type TApplicationPerson,
  type TReferrerType,
  type TStaffApplicationRequest,
  type TUpdateApplicationRequest,
} from '../../shared/intake.js';
import { getServiceNorms, locationNameColumn, municipalityByCode, municipalityNameColumn, routeMunicipality } from '../organisations/public.js';
import { keyPrefix, keysOverlap, matchKey } from './matchkey.js';
import { PRIVACY_STATEMENT_VERSION } from './privacy.js';
import { notifyReferrer } from './public.js';
import { applicationChildren, applicationCounters, applicationPeople, applications, intakes } from './tables.js';
import './messages.js';

/** Statuses of a finished application: no duplicate of anything, no more corrections to its flow. */
const CLOSED: TApplicationStatus[] = ['referred', 'declined', 'merged'];

// ---- creating -----------------------------------------------------------------------------------

export interface NewApplication {
  channel: TApplicationChannel;
  referrerType: TReferrerType;
  referrerName?: string | null;
  referrerOrganisation?: string | null;
  referrerEmail?: string | null;
  referrerPhone?: string | null;
  parentAgreedToReferral: boolean;
  referrerMayBeTold: boolean;
  people: TApplicationPerson[];
  children: TApplicationChild[];
  municipalityCode: string;
  postcode?: string | null;
  institutions: TInstitution[];
  conflictSummary: string;
  hearingDate?: string | null;
  urgencyNote?: string | null;
  preferredLanguage: string;
  privacyStatementVersion: string;
  receivedAt: Date;
  createdBy: string | null;
}

const unknownMunicipality = () =>
  new AppError('validation', 422, {}, [{ field: 'body.municipalityCode', code: 'unknown_municipality', messageKey: 'field.application_municipality' }]);

/** "1234ab" → "1234 AB". */
export const normalisePostcode = (p: string) => `${p.slice(0, 4)} ${p.slice(-2).toUpperCase()}`;

export function privacyVersionErrors(version: string): FieldError[] {
  return version === PRIVACY_STATEMENT_VERSION
    ? []
    : [{ field: 'body.privacyStatementVersion', code: 'privacy_statement_outdated', messageKey: 'field.privacy_statement_outdated' }];
}

const findMunicipality = municipalityByCode;

/** Where the municipality sends the family: its location, or the helpdesk (advice at a distance) outside the work area. */
async function routeOf(tx: Executor, orgId: string, code: string) {
  const m = await findMunicipality(tx, code);
  if (!m) throw unknownMunicipality();
  const route = await routeMunicipality(tx, orgId, code);
  if (!route) {
    return { queue: 'helpdesk' as const, locationId: null, funding: null, financingNeeded: false, suggestedReferral: t('nl', 'intake.suggested_referral', { province: m.province }) };
  }
  return {
    queue: 'location' as const,
    locationId: route.locationId,
    funding: route.funding,
    financingNeeded: route.funding === 'per_trajectory' && !route.purchaseAgreement,
    suggestedReferral: null,
  };
}

/** The next reference of the year, A-2026-00042: one row per organisation and year, locked by the upsert. */
async function nextReference(tx: Executor, orgId: string, at: Date): Promise<string> {
  const year = Number(amsterdamDate(at).slice(0, 4));
  const [row] = await tx
    .insert(applicationCounters)
    .values({ orgId, year, last: 1 })
    .onConflictDoUpdate({ target: [applicationCounters.orgId, applicationCounters.year], set: { last: sql`${applicationCounters.last} + 1` } })
    .returning({ last: applicationCounters.last });
  return `A-${year}-${String(row!.last).padStart(5, '0')}`;
}

/** The oldest open application of the same municipality that shares a last name and a birth year. */
async function findDuplicate(tx: Executor, orgId: string, key: string, exceptId: string): Promise<string | null> {
  const candidates = await tx
    .select({ id: applications.id, matchKey: applications.matchKey })
    .from(applications)
    .where(
      and(
        eq(applications.orgId, orgId),
        like(applications.matchKey, `${keyPrefix(key.split('|')[0]!)}%`),
        notInArray(applications.status, CLOSED),
        sql`${applications.id} <> ${exceptId}`,
      ),
    )
    .orderBy(asc(applications.receivedAt), asc(applications.id));
  return candidates.find((c) => keysOverlap(c.matchKey, key))?.id ?? null;
}

/**
 * Stores one application with its people and children in the caller's transaction (all or nothing):
 * checks the municipality (422), routes it, sets the first-contact deadline in Dutch working days,
 * hands out the reference and flags a suspected duplicate.
 */
export async function insertApplication(tx: Executor, orgId: string, a: NewApplication): Promise<{ id: string; reference: string; possibleDuplicateOf: string | null }> {
  const route = await routeOf(tx, orgId, a.municipalityCode);
  const norms = await getServiceNorms(tx, orgId);
  if (!norms) throw notFound();
  const id = uuidv7();
  const reference = await nextReference(tx, orgId, a.receivedAt);
  const key = matchKey(
    a.municipalityCode,
    a.people.map((p) => p.lastName),
    a.children.map((c) => c.birthYear),
  );
  const possibleDuplicateOf = await findDuplicate(tx, orgId, key, id);
  const now = new Date();
  await tx.insert(applications).values({
    orgId,
    id,
    reference,
    channel: a.channel,
    referrerType: a.referrerType,
    referrerName: a.referrerName ?? null,
    referrerOrganisation: a.referrerOrganisation ?? null,
    referrerEmail: a.referrerEmail ?? null,
    referrerPhone: a.referrerPhone ?? null,
    parentAgreedToReferral: a.parentAgreedToReferral,
    referrerMayBeTold: a.referrerMayBeTold,
    municipalityCode: a.municipalityCode,
    postcode: a.postcode ? normalisePostcode(a.postcode) : null,
    ...route,
    conflictSummary: a.conflictSummary,
    institutions: a.institutions,
    preferredLanguage: a.preferredLanguage,
    hearingDate: a.hearingDate ?? null,
    urgencyNote: a.urgencyNote ?? null,
    consentAt: now,
    privacyStatementVersion: a.privacyStatementVersion,
    receivedAt: a.receivedAt,
    firstContactDueAt: workingDayDeadline(a.receivedAt, norms.firstContactWorkingDays),
    status: 'new',
    possibleDuplicateOf,
    matchKey: key,
    createdBy: a.createdBy,
  });
  await insertFamily(tx, orgId, id, a.people, a.children);
  return { id, reference, possibleDuplicateOf };
}

async function insertFamily(tx: Executor, orgId: string, applicationId: string, people?: TApplicationPerson[], children?: TApplicationChild[]) {
  if (people) {
    await tx.insert(applicationPeople).values(
      people.map((p, position) => ({
        orgId,
        applicationId,
        id: uuidv7(),
        position,
        relation: p.relation,
        firstName: p.firstName,
        lastName: p.lastName,
        email: p.email ?? null,
        phone: p.phone ?? null,
        safeContactNote: p.safeContactNote ?? null,
      })),
    );
  }
  if (children) {
    await tx.insert(applicationChildren).values(
      children.map((c, position) => ({ orgId, applicationId, id: uuidv7(), position, firstName: c.firstName, birthYear: c.birthYear, measure: c.measure })),
    );
  }
}

/** Cross-field rules of the staff form (a referrer's application needs the parent's agreement). */
function staffErrors(body: TStaffApplicationRequest, now: Date): FieldError[] {
  const errors: FieldError[] = [...privacyVersionErrors(body.privacyStatementVersion)];
  const referred = body.referrerType !== 'self';
  if (body.channel === 'referrer' && !referred) errors.push({ field: 'body.referrerType', code: 'self_referral_channel', messageKey: 'field.self_referral_channel' });
  if (referred && !body.parentAgreedToReferral) {
    errors.push({ field: 'body.parentAgreedToReferral', code: 'referral_agreement_required', messageKey: 'field.referral_agreement_required' });
  }
  if (referred && !body.referrerName && !body.referrerOrganisation) {
    errors.push({ field: 'body.referrerName', code: 'referrer_required', messageKey: 'field.referrer_required' });
  }
  if (body.receivedAt && new Date(body.receivedAt).getTime() > now.getTime() + 60_000) {
    errors.push({ field: 'body.receivedAt', code: 'in_future', messageKey: 'field.in_future' });
  }
  return errors;
}

/** POST /applications: a coordinator records an application that came by phone, mail or from a referrer. */
export async function createStaffApplication(ctx: ActorContext, body: TStaffApplicationRequest): Promise<TApplicationDetail> {
  const now = new Date();
  const errors = staffErrors(body, now);
  if (errors.length) throw validation(errors);
  const { orgId } = ctx.actor;
  const referred = body.referrerType !== 'self';
  return ctx.db.withTenant(orgId, async (tx) => {
    const created = await insertApplication(tx, orgId, {
      ...body,
      referrerName: referred ? body.referrerName : null,
      referrerOrganisation: referred ? body.referrerOrganisation : null,
      referrerEmail: referred ? body.referrerEmail : null,
      referrerPhone: referred ? body.referrerPhone : null,
      parentAgreedToReferral: referred ? body.parentAgreedToReferral : false,
      referrerMayBeTold: referred ? body.referrerMayBeTold : false,
      receivedAt: body.receivedAt ? new Date(body.receivedAt) : now,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, { action: 'create', resourceType: 'application', resourceId: created.id });
    await notifyReferrer(tx, ctx, orgId, created.id, 'received');
    const row = await loadRow(tx, orgId, created.id);
    return toDetail(tx, row!);
  });
}

// ---- reading ------------------------------------------------------------------------------------

/** overdue / due today / upcoming in Europe/Amsterdam; done once the first contact was made (or the application left 'new'). */
export function dueStateOf(status: string, firstContactAt: Date | null, dueAt: Date, now: Date = new Date()): TDueState {
  if (firstContactAt || status !== 'new') return 'done';
  if (dueAt.getTime() < now.getTime()) return 'overdue';
  return amsterdamDate(dueAt) === amsterdamDate(now) ? 'due_today' : 'upcoming';
}

// Correlated subqueries name the outer table itself: drizzle writes a column of the single FROM table
// unqualified, which inside a subquery would bind to the inner table's column of the same name.
// The names are the organisations module's (its definition, placed here).
const municipalityName = municipalityNameColumn(sql`applications.municipality_code`);
const locationName = locationNameColumn(sql`applications.org_id`, sql`applications.location_id`);

const relations = (r: { orgId: string; locationId: string | null; parentUserId: string | null }) => ({
  orgId: r.orgId,
  locationIds: r.locationId ? [r.locationId] : [],
  subjectUserId: r.parentUserId,
});

/** What an actor may list: admins everything; coordinators their locations and the helpdesk (no location). */
function scopeOf(actor: Actor): SQL | undefined {
  if (actor.role === 'admin') return undefined;
  const own = actor.locationIds.length
    ? or(sql`${applications.locationId} is null`, sql`${applications.locationId} = any(${sql.param(actor.locationIds)}::uuid[])`)
    : sql`${applications.locationId} is null`;
  return own;
}

/**
 * The coordinator inbox: one statement (names by correlated subqueries), ordered by deadline and
 * id, cursor-paginated. Only a short name per family. Audited as one 'list' event.
 */
export async function listInbox(ctx: ActorContext, q: TInboxQuery): Promise<{ items: TInboxItem[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const after = q.cursor ? decodeTimeCursor(q.cursor) : undefined;
  const now = new Date();
  const today = amsterdamDate(now);
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    const rows = await tx
      .select({
        orgId: applications.orgId,
        id: applications.id,
        reference: applications.reference,
        status: applications.status,
        receivedAt: applications.receivedAt,
        firstContactDueAt: applications.firstContactDueAt,
        firstContactAt: applications.firstContactAt,
        municipalityCode: applications.municipalityCode,
        municipalityName,
        locationId: applications.locationId,
        locationName,
        queue: applications.queue,
        financingNeeded: applications.financingNeeded,
        possibleDuplicateOf: applications.possibleDuplicateOf,
        duplicateResolution: applications.duplicateResolution,
        hearingDate: applications.hearingDate,
        parentUserId: applications.parentUserId,
        shortName: sql<string | null>`(select p.first_name || ' ' || left(p.last_name, 1) || '.' from application_people p
                                       where p.org_id = applications.org_id and p.application_id = applications.id order by p.position limit 1)`,
      })
      .from(applications)
      .where(
        and(
          eq(applications.orgId, actor.orgId),
          q.state === 'open' ? eq(applications.status, 'new') : q.state === 'intake' ? eq(applications.status, 'contacted') : undefined,
          q.queue ? eq(applications.queue, q.queue) : undefined,
          q.locationId ? eq(applications.locationId, q.locationId) : undefined,
          scopeOf(actor),
          after
            ? or(
                gt(applications.firstContactDueAt, after.at),
                and(eq(applications.firstContactDueAt, after.at), gt(applications.id, after.id)),
              )
            : undefined,
        ),
      )
      .orderBy(asc(applications.firstContactDueAt), asc(applications.id))
      .limit(q.limit + 1);
    await audit(tx, ctx, { action: 'list', resourceType: 'application' });
    // The policy has the last word on every row (the filter above already keeps to it).
    const visible = rows.filter((r) => decide(actor, 'applications.read', relations(r)).allowed);
    const page = pageOf(visible, q.limit, (last) => encodeTimeCursor(last.firstContactDueAt, last.id));
    return {
      items: page.items.map((r) => ({
        id: r.id,
        reference: r.reference,
        status: r.status as TApplicationStatus,
        receivedAt: r.receivedAt.toISOString(),
        firstContactDueAt: r.firstContactDueAt.toISOString(),
        dueState: dueStateOf(r.status, r.firstContactAt, r.firstContactDueAt, now),
        municipalityCode: r.municipalityCode,
        municipalityName: r.municipalityName,
        locationId: r.locationId,
        locationName: r.locationName,
        queue: r.queue as 'location' | 'helpdesk',
        financingNeeded: r.financingNeeded,
        possibleDuplicate: !!r.possibleDuplicateOf && !r.duplicateResolution,
        priority: priorityOf(r.hearingDate, today),
        shortName: r.shortName ?? '',
      })),
      nextCursor: page.nextCursor,
    };
  });
}

type Row = typeof applications.$inferSelect & { municipalityName: string; locationName: string | null };

async function loadRow(tx: Executor, orgId: string, id: string, lock = false): Promise<Row | undefined> {
  const q = tx
    .select({ app: applications, municipalityName, locationName })
    .from(applications)
    .where(and(eq(applications.orgId, orgId), eq(applications.id, id)));
  const [row] = lock ? await q.for('update', { of: applications }) : await q;
  return row ? { ...row.app, municipalityName: row.municipalityName, locationName: row.locationName } : undefined;
}

async function toDetail(tx: Executor, r: Row, now = new Date()): Promise<TApplicationDetail> {
  const people = await tx
    .select()
    .from(applicationPeople)
    .where(and(eq(applicationPeople.orgId, r.orgId), eq(applicationPeople.applicationId, r.id)))
    .orderBy(asc(applicationPeople.position));
  const children = await tx
    .select()
    .from(applicationChildren)
    .where(and(eq(applicationChildren.orgId, r.orgId), eq(applicationChildren.applicationId, r.id)))
    .orderBy(asc(applicationChildren.position));
  const [intake] = await tx.select().from(intakes).where(and(eq(intakes.orgId, r.orgId), eq(intakes.applicationId, r.id)));
  const [dup] = r.possibleDuplicateOf
    ? await tx
        .select({ id: applications.id, reference: applications.reference })
        .from(applications)
        .where(and(eq(applications.orgId, r.orgId), eq(applications.id, r.possibleDuplicateOf)))
    : [];
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    reference: r.reference,
    status: r.status as TApplicationStatus,
    channel: r.channel as TApplicationChannel,
    referrerType: r.referrerType as TReferrerType,
    referrerName: r.referrerName,
    referrerOrganisation: r.referrerOrganisation,
    referrerEmail: r.referrerEmail,
    referrerPhone: r.referrerPhone,
    parentAgreedToReferral: r.parentAgreedToReferral,
    referrerMayBeTold: r.referrerMayBeTold,
    people: people.map((p) => ({
      relation: p.relation as 'parent' | 'carer',
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: p.phone,
      safeContactNote: p.safeContactNote,
    })),
    children: children.map((c) => ({ firstName: c.firstName, birthYear: c.birthYear, measure: c.measure as TApplicationChild['measure'] })),
    municipalityCode: r.municipalityCode,
    municipalityName: r.municipalityName,
    postcode: r.postcode,
    locationId: r.locationId,
    locationName: r.locationName,
    queue: r.queue as 'location' | 'helpdesk',
    funding: r.funding as 'subsidy' | 'per_trajectory' | null,
    financingNeeded: r.financingNeeded,
    suggestedReferral: r.suggestedReferral,
    conflictSummary: r.conflictSummary,
    institutions: r.institutions,
    preferredLanguage: r.preferredLanguage,
    hearingDate: r.hearingDate,
    urgencyNote: r.urgencyNote,
    priority: priorityOf(r.hearingDate, amsterdamDate(now)),
    consentAt: r.consentAt.toISOString(),
    privacyStatementVersion: r.privacyStatementVersion,
    receivedAt: r.receivedAt.toISOString(),
    firstContactDueAt: r.firstContactDueAt.toISOString(),
    dueState: dueStateOf(r.status, r.firstContactAt, r.firstContactDueAt, now),
    firstContactAt: iso(r.firstContactAt),
    firstContactBy: r.firstContactBy,
    acceptedAt: iso(r.acceptedAt),
    possibleDuplicateOf: dup ?? null,
    duplicateResolution: r.duplicateResolution as 'merged' | 'kept_apart' | null,
    mergedInto: r.mergedInto,
    parentUserId: r.parentUserId,
    intake: intake
      ? {
          heldAt: intake.heldAt.toISOString(),
          helpQuestions: intake.helpQuestions,
          goals: intake.goals,
          risks: intake.risks,
          decision: intake.decision as TIntakeRequest['decision'],
          referredTo: intake.referredTo,
          reason: intake.decisionReason,
          decidedBy: intake.decidedBy,
          decidedAt: intake.decidedAt.toISOString(),
        }
      : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** One application (audited read; a coordinator of another location gives a reason: break-the-glass). */
export async function getApplication(ctx: ActorContext, id: string, reason?: string): Promise<TApplicationDetail> {
  const { actor } = ctx;
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    const row = await loadRow(tx, actor.orgId, id);
    if (!row) throw notFound();
    const auditReason = authorize(actor, 'applications.read', relations(row), reason);
    await audit(tx, ctx, { action: 'read', resourceType: 'application', resourceId: id, subjectId: row.parentUserId, reason: auditReason });
    return toDetail(tx, row);
  });
}

// ---- changing -----------------------------------------------------------------------------------

/**
 * Loads and locks the application, checks the relationship rule for managing it, runs `change`,
 * audits an 'update' and answers the new detail. One transaction: all or nothing.
 */
async function changeApplication(
  ctx: ActorContext,
  id: string,
  reason: string | undefined,
  change: (tx: Executor, row: Row) => Promise<void>,
): Promise<TApplicationDetail> {
  const { actor } = ctx;
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    const row = await loadRow(tx, actor.orgId, id, true);
    if (!row) throw notFound();
    const auditReason = authorize(actor, 'applications.manage', relations(row), reason);
    await change(tx, row);
    await audit(tx, ctx, { action: 'update', resourceType: 'application', resourceId: id, subjectId: row.parentUserId, reason: auditReason });
    const updated = await loadRow(tx, actor.orgId, id);
    return toDetail(tx, updated!);
  });
}

const setWhere = (orgId: string, id: string) => and(eq(applications.orgId, orgId), eq(applications.id, id));

/** PATCH: corrections. A new municipality routes the application again; a merged one is read-only. */
export async function updateApplication(ctx: ActorContext, id: string, body: TUpdateApplicationRequest, reason?: string): Promise<TApplicationDetail> {
  return changeApplication(ctx, id, reason, async (tx, row) => {
    if (row.status === 'merged') throw new AppError('application_merged', 409);
    const orgId = row.orgId;
    const patch: Partial<typeof applications.$inferInsert> = { updatedAt: new Date() };
    const copy = <K extends keyof TUpdateApplicationRequest & keyof typeof applications.$inferInsert>(k: K) => {
      if (body[k] !== undefined) (patch as Record<string, unknown>)[k] = body[k];
    };
    for (const k of ['conflictSummary', 'institutions', 'hearingDate', 'urgencyNote', 'preferredLanguage'] as const) copy(k);
    if (row.referrerType !== 'self') {
      for (const k of ['referrerName', 'referrerOrganisation', 'referrerEmail', 'referrerPhone', 'referrerMayBeTold'] as const) copy(k);
    }
    if (body.postcode !== undefined) patch.postcode = body.postcode ? normalisePostcode(body.postcode) : null;
    if (body.municipalityCode !== undefined && body.municipalityCode !== row.municipalityCode) {
      Object.assign(patch, { municipalityCode: body.municipalityCode }, await routeOf(tx, orgId, body.municipalityCode));
    }
    if (body.people) await tx.delete(applicationPeople).where(and(eq(applicationPeople.orgId, orgId), eq(applicationPeople.applicationId, id)));
    if (body.children) await tx.delete(applicationChildren).where(and(eq(applicationChildren.orgId, orgId), eq(applicationChildren.applicationId, id)));
    await insertFamily(tx, orgId, id, body.people, body.children);
    if (body.people || body.children || patch.municipalityCode) {
      const people = await tx.select({ lastName: applicationPeople.lastName }).from(applicationPeople).where(and(eq(applicationPeople.orgId, orgId), eq(applicationPeople.applicationId, id)));
      const children = await tx.select({ birthYear: applicationChildren.birthYear }).from(applicationChildren).where(and(eq(applicationChildren.orgId, orgId), eq(applicationChildren.applicationId, id)));
      patch.matchKey = matchKey(
        patch.municipalityCode ?? row.municipalityCode,
        people.map((p) => p.lastName),
        children.map((c) => c.birthYear),
      );
    }
    await tx.update(applications).set(patch).where(setWhere(orgId, id));
  });
}

function assertNotFuture(at: Date, field: string, now = new Date()) {
  if (at.getTime() > now.getTime() + 60_000) throw validation([{ field, code: 'in_future', messageKey: 'field.in_future' }]);
}

/** POST /:id/first-contact: new → contacted, with who and when. */
export async function recordFirstContact(ctx: ActorContext, id: string, at: string | undefined, reason?: string): Promise<TApplicationDetail> {
  const when = at ? new Date(at) : new Date();
  assertNotFuture(when, 'body.at');
  return changeApplication(ctx, id, reason, async (tx, row) => {
    if (row.status === 'merged') throw new AppError('application_merged', 409);
    if (row.status !== 'new') throw new AppError('first_contact_recorded', 409);
    await tx
      .update(applications)
      .set({ status: 'contacted', firstContactAt: when, firstContactBy: ctx.actor.userId, updatedAt: new Date() })
      .where(setWhere(row.orgId, id));
  });
}

const DECISION_STATUS = { accept_waiting: 'waiting', accept_matching: 'matching', refer: 'referred', decline: 'declined' } as const;

/** POST /:id/intake: the conversation and the decision (contacted → waiting | matching | referred | declined). */
export async function recordIntake(ctx: ActorContext, id: string, body: TIntakeRequest, reason?: string): Promise<TApplicationDetail> {
  const errors: FieldError[] = [];
  if (body.decision === 'refer' && !body.referredTo) errors.push({ field: 'body.referredTo', code: 'required', messageKey: 'field.referred_to_required' });
  if ((body.decision === 'refer' || body.decision === 'decline') && !body.reason) {
    errors.push({ field: 'body.reason', code: 'required', messageKey: 'field.decision_reason_required' });
  }
  const heldAt = new Date(body.heldAt);
  if (heldAt.getTime() > Date.now() + 60_000) errors.push({ field: 'body.heldAt', code: 'in_future', messageKey: 'field.in_future' });
  if (errors.length) throw validation(errors);
  return changeApplication(ctx, id, reason, async (tx, row) => {
    if (row.status === 'merged') throw new AppError('application_merged', 409);
    if (row.status === 'new') throw new AppError('first_contact_required', 409);
    if (row.status !== 'contacted') throw new AppError('intake_decided', 409);
    const now = new Date();
    await tx.insert(intakes).values({
      orgId: row.orgId,
      applicationId: id,
      heldAt,
      helpQuestions: body.helpQuestions,
      goals: body.goals ?? '',
      risks: body.risks ?? '',
      decision: body.decision,
      referredTo: body.decision === 'refer' ? body.referredTo! : null,
      decisionReason: body.reason ?? null,
      decidedBy: ctx.actor.userId,
      decidedAt: now,
    });
    const accepted = body.decision === 'accept_waiting' || body.decision === 'accept_matching';
    await tx
      .update(applications)
      .set({ status: DECISION_STATUS[body.decision], acceptedAt: accepted ? now : null, updatedAt: now })
      .where(setWhere(row.orgId, id));
    await audit(tx, ctx, { action: 'create', resourceType: 'intake', resourceId: id, subjectId: row.parentUserId });
  });
}

/** POST /:id/duplicate: merge into the suspected original (this one becomes 'merged'), or keep both apart. */
export async function resolveDuplicate(ctx: ActorContext, id: string, resolution: 'merge' | 'keep_apart', reason?: string): Promise<TApplicationDetail> {
  return changeApplication(ctx, id, reason, async (tx, row) => {
    if (!row.possibleDuplicateOf || row.duplicateResolution) throw new AppError('no_duplicate', 409);
    const now = new Date();
    if (resolution === 'keep_apart') {
      await tx.update(applications).set({ possibleDuplicateOf: null, duplicateResolution: 'kept_apart', updatedAt: now }).where(setWhere(row.orgId, id));
      return;
    }
    if (CLOSED.includes(row.status as TApplicationStatus) || row.status === 'matched') throw new AppError('application_closed', 409);
    await tx
      .update(applications)
      .set({ status: 'merged', mergedInto: row.possibleDuplicateOf, duplicateResolution: 'merged', updatedAt: now })
      .where(setWhere(row.orgId, id));
  });
}

/** POST /:id/link-parent: the parent's own account (role parent, active, same organisation) sees the status. */
export async function linkParent(ctx: ActorContext, id: string, userId: string, reason?: string): Promise<TApplicationDetail> {
  return changeApplication(ctx, id, reason, async (tx, row) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.orgId, row.orgId), eq(users.id, userId), eq(users.role, 'parent'), eq(users.status, 'active')));
    if (!user) throw validation([{ field: 'body.userId', code: 'not_a_parent', messageKey: 'field.not_a_parent' }]);
    await tx.update(applications).set({ parentUserId: userId, updatedAt: new Date() }).where(setWhere(row.orgId, id));
  });
}
