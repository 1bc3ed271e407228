// The parent's home (issue 6, portal module) through public.ts: the families of a parent account with
// their newest trajectory, in ONE statement. Other modules add their parts as json columns on the
// trajectory (deadlines, reports to review, shared documents); this module owns the trajectory, the
// plan, meetings and agreements. Served by applications_parent_idx and trajectories_application_all_idx.
import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';
import type { ActorContext } from '../../platform/http/context.js';
import { trajectoryFor } from './access.js';

/** A json column of another module about one trajectory: `orgId` and `trajectoryId` are the outer statement's columns. */
export type TrajectoryColumn = (orgId: SQL, trajectoryId: SQL) => SQL;

export interface ParentFamilyRow {
  applicationId: string;
  reference: string;
  applicationStatus: string;
  locationId: string | null;
  /** null before a match. */
  trajectory: {
    id: string;
    phase: string;
    startedAt: string;
    volunteer: { name: string; email: string | null } | null;
    coordinator: { name: string; email: string | null } | null;
    meetings: Array<{ id: string; title: string; scheduledAt: string; place: string | null; withWhom: string | null }>;
    agreements: Array<{ id: string; party: string; partyName: string; description: string; dueOn: string | null }>;
    helpQuestions: Array<{ id: string; question: string; goal: string | null; status: string; strengths: string | null; nextSteps: string | null }>;
    familyMap: Array<{ id: string; role: string; name: string; organisation: string | null }>;
  } | null;
  /** The extra columns by name (parsed json), null when there is no trajectory. */
  extra: Record<string, unknown>;
}

const json = (v: unknown) => (v == null ? null : typeof v === 'string' ? JSON.parse(v) : v);

/** The parent home statement's parameters (placeholders of the prepared statement). */
export interface ParentFamiliesParams {
  orgId: string;
  userId: string;
  /** Meetings from two hours before `now` on are shown. */
  now: Date;
}

type Runner = (tx: Executor, params: ParentFamiliesParams) => Promise<ParentFamilyRow[]>;

/**
 * The families whose parent account is `userId`, newest application first, each with its newest
 * trajectory (any phase): volunteer and coordinator (name, e-mail), the next 5 planned meetings, open
 * agreements, help questions and family map, plus `extra` columns. One statement, no N+1.
 *
 * Returns the runner of a statement named `name`, built once with placeholders for every value (org,
 * parent, now) and prepared once per executor: on PostgreSQL the executor is the drizzle instance of
 * one pooled connection (platform/db), so the select is built and planned once per connection instead
 * of on every request; on PGlite every transaction has its own executor (built per request). The
 * `extra` columns must not interpolate per-request values: their text is fixed into the statement.
 * Call it once per distinct statement (module level): a name must always mean the same text.
 */
export function parentFamilies(name: string, extra: Record<string, TrajectoryColumn> = {}): Runner {
  const names = Object.keys(extra).filter((k) => /^[a-z][a-zA-Z0-9]*$/.test(k));
  const build = (tx: Executor) => {
    const o = sql`t.org_id`;
    const id = sql`t.id`;
    const now = sql.placeholder('now');
    const extraCols = Object.fromEntries(names.map((k) => [`x_${k}`, sql<unknown>`case when t.id is null then null else ${extra[k]!(o, id)} end`]));
    return tx
      .select({
        applicationId: sql<string>`a.id::text`,
        reference: sql<string>`a.reference`,
        applicationStatus: sql<string>`a.status`,
        locationId: sql<string | null>`a.location_id::text`,
        trajectoryId: sql<string | null>`t.id::text`,
        phase: sql<string | null>`t.phase`,
        startedAt: sql<string | Date | null>`t.started_at`,
        volunteer: sql<unknown>`case when t.id is null then null else (select json_build_object('name', u.display_name, 'email', u.email) from users u
                   where u.org_id = t.org_id and u.id = t.lead_volunteer_id and u.status = 'active') end`,
        coordinator: sql<unknown>`case when t.coach_user_id is null then null else (select json_build_object('name', u.display_name, 'email', u.email) from users u
                     where u.org_id = t.org_id and u.id = t.coach_user_id and u.status = 'active') end`,
        meetings: sql<unknown>`case when t.id is null then null else (select json_agg(json_build_object('id', m.id, 'title', m.title, 'scheduledAt', m.scheduled_at, 'place', m.place, 'withWhom', m.with_whom) order by m.scheduled_at, m.id)
                  from (select id, title, scheduled_at, place, with_whom from meetings
                         where org_id = t.org_id and trajectory_id = t.id and status = 'planned' and scheduled_at >= ${now}::timestamptz - interval '2 hours'
                         order by scheduled_at, id limit 5) m) end`,
        agreements: sql<unknown>`case when t.id is null then null else (select json_agg(json_build_object('id', g.id, 'party', g.party, 'partyName', g.party_name, 'description', g.description, 'dueOn', g.due_on) order by g.due_on nulls last, g.id)
                    from agreements g where g.org_id = t.org_id and g.trajectory_id = t.id and g.status = 'open') end`,
        helpQuestions: sql<unknown>`case when t.id is null then null else (select json_agg(json_build_object('id', q.id, 'question', q.question, 'goal', q.goal, 'status', q.status, 'strengths', q.strengths, 'nextSteps', q.next_steps) order by q.position, q.id)
                       from help_questions q where q.org_id = t.org_id and q.trajectory_id = t.id) end`,
        familyMap: sql<unknown>`case when t.id is null then null else (select json_agg(json_build_object('id', f.id, 'role', f.role, 'name', f.name, 'organisation', f.organisation) order by f.position, f.id)
                   from family_map_members f where f.org_id = t.org_id and f.trajectory_id = t.id) end`,
        ...extraCols,
      })
      .from(
        sql`applications a
            left join lateral (select * from trajectories tt where tt.org_id = a.org_id and tt.application_id = a.id and tt.erased_at is null
                                order by tt.started_at desc, tt.id desc limit 1) t on true`,
      )
      .where(sql`a.org_id = ${sql.placeholder('orgId')} and a.parent_user_id = ${sql.placeholder('userId')}`)
      .orderBy(sql`a.received_at desc, a.id desc`)
      .prepare(name);
  };
  const prepared = new WeakMap<Executor, ReturnType<typeof build>>();
  return async (tx, params) => {
    let query = prepared.get(tx);
    if (!query) prepared.set(tx, (query = build(tx)));
    const rows = (await query.execute({ orgId: params.orgId, userId: params.userId, now: params.now.toISOString() })) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      applicationId: r.applicationId as string,
      reference: r.reference as string,
      applicationStatus: r.applicationStatus as string,
      locationId: (r.locationId as string | null) ?? null,
      trajectory: r.trajectoryId
        ? {
            id: r.trajectoryId as string,
            phase: r.phase as string,
            startedAt: new Date(r.startedAt as string).toISOString(),
            volunteer: json(r.volunteer),
            coordinator: json(r.coordinator),
            meetings: ((json(r.meetings) ?? []) as Array<{ scheduledAt: string }>).map((m) => ({ ...m, scheduledAt: new Date(m.scheduledAt).toISOString() })) as never,
            agreements: json(r.agreements) ?? [],
            helpQuestions: json(r.helpQuestions) ?? [],
            familyMap: json(r.familyMap) ?? [],
          }
        : null,
      extra: Object.fromEntries(names.map((k) => [k, json(r[`x_${k}`])])),
    }));
  };
}

/** Whether `trajectoryId` belongs to a family whose parent account is `userId` (the parent's own downloads). */
export async function parentOwnsTrajectory(tx: Executor, orgId: string, userId: string, trajectoryId: string): Promise<boolean> {
  const [row] = await execRows<{ ok: boolean }>(
    tx,
    sql`select exists(select 1 from trajectories t join applications a on a.org_id = t.org_id and a.id = t.application_id
                       where t.org_id = ${orgId} and t.id = ${trajectoryId} and a.parent_user_id = ${userId}) as ok`,
  );
  return !!row?.ok;
}

/**
 * The coordinator's parent invitation: the trajectory through the one access rule (trajectories.read:
 * own locations, elsewhere break-the-glass with a reason), then its application and parent account.
 */
export async function familyOfTrajectory(
  ctx: ActorContext,
  tx: Executor,
  trajectoryId: string,
  reason: string | undefined,
): Promise<{ applicationId: string; parentUserId: string | null; auditReason: string | null; ended: boolean }> {
  const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, 'trajectories.read', { reason });
  const [app] = await execRows<{ parent_user_id: string | null }>(tx, sql`select parent_user_id::text from applications where org_id = ${row.orgId} and id = ${row.applicationId}`);
  return { applicationId: row.applicationId, parentUserId: app?.parent_user_id ?? null, auditReason, ended: row.phase === 'ended' };
}
