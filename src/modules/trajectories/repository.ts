import { and, desc, eq, gte, inArray, lt, or, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { addDays } from '../../platform/time/working-days.js';
import type { TAgreement, TContact, TDossierDeadline, TFamilyMember, THelpQuestion, TMeeting, TPhase } from '../../shared/trajectories.js';
import { openAgreementsColumn, upcomingMeetingsColumn } from './agreements.js';
import { familyMapColumn, helpQuestionsColumn } from './plan.js';
import { isoOf, jsonArray } from './json-columns.js';
import { familyHeaderColumn, type FamilyHeader } from '../intake/public.js';
import { nextDeadlinesColumn } from '../legal/public.js';
import { serviceNormsColumn, type ServiceNorms } from '../organisations/public.js';
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
/** A listed trajectory with what its summary shows, read in the same statement (no statement per part). */
export type SummaryRow = ListedTrajectory & { header: FamilyHeader | null; openAgreements: number; overdueAgreements: number; nextMeetingAt: Date | null; norms: ServiceNorms | null };

/** Minutes logged after `since` up to and including `today` (the weekly-hours window: since = today − 28 days); values or placeholders. */
const recentMinutesBetween = (since: string | Placeholder, today: string | Placeholder) =>
  sql<number>`(select coalesce(sum(c.volunteer_minutes + c.professional_minutes), 0)::int from trajectory_contacts c
               where c.org_id = ${trajectories.orgId} and c.trajectory_id = ${trajectories.id}
                 and c.occurred_on > ${since}::date and c.occurred_on <= ${today}::date)`;
/** Minutes logged in the 28 days up to and including `today` (the weekly-hours window). */
const recentMinutes = (today: string) => recentMinutesBetween(addDays(today, -WEEKLY_HOURS_WINDOW_DAYS), today);

/** Open and overdue agreements and the next planned meeting of the row's trajectory, as columns of a select on `trajectories`. */
const summaryColumns = (today: string, now: Date) => ({
  header: familyHeaderColumn(trajectories.orgId, trajectories.applicationId),
  openAgreements: sql<number>`(select count(*)::int from agreements g
                               where g.org_id = ${trajectories.orgId} and g.trajectory_id = ${trajectories.id} and g.status = 'open')`.mapWith(Number),
  overdueAgreements: sql<number>`(select count(*)::int from agreements g
                                  where g.org_id = ${trajectories.orgId} and g.trajectory_id = ${trajectories.id} and g.status = 'open' and g.due_on < ${today}::date)`.mapWith(Number),
  // Epoch milliseconds: a bare timestamptz comes back as a Date from one driver and a string from the other.
  nextMeetingAt: sql<Date | null>`(select (extract(epoch from min(m.scheduled_at)) * 1000)::float8 from meetings m
                                   where m.org_id = ${trajectories.orgId} and m.trajectory_id = ${trajectories.id}
                                     and m.status = 'planned' and m.scheduled_at >= ${now.toISOString()}::timestamptz)`.mapWith((v) => (v == null ? null : new Date(Number(v)))),
});

export const PHASE_FILTERS: Record<'active' | 'aftercare' | 'ended' | 'all', readonly TPhase[] | null> = {
  active: ['intake_done', 'clarifying', 'support', 'building_down', 'closing'],
  aftercare: ['aftercare'],
  ended: ['ended'],
  all: null,
};

/**
 * Trajectories newest first (started_at desc, id desc) within `scope`, `limit` rows after the cursor,
 * with the lead volunteer's and coach's names, the minutes of the last 4 weeks, the family header,
 * agreement counts, the next meeting and the organisation's norms: one statement for the whole page.
 */
export async function listTrajectories(
  tx: Executor,
  orgId: string,
  opts: { scope?: SQL; phases: readonly TPhase[] | null; after?: { at: Date; id: string }; limit: number; today: string; now: Date },
): Promise<SummaryRow[]> {
  const rows = await tx
    .select({
      t: trajectories,
      volunteerName: volunteer.displayName,
      coachName: coach.displayName,
      recentMinutes: recentMinutes(opts.today),
      ...summaryColumns(opts.today, opts.now),
      // The organisation's norms (the signals need them): the same for every row, so not correlated (PostgreSQL reads them once).
      norms: serviceNormsColumn(sql`${orgId}::uuid`),
    })
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
  return rows.map(({ t, ...r }) => ({ ...t, ...r, recentMinutes: Number(r.recentMinutes) }));
}

export type DossierRow = ListedTrajectory & {
  header: FamilyHeader | null;
  phaseEvents: Awaited<ReturnType<typeof phaseEventsOf>>;
  /** Newest first, at most the limit asked for (one more than a page shows, to know whether there is more). */
  contacts: TContact[];
  familyMap: TFamilyMember[];
  helpQuestions: THelpQuestion[];
  openAgreements: TAgreement[];
  upcomingMeetings: TMeeting[];
  nextDeadlines: TDossierDeadline[];
  /** The organisation's norms (its settings), read in the same statement; null for an unknown organisation. */
  norms: ServiceNorms | null;
};

/** phaseEventsOf as a json column of a select on `trajectories`: same rows, order and shape. */
const phaseEventsColumn = sql`coalesce((select json_agg(json_build_object('id', e.id, 'from', e.from_phase, 'to', e.to_phase, 'reason', e.reason, 'actorName', u.display_name, 'at', e.at)
                                               order by e.at, e.id)
                                 from trajectory_phase_events e left join users u on u.org_id = e.org_id and u.id = e.actor_user_id
                                where e.org_id = ${trajectories.orgId} and e.trajectory_id = ${trajectories.id}), '[]'::json)`.mapWith((v) =>
  jsonArray<{ id: string; from: TPhase | null; to: TPhase; reason: string; actorName: string | null; at: string }>(v).map((e) => ({ ...e, at: isoOf(e.at) })),
);

/** contactsOf (first page, no cursor) as a json column of a select on `trajectories`: same rows, order and shape. */
const contactsColumn = (limit: number) =>
  sql`coalesce((select json_agg(json_build_object('id', c.id, 'kind', c.kind, 'occurredOn', c.occurred_on, 'volunteerMinutes', c.volunteer_minutes,
                                         'professionalMinutes', c.professional_minutes, 'participants', c.participants, 'note', c.note,
                                         'meetingId', c.meeting_id, 'createdBy', json_build_object('id', c.created_by, 'name', coalesce(u.display_name, '')),
                                         'createdAt', c.created_at)
                       order by c.occurred_on desc, c.id desc)
         from (select * from trajectory_contacts
                where org_id = ${trajectories.orgId} and trajectory_id = ${trajectories.id}
                order by occurred_on desc, id desc limit ${limit}) c
         left join users u on u.org_id = c.org_id and u.id = c.created_by), '[]'::json)`.mapWith((v) =>
    jsonArray<TContact>(v).map((c) => ({ ...c, participants: c.participants ?? [], createdAt: isoOf(c.createdAt) })),
  );

/** The dossier statement's parameters (placeholders of the prepared statement below). */
interface DossierParams {
  orgId: string;
  id: string;
  /** Amsterdam date yyyy-mm-dd, and the start of the weekly-hours window (today − 28 days) */
  today: string;
  since: string;
  /** ISO instant: upcoming meetings are those from now on */
  now: string;
  contactLimit: number;
  deadlineLimit: number;
}

const param = (name: keyof DossierParams) => sql.placeholder(name);

/**
 * The dossier's one statement, built with placeholders for every value. The column helpers of other
 * files take plain values; they only interpolate them, so a placeholder stands in (typed as the value,
 * and `now` as an object whose toISOString gives the placeholder: upcomingMeetingsColumn calls it).
 */
function dossierQuery(tx: Executor) {
  const today = param('today') as unknown as string;
  const now = { toISOString: () => param('now') } as unknown as Date;
  return (
    tx
      .select({
        t: trajectories,
        volunteerName: volunteer.displayName,
        coachName: coach.displayName,
        recentMinutes: recentMinutesBetween(param('since'), param('today')),
        header: familyHeaderColumn(trajectories.orgId, trajectories.applicationId),
        phaseEvents: phaseEventsColumn,
        contacts: contactsColumn(param('contactLimit') as unknown as number),
        familyMap: familyMapColumn(trajectories.orgId, trajectories.id),
        helpQuestions: helpQuestionsColumn(trajectories.orgId, trajectories.id),
        openAgreements: openAgreementsColumn(trajectories.orgId, trajectories.id, today),
        upcomingMeetings: upcomingMeetingsColumn(trajectories.orgId, trajectories.id, now, 5),
        nextDeadlines: nextDeadlinesColumn(trajectories.orgId, trajectories.id, today, param('deadlineLimit') as unknown as number),
        norms: serviceNormsColumn(trajectories.orgId),
      })
      .from(trajectories)
      .innerJoin(volunteer, and(eq(volunteer.orgId, trajectories.orgId), eq(volunteer.id, trajectories.leadVolunteerId)))
      .leftJoin(coach, and(eq(coach.orgId, trajectories.orgId), eq(coach.id, trajectories.coachUserId)))
      .where(and(eq(trajectories.orgId, param('orgId')), eq(trajectories.id, param('id'))))
      // Named: PostgreSQL keeps it parsed per connection and, after a few runs, planned (this statement's
      // many subplans cost more to plan than to run). Its text never varies; every value is a parameter.
      .prepare('trajectory_dossier')
  );
}

/**
 * The prepared dossier statement per executor. On PostgreSQL the executor is the one drizzle instance
 * of a pooled connection (platform/db), so the statement is built once per connection instead of once
 * per request (building this select cost more Node time than running it). On PGlite every transaction
 * has its own executor: built per request as before.
 */
const preparedDossier = new WeakMap<Executor, ReturnType<typeof dossierQuery>>();

/**
 * Everything the dossier's first screen shows, in ONE statement: the row, names, recent minutes, the
 * family header (intake's column), phase events, the first `contactLimit` contacts, the Houvast plan,
 * open agreements and upcoming meetings (the plan and agreement helpers' columns) and the next
 * `deadlineLimit` open deadlines (the legal module's column), and the organisation's norms (its
 * signals need them). Null when the id is not a trajectory of the tenant; the caller asks the policy
 * before it shows any of it.
 */
export async function dossierRow(tx: Executor, orgId: string, id: string, opts: { today: string; now: Date; contactLimit: number; deadlineLimit: number }): Promise<DossierRow | null> {
  let query = preparedDossier.get(tx);
  if (!query) preparedDossier.set(tx, (query = dossierQuery(tx)));
  const params: DossierParams = {
    orgId,
    id,
    today: opts.today,
    since: addDays(opts.today, -WEEKLY_HOURS_WINDOW_DAYS),
    now: opts.now.toISOString(),
    contactLimit: opts.contactLimit,
    deadlineLimit: opts.deadlineLimit,
  };
  const [r] = await query.execute(params as unknown as Record<string, unknown>);
  if (!r) return null;
  const { t, ...rest } = r;
  return { ...t, ...rest, recentMinutes: Number(rest.recentMinutes) };
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
