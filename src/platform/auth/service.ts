import { and, eq, gt, isNull, ne, sql } from 'drizzle-orm';
import type { TLoginResponse, TSessionResponse } from '../../shared/auth.js';
import { getOrganisationName } from '../../modules/organisations/public.js';
import { recordAudit, type AuditEntry } from '../audit/index.js';
import type { Executor } from '../db/index.js';
import { uuidv7 } from '../db/ids.js';
import type { ActorContext, RequestContext } from '../http/context.js';
import { AppError, type FieldError } from '../http/errors.js';
import { t } from '../i18n/index.js';
import { mfaRequired } from '../policy/index.js';
import { createUser, getUser, lookupLogin } from './accounts.js';
import { runInvitationHooks } from './invitation-hooks.js';
import './messages.js';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';
import { decrypt, encrypt, keyedHash, secretKey } from './secrets.js';
import { createSession, parseSessionCookie, randomToken, revokeAllSessionsOf, revokeSession, sha256, type NewSession } from './sessions.js';
import { invitations, passwordResets, recoveryCodes, securityEvents, sessions, users, type Role } from './tables.js';
import {
  accountKey,
  claimTotpStep,
  clearThrottle,
  ipKey,
  lockedFor,
  mfaKey,
  rateLimited,
  recordFailure,
  resetAccountKey,
  resetIpKey,
  RULES,
} from './throttle.js';
import { enrolmentData, looksLikeTotp, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode, totpStep } from './totp.js';

/** Issue 3: reset links live 30 minutes. (Invitations, 72 hours, are made by the users module.) */
export const RESET_TTL_MS = 30 * 60 * 1000;

const invalidCredentials = () => new AppError('invalid_credentials', 401);
const invalidCode = () => new AppError('invalid_code', 400);
const tokenInvalid = () => new AppError('token_invalid', 400);

type AuditFields = Omit<AuditEntry, 'ip' | 'userAgent'>;
function audit(tx: Executor, ctx: RequestContext, e: AuditFields) {
  return recordAudit(tx, { ...e, ip: ctx.ip, userAgent: ctx.userAgent });
}

/** The TOTP secret is bound to its row: a ciphertext copied to another user does not decrypt. */
const totpContext = (orgId: string, userId: string) => `totp:${orgId}:${userId}`;
const recoveryHash = (key: Buffer, orgId: string, userId: string, code: string) => keyedHash(key, `recovery:${orgId}:${userId}:${normaliseRecoveryCode(code)}`);

/** Emailed links carry `<org_id>.<token>`, the same shape as the session cookie: the organisation tells which tenant to look in. */
export const parseLinkToken = parseSessionCookie;

function weakPassword(problems: string[], field: string): AppError {
  const errors: FieldError[] = problems.map((key) => ({ field, code: key, messageKey: key }));
  return new AppError('weak_password', 400, {}, errors);
}

// ---------------------------------------------------------------- session

/** GET /auth/session: who is signed in (never audited: it is the person's own data shown to themself on every page load). */
export async function sessionInfo(ctx: RequestContext): Promise<TSessionResponse> {
  const [row] = await ctx.db.query<{ demo: boolean }>('select exists(select 1 from users where is_demo) as demo');
  const demo = !!row?.demo;
  const actor = ctx.actor;
  if (!actor) return { user: null, csrfToken: null, demo };
  const info = await ctx.db.withTenant(actor.orgId, async (tx) => {
    const [u] = await tx.select({ email: users.email }).from(users).where(and(eq(users.orgId, actor.orgId), eq(users.id, actor.userId)));
    return { email: u?.email ?? '', orgName: (await getOrganisationName(tx, actor.orgId)) ?? '' };
  });
  return {
    user: {
      id: actor.userId,
      orgId: actor.orgId,
      orgName: info.orgName,
      displayName: actor.displayName,
      email: info.email,
      role: actor.role,
      language: actor.language,
      locationIds: actor.locationIds,
      mfaEnrolled: actor.mfaEnrolled,
      mfaPassed: actor.mfaPassed,
      mfaRequired: mfaRequired(actor.role) && !actor.isDemo,
      isDemo: actor.isDemo,
    },
    csrfToken: actor.csrfToken,
    demo,
  };
}

/** Sign-in and privilege changes replace the session the browser had (fixation defence). */
async function dropCurrentSession(ctx: RequestContext, exceptOrg?: string) {
  const actor = ctx.actor;
  if (!actor || actor.orgId === exceptOrg) return;
  await ctx.db.withTenant(actor.orgId, (tx) => revokeSession(tx, actor.orgId, actor.sessionIdHash));
}

// ---------------------------------------------------------------- sign-in

export interface LoginResult {
  next: TLoginResponse['next'];
  session: NewSession;
}

/**
 * Password sign-in. Unknown address, wrong password and deactivated account answer alike and cost
 * the same hash work; every attempt is recorded (tenant audit trail, or security_events when the
 * address has no account).
 */
export async function login(ctx: RequestContext, emailInput: string, password: string): Promise<LoginResult> {
  const email = emailInput.trim().toLowerCase();
  const keys = [accountKey(email), ipKey(ctx.ip)];
  const { entry, lockMs } = await ctx.db.withSystem(async (tx) => ({ entry: await lookupLogin(tx, email), lockMs: await lockedFor(tx, keys) }));

  if (lockMs > 0) {
    await recordAttempt(ctx, email, entry, undefined, 'rate_limited');
    throw rateLimited(lockMs);
  }

  const user = entry ? await ctx.db.withTenant(entry.orgId, (tx) => getUser(tx, entry.orgId, entry.userId)) : undefined;
  const passwordOk = await verifyPassword(user?.passwordHash, password);
  if (!entry || !user || !passwordOk || user.status !== 'active') {
    const lock = await ctx.db.withSystem(async (tx) => Math.max(await recordFailure(tx, keys[0]!, RULES.account), await recordFailure(tx, keys[1]!, RULES.ip)));
    await recordAttempt(ctx, email, entry, user?.role, !entry || !user ? 'unknown_account' : !passwordOk ? 'wrong_password' : 'deactivated');
    throw lock > 0 ? rateLimited(lock) : invalidCredentials();
  }

  const role = user.role;
  const next: TLoginResponse['next'] = user.isDemo ? 'done' : user.totpEnabledAt ? 'mfa' : mfaRequired(role) ? 'mfa_enrol' : 'done';
  await ctx.db.withSystem((tx) => clearThrottle(tx, keys[0]!));
  await dropCurrentSession(ctx, entry.orgId);
  const session = await ctx.db.withTenant(entry.orgId, async (tx) => {
    if (ctx.actor?.orgId === entry.orgId) await revokeSession(tx, entry.orgId, ctx.actor.sessionIdHash);
    const s = await createSession(tx, { orgId: entry.orgId, userId: user.id, mfaPassed: next === 'done' });
    await audit(tx, ctx, {
      orgId: entry.orgId,
      actorUserId: user.id,
      actorRole: role,
      subjectId: user.id,
      action: 'login',
      resourceType: 'session',
      reason: next === 'done' ? null : 'password_ok_two_factor_pending',
    });
    return s;
  });
  return { next, session };
}

async function recordAttempt(ctx: RequestContext, email: string, entry: { orgId: string; userId: string } | undefined, role: Role | undefined, reason: string) {
  if (entry) {
    await ctx.db.withTenant(entry.orgId, (tx) =>
      audit(tx, ctx, { orgId: entry.orgId, actorUserId: null, actorRole: role ?? null, subjectId: entry.userId, action: 'login_failed', resourceType: 'session', reason }),
    );
  } else {
    await ctx.db.withSystem(async (tx) => {
      await tx.insert(securityEvents).values({ id: uuidv7(), kind: `login_failed:${reason}`, emailHash: sha256(email), ip: ctx.ip, userAgent: ctx.userAgent });
    });
  }
}

// ---------------------------------------------------------------- two-factor

async function loadTotpSecret(ctx: ActorContext): Promise<{ secret: string | undefined; enabled: boolean }> {
  const { orgId, userId } = ctx.actor;
  const [row] = await ctx.db.withTenant(orgId, (tx) =>
    tx.select({ enc: users.totpSecretEnc, enabledAt: users.totpEnabledAt }).from(users).where(and(eq(users.orgId, orgId), eq(users.id, userId))),
  );
  if (!row?.enc) return { secret: undefined, enabled: false };
  return { secret: decrypt(secretKey(ctx.config), row.enc, totpContext(orgId, userId)), enabled: !!row.enabledAt };
}

async function assertMfaNotLocked(ctx: ActorContext) {
  const lockMs = await ctx.db.withSystem((tx) => lockedFor(tx, [mfaKey(ctx.actor.orgId, ctx.actor.userId), ipKey(ctx.ip)]));
  if (lockMs > 0) throw rateLimited(lockMs);
}

/** A wrong code: count it (per user and per address), audit it, and answer. */
async function mfaFailure(ctx: ActorContext, reason: string): Promise<never> {
  const { orgId, userId, role } = ctx.actor;
  const lock = await ctx.db.withSystem(async (tx) => Math.max(await recordFailure(tx, mfaKey(orgId, userId), RULES.mfa), await recordFailure(tx, ipKey(ctx.ip), RULES.ip)));
  await ctx.db.withTenant(orgId, (tx) => audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'login_failed', resourceType: 'mfa', reason }));
  throw lock > 0 ? rateLimited(lock) : invalidCode();
}

/** Replaces the current session by one that passed two-factor (privilege change → new id). */
async function upgradeSession(tx: Executor, ctx: ActorContext): Promise<NewSession> {
  const { orgId, userId, sessionIdHash } = ctx.actor;
  await revokeSession(tx, orgId, sessionIdHash);
  return createSession(tx, { orgId, userId, mfaPassed: true });
}

/** POST /auth/mfa/verify: a 6-digit code from the app (each one once), or an unused recovery code (single use). */
export async function verifyMfa(ctx: ActorContext, codeInput: string): Promise<NewSession> {
  const { orgId, userId, role } = ctx.actor;
  if (!ctx.actor.mfaEnrolled) throw new AppError('mfa_not_enrolled', 409);
  await assertMfaNotLocked(ctx);
  const code = codeInput.replace(/\s/g, '');
  let via: 'totp' | 'recovery_code';
  if (looksLikeTotp(code)) {
    via = 'totp';
    const { secret } = await loadTotpSecret(ctx);
    const step = secret ? totpStep(secret, code) : undefined;
    if (step === undefined) return mfaFailure(ctx, 'wrong_code');
    if (!(await ctx.db.withSystem((tx) => claimTotpStep(tx, orgId, userId, step)))) return mfaFailure(ctx, 'code_reused');
  } else {
    via = 'recovery_code';
    const hash = recoveryHash(secretKey(ctx.config), orgId, userId, code);
    const used = await ctx.db.withTenant(orgId, (tx) =>
      tx
        .update(recoveryCodes)
        .set({ usedAt: new Date() })
        .where(and(eq(recoveryCodes.orgId, orgId), eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hash), isNull(recoveryCodes.usedAt)))
        .returning({ userId: recoveryCodes.userId }),
    );
    if (used.length !== 1) return mfaFailure(ctx, 'wrong_recovery_code');
  }
  await ctx.db.withSystem((tx) => clearThrottle(tx, mfaKey(orgId, userId)));
  return ctx.db.withTenant(orgId, async (tx) => {
    const s = await upgradeSession(tx, ctx);
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'mfa', resourceType: 'session', reason: via });
    return s;
  });
}

/** POST /auth/mfa/enrol/start: a new secret, stored encrypted but not active until confirmed with a code. */
export async function startEnrolment(ctx: ActorContext): Promise<{ secret: string; otpauthUrl: string; qrDataUrl: string }> {
  const { orgId, userId, role } = ctx.actor;
  if (ctx.actor.mfaEnrolled) throw new AppError('mfa_already_enrolled', 409);
  const secret = newTotpSecret();
  const sealed = encrypt(secretKey(ctx.config), secret, totpContext(orgId, userId));
  const orgName = await ctx.db.withTenant(orgId, async (tx) => {
    const updated = await tx
      .update(users)
      .set({ totpSecretEnc: sealed, updatedAt: new Date() })
      .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (updated.length !== 1) throw new AppError('mfa_already_enrolled', 409);
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'update', resourceType: 'mfa', reason: 'enrolment_started' });
    return (await getOrganisationName(tx, orgId)) ?? 'Naast';
  });
  return { secret, ...(await enrolmentData(secret, orgName)) };
}

async function storeRecoveryCodes(tx: Executor, ctx: ActorContext): Promise<string[]> {
  const { orgId, userId } = ctx.actor;
  const key = secretKey(ctx.config);
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.orgId, orgId), eq(recoveryCodes.userId, userId)));
  await tx.insert(recoveryCodes).values(codes.map((c) => ({ orgId, userId, codeHash: recoveryHash(key, orgId, userId, c) })));
  return codes;
}

/** POST /auth/mfa/enrol/confirm: the first code proves the app works; two-factor is on from now. */
export async function confirmEnrolment(ctx: ActorContext, code: string): Promise<{ recoveryCodes: string[]; session: NewSession }> {
  const { orgId, userId, role } = ctx.actor;
  if (ctx.actor.mfaEnrolled) throw new AppError('mfa_already_enrolled', 409);
  await assertMfaNotLocked(ctx);
  const { secret, enabled } = await loadTotpSecret(ctx);
  if (enabled) throw new AppError('mfa_already_enrolled', 409);
  if (!secret) throw new AppError('mfa_enrolment_not_started', 409);
  const step = totpStep(secret, code.trim());
  if (step === undefined) return mfaFailure(ctx, 'wrong_code');
  if (!(await ctx.db.withSystem((tx) => claimTotpStep(tx, orgId, userId, step)))) return mfaFailure(ctx, 'code_reused');
  await ctx.db.withSystem((tx) => clearThrottle(tx, mfaKey(orgId, userId)));
  return ctx.db.withTenant(orgId, async (tx) => {
    const enabledNow = await tx
      .update(users)
      .set({ totpEnabledAt: new Date(), updatedAt: new Date() })
      .where(and(eq(users.orgId, orgId), eq(users.id, userId), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (enabledNow.length !== 1) throw new AppError('mfa_already_enrolled', 409);
    const codes = await storeRecoveryCodes(tx, ctx);
    const session = await upgradeSession(tx, ctx);
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'mfa', resourceType: 'mfa', reason: 'enrolled' });
    return { recoveryCodes: codes, session };
  });
}

/** POST /me/recovery-codes: a fresh set of 10; the old ones stop working. */
export async function regenerateRecoveryCodes(ctx: ActorContext): Promise<string[]> {
  const { orgId, userId, role } = ctx.actor;
  if (!ctx.actor.mfaEnrolled) throw new AppError('mfa_not_enrolled', 409);
  return ctx.db.withTenant(orgId, async (tx) => {
    const codes = await storeRecoveryCodes(tx, ctx);
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'update', resourceType: 'recovery_codes' });
    return codes;
  });
}

/** DELETE /me/mfa: only where two-factor is optional (parents, funders). */
export async function disableMfa(ctx: ActorContext): Promise<void> {
  const { orgId, userId, role } = ctx.actor;
  if (mfaRequired(role)) throw new AppError('mfa_mandatory', 409);
  await ctx.db.withTenant(orgId, async (tx) => {
    await tx.update(users).set({ totpSecretEnc: null, totpEnabledAt: null, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    await tx.delete(recoveryCodes).where(and(eq(recoveryCodes.orgId, orgId), eq(recoveryCodes.userId, userId)));
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'update', resourceType: 'mfa', reason: 'disabled' });
  });
}

// ---------------------------------------------------------------- sign-out

export async function logout(ctx: ActorContext): Promise<void> {
  const { orgId, userId, role, sessionIdHash } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    await revokeSession(tx, orgId, sessionIdHash);
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'logout', resourceType: 'session' });
  });
}

export async function logoutEverywhere(ctx: ActorContext, keepThisSession: boolean): Promise<void> {
  const { orgId, userId, role, sessionIdHash } = ctx.actor;
  await ctx.db.withTenant(orgId, async (tx) => {
    if (keepThisSession) {
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), isNull(sessions.revokedAt), ne(sessions.idHash, sessionIdHash)));
    } else {
      await revokeAllSessionsOf(tx, orgId, userId);
    }
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'logout', resourceType: 'session', reason: keepThisSession ? 'everywhere_else' : 'everywhere' });
  });
}

// ---------------------------------------------------------------- passwords

/** POST /me/password: the current password first (counts towards the sign-in lock), then a new session and every other one ended. */
export async function changePassword(ctx: ActorContext, currentPassword: string, newPassword: string): Promise<NewSession> {
  const { orgId, userId, role } = ctx.actor;
  const user = await ctx.db.withTenant(orgId, (tx) => getUser(tx, orgId, userId));
  if (!user) throw new AppError('unauthenticated', 401);
  const acct = accountKey(user.email);
  const lockMs = await ctx.db.withSystem((tx) => lockedFor(tx, [acct]));
  if (lockMs > 0) throw rateLimited(lockMs);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    const lock = await ctx.db.withSystem((tx) => recordFailure(tx, acct, RULES.account));
    await ctx.db.withTenant(orgId, (tx) => audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'login_failed', resourceType: 'password', reason: 'wrong_current_password' }));
    if (lock > 0) throw rateLimited(lock);
    throw new AppError('validation', 400, {}, [{ field: 'body.currentPassword', code: 'wrong_password', messageKey: 'password.wrong_current' }]);
  }
  const problems = passwordProblems(newPassword, user.email);
  if (problems.length) throw weakPassword(problems, 'body.newPassword');
  const hash = await hashPassword(newPassword);
  return ctx.db.withTenant(orgId, async (tx) => {
    await tx.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, userId)));
    await revokeAllSessionsOf(tx, orgId, userId);
    const s = await createSession(tx, { orgId, userId, mfaPassed: ctx.actor.mfaPassed });
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: role, subjectId: userId, action: 'update', resourceType: 'password' });
    return s;
  });
}

/**
 * POST /auth/password/forgot. Always the same answer; a mail only goes out for an active account,
 * at most a few per hour per address. Requests per network address are limited.
 */
export async function forgotPassword(ctx: RequestContext, emailInput: string): Promise<{ mailError?: unknown }> {
  const email = emailInput.trim().toLowerCase();
  const { entry, mayMail } = await ctx.db.withSystem(async (tx) => {
    const lockMs = await lockedFor(tx, [resetIpKey(ctx.ip)]);
    if (lockMs > 0) throw rateLimited(lockMs);
    await recordFailure(tx, resetIpKey(ctx.ip), RULES.resetIp);
    const mayMail = (await lockedFor(tx, [resetAccountKey(email)])) === 0;
    if (mayMail) await recordFailure(tx, resetAccountKey(email), RULES.resetAccount);
    return { entry: await lookupLogin(tx, email), mayMail };
  });
  if (!entry) {
    await ctx.db.withSystem(async (tx) => {
      await tx.insert(securityEvents).values({ id: uuidv7(), kind: 'password_reset_unknown', emailHash: sha256(email), ip: ctx.ip, userAgent: ctx.userAgent });
    });
    return {};
  }
  const { orgId, userId } = entry;
  const token = randomToken();
  const mail = await ctx.db.withTenant(orgId, async (tx) => {
    const user = await getUser(tx, orgId, userId);
    if (!user || user.status !== 'active' || !mayMail) {
      await audit(tx, ctx, { orgId, subjectId: userId, action: 'security', resourceType: 'password_reset', reason: !mayMail ? 'too_many_requests' : 'account_inactive' });
      return undefined;
    }
    // Only the newest link works.
    await tx.update(passwordResets).set({ usedAt: new Date() }).where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    const id = uuidv7();
    await tx.insert(passwordResets).values({ orgId, id, userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    await audit(tx, ctx, { orgId, subjectId: userId, action: 'create', resourceType: 'password_reset', resourceId: id });
    return { to: user.email, name: user.displayName };
  });
  if (!mail) return {};
  const link = `${ctx.config.publicUrl.replace(/\/$/, '')}/reset-password#token=${orgId}.${token}`;
  try {
    await ctx.mailer.send({
      to: mail.to,
      subject: t('nl', 'mail.reset.subject'),
      text: `${t('nl', 'mail.reset.body', { name: mail.name, link })}\n\n---\n\n${t('en', 'mail.reset.body', { name: mail.name, link })}\n`,
    });
  } catch (err) {
    // Answer as always (an error would tell that the address exists); the caller logs it for the operator.
    return { mailError: err };
  }
  return {};
}

/** POST /auth/password/reset: single use, 30 minutes; ends every session of the person. */
export async function resetPassword(ctx: RequestContext, tokenValue: string, password: string): Promise<void> {
  const parsed = parseLinkToken(tokenValue);
  if (!parsed) throw tokenInvalid();
  const { orgId, token } = parsed;
  const tokenHash = sha256(token);
  const found = await ctx.db.withTenant(orgId, async (tx) => {
    const [row] = await tx
      .select({ id: passwordResets.id, userId: users.id, email: users.email, status: users.status, role: users.role })
      .from(passwordResets)
      .innerJoin(users, and(eq(users.orgId, passwordResets.orgId), eq(users.id, passwordResets.userId)))
      .where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.tokenHash, tokenHash), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, new Date())));
    return row;
  });
  if (!found || found.status !== 'active') throw tokenInvalid();
  const problems = passwordProblems(password, found.email);
  if (problems.length) throw weakPassword(problems, 'body.password');
  const hash = await hashPassword(password);
  await ctx.db.withTenant(orgId, async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: new Date() })
      .where(and(eq(passwordResets.orgId, orgId), eq(passwordResets.id, found.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    if (used.length !== 1) throw tokenInvalid();
    await tx.update(users).set({ passwordHash: hash, updatedAt: new Date() }).where(and(eq(users.orgId, orgId), eq(users.id, found.userId)));
    await revokeAllSessionsOf(tx, orgId, found.userId);
    await audit(tx, ctx, { orgId, actorUserId: found.userId, actorRole: found.role, subjectId: found.userId, action: 'update', resourceType: 'password', resourceId: found.id, reason: 'password_reset' });
  });
  // A new password lifts the sign-in lock its owner may have been caught in.
  await ctx.db.withSystem((tx) => clearThrottle(tx, accountKey(found.email)));
}

// ---------------------------------------------------------------- invitations

async function findInvitation(tx: Executor, orgId: string, token: string) {
  const [row] = await tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.orgId, orgId),
        eq(invitations.tokenHash, sha256(token)),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date()),
      ),
    );
  return row;
}

/** POST /auth/invitations/inspect: what the link is for, so the page can greet the person. */
export async function inspectInvitation(ctx: RequestContext, tokenValue: string) {
  const parsed = parseLinkToken(tokenValue);
  if (!parsed) throw tokenInvalid();
  const { orgId, token } = parsed;
  const info = await ctx.db.withTenant(orgId, async (tx) => {
    const inv = await findInvitation(tx, orgId, token);
    if (!inv) return undefined;
    await audit(tx, ctx, { orgId, action: 'read', resourceType: 'invitation', resourceId: inv.id, reason: 'invitation_link_opened' });
    return { email: inv.email, displayName: inv.displayName, role: inv.role, orgName: (await getOrganisationName(tx, orgId)) ?? '', expiresAt: inv.expiresAt.toISOString() };
  });
  if (!info) throw tokenInvalid();
  return info;
}

/** POST /auth/invitations/accept: creates the account with the invited role and places, and signs in. */
export async function acceptInvitation(ctx: RequestContext, tokenValue: string, password: string, displayName: string | undefined): Promise<LoginResult> {
  const parsed = parseLinkToken(tokenValue);
  if (!parsed) throw tokenInvalid();
  const { orgId, token } = parsed;
  const inv = await ctx.db.withTenant(orgId, (tx) => findInvitation(tx, orgId, token));
  if (!inv) throw tokenInvalid();
  const problems = passwordProblems(password, inv.email);
  if (problems.length) throw weakPassword(problems, 'body.password');
  const passwordHash = await hashPassword(password);
  // The sign-in directory spans tenants, so the account is created on the system path; every statement names the organisation.
  const userId = await ctx.db.withSystem(async (tx) => {
    const taken = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(and(eq(invitations.orgId, orgId), eq(invitations.id, inv.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())))
      .returning({ id: invitations.id });
    if (taken.length !== 1) throw tokenInvalid();
    // A location may have been removed since the invitation was sent.
    const live = inv.locationIds.length
      ? ((await tx.execute(sql`select id::text as id from locations where org_id = ${orgId} and id = any(string_to_array(${inv.locationIds.join(',')}, ',')::uuid[])`)) as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id)
      : [];
    const id = await createUser(tx, {
      orgId,
      email: inv.email,
      displayName: displayName ?? inv.displayName,
      role: inv.role,
      passwordHash,
      language: ctx.lang,
      locationIds: live,
      funderMunicipalityCode: inv.funderMunicipalityCode,
    });
    await audit(tx, ctx, { orgId, actorUserId: id, actorRole: inv.role, subjectId: id, action: 'create', resourceType: 'user', resourceId: id, reason: 'invitation_accepted' });
    // Issue 6: what the account is linked to (e.g. a parent's application), by the owning module's hook.
    await runInvitationHooks(tx, { orgId, userId: id, linkRef: inv.linkRef, invitationId: inv.id });
    return id;
  });
  const mfaPassed = !mfaRequired(inv.role);
  await dropCurrentSession(ctx);
  const session = await ctx.db.withTenant(orgId, async (tx) => {
    const s = await createSession(tx, { orgId, userId, mfaPassed });
    await audit(tx, ctx, { orgId, actorUserId: userId, actorRole: inv.role, subjectId: userId, action: 'login', resourceType: 'session', reason: 'invitation_accepted' });
    return s;
  });
  return { next: mfaPassed ? 'done' : 'mfa_enrol', session };
}
