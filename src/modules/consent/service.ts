import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { recordActorAudit } from '../../platform/audit/actor.js';
import type { AuditAction } from '../../platform/audit/index.js';
import { users } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import type { ActorContext } from '../../platform/http/context.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import { authorize } from '../../platform/policy/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import {
  CONSENT_MESSAGES,
  consentStatus,
  type TConsent,
  type TConsentCategory,
  type TConsentRecipient,
  type TConsentRequest,
  type TConsentShare,
  type TMyConsents,
  type TRecipientKind,
  type TRecipientRequest,
  type TRevokeRequest,
  type TStaffConsentRequest,
  type TStaffRevokeRequest,
} from '../../shared/consent.js';
// The trajectory's one access rule (load, then the policy) and the parent of a trajectory, through its public.ts.
import { assertOpen, parentUserIdsOf, trajectoriesOfParent, trajectoryFor, type TrajectoryRow } from '../trajectories/public.js';
import './register-messages.js';
import { consentRecipients, consents, shares } from './tables.js';

/**
 * The consent register (toestemmingen, issue 6). A parent gives and withdraws consents in the portal;
 * staff record one the parent gave in person (with a note of the conversation) and may withdraw one on
 * the parent's instruction. History is never deleted: the table's trigger refuses DELETE and any UPDATE
 * other than one withdrawal. Every read and change is audited with the parent as subject.
 * The sharing gate (gate.ts) reads the same tables; `activeConsents` serves it and the screens.
 */

const today = () => amsterdamDate(new Date());
const iso = (d: Date | string) => new Date(d).toISOString();

function audit(tx: Executor, ctx: ActorContext, e: { action: AuditAction; resourceType: 'consent' | 'consent_recipient'; resourceId: string; subjectId: string | null; reason?: string | null }) {
  return recordActorAudit(tx, ctx, { action: e.action, resourceType: e.resourceType, resourceId: e.resourceId, subjectId: e.subjectId, reason: e.reason ?? null });
}

/** The trigger's refusal (P0001) or a CHECK that slipped past validation, as a clean problem. */
function guardError(err: unknown): unknown {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  const code = (err as { code?: unknown } | undefined)?.code ?? cause?.code;
  if (code === 'P0001') return new AppError('consent_history_kept', 409);
  return err;
}

const unknownRecipient = () =>
  new AppError('validation', 422, {}, [{ field: 'body.recipientId', code: 'unknown_recipient', messageKey: CONSENT_MESSAGES.unknownRecipient }]);

// ---- reading -----------------------------------------------------------------------------------

const recipientColumns = {
  id: consentRecipients.id,
  trajectoryId: consentRecipients.trajectoryId,
  kind: consentRecipients.kind,
  name: consentRecipients.name,
  organisation: consentRecipients.organisation,
  email: consentRecipients.email,
  createdAt: consentRecipients.createdAt,
};
type RecipientRow = { id: string; trajectoryId: string; kind: string; name: string; organisation: string | null; email: string | null; createdAt: Date };

const toRecipient = (r: RecipientRow): TConsentRecipient => ({
  id: r.id,
  trajectoryId: r.trajectoryId,
  kind: r.kind as TRecipientKind,
  name: r.name,
  organisation: r.organisation,
  email: r.email,
  createdAt: iso(r.createdAt),
});

const idList = (ids: readonly string[]) => sql`${sql.param([...new Set(ids)])}::uuid[]`;

async function recipientsOf(tx: Executor, orgId: string, trajectoryIds: readonly string[]): Promise<TConsentRecipient[]> {
  if (!trajectoryIds.length) return [];
  const rows = await tx
    .select(recipientColumns)
    .from(consentRecipients)
    .where(and(eq(consentRecipients.orgId, orgId), sql`${consentRecipients.trajectoryId} = any(${idList(trajectoryIds)})`))
    .orderBy(asc(consentRecipients.name), asc(consentRecipients.id));
  return rows.map(toRecipient);
}

/**
 * The consents of these trajectories with recipient, who recorded and withdrew them, and the shares
 * made with each: four statements for any number of consents. Active first, then future, then the
 * history (withdrawn or expired), each newest first.
 */
async function consentsOf(tx: Executor, orgId: string, trajectoryIds: readonly string[], opts: { consentId?: string } = {}): Promise<TConsent[]> {
  if (!trajectoryIds.length) return [];
  const rows = await tx
    .select()
    .from(consents)
    .where(
      and(
        eq(consents.orgId, orgId),
        sql`${consents.trajectoryId} = any(${idList(trajectoryIds)})`,
        opts.consentId ? eq(consents.id, opts.consentId) : undefined,
      ),
    )
    .orderBy(desc(consents.createdAt), desc(consents.id));
  if (!rows.length) return [];
  const recipientIds = rows.map((r) => r.recipientId);
  const peopleIds = rows.flatMap((r) => [r.recordedBy, ...(r.revokedBy ? [r.revokedBy] : [])]);
  // One after the other: a transaction is one connection.
  const recipientRows = await tx
    .select(recipientColumns)
    .from(consentRecipients)
    .where(and(eq(consentRecipients.orgId, orgId), sql`${consentRecipients.id} = any(${idList(recipientIds)})`));
  const people = await tx
    .select({ id: users.id, name: users.displayName, role: users.role })
    .from(users)
    .where(and(eq(users.orgId, orgId), sql`${users.id} = any(${idList(peopleIds)})`));
  const shareRows = await tx
    .select({ id: shares.id, consentId: shares.consentId, category: shares.category, resourceType: shares.resourceType, channel: shares.channel, sharedAt: shares.sharedAt, openedAt: shares.openedAt })
    .from(shares)
    .where(and(eq(shares.orgId, orgId), sql`${shares.consentId} = any(${idList(rows.map((r) => r.id))})`))
    .orderBy(desc(shares.sharedAt), desc(shares.id));
  const recipients = new Map(recipientRows.map((r) => [r.id, toRecipient(r)]));
  const who = new Map(people.map((p) => [p.id, { name: p.name, role: p.role }]));
  const sharesBy = new Map<string, TConsentShare[]>();
  for (const s of shareRows) {
    const list = sharesBy.get(s.consentId) ?? [];
    list.push({ id: s.id, category: s.category, resourceType: s.resourceType, channel: s.channel, sharedAt: iso(s.sharedAt), openedAt: s.openedAt ? iso(s.openedAt) : null });
    sharesBy.set(s.consentId, list);
  }
  const day = today();
  const order: Record<TConsent['status'], number> = { active: 0, future: 1, revoked: 2, expired: 2 };
  const out = rows.map((r): TConsent => {
    const revokedAt = r.revokedAt ? iso(r.revokedAt) : null;
    return {
      id: r.id,
      trajectoryId: r.trajectoryId,
      recipient: recipients.get(r.recipientId)!,
      purpose: r.purpose,
      categories: r.categories as TConsentCategory[],
      validFrom: r.validFrom,
      validUntil: r.validUntil,
      status: consentStatus({ validFrom: r.validFrom, validUntil: r.validUntil, revokedAt }, day),
      givenVia: r.givenVia as TConsent['givenVia'],
      staffNote: r.staffNote,
      recordedBy: who.get(r.recordedBy) ?? { name: '', role: '' },
      createdAt: iso(r.createdAt),
      revokedAt,
      revokedBy: r.revokedBy ? (who.get(r.revokedBy) ?? { name: '', role: '' }) : null,
      revokeNote: r.revokeNote,
      shares: sharesBy.get(r.id) ?? [],
    };
  });
  // Stable: within a status group the newest stays first.
  return out.map((c, i) => ({ c, i })).sort((a, b) => order[a.c.status] - order[b.c.status] || a.i - b.i).map((x) => x.c);
}

export interface ActiveConsent {
  id: string;
  trajectoryId: string;
  purpose: string;
  categories: TConsentCategory[];
  validFrom: string;
  validUntil: string;
  recipient: { id: string; kind: TRecipientKind; name: string; organisation: string | null; email: string | null };
}

/**
 * The consents of a trajectory that allow sharing on `today` (yyyy-mm-dd, Amsterdam): not withdrawn and
 * valid_from <= today <= valid_until, with their recipient. One statement; no audit (the caller audits).
 */
export async function activeConsents(tx: Executor, orgId: string, trajectoryId: string, day: string = today()): Promise<ActiveConsent[]> {
  const rows = await tx
    .select({
      id: consents.id,
      trajectoryId: consents.trajectoryId,
      purpose: consents.purpose,
      categories: consents.categories,
      validFrom: consents.validFrom,
      validUntil: consents.validUntil,
      rId: consentRecipients.id,
      rKind: consentRecipients.kind,
      rName: consentRecipients.name,
      rOrganisation: consentRecipients.organisation,
      rEmail: consentRecipients.email,
    })
    .from(consents)
    .innerJoin(consentRecipients, and(eq(consentRecipients.orgId, consents.orgId), eq(consentRecipients.id, consents.recipientId)))
    .where(
      and(
        eq(consents.orgId, orgId),
        eq(consents.trajectoryId, trajectoryId),
        sql`${consents.revokedAt} is null`,
        sql`${consents.validFrom} <= ${day}::date`,
        sql`${consents.validUntil} >= ${day}::date`,
      ),
    )
    .orderBy(asc(consents.validUntil), asc(consents.id));
  return rows.map((r) => ({
    id: r.id,
    trajectoryId: r.trajectoryId,
    purpose: r.purpose,
    categories: r.categories as TConsentCategory[],
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    recipient: { id: r.rId, kind: r.rKind as TRecipientKind, name: r.rName, organisation: r.rOrganisation, email: r.rEmail },
  }));
}

// ---- writing (shared by the parent's and the staff routes) ------------------------------------

async function insertRecipient(tx: Executor, ctx: ActorContext, trajectoryId: string, body: TRecipientRequest): Promise<TConsentRecipient> {
  const [row] = await tx
    .insert(consentRecipients)
    .values({
      orgId: ctx.actor.orgId,
      id: uuidv7(),
      trajectoryId,
      kind: body.kind,
      name: body.name,
      organisation: body.organisation ?? null,
      email: body.email ?? null,
      createdBy: ctx.actor.userId,
    })
    .returning(recipientColumns);
  return toRecipient(row!);
}

async function insertConsent(
  tx: Executor,
  ctx: ActorContext,
  trajectoryId: string,
  body: TConsentRequest & { staffNote?: string },
  givenVia: 'portal' | 'staff',
): Promise<string> {
  const { orgId } = ctx.actor;
  // The recipient must belong to this trajectory: another family's (or an unknown) id is a field error, not the FK's 500.
  const [recipient] = await tx
    .select({ id: consentRecipients.id })
    .from(consentRecipients)
    .where(and(eq(consentRecipients.orgId, orgId), eq(consentRecipients.id, body.recipientId), eq(consentRecipients.trajectoryId, trajectoryId)));
  if (!recipient) throw unknownRecipient();
  const id = uuidv7();
  await tx.insert(consents).values({
    orgId,
    id,
    trajectoryId,
    recipientId: body.recipientId,
    purpose: body.purpose,
    categories: [...body.categories],
    validFrom: body.validFrom,
    validUntil: body.validUntil,
    givenVia,
    staffNote: givenVia === 'staff' ? (body.staffNote ?? null) : null,
    recordedBy: ctx.actor.userId,
  });
  return id;
}

/** Withdraw once: a second time is 409; the trigger guards the rest of the row. */
async function revokeRow(tx: Executor, ctx: ActorContext, row: { id: string; revokedAt: Date | null }, note: string | null): Promise<void> {
  if (row.revokedAt) throw new AppError('consent_already_revoked', 409);
  try {
    await tx
      .update(consents)
      .set({ revokedAt: new Date(), revokedBy: ctx.actor.userId, revokeNote: note })
      .where(and(eq(consents.orgId, ctx.actor.orgId), eq(consents.id, row.id)));
  } catch (err) {
    throw guardError(err);
  }
}

async function lockConsent(tx: Executor, orgId: string, consentId: string) {
  const [row] = await tx
    .select({ id: consents.id, trajectoryId: consents.trajectoryId, revokedAt: consents.revokedAt })
    .from(consents)
    .where(and(eq(consents.orgId, orgId), eq(consents.id, consentId)))
    .for('update');
  return row ?? null;
}

async function oneConsent(tx: Executor, orgId: string, trajectoryId: string, consentId: string): Promise<TConsent> {
  const [c] = await consentsOf(tx, orgId, [trajectoryId], { consentId });
  if (!c) throw notFound();
  return c;
}

// ---- the parent (consent.own: only their own families) ----------------------------------------

async function parentScope(ctx: ActorContext, tx: Executor): Promise<{ ids: string[]; current: { id: string; phase: string } | null }> {
  const { orgId, userId } = ctx.actor;
  authorize(ctx.actor, 'consent.own', { orgId, subjectUserId: userId });
  const list = await trajectoriesOfParent(tx, orgId, userId);
  return { ids: list.map((t) => t.id), current: list[0] ? { id: list[0].id, phase: list[0].phase } : null };
}

/** The trajectory a parent's new recipient or consent goes to: their current one, open. */
function currentOpen(scope: { current: { id: string; phase: string } | null }): string {
  if (!scope.current) throw new AppError('consent_no_trajectory', 409);
  if (scope.current.phase === 'ended') throw new AppError('trajectory_ended', 409);
  return scope.current.id;
}

export async function myConsents(ctx: ActorContext): Promise<TMyConsents> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const scope = await parentScope(ctx, tx);
    const recipients = await recipientsOf(tx, orgId, scope.ids);
    const list = await consentsOf(tx, orgId, scope.ids);
    await audit(tx, ctx, { action: 'list', resourceType: 'consent', resourceId: userId, subjectId: userId });
    return {
      trajectoryId: scope.current && scope.current.phase !== 'ended' ? scope.current.id : null,
      // The form offers the current trajectory's recipients; older ones stay visible in the history.
      recipients: recipients.filter((r) => r.trajectoryId === scope.current?.id),
      consents: list,
    };
  });
}

export async function myAddRecipient(ctx: ActorContext, body: TRecipientRequest): Promise<TConsentRecipient> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const trajectoryId = currentOpen(await parentScope(ctx, tx));
    const r = await insertRecipient(tx, ctx, trajectoryId, body);
    await audit(tx, ctx, { action: 'create', resourceType: 'consent_recipient', resourceId: r.id, subjectId: userId });
    return r;
  });
}

export async function myGiveConsent(ctx: ActorContext, body: TConsentRequest): Promise<TConsent> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const trajectoryId = currentOpen(await parentScope(ctx, tx));
    const id = await insertConsent(tx, ctx, trajectoryId, body, 'portal');
    await audit(tx, ctx, { action: 'create', resourceType: 'consent', resourceId: id, subjectId: userId });
    return oneConsent(tx, orgId, trajectoryId, id);
  });
}

/** A parent withdraws one of their own consents (any of their trajectories, also an ended one); another family's reads as 404. */
export async function myRevoke(ctx: ActorContext, consentId: string, body: TRevokeRequest): Promise<TConsent> {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const scope = await parentScope(ctx, tx);
    const row = await lockConsent(tx, orgId, consentId);
    if (!row || !scope.ids.includes(row.trajectoryId)) throw notFound();
    await revokeRow(tx, ctx, row, body.note ?? null);
    await audit(tx, ctx, { action: 'update', resourceType: 'consent', resourceId: consentId, subjectId: userId });
    return oneConsent(tx, orgId, row.trajectoryId, consentId);
  });
}

// ---- staff (consent.read to list, consent.record to add and withdraw) -------------------------

interface Opened {
  row: TrajectoryRow;
  auditReason: string | null;
  parentUserId: string | null;
}

async function openStaff(ctx: ActorContext, tx: Executor, trajectoryId: string, write: boolean, reason: string | undefined): Promise<Opened> {
  const { row, auditReason } = await trajectoryFor(ctx, tx, trajectoryId, write ? 'trajectories.write' : 'trajectories.read', { reason, lock: write });
  const parentUserId = (await parentUserIdsOf(tx, row.orgId, [row.id])).get(row.id) ?? null;
  return { row, auditReason, parentUserId };
}

export async function listRecipients(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TConsentRecipient[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openStaff(ctx, tx, trajectoryId, false, reason);
    const items = await recipientsOf(tx, ctx.actor.orgId, [trajectoryId]);
    await audit(tx, ctx, { action: 'list', resourceType: 'consent_recipient', resourceId: trajectoryId, subjectId: o.parentUserId, reason: o.auditReason });
    return { items };
  });
}

export async function addRecipient(ctx: ActorContext, trajectoryId: string, body: TRecipientRequest, reason?: string): Promise<TConsentRecipient> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openStaff(ctx, tx, trajectoryId, true, reason);
    assertOpen(o.row);
    const r = await insertRecipient(tx, ctx, trajectoryId, body);
    await audit(tx, ctx, { action: 'create', resourceType: 'consent_recipient', resourceId: r.id, subjectId: o.parentUserId, reason: o.auditReason });
    return r;
  });
}

export async function listConsents(ctx: ActorContext, trajectoryId: string, reason?: string): Promise<{ items: TConsent[] }> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openStaff(ctx, tx, trajectoryId, false, reason);
    const items = await consentsOf(tx, ctx.actor.orgId, [trajectoryId]);
    await audit(tx, ctx, { action: 'list', resourceType: 'consent', resourceId: trajectoryId, subjectId: o.parentUserId, reason: o.auditReason });
    return { items };
  });
}

/** Staff record a consent the parent gave in person; the note of that conversation is required. */
export async function recordConsent(ctx: ActorContext, trajectoryId: string, body: TStaffConsentRequest, reason?: string): Promise<TConsent> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openStaff(ctx, tx, trajectoryId, true, reason);
    assertOpen(o.row);
    const id = await insertConsent(tx, ctx, trajectoryId, body, 'staff');
    await audit(tx, ctx, { action: 'create', resourceType: 'consent', resourceId: id, subjectId: o.parentUserId, reason: o.auditReason });
    return oneConsent(tx, ctx.actor.orgId, trajectoryId, id);
  });
}

/** Staff withdraw a consent on the parent's instruction (also after the trajectory ended), saying so in the note. */
export async function revokeConsent(ctx: ActorContext, trajectoryId: string, consentId: string, body: TStaffRevokeRequest, reason?: string): Promise<TConsent> {
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const o = await openStaff(ctx, tx, trajectoryId, true, reason);
    const row = await lockConsent(tx, ctx.actor.orgId, consentId);
    if (!row || row.trajectoryId !== trajectoryId) throw notFound();
    await revokeRow(tx, ctx, row, body.note);
    await audit(tx, ctx, { action: 'update', resourceType: 'consent', resourceId: consentId, subjectId: o.parentUserId, reason: o.auditReason });
    return oneConsent(tx, ctx.actor.orgId, trajectoryId, consentId);
  });
}
