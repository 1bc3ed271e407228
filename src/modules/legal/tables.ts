import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { trajectories } from '../trajectories/tables.js';

/**
 * Measures, court decisions (beschikkingen) and the deadlines computed from them (issue 5). The rules
 * that compute a deadline live in one typed table in code with their legal source
 * (src/shared/legal.ts): a deadline row names its rule, so a changed rule is traceable.
 */

/** A measure in force for one child (OTS, out-of-home placement authorization, guardianship, …). */
export const childMeasures = pgTable(
  'child_measures',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    /** The child's first name as the family gave it (no BSN, no full name). */
    childName: text('child_name').notNull(),
    measure: text('measure').notNull(),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    note: text('note'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('child_measures_idx').on(t.orgId, t.trajectoryId, t.startsOn),
    check('child_measures_measure_check', sql`${t.measure} in ('voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation')`),
    check('child_measures_period_check', sql`${t.endsOn} is null or ${t.endsOn} >= ${t.startsOn}`),
  ],
);

/** A court decision (beschikking) or another dated legal event that starts a deadline. */
export const courtDecisions = pgTable(
  'court_decisions',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    measureId: uuid('measure_id'),
    kind: text('kind').notNull(),
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    summary: text('summary'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [childMeasures.orgId, childMeasures.id] }),
    index('court_decisions_idx').on(t.orgId, t.trajectoryId, t.decidedOn),
    check(
      'court_decisions_kind_check',
      sql`${t.kind} in ('court_decision', 'written_instruction', 'hearing_scheduled', 'letter_received', 'plan_received', 'other')`,
    ),
  ],
);

/**
 * A deadline: computed from a rule and its source (a decision, a measure's end date) or entered by
 * hand. The reminder job claims remind_at/reminder_sent_at like the first-contact reminder does.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    /** The rule in src/shared/legal.ts that computed it; 'manual' for one typed in. */
    ruleCode: text('rule_code').notNull(),
    courtDecisionId: uuid('court_decision_id'),
    measureId: uuid('measure_id'),
    title: text('title').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'),
    remindAt: tstz('remind_at'),
    reminderSentAt: tstz('reminder_sent_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.courtDecisionId], foreignColumns: [courtDecisions.orgId, courtDecisions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.measureId], foreignColumns: [childMeasures.orgId, childMeasures.id] }).onDelete('cascade'),
    index('deadlines_trajectory_idx').on(t.orgId, t.trajectoryId, t.status, t.dueOn),
    // The reminder job scans only unsent reminders that are due.
    index('deadlines_reminder_idx').on(t.remindAt).where(sql`${t.reminderSentAt} is null and ${t.status} = 'open'`),
    check('deadlines_status_check', sql`${t.status} in ('open', 'done', 'cancelled')`),
  ],
);

/**
 * A user's private calendar feed (ICS): calendar apps cannot sign in, so the feed URL carries a
 * random token; only its hash is stored and a new token replaces the old one.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    orgId: orgId(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash),
  ],
);
