import { and, eq, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/index.js';
import { uuidv7 } from '../db/ids.js';
import type { RequestContext } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { addMessages, t } from '../i18n/index.js';
import { mfaRequired } from '../policy/index.js';
import { getUser, lookupLogin } from './accounts.js';
import { parseSessionCookie, createSession, randomToken, revokeSession, sha256 } from './sessions.js';
import { securityEvents, signInLinks, users } from './tables.js';
import { ipKey, lockedFor, rateLimited, recordFailure, RULES, type ThrottleRule } from './throttle.js';
import type { LoginResult } from './service.js';

/**
 * Issue 6: a single-use sign-in link for people who find a password hard (parents; funders may use it
 * too). Staff (admin, coordinator, volunteer) must use password + two-factor: for them no link is
 * sent, and the answer is the same as for an unknown address (no account enumeration).
 * The mailed link is `<publicUrl>/inloggen/link#token=<org_id>.<token>` (a fragment, like the reset
 * link, so it never reaches a server log or a Referer); only the token's hash is stored.
 */
export const SIGN_IN_LINK_TTL_MS = 15 * 60 * 1000;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Link mails asked from one network address (known or unknown addresses alike). */
const LINK_IP: ThrottleRule = { threshold: 10, baseLockMs: 15 * MINUTE, maxLockMs: HOUR, forgetAfterMs: HOUR };
/** Link mails to one address: past this the request still answers 202 but sends nothing (no mail bombing). */
const LINK_ACCOUNT: ThrottleRule = { threshold: 5, baseLockMs: HOUR, maxLockMs: 4 * HOUR, forgetAfterMs: HOUR };
const linkIpKey = (ip: string) => `link-ip:${ip}`;
const linkAccountKey = (email: string) => `link-acct:${sha256(email.trim().toLowerCase())}`;

const tokenInvalid = () => new AppError('token_invalid', 400);
const linkExpired = () => new AppError('sign_in_link_expired', 410);

/** The link works only for roles that need no second factor by policy (parents, funders). */
export const mayUseSignInLink = (role: string) => (role === 'parent' || role === 'funder') && !mfaRequired(role);

async function securityEvent(ctx: RequestContext, kind: string, email: string) {
  await ctx.db.withSystem(async (tx) => {
    await tx.insert(securityEvents).values({ id: uuidv7(), kind, emailHash: sha256(email), ip: ctx.ip, userAgent: ctx.userAgent });
  });
}

/**
 * POST /auth/sign-in-link: always the same answer. A mail goes out only for an active parent (or
 * funder) account, at most a few an hour per address; requests per network address are limited.
 */
export async function requestSignInLink(ctx: RequestContext, emailInput: string): Promise<{ mailError?: unknown }> {
  const email = emailInput.trim().toLowerCase();
  const { entry, mayMail } = await ctx.db.withSystem(async (tx) => {
    const lockMs = await lockedFor(tx, [linkIpKey(ctx.ip)]);
    if (lockMs > 0) throw rateLimited(lockMs);
    await recordFailure(tx, linkIpKey(ctx.ip), LINK_IP);
    const mayMail = (await lockedFor(tx, [linkAccountKey(email)])) === 0;
    if (mayMail) await recordFailure(tx, linkAccountKey(email), LINK_ACCOUNT);
    return { entry: await lookupLogin(tx, email), mayMail };
  });
  if (!entry) {
    await securityEvent(ctx, 'sign_in_link_unknown', email);
    return {};
  }
  const { orgId, userId } = entry;
  const token = randomToken();
  const mail = await ctx.db.withTenant(orgId, async (tx) => {
    const user = await getUser(tx, orgId, userId);
    const base = { orgId, subjectId: userId, ip: ctx.ip, userAgent: ctx.userAgent, resourceType: 'sign_in_link' } as const;
    if (!user || user.status !== 'active' || !mayUseSignInLink(user.role) || !mayMail) {
      const reason = !user || user.status !== 'active' ? 'account_inactive' : !mayUseSignInLink(user.role) ? 'role_needs_password' : 'too_many_requests';
      await recordAudit(tx, { ...base, action: 'security', reason });
      return undefined;
    }
    // Only the newest link works.
    await tx.update(signInLinks).set({ usedAt: new Date() }).where(and(eq(signInLinks.orgId, orgId), eq(signInLinks.userId, userId), isNull(signInLinks.usedAt)));
    const id = uuidv7();
    await tx.insert(signInLinks).values({ orgId, id, userId, tokenHash: sha256(token), expiresAt: new Date(Date.now() + SIGN_IN_LINK_TTL_MS) });
    await recordAudit(tx, { ...base, action: 'create', resourceId: id });
    return { to: user.email };
  });
  if (!mail) return {};
  const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/inloggen/link#token=${orgId}.${token}`;
  try {
    // No name, no organisation: only that a link was asked for and the link itself.
    await ctx.mailer.send({
      to: mail.to,
      subject: `${t('nl', 'mail.sign_in_link.subject')} | ${t('en', 'mail.sign_in_link.subject')}`,
      text: `${t('nl', 'mail.sign_in_link.body', { link })}\n\n---\n\n${t('en', 'mail.sign_in_link.body', { link })}\n`,
    });
  } catch (err) {
    return { mailError: err };
  }
  return {};
}

/**
 * POST /auth/sign-in-link/consume: the link once, within 15 minutes, starts a session exactly like a
 * password sign-in (new cookie, new CSRF token). A parent who enrolled two-factor still gets the code
 * step. Unknown → 400 token_invalid; used or expired → 410 sign_in_link_expired; nothing changes.
 */
export async function consumeSignInLink(ctx: RequestContext, tokenValue: string): Promise<LoginResult> {
  const lockMs = await ctx.db.withSystem((tx) => lockedFor(tx, [ipKey(ctx.ip)]));
  if (lockMs > 0) throw rateLimited(lockMs);
  const parsed = parseSessionCookie(tokenValue);
  const fail = async (err: AppError): Promise<never> => {
    const lock = await ctx.db.withSystem((tx) => recordFailure(tx, ipKey(ctx.ip), RULES.ip));
    throw lock > 0 ? rateLimited(lock) : err;
  };
  if (!parsed) return fail(tokenInvalid());
  const { orgId, token } = parsed;
  const outcome = await ctx.db.withTenant(orgId, async (tx) => {
    const [row] = await tx
      .select({
        id: signInLinks.id,
        userId: signInLinks.userId,
        usedAt: signInLinks.usedAt,
        expired: sql<boolean>`${signInLinks.expiresAt} <= now()`,
        role: users.role,
        status: users.status,
        totpEnabledAt: users.totpEnabledAt,
        isDemo: users.isDemo,
      })
      .from(signInLinks)
      .innerJoin(users, and(eq(users.orgId, signInLinks.orgId), eq(users.id, signInLinks.userId)))
      .where(and(eq(signInLinks.orgId, orgId), eq(signInLinks.tokenHash, sha256(token))))
      .for('update', { of: signInLinks });
    if (!row) return { error: 'unknown' as const };
    const base = { orgId, subjectId: row.userId, ip: ctx.ip, userAgent: ctx.userAgent } as const;
    if (row.usedAt || row.expired || row.status !== 'active' || !mayUseSignInLink(row.role)) {
      await recordAudit(tx, { ...base, actorRole: row.role, action: 'login_failed', resourceType: 'session', resourceId: row.id, reason: row.usedAt ? 'sign_in_link_used' : row.expired ? 'sign_in_link_expired' : 'sign_in_link_not_allowed' });
      return { error: 'expired' as const };
    }
    return { row };
  });
  if ('error' in outcome) {
    // The failure's audit event is kept (its own transaction); the link itself is unchanged.
    return fail(outcome.error === 'unknown' ? tokenInvalid() : linkExpired());
  }
  const { row } = outcome;
  const next: LoginResult['next'] = row.isDemo ? 'done' : row.totpEnabledAt ? 'mfa' : 'done';
  const actor = ctx.actor;
  if (actor && actor.orgId !== orgId) await ctx.db.withTenant(actor.orgId, (tx) => revokeSession(tx, actor.orgId, actor.sessionIdHash));
  const session = await ctx.db.withTenant(orgId, async (tx) => {
    const used = await tx
      .update(signInLinks)
      .set({ usedAt: new Date() })
      .where(and(eq(signInLinks.orgId, orgId), eq(signInLinks.id, row.id), isNull(signInLinks.usedAt), sql`${signInLinks.expiresAt} > now()`))
      .returning({ id: signInLinks.id });
    if (used.length !== 1) throw linkExpired();
    if (actor?.orgId === orgId) await revokeSession(tx, orgId, actor.sessionIdHash);
    const s = await createSession(tx, { orgId, userId: row.userId, mfaPassed: next === 'done' });
    await recordAudit(tx, {
      orgId,
      actorUserId: row.userId,
      actorRole: row.role,
      subjectId: row.userId,
      action: 'login',
      resourceType: 'session',
      resourceId: row.id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      reason: next === 'done' ? 'sign_in_link' : 'sign_in_link_two_factor_pending',
    });
    return s;
  });
  return { next, session };
}

addMessages('nl', {
  'mail.sign_in_link.subject': 'Uw inloglink voor Naast',
  'mail.sign_in_link.body':
    'U heeft gevraagd om een inloglink voor Naast. Klik op de link hieronder en druk dan op de knop "Inloggen". De link werkt 15 minuten en maar één keer.\n\n{link}\n\nHeeft u dit niet gevraagd? Dan hoeft u niets te doen.',
  'problem.sign_in_link_expired.title': 'Deze inloglink werkt niet meer',
  'problem.sign_in_link_expired.detail': 'De link is al gebruikt of ouder dan 15 minuten. Vraag een nieuwe inloglink aan.',
});
addMessages('en', {
  'mail.sign_in_link.subject': 'Your sign-in link for Naast',
  'mail.sign_in_link.body':
    'You asked for a sign-in link for Naast. Click the link below and then press the "Sign in" button. The link works for 15 minutes and only once.\n\n{link}\n\nDid you not ask for this? Then you do not need to do anything.',
  'problem.sign_in_link_expired.title': 'This sign-in link no longer works',
  'problem.sign_in_link_expired.detail': 'The link was already used or is older than 15 minutes. Ask for a new sign-in link.',
});
