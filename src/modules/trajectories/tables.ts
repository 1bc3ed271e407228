import { sql } from 'drizzle-orm';
import { check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, orgId, tstz, updatedAt } from '../../platform/db/columns.js';
import { users } from '../../platform/auth/tables.js';
import { applications } from '../intake/tables.js';

/**
 * A trajectory (trajectondersteuning, seeds 000/001): one family, one lead volunteer, one coaching
 * professional. Starts when a volunteer accepts a match (issue 4); phases, plan, contacts,
 * agreements and closure are issue 5. The totals and last contact are kept on the row, in the
 * same transaction as the contact, so dashboards and signals never sum the whole contact log.
 */
export const trajectories = pgTable(
  'trajectories',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    applicationId: uuid('application_id').notNull(),
    locationId: uuid('location_id'),
    leadVolunteerId: uuid('lead_volunteer_id').notNull(),
    /** The paid professional who coaches the volunteer (a coordinator). */
    coachUserId: uuid('coach_user_id'),
    phase: text('phase').notNull().default('intake_done'),
    phaseChangedAt: tstz('phase_changed_at').notNull().defaultNow(),
    startedAt: tstz('started_at').notNull(),
    endedAt: tstz('ended_at'),
    /** Closing (afsluiting): the outcome decides the organisation's success rate; never typed in. */
    outcome: text('outcome'),
    outcomeNote: text('outcome_note'),
    closedAt: tstz('closed_at'),
    /** Aftercare (nazorg) runs until this date (default 12 months after closing). */
    aftercareUntil: date('aftercare_until', { mode: 'string' }),
    /** A relapse re-opens support as a new trajectory linked to the old one. */
    previousTrajectoryId: uuid('previous_trajectory_id'),
    lastContactOn: date('last_contact_on', { mode: 'string' }),
    volunteerMinutes: integer('volunteer_minutes').notNull().default(0),
    professionalMinutes: integer('professional_minutes').notNull().default(0),
    /**
     * Issue 6: when the retention job (or an accepted erasure request) erased the dossier. The row
     * stays, stripped to what aggregate reports need (location, dates, phase, outcome, minutes).
     */
    erasedAt: tstz('erased_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.applicationId], foreignColumns: [applications.orgId, applications.id] }),
    foreignKey({ columns: [t.orgId, t.leadVolunteerId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.coachUserId], foreignColumns: [users.orgId, users.id] }),
    foreignKey({ columns: [t.orgId, t.previousTrajectoryId], foreignColumns: [t.orgId, t.id] }),
    // One trajectory in support per family; a relapse in aftercare starts a new one linked to the old.
    uniqueIndex('trajectories_application_idx').on(t.orgId, t.applicationId).where(sql`${t.phase} not in ('aftercare', 'ended')`),
    // Issue 6: every trajectory of a family (also ended ones), for the parent's home.
    index('trajectories_application_all_idx').on(t.orgId, t.applicationId, t.startedAt),
    index('trajectories_volunteer_idx').on(t.orgId, t.leadVolunteerId, t.phase),
    index('trajectories_location_idx').on(t.orgId, t.locationId, t.phase),
    check('trajectories_phase_check', sql`${t.phase} in ('intake_done', 'clarifying', 'support', 'building_down', 'closing', 'aftercare', 'ended')`),
    check('trajectories_outcome_check', sql`${t.outcome} is null or ${t.outcome} in ('resolved', 'positive_restart', 'not_resolved', 'parent_stopped', 'referred')`),
    check('trajectories_minutes_check', sql`${t.volunteerMinutes} >= 0 and ${t.professionalMinutes} >= 0`),
  ],
);

/** Every phase change: who, when, why (the state machine's audit beside the audit trail). */
export const trajectoryPhaseEvents = pgTable(
  'trajectory_phase_events',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    fromPhase: text('from_phase'),
    toPhase: text('to_phase').notNull(),
    reason: text('reason').notNull(),
    actorUserId: uuid('actor_user_id'),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('trajectory_phase_events_idx').on(t.orgId, t.trajectoryId, t.at),
  ],
);

/** The family map (Houvast: "who is who"): parents, children, professionals and network. */
export const familyMapMembers = pgTable(
  'family_map_members',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    role: text('role').notNull(),
    name: text('name').notNull(),
    /** The organisation of a professional (e.g. the GI), or the relation for network. */
    organisation: text('organisation'),
    note: text('note'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('family_map_members_idx').on(t.orgId, t.trajectoryId, t.position),
    check(
      'family_map_members_role_check',
      sql`${t.role} in ('parent', 'child', 'foster_parent', 'youth_protection_worker', 'care_provider', 'lawyer', 'school', 'network', 'other')`,
    ),
  ],
);

/**
 * The Houvast plan: help questions in the family's words, each turned into a goal with a status,
 * the parent's strengths and next steps.
 */
export const helpQuestions = pgTable(
  'help_questions',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    question: text('question').notNull(),
    goal: text('goal'),
    status: text('status').notNull().default('open'),
    strengths: text('strengths'),
    nextSteps: text('next_steps'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('help_questions_idx').on(t.orgId, t.trajectoryId, t.position),
    check('help_questions_status_check', sql`${t.status} in ('open', 'working', 'achieved', 'dropped')`),
  ],
);

/** Self-reliance (zelfredzaamheid) per help question, 1–5, over time: building down rests on it. */
export const selfRelianceScores = pgTable(
  'self_reliance_scores',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    helpQuestionId: uuid('help_question_id').notNull(),
    score: integer('score').notNull(),
    recordedOn: date('recorded_on', { mode: 'string' }).notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.helpQuestionId], foreignColumns: [helpQuestions.orgId, helpQuestions.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('self_reliance_scores_idx').on(t.orgId, t.trajectoryId, t.helpQuestionId, t.recordedOn),
    check('self_reliance_scores_score_check', sql`${t.score} between 1 and 5`),
  ],
);

/**
 * A meeting with professionals (gesprek): preparation, the meeting, the evaluation. The neutral
 * report (verslag) with versions and the parent's review builds on this row.
 */
export const meetings = pgTable(
  'meetings',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    title: text('title').notNull(),
    /** With whom, as roles or organisations ("jeugdbeschermer van de GI"). */
    withWhom: text('with_whom'),
    scheduledAt: tstz('scheduled_at').notNull(),
    place: text('place'),
    status: text('status').notNull().default('planned'),
    /** Preparation: what the parent wants to achieve, how to respond if…, questions to ask. */
    prepGoal: text('prep_goal'),
    prepResponses: text('prep_responses'),
    prepQuestions: text('prep_questions'),
    evaluation: text('evaluation'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    index('meetings_idx').on(t.orgId, t.trajectoryId, t.scheduledAt),
    check('meetings_status_check', sql`${t.status} in ('planned', 'held', 'cancelled')`),
  ],
);

/**
 * The contact log and time registration: every conversation, preparation, visit, call. Minutes are
 * split into volunteer and professional time (seed: ~312 hours per trajectory, ~90% volunteer).
 */
export const trajectoryContacts = pgTable(
  'trajectory_contacts',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    kind: text('kind').notNull(),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    volunteerMinutes: integer('volunteer_minutes').notNull().default(0),
    professionalMinutes: integer('professional_minutes').notNull().default(0),
    /** Who took part, as short labels ("ouder", "jeugdbeschermer"): no contact details. */
    participants: jsonb('participants').$type<string[]>().notNull().default([]),
    note: text('note'),
    meetingId: uuid('meeting_id'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }),
    index('trajectory_contacts_timeline_idx').on(t.orgId, t.trajectoryId, t.occurredOn, t.id),
    check(
      'trajectory_contacts_kind_check',
      sql`${t.kind} in ('professional_meeting', 'preparation', 'evaluation', 'home_visit', 'phone', 'mail', 'court_hearing', 'peer_contact', 'training', 'other')`,
    ),
    // One contact is at most a day; 25 hours is a typing error.
    check('trajectory_contacts_minutes_check', sql`${t.volunteerMinutes} between 0 and 1440 and ${t.professionalMinutes} between 0 and 1440 and ${t.volunteerMinutes} + ${t.professionalMinutes} > 0`),
  ],
);

/** Agreements (afspraken) between the parent and professionals: who promised what, by when. */
export const agreements = pgTable(
  'agreements',
  {
    orgId: orgId(),
    id: uuid('id').notNull(),
    trajectoryId: uuid('trajectory_id').notNull(),
    meetingId: uuid('meeting_id'),
    /** Who promised it: the party (parent, professional, volunteer, other) and a name or role. */
    party: text('party').notNull(),
    partyName: text('party_name').notNull(),
    description: text('description').notNull(),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status').notNull().default('open'),
    statusNote: text('status_note'),
    statusChangedAt: tstz('status_changed_at'),
    createdBy: uuid('created_by').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    foreignKey({ columns: [t.orgId, t.trajectoryId], foreignColumns: [trajectories.orgId, trajectories.id] }).onDelete('cascade'),
    // Meetings are cancelled, never deleted.
    foreignKey({ columns: [t.orgId, t.meetingId], foreignColumns: [meetings.orgId, meetings.id] }),
    index('agreements_open_idx').on(t.orgId, t.trajectoryId, t.status, t.dueOn),
    check('agreements_party_check', sql`${t.party} in ('parent', 'professional', 'volunteer', 'other')`),
    check('agreements_status_check', sql`${t.status} in ('open', 'done', 'not_kept', 'irrelevant')`),
  ],
);
