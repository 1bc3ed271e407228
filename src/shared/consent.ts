import { z } from 'zod';
import { ZEmail, ZId, ZText } from './common.js';
import { ZAccessReason } from './users.js';

/**
 * The consent register (toestemmingen, issue 6): who may receive what from the family's dossier,
 * for which purpose and how long. Shared by the routes and the web forms. No server imports here.
 * The value lists mirror src/modules/consent/tables.ts (its CHECK constraints).
 */

const ZDate = z.iso.date();

/** The kinds of data a consent can cover (the table's CHECK list, same order). */
export const CONSENT_CATEGORIES = ['reports', 'plan', 'letters', 'documents', 'agreements', 'progress'] as const;
export const ZConsentCategory = z.enum(CONSENT_CATEGORIES);
export type TConsentCategory = z.infer<typeof ZConsentCategory>;

/** Who a family may share with (the table's CHECK list). */
export const RECIPIENT_KINDS = ['youth_protection_worker', 'care_provider', 'lawyer', 'court', 'municipality', 'school', 'referrer', 'other'] as const;
export const ZRecipientKind = z.enum(RECIPIENT_KINDS);
export type TRecipientKind = z.infer<typeof ZRecipientKind>;

export const CONSENT_STATUSES = ['active', 'future', 'expired', 'revoked'] as const;
export const ZConsentStatus = z.enum(CONSENT_STATUSES);
export type TConsentStatus = z.infer<typeof ZConsentStatus>;

export const GIVEN_VIA = ['portal', 'staff'] as const;

/** Field messages of the rules below (server catalog and web locale both carry these keys). */
export const CONSENT_MESSAGES = {
  untilBeforeFrom: 'consent.field.untilBeforeFrom',
  duplicateCategory: 'consent.field.duplicateCategory',
  unknownRecipient: 'consent.field.unknownRecipient',
} as const;

/** Active today? `today` is a yyyy-mm-dd date (Amsterdam). Pure: the server and the screens agree. */
export function consentStatus(c: { validFrom: string; validUntil: string; revokedAt: string | null }, today: string): TConsentStatus {
  if (c.revokedAt) return 'revoked';
  if (today < c.validFrom) return 'future';
  if (today > c.validUntil) return 'expired';
  return 'active';
}

// ---------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------

/** A break-the-glass reason for staff routes under /trajectories/:id (as the other modules). */
export const ZConsentAccessQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** POST /me/consent-recipients and /trajectories/:id/consent-recipients. */
export const ZRecipientRequest = z.strictObject({
  kind: ZRecipientKind,
  name: ZText(200),
  organisation: ZText(200).nullish(),
  email: ZEmail.nullish(),
});
export type TRecipientRequest = z.infer<typeof ZRecipientRequest>;

const ZCategories = z
  .array(ZConsentCategory)
  .min(1)
  .max(CONSENT_CATEGORIES.length)
  .refine((cs) => new Set(cs).size === cs.length, { params: { messageKey: CONSENT_MESSAGES.duplicateCategory } });

const consentFields = {
  recipientId: ZId,
  purpose: ZText(500),
  categories: ZCategories,
  validFrom: ZDate,
  validUntil: ZDate,
};
/** End on or after start, said at the end date. */
const periodOk = (v: { validFrom: string; validUntil: string }) => v.validUntil >= v.validFrom;
const periodError = () => ({ path: ['validUntil'], params: { messageKey: CONSENT_MESSAGES.untilBeforeFrom } });

/** POST /me/consents: the parent gives a consent in the portal. */
export const ZConsentRequest = z.strictObject(consentFields).refine(periodOk, periodError());
export type TConsentRequest = z.infer<typeof ZConsentRequest>;

/** POST /trajectories/:id/consents: staff record a consent the parent gave in person, with a note of that conversation. */
export const ZStaffConsentRequest = z.strictObject({ ...consentFields, staffNote: ZText(2000) }).refine(periodOk, periodError());
export type TStaffConsentRequest = z.infer<typeof ZStaffConsentRequest>;

/** POST /me/consents/:id/revoke: a note is optional. */
export const ZRevokeRequest = z.strictObject({ note: ZText(1000).nullish() });
export type TRevokeRequest = z.infer<typeof ZRevokeRequest>;

/** POST /trajectories/:id/consents/:consentId/revoke: staff revoke on the parent's instruction, and say so. */
export const ZStaffRevokeRequest = z.strictObject({ note: ZText(1000) });
export type TStaffRevokeRequest = z.infer<typeof ZStaffRevokeRequest>;

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const ZConsentRecipient = z.object({
  id: ZId,
  trajectoryId: ZId,
  kind: ZRecipientKind,
  name: z.string(),
  organisation: z.string().nullable(),
  email: z.string().nullable(),
  createdAt: z.string(),
});
export type TConsentRecipient = z.infer<typeof ZConsentRecipient>;
export const ZRecipientList = z.object({ items: z.array(ZConsentRecipient) });

/** Someone in the organisation (or the parent) who recorded or revoked a consent: name and role only. */
export const ZConsentPerson = z.object({ name: z.string(), role: z.string() });

/** One act of sharing made with a consent (consent/gate.ts writes these). */
export const ZConsentShare = z.object({
  id: ZId,
  category: z.string(),
  resourceType: z.string(),
  channel: z.string(),
  sharedAt: z.string(),
  openedAt: z.string().nullable(),
});
export type TConsentShare = z.infer<typeof ZConsentShare>;

export const ZConsent = z.object({
  id: ZId,
  trajectoryId: ZId,
  recipient: ZConsentRecipient,
  purpose: z.string(),
  categories: z.array(ZConsentCategory),
  validFrom: ZDate,
  validUntil: ZDate,
  status: ZConsentStatus,
  givenVia: z.enum(GIVEN_VIA),
  staffNote: z.string().nullable(),
  recordedBy: ZConsentPerson,
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  revokedBy: ZConsentPerson.nullable(),
  revokeNote: z.string().nullable(),
  shares: z.array(ZConsentShare),
});
export type TConsent = z.infer<typeof ZConsent>;
export const ZConsentList = z.object({ items: z.array(ZConsent) });

/** GET /me/consents: the parent's recipients and consents (active first, then the history), all their families. */
export const ZMyConsents = z.object({
  /** The trajectory a new consent or recipient belongs to (the current one); null before a trajectory started. */
  trajectoryId: ZId.nullable(),
  recipients: z.array(ZConsentRecipient),
  consents: z.array(ZConsent),
});
export type TMyConsents = z.infer<typeof ZMyConsents>;
