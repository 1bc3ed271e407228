import { z } from 'zod';
import { ZEmail, ZId } from './common.js';
import { ZAccessReason } from './users.js';

/**
 * Applications (aanmeldingen) and intake: the contracts of /api/v1/public/organisations/:orgId/…
 * and /api/v1/applications, shared by the server routes and the web forms. No server imports.
 * The value lists mirror src/modules/intake/tables.ts (a unit test keeps them equal).
 */

/** Who sent the application (verwijzer). 'self' = the parent applied themselves. */
export const REFERRER_TYPES = ['self', 'cvp', 'district_team', 'youth_protection', 'care_provider', 'lawyer', 'school', 'other'] as const;
/** How the application reached the organisation. */
export const APPLICATION_CHANNELS = ['public_form', 'phone', 'mail', 'referrer', 'other'] as const;
/** Channels a coordinator records on the staff form (the public form is its own channel). */
export const STAFF_CHANNELS = ['phone', 'mail', 'referrer', 'other'] as const;
export const APPLICATION_STATUSES = ['new', 'contacted', 'waiting', 'matching', 'matched', 'referred', 'declined', 'merged'] as const;
/** Measures in force per child (maatregelen). */
export const MEASURES = ['none', 'voluntary', 'ots', 'out_of_home_authorised', 'out_of_home_unauthorised', 'guardianship', 'youth_probation'] as const;
export const INSTITUTION_KINDS = ['gi', 'provider', 'other'] as const;
export const INTAKE_DECISIONS = ['accept_waiting', 'accept_matching', 'refer', 'decline'] as const;

export const ZReferrerType = z.enum(REFERRER_TYPES);
export type TReferrerType = z.infer<typeof ZReferrerType>;
export const ZApplicationChannel = z.enum(APPLICATION_CHANNELS);
export type TApplicationChannel = z.infer<typeof ZApplicationChannel>;
export const ZStaffChannel = z.enum(STAFF_CHANNELS);
export const ZApplicationStatus = z.enum(APPLICATION_STATUSES);
export type TApplicationStatus = z.infer<typeof ZApplicationStatus>;
export const ZMeasure = z.enum(MEASURES);
export type TMeasure = z.infer<typeof ZMeasure>;
export const ZIntakeDecision = z.enum(INTAKE_DECISIONS);
export type TIntakeDecision = z.infer<typeof ZIntakeDecision>;
export const ZQueue = z.enum(['location', 'helpdesk']);
export type TQueue = z.infer<typeof ZQueue>;
export const ZDueState = z.enum(['overdue', 'due_today', 'upcoming', 'done']);
export type TDueState = z.infer<typeof ZDueState>;

/** 1 urgent (hearing or decision within 42 days), 2 soon (within 92 days), 3 normal. */
export const ZPriority = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type TPriority = z.infer<typeof ZPriority>;
export const URGENT_DAYS = 42;
export const SOON_DAYS = 92;

const dayNumber = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return Math.floor(Date.UTC(y!, m! - 1, d!) / 86_400_000);
};

/**
 * Waiting-list priority from the urgency signal (a court hearing or decision date, yyyy-mm-dd) on
 * `today` (yyyy-mm-dd, Europe/Amsterdam). A date from today up to 42 days ahead is urgent (1), up
 * to 92 days soon (2); none, a passed date or a later one is normal (3).
 * Waiting list order: priority, then accepted_at, then id.
 */
export function priorityOf(hearingDate: string | null | undefined, today: string): TPriority {
  if (!hearingDate) return 3;
  const days = dayNumber(hearingDate) - dayNumber(today);
  if (days < 0) return 3;
  if (days <= URGENT_DAYS) return 1;
  if (days <= SOON_DAYS) return 2;
  return 3;
}

// ---- field shapes -------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().min(1).max(max);
const POSTCODE_RE = /^[1-9][0-9]{3} ?[A-Za-z]{2}$/;
const PHONE_RE = /^\+?[0-9(][0-9 ()-]{7,19}$/;
const digitCount = (v: string) => v.replace(/\D/g, '').length;
/** Dutch postcode, 1234 AB (the space is optional; the server stores it as "1234 AB"). */
export const ZPostcode = z
  .string()
  .trim()
  .max(7)
  .refine((v) => POSTCODE_RE.test(v), { params: { messageKey: 'field.postcode' } });
/** A phone number: digits with an optional leading +, spaces, dashes or brackets. */
export const ZPhone = z
  .string()
  .trim()
  .max(20)
  .refine((v) => PHONE_RE.test(v) && digitCount(v) >= 8 && digitCount(v) <= 15, { params: { messageKey: 'field.phone' } });
export const ZMunicipalityCode = z.string().regex(/^GM\d{4}$/);
/** yyyy-mm-dd */
export const ZDate = z.iso.date();
/** ISO 639-1 language code, e.g. nl, en, ar, tr, pl. */
export const ZPreferredLanguage = z.string().regex(/^[a-z]{2}$/);

export const FIRST_BIRTH_YEAR = 1990;
/** Year of birth: not before 1990 (Naast supports parents of minors), not in the future. */
export const ZBirthYear = z
  .number()
  .int()
  .min(FIRST_BIRTH_YEAR)
  .max(2100)
  .refine((y) => y <= new Date().getFullYear(), { params: { messageKey: 'field.birth_year_future' } });

export const MAX_PEOPLE = 4;
export const MAX_CHILDREN = 6;
export const MAX_INSTITUTIONS = 10;

/** A parent or carer, and how to reach them safely (e.g. "do not call before 17:00"). */
export const ZApplicationPerson = z.strictObject({
  relation: z.enum(['parent', 'carer']),
  firstName: text(80),
  lastName: text(120),
  email: ZEmail.optional(),
  phone: ZPhone.optional(),
  safeContactNote: text(500).optional(),
});
export type TApplicationPerson = z.infer<typeof ZApplicationPerson>;

/** A child: first name and year of birth only. There is no BSN field, and a strict object refuses one. */
export const ZApplicationChild = z.strictObject({
  firstName: text(80),
  birthYear: ZBirthYear,
  measure: ZMeasure,
});
export type TApplicationChild = z.infer<typeof ZApplicationChild>;

export const ZInstitution = z.strictObject({ kind: z.enum(INSTITUTION_KINDS), name: text(160) });
export type TInstitution = z.infer<typeof ZInstitution>;

/** What every application captures, whichever way it came in. */
const family = {
  people: z.array(ZApplicationPerson).min(1).max(MAX_PEOPLE),
  children: z.array(ZApplicationChild).min(1).max(MAX_CHILDREN),
  /** Municipality of residence (CBS code); must exist, decides location and funding. */
  municipalityCode: ZMunicipalityCode,
  postcode: ZPostcode.optional(),
  institutions: z.array(ZInstitution).max(MAX_INSTITUTIONS).default([]),
  /** The core of the conflict, in the parent's own words. */
  conflictSummary: text(4000),
  /** Urgency signal: a court hearing or decision date. */
  hearingDate: ZDate.optional(),
  urgencyNote: text(500).optional(),
  preferredLanguage: ZPreferredLanguage.default('nl'),
  /** The explicit consent checkbox: must be ticked. */
  consent: z.literal(true),
  /** The version of the privacy statement shown with the form (GET …/application-form). */
  privacyStatementVersion: text(40),
};

/** Minimum time between opening the form and sending it (a person cannot fill it in faster). */
export const MIN_FILL_SECONDS = 3;
/** Name of the honeypot field: hidden from people, bots fill it. The form must send it empty or leave it out. */
export const HONEYPOT_FIELD = 'website';

/**
 * POST /api/v1/public/organisations/:orgId/applications (no account). `startedAt` is the value the
 * form received from GET …/application-form (server time, so a wrong clock on the phone does not
 * matter). A filled honeypot is answered with 400 `form_rejected` and nothing is stored: a person
 * whose browser filled the hidden field by accident learns that it did not arrive.
 */
export const ZPublicApplicationRequest = z.strictObject({
  ...family,
  startedAt: z.iso.datetime({ offset: true }),
  website: z.string().max(200).optional(),
});
export type TPublicApplicationRequest = z.infer<typeof ZPublicApplicationRequest>;

/** POST /api/v1/applications: a coordinator records an application that came by phone, mail or from a referrer. */
export const ZStaffApplicationRequest = z.strictObject({
  ...family,
  channel: ZStaffChannel,
  referrerType: ZReferrerType,
  referrerName: text(120).optional(),
  referrerOrganisation: text(160).optional(),
  referrerEmail: ZEmail.optional(),
  referrerPhone: ZPhone.optional(),
  /** Required (true) when a referrer sent the application: the parent agreed to being referred. */
  parentAgreedToReferral: z.boolean().default(false),
  /** The parent agreed that the referrer hears, without content, what happened. */
  referrerMayBeTold: z.boolean().default(false),
  /** When it came in (a call yesterday recorded today); default now, never in the future. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
});
export type TStaffApplicationRequest = z.infer<typeof ZStaffApplicationRequest>;

/** PATCH /api/v1/applications/:id: corrections. Lists replace the stored ones; null clears an optional field. */
export const ZUpdateApplicationRequest = z.strictObject({
  people: family.people.optional(),
  children: family.children.optional(),
  municipalityCode: ZMunicipalityCode.optional(),
  postcode: ZPostcode.nullable().optional(),
  institutions: z.array(ZInstitution).max(MAX_INSTITUTIONS).optional(),
  conflictSummary: text(4000).optional(),
  hearingDate: ZDate.nullable().optional(),
  urgencyNote: text(500).nullable().optional(),
  preferredLanguage: ZPreferredLanguage.optional(),
  referrerName: text(120).nullable().optional(),
  referrerOrganisation: text(160).nullable().optional(),
  referrerEmail: ZEmail.nullable().optional(),
  referrerPhone: ZPhone.nullable().optional(),
  referrerMayBeTold: z.boolean().optional(),
});
export type TUpdateApplicationRequest = z.infer<typeof ZUpdateApplicationRequest>;

/** POST /:id/first-contact (status new → contacted). `at` defaults to now. */
export const ZFirstContactRequest = z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }).nullish();

/** POST /:id/intake: the intake conversation and its decision. */
export const ZIntakeRequest = z.strictObject({
  heldAt: z.iso.datetime({ offset: true }),
  /** The help questions in the family's words ("what is my family and what are my help questions?"). */
  helpQuestions: z.array(text(1000)).min(1).max(10),
  goals: text(4000).optional(),
  risks: text(4000).optional(),
  decision: ZIntakeDecision,
  /** refer: to whom (e.g. the CVP). Required for refer. */
  referredTo: text(200).optional(),
  /** refer and decline: why. Required for both. */
  reason: text(2000).optional(),
});
export type TIntakeRequest = z.infer<typeof ZIntakeRequest>;

/** POST /:id/duplicate: merge into the suspected original, or keep both. */
export const ZDuplicateRequest = z.strictObject({ resolution: z.enum(['merge', 'keep_apart']) });
export type TDuplicateRequest = z.infer<typeof ZDuplicateRequest>;

/** POST /:id/link-parent: the parent's own account (role parent, same organisation). */
export const ZLinkParentRequest = z.strictObject({ userId: ZId });

/** `reason`: break-the-glass for an application of another location (403 reason_required asks for it). */
export const ZApplicationAccessQuery = z.strictObject({ reason: ZAccessReason.optional() });

// ---- answers ------------------------------------------------------------------------------------

/** GET /api/v1/public/organisations/:orgId/application-form: what the public form needs to render. */
export const ZApplicationForm = z.object({
  organisationName: z.string(),
  /** The work area: municipalities the organisation serves (others may apply too: they get advice at a distance). */
  municipalities: z.array(z.object({ code: ZMunicipalityCode, name: z.string() })),
  privacyStatement: z.object({ version: z.string(), text: z.string() }),
  /** Send back as `startedAt`. */
  startedAt: z.string(),
  minFillSeconds: z.number(),
  honeypotField: z.string(),
  /** The organisation's promise, shown on the confirmation page: first contact within this many working days. */
  firstContactWorkingDays: z.number().int(),
});
export type TApplicationForm = z.infer<typeof ZApplicationForm>;

/** 201 of the public form: only the reference number. */
export const ZApplicationReceipt = z.object({ reference: z.string() });
export type TApplicationReceipt = z.infer<typeof ZApplicationReceipt>;

export const ZInboxQuery = z.strictObject({
  /** open: waiting for first contact; intake: contacted, no decision yet; all: everything. */
  state: z.enum(['open', 'intake', 'all']).default('open'),
  queue: ZQueue.optional(),
  locationId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type TInboxQuery = z.infer<typeof ZInboxQuery>;

/** One row of the coordinator inbox: no more personal data than a short name. */
export const ZInboxItem = z.object({
  id: ZId,
  reference: z.string(),
  status: ZApplicationStatus,
  receivedAt: z.string(),
  firstContactDueAt: z.string(),
  dueState: ZDueState,
  municipalityCode: ZMunicipalityCode,
  municipalityName: z.string(),
  locationId: ZId.nullable(),
  locationName: z.string().nullable(),
  queue: ZQueue,
  financingNeeded: z.boolean(),
  possibleDuplicate: z.boolean(),
  priority: ZPriority,
  /** First name and initial of the last name of the first parent, e.g. "Sanne B.". */
  shortName: z.string(),
});
export type TInboxItem = z.infer<typeof ZInboxItem>;

export const ZIntake = z.object({
  heldAt: z.string(),
  helpQuestions: z.array(z.string()),
  goals: z.string(),
  risks: z.string(),
  decision: ZIntakeDecision,
  referredTo: z.string().nullable(),
  reason: z.string().nullable(),
  decidedBy: ZId,
  decidedAt: z.string(),
});
export type TIntake = z.infer<typeof ZIntake>;

/** GET /api/v1/applications/:id */
export const ZApplicationDetail = z.object({
  id: ZId,
  reference: z.string(),
  status: ZApplicationStatus,
  channel: ZApplicationChannel,
  referrerType: ZReferrerType,
  referrerName: z.string().nullable(),
  referrerOrganisation: z.string().nullable(),
  referrerEmail: z.string().nullable(),
  referrerPhone: z.string().nullable(),
  parentAgreedToReferral: z.boolean(),
  referrerMayBeTold: z.boolean(),
  people: z.array(
    z.object({
      relation: z.enum(['parent', 'carer']),
      firstName: z.string(),
      lastName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      safeContactNote: z.string().nullable(),
    }),
  ),
  children: z.array(z.object({ firstName: z.string(), birthYear: z.number(), measure: ZMeasure })),
  municipalityCode: ZMunicipalityCode,
  municipalityName: z.string(),
  postcode: z.string().nullable(),
  locationId: ZId.nullable(),
  locationName: z.string().nullable(),
  queue: ZQueue,
  funding: z.enum(['subsidy', 'per_trajectory']).nullable(),
  financingNeeded: z.boolean(),
  /** Helpdesk applications: where the family could turn instead. */
  suggestedReferral: z.string().nullable(),
  conflictSummary: z.string(),
  institutions: z.array(z.object({ kind: z.string(), name: z.string() })),
  preferredLanguage: z.string(),
  hearingDate: z.string().nullable(),
  urgencyNote: z.string().nullable(),
  priority: ZPriority,
  consentAt: z.string(),
  privacyStatementVersion: z.string(),
  receivedAt: z.string(),
  firstContactDueAt: z.string(),
  dueState: ZDueState,
  firstContactAt: z.string().nullable(),
  firstContactBy: ZId.nullable(),
  acceptedAt: z.string().nullable(),
  possibleDuplicateOf: z.object({ id: ZId, reference: z.string() }).nullable(),
  duplicateResolution: z.enum(['merged', 'kept_apart']).nullable(),
  mergedInto: ZId.nullable(),
  parentUserId: ZId.nullable(),
  intake: ZIntake.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TApplicationDetail = z.infer<typeof ZApplicationDetail>;
