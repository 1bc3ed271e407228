import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz } from '../../platform/db/columns.js';
import { trajectories } from '../trajectories/tables.js';

/**
 * The satisfaction questionnaire (tevredenheidsmonitor) sent at closing (issue 5). The invitation
 * knows the trajectory (to send it once, single use); the response does NOT: it is stored apart,
 * with only the organisation, location and month, so reports are anonymous.
 */
export const satisfactionInvitations = pgTable(
  'satisfaction_invitations',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    /** sha256 of the random token in the link; the link itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    sentAt: tstz('sent_at'),
    /**
     * Mail attempts so far (the one at closing included) and when the resend job may try again: a
     * failed mail is retried with a growing pause, up to MAX_SEND_ATTEMPTS (satisfaction/invitations.ts).
     */
    sendAttempts: integer('send_attempts').notNull().default(0),
    nextAttemptAt: tstz('next_attempt_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    uniqueIndex('satisfaction_invitations_token_idx').on(t.tokenHash),
    uniqueIndex('satisfaction_invitations_trajectory_idx').on(t.orgId, t.trajectoryId),
    // The resend job scans only invitations still waiting for a mail.
    index('satisfaction_invitations_resend_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.usedAt} is null`),
    check('satisfaction_invitations_attempts_check', sql`${t.sendAttempts} >= 0`),
  ],
);

export const satisfactionResponses = pgTable(
  'satisfaction_responses',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    locationId: uuid('location_id'),
    /** The month of answering (first day), never the exact moment: it could be linked to a closing date. */
    month: date('month', { mode: 'string' }).notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('satisfaction_responses_idx').on(t.orgId, t.month)],
);

/** Aftercare (nazorg) requests: information, advice, relapse prevention; a relapse re-opens support. */
export const aftercareRequests = pgTable(
  'aftercare_requests',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    kind: text('kind').notNull(),
    note: text('note'),
    /** A relapse that re-opened support: the new trajectory. */
    newTrajectoryId: uuid('new_trajectory_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('aftercare_requests_idx').on(t.orgId, t.trajectoryId, t.createdAt),
    check('aftercare_requests_kind_check', sql`${t.kind} in ('information', 'advice', 'relapse_prevention', 'relapse')`),
  ],
);
