import { z } from 'zod';
import { ZId } from './common.js';
import { ZRecipientKind } from './consent.js';
import { ZAccessReason } from './users.js';

/**
 * Sharing outside the organisation (issue 6): only through the consent gate (modules/consent/gate.ts).
 * Shared by the routes and the screens. No server imports here.
 */

/** What staff can share from a dossier, and the consent category each needs. */
export const SHARE_ITEM_KINDS = ['report', 'letter', 'plan'] as const;
export const ZShareItemKind = z.enum(SHARE_ITEM_KINDS);
export type TShareItemKind = z.infer<typeof ZShareItemKind>;
export const SHARE_CATEGORY: Record<TShareItemKind, 'reports' | 'letters' | 'plan'> = { report: 'reports', letter: 'letters', plan: 'plan' };

/** How long a mailed link works (the consent is checked again every time it is opened). */
export const SHARE_LINK_DAYS = 14;

export const ZShareQuery = z.strictObject({ reason: ZAccessReason.optional() });

/** POST /trajectories/:id/shares: a report or letter needs its id; the plan is the trajectory's own. */
export const ZShareRequest = z
  .strictObject({
    consentId: ZId,
    item: z.strictObject({ kind: ZShareItemKind, id: ZId.optional() }),
  })
  .refine((v) => v.item.kind === 'plan' || !!v.item.id, { path: ['item', 'id'], params: { messageKey: 'field.share_item_required' } });
export type TShareRequest = z.infer<typeof ZShareRequest>;

export const ZShareRecipient = z.object({ kind: ZRecipientKind, name: z.string(), organisation: z.string().nullable() });

/** One act of sharing of a trajectory (what, with whom, through which consent, and whether the link still works). */
export const ZShare = z.object({
  id: ZId,
  consentId: ZId,
  recipient: ZShareRecipient,
  category: z.string(),
  resourceType: z.string(),
  resourceId: z.string().nullable(),
  channel: z.enum(['mail_link', 'referrer_notice', 'handed_over']),
  sharedAt: z.string(),
  expiresAt: z.string().nullable(),
  openedAt: z.string().nullable(),
  /** The consent still allows opening (not revoked, within its period). */
  consentActive: z.boolean(),
});
export type TShare = z.infer<typeof ZShare>;
export const ZShareList = z.object({ items: z.array(ZShare) });

/** The recipient's link: `<orgId>.<secret>`; anything else reads as an unknown link. */
export const ZSharedParams = z.strictObject({ token: z.string().min(1).max(200) });

/** GET /shared/:token: what was shared, by whom and until when. No names, no content. */
export const ZSharedItem = z.object({
  kind: ZShareItemKind,
  organisationName: z.string(),
  sharedAt: z.string(),
  expiresAt: z.string(),
});
export type TSharedItem = z.infer<typeof ZSharedItem>;
