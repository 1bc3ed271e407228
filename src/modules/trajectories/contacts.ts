import { and, eq } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { notFound, validation, type FieldError } from '../../platform/http/errors.js';
import { decodeTimeCursor, pageOf } from '../../platform/http/pagination.js';
import { can } from '../../platform/policy/index.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import {
  TIME_SUMMARY_WEEKS,
  type TContact,
  type TContactPatchRequest,
  type TContactRequest,
  type TTimeSummary,
} from '../../shared/trajectories.js';
import { familyHeadersOf } from '../intake/public.js';
import { assertOpen, trajectoryFor, type TrajectoryRow } from './access.js';
import { isoWeekOf, mondayOf } from './lifecycle.js';
import * as repo from './repository.js';
import { contactCursor } from './service.js';
import { meetings, trajectoryContacts } from './tables.js';
import './messages.js';

/**
 * The contact log and time registration (issue 5, "Contacts and time"). Every change recomputes the
 * trajectory's totals and last contact date in the same transaction, so lists and signals read them
 * from the row. Ended trajectories are read-only (409). The author of a contact, or a professional
 * (trajectories.close: coordinator, admin), may change or remove it.
 */

type Normalised = {
  kind: TContact['kind'];
  occurredOn: string;
  volunteerMinutes: number;
  professionalMinutes: number;
  participants: string[];
  note: string | null;
  meetingId: string | null;
};

const parentOf = async (tx: Executor, row: TrajectoryRow) => (await familyHeadersOf(tx, row.orgId, [row.applicationId])).get(row.applicationId)?.parentUserId ?? null;

/** The checks Zod cannot make: some time, not in the future (Amsterdam), the meeting of this trajectory. */
async function check(tx: Executor, row: TrajectoryRow, c: Normalised, today: string): Promise<void> {
  const errors: FieldError[] = [];
  if (c.volunteerMinutes + c.professionalMinutes <= 0) errors.push({ field: 'body.volunteerMinutes', code: 'custom', messageKey: 'field.contact_minutes_required' });
  if (c.occurredOn > today) errors.push({ field: 'body.occurredOn', code: 'in_future', messageKey: 'field.contact_in_future' });
  if (c.meetingId) {
    const [m] = await tx
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.orgId, row.orgId), eq(meetings.trajectoryId, row.id), eq(meetings.id, c.meetingId)));
    if (!m) errors.push({ field: 'body.meetingId', code: 'unknown_meeting', messageKey: 'field.contact_meeting_unknown' });
  }
  if (errors.length) throw validation(errors);
}

/** GET /trajectories/:id/contacts: newest first, cursor by (date, id). */
export async function listContacts(ctx: ActorContext, id: string, q: { cursor?: string; limit: number; reason?: string }): Promise<{ items: TContact[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeTimeCursor(q.cursor) : undefined;
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.read', { reason: q.reason });
    const rows = await repo.contactsOf(tx, row.orgId, row.id, { after: after && { on: after.at.toISOString().slice(0, 10), id: after.id }, limit: q.limit + 1 });
    await audit(tx, ctx, { action: 'list', resourceType: 'trajectory_contact', resourceId: row.id, subjectId: await parentOf(tx, row), reason: auditReason });
    return pageOf(rows, q.limit, (last) => contactCursor(last.occurredOn, last.id));
  });
}

/** POST /trajectories/:id/contacts → 201 with the contact. */
export async function createContact(ctx: ActorContext, id: string, body: TContactRequest, reason?: string): Promise<TContact> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.write', { reason, lock: true });
    assertOpen(row);
    const c: Normalised = {
      kind: body.kind,
      occurredOn: body.occurredOn,
      volunteerMinutes: body.volunteerMinutes ?? 0,
      professionalMinutes: body.professionalMinutes ?? 0,
      participants: body.participants ?? [],
      note: body.note ?? null,
      meetingId: body.meetingId ?? null,
    };
    await check(tx, row, c, amsterdamDate(new Date()));
    const contactId = uuidv7();
    await tx.insert(trajectoryContacts).values({ orgId: row.orgId, id: contactId, trajectoryId: row.id, ...c, createdBy: ctx.actor.userId });
    await repo.recomputeTotals(tx, row.orgId, row.id);
    await audit(tx, ctx, { action: 'create', resourceType: 'trajectory_contact', resourceId: contactId, subjectId: await parentOf(tx, row), reason: auditReason });
    return (await repo.contactById(tx, row.orgId, row.id, contactId))!;
  });
}

/** Loads a contact of this trajectory for a change: another trajectory's contact is not found; only its author or a professional may change it. */
async function ownContact(ctx: ActorContext, tx: Executor, row: TrajectoryRow, contactId: string): Promise<TContact> {
  const contact = await repo.contactById(tx, row.orgId, row.id, contactId);
  if (!contact) throw notFound();
  if (contact.createdBy.id !== ctx.actor.userId && !can(ctx.actor, 'trajectories.close')) throw notFound();
  return contact;
}

/** PATCH /trajectories/:id/contacts/:contactId: any part; the merged contact is checked again. */
export async function updateContact(ctx: ActorContext, id: string, contactId: string, body: TContactPatchRequest, reason?: string): Promise<TContact> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.write', { reason, lock: true });
    assertOpen(row);
    const old = await ownContact(ctx, tx, row, contactId);
    const c: Normalised = {
      kind: body.kind ?? old.kind,
      occurredOn: body.occurredOn ?? old.occurredOn,
      volunteerMinutes: body.volunteerMinutes ?? old.volunteerMinutes,
      professionalMinutes: body.professionalMinutes ?? old.professionalMinutes,
      participants: body.participants ?? old.participants,
      note: body.note === undefined ? old.note : body.note,
      meetingId: body.meetingId === undefined ? old.meetingId : body.meetingId,
    };
    await check(tx, row, c, amsterdamDate(new Date()));
    await tx
      .update(trajectoryContacts)
      .set({ ...c, updatedAt: new Date() })
      .where(and(eq(trajectoryContacts.orgId, row.orgId), eq(trajectoryContacts.trajectoryId, row.id), eq(trajectoryContacts.id, contactId)));
    await repo.recomputeTotals(tx, row.orgId, row.id);
    await audit(tx, ctx, { action: 'update', resourceType: 'trajectory_contact', resourceId: contactId, subjectId: await parentOf(tx, row), reason: auditReason });
    return (await repo.contactById(tx, row.orgId, row.id, contactId))!;
  });
}

/** DELETE /trajectories/:id/contacts/:contactId (its author or a professional). */
export async function deleteContact(ctx: ActorContext, id: string, contactId: string, reason?: string): Promise<void> {
  await ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.write', { reason, lock: true });
    assertOpen(row);
    await ownContact(ctx, tx, row, contactId);
    await tx.delete(trajectoryContacts).where(and(eq(trajectoryContacts.orgId, row.orgId), eq(trajectoryContacts.trajectoryId, row.id), eq(trajectoryContacts.id, contactId)));
    await repo.recomputeTotals(tx, row.orgId, row.id);
    await audit(tx, ctx, { action: 'delete', resourceType: 'trajectory_contact', resourceId: contactId, subjectId: await parentOf(tx, row), reason: auditReason });
  });
}

/**
 * GET /trajectories/:id/time: the totals (from the row) and the last 26 ISO weeks up to this one,
 * oldest first, every week present (zero when nothing was logged).
 */
export async function timeSummary(ctx: ActorContext, id: string, reason?: string): Promise<TTimeSummary> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.read', { reason });
    const first = addDays(mondayOf(amsterdamDate(new Date())), -7 * (TIME_SUMMARY_WEEKS - 1));
    const perWeek = await repo.minutesPerWeek(tx, row.orgId, row.id, first);
    const weeks: TTimeSummary['weeks'] = [];
    for (let i = 0; i < TIME_SUMMARY_WEEKS; i++) {
      const monday = addDays(first, 7 * i);
      const m = perWeek.get(monday);
      weeks.push({ week: isoWeekOf(monday), weekStart: monday, volunteerMinutes: m?.v ?? 0, professionalMinutes: m?.p ?? 0 });
    }
    await audit(tx, ctx, { action: 'read', resourceType: 'trajectory_time', resourceId: row.id, subjectId: await parentOf(tx, row), reason: auditReason });
    return { volunteerMinutes: row.volunteerMinutes, professionalMinutes: row.professionalMinutes, weeks };
  });
}
