import { z } from 'zod';
import { ZEmail, ZId, ZRole } from './common.js';

export const ZUserSummary = z.object({
  id: ZId,
  displayName: z.string(),
  email: z.string(),
  role: ZRole,
  status: z.enum(['active', 'deactivated']),
  locationIds: z.array(ZId),
  mfaEnrolled: z.boolean(),
  createdAt: z.string(),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

export const ZUsersQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  role: ZRole.optional(),
  status: z.enum(['active', 'deactivated']).optional(),
});

export const ZInviteUserRequest = z.strictObject({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(120),
  role: ZRole,
  locationIds: z.array(ZId).max(20).default([]),
  /** Funders only: the municipality (CBS code) whose figures they may see. */
  funderMunicipalityCode: z.string().regex(/^GM\d{4}$/).optional(),
});
export const ZInvitation = z.object({
  id: ZId,
  email: z.string(),
  displayName: z.string(),
  role: ZRole,
  expiresAt: z.string(),
  createdAt: z.string(),
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZUpdateUserRequest = z.strictObject({ role: ZRole.optional(), locationIds: z.array(ZId).max(20).optional() });
