// The parent's home (issue 6) through public.ts: the reports waiting for the parent's review, as a
// json column of the portal's one statement. Served by meeting_reports_idx (org_id, trajectory_id, status).
// The meeting's title and time are the trajectories module's columns (its definition, placed here).
import { sql, type SQL } from 'drizzle-orm';
import { meetingColumns } from '../trajectories/public.js';

/** [{ id, meetingTitle, meetingAt }] of the reports sent to the parent and not yet answered, newest meeting first. */
export function reportsToReviewColumn(orgId: SQL, trajectoryId: SQL): SQL {
  const m = meetingColumns(sql`r.org_id`, sql`r.meeting_id`);
  return sql`coalesce((select json_agg(json_build_object('id', r.id, 'meetingTitle', ${m.title}, 'meetingAt', ${m.scheduledAt}) order by ${m.scheduledAt} desc, r.id)
                         from meeting_reports r
                        where r.org_id = ${orgId} and r.trajectory_id = ${trajectoryId} and r.status = 'with_parent'), '[]'::json)`;
}
