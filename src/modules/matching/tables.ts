import { sql } from 'drizzle-orm';
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, real, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { applications } from '../intake/tables.js';

/**
 * What matching needs to know about a volunteer (ervaringsdeskundige). Their locations are the
 * user's user_locations. active_families counts pending and accepted matches; the CHECK makes the
 * caseload limit hold in the database, also when two coordinators confirm at the same moment.
 */
export const volunteerProfiles = pgTable(
  'volunteer_profiles',
  {
    orgId: orgId(),
    userId: uuid('user_id').notNull(),
    homeMunicipalityCode: text('home_municipality_code'),
    /** Municipalities (CBS codes) they can travel to. */
    travelMunicipalities: text('travel_municipalities').array().notNull().default(sql`'{}'::text[]`),
    hoursPerWeek: integer('hours_per_week').notNull().default(8),
    maxFamilies: integer('max_families').notNull().default(3),
    activeFamilies: integer('active_families').notNull().default(0),
    /** Measure types they have experience with (MEASURES of the intake module). */
    measureExperience: text('measure_experience').array().notNull().default(sql`'{}'::text[]`),
    /** Institutions (GI, providers) they know from experience, as names. */
    institutionExperience: text('institution_experience').array().notNull().default(sql`'{}'::text[]`),
    languages: text('languages').array().notNull().default(sql`'{nl}'::text[]`),
    /** Institutions they must not be matched with (e.g. a former employer). */
    conflictInstitutions: text('conflict_institutions').array().notNull().default(sql`'{}'::text[]`),
    /** Applications (families) they must not be matched with. */
    conflictApplicationIds: uuid('conflict_application_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.userId] }),
    foreignKey({ columns: [t.orgId, t.userId], foreignColumns: [users.orgId, users.id] }).onDelete('cascade'),
    check('volunteer_profiles_hours_check', sql`${t.hoursPerWeek} between 0 and 40`),
    // 10 is the ceiling an organisation can raise its limit to; the default limit is 3 (seeds 000/001).
    check('volunteer_profiles_max_families_check', sql`${t.maxFamilies} between 0 and 10`),
    check('volunteer_profiles_caseload_check', sql`${t.activeFamilies} >= 0 and ${t.activeFamilies} <= ${t.maxFamilies}`),
  ],
);

/**
 * A match of a family (application) with a volunteer. pending: confirmed by a coordinator, waiting
 * for the volunteer's answer; accepted: the trajectory started; declined/withdrawn: ended.
 */
export const matches = pgTable(
  'matches',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    applicationId: uuid('application_id').notNull(),
    volunteerUserId: uuid('volunteer_user_id').notNull(),
    status: text('status').notNull(),
    score: real('score').notNull(),
    /** The score's reasons at the time of confirming (codes and numbers, no personal data). */
    reasons: jsonb('reasons').$type<unknown[]>().notNull().default([]),
    confirmedBy: uuid('confirmed_by').notNull(),
    confirmedAt: tstz('confirmed_at').notNull(),
    respondedAt: tstz('responded_at'),
    declineReason: text('decline_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.volunteerUserId], foreignColumns: [users.orgId, users.id] }),
    // A family has at most one open match.
    uniqueIndex('matches_open_idx').on(t.orgId, t.applicationId).where(sql`${t.status} in ('pending', 'accepted')`),
    index('matches_volunteer_idx').on(t.orgId, t.volunteerUserId, t.status),
    check('matches_status_check', sql`${t.status} in ('pending', 'accepted', 'declined', 'withdrawn')`),
  ],
);
