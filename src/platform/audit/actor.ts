import type { Executor } from '../db/index.js';
import type { ActorContext } from '../http/context.js';
import { recordAudit, type AuditEntry } from './index.js';

type ActorFields = 'orgId' | 'actorUserId' | 'actorRole' | 'ip' | 'userAgent';

/** Who acts, from where: the fields every audit event of a signed-in request carries. */
export function actorAudit(ctx: ActorContext): Pick<AuditEntry, ActorFields> {
  return { orgId: ctx.actor.orgId, actorUserId: ctx.actor.userId, actorRole: ctx.actor.role, ip: ctx.ip, userAgent: ctx.userAgent };
}

/** recordAudit for a signed-in request: the caller says only what happened (and the break-the-glass reason, if any). */
export function recordActorAudit(tx: Executor, ctx: ActorContext, e: Omit<AuditEntry, ActorFields>): Promise<void> {
  return recordAudit(tx, { ...e, ...actorAudit(ctx) });
}
