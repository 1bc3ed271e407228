import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { lookupLogin } from '../../platform/auth/accounts.js';
import { randomToken, sha256 } from '../../platform/auth/sessions.js';
import { invitations } from '../../platform/auth/tables.js';
import type { Executor } from '../../platform/db/index.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeCursor, encodeCursor, pageOf } from '../../platform/http/pagination.js';
import { t } from '../../platform/i18n/index.js';
import type { TInvitation, TInviteUserRequest } from '../../shared/users.js';
import { getOrganisationName } from '../organisations/public.js';
import { recordActorAudit as audit } from '../../platform/audit/actor.js';
import { checkRoleScope } from './service.js';

/** Issue 3: an invitation link is single use and valid for 72 hours. */
export const INVITATION_TTL_HOURS = 72;

const emailTaken = () => new AppError('email_taken', 409);

const columns = {
  id: invitations.id,
  email: invitations.email,
  displayName: invitations.displayName,
  role: invitations.role,
  locationIds: invitations.locationIds,
  funderMunicipalityCode: invitations.funderMunicipalityCode,
  expiresAt: invitations.expiresAt,
  createdAt: invitations.createdAt,
};
type Row = { id: string; email: string; displayName: string; role: TInvitation['role']; locationIds: string[]; funderMunicipalityCode: string | null; expiresAt: Date; createdAt: Date };

function toInvitation(r: Row, now = Date.now()): TInvitation {
  return {
    id: r.id,
    email: r.email,
    displayName: r.displayName,
    role: r.role,
    locationIds: r.locationIds ?? [],
    funderMunicipalityCode: r.funderMunicipalityCode,
    expiresAt: r.expiresAt.toISOString(),
    createdAt: r.createdAt.toISOString(),
    status: r.expiresAt.getTime() > now ? 'pending' : 'expired',
  };
}

const open = and(isNull(invitations.acceptedAt), isNull(invitations.revokedAt));

/** Sign-in addresses are unique across organisations; only the platform's system path sees the directory. */
async function assertNoAccount(ctx: ActorContext, email: string): Promise<void> {
  if (await ctx.db.withSystem((tx) => lookupLogin(tx, email))) throw emailTaken();
}

/** Dutch first, then English; the greeting name is the only personal detail in it. */
async function sendInvitationMail(tx: Executor, ctx: ActorContext, to: { email: string; displayName: string }, token: string): Promise<void> {
  const org = (await getOrganisationName(tx, ctx.actor.orgId)) ?? 'Naast';
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/invitation#token=${ctx.actor.orgId}.${token}`;
  const params = { name: to.displayName, org, link, hours: INVITATION_TTL_HOURS };
  await ctx.mailer.send({
    to: to.email,
    subject: `${t('nl', 'mail.invitation.subject')} | ${t('en', 'mail.invitation.subject')}`,
    text: `${t('nl', 'mail.invitation.body', params)}\n\n---\n\n${t('en', 'mail.invitation.body', params)}\n`,
  });
}

/**
 * Creates an invitation and mails its link. The mail is sent inside the transaction: if it cannot
 * be sent, no invitation is left behind that nobody received.
 */
export async function inviteUser(ctx: ActorContext, body: TInviteUserRequest): Promise<TInvitation> {
  const { orgId, userId } = ctx.actor;
  await assertNoAccount(ctx, body.email);
  return ctx.db.withTenant(orgId, async (tx) => {
    const funderCode = await checkRoleScope(tx, orgId, { role: body.role, locationIds: body.locationIds, funderMunicipalityCode: body.funderMunicipalityCode });
    const same = and(eq(invitations.orgId, orgId), sql`lower(${invitations.email}) = lower(${body.email})`, open);
    const [pending] = await tx.select({ id: invitations.id }).from(invitations).where(and(same, gt(invitations.expiresAt, new Date()))).limit(1);
    if (pending) throw emailTaken();
    // Expired invitations for this address are replaced by the new one.
    await tx.update(invitations).set({ revokedAt: new Date() }).where(and(same, lte(invitations.expiresAt, new Date())));

    const id = uuidv7();
    const token = randomToken();
    const [row] = await tx
      .insert(invitations)
      .values({
        orgId,
        id,
        email: body.email,
        displayName: body.displayName,
        role: body.role,
        locationIds: [...new Set(body.locationIds)],
        funderMunicipalityCode: funderCode,
        tokenHash: sha256(token),
        invitedBy: userId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3600 * 1000),
      })
      .returning(columns);
    await audit(tx, ctx, { action: 'create', resourceType: 'invitation', resourceId: id });
    await sendInvitationMail(tx, ctx, body, token);
    return toInvitation(row!);
  });
}

/** Invitations not yet accepted or revoked (pending and expired), oldest first. */
export async function listInvitations(ctx: ActorContext, q: { cursor?: string; limit: number }): Promise<{ items: TInvitation[]; nextCursor: string | null }> {
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  return ctx.db.withTenant(ctx.actor.orgId, async (tx) => {
    const rows = await tx
      .select(columns)
      .from(invitations)
      .where(and(eq(invitations.orgId, ctx.actor.orgId), open, after ? gt(invitations.id, after) : undefined))
      .orderBy(asc(invitations.id))
      .limit(q.limit + 1);
    await audit(tx, ctx, { action: 'list', resourceType: 'invitation' });
    const page = pageOf(rows, q.limit, (last) => encodeCursor([last.id]));
    return { items: page.items.map((r) => toInvitation(r)), nextCursor: page.nextCursor };
  });
}

/** The link stops working at once. Accepted or already revoked invitations are not found. */
export async function revokeInvitation(ctx: ActorContext, id: string): Promise<void> {
  const { orgId } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    const done = await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, id), open))
      .returning({ id: invitations.id });
    if (!done.length) throw notFound();
    await audit(tx, ctx, { action: 'delete', resourceType: 'invitation', resourceId: id });
  });
}

/** A new link (the old one stops working) and a new 72 hours. */
export async function resendInvitation(ctx: ActorContext, id: string): Promise<TInvitation> {
  const { orgId } = ctx.actor;
  const where = and(eq(invitations.orgId, orgId), eq(invitations.id, id), open);
  // The address must be read first: the directory check runs on the system path, which cannot nest in a tenant transaction.
  const [current] = await ctx.db.withTenant(orgId, (tx) => tx.select({ email: invitations.email }).from(invitations).where(where));
  if (!current) throw notFound();
  await assertNoAccount(ctx, current.email);
  return ctx.db.withTenant(orgId, async (tx) => {
    const token = randomToken();
    const [row] = await tx
      .update(invitations)
      .set({ tokenHash: sha256(token), expiresAt: new Date(Date.now() + INVITATION_TTL_HOURS * 3600 * 1000) })
      .where(where)
      .returning(columns);
    if (!row) throw notFound();
    await audit(tx, ctx, { action: 'update', resourceType: 'invitation', resourceId: id });
    await sendInvitationMail(tx, ctx, row, token);
    return toInvitation(row);
  });
}
