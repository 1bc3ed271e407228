import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { meetings, trajectories } from '../trajectories/tables.js';

/**
 * The neutral report (verslag) of a meeting with professionals, written by the volunteer, shown to
 * the parent who agrees or adds comments before it is final. Every save is a new version (kept;
 * differences shown). Sharing outside the organisation needs the parent's consent (issue 6).
 */
export const meetingReports = pgTable(
  'meeting_reports',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    meetingId: uuid('meeting_id').notNull(),
    /** draft → with_parent (waiting for the parent's review) → final; back to draft after a comment. */
    status: text('status').notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    parentResponse: text('parent_response'),
    parentComment: text('parent_comment'),
    parentRespondedAt: tstz('parent_responded_at'),
    finalisedAt: tstz('finalised_at'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }),
    index('meeting_reports_idx').on(t.orgId, t.trajectoryId, t.status),
    // One report per meeting, also when two volunteers start one at the same moment.
    uniqueIndex('meeting_reports_meeting_idx').on(t.orgId, t.meetingId),
    check('meeting_reports_status_check', sql`${t.status} in ('draft', 'with_parent', 'final')`),
    check('meeting_reports_response_check', sql`${t.parentResponse} is null or ${t.parentResponse} in ('agreed', 'commented')`),
  ],
);

export const meetingReportVersions = pgTable(
  'meeting_report_versions',
  {
    orgId: orgId(),
    reportId: uuid('report_id').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    /** Why this version (e.g. "na opmerking van de ouder"). */
    note: text('note'),
    authorUserId: uuid('author_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.reportId, t.version] }),
    foreignKey({ columns: [t.orgId, t.reportId], foreignColumns: [meetingReports.orgId, meetingReports.id] }).onDelete('cascade'),
    check('meeting_report_versions_version_check', sql`${t.version} >= 1`),
  ],
);
