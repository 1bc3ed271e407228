import { z } from 'zod';
import { ZEmail, ZId, ZLanguage, ZRole } from './common.js';

export const ZUserStatus = z.enum(['active', 'deactivated']);
export type TUserStatus = z.infer<typeof ZUserStatus>;

/** CBS municipality code, e.g. GM0794 (Helmond). */
const ZMunicipalityCode = z.string().regex(/^GM\d{4}$/);

export const ZUserSummary = z.object({
  id: ZId,
  displayName: z.string(),
  email: z.string(),
  role: ZRole,
  status: ZUserStatus,
  locationIds: z.array(ZId),
  mfaEnrolled: z.boolean(),
  createdAt: z.string(),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;

/** One user as the admin screens show it (GET /users/:id). */
export const ZUserDetail = ZUserSummary.extend({
  language: ZLanguage,
  /** Funders only: the municipality whose figures they may see. */
  funderMunicipalityCode: ZMunicipalityCode.nullable(),
  isDemo: z.boolean(),
  updatedAt: z.string(),
});
export type TUserDetail = z.infer<typeof ZUserDetail>;

export const ZUsersQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  role: ZRole.optional(),
  status: ZUserStatus.optional(),
});

export const ZInviteUserRequest = z.strictObject({
  email: ZEmail,
  displayName: z.string().trim().min(1).max(120),
  role: ZRole,
  locationIds: z.array(ZId).max(20).default([]),
  /** Funders only: the municipality (CBS code) whose figures they may see. */
  funderMunicipalityCode: ZMunicipalityCode.optional(),
});
export type TInviteUserRequest = z.infer<typeof ZInviteUserRequest>;

export const ZInvitation = z.object({
  id: ZId,
  email: z.string(),
  displayName: z.string(),
  role: ZRole,
  expiresAt: z.string(),
  createdAt: z.string(),
  locationIds: z.array(ZId),
  funderMunicipalityCode: ZMunicipalityCode.nullable(),
  /** An expired invitation can be sent again (new link, new 72 hours). */
  status: z.enum(['pending', 'expired']),
});
export type TInvitation = z.infer<typeof ZInvitation>;

export const ZInvitationsQuery = z.strictObject({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * Change role, locations and (funders) municipality. A resulting funder needs a municipality of
 * the work area; any other role loses it.
 */
export const ZUpdateUserRequest = z.strictObject({
  role: ZRole.optional(),
  locationIds: z.array(ZId).max(20).optional(),
  funderMunicipalityCode: ZMunicipalityCode.optional(),
});
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/**
 * Break-the-glass (issue 3): why someone opens a record outside their own relationship, e.g. a
 * coordinator reading a record of another location. Stored in the audit event, so the form asks
 * for a work reason without names. The server checks the same limits in the policy module.
 */
export const ACCESS_REASON_MIN = 10;
export const ACCESS_REASON_MAX = 500;
export const ZAccessReason = z
  .string()
  .trim()
  .min(ACCESS_REASON_MIN)
  .max(ACCESS_REASON_MAX)
  .regex(/^[^\u0000]*$/);

/** GET /users/:id: `reason` only when the policy asks for one (problem `reason_required`). */
export const ZUserReadQuery = z.strictObject({
  reason: ZAccessReason.optional(),
});
export type TUserReadQuery = z.infer<typeof ZUserReadQuery>;
