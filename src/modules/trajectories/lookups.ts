// Batch reads of trajectories and meetings for other modules (the reports module), through public.ts.
// (A parent's own trajectories: parent-lookups.ts.)
// Lists call these with id lists (`= any(...)`) and join in memory: one statement per list, no N+1.
import { and, asc, desc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { applicationRefsOf } from '../intake/public.js';
import { meetings, trajectories } from './tables.js';

export interface MeetingHeader {
  id: string;
  trajectoryId: string;
  title: string;
  scheduledAt: Date;
  status: 'planned' | 'held' | 'cancelled';
}

const headerColumns = {
  id: meetings.id,
  trajectoryId: meetings.trajectoryId,
  title: meetings.title,
  scheduledAt: meetings.scheduledAt,
  status: meetings.status,
};

const toHeader = (r: { id: string; trajectoryId: string; title: string; scheduledAt: Date | string; status: string }): MeetingHeader => ({
  ...r,
  scheduledAt: new Date(r.scheduledAt),
  status: r.status as MeetingHeader['status'],
});

const uuidList = (ids: readonly string[]) => sql`${sql.param([...new Set(ids)])}::uuid[]`;

/** Title, time, status and trajectory of meetings by id (unknown ids are absent). */
export async function meetingHeadersOf(tx: Executor, orgId: string, meetingIds: readonly string[]): Promise<Map<string, MeetingHeader>> {
  const out = new Map<string, MeetingHeader>();
  if (!meetingIds.length) return out;
  const rows = await tx
    .select(headerColumns)
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), sql`${meetings.id} = any(${uuidList(meetingIds)})`));
  for (const r of rows) out.set(r.id, toHeader(r));
  return out;
}

/** The held meetings of one trajectory, newest first (then by id): those a report can be written about. */
export async function heldMeetingsOf(tx: Executor, orgId: string, trajectoryId: string): Promise<MeetingHeader[]> {
  const rows = await tx
    .select(headerColumns)
    .from(meetings)
    .where(and(eq(meetings.orgId, orgId), eq(meetings.trajectoryId, trajectoryId), eq(meetings.status, 'held')))
    .orderBy(desc(meetings.scheduledAt), asc(meetings.id));
  return rows.map(toHeader);
}

/** The parent account of each trajectory's family (null: the parent has no account); unknown ids are absent. */
export async function parentUserIdsOf(tx: Executor, orgId: string, trajectoryIds: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (!trajectoryIds.length) return out;
  const rows = await tx
    .select({ id: trajectories.id, applicationId: trajectories.applicationId })
    .from(trajectories)
    .where(and(eq(trajectories.orgId, orgId), sql`${trajectories.id} = any(${uuidList(trajectoryIds)})`));
  const refs = await applicationRefsOf(
    tx,
    orgId,
    rows.map((r) => r.applicationId),
  );
  for (const r of rows) out.set(r.id, refs.get(r.applicationId)?.parentUserId ?? null);
  return out;
}

/**
 * A meeting's title and time as columns of another module's select, for lists that must stay one
 * statement (the parent's home): correlated subqueries on the meeting `meetingId` names. The
 * trajectories module keeps the definition; callers only place it.
 */
export function meetingColumns(orgId: SQLWrapper, meetingId: SQLWrapper): { title: SQL<string>; scheduledAt: SQL<string> } {
  return {
    title: sql<string>`(select m.title from meetings m where m.org_id = ${orgId} and m.id = ${meetingId})`,
    scheduledAt: sql<string>`(select m.scheduled_at from meetings m where m.org_id = ${orgId} and m.id = ${meetingId})`,
  };
}
