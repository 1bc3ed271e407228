import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import type { AuditAction } from '../../platform/audit/index.js';
import { users } from '../../platform/auth/tables.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import { t } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/policy/index.js';
import {
  diffVersions,
  type TMyReport,
  type TMyReportSummary,
  type TReportCreate,
  type TReportDetail,
  type TReportDiff,
  type TReportList,
  type TReportSummary,
  type TReportUpdate,
  type TReportVersion,
  type TReportVersionInfo,
  type TRespondRequest,
} from '../../shared/reports.js';
import { familyHeadersOf } from '../intake/public.js';
// The trajectory's one access rule (load, then the policy); shared on purpose so reports follow it exactly.
// Meetings and the parent of a trajectory belong to the trajectories module: read through its batch lookups.
import {
  assertOpen,
  heldMeetingsOf,
  meetingHeadersOf,
  parentUserIdsOf,
  trajectoriesOfParent,
  trajectoryFor,
  type TrajectoryRow,
} from '../trajectories/public.js';
import './messages.js';
import { meetingReports, meetingReportVersions } from './tables.js';

/**
 * Neutral reports (verslagen) of meetings with professionals. The volunteer writes (every save a
 * new version, kept), sends it to the parent, who agrees (→ final, read-only) or comments (→ back to
 * draft for a new version). Every read and change is audited with the parent as subject. Sharing a
 * report outside the organisation is the consent module's gate (consent/gate.ts), never this module.
 */

const RESOURCE = 'meeting_report';

interface Opened {
  row: TrajectoryRow;
  auditReason: string | null;
  /** The parent's user id (audit subject; the one who reviews). */
  parentUserId: string | null;
}

async function openTrajectory(ctx: ActorContext, tx: Executor, id: string, write: boolean, reason: string | undefined): Promise<Opened> {
  const { row, auditReason } = await trajectoryFor(ctx, tx, id, write ? 'trajectories.write' : 'trajectories.read', { reason, lock: write });
  if (write) assertOpen(row);
  const family = (await familyHeadersOf(tx, row.orgId, [row.applicationId])).get(row.applicationId);
  return { row, auditReason, parentUserId: family?.parentUserId ?? null };
}

function audit(tx: Executor, ctx: ActorContext, subjectId: string | null, action: AuditAction, resourceId: string, reason: string | null = null): Promise<void> {
  return recordActorAudit(tx, ctx, { action, resourceType: RESOURCE, resourceId, subjectId, reason });
}

// ---- reading ---------------------------------------------------------------------------------

const reportColumns = {
  id: meetingReports.id,
  trajectoryId: meetingReports.trajectoryId,
  meetingId: meetingReports.meetingId,
  status: meetingReports.status,
  currentVersion: meetingReports.currentVersion,
  parentResponse: meetingReports.parentResponse,
  parentComment: meetingReports.parentComment,
  parentRespondedAt: meetingReports.parentRespondedAt,
  finalisedAt: meetingReports.finalisedAt,
  updatedAt: meetingReports.updatedAt,
};
type BaseRow = {
  id: string;
  trajectoryId: string;
  meetingId: string;
  status: string;
  currentVersion: number;
  parentResponse: string | null;
  parentComment: string | null;
  parentRespondedAt: Date | null;
  finalisedAt: Date | null;
  updatedAt: Date;
};
/** A report row with its meeting's title and time (the meeting is the trajectories module's). */
type ReportRow = BaseRow & { meetingTitle: string; meetingAt: Date };

const iso = (d: Date | string) => new Date(d).toISOString();

/** Adds the meetings' title and time to report rows: one lookup for the whole list, joined here. */
async function withMeetings(tx: Executor, orgId: string, rows: BaseRow[]): Promise<ReportRow[]> {
  const meetings = await meetingHeadersOf(
    tx,
    orgId,
    rows.map((r) => r.meetingId),
  );
  // The foreign key keeps every report's meeting; the fallback only satisfies the types.
  return rows.map((r) => {
    const m = meetings.get(r.meetingId);
    return { ...r, meetingTitle: m?.title ?? '', meetingAt: m?.scheduledAt ?? new Date(0) };
  });
}

/** Meeting newest first, then report id newest first (as the lists always showed them). */
const byMeetingDesc = (a: ReportRow, b: ReportRow) => b.meetingAt.getTime() - a.meetingAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function toSummary(r: ReportRow): TReportSummary {
  return {
    id: r.id,
    meetingId: r.meetingId,
    meetingTitle: r.meetingTitle,
    meetingAt: iso(r.meetingAt),
    status: r.status as TReportSummary['status'],
    currentVersion: r.currentVersion,
    parentResponse: r.parentResponse as TReportSummary['parentResponse'],
    updatedAt: iso(r.updatedAt),
  };
}

async function reportRow(tx: Executor, orgId: string, trajectoryId: string, reportId: string, lock = false): Promise<ReportRow> {
  const q = tx
    .select(reportColumns)
    .from(meetingReports)
    .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.trajectoryId, trajectoryId), eq(meetingReports.id, reportId)));
  const [row] = (lock ? await q.for('update') : await q) as BaseRow[];
  if (!row) throw notFound();
  return (await withMeetings(tx, orgId, [row]))[0]!;
}

const versionInfoColumns = {
  version: meetingReportVersions.version,
  note: meetingReportVersions.note,
  authorName: users.displayName,
  createdAt: meetingReportVersions.createdAt,
};

async function versionsOf(tx: Executor, orgId: string, reportId: string): Promise<TReportVersionInfo[]> {
  const rows = await tx
    .select(versionInfoColumns)
    .from(meetingReportVersions)
    .innerJoin(users, and(eq(users.orgId, meetingReportVersions.orgId), eq(users.id, meetingReportVersions.authorUserId)))
    .where(and(eq(meetingReportVersions.orgId, orgId), eq(meetingReportVersions.reportId, reportId)))
    .orderBy(desc(meetingReportVersions.version));
  return rows.map((r) => ({ ...r, createdAt: iso(r.createdAt) }));
}

async function versionOf(tx: Executor, orgId: string, reportId: string, version: number): Promise<TReportVersion> {
  const [row] = await tx
    .select({ ...versionInfoColumns, body: meetingReportVersions.body })
    .from(meetingReportVersions)
    .innerJoin(users, and(eq(users.orgId, meetingReportVersions.orgId), eq(users.id, meetingReportVersions.authorUserId)))
    .where(and(eq(meetingReportVersions.orgId, orgId), eq(meetingReportVersions.reportId, reportId), eq(meetingReportVersions.version, version)));
  if (!row) throw notFound();
  return { ...row, createdAt: iso(row.createdAt) };
}

async function detailOf(tx: Executor, orgId: string, r: ReportRow): Promise<TReportDetail> {
  const current = await versionOf(tx, orgId, r.id, r.currentVersion);
  return {
    ...toSummary(r),
    trajectoryId: r.trajectoryId,
    body: current.body,
    parentComment: r.parentComment,
    parentRespondedAt: r.parentRespondedAt ? iso(r.parentRespondedAt) : null,
    finalisedAt: r.finalisedAt ? iso(r.finalisedAt) : null,
    versions: await versionsOf(tx, orgId, r.id),
  };
}

// ---- the volunteer and the professionals (trajectories.read / .write) ---------------------------

/** The reports of a trajectory (meeting newest first) and the held meetings that have none yet. */
export async function listReports(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<TReportList> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, false, reason);
    const orgId = o.row.orgId;
    const base = (await tx
      .select(reportColumns)
      .from(meetingReports)
      .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.trajectoryId, trajectoryId)))) as BaseRow[];
    const rows = (await withMeetings(tx, orgId, base)).sort(byMeetingDesc);
    // Held meetings (newest first, then id) that have no report yet: one report per meeting (unique index).
    const held = await heldMeetingsOf(tx, orgId, trajectoryId);
    const reported = held.length
      ? await tx
          .select({ meetingId: meetingReports.meetingId })
          .from(meetingReports)
          .where(and(eq(meetingReports.orgId, orgId), sql`${meetingReports.meetingId} = any(${sql.param(held.map((m) => m.id))}::uuid[])`))
      : [];
    const hasReport = new Set(reported.map((r) => r.meetingId));
    await audit(tx, ctx, o.parentUserId, 'list', trajectoryId, o.auditReason);
    return {
      items: rows.map(toSummary),
      unreported: held.filter((m) => !hasReport.has(m.id)).map((m) => ({ meetingId: m.id, title: m.title, scheduledAt: iso(m.scheduledAt) })),
    };
  });
}

/** The first version of the report of one meeting of this trajectory (one per meeting: 409 otherwise). */
export async function createReport(ctx: ActorContext, trajectoryId: string, body: TReportCreate, reason?: string): Promise<TReportDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    // The trajectory row is locked (write), so two first saves for one meeting cannot both pass the check.
    const o = await openTrajectory(ctx, tx, trajectoryId, true, reason);
    const orgId = o.row.orgId;
    const meeting = (await meetingHeadersOf(tx, orgId, [body.meetingId])).get(body.meetingId);
    if (meeting?.trajectoryId !== trajectoryId) throw validation([{ field: 'body.meetingId', code: 'unknown_meeting', messageKey: 'field.report_meeting_unknown' }]);
    const [existing] = await tx
      .select({ id: meetingReports.id })
      .from(meetingReports)
      .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.meetingId, body.meetingId)));
    if (existing) throw new AppError('report_exists', 409, { reportId: existing.id });
    const id = uuidv7();
    await tx.insert(meetingReports).values({ orgId, id, trajectoryId, meetingId: body.meetingId, status: 'draft', currentVersion: 1, createdBy: ctx.actor.userId });
    await tx.insert(meetingReportVersions).values({ orgId, reportId: id, version: 1, body: body.body, note: null, authorUserId: ctx.actor.userId });
    await audit(tx, ctx, o.parentUserId, 'create', id, o.auditReason);
    return detailOf(tx, orgId, await reportRow(tx, orgId, trajectoryId, id));
  });
}

export async function getReport(ctx: ActorContext, trajectoryId: string, reportId: string, reason?: string): Promise<TReportDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, false, reason);
    const detail = await detailOf(tx, o.row.orgId, await reportRow(tx, o.row.orgId, trajectoryId, reportId));
    await audit(tx, ctx, o.parentUserId, 'read', reportId, o.auditReason);
    return detail;
  });
}

export async function getVersion(ctx: ActorContext, trajectoryId: string, reportId: string, version: number, reason?: string): Promise<TReportVersion> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, false, reason);
    await reportRow(tx, o.row.orgId, trajectoryId, reportId);
    const v = await versionOf(tx, o.row.orgId, reportId, version);
    await audit(tx, ctx, o.parentUserId, 'read', reportId, o.auditReason);
    return v;
  });
}

export async function diffReport(ctx: ActorContext, trajectoryId: string, reportId: string, from: number, to: number, reason?: string): Promise<TReportDiff> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, false, reason);
    await reportRow(tx, o.row.orgId, trajectoryId, reportId);
    const a = await versionOf(tx, o.row.orgId, reportId, from);
    const b = await versionOf(tx, o.row.orgId, reportId, to);
    await audit(tx, ctx, o.parentUserId, 'read', reportId, o.auditReason);
    return { from, to, parts: diffVersions(a.body, b.body) };
  });
}

/** A new version; only a draft changes (while the parent reads it, or once final, it is 409). */
export async function updateReport(ctx: ActorContext, trajectoryId: string, reportId: string, body: TReportUpdate, reason?: string): Promise<TReportDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, true, reason);
    const orgId = o.row.orgId;
    const r = await reportRow(tx, orgId, trajectoryId, reportId, true);
    if (r.status === 'final') throw new AppError('report_final', 409);
    if (r.status === 'with_parent') throw new AppError('report_with_parent', 409);
    const version = r.currentVersion + 1;
    await tx.insert(meetingReportVersions).values({ orgId, reportId, version, body: body.body, note: body.note ?? null, authorUserId: ctx.actor.userId });
    await tx
      .update(meetingReports)
      .set({ currentVersion: version, updatedAt: new Date() })
      .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.id, reportId)));
    await audit(tx, ctx, o.parentUserId, 'update', reportId, o.auditReason);
    return detailOf(tx, orgId, await reportRow(tx, orgId, trajectoryId, reportId));
  });
}

/**
 * draft → with_parent. The parent needs an account (409 otherwise); they get a mail with only a
 * link, never the report's content or the family's details.
 */
export async function sendToParent(ctx: ActorContext, trajectoryId: string, reportId: string, reason?: string): Promise<TReportDetail> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, true, reason);
    const orgId = o.row.orgId;
    const r = await reportRow(tx, orgId, trajectoryId, reportId, true);
    if (r.status === 'final') throw new AppError('report_final', 409);
    if (r.status === 'with_parent') throw new AppError('report_with_parent', 409);
    const [parent] = o.parentUserId
      ? await tx
          .select({ email: users.email })
          .from(users)
          .where(and(eq(users.orgId, orgId), eq(users.id, o.parentUserId), eq(users.role, 'parent'), eq(users.status, 'active')))
      : [];
    if (!parent) throw new AppError('report_parent_no_account', 409);
    await tx
      .update(meetingReports)
      .set({ status: 'with_parent', updatedAt: new Date() })
      .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.id, reportId)));
    await audit(tx, ctx, o.parentUserId, 'update', reportId, o.auditReason);
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/mijn-verslagen/${encodeURIComponent(reportId)}`;
    try {
      await ctx.mailer.send({
        to: parent.email,
        subject: `${t('nl', 'mail.report_ready.subject')} | ${t('en', 'mail.report_ready.subject')}`,
        text: `${t('nl', 'mail.report_ready.body', { link })}\n\n---\n\n${t('en', 'mail.report_ready.body', { link })}\n`,
      });
    } catch {
      // The report waits for the parent in Naast either way; a mail outage must not undo sending it.
    }
    return detailOf(tx, orgId, await reportRow(tx, orgId, trajectoryId, reportId));
  });
}

/** The current version for an export, audited as 'export' (internal use; sharing needs consent). */
export async function reportForExport(
  ctx: ActorContext,
  trajectoryId: string,
  reportId: string,
  reason?: string,
): Promise<{ meetingTitle: string; meetingAt: string; version: number; status: string; body: string; finalisedAt: string | null }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openTrajectory(ctx, tx, trajectoryId, false, reason);
    const r = await reportRow(tx, o.row.orgId, trajectoryId, reportId);
    const v = await versionOf(tx, o.row.orgId, reportId, r.currentVersion);
    await audit(tx, ctx, o.parentUserId, 'export', reportId, o.auditReason);
    return { meetingTitle: r.meetingTitle, meetingAt: iso(r.meetingAt), version: r.currentVersion, status: r.status, body: v.body, finalisedAt: r.finalisedAt ? iso(r.finalisedAt) : null };
  });
}

// ---- the parent (reports.review: only their own family's reports) -------------------------------

/** The parent's reports that were sent to them (waiting for their review) or are final. */
export async function myReports(ctx: ActorContext): Promise<{ items: TMyReportSummary[] }> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'reports.review', { orgId, subjectUserId: userId });
  return ctx.db.withTenant(orgId, async (tx) => {
    // Their own families' trajectories (intake knows the parent, trajectories the families).
    const trajectoryIds = (await trajectoriesOfParent(tx, orgId, userId)).map((tr) => tr.id);
    const base = trajectoryIds.length
      ? ((await tx
          .select(reportColumns)
          .from(meetingReports)
          .where(
            and(
              eq(meetingReports.orgId, orgId),
              sql`${meetingReports.trajectoryId} = any(${sql.param(trajectoryIds)}::uuid[])`,
              inArray(meetingReports.status, ['with_parent', 'final']),
            ),
          )) as BaseRow[])
      : [];
    // Waiting for their review first, then final; each meeting newest first.
    const isFinal = (r: ReportRow) => (r.status === 'final' ? 1 : 0);
    const rows = (await withMeetings(tx, orgId, base)).sort((a, b) => isFinal(a) - isFinal(b) || byMeetingDesc(a, b));
    await audit(tx, ctx, userId, 'list', userId);
    return { items: rows.map((r) => ({ ...myHeader(r) })) };
  });
}

function myHeader(r: ReportRow): TMyReportSummary {
  return { id: r.id, meetingTitle: r.meetingTitle, meetingAt: iso(r.meetingAt), status: r.status as TMyReportSummary['status'], currentVersion: r.currentVersion, updatedAt: iso(r.updatedAt) };
}

/** Load one report for its parent: another family's, or a draft they were not sent, reads as 404. */
async function myReportRow(ctx: ActorContext, tx: Executor, reportId: string, lock: boolean): Promise<ReportRow> {
  const { orgId } = ctx.actor;
  const q = tx
    .select(reportColumns)
    .from(meetingReports)
    .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.id, reportId)));
  const [row] = (lock ? await q.for('update') : await q) as BaseRow[];
  if (!row) throw notFound();
  // The parent of the report's family: trajectory → application → parent account.
  const parentUserId = (await parentUserIdsOf(tx, orgId, [row.trajectoryId])).get(row.trajectoryId) ?? null;
  authorize(ctx.actor, 'reports.review', { orgId, subjectUserId: parentUserId });
  return (await withMeetings(tx, orgId, [row]))[0]!;
}

export async function myReport(ctx: ActorContext, reportId: string): Promise<TMyReport> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const r = await myReportRow(ctx, tx, reportId, false);
    if (r.status === 'draft') throw notFound();
    const current = await versionOf(tx, orgId, reportId, r.currentVersion);
    // The version the parent responded to last: the newest one saved before their response.
    let changesSinceSeen: TMyReport['changesSinceSeen'] = null;
    if (r.parentRespondedAt && r.status === 'with_parent') {
      const [seen] = await execRows<{ version: number; body: string }>(
        tx,
        sql`select version, body from meeting_report_versions
             where org_id = ${orgId} and report_id = ${reportId} and created_at <= ${r.parentRespondedAt.toISOString()}::timestamptz
             order by version desc limit 1`,
      );
      if (seen && Number(seen.version) < r.currentVersion) changesSinceSeen = { from: Number(seen.version), parts: diffVersions(seen.body, current.body) };
    }
    await audit(tx, ctx, userId, 'read', reportId);
    return {
      ...myHeader(r),
      body: current.body,
      parentResponse: r.parentResponse as TMyReport['parentResponse'],
      parentComment: r.parentComment,
      changesSinceSeen,
    };
  });
}

/** agreed → final (read-only from then on); commented → back to draft, the comment kept for the volunteer. */
export async function respond(ctx: ActorContext, reportId: string, body: TRespondRequest): Promise<{ id: string; status: TReportSummary['status']; parentResponse: TReportSummary['parentResponse'] }> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const r = await myReportRow(ctx, tx, reportId, true);
    if (r.status === 'draft') throw notFound();
    if (r.status !== 'with_parent') throw new AppError('report_not_with_parent', 409);
    const agreed = body.response === 'agreed';
    const [row] = await tx
      .update(meetingReports)
      .set({
        status: agreed ? 'final' : 'draft',
        parentResponse: body.response,
        parentComment: agreed ? null : (body.comment ?? null),
        parentRespondedAt: sql`now()`,
        finalisedAt: agreed ? sql`now()` : null,
        updatedAt: new Date(),
      })
      .where(and(eq(meetingReports.orgId, orgId), eq(meetingReports.id, reportId)))
      .returning({ id: meetingReports.id, status: meetingReports.status, parentResponse: meetingReports.parentResponse });
    await audit(tx, ctx, userId, 'update', reportId);
    return { id: row!.id, status: row!.status as TReportSummary['status'], parentResponse: row!.parentResponse as TReportSummary['parentResponse'] };
  });
}
