import { sql } from 'drizzle-orm';
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { locations, municipalities, organisations } from '../organisations/tables.js';

/** Who sent the application (verwijzer). 'self' = the parent applied themselves. */
export const REFERRER_TYPES = ['self', 'cvp', 'district_team', 'youth_protection', 'care_provider', 'lawyer', 'school', 'other'] as const;
/** How the application reached the organisation. */
export const APPLICATION_CHANNELS = ['public_form', 'phone', 'mail', 'referrer', 'other'] as const;
/**
 * Where an application stands. new → contacted (first contact made) → intake decision:
 * waiting (accepted, on the waiting list) | matching (accepted, straight to matching) | referred | declined;
 * matching/waiting → matched (a volunteer accepted: the trajectory started). merged: folded into a duplicate.
 */
export const APPLICATION_STATUSES = ['new', 'contacted', 'waiting', 'matching', 'matched', 'referred', 'declined', 'merged'] as const;
/** Measures in force per child (maatregelen); see ../shared/domain.md. */
export const MEASURES = ['none', 'voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation'] as const;

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(', '));

/**
 * An application (aanmelding): one family asking for support. Until a trajectory starts this is
 * "the family" in Naast. location_id null + queue 'helpdesk': outside the work area (advice at a distance).
 */
export const applications = pgTable(
  'applications',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    /** Shown to the applicant and on screen, e.g. A-2026-00042; never contains personal data. */
    reference: text('reference').notNull(),
    channel: text('channel').notNull(),
    referrerType: text('referrer_type').notNull(),
    referrerName: text('referrer_name'),
    referrerOrganisation: text('referrer_organisation'),
    referrerEmail: text('referrer_email'),
    referrerPhone: text('referrer_phone'),
    /** The parent agreed to being referred (required for a referrer's application). */
    parentAgreedToReferral: boolean('parent_agreed_to_referral').notNull().default(false),
    /** The parent agreed that the referrer hears, without content, what happened (seed 003). */
    referrerMayBeTold: boolean('referrer_may_be_told').notNull().default(false),
    municipalityCode: text('municipality_code').notNull().references(() => municipalities.code),
    postcode: text('postcode'),
    locationId: uuid('location_id'),
    queue: text('queue').notNull(),
    funding: text('funding'),
    financingNeeded: boolean('financing_needed').notNull().default(false),
    suggestedReferral: text('suggested_referral'),
    /** The core of the conflict, in the parent's own words. */
    conflictSummary: text('conflict_summary').notNull(),
    /** [{kind: 'gi'|'provider'|'other', name}] */
    institutions: jsonb('institutions').$type<Array<{ kind: string; name: string }>>().notNull().default([]),
    preferredLanguage: text('preferred_language').notNull().default('nl'),
    /** Urgency signal: a court hearing or decision date. */
    hearingDate: date('hearing_date', { mode: 'string' }),
    urgencyNote: text('urgency_note'),
    /** Explicit consent to the processing, with the version of the privacy statement shown. */
    consentAt: tstz('consent_at').notNull(),
    privacyStatementVersion: text('privacy_statement_version').notNull(),
    receivedAt: tstz('received_at').notNull(),
    firstContactDueAt: tstz('first_contact_due_at').notNull(),
    firstContactAt: tstz('first_contact_at'),
    firstContactBy: uuid('first_contact_by'),
    /** Set by the reminder job when the location's coordinators were warned (durable "once"). */
    reminderSentAt: tstz('reminder_sent_at'),
    status: text('status').notNull().default('new'),
    acceptedAt: tstz('accepted_at'),
    /** Suspected duplicate of this (older) application; the coordinator merges or keeps apart. */
    possibleDuplicateOf: uuid('possible_duplicate_of'),
    duplicateResolution: text('duplicate_resolution'),
    mergedInto: uuid('merged_into'),
    /** The parent's own account, once linked: they can see their status and position. */
    parentUserId: uuid('parent_user_id'),
    /** Normalised surname + birth years + municipality, for duplicate detection (no raw data). */
    matchKey: text('match_key').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.locationId], foreignColumns: [locations.orgId, locations.id] }),
    uniqueIndex('applications_reference_idx').on(t.orgId, t.reference),
    // The coordinator inbox: open applications by deadline.
    index('applications_inbox_idx').on(t.orgId, t.firstContactDueAt).where(sql`${t.status} = 'new'`),
    index('applications_status_idx').on(t.orgId, t.status, t.locationId),
    index('applications_match_key_idx').on(t.orgId, t.matchKey),
    // Issue 6: the parent's home finds the family by the parent's account.
    index('applications_parent_idx').on(t.orgId, t.parentUserId).where(sql`${t.parentUserId} is not null`),
    check('applications_channel_check', sql`${t.channel} in (${list(APPLICATION_CHANNELS)})`),
    check('applications_referrer_type_check', sql`${t.referrerType} in (${list(REFERRER_TYPES)})`),
    check('applications_queue_check', sql`${t.queue} in ('location', 'helpdesk')`),
    check('applications_queue_location_check', sql`(${t.queue} = 'location') = (${t.locationId} is not null)`),
    check('applications_funding_check', sql`${t.funding} is null or ${t.funding} in ('subsidy', 'per_trajectory')`),
    check('applications_status_check', sql`${t.status} in (${list(APPLICATION_STATUSES)})`),
    check('applications_duplicate_resolution_check', sql`${t.duplicateResolution} is null or ${t.duplicateResolution} in ('merged', 'kept_apart')`),
    check('applications_referral_agreed_check', sql`${t.referrerType} = 'self' or ${t.parentAgreedToReferral}`),
  ],
);

/** Parents and carers of an application, and how to reach them safely. */
export const applicationPeople = pgTable(
  'application_people',
  {
    orgId: orgId(),
    applicationId: uuid('application_id').notNull(),
    id: uuid('id').notNull(),
    position: smallint('position').notNull(),
    relation: text('relation').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    phone: text('phone'),
    /** e.g. "do not call before 17:00", "no post to the home address". */
    safeContactNote: text('safe_contact_note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.applicationId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }).onDelete('cascade'),
    check('application_people_relation_check', sql`${t.relation} in ('parent', 'carer')`),
  ],
);

/** Children: first name and year of birth only. No BSN: Naast is not a care provider. */
export const applicationChildren = pgTable(
  'application_children',
  {
    orgId: orgId(),
    applicationId: uuid('application_id').notNull(),
    id: uuid('id').notNull(),
    position: smallint('position').notNull(),
    firstName: text('first_name').notNull(),
    birthYear: integer('birth_year').notNull(),
    measure: text('measure').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.applicationId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }).onDelete('cascade'),
    check('application_children_measure_check', sql`${t.measure} in (${list(MEASURES)})`),
    check('application_children_birth_year_check', sql`${t.birthYear} between 1990 and 2100`),
  ],
);

/** The intake conversation and its decision (one per application). */
export const intakes = pgTable(
  'intakes',
  {
    orgId: orgId(),
    applicationId: uuid('application_id').notNull(),
    heldAt: tstz('held_at').notNull(),
    /** The help questions in the family's words (Houvast: "what is my family and what are my help questions?"). */
    helpQuestions: jsonb('help_questions').$type<string[]>().notNull().default([]),
    goals: text('goals').notNull().default(''),
    risks: text('risks').notNull().default(''),
    decision: text('decision').notNull(),
    referredTo: text('referred_to'),
    decisionReason: text('decision_reason'),
    decidedBy: uuid('decided_by').notNull(),
    decidedAt: tstz('decided_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.applicationId] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }).onDelete('cascade'),
    check('intakes_decision_check', sql`${t.decision} in ('accept_waiting', 'accept_matching', 'refer', 'decline')`),
    check('intakes_refer_check', sql`${t.decision} <> 'refer' or ${t.referredTo} is not null`),
    check('intakes_decline_check', sql`${t.decision} <> 'decline' or ${t.decisionReason} is not null`),
  ],
);

/** Content-free notices to a professional referrer (received, started, ended); seed 003. */
export const referrerNotices = pgTable(
  'referrer_notices',
  {
    orgId: orgId(),
    applicationId: uuid('application_id').notNull(),
    kind: text('kind').notNull(),
    sentAt: tstz('sent_at').notNull(),
  },
  (t) => [
    // One notice of each kind per application, even if two requests race.
    primaryKey({ columns: [t.orgId, t.applicationId, t.kind] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }).onDelete('cascade'),
    check('referrer_notices_kind_check', sql`${t.kind} in ('received', 'started', 'ended')`),
  ],
);

/** Per-IP counter for the public form (rate limit without storing the form). Global: no tenant yet. */
export const publicFormThrottle = pgTable('public_form_throttle', {
  key: text('key').primaryKey(),
  windowStart: tstz('window_start').notNull(),
  count: integer('count').notNull(),
});

/** Hands out application reference numbers per organisation and year without gaps or races. */
export const applicationCounters = pgTable(
  'application_counters',
  {
    orgId: orgId(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.year] }), foreignKey({ columns: [t.orgId], foreignColumns: [organisations.orgId] }).onDelete('cascade')],
);
