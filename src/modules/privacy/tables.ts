import { sql } from 'drizzle-orm';
import { check, foreignKey, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { trajectories } from '../trajectories/tables.js';

/**
 * Issue 6, privacy rights (AVG art. 15–21) and retention. The parent asks, the coordinator decides,
 * both are kept. Retention erases dossiers after the organisation's period; a legal hold stops it.
 */

/** Correction (rectificatie, AVG art. 16) of one item; the old text is kept here when accepted. */
export const correctionRequests = pgTable(
  'correction_requests',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    /** What is to be corrected: see shared/privacy.ts CORRECTABLE_ITEMS (e.g. contact, agreement). */
    itemKind: text('item_kind').notNull(),
    itemId: uuid('item_id').notNull(),
    requestedText: text('requested_text').notNull(),
    explanation: text('explanation'),
    status: text('status').notNull().default('open'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: tstz('decided_at'),
    /** The item's text before an accepted correction (history). */
    previousText: text('previous_text'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.requestedBy], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.decidedBy], foreignColumns: [users.orgId, users.id] }),
    index('correction_requests_trajectory_idx').on(t.orgId, t.trajectoryId, t.createdAt),
    index('correction_requests_open_idx').on(t.orgId, t.status, t.createdAt),
    check('correction_requests_status_check', sql`${t.status} in ('open', 'accepted', 'rejected')`),
    check('correction_requests_decision_check', sql`${t.status} = 'open' or (${t.decidedBy} is not null and ${t.decidedAt} is not null)`),
  ],
);

/** Objection (bezwaar, art. 21) or erasure (art. 17) request; the decision is recorded with its reason. */
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    requestedBy: uuid('requested_by').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull().default('open'),
    decisionNote: text('decision_note'),
    decidedBy: uuid('decided_by'),
    decidedAt: tstz('decided_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.requestedBy], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.decidedBy], foreignColumns: [users.orgId, users.id] }),
    index('privacy_requests_trajectory_idx').on(t.orgId, t.trajectoryId, t.createdAt),
    check('privacy_requests_kind_check', sql`${t.kind} in ('objection', 'erasure')`),
    check('privacy_requests_status_check', sql`${t.status} in ('open', 'accepted', 'rejected')`),
    check('privacy_requests_decision_check', sql`${t.status} = 'open' or (${t.decidedBy} is not null and ${t.decidedAt} is not null and ${t.decisionNote} is not null)`),
  ],
);

/** Legal hold (bewaarplicht, e.g. a pending complaint or court case): retention skips the dossier. */
export const legalHolds = pgTable(
  'legal_holds',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    reason: text('reason').notNull(),
    setBy: uuid('set_by').notNull(),
    setAt: tstz('set_at').notNull().defaultNow(),
    liftedBy: uuid('lifted_by'),
    liftedAt: tstz('lifted_at'),
    liftReason: text('lift_reason'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.setBy], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.liftedBy], foreignColumns: [users.orgId, users.id] }),
    index('legal_holds_trajectory_idx').on(t.orgId, t.trajectoryId),
  ],
);

/**
 * Destruction record (vernietigingsverklaring): that a dossier was erased, when and under which rule,
 * with counts only: no names, no ids of people. The trajectory id stays in the anonymised row.
 */
export const destructionRecords = pgTable(
  'destruction_records',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    rule: text('rule').notNull(),
    destroyedAt: tstz('destroyed_at').notNull().defaultNow(),
    /** rows removed or anonymised per table, e.g. {"trajectory_contacts": 41, "documents": 3} */
    counts: jsonb('counts').$type<Record<string, number>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('destruction_records_time_idx').on(t.orgId, t.destroyedAt),
    check('destruction_records_rule_check', sql`${t.rule} in ('retention', 'erasure_request')`),
  ],
);
