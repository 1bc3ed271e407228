import { and, desc, eq, lt, or, sql, type SQL } from 'drizzle-orm';
import type { TActivityItem } from '../../shared/auth.js';
import { recordAudit } from '../../platform/audit/index.js';
import { actorAudit } from '../../platform/audit/actor.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { users } from '../../platform/auth/tables.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeTimeCursor, encodeTimeCursor, pageOf } from '../../platform/http/pagination.js';

function auditSelf(ctx: ActorContext, e: { action: 'read' | 'update'; resourceType: string }) {
  return { ...actorAudit(ctx), subjectId: ctx.actor.userId, resourceId: ctx.actor.userId, ...e };
}

/** PATCH /me: name and language (the language follows the person to every device). */
export async function updateProfile(ctx: ActorContext, input: { displayName?: string; language?: 'nl' | 'en' }) {
  const { orgId, userId } = ctx.actor;
  return ctx.db.withTenant(orgId, async (tx) => {
    const changes: Partial<typeof users.$inferInsert> = {};
    if (input.displayName !== undefined) changes.displayName = input.displayName;
    if (input.language !== undefined) changes.language = input.language;
    if (Object.keys(changes).length) {
      await tx.update(users).set({ ...changes, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
      await recordAudit(tx, auditSelf(ctx, { action: 'update', resourceType: 'user' }));
    }
    const [row] = await tx.select({ displayName: users.displayName, language: users.language }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    return { displayName: row!.displayName, language: row!.language === 'en' ? ('en' as const) : ('nl' as const) };
  });
}

/**
 * GET /me/activity: who did what with my data, newest first. Parents own their data and may see
 * who looked at it. The person's own look-ups are left out (they are not news to them).
 */
export async function listActivity(ctx: ActorContext, q: { cursor?: string; limit: number }): Promise<{ items: TActivityItem[]; nextCursor: string | null }> {
  const { orgId, userId } = ctx.actor;
  const after = q.cursor ? decodeTimeCursor(q.cursor) : undefined;
  return ctx.db.withTenant(orgId, async (tx) => {
    const conditions: SQL[] = [
      eq(auditEvents.orgId, orgId),
      eq(auditEvents.subjectId, userId),
      sql`(${auditEvents.actorUserId} is distinct from ${userId} or ${auditEvents.action} not in ('read', 'list', 'search'))`,
    ];
    if (after) conditions.push(or(lt(auditEvents.occurredAt, after.at), and(eq(auditEvents.occurredAt, after.at), lt(auditEvents.id, after.id)))!);
    const rows = await tx
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        actorUserId: auditEvents.actorUserId,
        actorRole: auditEvents.actorRole,
        actorName: users.displayName,
        action: auditEvents.action,
        resourceType: auditEvents.resourceType,
      })
      .from(auditEvents)
      .leftJoin(users, and(eq(users.orgId, auditEvents.orgId), eq(users.id, auditEvents.actorUserId)))
      .where(and(...conditions))
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(q.limit + 1);
    const page = pageOf(rows, q.limit, (last) => encodeTimeCursor(last.occurredAt, last.id));
    await recordAudit(tx, auditSelf(ctx, { action: 'read', resourceType: 'activity' }));
    return {
      items: page.items.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        actorName: r.actorName ?? null,
        actorRole: r.actorRole,
        byMe: r.actorUserId === userId,
        action: r.action,
        resourceType: r.resourceType,
      })),
      nextCursor: page.nextCursor,
    };
  });
}

