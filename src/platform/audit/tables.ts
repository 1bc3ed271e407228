import { bigint, foreignKey, index, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';
import { orgId, tstz } from '../db/columns.js';
import { organisations } from '../../modules/organisations/tables.js';

/**
 * Append-only audit trail in the spirit of NEN 7513: who accessed or changed whose data, when,
 * on whose behalf and why. Hash-chained per organisation in a few independent lanes so concurrent
 * requests of one organisation do not queue behind a single chain head; each lane is a complete
 * chain that `naast audit verify` checks. The app role may INSERT and SELECT only.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    orgId: orgId(),
    lane: smallint('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    id: uuid('id').notNull(),
    occurredAt: tstz('occurred_at').notNull(),
    actorUserId: uuid('actor_user_id'),
    actorRole: text('actor_role'),
    onBehalfOf: text('on_behalf_of'),
    subjectId: uuid('subject_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.lane, t.seq] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
    index('audit_events_subject_idx').on(t.orgId, t.subjectId, t.occurredAt),
    index('audit_events_time_idx').on(t.orgId, t.occurredAt),
  ],
);

export const auditChainHeads = pgTable(
  'audit_chain_heads',
  {
    orgId: orgId(),
    lane: smallint('lane').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull().default(0),
    hash: text('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.lane] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }),
  ],
);
