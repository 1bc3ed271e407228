import { and, asc, eq, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import type { AuditAction } from '../../platform/audit/index.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { notFound, validation } from '../../platform/http/errors.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import type {
  TFamilyMember,
  TFamilyMemberPatch,
  THelpQuestion,
  THelpQuestionPatch,
} from '../../shared/trajectories.js';
import { ZFamilyMemberRequest, ZHelpQuestionRequest, ZSelfRelianceRequest } from '../../shared/trajectories.js';
import type { z } from 'zod';
import { assertOpen, trajectoryFor, type TrajectoryRow } from './access.js';
import './plan-messages.js';
import { jsonArray } from './json-columns.js';
import { familyMapMembers, helpQuestions, selfRelianceScores } from './tables.js';

/**
 * The Houvast plan (issue 5): the family map ("who is who") and the help questions in the family's
 * own words, each a goal with status, strengths, next steps and the parent's self-reliance over time.
 * Every route goes through trajectoryFor (the one policy) and is audited in its own transaction.
 */

export interface OpenedTrajectory {
  row: TrajectoryRow;
  auditReason: string | null;
  /** The parent's account (the audit subject), when the family has one. */
  subjectId: string | null;
}

/**
 * trajectoryFor plus the parent's user id for the audit event (one primary-key read). Changes
 * (`trajectories.write`) lock the row, so an ended trajectory cannot slip in between and positions
 * are appended one at a time; they are refused with 409 when the trajectory has ended.
 */
export async function openTrajectory(
  ctx: ActorContext,
  tx: Executor,
  id: string,
  permission: 'trajectories.read' | 'trajectories.write',
  reason: string | undefined,
): Promise<OpenedTrajectory> {
  const write = permission === 'trajectories.write';
  const { row, auditReason } = await trajectoryFor(ctx, tx, id, permission, { reason, lock: write });
  if (write) assertOpen(row);
  const [app] = await execRows<{ parent_user_id: string | null }>(
    tx,
    sql`select parent_user_id::text from applications where org_id = ${row.orgId} and id = ${row.applicationId}`,
  );
  return { row, auditReason, subjectId: app?.parent_user_id ?? null };
}

export function auditPlan(tx: Executor, ctx: ActorContext, t: OpenedTrajectory, action: AuditAction, resourceType: string, resourceId: string): Promise<void> {
  return recordActorAudit(tx, ctx, { action, resourceType, resourceId, subjectId: t.subjectId, reason: t.auditReason });
}

// ---------------------------------------------------------------------------------------------
// Family map
// ---------------------------------------------------------------------------------------------

const memberColumns = {
  id: familyMapMembers.id,
  role: familyMapMembers.role,
  name: familyMapMembers.name,
  organisation: familyMapMembers.organisation,
  note: familyMapMembers.note,
  position: familyMapMembers.position,
};
const memberOrder = [asc(familyMapMembers.position), asc(familyMapMembers.createdAt), asc(familyMapMembers.id)] as const;
const toMember = (r: { id: string; role: string; name: string; organisation: string | null; note: string | null; position: number }): TFamilyMember => ({
  ...r,
  role: r.role as TFamilyMember['role'],
});

/** The family map of one trajectory, in position order. */
export async function listFamilyMap(tx: Executor, orgId: string, trajectoryId: string): Promise<TFamilyMember[]> {
  const rows = await tx
    .select(memberColumns)
    .from(familyMapMembers)
    .where(and(eq(familyMapMembers.orgId, orgId), eq(familyMapMembers.trajectoryId, trajectoryId)))
    .orderBy(...memberOrder);
  return rows.map(toMember);
}

export async function getFamilyMap(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TFamilyMember[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const items = await listFamilyMap(tx, t.row.orgId, trajectoryId);
    await auditPlan(tx, ctx, t, 'list', 'family_map', trajectoryId);
    return { items };
  });
}

/** A new member goes at the end of the map. */
export async function createFamilyMember(ctx: ActorContext, trajectoryId: string, body: z.output<typeof ZFamilyMemberRequest>, reason?: string): Promise<TFamilyMember> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const [row] = await tx
      .insert(familyMapMembers)
      .values({
        orgId,
        id: uuidv7(),
        trajectoryId,
        role: body.role,
        name: body.name,
        organisation: body.organisation ?? null,
        note: body.note ?? null,
        position: sql`(select coalesce(max(position) + 1, 0) from family_map_members where org_id = ${orgId} and trajectory_id = ${trajectoryId})`,
      })
      .returning(memberColumns);
    await auditPlan(tx, ctx, t, 'create', 'family_member', row!.id);
    return toMember(row!);
  });
}

/** Any part; `position` moves the member to that place (0 = first) and renumbers the rest. */
export async function updateFamilyMember(ctx: ActorContext, trajectoryId: string, memberId: string, patch: TFamilyMemberPatch, reason?: string): Promise<TFamilyMember> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const mine = and(eq(familyMapMembers.orgId, orgId), eq(familyMapMembers.trajectoryId, trajectoryId));
    const { position, ...fields } = patch;
    const [row] = await tx
      .update(familyMapMembers)
      .set({ ...fields, updatedAt: new Date() })
      .where(and(mine, eq(familyMapMembers.id, memberId)))
      .returning(memberColumns);
    if (!row) throw notFound();
    if (position !== undefined) {
      const ids = (await tx.select({ id: familyMapMembers.id }).from(familyMapMembers).where(mine).orderBy(...memberOrder)).map((r) => r.id);
      ids.splice(ids.indexOf(memberId), 1);
      ids.splice(Math.min(position, ids.length), 0, memberId);
      await tx.execute(sql`
        update family_map_members f set position = v.pos - 1
          from unnest(${sql.param(ids)}::uuid[]) with ordinality as v(id, pos)
         where f.org_id = ${orgId} and f.trajectory_id = ${trajectoryId} and f.id = v.id and f.position <> v.pos - 1`);
      row.position = ids.indexOf(memberId);
    }
    await auditPlan(tx, ctx, t, 'update', 'family_member', memberId);
    return toMember(row);
  });
}

export async function deleteFamilyMember(ctx: ActorContext, trajectoryId: string, memberId: string, reason?: string): Promise<void> {
  await ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const deleted = await tx
      .delete(familyMapMembers)
      .where(and(eq(familyMapMembers.orgId, t.row.orgId), eq(familyMapMembers.trajectoryId, trajectoryId), eq(familyMapMembers.id, memberId)))
      .returning({ id: familyMapMembers.id });
    if (!deleted.length) throw notFound();
    await auditPlan(tx, ctx, t, 'delete', 'family_member', memberId);
  });
}

// ---------------------------------------------------------------------------------------------
// Help questions and self-reliance
// ---------------------------------------------------------------------------------------------

const questionColumns = {
  id: helpQuestions.id,
  question: helpQuestions.question,
  goal: helpQuestions.goal,
  status: helpQuestions.status,
  strengths: helpQuestions.strengths,
  nextSteps: helpQuestions.nextSteps,
};
type QuestionRow = { id: string; question: string; goal: string | null; status: string; strengths: string | null; nextSteps: string | null };
type ScoreRow = { id: string; helpQuestionId: string; score: number; recordedOn: string; note: string | null };

/** Scores of one trajectory (or one question), oldest first: the chart reads left to right. */
async function scoresOf(tx: Executor, orgId: string, trajectoryId: string, helpQuestionId?: string): Promise<ScoreRow[]> {
  return tx
    .select({
      id: selfRelianceScores.id,
      helpQuestionId: selfRelianceScores.helpQuestionId,
      score: selfRelianceScores.score,
      recordedOn: selfRelianceScores.recordedOn,
      note: selfRelianceScores.note,
    })
    .from(selfRelianceScores)
    .where(
      and(
        eq(selfRelianceScores.orgId, orgId),
        eq(selfRelianceScores.trajectoryId, trajectoryId),
        helpQuestionId ? eq(selfRelianceScores.helpQuestionId, helpQuestionId) : undefined,
      ),
    )
    .orderBy(asc(selfRelianceScores.recordedOn), asc(selfRelianceScores.createdAt), asc(selfRelianceScores.id));
}

function toQuestion(r: QuestionRow, scores: ScoreRow[]): THelpQuestion {
  return {
    ...r,
    status: r.status as THelpQuestion['status'],
    scores: scores.map((s) => ({ id: s.id, score: s.score, recordedOn: s.recordedOn, note: s.note })),
  };
}

/** The help questions with their self-reliance scores (oldest first), in position order. Two queries, whatever the count. */
export async function listHelpQuestions(tx: Executor, orgId: string, trajectoryId: string): Promise<THelpQuestion[]> {
  const rows = await tx
    .select(questionColumns)
    .from(helpQuestions)
    .where(and(eq(helpQuestions.orgId, orgId), eq(helpQuestions.trajectoryId, trajectoryId)))
    .orderBy(asc(helpQuestions.position), asc(helpQuestions.createdAt), asc(helpQuestions.id));
  if (!rows.length) return [];
  const byQuestion = new Map<string, ScoreRow[]>();
  for (const s of await scoresOf(tx, orgId, trajectoryId)) {
    const list = byQuestion.get(s.helpQuestionId) ?? [];
    list.push(s);
    byQuestion.set(s.helpQuestionId, list);
  }
  return rows.map((r) => toQuestion(r, byQuestion.get(r.id) ?? []));
}

/**
 * The dossier reads the plan in its own statement: the family map as a json column of a select on
 * `trajectories` (correlated on the ids given), in the order and shape of listFamilyMap.
 */
export function familyMapColumn(orgId: SQLWrapper, trajectoryId: SQLWrapper): SQL<TFamilyMember[]> {
  return sql`coalesce((select json_agg(json_build_object('id', f.id, 'role', f.role, 'name', f.name, 'organisation', f.organisation, 'note', f.note, 'position', f.position)
                              order by f.position, f.created_at, f.id)
                from family_map_members f where f.org_id = ${orgId} and f.trajectory_id = ${trajectoryId}), '[]'::json)`.mapWith((v) => jsonArray<TFamilyMember>(v));
}

/** The help questions with their scores (oldest first) as one json column, in the order and shape of listHelpQuestions. */
export function helpQuestionsColumn(orgId: SQLWrapper, trajectoryId: SQLWrapper): SQL<THelpQuestion[]> {
  return sql`coalesce((select json_agg(json_build_object('id', q.id, 'question', q.question, 'goal', q.goal, 'status', q.status, 'strengths', q.strengths, 'nextSteps', q.next_steps,
                                                'scores', coalesce((select json_agg(json_build_object('id', s.id, 'score', s.score, 'recordedOn', s.recorded_on, 'note', s.note)
                                                                                    order by s.recorded_on, s.created_at, s.id)
                                                                      from self_reliance_scores s
                                                                     where s.org_id = q.org_id and s.trajectory_id = q.trajectory_id and s.help_question_id = q.id), '[]'::json))
                              order by q.position, q.created_at, q.id)
                from help_questions q where q.org_id = ${orgId} and q.trajectory_id = ${trajectoryId}), '[]'::json)`.mapWith((v) => jsonArray<THelpQuestion>(v));
}

export async function getHelpQuestions(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: THelpQuestion[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.read', reason);
    const items = await listHelpQuestions(tx, t.row.orgId, trajectoryId);
    await auditPlan(tx, ctx, t, 'list', 'help_question', trajectoryId);
    return { items };
  });
}

/** The question is stored as typed: the family's own words, never rewritten. */
export async function createHelpQuestion(ctx: ActorContext, trajectoryId: string, body: z.output<typeof ZHelpQuestionRequest>, reason?: string): Promise<THelpQuestion> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const [row] = await tx
      .insert(helpQuestions)
      .values({
        orgId,
        id: uuidv7(),
        trajectoryId,
        question: body.question,
        goal: body.goal ?? null,
        status: body.status,
        strengths: body.strengths ?? null,
        nextSteps: body.nextSteps ?? null,
        position: sql`(select coalesce(max(position) + 1, 0) from help_questions where org_id = ${orgId} and trajectory_id = ${trajectoryId})`,
      })
      .returning(questionColumns);
    await auditPlan(tx, ctx, t, 'create', 'help_question', row!.id);
    return toQuestion(row!, []);
  });
}

export async function updateHelpQuestion(ctx: ActorContext, trajectoryId: string, questionId: string, patch: THelpQuestionPatch, reason?: string): Promise<THelpQuestion> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const [row] = await tx
      .update(helpQuestions)
      .set({ ...patch, updatedAt: new Date() })
      .where(and(eq(helpQuestions.orgId, orgId), eq(helpQuestions.trajectoryId, trajectoryId), eq(helpQuestions.id, questionId)))
      .returning(questionColumns);
    if (!row) throw notFound();
    await auditPlan(tx, ctx, t, 'update', 'help_question', questionId);
    return toQuestion(row, await scoresOf(tx, orgId, trajectoryId, questionId));
  });
}

/**
 * Records the parent's self-reliance (zelfredzaamheid) for one help question on a day that has
 * happened (Amsterdam date); several scores on one day are kept in the order they were given.
 * Returns the question with its whole history, oldest first.
 */
export async function addSelfRelianceScore(
  ctx: ActorContext,
  trajectoryId: string,
  questionId: string,
  body: z.output<typeof ZSelfRelianceRequest>,
  reason?: string,
  now: Date = new Date(),
): Promise<THelpQuestion> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const t = await openTrajectory(ctx, tx, trajectoryId, 'trajectories.write', reason);
    const orgId = t.row.orgId;
    const [question] = await tx
      .select(questionColumns)
      .from(helpQuestions)
      .where(and(eq(helpQuestions.orgId, orgId), eq(helpQuestions.trajectoryId, trajectoryId), eq(helpQuestions.id, questionId)));
    if (!question) throw notFound();
    if (body.recordedOn > amsterdamDate(now)) {
      throw validation([{ field: 'body.recordedOn', code: 'in_future', messageKey: 'field.score_date_in_future' }]);
    }
    const id = uuidv7();
    await tx.insert(selfRelianceScores).values({
      orgId,
      id,
      trajectoryId,
      helpQuestionId: questionId,
      score: body.score,
      recordedOn: body.recordedOn,
      note: body.note ?? null,
      recordedBy: ctx.actor.userId,
    });
    await auditPlan(tx, ctx, t, 'create', 'self_reliance_score', id);
    return toQuestion(question, await scoresOf(tx, orgId, trajectoryId, questionId));
  });
}
