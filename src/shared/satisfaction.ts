import { z } from 'zod';
import { ZId } from './common.js';
import { ZAccessReason } from './users.js';

// The satisfaction questionnaire (tevredenheidsmonitor), results and aftercare (nazorg), issue 5.
// Shared by server and web: no server imports here.

/** The scale questions, 1 (not at all) to 5 (completely). Plain language (B1); the web shows words, not numbers. */
export const SCALE_QUESTIONS = ['heard', 'understood', 'contact', 'stronger', 'recommend'] as const;
export type TScaleQuestion = (typeof SCALE_QUESTIONS)[number];

/** The question texts live here so the public page and the results speak the same words. */
export const QUESTION_TEXT: Record<TScaleQuestion | 'comment', { nl: string; en: string }> = {
  heard: { nl: 'Voelde u zich gehoord door uw vrijwilliger?', en: 'Did you feel heard by your volunteer?' },
  understood: { nl: 'Begreep u beter wat er gebeurde en wat uw rechten waren?', en: 'Did you understand better what was happening and what your rights were?' },
  contact: { nl: 'Is het contact met de jeugdzorg beter geworden?', en: 'Has the contact with youth care improved?' },
  stronger: { nl: 'Kunt u nu beter zelf opkomen voor uzelf en uw kind?', en: 'Can you now stand up better for yourself and your child?' },
  recommend: { nl: 'Zou u ons aanraden aan andere ouders?', en: 'Would you recommend us to other parents?' },
  comment: {
    nl: 'Wilt u nog iets kwijt? (mag leeg blijven). Schrijf geen namen op.',
    en: 'Anything else you want to tell us? (may stay empty). Please do not write any names.',
  },
};

/** The words beside the scale (1–5). */
export const SCALE_WORDS: Record<1 | 2 | 3 | 4 | 5, { nl: string; en: string }> = {
  1: { nl: 'Helemaal niet', en: 'Not at all' },
  2: { nl: 'Niet echt', en: 'Not really' },
  3: { nl: 'Een beetje', en: 'A little' },
  4: { nl: 'Grotendeels', en: 'Mostly' },
  5: { nl: 'Helemaal', en: 'Completely' },
};

export const COMMENT_MAX = 1000;
/** A results cell shows averages only from this many answers on, so nobody can be recognised. */
export const MIN_RESPONSES = 5;
/** Links in the invitation mail stay valid this long. */
export const INVITATION_DAYS = 60;

const ZScale = z.number().int().min(1).max(5);

/** POST /public/questionnaire/:token */
export const ZQuestionnaireAnswers = z.strictObject({
  heard: ZScale,
  understood: ZScale,
  contact: ZScale,
  stronger: ZScale,
  recommend: ZScale,
  comment: z.string().trim().max(COMMENT_MAX).optional(),
});
export type TQuestionnaireAnswers = z.infer<typeof ZQuestionnaireAnswers>;
export const ZQuestionnaireRequest = z.strictObject({ answers: ZQuestionnaireAnswers });
export type TQuestionnaireRequest = z.infer<typeof ZQuestionnaireRequest>;

/** The token in the link: `<orgId>.<random>`; anything else reads as an unknown link. */
export const ZQuestionnaireParams = z.strictObject({ token: z.string().min(1).max(200) });

/** GET /public/questionnaire/:token */
export const ZQuestionnaire = z.object({
  organisationName: z.string(),
  questions: z.array(z.object({ id: z.enum([...SCALE_QUESTIONS, 'comment']), kind: z.enum(['scale', 'text']), text: z.string() })),
  scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
});
export type TQuestionnaire = z.infer<typeof ZQuestionnaire>;
export const ZQuestionnaireThanks = z.object({ received: z.literal(true) });

// ---- results (resultaten): aggregate only ------------------------------------------------------

export const ZResultsQuery = z.strictObject({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  locationId: ZId.optional(),
});
export type TResultsQuery = z.infer<typeof ZResultsQuery>;

const OUTCOME_KEYS = ['resolved', 'positive_restart', 'not_resolved', 'parent_stopped', 'referred'] as const;

export const ZOutcomeRow = z.object({
  /** null: the total of all locations shown (or trajectories without a location, in a location row). */
  locationId: ZId.nullable(),
  locationName: z.string().nullable(),
  closed: z.number().int(),
  byOutcome: z.object(Object.fromEntries(OUTCOME_KEYS.map((k) => [k, z.number().int()])) as Record<(typeof OUTCOME_KEYS)[number], z.ZodNumber>),
  /** (resolved + positive_restart) / closed, 0..1; null when nothing closed. */
  successRate: z.number().nullable(),
  avgMonths: z.number().nullable(),
  avgVolunteerHours: z.number().nullable(),
  avgProfessionalHours: z.number().nullable(),
});
export type TOutcomeRow = z.infer<typeof ZOutcomeRow>;

export const ZSatisfactionRow = z.object({
  locationId: ZId.nullable(),
  locationName: z.string().nullable(),
  count: z.number().int(),
  /** null when fewer than MIN_RESPONSES answers: too few to stay anonymous. */
  averages: z.object(Object.fromEntries(SCALE_QUESTIONS.map((k) => [k, z.number()])) as Record<TScaleQuestion, z.ZodNumber>).nullable(),
});
export type TSatisfactionRow = z.infer<typeof ZSatisfactionRow>;

export const ZResults = z.object({
  year: z.number().int(),
  locationId: ZId.nullable(),
  minResponses: z.number().int(),
  outcomes: z.object({ rows: z.array(ZOutcomeRow), total: ZOutcomeRow }),
  satisfaction: z.object({ rows: z.array(ZSatisfactionRow), total: ZSatisfactionRow }),
});
export type TResults = z.infer<typeof ZResults>;

// ---- aftercare (nazorg) -----------------------------------------------------------------------

export const AFTERCARE_KINDS = ['information', 'advice', 'relapse_prevention', 'relapse'] as const;
export const ZAftercareKind = z.enum(AFTERCARE_KINDS);
export type TAftercareKind = z.infer<typeof ZAftercareKind>;

/** POST /trajectories/:id/aftercare-requests */
export const ZAftercareRequestBody = z.strictObject({
  kind: ZAftercareKind,
  note: z.string().trim().max(2000).optional(),
});
export type TAftercareRequestBody = z.infer<typeof ZAftercareRequestBody>;
export const ZAftercareQuery = z.strictObject({ reason: ZAccessReason.optional() });

export const ZAftercareRequest = z.object({
  id: ZId,
  kind: ZAftercareKind,
  note: z.string().nullable(),
  /** A relapse: the new trajectory that re-opened support. */
  newTrajectoryId: ZId.nullable(),
  createdAt: z.string(),
});
export type TAftercareRequest = z.infer<typeof ZAftercareRequest>;
export const ZAftercareList = z.object({ items: z.array(ZAftercareRequest) });
export type TAftercareList = z.infer<typeof ZAftercareList>;
