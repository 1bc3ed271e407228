// The parent's home (issue 6) through public.ts: the next open deadlines of a trajectory as a json
// column of the portal's one statement. Served by deadlines_trajectory_idx (org_id, trajectory_id, status, due_on).
import { sql, type SQL } from 'drizzle-orm';

/** [{ id, ruleCode, title, dueOn }] of the next `limit` open deadlines, soonest first (overdue ones first). */
export function parentDeadlinesColumn(orgId: SQL, trajectoryId: SQL, limit = 5): SQL {
  return sql`coalesce((select json_agg(json_build_object('id', d.id, 'ruleCode', d.rule_code, 'title', d.title, 'dueOn', d.due_on) order by d.due_on, d.id)
                         from (select id, rule_code, title, due_on from deadlines
                                where org_id = ${orgId} and trajectory_id = ${trajectoryId} and status = 'open'
                                order by due_on, id limit ${limit}) d), '[]'::json)`;
}
