import { z } from 'zod';
import { ZId, ZText } from './common.js';

/** Issue 6, privacy rights (AVG art. 15–21) and retention. Shared by routes and forms. */

/** What a parent may ask to correct (rectificatie, art. 16): items of their own trajectory that hold text. */
export const CORRECTABLE_ITEMS = ['contact', 'agreement', 'help_question', 'family_map_member', 'report'] as const;
export type TCorrectableItem = (typeof CORRECTABLE_ITEMS)[number];
export const CORRECTION_TEXT_MAX = 2000;
export const REQUEST_TEXT_MAX = 4000;
export const NOTE_MAX = 2000;

export const ZCorrectionCreate = z.strictObject({
  itemKind: z.enum(CORRECTABLE_ITEMS),
  itemId: ZId,
  requestedText: ZText(CORRECTION_TEXT_MAX),
  explanation: ZText(NOTE_MAX).optional(),
});
export type TCorrectionCreate = z.infer<typeof ZCorrectionCreate>;

export const PRIVACY_REQUEST_KINDS = ['objection', 'erasure'] as const;
export const ZPrivacyRequestCreate = z.strictObject({ kind: z.enum(PRIVACY_REQUEST_KINDS), text: ZText(REQUEST_TEXT_MAX) });
export type TPrivacyRequestCreate = z.infer<typeof ZPrivacyRequestCreate>;

export const ZDecision = z
  .strictObject({ decision: z.enum(['accept', 'reject']), note: z.string().trim().max(NOTE_MAX).optional() })
  .refine((d) => d.decision === 'accept' || (d.note ?? '').length > 0, { path: ['note'], message: 'required' });
export type TDecision = z.infer<typeof ZDecision>;

export const REQUEST_STATUSES = ['open', 'accepted', 'rejected'] as const;

/** A request as the coordinator's list and the parent's page show it. */
export const ZRequestItem = z.object({
  id: ZId,
  type: z.enum(['correction', 'objection', 'erasure']),
  trajectoryId: ZId,
  reference: z.string(),
  status: z.enum(REQUEST_STATUSES),
  itemKind: z.enum(CORRECTABLE_ITEMS).nullable(),
  itemId: ZId.nullable(),
  currentText: z.string().nullable(),
  requestedText: z.string(),
  explanation: z.string().nullable(),
  decisionNote: z.string().nullable(),
  previousText: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type TRequestItem = z.infer<typeof ZRequestItem>;
export const ZRequestList = z.object({ items: z.array(ZRequestItem) });

/** A correctable item of the parent's own dossier (the correction form picks one). */
export const ZCorrectableItem = z.object({ kind: z.enum(CORRECTABLE_ITEMS), id: ZId, trajectoryId: ZId, text: z.string() });
export const ZCorrectableList = z.object({ items: z.array(ZCorrectableItem) });

/** One line of "who looked at my dossier" (no ip address, no user agent). */
export const ZAccessLogItem = z.object({
  id: ZId,
  at: z.string(),
  actor: z.string(),
  role: z.string().nullable(),
  organisation: z.string(),
  action: z.string(),
  resourceType: z.string(),
  self: z.boolean(),
});
export type TAccessLogItem = z.infer<typeof ZAccessLogItem>;
export const ZAccessLogQuery = z.strictObject({ cursor: z.string().max(200).optional(), self: z.enum(['true', 'false']).default('false') });
export const ZAccessLog = z.object({ items: z.array(ZAccessLogItem), nextCursor: z.string().nullable() });

export const ZHoldCreate = z.strictObject({ reason: ZText(NOTE_MAX) });
export const ZHoldLift = z.strictObject({ reason: ZText(NOTE_MAX) });
export const ZHold = z.object({
  id: ZId,
  trajectoryId: ZId,
  reference: z.string(),
  reason: z.string(),
  setAt: z.string(),
  liftedAt: z.string().nullable(),
  liftReason: z.string().nullable(),
});
export const ZHoldList = z.object({ items: z.array(ZHold) });

export const ZRetentionOverview = z.object({
  retentionMonths: z.number().int(),
  dueSoon: z.array(z.object({ trajectoryId: ZId, reference: z.string(), endedAt: z.string(), dueOn: z.string(), held: z.boolean() })),
  holds: z.array(ZHold),
  destructions: z.array(z.object({ id: ZId, trajectoryId: ZId, rule: z.enum(['retention', 'erasure_request']), destroyedAt: z.string(), counts: z.record(z.string(), z.number()) })),
});
export type TRetentionOverview = z.infer<typeof ZRetentionOverview>;
