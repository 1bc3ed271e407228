import { and, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import { authThrottle, passwordResets, sessions } from '../auth/tables.js';
import { IDLE_TIMEOUT_MS } from '../auth/sessions.js';
import type { Database, Executor } from '../db/index.js';
import type { ScheduledJob } from './index.js';

/**
 * Daily clean-up of the platform's security state, which otherwise only grows: sessions that can no
 * longer be used, spent or expired password-reset links, and sign-in throttle counters nobody is
 * counting any more. Each kind is kept a day past its last use (for the odd question "was I signed
 * in yesterday?"); none of it is personal data worth keeping (the audit trail records sign-ins).
 * Runs on the system path: it crosses organisations and reads nothing, it only deletes. Deletes in
 * batches so a national database never holds one long lock.
 */
export const HOUSEKEEPING_GRACE_HOURS = 24;
const BATCH = 5000;

async function deleteInBatches(db: Database, step: (tx: Executor) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await db.withSystem(step);
    total += n;
    if (n < BATCH) return total;
  }
}

export async function purgeExpiredAuthState(db: Database, now: Date): Promise<{ sessions: number; passwordResets: number; authThrottle: number }> {
  const grace = HOUSEKEEPING_GRACE_HOURS * 3600_000;
  const before = new Date(now.getTime() - grace);
  const idleBefore = new Date(now.getTime() - IDLE_TIMEOUT_MS - grace);
  const deadSession = or(lt(sessions.expiresAt, before), lt(sessions.revokedAt, before), lt(sessions.lastSeenAt, idleBefore));
  const purgedSessions = await deleteInBatches(db, async (tx) => {
    const gone = await tx
      .delete(sessions)
      .where(sql`(${sessions.orgId}, ${sessions.idHash}) in (select org_id, id_hash from ${sessions} where ${deadSession} limit ${BATCH})`)
      .returning({ h: sessions.idHash });
    return gone.length;
  });
  const deadReset = or(lt(passwordResets.expiresAt, before), and(isNotNull(passwordResets.usedAt), lt(passwordResets.usedAt, before)));
  const purgedResets = await deleteInBatches(db, async (tx) => {
    const gone = await tx
      .delete(passwordResets)
      .where(sql`(${passwordResets.orgId}, ${passwordResets.id}) in (select org_id, id from ${passwordResets} where ${deadReset} limit ${BATCH})`)
      .returning({ id: passwordResets.id });
    return gone.length;
  });
  // Throttle rules forget failures after at most 24 hours and lock for at most 4; two days is past both.
  const throttleBefore = new Date(now.getTime() - 2 * 24 * 3600_000);
  const deadThrottle = and(
    or(isNull(authThrottle.lockedUntil), lt(authThrottle.lockedUntil, now)),
    or(isNull(authThrottle.lastFailureAt), lt(authThrottle.lastFailureAt, throttleBefore)),
  );
  const purgedThrottle = await deleteInBatches(db, async (tx) => {
    const gone = await tx
      .delete(authThrottle)
      .where(sql`${authThrottle.key} in (select key from ${authThrottle} where ${deadThrottle} limit ${BATCH})`)
      .returning({ key: authThrottle.key });
    return gone.length;
  });
  return { sessions: purgedSessions, passwordResets: purgedResets, authThrottle: purgedThrottle };
}

/** The platform's own scheduled work (listed in src/jobs.ts). Daily at night, Amsterdam time. */
export const platformJobs: ScheduledJob[] = [
  {
    name: 'platform-housekeeping',
    cron: '30 3 * * *',
    run: ({ db, now }) => purgeExpiredAuthState(db, now),
  },
];
