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

/**
 * The families whose parent account is `userId`, newest application first, each with its newest
 * trajectory (any phase): volunteer and coordinator (name, e-mail), the next 5 planned meetings, open
 * agreements, help questions and family map, plus `extra` columns. One statement, no N+1.
 */
export async function parentFamilies(tx: Executor, orgId: string, userId: string, extra: Record<string, TrajectoryColumn> = {}): Promise<ParentFamilyRow[]> {
  const o = sql`t.org_id`;
  const id = sql`t.id`;
  const names = Object.keys(extra).filter((k) => /^[a-z][a-zA-Z0-9]*$/.test(k));
  const extraCols = names.length ? sql.join(names.map((k) => sql`, case when t.id is null then null else ${extra[k]!(o, id)} end as ${sql.identifier(`x_${k}`)}`), sql``) : sql``;
  const rows = await execRows<Record<string, unknown>>(
    tx,
    sql`select a.id::text as application_id, a.reference, a.status as application_status, a.location_id::text as location_id,
               t.id::text as trajectory_id, t.phase, t.started_at,
               case when t.id is null then null else (select json_build_object('name', u.display_name, 'email', u.email) from users u
                 where u.org_id = t.org_id and u.id = t.lead_volunteer_id and u.status = 'active') end as volunteer,
               case when t.coach_user_id is null then null else (select json_build_object('name', u.display_name, 'email', u.email) from users u
                 where u.org_id = t.org_id and u.id = t.coach_user_id and u.status = 'active') end as coordinator,
               case when t.id is null then null else (select json_agg(json_build_object('id', m.id, 'title', m.title, 'scheduledAt', m.scheduled_at, 'place', m.place, 'withWhom', m.with_whom) order by m.scheduled_at, m.id)
                 from (select id, title, scheduled_at, place, with_whom from meetings
                        where org_id = t.org_id and trajectory_id = t.id and status = 'planned' and scheduled_at >= now() - interval '2 hours'
                        order by scheduled_at, id limit 5) m) end as meetings,
               case when t.id is null then null else (select json_agg(json_build_object('id', g.id, 'party', g.party, 'partyName', g.party_name, 'description', g.description, 'dueOn', g.due_on) order by g.due_on nulls last, g.id)
                 from agreements g where g.org_id = t.org_id and g.trajectory_id = t.id and g.status = 'open') end as agreements,
               case when t.id is null then null else (select json_agg(json_build_object('id', q.id, 'question', q.question, 'goal', q.goal, 'status', q.status, 'strengths', q.strengths, 'nextSteps', q.next_steps) order by q.position, q.id)
                 from help_questions q where q.org_id = t.org_id and q.trajectory_id = t.id) end as help_questions,
               case when t.id is null then null else (select json_agg(json_build_object('id', f.id, 'role', f.role, 'name', f.name, 'organisation', f.organisation) order by f.position, f.id)
                 from family_map_members f where f.org_id = t.org_id and f.trajectory_id = t.id) end as family_map
               ${extraCols}
          from applications a
          left join lateral (select * from trajectories tt where tt.org_id = a.org_id and tt.application_id = a.id and tt.erased_at is null
                              order by tt.started_at desc, tt.id desc limit 1) t on true
         where a.org_id = ${orgId} and a.parent_user_id = ${userId}
         order by a.received_at desc, a.id desc`,
  );
  return rows.map((r) => ({
    applicationId: r.application_id as string,
    reference: r.reference as string,
    applicationStatus: r.application_status as string,
    locationId: (r.location_id as string | null) ?? null,
    trajectory: r.trajectory_id
      ? {
          id: r.trajectory_id as string,
          phase: r.phase as string,
          startedAt: new Date(r.started_at as string).toISOString(),
          volunteer: json(r.volunteer),
          coordinator: json(r.coordinator),
          meetings: ((json(r.meetings) ?? []) as Array<{ scheduledAt: string }>).map((m) => ({ ...m, scheduledAt: new Date(m.scheduledAt).toISOString() })) as never,
          agreements: json(r.agreements) ?? [],
          helpQuestions: json(r.help_questions) ?? [],
          familyMap: json(r.family_map) ?? [],
        }
      : null,
    extra: Object.fromEntries(names.map((k) => [k, json(r[`x_${k}`])])),
  }));
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
