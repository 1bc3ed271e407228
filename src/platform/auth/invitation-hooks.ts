import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { uuidv7 } from '../db/ids.js';
import { randomToken, sha256 } from './sessions.js';
import { invitations, type Role } from './tables.js';

/**
 * Issue 6: what a new account is linked to once its invitation is accepted. The invitation carries a
 * `link_ref` such as `application:<uuid>`; platform code does not know modules, so the owning module
 * registers a hook for the prefix (from its index.ts). Hooks run inside the accepting transaction (the
 * system path: every statement must name the organisation): a failing hook undoes the acceptance.
 */
export type InvitationAcceptedHook = (tx: Executor, e: { orgId: string; userId: string; ref: string; invitationId: string }) => Promise<void>;

const hooks = new Map<string, InvitationAcceptedHook>();

/** Registers the hook for `prefix:` references (one per prefix; a second registration replaces the first, e.g. in tests). */
export function onInvitationAccepted(prefix: string, hook: InvitationAcceptedHook): void {
  hooks.set(prefix, hook);
}

/** Called by acceptInvitation in its transaction. A reference without a hook is left alone. */
export async function runInvitationHooks(tx: Executor, e: { orgId: string; userId: string; linkRef: string | null; invitationId: string }): Promise<void> {
  if (!e.linkRef) return;
  const at = e.linkRef.indexOf(':');
  if (at <= 0) return;
  const hook = hooks.get(e.linkRef.slice(0, at));
  if (hook) await hook(tx, { orgId: e.orgId, userId: e.userId, ref: e.linkRef.slice(at + 1), invitationId: e.invitationId });
}

export const INVITATION_TTL_MS = 72 * 3600 * 1000;

/**
 * A new invitation for a module (parent invitations): revokes open invitations with the same link
 * reference (only the newest link works), stores only the token's hash and returns the token to mail.
 * null when the address has another open invitation (not this reference). Runs in the caller's tenant transaction.
 */
export async function issueLinkedInvitation(
  tx: Executor,
  input: { orgId: string; email: string; displayName: string; role: Role; linkRef: string; invitedBy: string },
): Promise<{ id: string; token: string; expiresAt: Date } | null> {
  const now = new Date();
  // Another open invitation for this address (a colleague's, or another family's) is not ours to replace.
  const [other] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, input.orgId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        sql`${invitations.expiresAt} > now()`,
        sql`lower(${invitations.email}) = lower(${input.email})`,
        sql`${invitations.linkRef} is distinct from ${input.linkRef}`,
      ),
    )
    .limit(1);
  if (other) return null;
  await tx
    .update(invitations)
    .set({ revokedAt: now })
    .where(and(eq(invitations.orgId, input.orgId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), eq(invitations.linkRef, input.linkRef)));
  const id = uuidv7();
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await tx.insert(invitations).values({
    orgId: input.orgId,
    id,
    email: input.email.trim(),
    displayName: input.displayName,
    role: input.role,
    linkRef: input.linkRef,
    tokenHash: sha256(token),
    invitedBy: input.invitedBy,
    expiresAt,
  });
  return { id, token, expiresAt };
}

/** The newest invitation with this link reference: open (pending), expired, accepted or none. */
export async function linkedInvitationStatus(tx: Executor, orgId: string, linkRef: string): Promise<{ status: 'pending' | 'expired' | 'accepted'; email: string; createdAt: Date; expiresAt: Date } | null> {
  const [row] = await tx
    .select({ email: invitations.email, acceptedAt: invitations.acceptedAt, expiresAt: invitations.expiresAt, createdAt: invitations.createdAt, live: sql<boolean>`${invitations.expiresAt} > now()` })
    .from(invitations)
    .where(and(eq(invitations.orgId, orgId), eq(invitations.linkRef, linkRef), isNull(invitations.revokedAt)))
    .orderBy(sql`${invitations.createdAt} desc`)
    .limit(1);
  if (!row) return null;
  return { status: row.acceptedAt ? 'accepted' : row.live ? 'pending' : 'expired', email: row.email, createdAt: row.createdAt, expiresAt: row.expiresAt };
}
