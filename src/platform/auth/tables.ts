import { sql } from 'drizzle-orm';
import { boolean, check, foreignKey, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../db/columns.js';
import { locations, organisations } from '../../modules/organisations/tables.js';

export const ROLES = ['admin', 'coordinator', 'volunteer', 'parent', 'funder'] as const;
export type Role = (typeof ROLES)[number];

/** A person who can sign in. Belongs to exactly one organisation. */
export const users = pgTable(
  'users',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    language: text('language').notNull().default('nl'),
    passwordHash: text('password_hash'),
    /** TOTP secret, encrypted with NAAST_SECRET_KEY (AES-256-GCM). */
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabledAt: tstz('totp_enabled_at'),
    /** Municipality a funder may see figures for (funders only). */
    funderMunicipalityCode: text('funder_municipality_code'),
    status: text('status').notNull().default('active'),
    isDemo: boolean('is_demo').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade'),
    uniqueIndex('users_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    // GET /auth/session asks on every page load whether demo accounts exist: without this a
    // database with none would scan every user of every organisation to answer "no".
    index('users_demo_idx').on(t.orgId).where(sql`${t.isDemo}`),
    check('users_role_check', sql`${t.role} in ('admin', 'coordinator', 'volunteer', 'parent', 'funder')`),
    check('users_status_check', sql`${t.status} in ('active', 'deactivated')`),
    check('users_language_check', sql`${t.language} in ('nl', 'en')`),
  ],
);

/** Coordinators (and volunteers) work at one or more locations. */
export const userLocations = pgTable(
  'user_locations',
  {
    orgId: orgId(),
    userId: uuid('user_id').notNull(),
    locationId: uuid('location_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.locationId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }).onDelete('cascade'),
  ],
);

/**
 * Global sign-in directory: maps a lower-cased email to its organisation, so sign-in can find the
 * tenant before any tenant context exists. Holds no other personal data. A reference-style table
 * (not distributed) in a Citus setup; only the platform's system path may read it.
 */
export const loginDirectory = pgTable('login_directory', {
  emailLower: text('email_lower').primaryKey(),
  orgId: uuid('org_id').notNull(),
  userId: uuid('user_id').notNull(),
});

/** Server-side sessions. The cookie carries `<org_id>.<token>`; only a hash of the token is stored. */
export const sessions = pgTable(
  'sessions',
  {
    orgId: orgId(),
    idHash: text('id_hash').notNull(),
    userId: uuid('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    mfaPassed: boolean('mfa_passed').notNull().default(false),
    createdAt: createdAt(),
    lastSeenAt: tstz('last_seen_at').notNull().defaultNow(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.idHash] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    index('sessions_user_idx').on(t.orgId, t.userId),
  ],
);

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    orgId: orgId(),
    userId: uuid('user_id').notNull(),
    codeHash: text('code_hash').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId, t.codeHash] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
  ],
);

/** Invitation by an admin; the emailed link carries `<org_id>.<token>`, single use, 72 hours. */
export const invitations = pgTable(
  'invitations',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<Role>().notNull(),
    locationIds: uuid('location_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Funders only: the municipality whose figures they will see. */
    funderMunicipalityCode: text('funder_municipality_code'),
    /**
     * Parents only (issue 6): what the new account is linked to once accepted, e.g.
     * `application:<uuid>`. Platform code does not know modules; the owning module registers an
     * acceptance hook for the prefix (auth/service.ts `onInvitationAccepted`).
     */
    linkRef: text('link_ref'),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    revokedAt: tstz('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade'),
    uniqueIndex('invitations_token_idx').on(t.orgId, t.tokenHash),
    check('invitations_role_check', sql`${t.role} in ('admin', 'coordinator', 'volunteer', 'parent', 'funder')`),
  ],
);

/**
 * Single-use sign-in link (issue 6, parents): emailed as `<org_id>.<token>`, valid 15 minutes; only
 * the token's hash is stored. Used by parents who find a password hard.
 */
export const signInLinks = pgTable(
  'sign_in_links',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    uniqueIndex('sign_in_links_token_idx').on(t.orgId, t.tokenHash),
    index('sign_in_links_user_idx').on(t.orgId, t.userId, t.createdAt),
  ],
);

/** Password reset; emailed link carries `<org_id>.<token>`, single use, 30 minutes. */
export const passwordResets = pgTable(
  'password_resets',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    uniqueIndex('password_resets_token_idx').on(t.orgId, t.tokenHash),
  ],
);

/**
 * Brute-force throttle state, keyed by `ip:<addr>` or `acct:<sha256(email)>`: no plain personal data.
 * Global (not per tenant) because an attacker does not care about tenants.
 */
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull().default(0),
  lockedUntil: tstz('locked_until'),
  lastFailureAt: tstz('last_failure_at'),
});

/**
 * Security events that belong to no organisation (e.g. a sign-in attempt for an unknown address).
 * Holds only hashes and network data, never the typed address itself.
 */
export const securityEvents = pgTable('security_events', {
  id: uuid('id').primaryKey(),
  occurredAt: tstz('occurred_at').notNull().defaultNow(),
  kind: text('kind').notNull(),
  emailHash: text('email_hash'),
  ip: text('ip'),
  userAgent: text('user_agent'),
});
