import { and, asc, eq, inArray, lte, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import type { AuditAction } from '../../platform/audit/index.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { notFound, validation, type FieldError } from '../../platform/http/errors.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';
import {
  DEADLINE_RULES,
  MANUAL_RULE,
  MY_DEADLINES_DAYS,
  computeDeadlines,
  ruleByCode,
  triggerOfDecision,
  type TChildMeasure,
  type TDeadline,
  type TDeadlineTrigger,
  type TDecision,
  type TDecisionRequest,
  type TMeasurePatch,
  type TMeasureRequest,
  type TMyDeadline,
} from '../../shared/legal.js';
import type { TDossierDeadline } from '../../shared/trajectories.js';
import { assertOpen, trajectoryFor, type TrajectoryRow } from '../trajectories/public.js';
import { trajectoriesLedOrCoachedBy } from '../trajectories/public.js';
import './messages.js';
import { remindAtFor } from './remind-time.js';
import { childMeasures, courtDecisions, deadlines } from './tables.js';

/**
 * Measures per child, court decisions and the deadlines computed from them by the rules in
 * src/shared/legal.ts (issue 5). Every route goes through trajectoryFor (the one policy), runs in one
 * tenant transaction and is audited in it; a change that creates deadlines creates them in that same
 * transaction, so a decision never exists without its deadlines.
 */

interface Opened {
  row: TrajectoryRow;
  auditReason: string | null;
  subjectId: string | null;
}

/** trajectoryFor, plus the parent's account for the audit subject; changes lock the row and need an open trajectory. */
async function open(ctx: ActorContext, tx: Executor, id: string, permission: 'trajectories.read' | 'trajectories.write', reason: string | undefined): Promise<Opened> {
  const write = permission === 'trajectories.write';
  const { row, auditReason } = await trajectoryFor(ctx, tx, id, permission, { reason, lock: write });
  if (write) assertOpen(row);
  const [app] = await execRows<{ parent_user_id: string | null }>(
    tx,
    sql`select parent_user_id::text from applications where org_id = ${row.orgId} and id = ${row.applicationId}`,
  );
  return { row, auditReason, subjectId: app?.parent_user_id ?? null };
}

const audit = (tx: Executor, ctx: ActorContext, t: Opened, action: AuditAction, resourceType: string, resourceId: string) =>
  recordActorAudit(tx, ctx, { action, resourceType, resourceId, subjectId: t.subjectId, reason: t.auditReason });

const fieldError = (field: string, code: string, messageKey = `field.${code}`): FieldError => ({ field, code, messageKey });

// ---------------------------------------------------------------------------------------------
// Deadlines (rows → contract)
// ---------------------------------------------------------------------------------------------

const deadlineColumns = {
  id: deadlines.id,
  trajectoryId: deadlines.trajectoryId,
  ruleCode: deadlines.ruleCode,
  title: deadlines.title,
  dueOn: deadlines.dueOn,
  status: deadlines.status,
  courtDecisionId: deadlines.courtDecisionId,
  measureId: deadlines.measureId,
  remindAt: deadlines.remindAt,
  reminderSentAt: deadlines.reminderSentAt,
};
type DeadlineRow = { [K in keyof typeof deadlineColumns]: (typeof deadlines.$inferSelect)[K] };

function toDeadline(r: DeadlineRow, today: string): TDeadline {
  const rule = ruleByCode(r.ruleCode);
  return {
    id: r.id,
    trajectoryId: r.trajectoryId,
    ruleCode: r.ruleCode,
    title: r.title,
    dueOn: r.dueOn,
    status: r.status as TDeadline['status'],
    overdue: r.status === 'open' && r.dueOn < today,
    courtDecisionId: r.courtDecisionId,
    measureId: r.measureId,
    remindOn: r.remindAt ? amsterdamDate(r.remindAt) : null,
    reminderSent: r.reminderSentAt !== null,
    source: rule?.source ? { law: rule.source.law, article: rule.source.article, url: rule.source.url ?? null } : null,
  };
}

/**
 * For the dossier (trajectories module): the next `limit` open deadlines of a trajectory, by due date
 * (so overdue ones first), as a json column the dossier's one statement selects beside its other
 * parts: `orgId` and `trajectoryId` are the outer statement's columns. Served by
 * deadlines_trajectory_idx (org_id, trajectory_id, status, due_on).
 */
export function nextDeadlinesColumn(orgId: SQLWrapper, trajectoryId: SQLWrapper, today: string, limit: number): SQL<TDossierDeadline[]> {
  return sql`coalesce((select json_agg(json_build_object('id', d.id, 'ruleCode', d.rule_code, 'title', d.title, 'dueOn', d.due_on, 'overdue', d.due_on < ${today}::date)
                                        order by d.due_on, d.id)
                         from (select id, rule_code, title, due_on from deadlines
                                where org_id = ${orgId} and trajectory_id = ${trajectoryId} and status = 'open'
                                order by due_on, id limit ${limit}) d), '[]'::json)`.mapWith((v): TDossierDeadline[] =>
    v == null ? [] : ((typeof v === 'string' ? JSON.parse(v) : v) as TDossierDeadline[]),
  );
}

/** Inserts the deadlines a trigger starts on `date` (rule titles stored in Dutch; the UI shows them by rule code). */
async function insertComputed(
  tx: Executor,
  ctx: ActorContext,
  t: Opened,
  trigger: TDeadlineTrigger,
  date: string,
  links: { courtDecisionId?: string; measureId?: string | null },
  given?: string | null,
): Promise<DeadlineRow[]> {
  const today = amsterdamDate(new Date());
  const computed = computeDeadlines(trigger, date, given);
  if (!computed.length) return [];
  const rows = await tx
    .insert(deadlines)
    .values(
      computed.map((c) => ({
        orgId: t.row.orgId,
        id: uuidv7(),
        trajectoryId: t.row.id,
        ruleCode: c.ruleCode,
        courtDecisionId: links.courtDecisionId ?? null,
        measureId: links.measureId ?? null,
        title: ruleByCode(c.ruleCode)!.title.nl,
        dueOn: c.dueOn,
        remindAt: remindAtFor(c.dueOn, c.remindOn, today),
        createdBy: ctx.actor.userId,
      })),
    )
    .returning(deadlineColumns);
  for (const r of rows) await audit(tx, ctx, t, 'create', 'deadline', r.id);
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

const measureColumns = {
  id: childMeasures.id,
  childName: childMeasures.childName,
  measure: childMeasures.measure,
  startsOn: childMeasures.startsOn,
  endsOn: childMeasures.endsOn,
  note: childMeasures.note,
};
const toMeasure = (r: { id: string; childName: string; measure: string; startsOn: string; endsOn: string | null; note: string | null }): TChildMeasure => ({
  ...r,
  measure: r.measure as TChildMeasure['measure'],
});
const MEASURE_END_RULES = DEADLINE_RULES.filter((r) => r.trigger === 'measure_end').map((r) => r.code as string);

function checkPeriod(startsOn: string, endsOn: string | null | undefined): void {
  if (endsOn && endsOn < startsOn) throw validation([fieldError('body.endsOn', 'ends_before_start', 'field.ends_before_start')]);
}

export async function listMeasures(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TChildMeasure[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const rows = await tx
      .select(measureColumns)
      .from(childMeasures)
      .where(and(eq(childMeasures.orgId, t.row.orgId), eq(childMeasures.trajectoryId, trajectoryId)))
      .orderBy(asc(childMeasures.childName), asc(childMeasures.startsOn), asc(childMeasures.id));
    await audit(tx, ctx, t, 'list', 'child_measure', trajectoryId);
    return { items: rows.map(toMeasure) };
  });
}

export async function createMeasure(ctx: ActorContext, trajectoryId: string, body: TMeasureRequest, reason?: string): Promise<TChildMeasure & { deadlines: TDeadline[] }> {
  checkPeriod(body.startsOn, body.endsOn);
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const [row] = await tx
      .insert(childMeasures)
      .values({
        orgId: t.row.orgId,
        id: uuidv7(),
        trajectoryId,
        childName: body.childName,
        measure: body.measure,
        startsOn: body.startsOn,
        endsOn: body.endsOn ?? null,
        note: body.note ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning(measureColumns);
    await audit(tx, ctx, t, 'create', 'child_measure', row!.id);
    const made = row!.endsOn ? await insertComputed(tx, ctx, t, 'measure_end', row!.endsOn, { measureId: row!.id }) : [];
    const today = amsterdamDate(new Date());
    return { ...toMeasure(row!), deadlines: made.map((d) => toDeadline(d, today)) };
  });
}

/** A changed end date recomputes the measure's open end-of-measure deadlines; done or cancelled ones stay as history. */
export async function updateMeasure(ctx: ActorContext, trajectoryId: string, measureId: string, patch: TMeasurePatch, reason?: string): Promise<TChildMeasure & { deadlines: TDeadline[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const where = and(eq(childMeasures.orgId, t.row.orgId), eq(childMeasures.trajectoryId, trajectoryId), eq(childMeasures.id, measureId));
    const [before] = await tx.select(measureColumns).from(childMeasures).where(where).for('update');
    if (!before) throw notFound();
    const startsOn = patch.startsOn ?? before.startsOn;
    const endsOn = patch.endsOn === undefined ? before.endsOn : patch.endsOn;
    checkPeriod(startsOn, endsOn);
    const [row] = await tx
      .update(childMeasures)
      .set({
        ...(patch.childName !== undefined ? { childName: patch.childName } : {}),
        ...(patch.measure !== undefined ? { measure: patch.measure } : {}),
        ...(patch.note !== undefined ? { note: patch.note } : {}),
        startsOn,
        endsOn,
        updatedAt: new Date(),
      })
      .where(where)
      .returning(measureColumns);
    await audit(tx, ctx, t, 'update', 'child_measure', measureId);
    let made: DeadlineRow[] = [];
    if (endsOn !== before.endsOn) {
      const gone = await tx
        .delete(deadlines)
        .where(and(eq(deadlines.orgId, t.row.orgId), eq(deadlines.measureId, measureId), eq(deadlines.status, 'open'), inArray(deadlines.ruleCode, MEASURE_END_RULES)))
        .returning({ id: deadlines.id });
      for (const g of gone) await audit(tx, ctx, t, 'delete', 'deadline', g.id);
      if (endsOn) made = await insertComputed(tx, ctx, t, 'measure_end', endsOn, { measureId });
    }
    const today = amsterdamDate(new Date());
    return { ...toMeasure(row!), deadlines: made.map((d) => toDeadline(d, today)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Court decisions (beschikkingen) and other dated events
// ---------------------------------------------------------------------------------------------

const decisionColumns = {
  id: courtDecisions.id,
  kind: courtDecisions.kind,
  decidedOn: courtDecisions.decidedOn,
  measureId: courtDecisions.measureId,
  summary: courtDecisions.summary,
};
const toDecision = (r: { id: string; kind: string; decidedOn: string; measureId: string | null; summary: string | null }): TDecision => ({
  ...r,
  kind: r.kind as TDecision['kind'],
});

export async function listDecisions(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TDecision[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const rows = await tx
      .select(decisionColumns)
      .from(courtDecisions)
      .where(and(eq(courtDecisions.orgId, t.row.orgId), eq(courtDecisions.trajectoryId, trajectoryId)))
      .orderBy(sql`${courtDecisions.decidedOn} desc`, asc(courtDecisions.id));
    await audit(tx, ctx, t, 'list', 'court_decision', trajectoryId);
    return { items: rows.map(toDecision) };
  });
}

/**
 * The date a decision's rule counts from. A rule that needs a date the request lacks is a 400 naming
 * that field ("a deadline rule with a missing date"), before anything is saved.
 */
function triggerDate(body: TDecisionRequest, trigger: TDeadlineTrigger): string {
  const rule = DEADLINE_RULES.find((r) => r.trigger === trigger)!;
  const date = rule.from === 'hearingOn' ? body.hearingOn : body.decidedOn;
  if (!date) throw validation([fieldError(`body.${rule.from}`, 'required_for_rule', 'field.required_for_rule')]);
  return date;
}

export async function createDecision(ctx: ActorContext, trajectoryId: string, body: TDecisionRequest, reason?: string): Promise<TDecision & { deadlines: TDeadline[] }> {
  const trigger = triggerOfDecision(body.kind, body.municipalDecision ?? false);
  const date = trigger ? triggerDate(body, trigger) : null;
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.write', reason);
    if (body.measureId) {
      const [m] = await tx
        .select({ id: childMeasures.id })
        .from(childMeasures)
        .where(and(eq(childMeasures.orgId, t.row.orgId), eq(childMeasures.trajectoryId, trajectoryId), eq(childMeasures.id, body.measureId)));
      if (!m) throw validation([fieldError('body.measureId', 'unknown_measure', 'field.unknown_measure')]);
    }
    const [row] = await tx
      .insert(courtDecisions)
      .values({
        orgId: t.row.orgId,
        id: uuidv7(),
        trajectoryId,
        measureId: body.measureId ?? null,
        kind: body.kind,
        decidedOn: body.decidedOn,
        summary: body.summary ?? null,
        createdBy: ctx.actor.userId,
      })
      .returning(decisionColumns);
    await audit(tx, ctx, t, 'create', 'court_decision', row!.id);
    const made = trigger && date ? await insertComputed(tx, ctx, t, trigger, date, { courtDecisionId: row!.id, measureId: body.measureId }, body.respondBy) : [];
    const today = amsterdamDate(new Date());
    return { ...toDecision(row!), deadlines: made.map((d) => toDeadline(d, today)) };
  });
}

// ---------------------------------------------------------------------------------------------
// Deadlines
// ---------------------------------------------------------------------------------------------

/** Open ones first by due date, then done/cancelled ones (most recent due date first). */
export async function listDeadlines(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TDeadline[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const rows = await tx
      .select(deadlineColumns)
      .from(deadlines)
      .where(and(eq(deadlines.orgId, t.row.orgId), eq(deadlines.trajectoryId, trajectoryId)))
      .orderBy(
        sql`(${deadlines.status} <> 'open')`,
        sql`case when ${deadlines.status} = 'open' then ${deadlines.dueOn} end asc`,
        sql`${deadlines.dueOn} desc`,
        asc(deadlines.id),
      );
    await audit(tx, ctx, t, 'list', 'deadline', trajectoryId);
    const today = amsterdamDate(new Date());
    return { items: rows.map((r) => toDeadline(r, today)) };
  });
}

/** A deadline typed in by hand: reminded a week before (or right away when it is closer). */
export const MANUAL_REMIND_DAYS = 7;

export async function createManualDeadline(ctx: ActorContext, trajectoryId: string, body: { title: string; dueOn: string }, reason?: string): Promise<TDeadline> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const today = amsterdamDate(new Date());
    const [row] = await tx
      .insert(deadlines)
      .values({
        orgId: t.row.orgId,
        id: uuidv7(),
        trajectoryId,
        ruleCode: MANUAL_RULE,
        title: body.title,
        dueOn: body.dueOn,
        remindAt: remindAtFor(body.dueOn, addDays(body.dueOn, -MANUAL_REMIND_DAYS), today),
        createdBy: ctx.actor.userId,
      })
      .returning(deadlineColumns);
    await audit(tx, ctx, t, 'create', 'deadline', row!.id);
    return toDeadline(row!, today);
  });
}

export async function updateDeadline(ctx: ActorContext, trajectoryId: string, deadlineId: string, status: TDeadline['status'], reason?: string): Promise<TDeadline> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await open(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const [row] = await tx
      .update(deadlines)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(deadlines.orgId, t.row.orgId), eq(deadlines.trajectoryId, trajectoryId), eq(deadlines.id, deadlineId)))
      .returning(deadlineColumns);
    if (!row) throw notFound();
    await audit(tx, ctx, t, 'update', 'deadline', deadlineId);
    return toDeadline(row, amsterdamDate(new Date()));
  });
}

/** Open deadlines of the families a user leads or coaches, from overdue ones up to `days` ahead. */
export async function openDeadlinesOf(tx: Executor, orgId: string, userId: string, until: string | null): Promise<TMyDeadline[]> {
  const mine = await trajectoriesLedOrCoachedBy(tx, orgId, userId);
  if (!mine.length) return [];
  const reference = new Map(mine.map((m) => [m.id, m.reference]));
  const rows = await tx
    .select(deadlineColumns)
    .from(deadlines)
    .where(
      and(
        eq(deadlines.orgId, orgId),
        inArray(deadlines.trajectoryId, [...reference.keys()]),
        eq(deadlines.status, 'open'),
        ...(until ? [lte(deadlines.dueOn, until)] : []),
      ),
    )
    .orderBy(asc(deadlines.dueOn), asc(deadlines.id));
  const today = amsterdamDate(new Date());
  return rows.map((r) => ({ ...toDeadline(r, today), reference: reference.get(r.trajectoryId)! }));
}

/** GET /me/deadlines: the next 60 days and anything overdue; audited as one 'list' about the user's own families. */
export async function myDeadlines(ctx: ActorContext, now = new Date()): Promise<{ items: TMyDeadline[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const items = await openDeadlinesOf(tx, ctx.actor.orgId, ctx.actor.userId, addDays(amsterdamDate(now), MY_DEADLINES_DAYS));
    await recordActorAudit(tx, ctx, { action: 'list', resourceType: 'deadline', resourceId: ctx.actor.userId });
    return { items };
  });
}


// ---------------------------------------------------------------------------------------------
// For letters (documents module): the decisions and measures of one trajectory, read in the
// caller's transaction after the caller checked access and with the caller's audit event.
// ---------------------------------------------------------------------------------------------

export type LetterMeasure = { childName: string; measure: TChildMeasure['measure']; startsOn: string; endsOn: string | null };
export type LetterDecision = {
  kind: TDecision['kind'];
  decidedOn: string;
  summary: string | null;
  /** A letter holding a decision of the municipality (it started the objection deadline). */
  municipal: boolean;
  measure: LetterMeasure | null;
};

/** Newest decision first; measures by child and start date. */
export async function decisionsForLetter(tx: Executor, orgId: string, trajectoryId: string): Promise<{ decisions: LetterDecision[]; measures: LetterMeasure[] }> {
  const measureRows = await tx
    .select({ id: childMeasures.id, childName: childMeasures.childName, measure: childMeasures.measure, startsOn: childMeasures.startsOn, endsOn: childMeasures.endsOn })
    .from(childMeasures)
    .where(and(eq(childMeasures.orgId, orgId), eq(childMeasures.trajectoryId, trajectoryId)))
    .orderBy(asc(childMeasures.childName), asc(childMeasures.startsOn), asc(childMeasures.id));
  const decisionRows = await tx
    .select({ id: courtDecisions.id, kind: courtDecisions.kind, decidedOn: courtDecisions.decidedOn, summary: courtDecisions.summary, measureId: courtDecisions.measureId })
    .from(courtDecisions)
    .where(and(eq(courtDecisions.orgId, orgId), eq(courtDecisions.trajectoryId, trajectoryId)))
    .orderBy(sql`${courtDecisions.decidedOn} desc`, sql`${courtDecisions.createdAt} desc`, asc(courtDecisions.id));
  const municipal = new Set(
    (
      await tx
        .select({ id: deadlines.courtDecisionId })
        .from(deadlines)
        .where(and(eq(deadlines.orgId, orgId), eq(deadlines.trajectoryId, trajectoryId), eq(deadlines.ruleCode, 'objection_municipal_decision')))
    ).map((r) => r.id),
  );
  const measures = new Map(measureRows.map((m) => [m.id, { childName: m.childName, measure: m.measure as LetterMeasure['measure'], startsOn: m.startsOn, endsOn: m.endsOn }]));
  return {
    measures: [...measures.values()],
    decisions: decisionRows.map((d) => ({
      kind: d.kind as TDecision['kind'],
      decidedOn: d.decidedOn,
      summary: d.summary,
      municipal: municipal.has(d.id),
      measure: d.measureId ? (measures.get(d.measureId) ?? null) : null,
    })),
  };
}
