import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../platform/db/index.js';
import { paragraphsFromText, type ExportDocument } from '../../platform/export/index.js';
import { t, type Lang } from '../../platform/i18n/index.js';
import { meetingHeadersOf } from '../trajectories/public.js';
import './messages.js';
import { meetingReports, meetingReportVersions } from './tables.js';

/**
 * A report as a document for a recipient outside the organisation (issue 6). Called only by the
 * consent module's sharing routes, after its gate allowed the share (no access check or audit here:
 * the gate records the share, the caller audits). The current version; null when the report is not
 * of this trajectory.
 */
export async function reportDocumentForSharing(tx: Executor, orgId: string, trajectoryId: string, reportId: string, lang: Lang): Promise<ExportDocument | null> {
  const [r] = await tx
    .select({ meetingId: meetingReports.meetingId, status: meetingReports.status, version: meetingReports.currentVersion, body: meetingReportVersions.body })
    .from(meetingReports)
    .innerJoin(
      meetingReportVersions,
      and(eq(meetingReportVersions.orgId, meetingReports.orgId), eq(meetingReportVersions.reportId, meetingReports.id), eq(meetingReportVersions.version, meetingReports.currentVersion)),
    )
    .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.trajectoryId, trajectoryId), eq(meetingReports.id, reportId)));
  if (!r) return null;
  const meeting = (await meetingHeadersOf(tx, orgId, [r.meetingId])).get(r.meetingId);
  const date = meeting
    ? new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' }).format(meeting.scheduledAt)
    : '';
  return {
    title: t(lang, 'export.report.title'),
    subtitle: meeting?.title,
    meta: [...(date ? [t(lang, 'export.report.meeting_at', { date })] : []), t(lang, 'export.report.version', { version: r.version }), t(lang, `export.report.status.${r.status}`)],
    sections: [{ paragraphs: paragraphsFromText(r.body) }],
    lang: lang === 'en' ? 'en-GB' : 'nl-NL',
  };
}
