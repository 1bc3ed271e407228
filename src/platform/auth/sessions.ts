import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Database, Executor } from '../db/index.js';
import { UUID_RE } from '../db/ids.js';
import { AppError } from '../http/errors.js';
import { mfaRequired, type Actor } from '../policy/index.js';
import { sessions, type Role } from './tables.js';

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

// Secure whenever people reach Naast over https (issue 3).
const cookieOptions = (req: FastifyRequest) =>
  ({ httpOnly: true, sameSite: 'lax', secure: req.ctx.config.publicUrl.startsWith('https:'), path: '/' }) as const;

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, value: string) {
  reply.setCookie(SESSION_COOKIE, value, { ...cookieOptions(req), maxAge: ABSOLUTE_LIFETIME_MS / 1000 });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(req));
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
interface SessionRow {
  user_id: string;
  role: string;
  display_name: string;
  language: string;
  status: string;
  is_demo: boolean;
  mfa_enrolled: boolean;
  csrf_token: string;
  mfa_passed: boolean;
  last_seen_ms: string | number;
  expires_ms: string | number;
  revoked: boolean;
  location_ids: string[];
}

export async function loadActor(db: Database, cookieValue: string | undefined): Promise<Actor | undefined> {
  const parsed = parseSessionCookie(cookieValue);
  if (!parsed) return undefined;
  const idHash = sha256(parsed.token);
  // Runs on every request: one round trip (see tenantReadInline). Both inlined values are checked
  // shapes: the org id is a UUID (parseSessionCookie) and the hash is sha256 hex.
  const [row] = await db.tenantReadInline<SessionRow>(
    parsed.orgId,
    `select u.id::text as user_id, u.role, u.display_name, u.language, u.status, u.is_demo,
            u.totp_enabled_at is not null as mfa_enrolled, s.csrf_token, s.mfa_passed,
            extract(epoch from s.last_seen_at) * 1000 as last_seen_ms, extract(epoch from s.expires_at) * 1000 as expires_ms,
            s.revoked_at is not null as revoked,
            coalesce((select array_agg(ul.location_id::text) from user_locations ul where ul.org_id = u.org_id and ul.user_id = u.id), '{}') as location_ids
       from sessions s join users u on u.org_id = s.org_id and u.id = s.user_id
      where s.org_id = '${parsed.orgId}' and s.id_hash = '${idHash}'`,
  );
  const now = Date.now();
  if (!row || row.revoked || row.status !== 'active') return undefined;
  const lastSeen = Number(row.last_seen_ms);
  if (Number(row.expires_ms) <= now || lastSeen + IDLE_TIMEOUT_MS <= now) return undefined;
  if (now - lastSeen > TOUCH_EVERY_MS) {
    await db.withTenant(parsed.orgId, (tx) =>
      tx.update(sessions).set({ lastSeenAt: new Date(now) }).where(and(eq(sessions.orgId, parsed.orgId), eq(sessions.idHash, idHash))),
    );
  }
  const role = row.role as Role;
  // Demo staff may skip two-factor (issue 3); real staff must have passed it.
  const mfaPassed = row.mfa_passed || row.is_demo || (!mfaRequired(role) && !row.mfa_enrolled);
  return {
    orgId: parsed.orgId,
    userId: row.user_id,
    role,
    displayName: row.display_name,
    language: row.language === 'en' ? 'en' : 'nl',
    locationIds: row.location_ids ?? [],
    sessionIdHash: idHash,
    csrfToken: row.csrf_token,
    mfaPassed,
    mfaEnrolled: !!row.mfa_enrolled,
    isDemo: row.is_demo,
  } satisfies Actor;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host || undefined;
  } catch {
    return undefined;
  }
}

/**
 * CSRF (issue 3): every state-changing request of a signed-in user carries the session's token in
 * X-CSRF-Token. Public state-changing routes (sign-in, reset) only accept JSON (a cross-site form
 * cannot send it without a preflight) and a same-origin Origin header when one is sent.
 */
export function checkCsrf(req: FastifyRequest, actor: Actor | undefined, isPublic: boolean): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  // A cross-site (or opaque: "null", sandboxed frames) origin never changes state here.
  if (origin && req.headers.host && originHost(origin) !== req.headers.host) throw new AppError('csrf', 403);
  if (isPublic && !actor) return;
  if (!actor) return; // the access check answers 401
  const sent = req.headers[CSRF_HEADER];
  const ok = typeof sent === 'string' && sent.length === actor.csrfToken.length && timingSafeEqual(Buffer.from(sent), Buffer.from(actor.csrfToken));
  if (!ok) throw new AppError('csrf', 403);
}
