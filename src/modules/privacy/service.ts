import { and, eq, sql } from 'drizzle-orm';
import { eventsAbout } from '../../platform/audit/about.js';
import { recordActorAudit } from '../../platform/audit/actor.js';
import { execRows, type Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound, validation } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decide } from '../../platform/policy/index.js';
import { clearSignInDirectory } from '../../platform/privacy/account.js';
import type { TAccessLogItem, TCorrectableItem, TCorrectionCreate, TDecision, TPrivacyRequestCreate, TRequestItem } from '../../shared/privacy.js';
import { getOrganisationName } from '../organisations/public.js';
import { applyReportCorrection, correctableReportText, correctableReports } from '../reports/public.js';
import { applyCorrection, correctableItems, correctableText, type TrajectoryCorrectable } from '../trajectories/public.js';
import { eraseFamily, scopeOfTrajectory, scopesOfParent } from './scope.js';
import { correctionRequests, privacyRequests } from './tables.js';

// ---- transparency

/** "Who looked at my dossier": audit events about the parent, by others (default) or by themselves. */
export async function accessLog(ctx: ActorContext, cursor: string | undefined, self: boolean): Promise<{ items: TAccessLogItem[]; nextCursor: string | null }> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const page = await eventsAbout(tx, orgId, userId, cursor, { who: self ? 'self' : 'others', limit: 50 });
    const actorIds = [...new Set(page.items.map((e) => e.actorUserId).filter((x): x is string => !!x))];
    const names = new Map<string, string>();
    if (actorIds.length) {
      const rows = await execRows<{ id: string; display_name: string }>(
        tx,
        sql`select id::text, display_name from users where org_id = ${orgId} and id = any(${sql.param(actorIds)}::uuid[])`,
      );
      for (const r of rows) names.set(r.id, r.display_name);
    }
    const organisation = (await getOrganisationName(tx, orgId)) ?? '';
    return {
      items: page.items.map((e) => ({
        id: e.id,
        at: e.occurredAt.toISOString(),
        // A person by name; the system (a scheduled job) by its role.
        actor: (e.actorUserId && names.get(e.actorUserId)) || '',
        role: e.actorRole,
        organisation,
        action: e.action,
        resourceType: e.resourceType,
        self: e.actorUserId === userId,
      })),
      nextCursor: page.nextCursor,
    };
  });
}

// ---- the parent's requests

async function ownTrajectoryIds(tx: Executor, orgId: string, userId: string): Promise<string[]> {
  const scopes = await scopesOfParent(tx, orgId, userId);
  return scopes.flatMap((s) => s.trajectoryIds);
}

async function itemText(tx: Executor, orgId: string, trajectoryId: string, kind: TCorrectableItem, id: string): Promise<string | null> {
  return kind === 'report' ? correctableReportText(tx, orgId, trajectoryId, id) : correctableText(tx, orgId, trajectoryId, kind as TrajectoryCorrectable, id);
}

const itemUnknown = () => validation([{ field: 'body.itemId', code: 'unknown_item', messageKey: 'field.privacy_item_unknown' }]);

/** The items of the parent's own dossier that can be corrected (the correction form). */
export async function myCorrectableItems(ctx: ActorContext) {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const ids = await ownTrajectoryIds(tx, orgId, userId);
    const items = [...(await correctableReports(tx, orgId, ids)), ...(await correctableItems(tx, orgId, ids))];
    await recordActorAudit(tx, ctx, { subjectId: userId, action: 'list', resourceType: 'correctable_items' });
    return { items: items.map((i) => ({ kind: i.kind, id: i.id, trajectoryId: i.trajectoryId, text: i.text })) };
  });
}

export async function requestCorrection(ctx: ActorContext, body: TCorrectionCreate): Promise<TRequestItem> {
  const { orgId, userId } = ctx.actor;
  const id = await ctx.db.withTenant(orgId, async (tx) => {
    let trajectoryId: string | null = null;
    for (const tid of await ownTrajectoryIds(tx, orgId, userId)) {
      if ((await itemText(tx, orgId, tid, body.itemKind, body.itemId)) !== null) {
        trajectoryId = tid;
        break;
      }
    }
    // Another family's item reads exactly like an unknown one.
    if (!trajectoryId) throw itemUnknown();
    const id = uuidv7();
    await tx.insert(correctionRequests).values({
      orgId, id, trajectoryId, requestedBy: userId, itemKind: body.itemKind, itemId: body.itemId, requestedText: body.requestedText, explanation: body.explanation ?? null,
    });
    await recordActorAudit(tx, ctx, { subjectId: userId, action: 'create', resourceType: 'correction_request', resourceId: id });
    return id;
  });
  return (await listFor(ctx, { own: true, ids: [id] }))[0]!;
}

export async function requestPrivacy(ctx: ActorContext, body: TPrivacyRequestCreate): Promise<TRequestItem> {
  const { orgId, userId } = ctx.actor;
  const id = await ctx.db.withTenant(orgId, async (tx) => {
    const scopes = await scopesOfParent(tx, orgId, userId);
    const trajectoryId = scopes.flatMap((s) => s.trajectoryIds)[0];
    if (!trajectoryId) throw new AppError('privacy_no_family', 409);
    const id = uuidv7();
    await tx.insert(privacyRequests).values({ orgId, id, trajectoryId, requestedBy: userId, kind: body.kind, text: body.text });
    await recordActorAudit(tx, ctx, { subjectId: userId, action: 'create', resourceType: 'privacy_request', resourceId: id });
    return id;
  });
  return (await listFor(ctx, { own: true, ids: [id] }))[0]!;
}

// ---- lists

type Row = {
  id: string;
  type: 'correction' | 'objection' | 'erasure';
  trajectory_id: string;
  reference: string;
  status: 'open' | 'accepted' | 'rejected';
  item_kind: TCorrectableItem | null;
  item_id: string | null;
  requested_text: string;
  explanation: string | null;
  decision_note: string | null;
  previous_text: string | null;
  created_at: Date | string;
  decided_at: Date | string | null;
  location_id: string | null;
};

async function requestRows(tx: Executor, orgId: string, where: ReturnType<typeof sql>): Promise<Row[]> {
  return execRows<Row>(
    tx,
    sql`select * from (
          select c.id::text, 'correction' as type, c.trajectory_id::text, a.reference, c.status, c.item_kind, c.item_id::text, c.requested_text, c.explanation,
                 c.decision_note, c.previous_text, c.created_at, c.decided_at, t.location_id::text, c.requested_by
            from correction_requests c join trajectories t on t.org_id = c.org_id and t.id = c.trajectory_id
            join applications a on a.org_id = t.org_id and a.id = t.application_id where c.org_id = ${orgId}
          union all
          select p.id::text, p.kind, p.trajectory_id::text, a.reference, p.status, null, null, p.text, null,
                 p.decision_note, null, p.created_at, p.decided_at, t.location_id::text, p.requested_by
            from privacy_requests p join trajectories t on t.org_id = p.org_id and t.id = p.trajectory_id
            join applications a on a.org_id = t.org_id and a.id = t.application_id where p.org_id = ${orgId}
        ) r where ${where}
        order by (status = 'open') desc, created_at desc, id desc limit 200`,
  );
}

async function toItems(tx: Executor, orgId: string, rows: Row[], withCurrent: boolean): Promise<TRequestItem[]> {
  const out: TRequestItem[] = [];
  for (const r of rows) {
    const current = withCurrent && r.type === 'correction' && r.status === 'open' && r.item_kind && r.item_id ? await itemText(tx, orgId, r.trajectory_id, r.item_kind, r.item_id) : null;
    out.push({
      id: r.id,
      type: r.type,
      trajectoryId: r.trajectory_id,
      reference: r.reference,
      status: r.status,
      itemKind: r.item_kind,
      itemId: r.item_id,
      currentText: current,
      requestedText: r.requested_text,
      explanation: r.explanation,
      decisionNote: r.decision_note,
      previousText: r.previous_text,
      createdAt: new Date(r.created_at).toISOString(),
      decidedAt: r.decided_at ? new Date(r.decided_at).toISOString() : null,
    });
  }
  return out;
}

async function listFor(ctx: ActorContext, opts: { own: boolean; ids?: string[] }): Promise<TRequestItem[]> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const ids = opts.ids ? sql`id = any(${sql.param(opts.ids)}::text[])` : sql`true`;
    const rows = await requestRows(tx, orgId, sql`requested_by = ${userId}::uuid and ${ids}`);
    return toItems(tx, orgId, rows, false);
  });
}

/** The parent's own requests and their results. */
export async function myRequests(ctx: ActorContext): Promise<{ items: TRequestItem[] }> {
  return { items: await listFor(ctx, { own: true }) };
}

/** The coordinator's list: requests of families at their locations (admin: all), open first. */
export async function staffRequests(ctx: ActorContext): Promise<{ items: TRequestItem[] }> {
  const { orgId, role, locationIds } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const where = role === 'admin' ? sql`true` : sql`location_id = any(${sql.param(locationIds)}::text[])`;
    const items = await toItems(tx, orgId, await requestRows(tx, orgId, where), true);
    await recordActorAudit(tx, ctx, { action: 'list', resourceType: 'privacy_requests' });
    return { items };
  });
}

// ---- decisions

async function authorizeRequest(tx: Executor, ctx: ActorContext, trajectoryId: string): Promise<{ parentUserId: string | null }> {
  const [t] = await execRows<{ location_id: string | null; lead_volunteer_id: string; coach_user_id: string | null; parent_user_id: string | null; erased_at: unknown }>(
    tx,
    sql`select t.location_id::text, t.lead_volunteer_id::text, t.coach_user_id::text, a.parent_user_id::text, t.erased_at from trajectories t
          join applications a on a.org_id = t.org_id and a.id = t.application_id where t.org_id = ${ctx.actor.orgId} and t.id = ${trajectoryId}`,
  );
  if (!t) throw notFound();
  // Own locations (or coached families) only: no break-the-glass for deciding on someone's rights.
  const d = decide(ctx.actor, 'privacy.manage', { orgId: ctx.actor.orgId, locationIds: t.location_id ? [t.location_id] : [], assignedUserIds: t.coach_user_id ? [t.coach_user_id] : [] });
  if (!d.allowed) throw notFound();
  if (t.erased_at) throw new AppError('privacy_dossier_erased', 409);
  return { parentUserId: t.parent_user_id };
}

const noteRequired = () => validation([{ field: 'body.note', code: 'required', messageKey: 'field.privacy_note_required' }]);

export async function decideCorrection(ctx: ActorContext, id: string, body: TDecision): Promise<TRequestItem> {
  const { orgId, userId } = ctx.actor;
  if (body.decision === 'reject' && !body.note) throw noteRequired();
  const result = await ctx.db.withTenant(orgId, async (tx) => {
    const [req] = await tx.select().from(correctionRequests).where(and(eq(correctionRequests.orgId, orgId), eq(correctionRequests.id, id))).for('update');
    if (!req) throw notFound();
    const { parentUserId } = await authorizeRequest(tx, ctx, req.trajectoryId);
    if (req.status !== 'open') throw new AppError('privacy_request_decided', 409);
    let previous: string | null = null;
    if (body.decision === 'accept') {
      const kind = req.itemKind as TCorrectableItem;
      previous = kind === 'report' ? await applyReportCorrection(tx, orgId, req.itemId, req.requestedText, userId) : await applyCorrection(tx, orgId, kind as TrajectoryCorrectable, req.itemId, req.requestedText);
      if (previous === null) throw new AppError('not_found', 404);
    }
    await tx
      .update(correctionRequests)
      .set({ status: body.decision === 'accept' ? 'accepted' : 'rejected', decisionNote: body.note || null, decidedBy: userId, decidedAt: new Date(), previousText: previous })
      .where(and(eq(correctionRequests.orgId, orgId), eq(correctionRequests.id, id)));
    await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'update', resourceType: 'correction_request', resourceId: id });
    return (await toItems(tx, orgId, await requestRows(tx, orgId, sql`id = ${id}`), false))[0]!;
  });
  return result;
}

/**
 * Objection or erasure: the coordinator decides with a recorded note. An accepted erasure request
 * erases the family's dossier at once through the personal-data map, unless a legal hold is active
 * (then the decision is recorded and says so, and nothing is erased).
 */
export async function decidePrivacyRequest(ctx: ActorContext, id: string, body: TDecision): Promise<TRequestItem & { erased: boolean; held: boolean }> {
  const { orgId, userId } = ctx.actor;
  if (!body.note) throw noteRequired();
  const out = await ctx.db.withTenant(orgId, async (tx) => {
    const [req] = await tx.select().from(privacyRequests).where(and(eq(privacyRequests.orgId, orgId), eq(privacyRequests.id, id))).for('update');
    if (!req) throw notFound();
    const { parentUserId } = await authorizeRequest(tx, ctx, req.trajectoryId);
    if (req.status !== 'open') throw new AppError('privacy_request_decided', 409);
    let erased = false;
    let held = false;
    let note = body.note!;
    if (body.decision === 'accept' && req.kind === 'erasure') {
      const scope = await scopeOfTrajectory(tx, orgId, req.trajectoryId);
      // Record the decision first: erasure blanks the request texts but keeps the decision.
      await tx
        .update(privacyRequests)
        .set({ status: 'accepted', decisionNote: note, decidedBy: userId, decidedAt: new Date() })
        .where(and(eq(privacyRequests.orgId, orgId), eq(privacyRequests.id, id)));
      await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'update', resourceType: 'privacy_request', resourceId: id });
      const done = scope ? await eraseFamily(tx, orgId, scope, 'erasure_request') : null;
      if (done) {
        erased = true;
        await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'delete', resourceType: 'dossier', resourceId: req.trajectoryId, reason: 'erasure request accepted' });
      } else {
        held = true;
        note = `${note}\n\n[${ctx.actor.language === 'en' ? 'Not erased yet: a legal hold is active.' : 'Nog niet verwijderd: er geldt een bewaarplicht.'}]`;
        await tx.update(privacyRequests).set({ decisionNote: note }).where(and(eq(privacyRequests.orgId, orgId), eq(privacyRequests.id, id)));
      }
    } else {
      await tx
        .update(privacyRequests)
        .set({ status: body.decision === 'accept' ? 'accepted' : 'rejected', decisionNote: note, decidedBy: userId, decidedAt: new Date() })
        .where(and(eq(privacyRequests.orgId, orgId), eq(privacyRequests.id, id)));
      await recordActorAudit(tx, ctx, { subjectId: parentUserId, action: 'update', resourceType: 'privacy_request', resourceId: id });
    }
    const item = (await toItems(tx, orgId, await requestRows(tx, orgId, sql`id = ${id}`), false))[0]!;
    return { item, erased, held, parentUserId };
  });
  if (out.erased) await clearSignInDirectory(ctx.db, orgId, out.parentUserId);
  return { ...out.item, erased: out.erased, held: out.held };
}
