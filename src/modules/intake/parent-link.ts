// Issue 6: a parent's new account is linked to the family's application when the coordinator's
// invitation is accepted (the portal module registers this as the platform's acceptance hook).
import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/index.js';
import type { Executor } from '../../platform/db/index.js';
import { applications } from './tables.js';

/**
 * Sets applications.parent_user_id, in the caller's transaction (the accepting one, on the system
 * path: every statement names the organisation). An application that already has a parent account
 * keeps it (false); the coordinator's invitation refused that case already.
 */
export async function linkParentAccount(tx: Executor, orgId: string, applicationId: string, userId: string): Promise<boolean> {
  const done = await tx
    .update(applications)
    .set({ parentUserId: userId, updatedAt: new Date() })
    .where(and(eq(applications.orgId, orgId), eq(applications.id, applicationId), isNull(applications.parentUserId)))
    .returning({ id: applications.id });
  await recordAudit(tx, {
    orgId,
    actorUserId: userId,
    actorRole: 'parent',
    subjectId: userId,
    action: 'update',
    resourceType: 'application',
    resourceId: applicationId,
    reason: done.length ? 'parent_account_linked' : 'parent_account_not_linked_already_has_one',
  });
  return done.length === 1;
}
