import { z } from 'zod';
import { ZId, ZPage, ZText } from './common.js';
import { ZMeasure } from './intake.js';
import { ZAccessReason } from './users.js';

/**
 * The trajectory (trajectondersteuning, issue 5): lifecycle, Houvast plan, contacts and time,
 * meetings and agreements. Shared by the routes and the web forms. No server imports here.
 * Domain: ../shared/domain.md and seeds 000/001 (≈8 months, ≈312 hours, ≈90% volunteer time).
 */

const ZDate = z.iso.date();

// ---------------------------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------------------------

export const PHASES = ['intake_done', 'clarifying', 'support', 'building_down', 'closing', 'aftercare', 'ended'] as const;
export const ZPhase = z.enum(PHASES);
export type TPhase = z.infer<typeof ZPhase>;

/**
 * The state machine: the phases a trajectory may move to from each phase. Forward one step, back one
 * step where support turns out to be needed again, and ending early (parent stops) from any phase
 * through closing. aftercare → ended also happens by itself when the aftercare period is over.
 */
export const PHASE_TRANSITIONS: Record<TPhase, readonly TPhase[]> = {
  intake_done: ['clarifying', 'closing'],
  clarifying: ['support', 'closing'],
  support: ['building_down', 'clarifying', 'closing'],
  building_down: ['closing', 'support'],
  closing: ['aftercare', 'ended', 'support'],
  aftercare: ['ended'],
  ended: [],
};
/** Moves only professionals (trajectories.close) may make: into aftercare or ended (they need the outcome). */
export const CLOSING_PHASES: readonly TPhase[] = ['aftercare', 'ended'];

export const OUTCOMES = ['resolved', 'positive_restart', 'not_resolved', 'parent_stopped', 'referred'] as const;
export const ZOutcome = z.enum(OUTCOMES);
/** The organisation's success rate counts these (seed figure ~80%). */
export const SUCCESS_OUTCOMES: readonly z.infer<typeof ZOutcome>[] = ['resolved', 'positive_restart'];

/** POST /trajectories/:id/phase */
export const ZPhaseChangeRequest = z.strictObject({
  to: ZPhase,
  reason: ZText(2000),
  /** Required when moving to aftercare or ended from closing. */
  outcome: ZOutcome.optional(),
});
export type TPhaseChangeRequest = z.infer<typeof ZPhaseChangeRequest>;

export const ZPhaseEvent = z.object({
  id: ZId,
  from: ZPhase.nullable(),
  to: ZPhase,
  reason: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
});

/** Dashboard signals (codes; the UI says them in words). */
export const SIGNALS = ['no_contact_14_days', 'hours_low', 'hours_high', 'over_norm', 'aftercare_ending', 'agreements_overdue'] as const;
export const ZSignal = z.enum(SIGNALS);
export type TSignal = z.infer<typeof ZSignal>;
/** Seeds 000/001: 5–10 hours a week is typical; the norm length is 8 months. */
export const WEEKLY_HOURS_RANGE = { low: 5, high: 10 } as const;
export const NO_CONTACT_DAYS = 14;
export const NORM_TRAJECTORY_MONTHS = 8;
export const AFTERCARE_MONTHS = 12;

// ---------------------------------------------------------------------------------------------
// Lists and the dossier
// ---------------------------------------------------------------------------------------------

/** GET /trajectories (coordinator: own locations; volunteer: own families) and GET /me/trajectories. */
export const ZTrajectoryListQuery = z.strictObject({
  phase: z.enum(['active', 'aftercare', 'ended', 'all']).default('active'),
  locationId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TTrajectoryListQuery = z.infer<typeof ZTrajectoryListQuery>;

/** One row: a short family name (the parent's first name and the family name initial), no help questions. */
export const ZTrajectorySummary = z.object({
  id: ZId,
  reference: z.string(),
  familyName: z.string(),
  phase: ZPhase,
  startedAt: z.string(),
  leadVolunteer: z.object({ id: ZId, name: z.string() }),
  coach: z.object({ id: ZId, name: z.string() }).nullable(),
  locationId: ZId.nullable(),
  lastContactOn: ZDate.nullable(),
  volunteerHours: z.number(),
  professionalHours: z.number(),
  /** Hours per week over the last 4 weeks. */
  weeklyHours: z.number(),
  openAgreements: z.number().int(),
  overdueAgreements: z.number().int(),
  nextMeetingAt: z.string().nullable(),
  signals: z.array(ZSignal),
});
export type TTrajectorySummary = z.infer<typeof ZTrajectorySummary>;
export const ZTrajectoryList = ZPage(ZTrajectorySummary);

export const ZTrajectoryAccessQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** PUT /trajectories/:id/coach (professionals). */
export const ZCoachRequest = z.strictObject({ coachUserId: ZId });
export type TCoachRequest = z.infer<typeof ZCoachRequest>;

// ---------------------------------------------------------------------------------------------
// Contacts and time
// ---------------------------------------------------------------------------------------------

export const CONTACT_KINDS = ['professional_meeting', 'preparation', 'evaluation', 'home_visit', 'phone', 'mail', 'court_hearing', 'peer_contact', 'training', 'other'] as const;
export const ZContactKind = z.enum(CONTACT_KINDS);
/** A contact is at most 24 hours of each kind of time (a day); 25 hours is a typing error. */
export const MAX_CONTACT_MINUTES = 24 * 60;

const ZContactFields = {
  kind: ZContactKind,
  occurredOn: ZDate,
  volunteerMinutes: z.number().int().min(0).max(MAX_CONTACT_MINUTES),
  professionalMinutes: z.number().int().min(0).max(MAX_CONTACT_MINUTES),
  participants: z.array(ZText(60)).max(12),
  note: ZText(2000),
  meetingId: ZId,
};

/** POST /trajectories/:id/contacts. Date not in the future (Amsterdam, checked by the server); some time is required. */
export const ZContactRequest = z
  .strictObject({
    ...ZContactFields,
    volunteerMinutes: ZContactFields.volunteerMinutes.default(0),
    professionalMinutes: ZContactFields.professionalMinutes.default(0),
    participants: ZContactFields.participants.default([]),
    note: ZContactFields.note.optional(),
    meetingId: ZContactFields.meetingId.optional(),
  })
  .refine((c) => c.volunteerMinutes + c.professionalMinutes > 0, { path: ['volunteerMinutes'], params: { messageKey: 'field.contact_minutes_required' } });
export type TContactRequest = z.input<typeof ZContactRequest>;
/**
 * PATCH …/contacts/:contactId: any part; null clears the note or the meeting. The server checks the
 * merged contact again (some time, not in the future, the meeting of this trajectory).
 */
export const ZContactPatchRequest = z.strictObject({
  kind: ZContactFields.kind.optional(),
  occurredOn: ZContactFields.occurredOn.optional(),
  volunteerMinutes: ZContactFields.volunteerMinutes.optional(),
  professionalMinutes: ZContactFields.professionalMinutes.optional(),
  participants: ZContactFields.participants.optional(),
  note: ZContactFields.note.nullable().optional(),
  meetingId: ZContactFields.meetingId.nullable().optional(),
});
export type TContactPatchRequest = z.infer<typeof ZContactPatchRequest>;

export const ZContact = z.object({
  id: ZId,
  kind: ZContactKind,
  occurredOn: ZDate,
  volunteerMinutes: z.number().int(),
  professionalMinutes: z.number().int(),
  participants: z.array(z.string()),
  note: z.string().nullable(),
  meetingId: ZId.nullable(),
  createdBy: z.object({ id: ZId, name: z.string() }),
  createdAt: z.string(),
});
export type TContact = z.infer<typeof ZContact>;
export const ZContactPage = ZPage(ZContact);
/** Newest first (date, then id). `reason`: break-the-glass outside one's locations. */
export const ZContactListQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  reason: ZAccessReason.optional(),
});

/** Weeks in the time summary: the current ISO week and the 25 before it. */
export const TIME_SUMMARY_WEEKS = 26;
/**
 * GET /trajectories/:id/time: totals and per ISO week for the last 26 weeks, oldest first. Every week
 * is there, a week without contacts with zero minutes, so a chart needs no gap filling.
 * `week` is the ISO week ("2026-W05"), `weekStart` its Monday.
 */
export const ZTimeSummary = z.object({
  volunteerMinutes: z.number().int(),
  professionalMinutes: z.number().int(),
  weeks: z.array(z.object({ week: z.string(), weekStart: ZDate, volunteerMinutes: z.number().int(), professionalMinutes: z.number().int() })),
});
export type TTimeSummary = z.infer<typeof ZTimeSummary>;

// ---------------------------------------------------------------------------------------------
// Houvast plan: family map, help questions → goals, self-reliance
// ---------------------------------------------------------------------------------------------

export const FAMILY_ROLES = ['parent', 'child', 'foster_parent', 'youth_protection_worker', 'care_provider', 'lawyer', 'school', 'network', 'other'] as const;
export const ZFamilyRole = z.enum(FAMILY_ROLES);

export const ZFamilyMemberRequest = z.strictObject({
  role: ZFamilyRole,
  name: ZText(120),
  organisation: ZText(120).optional(),
  note: ZText(1000).optional(),
});
export const ZFamilyMember = ZFamilyMemberRequest.extend({ id: ZId, organisation: z.string().nullable(), note: z.string().nullable(), position: z.number().int() }).strip();
export type TFamilyMember = z.infer<typeof ZFamilyMember>;
/** PATCH …/family-map/:memberId: any part; null clears an optional text; `position` moves the member (0 = first). */
export const ZFamilyMemberPatch = z.strictObject({
  role: ZFamilyRole.optional(),
  name: ZText(120).optional(),
  organisation: ZText(120).nullable().optional(),
  note: ZText(1000).nullable().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
});
export type TFamilyMemberPatch = z.infer<typeof ZFamilyMemberPatch>;
/** GET …/family-map: in position order. */
export const ZFamilyMapList = z.object({ items: z.array(ZFamilyMember) });

export const HELP_QUESTION_STATUSES = ['open', 'working', 'achieved', 'dropped'] as const;
export const ZHelpQuestionStatus = z.enum(HELP_QUESTION_STATUSES);

/** POST …/help-questions; PATCH …/help-questions/:qid takes any part. The question stays in the family's words. */
export const ZHelpQuestionRequest = z.strictObject({
  question: ZText(1000),
  goal: ZText(1000).optional(),
  status: ZHelpQuestionStatus.default('open'),
  strengths: ZText(2000).optional(),
  nextSteps: ZText(2000).optional(),
});
export const ZSelfRelianceScore = z.object({ id: ZId, score: z.number().int().min(1).max(5), recordedOn: ZDate, note: z.string().nullable() });
export const ZHelpQuestion = z.object({
  id: ZId,
  question: z.string(),
  goal: z.string().nullable(),
  status: ZHelpQuestionStatus,
  strengths: z.string().nullable(),
  nextSteps: z.string().nullable(),
  /** Oldest first: the chart of self-reliance over time. */
  scores: z.array(ZSelfRelianceScore),
});
export type THelpQuestion = z.infer<typeof ZHelpQuestion>;

/** PATCH …/help-questions/:qid: any part (no defaults, so a missing status stays); null clears an optional text. */
export const ZHelpQuestionPatch = z.strictObject({
  question: ZText(1000).optional(),
  goal: ZText(1000).nullable().optional(),
  status: ZHelpQuestionStatus.optional(),
  strengths: ZText(2000).nullable().optional(),
  nextSteps: ZText(2000).nullable().optional(),
});
export type THelpQuestionPatch = z.infer<typeof ZHelpQuestionPatch>;
/** GET …/help-questions: in position order, each with its scores oldest first. */
export const ZHelpQuestionList = z.object({ items: z.array(ZHelpQuestion) });

/** POST …/help-questions/:qid/scores: 1 (cannot yet) … 5 (does it alone). Not in the future. */
export const ZSelfRelianceRequest = z.strictObject({
  score: z.number().int().min(1).max(5),
  recordedOn: ZDate,
  note: ZText(1000).optional(),
});

// ---------------------------------------------------------------------------------------------
// Meetings with professionals and agreements
// ---------------------------------------------------------------------------------------------

export const MEETING_STATUSES = ['planned', 'held', 'cancelled'] as const;
export const ZMeetingRequest = z.strictObject({
  title: ZText(200),
  withWhom: ZText(200).optional(),
  scheduledAt: z.iso.datetime({ offset: true }),
  place: ZText(200).optional(),
  status: z.enum(MEETING_STATUSES).default('planned'),
  prepGoal: ZText(4000).optional(),
  prepResponses: ZText(4000).optional(),
  prepQuestions: ZText(4000).optional(),
  evaluation: ZText(4000).optional(),
});
export const ZMeeting = z.object({
  id: ZId,
  title: z.string(),
  withWhom: z.string().nullable(),
  scheduledAt: z.string(),
  place: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  prepGoal: z.string().nullable(),
  prepResponses: z.string().nullable(),
  prepQuestions: z.string().nullable(),
  evaluation: z.string().nullable(),
});
export type TMeeting = z.infer<typeof ZMeeting>;
/** PATCH …/meetings/:meetingId: any part (preparation, status held/cancelled, evaluation); null clears an optional text. */
export const ZMeetingPatch = z.strictObject({
  title: ZText(200).optional(),
  withWhom: ZText(200).nullable().optional(),
  scheduledAt: z.iso.datetime({ offset: true }).optional(),
  place: ZText(200).nullable().optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  prepGoal: ZText(4000).nullable().optional(),
  prepResponses: ZText(4000).nullable().optional(),
  prepQuestions: ZText(4000).nullable().optional(),
  evaluation: ZText(4000).nullable().optional(),
});
export type TMeetingPatch = z.infer<typeof ZMeetingPatch>;
/** GET …/meetings: upcoming ones (from now on) soonest first, then past ones newest first. */
export const ZMeetingList = z.object({ items: z.array(ZMeeting) });

export const AGREEMENT_PARTIES = ['parent', 'professional', 'volunteer', 'other'] as const;
export const AGREEMENT_STATUSES = ['open', 'done', 'not_kept', 'irrelevant'] as const;
export const ZAgreementStatus = z.enum(AGREEMENT_STATUSES);

/** POST …/agreements; PATCH …/agreements/:aid takes any part (a status change records when). */
export const ZAgreementRequest = z.strictObject({
  party: z.enum(AGREEMENT_PARTIES),
  partyName: ZText(120),
  description: ZText(2000),
  dueOn: ZDate.optional(),
  meetingId: ZId.optional(),
  status: ZAgreementStatus.default('open'),
  statusNote: ZText(1000).optional(),
});
export const ZAgreement = z.object({
  id: ZId,
  party: z.enum(AGREEMENT_PARTIES),
  partyName: z.string(),
  description: z.string(),
  dueOn: ZDate.nullable(),
  meetingId: ZId.nullable(),
  meetingTitle: z.string().nullable(),
  status: ZAgreementStatus,
  statusNote: z.string().nullable(),
  statusChangedAt: z.string().nullable(),
  /** Open with a due date before today (Amsterdam). */
  overdue: z.boolean(),
});
export type TAgreement = z.infer<typeof ZAgreement>;
/** PATCH …/agreements/:aid: any part; a status change records when (statusChangedAt); null clears an optional field. */
export const ZAgreementPatch = z.strictObject({
  party: z.enum(AGREEMENT_PARTIES).optional(),
  partyName: ZText(120).optional(),
  description: ZText(2000).optional(),
  dueOn: ZDate.nullable().optional(),
  meetingId: ZId.nullable().optional(),
  status: ZAgreementStatus.optional(),
  statusNote: ZText(1000).nullable().optional(),
});
export type TAgreementPatch = z.infer<typeof ZAgreementPatch>;
/** GET …/agreements?status=open|all: open ones overdue first, then by due date; with 'all' the closed ones follow (latest change first). */
export const ZAgreementListQuery = z.strictObject({ status: z.enum(['open', 'all']).default('open'), reason: ZAccessReason.optional() });
export const ZAgreementList = z.object({ items: z.array(ZAgreement) });
/** GET …/meetings/:meetingId: the meeting with the agreements made in it. */
export const ZMeetingDetail = ZMeeting.extend({ agreements: z.array(ZAgreement) });
export type TMeetingDetail = z.infer<typeof ZMeetingDetail>;

// ---------------------------------------------------------------------------------------------
// The dossier
// ---------------------------------------------------------------------------------------------

/** An open deadline as the dossier's overview shows it (the legal module's rules explain it by `ruleCode`; 'manual': typed in). */
export const ZDossierDeadline = z.object({
  id: ZId,
  ruleCode: z.string(),
  /** The rule's Dutch title, or the title typed in for a manual deadline. */
  title: z.string(),
  dueOn: ZDate,
  overdue: z.boolean(),
});
export type TDossierDeadline = z.infer<typeof ZDossierDeadline>;
/** How many of the next open deadlines the dossier carries. */
export const DOSSIER_DEADLINES = 5;

/** GET /trajectories/:id: the dossier's first screen in one call (timeline first page, plan, open agreements, next meetings, next deadlines). */
export const ZTrajectoryDossier = z.object({
  trajectory: ZTrajectorySummary.extend({
    applicationId: ZId,
    phaseChangedAt: z.string(),
    outcome: ZOutcome.nullable(),
    outcomeNote: z.string().nullable(),
    closedAt: z.string().nullable(),
    aftercareUntil: ZDate.nullable(),
    previousTrajectoryId: ZId.nullable(),
    /** The phases this user may move it to now. */
    allowedPhases: z.array(ZPhase),
    children: z.array(z.object({ firstName: z.string(), birthYear: z.number().int(), measure: ZMeasure })),
  }),
  phaseEvents: z.array(ZPhaseEvent),
  familyMap: z.array(ZFamilyMember),
  helpQuestions: z.array(ZHelpQuestion),
  contacts: ZContactPage,
  openAgreements: z.array(ZAgreement),
  upcomingMeetings: z.array(ZMeeting),
  /** The next DOSSIER_DEADLINES open deadlines by due date (overdue ones first). */
  nextDeadlines: z.array(ZDossierDeadline),
});
export type TTrajectoryDossier = z.infer<typeof ZTrajectoryDossier>;
