import { sql } from 'drizzle-orm';
import { check, customType, date, foreignKey, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { trajectories } from '../trajectories/tables.js';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Uploaded letters and reports (issue 5). The metadata row is listed; the content sits in
 * document_contents, encrypted (AES-256-GCM, key from configuration), so lists never load it and a
 * database copy alone does not reveal it. The type is detected from the bytes, not the file name.
 */
export const documents = pgTable(
  'documents',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    fileName: text('file_name').notNull(),
    mimeType: text('mime_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    /** A letter's date, to start a deadline from (e.g. respond within 2 weeks). */
    receivedOn: date('received_on', { mode: 'string' }),
    uploadedBy: uuid('uploaded_by').notNull(),
    /** Issue 6: the parent sees it in the portal from this moment (their own dossier, not sharing outside). */
    sharedWithParentAt: tstz('shared_with_parent_at'),
    deletedAt: tstz('deleted_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('documents_idx').on(t.orgId, t.trajectoryId, t.createdAt),
    check('documents_kind_check', sql`${t.kind} in ('letter_received', 'report', 'court_decision', 'plan', 'other')`),
    check('documents_size_check', sql`${t.sizeBytes} > 0`),
  ],
);

export const documentContents = pgTable(
  'document_contents',
  {
    orgId: orgId(),
    documentId: uuid('document_id').notNull(),
    /** Which configured key encrypted it (key rotation keeps old ones readable). */
    keyId: text('key_id').notNull(),
    iv: bytea('iv').notNull(),
    authTag: bytea('auth_tag').notNull(),
    ciphertext: bytea('ciphertext').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.documentId] }),
    foreignKey({ columns: [t.orgId, t.documentId], foreignColumns: [documents.orgId, documents.id] }).onDelete('cascade'),
  ],
);

/**
 * A letter co-written with the parent from a template (defence statement, request to the court,
 * objection, complaint, reaction to a plan). Every save is a version; export as DOCX and PDF.
 */
export const letters = pgTable(
  'letters',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    template: text('template').notNull(),
    title: text('title').notNull(),
    status: text('status').notNull().default('draft'),
    currentVersion: integer('current_version').notNull().default(1),
    createdBy: uuid('created_by').notNull(),
    /** Issue 6: the parent sees it in the portal from this moment. */
    sharedWithParentAt: tstz('shared_with_parent_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('letters_idx').on(t.orgId, t.trajectoryId, t.updatedAt),
    check('letters_template_check', sql`${t.template} in ('defence_statement', 'court_request', 'objection', 'complaint', 'plan_reaction')`),
    check('letters_status_check', sql`${t.status} in ('draft', 'final')`),
  ],
);

export const letterVersions = pgTable(
  'letter_versions',
  {
    orgId: orgId(),
    letterId: uuid('letter_id').notNull(),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.letterId, t.version] }),
    foreignKey({ columns: [t.orgId, t.letterId], foreignColumns: [letters.orgId, letters.id] }).onDelete('cascade'),
  ],
);
