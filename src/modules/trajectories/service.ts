import { and, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { recordAudit } from '../../platform/audit/index.js';
import { execRows, type Database, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import { decodeTimeCursor, encodeTimeCursor, pageOf } from '../../platform/http/pagination.js';
import { t, type Lang } from '../../platform/i18n/index.js';
import type { ScheduledJob } from '../../platform/jobs/index.js';
import type { Mailer } from '../../platform/mail/index.js';
import { authorize, can, decide, type Actor, type ResourceRelations } from '../../platform/policy/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import {
  CLOSING_PHASES,
  DOSSIER_DEADLINES,
  PHASE_TRANSITIONS,
  type TCoachRequest,
  type TPhase,
  type TPhaseChangeRequest,
  type TTrajectoryDossier,
  type TTrajectoryListQuery,
  type TTrajectorySummary,
} from '../../shared/trajectories.js';
import { notifyReferrer, type FamilyHeader } from '../intake/public.js';
import { releaseCaseload } from '../matching/public.js';
import { inviteToQuestionnaire } from '../satisfaction/public.js';
import { getServiceNorms, unknownLocationIds } from '../organisations/public.js';
import { AFTERCARE_MONTHS_SETTING, TRAJECTORY_NORM_MONTHS } from '../../shared/organisation.js';
import { assertOpen, authorizeTrajectory, trajectoryFor, type TrajectoryRow } from './access.js';
import { addMonths, allowedPhases, outcomeRequired, signalsOf, weeklyHoursOf } from './lifecycle.js';
import * as repo from './repository.js';
import { trajectories, trajectoryPhaseEvents } from './tables.js';
import './messages.js';

/**
 * Issue 4 only starts a trajectory (trajectondersteuning) when a volunteer accepts a match, and
 * reads how long ended ones took (the waiting list's expected waiting time). Issue 5 builds the rest.
 */

export interface NewTrajectory {
  orgId: string;
  applicationId: string;
  locationId: string | null;
  leadVolunteerId: string;
  /** The coaching professional: the coordinator who confirmed the match, until someone changes it. */
  coachUserId?: string | null;
  /** A relapse in aftercare re-opens support as a new trajectory linked to the old one. */
  previousTrajectoryId?: string | null;
  startedAt?: Date;
}

const pgCode = (err: unknown): string | undefined => {
  const e = err as { code?: unknown; cause?: { code?: unknown } };
  const code = typeof e?.code === 'string' ? e.code : e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
};

/**
 * Starts the trajectory of a family in the caller's transaction: phase intake_done, the volunteer
 * as lead. A family has at most one trajectory (unique index): a second start is a 409 conflict.
 */
export async function startTrajectory(tx: Executor, t: NewTrajectory): Promise<string> {
  const id = uuidv7();
  try {
    await tx.execute(sql`
      insert into trajectories (org_id, id, application_id, location_id, lead_volunteer_id, coach_user_id, previous_trajectory_id, phase, started_at)
      values (${t.orgId}, ${id}, ${t.applicationId}, ${t.locationId}, ${t.leadVolunteerId}, ${t.coachUserId ?? null}, ${t.previousTrajectoryId ?? null}, 'intake_done', ${(t.startedAt ?? new Date()).toISOString()})`);
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('trajectory_exists', 409);
    throw err;
  }
  return id;
}

/** The trajectory of a family, if one started. */
export async function trajectoryIdOf(tx: Executor, orgId: string, applicationId: string): Promise<string | null> {
  const [row] = await execRows<{ id: string }>(tx, sql`select id::text from trajectories where org_id = ${orgId} and application_id = ${applicationId}`);
  return row?.id ?? null;
}

/** How many trajectories of the organisation ended, and their average length in days (null when none). */
export async function endedTrajectoryStats(tx: Executor, orgId: string): Promise<{ ended: number; avgDays: number | null }> {
  const [row] = await execRows<{ ended: number; avg_days: number | string | null }>(
    tx,
    sql`select count(*)::int as ended, avg(extract(epoch from (ended_at - started_at)) / 86400.0)::float8 as avg_days
          from trajectories where org_id = ${orgId} and ended_at is not null and ended_at >= started_at`,
  );
  return { ended: row?.ended ?? 0, avgDays: row?.avg_days == null ? null : Number(row.avg_days) };
}

// ---- issue 5: lists, dossier, phases, coach ---------------------------------------------------

/** How a trajectory relates to people and places, for the one policy (as trajectoryFor describes it). */
export const relationsOf = (r: Pick<TrajectoryRow, 'orgId' | 'locationId' | 'leadVolunteerId' | 'coachUserId'>): ResourceRelations => ({
  orgId: r.orgId,
  locationIds: r.locationId ? [r.locationId] : [],
  assignedUserIds: [r.leadVolunteerId, ...(r.coachUserId ? [r.coachUserId] : [])],
});

/**
 * What an actor may list (the same rules as the policy, as SQL): admins everything; coordinators
 * their locations, trajectories without a location and those they coach or lead; volunteers only
 * the families they lead.
 */
function scopeOf(actor: Actor): SQL | undefined {
  const mine = or(eq(trajectories.leadVolunteerId, actor.userId), eq(trajectories.coachUserId, actor.userId));
  if (actor.role === 'admin') return undefined;
  if (actor.role === 'coordinator') {
    return or(
      mine,
      sql`${trajectories.locationId} is null`,
      actor.locationIds.length ? sql`${trajectories.locationId} = any(${sql.param(actor.locationIds)}::uuid[])` : undefined,
    );
  }
  // A coach is always a professional (setCoach), so a volunteer's own are the ones they lead (index on the lead).
  if (actor.role === 'volunteer') return eq(trajectories.leadVolunteerId, actor.userId);
  return sql`false`;
}

type Listed = repo.ListedTrajectory;

/** The organisation's trajectory norms (organisation settings), read once per request. */
interface TrajectoryNorms {
  trajectoryNormMonths: number;
  aftercareMonths: number;
}

const DEFAULT_NORMS: TrajectoryNorms = { trajectoryNormMonths: TRAJECTORY_NORM_MONTHS.default, aftercareMonths: AFTERCARE_MONTHS_SETTING.default };

async function trajectoryNormsOf(tx: Executor, orgId: string): Promise<TrajectoryNorms> {
  const norms = await getServiceNorms(tx, orgId);
  return norms ? { trajectoryNormMonths: norms.trajectoryNormMonths, aftercareMonths: norms.aftercareMonths } : DEFAULT_NORMS;
}

/** The norms for showing rows' signals: read in the rows' own statement (repo.listTrajectories, repo.dossierRow), so no select of their own. */
function normsOfRow(row: { norms: repo.SummaryRow['norms'] } | undefined): TrajectoryNorms {
  return row?.norms ? { trajectoryNormMonths: row.norms.trajectoryNormMonths, aftercareMonths: row.norms.aftercareMonths } : DEFAULT_NORMS;
}

function summaryOf(
  r: Listed,
  header: FamilyHeader | null | undefined,
  counts: { open: number; overdue: number } | undefined,
  nextMeeting: Date | null,
  today: string,
  norms: TrajectoryNorms,
): TTrajectorySummary {
  const weeklyHours = weeklyHoursOf(r.recentMinutes);
  const phase = r.phase as TPhase;
  return {
    id: r.id,
    reference: header?.reference ?? '',
    familyName: header?.familyName || header?.reference || '',
    phase,
    startedAt: r.startedAt.toISOString(),
    leadVolunteer: { id: r.leadVolunteerId, name: r.volunteerName },
    coach: r.coachUserId ? { id: r.coachUserId, name: r.coachName ?? '' } : null,
    locationId: r.locationId,
    lastContactOn: r.lastContactOn,
    volunteerHours: Math.round((r.volunteerMinutes / 60) * 10) / 10,
    professionalHours: Math.round((r.professionalMinutes / 60) * 10) / 10,
    weeklyHours,
    openAgreements: counts?.open ?? 0,
    overdueAgreements: counts?.overdue ?? 0,
    nextMeetingAt: nextMeeting ? nextMeeting.toISOString() : null,
    signals: signalsOf({
      phase,
      startedAt: r.startedAt,
      lastContactOn: r.lastContactOn,
      weeklyHours,
      aftercareUntil: r.aftercareUntil,
      overdueAgreements: counts?.overdue ?? 0,
      today,
      normMonths: norms.trajectoryNormMonths,
    }),
  };
}

/** List rows already carry their header, agreement counts and next meeting (repo.listTrajectories: one statement per page). */
const summariesOf = (rows: repo.SummaryRow[], today: string, norms: TrajectoryNorms): TTrajectorySummary[] =>
  rows.map((r) => summaryOf(r, r.header, { open: r.openAgreements, overdue: r.overdueAgreements }, r.nextMeetingAt, today, norms));

/**
 * GET /trajectories: newest first, cursor-paged, scoped by role. `locationId` narrows to one
 * location; a location that is not the coordinator's own (or does not exist) is not found — a list
 * is no reason to break the glass. One 'list' audit event.
 */
export async function listTrajectories(ctx: ActorContext, q: TTrajectoryListQuery): Promise<{ items: TTrajectorySummary[]; nextCursor: string | null }> {
  const { actor } = ctx;
  const after = q.cursor ? decodeTimeCursor(q.cursor) : undefined;
  const now = new Date();
  const today = amsterdamDate(now);
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    if (q.locationId) {
      if ((await unknownLocationIds(tx, actor.orgId, [q.locationId])).length) throw notFound();
      if (actor.role === 'coordinator' && !actor.locationIds.includes(q.locationId)) throw notFound();
    }
    const rows = await repo.listTrajectories(tx, actor.orgId, {
      scope: and(scopeOf(actor), q.locationId ? eq(trajectories.locationId, q.locationId) : undefined),
      phases: repo.PHASE_FILTERS[q.phase],
      after,
      limit: q.limit + 1,
      today,
      now,
    });
    // The policy has the last word on every row (the scope above already keeps to it).
    const visible = rows.filter((r) => decide(actor, 'trajectories.read', relationsOf(r)).allowed);
    const page = pageOf(visible, q.limit, (last) => encodeTimeCursor(last.startedAt, last.id));
    await audit(tx, ctx, { action: 'list', resourceType: 'trajectory', resourceId: q.locationId ?? null });
    return { items: summariesOf(page.items, today, normsOfRow(rows[0])), nextCursor: page.nextCursor };
  });
}

/** At most this many on a volunteer's home ("my families"). */
export const MY_TRAJECTORIES_MAX = 10;

/** GET /me/trajectories: the families I lead (or coach) that are not ended, newest first. */
export async function myTrajectories(ctx: ActorContext): Promise<{ items: TTrajectorySummary[]; nextCursor: null }> {
  const { actor } = ctx;
  const now = new Date();
  const today = amsterdamDate(now);
  return ctx.db.withTenant(actor.orgId, async (tx) => {
    const rows = await repo.listTrajectories(tx, actor.orgId, {
      scope: actor.role === 'volunteer' ? eq(trajectories.leadVolunteerId, actor.userId) : or(eq(trajectories.leadVolunteerId, actor.userId), eq(trajectories.coachUserId, actor.userId)),
      phases: ['intake_done', 'clarifying', 'support', 'building_down', 'closing', 'aftercare'],
      limit: MY_TRAJECTORIES_MAX,
      today,
      now,
    });
    await audit(tx, ctx, { action: 'list', resourceType: 'trajectory', resourceId: actor.userId });
    return { items: summariesOf(rows, today, normsOfRow(rows[0])), nextCursor: null };
  });
}

/** The first page of the contact timeline in the dossier. */
export const DOSSIER_CONTACTS = 20;

/**
 * The dossier's first screen in ONE statement (repo.dossierRow: row, names, family header, phase
 * events, contacts, plan, agreements, meetings, next deadlines, the organisation's norms), whatever the size of the file. The policy decides on
 * the loaded row before anything leaves this function; null when there is no such trajectory.
 */
async function loadDossier(
  ctx: ActorContext,
  tx: Executor,
  id: string,
  /** null: the caller authorised the row already in this transaction (after a change the relations may differ). */
  permission: 'trajectories.read' | null,
  reason: string | null | undefined,
  now: Date,
  /** Already read in this request (changePhase); otherwise read here. */
  knownNorms?: TrajectoryNorms,
): Promise<{ dossier: TTrajectoryDossier; parentUserId: string | null; auditReason: string | null }> {
  const today = amsterdamDate(now);
  const d = await repo.dossierRow(tx, ctx.actor.orgId, id, { today, now, contactLimit: DOSSIER_CONTACTS + 1, deadlineLimit: DOSSIER_DEADLINES });
  if (!d) throw notFound();
  const norms = knownNorms ?? normsOfRow(d);
  const auditReason = permission ? authorizeTrajectory(ctx, d, permission, reason) : null;
  const { actor } = ctx;
  const header = d.header;
  const overdue = d.openAgreements.filter((a) => a.overdue).length;
  const next = d.upcomingMeetings[0] ? new Date(d.upcomingMeetings[0].scheduledAt) : null;
  const summary = summaryOf(d, header, { open: d.openAgreements.length, overdue }, next, today, norms);
  const mayWrite = can(actor, 'trajectories.write');
  return {
    parentUserId: header?.parentUserId ?? null,
    auditReason,
    dossier: {
      trajectory: {
        ...summary,
        applicationId: d.applicationId,
        phaseChangedAt: d.phaseChangedAt.toISOString(),
        outcome: (d.outcome as TTrajectoryDossier['trajectory']['outcome']) ?? null,
        outcomeNote: d.outcomeNote,
        closedAt: d.closedAt?.toISOString() ?? null,
        aftercareUntil: d.aftercareUntil,
        previousTrajectoryId: d.previousTrajectoryId,
        allowedPhases: mayWrite ? allowedPhases(d.phase as TPhase, { mayClose: can(actor, 'trajectories.close') }) : [],
        children: header?.children ?? [],
      },
      phaseEvents: d.phaseEvents,
      familyMap: d.familyMap,
      helpQuestions: d.helpQuestions,
      contacts: pageOf(d.contacts, DOSSIER_CONTACTS, (last) => contactCursor(last.occurredOn, last.id)),
      openAgreements: d.openAgreements,
      upcomingMeetings: d.upcomingMeetings,
      nextDeadlines: d.nextDeadlines,
    },
  };
}

/** The dossier after a change in this transaction (the row was loaded, locked and authorised before the change). */
async function dossierOf(ctx: ActorContext, tx: Executor, id: string, now: Date, norms?: TrajectoryNorms) {
  return loadDossier(ctx, tx, id, null, null, now, norms);
}

/** The contact timeline's cursor: the last row's date (as midnight UTC, so the time cursor carries it) and id. */
export const contactCursor = (occurredOn: string, id: string) => encodeTimeCursor(new Date(`${occurredOn}T00:00:00.000Z`), id);

/** GET /trajectories/:id: the dossier, audited as a read about the parent (with the break-the-glass reason). */
export async function getDossier(ctx: ActorContext, id: string, reason?: string): Promise<TTrajectoryDossier> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    // Statements: BEGIN with the tenant settings, this one select (the organisation's norms included), the audit insert, COMMIT.
    const { dossier, parentUserId, auditReason } = await loadDossier(ctx, tx, id, 'trajectories.read', reason, new Date());
    await audit(tx, ctx, { action: 'read', resourceType: 'trajectory', resourceId: id, subjectId: parentUserId, reason: auditReason });
    return dossier;
  });
}

const phaseName = (lang: Lang, p: TPhase) => t(lang, `trajectory.phase.${p}`);

/**
 * POST /trajectories/:id/phase: the state machine decides (409 invalid_phase_transition naming the
 * phases that are possible); into aftercare or ended only with trajectories.close; leaving closing
 * records the outcome. Aftercare runs the organisation's aftercareMonths (default 12) from the closing date. Ending tells the
 * referrer (once, content-free). Row locked, one event row, one audit event.
 */
export async function changePhase(ctx: ActorContext, id: string, body: TPhaseChangeRequest, reason?: string): Promise<TTrajectoryDossier> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.write', { reason, lock: true });
    assertOpen(row);
    const from = row.phase as TPhase;
    const to = body.to;
    if (!PHASE_TRANSITIONS[from].includes(to)) {
      const possible = allowedPhases(from, { mayClose: can(ctx.actor, 'trajectories.close') });
      throw new AppError('invalid_phase_transition', 409, {
        from: phaseName(ctx.lang, from),
        to: phaseName(ctx.lang, to),
        allowed: possible.length ? possible.map((p) => phaseName(ctx.lang, p)).join(', ') : t(ctx.lang, 'trajectory.phase.none'),
      });
    }
    // Closing moves belong to professionals: a volunteer is refused as the policy refuses (not found).
    if (CLOSING_PHASES.includes(to)) authorize(ctx.actor, 'trajectories.close', relationsOf(row), reason);
    if (outcomeRequired(from, to) && !body.outcome) throw validation([{ field: 'body.outcome', code: 'required', messageKey: 'field.outcome_required' }]);

    const now = new Date();
    const norms = await trajectoryNormsOf(tx, row.orgId);
    const set: Partial<typeof trajectories.$inferInsert> = { phase: to, phaseChangedAt: now, updatedAt: now };
    if (outcomeRequired(from, to)) Object.assign(set, { outcome: body.outcome, outcomeNote: body.reason, closedAt: now });
    if (to === 'aftercare') set.aftercareUntil = addMonths(amsterdamDate(now), norms.aftercareMonths);
    if (to === 'ended') set.endedAt = now;
    const [updated] = await tx.update(trajectories).set(set).where(and(eq(trajectories.orgId, row.orgId), eq(trajectories.id, row.id))).returning();
    await tx.insert(trajectoryPhaseEvents).values({ orgId: row.orgId, id: uuidv7(), trajectoryId: row.id, fromPhase: from, toPhase: to, reason: body.reason, actorUserId: ctx.actor.userId, at: now });
    // Support is over: the volunteer's place counts again for matching (aftercare is light, seeds 000/001).
    if (from !== 'aftercare' && CLOSING_PHASES.includes(to)) await releaseCaseload(tx, row.orgId, row.leadVolunteerId);
    // Closing: the parent is asked how it went (single-use link, answers stored apart from the dossier).
    if (outcomeRequired(from, to)) {
      await inviteToQuestionnaire(tx, { mailer: ctx.mailer, publicUrl: ctx.config.publicUrl }, { orgId: row.orgId, trajectoryId: row.id, applicationId: row.applicationId });
    }
    if (to === 'ended') {
      await notifyReferrer(tx, { mailer: ctx.mailer, actor: ctx.actor, ip: ctx.ip, userAgent: ctx.userAgent }, row.orgId, row.applicationId, 'ended');
    }
    const { dossier, parentUserId } = await dossierOf(ctx, tx, updated!.id, now, norms);
    await audit(tx, ctx, { action: 'update', resourceType: 'trajectory', resourceId: row.id, subjectId: parentUserId, reason: auditReason });
    return dossier;
  });
}

/** PUT /trajectories/:id/coach: the coaching professional must be an active coordinator or admin of the organisation. */
export async function setCoach(ctx: ActorContext, id: string, body: TCoachRequest, reason?: string): Promise<TTrajectoryDossier> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const { row, auditReason } = await trajectoryFor(ctx, tx, id, 'trajectories.close', { reason, lock: true });
    assertOpen(row);
    const staff = await repo.staffMember(tx, row.orgId, body.coachUserId);
    if (!staff || staff.status !== 'active' || (staff.role !== 'coordinator' && staff.role !== 'admin')) {
      throw validation([{ field: 'body.coachUserId', code: 'not_a_professional', messageKey: 'field.coach_not_professional' }]);
    }
    const now = new Date();
    const [updated] = await tx
      .update(trajectories)
      .set({ coachUserId: body.coachUserId, updatedAt: now })
      .where(and(eq(trajectories.orgId, row.orgId), eq(trajectories.id, row.id)))
      .returning();
    const { dossier, parentUserId } = await dossierOf(ctx, tx, updated!.id, now);
    await audit(tx, ctx, { action: 'update', resourceType: 'trajectory', resourceId: row.id, subjectId: parentUserId, reason: auditReason });
    return dossier;
  });
}

// ---- the aftercare job ----------------------------------------------------------------------------

/** Trajectories ended per run per organisation; the rest follow the next night. */
const AFTERCARE_BATCH = 500;

/**
 * Daily: aftercare whose period is over (aftercare_until before today, Amsterdam) ends by itself.
 * One transaction per trajectory: the claim is the phase update itself (`where phase = 'aftercare'`),
 * so two runs at once end it once; a phase event and an audit event by the system, and the
 * referrer's 'ended' notice (once; a failing mail rolls this trajectory back for the next run).
 */
export async function endExpiredAftercare(db: Database, mailer: Mailer, now: Date): Promise<{ ended: number }> {
  const today = amsterdamDate(now);
  const due = and(eq(trajectories.phase, 'aftercare'), lt(trajectories.aftercareUntil, today));
  const orgs = await db.withSystem((tx) => execRows<{ org_id: string }>(tx, sql`select distinct ${trajectories.orgId} as org_id from ${trajectories} where ${due}`));
  let ended = 0;
  for (const { org_id: orgId } of orgs) {
    const ids = await db.withTenant(orgId, (tx) =>
      tx.select({ id: trajectories.id }).from(trajectories).where(and(eq(trajectories.orgId, orgId), due)).orderBy(trajectories.id).limit(AFTERCARE_BATCH),
    );
    for (const { id } of ids) {
      const done = await db.withTenant(orgId, async (tx) => {
        const [row] = await tx
          .update(trajectories)
          .set({ phase: 'ended', endedAt: now, phaseChangedAt: now, updatedAt: now })
          .where(and(eq(trajectories.orgId, orgId), eq(trajectories.id, id), due))
          .returning({ id: trajectories.id, applicationId: trajectories.applicationId });
        if (!row) return false;
        await tx.insert(trajectoryPhaseEvents).values({ orgId, id: uuidv7(), trajectoryId: id, fromPhase: 'aftercare', toPhase: 'ended', reason: t('nl', 'trajectory.aftercare_over'), actorUserId: null, at: now });
        await recordAudit(tx, { orgId, actorRole: 'system', action: 'update', resourceType: 'trajectory', resourceId: id, reason: 'aftercare period over: ended' });
        await notifyReferrer(tx, { mailer }, orgId, row.applicationId, 'ended');
        return true;
      });
      if (done) ended++;
    }
  }
  return { ended };
}

/** The trajectory module's scheduled work (listed in src/jobs.ts). */
export const trajectoryJobs: ScheduledJob[] = [
  {
    name: 'trajectories-aftercare-end',
    cron: '15 2 * * *',
    run: ({ db, mailer, now }) => endExpiredAftercare(db, mailer, now),
  },
];
