import { and, desc, eq, gte, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { addDays } from '../../platform/time/working-days.js';
import type { TContact, TPhase } from '../../shared/trajectories.js';
import { WEEKLY_HOURS_WINDOW_DAYS } from './lifecycle.js';
import { trajectories, trajectoryContacts, trajectoryPhaseEvents } from './tables.js';

/**
 * The trajectory module's statements (lists, dossier parts, contacts, totals). Names of staff come
 * from the platform's users table by a join: one statement per list, never one per row.
 */

const volunteer = alias(users, 'lead_volunteer');
const coach = alias(users, 'coach');

export type TrajectoryRow = typeof trajectories.$inferSelect;
export type ListedTrajectory = TrajectoryRow & { volunteerName: string; coachName: string | null; recentMinutes: number };

/** Minutes logged in the 28 days up to and including `today` (the weekly-hours window). */
const recentMinutes = (today: string) =>
  sql<number>`(select coalesce(sum(c.volunteer_minutes + c.professional_minutes), 0)::int from trajectory_contacts c
               where c.org_id = ${trajectories.orgId} and c.trajectory_id = ${trajectories.id}
                 and c.occurred_on > ${addDays(today, -WEEKLY_HOURS_WINDOW_DAYS)}::date and c.occurred_on <= ${today}::date)`;

export const PHASE_FILTERS: Record<'active' | 'aftercare' | 'ended' | 'all', readonly TPhase[] | null> = {
  active: ['intake_done', 'clarifying', 'support', 'building_down', 'closing'],
  aftercare: ['aftercare'],
  ended: ['ended'],
  all: null,
};

/**
 * Trajectories newest first (started_at desc, id desc) within `scope`, `limit` rows after the cursor,
 * with the lead volunteer's and coach's names and the minutes of the last 4 weeks.
 */
export async function listTrajectories(
  tx: Executor,
  orgId: string,
  opts: { scope?: SQL; phases: readonly TPhase[] | null; after?: { at: Date; id: string }; limit: number; today: string },
): Promise<ListedTrajectory[]> {
  const rows = await tx
    .select({ t: trajectories, volunteerName: volunteer.displayName, coachName: coach.displayName, recentMinutes: recentMinutes(opts.today) })
    .from(trajectories)
    .innerJoin(volunteer, and(eq(volunteer.orgId, trajectories.orgId), eq(volunteer.id, trajectories.leadVolunteerId)))
    .leftJoin(coach, and(eq(coach.orgId, trajectories.orgId), eq(coach.id, trajectories.coachUserId)))
    .where(
      and(
        eq(trajectories.orgId, orgId),
        opts.scope,
        opts.phases ? inArray(trajectories.phase, [...opts.phases]) : undefined,
        opts.after
          ? or(lt(trajectories.startedAt, opts.after.at), and(eq(trajectories.startedAt, opts.after.at), lt(trajectories.id, opts.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(trajectories.startedAt), desc(trajectories.id))
    .limit(opts.limit);
  return rows.map((r) => ({ ...r.t, volunteerName: r.volunteerName, coachName: r.coachName, recentMinutes: Number(r.recentMinutes) }));
}

/** One trajectory's names and recent minutes (the dossier: the row itself is already loaded and locked or not). */
export async function trajectoryExtras(tx: Executor, row: TrajectoryRow, today: string): Promise<{ volunteerName: string; coachName: string | null; recentMinutes: number }> {
  const [r] = await tx
    .select({ volunteerName: volunteer.displayName, coachName: coach.displayName, recentMinutes: recentMinutes(today) })
    .from(trajectories)
    .innerJoin(volunteer, and(eq(volunteer.orgId, trajectories.orgId), eq(volunteer.id, trajectories.leadVolunteerId)))
    .leftJoin(coach, and(eq(coach.orgId, trajectories.orgId), eq(coach.id, trajectories.coachUserId)))
    .where(and(eq(trajectories.orgId, row.orgId), eq(trajectories.id, row.id)));
  return { volunteerName: r?.volunteerName ?? '', coachName: r?.coachName ?? null, recentMinutes: Number(r?.recentMinutes ?? 0) };
}

/** Every phase change of a trajectory, oldest first, with the actor's name (null: the system). */
export async function phaseEventsOf(tx: Executor, orgId: string, trajectoryId: string) {
  const rows = await tx
    .select({
      id: trajectoryPhaseEvents.id,
      from: trajectoryPhaseEvents.fromPhase,
      to: trajectoryPhaseEvents.toPhase,
      reason: trajectoryPhaseEvents.reason,
      actorName: users.displayName,
      at: trajectoryPhaseEvents.at,
    })
    .from(trajectoryPhaseEvents)
    .leftJoin(users, and(eq(users.orgId, trajectoryPhaseEvents.orgId), eq(users.id, trajectoryPhaseEvents.actorUserId)))
    .where(and(eq(trajectoryPhaseEvents.orgId, orgId), eq(trajectoryPhaseEvents.trajectoryId, trajectoryId)))
    .orderBy(trajectoryPhaseEvents.at, trajectoryPhaseEvents.id);
  return rows.map((r) => ({ ...r, from: r.from as TPhase | null, to: r.to as TPhase, at: r.at.toISOString() }));
}

const contactColumns = {
  id: trajectoryContacts.id,
  kind: trajectoryContacts.kind,
  occurredOn: trajectoryContacts.occurredOn,
  volunteerMinutes: trajectoryContacts.volunteerMinutes,
  professionalMinutes: trajectoryContacts.professionalMinutes,
  participants: trajectoryContacts.participants,
  note: trajectoryContacts.note,
  meetingId: trajectoryContacts.meetingId,
  createdById: trajectoryContacts.createdBy,
  createdByName: users.displayName,
  createdAt: trajectoryContacts.createdAt,
};
type ContactSelect = { [K in keyof typeof contactColumns]: unknown } & { createdAt: Date; createdById: string; createdByName: string | null };

function toContact(r: ContactSelect): TContact {
  return {
    id: r.id as string,
    kind: r.kind as TContact['kind'],
    occurredOn: r.occurredOn as string,
    volunteerMinutes: r.volunteerMinutes as number,
    professionalMinutes: r.professionalMinutes as number,
    participants: (r.participants as string[] | null) ?? [],
    note: (r.note as string | null) ?? null,
    meetingId: (r.meetingId as string | null) ?? null,
    createdBy: { id: r.createdById, name: r.createdByName ?? '' },
    createdAt: r.createdAt.toISOString(),
  };
}

/** Contacts newest first (occurred_on desc, id desc), `limit` rows after the cursor key. */
export async function contactsOf(tx: Executor, orgId: string, trajectoryId: string, opts: { after?: { on: string; id: string }; limit: number }): Promise<TContact[]> {
  const rows = await tx
    .select(contactColumns)
    .from(trajectoryContacts)
    .leftJoin(users, and(eq(users.orgId, trajectoryContacts.orgId), eq(users.id, trajectoryContacts.createdBy)))
    .where(
      and(
        eq(trajectoryContacts.orgId, orgId),
        eq(trajectoryContacts.trajectoryId, trajectoryId),
        opts.after
          ? or(lt(trajectoryContacts.occurredOn, opts.after.on), and(eq(trajectoryContacts.occurredOn, opts.after.on), lt(trajectoryContacts.id, opts.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(trajectoryContacts.occurredOn), desc(trajectoryContacts.id))
    .limit(opts.limit);
  return rows.map((r) => toContact(r as ContactSelect));
}

export async function contactById(tx: Executor, orgId: string, trajectoryId: string, contactId: string): Promise<TContact | null> {
  const [r] = await tx
    .select(contactColumns)
    .from(trajectoryContacts)
    .leftJoin(users, and(eq(users.orgId, trajectoryContacts.orgId), eq(users.id, trajectoryContacts.createdBy)))
    .where(and(eq(trajectoryContacts.orgId, orgId), eq(trajectoryContacts.trajectoryId, trajectoryId), eq(trajectoryContacts.id, contactId)));
  return r ? toContact(r as ContactSelect) : null;
}

/**
 * Recomputes the denormalised totals and last contact date from the contact log in one statement, in
 * the caller's transaction (after every create, change or removal of a contact).
 */
export async function recomputeTotals(tx: Executor, orgId: string, trajectoryId: string): Promise<void> {
  await tx.execute(sql`
    update trajectories t
       set volunteer_minutes = s.v, professional_minutes = s.p, last_contact_on = s.last, updated_at = now()
      from (select coalesce(sum(c.volunteer_minutes), 0)::int as v, coalesce(sum(c.professional_minutes), 0)::int as p, max(c.occurred_on) as last
              from trajectory_contacts c where c.org_id = ${orgId} and c.trajectory_id = ${trajectoryId}) s
     where t.org_id = ${orgId} and t.id = ${trajectoryId}`);
}

/** Minutes per ISO week (keyed by the week's Monday, yyyy-mm-dd) from `fromMonday` on. */
export async function minutesPerWeek(tx: Executor, orgId: string, trajectoryId: string, fromMonday: string): Promise<Map<string, { v: number; p: number }>> {
  const monday = sql<string>`to_char(date_trunc('week', ${trajectoryContacts.occurredOn}::timestamp), 'YYYY-MM-DD')`;
  const rows = await tx
    .select({
      monday,
      v: sql<number>`coalesce(sum(${trajectoryContacts.volunteerMinutes}), 0)::int`,
      p: sql<number>`coalesce(sum(${trajectoryContacts.professionalMinutes}), 0)::int`,
    })
    .from(trajectoryContacts)
    .where(and(eq(trajectoryContacts.orgId, orgId), eq(trajectoryContacts.trajectoryId, trajectoryId), gte(trajectoryContacts.occurredOn, fromMonday)))
    .groupBy(monday);
  return new Map(rows.map((r) => [r.monday, { v: Number(r.v), p: Number(r.p) }]));
}

/** A user of the organisation with their role and status (the coach check). */
export async function staffMember(tx: Executor, orgId: string, userId: string): Promise<{ role: string; status: string } | null> {
  const [r] = await tx.select({ role: users.role, status: users.status }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
  return r ?? null;
}
