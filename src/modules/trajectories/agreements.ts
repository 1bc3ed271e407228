import { and, asc, desc, eq, gte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { notFound, validation } from '../../platform/http/errors.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import type { z } from 'zod';
import type { TAgreement, TAgreementPatch, TMeeting, TMeetingDetail, TMeetingPatch, ZAgreementRequest, ZMeetingRequest } from '../../shared/trajectories.js';
import { auditPlan, openTrajectory } from './plan.js';
import './plan-messages.js';
import { isoOf, jsonArray } from './json-columns.js';
import { agreements, meetings } from './tables.js';

/**
 * Meetings with professionals (gesprekken: preparation, the meeting, evaluation) and the agreements
 * (afspraken) made in them: who promised what, by when, kept or not. "Overdue" is always computed
 * against today's Amsterdam date, never stored.
 */

// ---------------------------------------------------------------------------------------------
// Meetings
// ---------------------------------------------------------------------------------------------

const meetingColumns = {
  id: meetings.id,
  title: meetings.title,
  withWhom: meetings.withWhom,
  scheduledAt: meetings.scheduledAt,
  place: meetings.place,
  status: meetings.status,
  prepGoal: meetings.prepGoal,
  prepResponses: meetings.prepResponses,
  prepQuestions: meetings.prepQuestions,
  evaluation: meetings.evaluation,
};
type MeetingRow = Omit<TMeeting, 'scheduledAt' | 'status'> & { scheduledAt: Date; status: string };
const toMeeting = (r: MeetingRow): TMeeting => ({ ...r, scheduledAt: r.scheduledAt.toISOString(), status: r.status as TMeeting['status'] });
const meetingsOf = (orgId: string, trajectoryId: string) => and(eq(meetings.orgId, orgId), eq(meetings.trajectoryId, trajectoryId));

/** Planned meetings from `now` on, soonest first (at most `limit`). */
export async function listUpcomingMeetings(tx: Executor, orgId: string, trajectoryId: string, now: Date, limit = 5): Promise<TMeeting[]> {
  const rows = await tx
    .select(meetingColumns)
    .from(meetings)
    .where(and(meetingsOf(orgId, trajectoryId), eq(meetings.status, 'planned'), gte(meetings.scheduledAt, now)))
    .orderBy(asc(meetings.scheduledAt), asc(meetings.id))
    .limit(limit);
  return rows.map(toMeeting);
}

/** listUpcomingMeetings as a json column of a select on `trajectories` (the dossier's one statement): same rows, order and shape. */
export function upcomingMeetingsColumn(orgId: SQLWrapper, trajectoryId: SQLWrapper, now: Date, limit = 5): SQL<TMeeting[]> {
  return sql`coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title, 'withWhom', m.with_whom, 'scheduledAt', m.scheduled_at, 'place', m.place, 'status', m.status,
                                                'prepGoal', m.prep_goal, 'prepResponses', m.prep_responses, 'prepQuestions', m.prep_questions, 'evaluation', m.evaluation)
                              order by m.scheduled_at, m.id)
                from (select * from meetings
                       where org_id = ${orgId} and trajectory_id = ${trajectoryId} and status = 'planned' and scheduled_at >= ${now.toISOString()}::timestamptz
                       order by scheduled_at, id limit ${limit}) m), '[]'::json)`.mapWith((v) => jsonArray<TMeeting>(v).map((m) => ({ ...m, scheduledAt: isoOf(m.scheduledAt) })));
}

/** For lists: per trajectory, the next planned meeting (one query for all ids). */
export async function nextMeetings(tx: Executor, orgId: string, trajectoryIds: readonly string[], now: Date): Promise<Map<string, Date>> {
  if (!trajectoryIds.length) return new Map();
  const rows = await execRows<{ trajectory_id: string; next_at: Date | string }>(
    tx,
    sql`select trajectory_id::text, min(scheduled_at) as next_at from meetings
         where org_id = ${orgId} and trajectory_id = any(${sql.param([...trajectoryIds])}::uuid[])
           and status = 'planned' and scheduled_at >= ${now.toISOString()}::timestamptz
         group by trajectory_id`,
  );
  return new Map(rows.map((r) => [r.trajectory_id, new Date(r.next_at)]));
}

/** All meetings of a trajectory: upcoming ones (from `now` on) soonest first, then past ones newest first. */
async function allMeetings(tx: Executor, orgId: string, trajectoryId: string, now: Date): Promise<TMeeting[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await tx
    .select(meetingColumns)
    .from(meetings)
    .where(meetingsOf(orgId, trajectoryId))
    .orderBy(
      sql`(${meetings.scheduledAt} < ${at})`,
      sql`case when ${meetings.scheduledAt} >= ${at} then ${meetings.scheduledAt} end asc`,
      desc(meetings.scheduledAt),
      asc(meetings.id),
    );
  return rows.map(toMeeting);
}

async function meetingRow(tx: Executor, orgId: string, trajectoryId: string, meetingId: string): Promise<MeetingRow> {
  const [row] = await tx
    .select(meetingColumns)
    .from(meetings)
    .where(and(meetingsOf(orgId, trajectoryId), eq(meetings.id, meetingId)));
  if (!row) throw notFound();
  return row;
}

export async function listMeetings(ctx: ActorContext, trajectoryId: string, reason?: string, now = new Date()): Promise<{ items: TMeeting[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const items = await allMeetings(tx, t.row.orgId, trajectoryId, now);
    await auditPlan(tx, ctx, t, 'list', 'meeting', trajectoryId);
    return { items };
  });
}

export async function createMeeting(ctx: ActorContext, trajectoryId: string, body: z.output<typeof ZMeetingRequest>, reason?: string): Promise<TMeeting> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const [row] = await tx
      .insert(meetings)
      .values({
        orgId: t.row.orgId,
        id: uuidv7(),
        trajectoryId,
        title: body.title,
        withWhom: body.withWhom ?? null,
        scheduledAt: new Date(body.scheduledAt),
        place: body.place ?? null,
        status: body.status,
        prepGoal: body.prepGoal ?? null,
        prepResponses: body.prepResponses ?? null,
        prepQuestions: body.prepQuestions ?? null,
        evaluation: body.evaluation ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning(meetingColumns);
    await auditPlan(tx, ctx, t, 'create', 'meeting', row!.id);
    return toMeeting(row!);
  });
}

/** One meeting with the agreements made in it (all statuses). A meeting of another trajectory is 404. */
export async function getMeeting(ctx: ActorContext, trajectoryId: string, meetingId: string, reason?: string, now = new Date()): Promise<TMeetingDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const row = await meetingRow(tx, t.row.orgId, trajectoryId, meetingId);
    const made = await selectAgreements(tx, t.row.orgId, trajectoryId, amsterdamDate(now), { meetingId, openOnly: false });
    await auditPlan(tx, ctx, t, 'read', 'meeting', meetingId);
    return { ...toMeeting(row), agreements: made };
  });
}

export async function updateMeeting(ctx: ActorContext, trajectoryId: string, meetingId: string, patch: TMeetingPatch, reason?: string): Promise<TMeeting> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const { scheduledAt, ...fields } = patch;
    const [row] = await tx
      .update(meetings)
      .set({ ...fields, ...(scheduledAt !== undefined ? { scheduledAt: new Date(scheduledAt) } : {}), updatedAt: new Date() })
      .where(and(meetingsOf(t.row.orgId, trajectoryId), eq(meetings.id, meetingId)))
      .returning(meetingColumns);
    if (!row) throw notFound();
    await auditPlan(tx, ctx, t, 'update', 'meeting', meetingId);
    return toMeeting(row);
  });
}

// ---------------------------------------------------------------------------------------------
// Agreements
// ---------------------------------------------------------------------------------------------

type AgreementRow = Omit<TAgreement, 'statusChangedAt' | 'party' | 'status'> & { party: string; status: string; statusChangedAt: Date | null };
const toAgreement = (r: AgreementRow): TAgreement => ({
  ...r,
  party: r.party as TAgreement['party'],
  status: r.status as TAgreement['status'],
  statusChangedAt: r.statusChangedAt?.toISOString() ?? null,
});

/**
 * Agreements of one trajectory with the title of the meeting they came from. Order: open ones first,
 * overdue before the rest, then by due date (none last); closed ones after, latest change first.
 */
async function selectAgreements(
  tx: Executor,
  orgId: string,
  trajectoryId: string,
  today: string,
  opts: { openOnly: boolean; meetingId?: string; agreementId?: string },
): Promise<TAgreement[]> {
  const overdue = sql<boolean>`(${agreements.status} = 'open' and ${agreements.dueOn} is not null and ${agreements.dueOn} < ${today}::date)`;
  const where: Array<SQL | undefined> = [
    eq(agreements.orgId, orgId),
    eq(agreements.trajectoryId, trajectoryId),
    opts.openOnly ? eq(agreements.status, 'open') : undefined,
    opts.meetingId ? eq(agreements.meetingId, opts.meetingId) : undefined,
    opts.agreementId ? eq(agreements.id, opts.agreementId) : undefined,
  ];
  const rows = await tx
    .select({
      id: agreements.id,
      party: agreements.party,
      partyName: agreements.partyName,
      description: agreements.description,
      dueOn: agreements.dueOn,
      meetingId: agreements.meetingId,
      meetingTitle: meetings.title,
      status: agreements.status,
      statusNote: agreements.statusNote,
      statusChangedAt: agreements.statusChangedAt,
      overdue,
    })
    .from(agreements)
    .leftJoin(meetings, and(eq(meetings.orgId, agreements.orgId), eq(meetings.id, agreements.meetingId)))
    .where(and(...where))
    .orderBy(
      sql`(${agreements.status} <> 'open')`,
      sql`${overdue} desc`,
      sql`case when ${agreements.status} = 'open' then ${agreements.dueOn} end asc nulls last`,
      sql`${agreements.statusChangedAt} desc nulls last`,
      asc(agreements.createdAt),
      asc(agreements.id),
    );
  return rows.map((r) => toAgreement({ ...r, overdue: Boolean(r.overdue) }));
}

/** Agreements of one trajectory; 'open': open ones, overdue first then by due date. `today` is yyyy-mm-dd (Amsterdam). */
export async function listAgreements(tx: Executor, orgId: string, trajectoryId: string, opts: { status: 'open' | 'all'; today: string }): Promise<TAgreement[]> {
  return selectAgreements(tx, orgId, trajectoryId, opts.today, { openOnly: opts.status === 'open' });
}

/**
 * listAgreements(…, { status: 'open' }) as a json column of a select on `trajectories` (the dossier's
 * one statement): same rows, order (overdue first, then by due date, none last) and shape.
 */
export function openAgreementsColumn(orgId: SQLWrapper, trajectoryId: SQLWrapper, today: string): SQL<TAgreement[]> {
  const overdue = sql`(g.due_on is not null and g.due_on < ${today}::date)`;
  return sql`coalesce((select json_agg(json_build_object('id', g.id, 'party', g.party, 'partyName', g.party_name, 'description', g.description, 'dueOn', g.due_on,
                                                'meetingId', g.meeting_id, 'meetingTitle', m.title, 'status', g.status, 'statusNote', g.status_note,
                                                'statusChangedAt', g.status_changed_at, 'overdue', ${overdue})
                              order by ${overdue} desc, g.due_on asc nulls last, g.status_changed_at desc nulls last, g.created_at, g.id)
                from agreements g left join meetings m on m.org_id = g.org_id and m.id = g.meeting_id
               where g.org_id = ${orgId} and g.trajectory_id = ${trajectoryId} and g.status = 'open'), '[]'::json)`.mapWith((v) =>
    jsonArray<TAgreement>(v).map((a) => ({ ...a, statusChangedAt: a.statusChangedAt == null ? null : isoOf(a.statusChangedAt) })),
  );
}

/** For lists: per trajectory, open and overdue agreement counts (one query for all ids). */
export async function agreementCounts(tx: Executor, orgId: string, trajectoryIds: readonly string[], today: string): Promise<Map<string, { open: number; overdue: number }>> {
  if (!trajectoryIds.length) return new Map();
  const rows = await execRows<{ trajectory_id: string; open: number | string; overdue: number | string }>(
    tx,
    sql`select trajectory_id::text, count(*)::int as open, (count(*) filter (where due_on < ${today}::date))::int as overdue
          from agreements
         where org_id = ${orgId} and trajectory_id = any(${sql.param([...trajectoryIds])}::uuid[]) and status = 'open'
         group by trajectory_id`,
  );
  return new Map(rows.map((r) => [r.trajectory_id, { open: Number(r.open), overdue: Number(r.overdue) }]));
}

export async function getAgreements(ctx: ActorContext, trajectoryId: string, status: 'open' | 'all', reason?: string, now = new Date()): Promise<{ items: TAgreement[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const items = await listAgreements(tx, t.row.orgId, trajectoryId, { status, today: amsterdamDate(now) });
    await auditPlan(tx, ctx, t, 'list', 'agreement', trajectoryId);
    return { items };
  });
}

/** "Bring to the next meeting": the trajectory's open agreements, overdue first, for this meeting's preparation. */
export async function openAgreementsForMeeting(ctx: ActorContext, trajectoryId: string, meetingId: string, reason?: string, now = new Date()): Promise<{ items: TAgreement[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    await meetingRow(tx, t.row.orgId, trajectoryId, meetingId);
    const items = await listAgreements(tx, t.row.orgId, trajectoryId, { status: 'open', today: amsterdamDate(now) });
    await auditPlan(tx, ctx, t, 'list', 'agreement', trajectoryId);
    return { items };
  });
}

/** The meeting an agreement names must be one of this trajectory's; otherwise a field error, not a 404 of the whole request. */
async function assertMeetingOfTrajectory(tx: Executor, orgId: string, trajectoryId: string, meetingId: string): Promise<void> {
  const [row] = await tx.select({ id: meetings.id }).from(meetings).where(and(meetingsOf(orgId, trajectoryId), eq(meetings.id, meetingId)));
  if (!row) throw validation([{ field: 'body.meetingId', code: 'unknown_meeting', messageKey: 'field.agreement_meeting_unknown' }]);
}

export async function createAgreement(ctx: ActorContext, trajectoryId: string, body: z.output<typeof ZAgreementRequest>, reason?: string, now = new Date()): Promise<TAgreement> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    if (body.meetingId) await assertMeetingOfTrajectory(tx, orgId, trajectoryId, body.meetingId);
    const id = uuidv7();
    await tx.insert(agreements).values({
      orgId,
      id,
      trajectoryId,
      meetingId: body.meetingId ?? null,
      party: body.party,
      partyName: body.partyName,
      description: body.description,
      dueOn: body.dueOn ?? null,
      status: body.status,
      statusNote: body.statusNote ?? null,
      // An agreement recorded as already settled was settled now, as far as we know.
      statusChangedAt: body.status === 'open' ? null : now,
      createdBy: ctx.actor.userId,
    });
    await auditPlan(tx, ctx, t, 'create', 'agreement', id);
    const [created] = await selectAgreements(tx, orgId, trajectoryId, amsterdamDate(now), { openOnly: false, agreementId: id });
    return created!;
  });
}

/** Any part. A status change records when (status_changed_at); the status note stays unless it is sent. */
export async function updateAgreement(ctx: ActorContext, trajectoryId: string, agreementId: string, patch: TAgreementPatch, reason?: string, now = new Date()): Promise<TAgreement> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const mine = and(eq(agreements.orgId, orgId), eq(agreements.trajectoryId, trajectoryId), eq(agreements.id, agreementId));
    const [current] = await tx.select({ status: agreements.status }).from(agreements).where(mine).for('update');
    if (!current) throw notFound();
    if (patch.meetingId) await assertMeetingOfTrajectory(tx, orgId, trajectoryId, patch.meetingId);
    const statusChanged = patch.status !== undefined && patch.status !== current.status;
    await tx
      .update(agreements)
      .set({ ...patch, ...(statusChanged ? { statusChangedAt: now } : {}), updatedAt: now })
      .where(mine);
    await auditPlan(tx, ctx, t, 'update', 'agreement', agreementId);
    const [updated] = await selectAgreements(tx, orgId, trajectoryId, amsterdamDate(now), { openOnly: false, agreementId });
    return updated!;
  });
}
