import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { trajectories } from '../trajectories/tables.js';

/**
 * Issue 6, consent register (toestemmingen). Seed 000: information is only shared in consultation
 * with and with the permission of the client; the parent remains the owner (AVG art. 6(1)(a), 7).
 *
 * A recipient is someone outside the organisation a family may share with: a person from the
 * family map (the youth protection worker, a lawyer) or a body (the court, the municipality).
 */
export const consentRecipients = pgTable(
  'consent_recipients',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    organisation: text('organisation'),
    /** Where a shared item's link is mailed (the mail holds the link only). */
    email: text('email'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.createdBy], foreignColumns: [users.orgId, users.id] }),
    index('consent_recipients_trajectory_idx').on(t.orgId, t.trajectoryId),
    check(
      'consent_recipients_kind_check',
      sql`${t.kind} in ('youth_protection_worker', 'care_provider', 'lawyer', 'court', 'municipality', 'school', 'referrer', 'other')`,
    ),
  ],
);

/**
 * One consent: recipient, purpose, categories of data, period, and how it was given. Never deleted
 * while the dossier exists (a trigger refuses DELETE unless the retention job erases the dossier);
 * revoking sets revoked_at and stops future sharing at once.
 */
export const consents = pgTable(
  'consents',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    purpose: text('purpose').notNull(),
    /** e.g. {reports, plan, letters}: see shared/consent.ts CONSENT_CATEGORIES. */
    categories: text('categories').array().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validUntil: date('valid_until', { mode: 'string' }).notNull(),
    /** 'portal': the parent gave it in Naast; 'staff': recorded by staff from a conversation (note required). */
    givenVia: text('given_via').notNull(),
    staffNote: text('staff_note'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
    revokedAt: tstz('revoked_at'),
    revokedBy: uuid('revoked_by'),
    revokeNote: text('revoke_note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.recipientId], foreignColumns: [consentRecipients.orgId, consentRecipients.id] }),
    foreignKey({ columns: [t.orgId, t.recordedBy], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.revokedBy], foreignColumns: [users.orgId, users.id] }),
    index('consents_trajectory_idx').on(t.orgId, t.trajectoryId, t.recipientId),
    check('consents_period_check', sql`${t.validUntil} >= ${t.validFrom}`),
    check('consents_given_via_check', sql`${t.givenVia} in ('portal', 'staff') and (${t.givenVia} = 'portal' or ${t.staffNote} is not null)`),
    check('consents_categories_check', sql`cardinality(${t.categories}) > 0 and ${t.categories} <@ array['reports', 'plan', 'letters', 'documents', 'agreements', 'progress']::text[]`),
  ],
);

/**
 * Every act of sharing outside the organisation, with the consent it used (consent/gate.ts). A
 * share by mail carries a single-use-per-recipient link; opening it checks the consent again, so a
 * revoked or expired consent stops a link that was already sent.
 */
export const shares = pgTable(
  'shares',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    consentId: uuid('consent_id').notNull(),
    recipientId: uuid('recipient_id').notNull(),
    category: text('category').notNull(),
    resourceType: text('resource_type').notNull(),
    resourceId: text('resource_id'),
    channel: text('channel').notNull(),
    sharedBy: uuid('shared_by').notNull(),
    sharedAt: tstz('shared_at').notNull().defaultNow(),
    tokenHash: text('token_hash'),
    expiresAt: tstz('expires_at'),
    openedAt: tstz('opened_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.consentId], foreignColumns: [consents.orgId, consents.id] }),
    foreignKey({ columns: [t.orgId, t.recipientId], foreignColumns: [consentRecipients.orgId, consentRecipients.id] }),
    index('shares_trajectory_idx').on(t.orgId, t.trajectoryId, t.sharedAt),
    index('shares_token_idx').on(t.orgId, t.tokenHash),
    check('shares_channel_check', sql`${t.channel} in ('mail_link', 'referrer_notice', 'handed_over')`),
  ],
);
