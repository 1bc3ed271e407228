import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor } from '../db/index.js';
import { UUID_RE } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import { mfaRequired, type Actor } from '../policy/index.js';
import { sessions, userLocations, users, type Role } from './tables.js';

export const SESSION_COOKIE = 'naast_session';
export const CSRF_HEADER = 'x-csrf-token';
/** Issue 3: idle timeout 30 minutes, absolute lifetime 12 hours. */
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** Writing last_seen_at on every request would turn every read into a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60 * 1000;

export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  idHash: string;
}

/** Creates a session; the caller sets the cookie. A new id every time: sign-in and privilege changes rotate it. */
export async function createSession(tx: Executor, input: { orgId: string; userId: string; mfaPassed: boolean }): Promise<NewSession> {
  const token = randomToken();
  const idHash = sha256(token);
  const csrfToken = randomToken(24);
  await tx.insert(sessions).values({
    orgId: input.orgId,
    idHash,
    userId: input.userId,
    csrfToken,
    mfaPassed: input.mfaPassed,
    expiresAt: new Date(Date.now() + ABSOLUTE_LIFETIME_MS),
  });
  return { cookieValue: `${input.orgId}.${token}`, csrfToken, idHash };
}

export async function revokeSession(tx: Executor, orgId: string, idHash: string): Promise<void> {
  await tx.update(sessions).set({ revokedAt: new Date() }).where(and(eq(sessions.orgId, orgId), eq(sessions.idHash, idHash)));
}

/** Ends every session of a user at once (sign out everywhere, deactivation, role change). */
export async function revokeAllSessionsOf(tx: Executor, orgId: string, userId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(sessions.orgId, orgId), eq(sessions.userId, userId), isNull(sessions.revokedAt)));
}

export function setSessionCookie(reply: FastifyReply, value: string, secure: boolean) {
  reply.setCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: ABSOLUTE_LIFETIME_MS / 1000 });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}

export function parseSessionCookie(value: string | undefined): { orgId: string; token: string } | undefined {
  if (!value) return undefined;
  const dot = value.indexOf('.');
  if (dot < 0) return undefined;
  const orgId = value.slice(0, dot);
  const token = value.slice(dot + 1);
  if (!UUID_RE.test(orgId) || token.length < 20 || token.length > 100) return undefined;
  return { orgId, token };
}

/** Looks up a live session and its user inside the tenant; undefined when expired, idle, revoked or deactivated. */
export async function loadActor(db: Database, cookieValue: string | undefined): Promise<Actor | undefined> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return undefined;
  const idHash = sha256(parsed.token);
  return db.withTenant(parsed.orgId, async (tx) => {
    const now = Date.now();
    const [row] = await tx
      .select({
        userId: users.id,
        role: users.role,
        displayName: users.displayName,
        language: users.language,
        status: users.status,
        isDemo: users.isDemo,
        totpEnabledAt: users.totpEnabledAt,
        csrfToken: sessions.csrfToken,
        mfaPassed: sessions.mfaPassed,
        lastSeenAt: sessions.lastSeenAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
        locationIds: sql<string[]>`coalesce((select array_agg(ul.location_id::text) from ${userLocations} ul where ul.org_id = ${users.orgId} and ul.user_id = ${users.id}), '{}')`,
      })
      .from(sessions)
      .innerJoin(users, and(eq(users.orgId, sessions.orgId), eq(users.id, sessions.userId)))
      .where(and(eq(sessions.orgId, parsed.orgId), eq(sessions.idHash, idHash)));
    if (!row || row.revokedAt || row.status !== 'active') return undefined;
    if (row.expiresAt.getTime() <= now || row.lastSeenAt.getTime() + IDLE_TIMEOUT_MS <= now) return undefined;
    if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await tx.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.orgId, parsed.orgId), eq(sessions.idHash, idHash)));
    }
    const role = row.role as Role;
    // Demo staff may skip two-factor (issue 3); real staff must have passed it.
    const mfaPassed = row.mfaPassed || row.isDemo || (!mfaRequired(role) && !row.totpEnabledAt);
    return {
      orgId: parsed.orgId,
      userId: row.userId,
      role,
      displayName: row.displayName,
      language: row.language === 'en' ? 'en' : 'nl',
      locationIds: row.locationIds ?? [],
      sessionIdHash: idHash,
      csrfToken: row.csrfToken,
      mfaPassed,
      mfaEnrolled: !!row.totpEnabledAt,
      isDemo: row.isDemo,
    } satisfies Actor;
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF (issue 3): every state-changing request of a signed-in user carries the session's token in
 * X-CSRF-Token. Public state-changing routes (sign-in, reset) only accept JSON (a cross-site form
 * cannot send it without a preflight) and a same-origin Origin header when one is sent.
 */
export function checkCsrf(req: FastifyRequest, actor: Actor | undefined, isPublic: boolean): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin && req.headers.host && new URL(origin).host !== req.headers.host) throw new AppError('csrf', 403);
  if (isPublic && !actor) return;
  if (!actor) return; // the access check answers 401
  const sent = req.headers[CSRF_HEADER];
  const ok = typeof sent === 'string' && sent.length === actor.csrfToken.length && timingSafeEqual(Buffer.from(sent), Buffer.from(actor.csrfToken));
  if (!ok) throw new AppError('csrf', 403);
}
