import { sql } from 'drizzle-orm';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/** The reports module's part of the personal-data map (issue 6): neutral reports and every version. */
export const reportsPersonalData: PersonalDataPart = {
  module: 'reports',
  async exportFor(tx, orgId, scope) {
    const of = sql`r.org_id = ${orgId} and r.trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      reports: await jsonRows(tx, sql`select to_jsonb(r) - 'org_id' - 'created_by' as r from meeting_reports r where ${of} order by r.created_at, r.id`),
      reportVersions: await jsonRows(
        tx,
        sql`select to_jsonb(v) - 'org_id' - 'author_user_id' as r from meeting_report_versions v
              join meeting_reports r on r.org_id = v.org_id and r.id = v.report_id where ${of} order by v.report_id, v.version`,
      ),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      meeting_report_versions: await countOf(
        tx,
        sql`delete from meeting_report_versions v using meeting_reports r where r.org_id = v.org_id and r.id = v.report_id and r.org_id = ${orgId}
              and r.trajectory_id = any(${uuids(scope.trajectoryIds)}) returning 1`,
      ),
      meeting_reports: await countOf(tx, sql`delete from meeting_reports where ${of} returning 1`),
    };
  },
};
