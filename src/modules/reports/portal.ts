// The parent's home (issue 6) through public.ts: the reports waiting for the parent's review, as a
// json column of the portal's one statement. Served by meeting_reports_idx (org_id, trajectory_id, status).
import { sql, type SQL } from 'drizzle-orm';

/** [{ id, meetingTitle, meetingAt }] of the reports sent to the parent and not yet answered, newest meeting first. */
export function reportsToReviewColumn(orgId: SQL, trajectoryId: SQL): SQL {
  return sql`coalesce((select json_agg(json_build_object('id', r.id, 'meetingTitle', m.title, 'meetingAt', m.scheduled_at) order by m.scheduled_at desc, r.id)
                         from meeting_reports r join meetings m on m.org_id = r.org_id and m.id = r.meeting_id
                        where r.org_id = ${orgId} and r.trajectory_id = ${trajectoryId} and r.status = 'with_parent'), '[]'::json)`;
}
