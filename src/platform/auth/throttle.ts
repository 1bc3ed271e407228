import { eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/index.js';
import { AppError } from '../http/errors.js';
import { sha256 } from './sessions.js';
import { authThrottle } from './tables.js';

/**
 * Brute-force throttling (issue 3) in auth_throttle, on the system path: an attacker does not care
 * about tenants. Below the threshold nothing happens; from it on each further failure locks the key
 * twice as long as the previous one (1, 2, 4, … minutes up to the cap). Old failures are forgotten.
 */
export interface ThrottleRule {
  threshold: number;
  baseLockMs: number;
  maxLockMs: number;
  /** Failures older than this no longer count. */
  forgetAfterMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const RULES = {
  /** Per sign-in address (also unknown ones, so both behave alike). */
  account: { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: 24 * HOUR },
  /**
   * Per network address: against password spraying over many accounts. Many people can share one
   * address (an organisation's office behind one NAT), so it counts a short window, not a whole day:
   * 20 failures a day would lock out a whole office after ordinary typos.
   */
  ip: { threshold: 50, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: 15 * MINUTE },
  /** Two-factor codes per user. */
  mfa: { threshold: 5, baseLockMs: MINUTE, maxLockMs: HOUR, forgetAfterMs: 24 * HOUR },
  /** Reset mails asked from one network address, counted whether or not the address exists. */
  resetIp: { threshold: 10, baseLockMs: 15 * MINUTE, maxLockMs: HOUR, forgetAfterMs: HOUR },
  /** Reset mails to one address: past this the request still answers 202 but sends nothing (no mail bombing). */
  resetAccount: { threshold: 3, baseLockMs: HOUR, maxLockMs: 4 * HOUR, forgetAfterMs: HOUR },
} satisfies Record<string, ThrottleRule>;

export const accountKey = (email: string) => `acct:${sha256(email.trim().toLowerCase())}`;
export const ipKey = (ip: string) => `ip:${ip}`;
export const mfaKey = (orgId: string, userId: string) => `mfa:${orgId}:${userId}`;
export const resetIpKey = (ip: string) => `reset-ip:${ip}`;
export const resetAccountKey = (email: string) => `reset-acct:${sha256(email.trim().toLowerCase())}`;

export function lockDurationMs(rule: ThrottleRule, failures: number): number {
  if (failures < rule.threshold) return 0;
  const doublings = Math.min(failures - rule.threshold, 20);
  return Math.min(rule.baseLockMs * 2 ** doublings, rule.maxLockMs);
}

/** Milliseconds until the longest lock of these keys ends; 0 when none is locked. */
export async function lockedFor(tx: Executor, keys: string[], now = new Date()): Promise<number> {
  if (keys.length === 0) return 0;
  const rows = await tx.select({ lockedUntil: authThrottle.lockedUntil }).from(authThrottle).where(inArray(authThrottle.key, keys));
  return Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now.getTime() : 0)));
}

/** Counts one failure; returns how long the key is now locked (0 if not). */
export async function recordFailure(tx: Executor, key: string, rule: ThrottleRule, now = new Date()): Promise<number> {
  const forgetBefore = new Date(now.getTime() - rule.forgetAfterMs);
  const [row] = await tx
    .insert(authThrottle)
    .values({ key, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: {
        failures: sql`case when ${authThrottle.lastFailureAt} is null or ${authThrottle.lastFailureAt} < ${forgetBefore.toISOString()} then 1 else ${authThrottle.failures} + 1 end`,
        lastFailureAt: now,
      },
    })
    .returning({ failures: authThrottle.failures });
  const lockMs = lockDurationMs(rule, row?.failures ?? 1);
  if (lockMs > 0) await tx.update(authThrottle).set({ lockedUntil: new Date(now.getTime() + lockMs) }).where(eq(authThrottle.key, key));
  return lockMs;
}

export async function clearThrottle(tx: Executor, key: string): Promise<void> {
  await tx.delete(authThrottle).where(eq(authThrottle.key, key));
}

export function rateLimited(ms: number): AppError {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  return new AppError('rate_limited', 429, { seconds }, [], { 'retry-after': String(seconds) });
}

/**
 * Last TOTP time step a user signed in with (RFC 6238 §5.2: a code is accepted once). Kept in this
 * table because it is sign-in protection state too; `failures` holds the step number.
 */
const totpStepKey = (orgId: string, userId: string) => `totp-step:${orgId}:${userId}`;

/** Claims the step; false when it (or a later one) was already used. Atomic under concurrency. */
export async function claimTotpStep(tx: Executor, orgId: string, userId: string, step: number): Promise<boolean> {
  const rows = await tx
    .insert(authThrottle)
    .values({ key: totpStepKey(orgId, userId), failures: step, lastFailureAt: new Date() })
    .onConflictDoUpdate({
      target: authThrottle.key,
      set: { failures: step, lastFailureAt: new Date() },
      setWhere: sql`${authThrottle.failures} < ${step}`,
    })
    .returning({ key: authThrottle.key });
  return rows.length === 1;
}
