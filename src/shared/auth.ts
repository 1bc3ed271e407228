import { z } from 'zod';
import { ZEmail, ZId, ZLanguage, ZPage, ZPageQuery, ZRole } from './common.js';

/** A new password: 12–256 characters (NIST SP 800-63B); the server also checks the common-password list. */
export const ZNewPassword = z.string().min(12).max(256);

export const ZLoginRequest = z.strictObject({ email: ZEmail, password: z.string().min(1).max(256) });
export type TLoginRequest = z.infer<typeof ZLoginRequest>;
/**
 * What the client must do next after a correct password. Sign-in starts a new session, so the
 * answer carries its CSRF token (the old one no longer works).
 */
export const ZLoginResponse = z.object({ next: z.enum(['done', 'mfa', 'mfa_enrol']), csrfToken: z.string() });
export type TLoginResponse = z.infer<typeof ZLoginResponse>;
/** After a change that starts a new session (two-factor passed, password changed): its CSRF token. */
export const ZCsrfResponse = z.object({ csrfToken: z.string() });

export const ZMfaVerifyRequest = z.strictObject({ code: z.string().trim().min(6).max(20) });
export const ZMfaEnrolStartResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const ZMfaEnrolConfirmRequest = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()).length(10) });
/** Enrolment confirmed: the recovery codes (shown once) and the token of the new session. */
export const ZMfaEnrolConfirmResponse = ZRecoveryCodesResponse.extend({ csrfToken: z.string() });
/** Sign out on every device; keepThisSession keeps the current one ("everywhere else"). */
export const ZLogoutEverywhereRequest = z.strictObject({ keepThisSession: z.boolean() });

export const ZSessionUser = z.object({
  id: ZId,
  orgId: ZId,
  orgName: z.string(),
  displayName: z.string(),
  email: z.string(),
  role: ZRole,
  language: ZLanguage,
  locationIds: z.array(ZId),
  mfaEnrolled: z.boolean(),
  mfaPassed: z.boolean(),
  /** Staff must enrol before they can do anything else. */
  mfaRequired: z.boolean(),
  isDemo: z.boolean(),
});
export type TSessionUser = z.infer<typeof ZSessionUser>;
export const ZSessionResponse = z.object({
  user: ZSessionUser.nullable(),
  /** Send as X-CSRF-Token on every POST/PUT/PATCH/DELETE while signed in. */
  csrfToken: z.string().nullable(),
  /** The server holds demo accounts: show the demo banner. */
  demo: z.boolean(),
});
export type TSessionResponse = z.infer<typeof ZSessionResponse>;

export const ZForgotPasswordRequest = z.strictObject({ email: ZEmail });
/** Always the same answer, whether or not the address has an account (no enumeration). */
export const ZAcceptedResponse = z.object({ status: z.literal('accepted') });
export const ZResetPasswordRequest = z.strictObject({ token: z.string().min(20).max(200), password: ZNewPassword });
export const ZInvitationTokenRequest = z.strictObject({ token: z.string().min(20).max(200) });
export const ZInvitationInfo = z.object({ email: z.string(), displayName: z.string(), role: ZRole, orgName: z.string(), expiresAt: z.string() });
export const ZAcceptInvitationRequest = z.strictObject({ token: z.string().min(20).max(200), password: ZNewPassword, displayName: z.string().trim().min(1).max(120).optional() });

export const ZUpdateProfileRequest = z.strictObject({ displayName: z.string().trim().min(1).max(120).optional(), language: ZLanguage.optional() });
export const ZProfile = z.object({ displayName: z.string(), language: ZLanguage });
export const ZChangePasswordRequest = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: ZNewPassword });

/** One line of "who did what with my data" (GET /me/activity), newest first. */
export const ZActivityItem = z.object({
  id: ZId,
  occurredAt: z.string(),
  /** Null when no signed-in person did it (e.g. a failed sign-in attempt). */
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  /** True when it was the person themself. */
  byMe: z.boolean(),
  action: z.string(),
  resourceType: z.string(),
});
export type TActivityItem = z.infer<typeof ZActivityItem>;
export const ZActivityQuery = ZPageQuery;
export const ZActivityPage = ZPage(ZActivityItem);
