import { sql } from 'drizzle-orm';
import { execRows, type Executor } from '../db/index.js';
import { decodeTimeCursor, encodeTimeCursor } from '../http/pagination.js';

/** One audit event about a person, as the transparency view needs it: never the ip address or user agent. */
export interface EventAbout {
  id: string;
  occurredAt: Date;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  resourceType: string;
}

/**
 * Transparency (issue 6): the audit events whose subject is `subjectId`, newest first, a page of
 * `limit` with a cursor. `who` = 'others' leaves out the person's own actions, 'self' gives only
 * those (a parent's own reads are listed apart). Uses audit_events_subject_idx.
 */
export async function eventsAbout(
  tx: Executor,
  orgId: string,
  subjectId: string,
  cursor: string | undefined,
  opts: { who?: 'others' | 'self' | 'all'; limit?: number } = {},
): Promise<{ items: EventAbout[]; nextCursor: string | null }> {
  const limit = opts.limit ?? 50;
  const after = cursor ? decodeTimeCursor(cursor) : null;
  const who = opts.who ?? 'all';
  const rows = await execRows<{ id: string; occurred_at: Date | string; actor_user_id: string | null; actor_role: string | null; action: string; resource_type: string }>(
    tx,
    sql`select id::text, occurred_at, actor_user_id::text, actor_role, action, resource_type from audit_events
         where org_id = ${orgId} and subject_id = ${subjectId}
           and ${who === 'others' ? sql`actor_user_id is distinct from ${subjectId}::uuid` : who === 'self' ? sql`actor_user_id = ${subjectId}::uuid` : sql`true`}
           and ${after ? sql`(occurred_at, id) < (${after.at.toISOString()}::timestamptz, ${after.id}::uuid)` : sql`true`}
         order by occurred_at desc, id desc limit ${limit + 1}`,
  );
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    occurredAt: new Date(r.occurred_at),
    actorUserId: r.actor_user_id,
    actorRole: r.actor_role,
    action: r.action,
    resourceType: r.resource_type,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeTimeCursor(last.occurredAt, last.id) : null };
}
