import { z } from 'zod';
import { ZId } from './common.js';

/** What happened, in NEN 7513 terms (same list as the server's audit writer). */
export const ZAuditAction = z.enum(['read', 'list', 'search', 'create', 'update', 'delete', 'export', 'print', 'share', 'login', 'login_failed', 'logout', 'mfa', 'security']);
export type TAuditAction = z.infer<typeof ZAuditAction>;

export const ZAuditEventsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The person the data is about. */
  subjectId: ZId.optional(),
  actorUserId: ZId.optional(),
  action: ZAuditAction.optional(),
  resourceType: z.string().trim().min(1).max(40).optional(),
  /** Inclusive lower bound, ISO 8601 with offset. */
  from: z.iso.datetime({ offset: true }).optional(),
  /** Exclusive upper bound, ISO 8601 with offset. */
  to: z.iso.datetime({ offset: true }).optional(),
});
export type TAuditEventsQuery = z.infer<typeof ZAuditEventsQuery>;

export const ZAuditEvent = z.object({
  id: ZId,
  occurredAt: z.string(),
  /** Null for events without a signed-in user (e.g. a failed sign-in). */
  actor: z.object({ id: ZId.nullable(), role: z.string().nullable(), displayName: z.string().nullable() }),
  /** Null when the event is not about one person; displayName when the subject is a user of this organisation. */
  subject: z.object({ id: ZId, displayName: z.string().nullable() }).nullable(),
  onBehalfOf: z.string().nullable(),
  action: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  reason: z.string().nullable(),
});
export type TAuditEvent = z.infer<typeof ZAuditEvent>;
