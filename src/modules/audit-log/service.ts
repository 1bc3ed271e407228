import { and, desc, eq, gte, lt, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../platform/audit/index.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { users } from '../../platform/auth/tables.js';
import { validation } from '../../platform/http/errors.js';
import type { ActorContext } from '../../platform/http/context.js';
import { decodeTimeCursor, encodeTimeCursor, pageOf } from '../../platform/http/pagination.js';
import type { TAuditEvent, TAuditEventsQuery } from '../../shared/audit.js';
import './messages.js';

const actors = alias(users, 'actor');
const subjects = alias(users, 'subject');

/**
 * The organisation's audit trail (admins). Reading it is itself an event: it shows who accessed
 * whose data, and the names of the people involved.
 */
export async function listAuditEvents(ctx: ActorContext, q: TAuditEventsQuery): Promise<{ items: TAuditEvent[]; nextCursor: string | null }> {
  const { orgId } = ctx.actor;
  const after = q.cursor ? decodeTimeCursor(q.cursor) : undefined;
  const from = q.from ? new Date(q.from) : undefined;
  const to = q.to ? new Date(q.to) : undefined;
  if (from && to && to <= from) throw validation([{ field: 'querystring.to', code: 'range_reversed', messageKey: 'field.range_reversed' }]);
  return ctx.db.withTenant(orgId, async (tx) => {
    const rows = await tx
      .select({
        id: auditEvents.id,
        occurredAt: auditEvents.occurredAt,
        actorUserId: auditEvents.actorUserId,
        actorRole: auditEvents.actorRole,
        actorName: actors.displayName,
        subjectId: auditEvents.subjectId,
        subjectName: subjects.displayName,
        onBehalfOf: auditEvents.onBehalfOf,
        action: auditEvents.action,
        resourceType: auditEvents.resourceType,
        resourceId: auditEvents.resourceId,
        ip: auditEvents.ip,
        userAgent: auditEvents.userAgent,
        reason: auditEvents.reason,
      })
      .from(auditEvents)
      .leftJoin(actors, and(eq(actors.orgId, auditEvents.orgId), eq(actors.id, auditEvents.actorUserId)))
      .leftJoin(subjects, and(eq(subjects.orgId, auditEvents.orgId), eq(subjects.id, auditEvents.subjectId)))
      .where(
        and(
          eq(auditEvents.orgId, orgId),
          q.subjectId ? eq(auditEvents.subjectId, q.subjectId) : undefined,
          q.actorUserId ? eq(auditEvents.actorUserId, q.actorUserId) : undefined,
          q.action ? eq(auditEvents.action, q.action) : undefined,
          q.resourceType ? eq(auditEvents.resourceType, q.resourceType) : undefined,
          from ? gte(auditEvents.occurredAt, from) : undefined,
          to ? lt(auditEvents.occurredAt, to) : undefined,
          after
            ? or(lt(auditEvents.occurredAt, after.at), and(eq(auditEvents.occurredAt, after.at), sql`${auditEvents.id} < ${after.id}::uuid`))
            : undefined,
        ),
      )
      .orderBy(desc(auditEvents.occurredAt), desc(auditEvents.id))
      .limit(q.limit + 1);
    await recordAudit(tx, {
      orgId,
      actorUserId: ctx.actor.userId,
      actorRole: ctx.actor.role,
      subjectId: q.subjectId ?? null,
      action: 'read',
      resourceType: 'audit_log',
      ip: ctx.ip,
      userAgent: ctx.userAgent,
    });
    const page = pageOf(rows, q.limit, (last) => encodeTimeCursor(last.occurredAt, last.id));
    return {
      items: page.items.map((r) => ({
        id: r.id,
        occurredAt: r.occurredAt.toISOString(),
        actor: { id: r.actorUserId, role: r.actorRole, displayName: r.actorName },
        subject: r.subjectId ? { id: r.subjectId, displayName: r.subjectName } : null,
        onBehalfOf: r.onBehalfOf,
        action: r.action,
        resourceType: r.resourceType,
        resourceId: r.resourceId,
        ip: r.ip,
        userAgent: r.userAgent,
        reason: r.reason,
      })),
      nextCursor: page.nextCursor,
    };
  });
}
