import { integer, foreignKey, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz } from '../db/columns.js';
import { organisations } from '../../modules/organisations/tables.js';

/**
 * Outbox: a mail is stored in the same transaction as the change that causes it, then delivered,
 * so a crash between the two loses nothing.
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    attempts: integer('attempts').notNull().default(0),
    sentAt: tstz('sent_at'),
    lastError: text('last_error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade'),
  ],
);
