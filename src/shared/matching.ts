import { z } from 'zod';
import { ZId, ZText } from './common.js';
import { MEASURES, ZMeasure, ZPriority } from './intake.js';
import { ZMunicipalityCode } from './organisation.js';
import { ZAccessReason } from './users.js';

/**
 * Volunteer profiles, matching a family with a volunteer, and the volunteer's answer (issue 4).
 * Shared by the routes and the web forms. No server imports here.
 */

/** Measures in force per child (maatregelen): the intake's list. */
export const MATCH_MEASURES = MEASURES;
export const ZMatchMeasure = ZMeasure;

/** ISO 639-1 language codes (two letters), the languages a volunteer speaks and a family prefers. */
export const ISO_639_1 = [
  'aa', 'ab', 'ae', 'af', 'ak', 'am', 'an', 'ar', 'as', 'av', 'ay', 'az', 'ba', 'be', 'bg', 'bi', 'bm', 'bn', 'bo', 'br', 'bs', 'ca', 'ce', 'ch', 'co', 'cr', 'cs', 'cu', 'cv', 'cy',
  'da', 'de', 'dv', 'dz', 'ee', 'el', 'en', 'eo', 'es', 'et', 'eu', 'fa', 'ff', 'fi', 'fj', 'fo', 'fr', 'fy', 'ga', 'gd', 'gl', 'gn', 'gu', 'gv', 'ha', 'he', 'hi', 'ho', 'hr', 'ht',
  'hu', 'hy', 'hz', 'ia', 'id', 'ie', 'ig', 'ii', 'ik', 'io', 'is', 'it', 'iu', 'ja', 'jv', 'ka', 'kg', 'ki', 'kj', 'kk', 'kl', 'km', 'kn', 'ko', 'kr', 'ks', 'ku', 'kv', 'kw', 'ky',
  'la', 'lb', 'lg', 'li', 'ln', 'lo', 'lt', 'lu', 'lv', 'mg', 'mh', 'mi', 'mk', 'ml', 'mn', 'mr', 'ms', 'mt', 'my', 'na', 'nb', 'nd', 'ne', 'ng', 'nl', 'nn', 'no', 'nr', 'nv', 'ny',
  'oc', 'oj', 'om', 'or', 'os', 'pa', 'pi', 'pl', 'ps', 'pt', 'qu', 'rm', 'rn', 'ro', 'ru', 'rw', 'sa', 'sc', 'sd', 'se', 'sg', 'si', 'sk', 'sl', 'sm', 'sn', 'so', 'sq', 'sr', 'ss',
  'st', 'su', 'sv', 'sw', 'ta', 'te', 'tg', 'th', 'ti', 'tk', 'tl', 'tn', 'to', 'tr', 'ts', 'tt', 'tw', 'ty', 'ug', 'uk', 'ur', 'uz', 've', 'vi', 'vo', 'wa', 'wo', 'xh', 'yi', 'yo',
  'za', 'zh', 'zu',
] as const;
export const ZLanguageCode = z.enum(ISO_639_1);

/** Hard ceiling of the database (volunteer_profiles_max_families_check); the organisation's own limit (default 3) is checked by the server. */
export const MAX_FAMILIES_CEILING = 10;
export const DEFAULT_MAX_FAMILIES = 3;

const ZInstitutionName = ZText(120);
/** Lists: the server drops duplicates. */
const list = <T extends z.ZodType>(item: T, max: number) => z.array(item).max(max);

// ---------------------------------------------------------------------------------------------
// Volunteer profiles
// ---------------------------------------------------------------------------------------------

/** PUT /volunteers/:id/profile (coordinator or admin): the whole profile. */
export const ZVolunteerProfileRequest = z.strictObject({
  homeMunicipalityCode: ZMunicipalityCode.nullable(),
  /** Municipalities (CBS codes) they can travel to. */
  travelMunicipalities: list(ZMunicipalityCode, 60),
  hoursPerWeek: z.number().int().min(0).max(40),
  maxFamilies: z.number().int().min(0).max(MAX_FAMILIES_CEILING),
  measureExperience: list(ZMatchMeasure, MATCH_MEASURES.length),
  institutionExperience: list(ZInstitutionName, 30),
  languages: list(ZLanguageCode, 12).min(1),
  /** Institutions they must not be matched with (e.g. a former employer). */
  conflictInstitutions: list(ZInstitutionName, 30),
  /** Families (application ids) they must not be matched with. */
  conflictApplicationIds: list(ZId, 50),
});
export type TVolunteerProfileRequest = z.infer<typeof ZVolunteerProfileRequest>;

/** PUT /me/volunteer-profile (the volunteer): availability only; caseload limit and conflicts are set by the coordinator. */
export const ZOwnVolunteerProfileRequest = z.strictObject({
  homeMunicipalityCode: ZMunicipalityCode.nullable(),
  travelMunicipalities: list(ZMunicipalityCode, 60),
  hoursPerWeek: z.number().int().min(0).max(40),
  languages: list(ZLanguageCode, 12).min(1),
});
export type TOwnVolunteerProfileRequest = z.infer<typeof ZOwnVolunteerProfileRequest>;

export const ZVolunteerProfile = z.object({
  userId: ZId,
  displayName: z.string(),
  locationIds: z.array(ZId),
  homeMunicipalityCode: ZMunicipalityCode.nullable(),
  travelMunicipalities: z.array(ZMunicipalityCode),
  hoursPerWeek: z.number().int(),
  maxFamilies: z.number().int(),
  activeFamilies: z.number().int(),
  measureExperience: z.array(ZMatchMeasure),
  institutionExperience: z.array(z.string()),
  languages: z.array(z.string()),
  conflictInstitutions: z.array(z.string()),
  conflictApplicationIds: z.array(ZId),
  /** The organisation's limit for maxFamilies (setting maxFamiliesPerVolunteer, default 3). */
  maxFamiliesLimit: z.number().int(),
  /** False while the profile was never saved: the values shown are the defaults. */
  saved: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type TVolunteerProfile = z.infer<typeof ZVolunteerProfile>;

/** The volunteer's own view: no list of families they must not be matched with. */
export const ZOwnVolunteerProfile = ZVolunteerProfile.omit({ conflictApplicationIds: true });
export type TOwnVolunteerProfile = z.infer<typeof ZOwnVolunteerProfile>;

/** GET /volunteers/:id/profile: `reason` for break-the-glass outside one's locations (problem reason_required). */
export const ZVolunteerReadQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** GET /volunteers: active volunteers, optionally of one location. */
export const ZVolunteersQuery = z.strictObject({
  locationId: ZId.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type TVolunteersQuery = z.infer<typeof ZVolunteersQuery>;

export const ZVolunteerListItem = z.object({
  userId: ZId,
  displayName: z.string(),
  locationIds: z.array(ZId),
  hoursPerWeek: z.number().int(),
  activeFamilies: z.number().int(),
  maxFamilies: z.number().int(),
  freeSlots: z.number().int(),
  languages: z.array(z.string()),
  /** False: no profile saved yet (defaults shown). */
  hasProfile: z.boolean(),
});
export type TVolunteerListItem = z.infer<typeof ZVolunteerListItem>;

// ---------------------------------------------------------------------------------------------
// Scores and reasons (see src/modules/matching/scoring.ts)
// ---------------------------------------------------------------------------------------------

export const ZReasonCode = z.enum(['distance', 'measure', 'institution', 'language', 'hours', 'caseload']);
export const ZReason = z.object({
  code: ZReasonCode,
  points: z.number(),
  detail: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type TReason = z.infer<typeof ZReason>;

/** Hard exclusions: the volunteer cannot take this family. */
export const ZExclusionCode = z.enum(['full', 'conflict_family', 'conflict_institution', 'out_of_area', 'language']);
export const ZExclusion = z.object({ code: ZExclusionCode });
export type TExclusion = z.infer<typeof ZExclusion>;

/** 1 urgent (hearing or decision within 6 weeks), 2 soon (within 3 months), 3 normal. */
export const ZMatchPriority = ZPriority;

// ---------------------------------------------------------------------------------------------
// Ranking for one family
// ---------------------------------------------------------------------------------------------

export const ZMatchCandidatesQuery = z.strictObject({ reason: ZAccessReason.optional() });

export const ZMatchCandidate = z.object({
  volunteerUserId: ZId,
  displayName: z.string(),
  /** 0..100; 0 for an excluded volunteer. */
  score: z.number(),
  suitable: z.boolean(),
  reasons: z.array(ZReason),
  exclusions: z.array(ZExclusion),
  activeFamilies: z.number().int(),
  maxFamilies: z.number().int(),
  hoursPerWeek: z.number().int(),
});
export type TMatchCandidate = z.infer<typeof ZMatchCandidate>;

export const ZMatchStatus = z.enum(['pending', 'accepted', 'declined', 'withdrawn']);
export type TMatchStatus = z.infer<typeof ZMatchStatus>;

/**
 * One earlier or open match of a family, for the coordinator's match screen. `declineReason` is the
 * volunteer's own text about the family: only staff with matching.manage see it (never mailed).
 */
export const ZMatchHistoryItem = z.object({
  id: ZId,
  volunteer: z.object({ id: ZId, name: z.string() }),
  status: ZMatchStatus,
  score: z.number(),
  confirmedAt: z.string(),
  respondedAt: z.string().nullable(),
  declineReason: z.string().nullable(),
  /** The coordinator who confirmed it (null when that account is gone). */
  confirmedByName: z.string().nullable(),
});
export type TMatchHistoryItem = z.infer<typeof ZMatchHistoryItem>;

export const ZMatchCandidates = z.object({
  application: z.object({
    id: ZId,
    reference: z.string(),
    status: z.enum(['waiting', 'matching']),
    priority: ZMatchPriority,
    locationId: ZId.nullable(),
    municipalityCode: ZMunicipalityCode,
    /** An open (pending or accepted) match exists: a new one cannot be confirmed. */
    openMatchId: ZId.nullable(),
  }),
  /** Suitable volunteers first (best score first), excluded ones after with their exclusions. */
  candidates: z.array(ZMatchCandidate),
  /** Every match this family had (pending, accepted, declined, withdrawn), newest first. */
  matches: z.array(ZMatchHistoryItem),
});
export type TMatchCandidates = z.infer<typeof ZMatchCandidates>;

// ---------------------------------------------------------------------------------------------
// Whole-list proposal (read-only; the coordinator confirms each match)
// ---------------------------------------------------------------------------------------------

/** Without locationId: the coordinator's own locations (an admin: the whole organisation). */
export const ZProposalQuery = z.strictObject({
  locationId: ZId.optional(),
  reason: ZAccessReason.optional(),
});
export type TProposalQuery = z.infer<typeof ZProposalQuery>;

export const ZProposalStats = z.object({
  families: z.number().int(),
  assigned: z.number().int(),
  totalScore: z.number(),
  perPriority: z.array(z.object({ priority: ZMatchPriority, families: z.number().int(), assigned: z.number().int() })),
});
export type TProposalStats = z.infer<typeof ZProposalStats>;

export const ZProposalItem = z.object({
  applicationId: ZId,
  reference: z.string(),
  priority: ZMatchPriority,
  volunteerUserId: ZId,
  volunteerName: z.string(),
  score: z.number(),
  reasons: z.array(ZReason),
});
export type TProposalItem = z.infer<typeof ZProposalItem>;

export const ZProposal = z.object({
  locationIds: z.array(ZId),
  /** The optimal assignment (most families, most urgent first, then the best total fit). */
  proposals: z.array(ZProposalItem),
  /** Families no free volunteer can take now. */
  unassigned: z.array(z.object({ applicationId: ZId, reference: z.string(), priority: ZMatchPriority })),
  comparison: z.object({ optimal: ZProposalStats, greedy: ZProposalStats }),
});
export type TProposal = z.infer<typeof ZProposal>;

// ---------------------------------------------------------------------------------------------
// Matches
// ---------------------------------------------------------------------------------------------

/** POST /matches (coordinator confirms a match). */
export const ZConfirmMatchRequest = z.strictObject({
  applicationId: ZId,
  volunteerUserId: ZId,
  /** Break-the-glass: a family of another location. */
  reason: ZAccessReason.optional(),
});
export type TConfirmMatchRequest = z.infer<typeof ZConfirmMatchRequest>;

export const ZMatch = z.object({
  id: ZId,
  applicationId: ZId,
  reference: z.string(),
  volunteerUserId: ZId,
  volunteerName: z.string(),
  status: ZMatchStatus,
  score: z.number(),
  reasons: z.array(ZReason),
  confirmedAt: z.string(),
  respondedAt: z.string().nullable(),
});
export type TMatch = z.infer<typeof ZMatch>;

/** POST /matches/:id/withdraw: `reason` for break-the-glass (a family of another location). */
export const ZWithdrawMatchRequest = z.strictObject({ reason: ZAccessReason.optional() }).nullish();
export type TWithdrawMatchRequest = z.infer<typeof ZWithdrawMatchRequest>;

/** POST /me/matches/:id/decline */
export const ZDeclineMatchRequest = z.strictObject({ reason: ZText(500) });
export type TDeclineMatchRequest = z.infer<typeof ZDeclineMatchRequest>;

/**
 * What a volunteer sees of a family offered to them: no names, no help questions. The measures,
 * institutions and language only while the match is pending (to decide); after the answer they are
 * empty (an accepted family continues in its trajectory: trajectoryId).
 */
export const ZMyMatch = z.object({
  id: ZId,
  status: ZMatchStatus,
  score: z.number(),
  confirmedAt: z.string(),
  respondedAt: z.string().nullable(),
  family: z.object({
    reference: z.string(),
    municipalityName: z.string(),
    measures: z.array(ZMatchMeasure),
    institutions: z.array(z.string()),
    preferredLanguage: z.string(),
  }),
  /** Set when accepted: the trajectory that started. */
  trajectoryId: ZId.nullable(),
});
export type TMyMatch = z.infer<typeof ZMyMatch>;
export const ZMyMatches = z.object({ items: z.array(ZMyMatch) });
export type TMyMatches = z.infer<typeof ZMyMatches>;
