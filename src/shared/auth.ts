import { z } from 'zod';
import { ZEmail, ZId, ZLanguage, ZRole } from './common.js';

/** A new password: 12–256 characters (NIST SP 800-63B); the server also checks the common-password list. */
export const ZNewPassword = z.string().min(12).max(256);

export const ZLoginRequest = z.strictObject({ email: ZEmail, password: z.string().min(1).max(256) });
export type TLoginRequest = z.infer<typeof ZLoginRequest>;
/** What the client must do next after a correct password. */
export const ZLoginResponse = z.object({ next: z.enum(['done', 'mfa', 'mfa_enrol']) });

export const ZMfaVerifyRequest = z.strictObject({ code: z.string().trim().min(6).max(20) });
export const ZMfaEnrolStartResponse = z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() });
export const ZMfaEnrolConfirmRequest = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export const ZRecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()).length(10) });

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
export const ZResetPasswordRequest = z.strictObject({ token: z.string().min(20).max(200), password: ZNewPassword });
export const ZInvitationTokenRequest = z.strictObject({ token: z.string().min(20).max(200) });
export const ZInvitationInfo = z.object({ email: z.string(), displayName: z.string(), role: ZRole, orgName: z.string() });
export const ZAcceptInvitationRequest = z.strictObject({ token: z.string().min(20).max(200), password: ZNewPassword, displayName: z.string().trim().min(1).max(120).optional() });

export const ZUpdateProfileRequest = z.strictObject({ displayName: z.string().trim().min(1).max(120).optional(), language: ZLanguage.optional() });
export const ZChangePasswordRequest = z.strictObject({ currentPassword: z.string().min(1).max(256), newPassword: ZNewPassword });
