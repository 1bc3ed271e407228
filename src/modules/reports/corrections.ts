import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../../platform/db/index.js';

/**
 * Correction of a neutral report (AVG art. 16, issue 6): an accepted correction is a new version
 * (the old versions stay, as every save does), noted as a correction at the parent's request.
 */
export async function correctableReportText(tx: Executor, orgId: string, trajectoryId: string, reportId: string): Promise<string | null> {
  const [row] = await execRows<{ body: string }>(
    tx,
    sql`select v.body from meeting_reports r join meeting_report_versions v on v.org_id = r.org_id and v.report_id = r.id and v.version = r.current_version
         where r.org_id = ${orgId} and r.id = ${reportId} and r.trajectory_id = ${trajectoryId}`,
  );
  return row ? row.body : null;
}

/** Writes the corrected text as the next version; returns the previous text (null: no such report). */
export async function applyReportCorrection(tx: Executor, orgId: string, reportId: string, text: string, authorUserId: string): Promise<string | null> {
  const [row] = await execRows<{ body: string; version: number }>(
    tx,
    sql`select v.body, r.current_version as version from meeting_reports r join meeting_report_versions v on v.org_id = r.org_id and v.report_id = r.id and v.version = r.current_version
         where r.org_id = ${orgId} and r.id = ${reportId} for update of r`,
  );
  if (!row) return null;
  const next = Number(row.version) + 1;
  await tx.execute(sql`insert into meeting_report_versions (org_id, report_id, version, body, note, author_user_id)
                       values (${orgId}, ${reportId}, ${next}, ${text}, 'Correctie op verzoek van de ouder (AVG art. 16)', ${authorUserId})`);
  await tx.execute(sql`update meeting_reports set current_version = ${next}, updated_at = now() where org_id = ${orgId} and id = ${reportId}`);
  return row.body;
}

/** The reports of these trajectories with their current text (the parent's correction form). */
export async function correctableReports(tx: Executor, orgId: string, trajectoryIds: readonly string[]): Promise<Array<{ kind: 'report'; id: string; trajectoryId: string; text: string }>> {
  if (!trajectoryIds.length) return [];
  return execRows(
    tx,
    sql`select 'report' as kind, r.id::text, r.trajectory_id::text as "trajectoryId", v.body as text from meeting_reports r
          join meeting_report_versions v on v.org_id = r.org_id and v.report_id = r.id and v.version = r.current_version
         where r.org_id = ${orgId} and r.trajectory_id = any(${sql.param([...trajectoryIds])}::uuid[]) and r.status <> 'draft'
         order by r.created_at desc limit 100`,
  );
}
