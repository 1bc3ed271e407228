import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { createOrganisation } from '../../modules/organisations/public.js';
import { createUser } from '../auth/accounts.js';
import { authThrottle, passwordResets, sessions } from '../auth/tables.js';
import { uuidv7 } from '../db/ids.js';
import { platformJobs, purgeExpiredAuthState } from './housekeeping.js';

/** The daily clean-up removes what can no longer be used, a day after its last use, and nothing else. */
const HOUR = 3600_000;
let db: TestDatabase;
let orgId: string;
let userId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  orgId = (await createOrganisation(db, { name: 'Stichting Opruimen', locations: ['Helmond'] })).orgId;
  userId = await db.withSystem((tx) => createUser(tx, { orgId, email: 'opruimen@example.org', displayName: 'Opruimer', role: 'admin' }));
});
afterAll(async () => db.drop());

describe('purgeExpiredAuthState', () => {
  it('deletes dead sessions, spent or expired reset links and forgotten throttle counters; keeps the rest', async () => {
    const now = new Date();
    const ago = (h: number) => new Date(now.getTime() - h * HOUR);
    const session = (key: string, v: { expiresAt: Date; lastSeenAt: Date; revokedAt?: Date }) => ({ orgId, idHash: key, userId, csrfToken: 'x', ...v });
    await db.withSystem(async (tx) => {
      await tx.insert(sessions).values([
        session('live', { expiresAt: new Date(now.getTime() + 10 * HOUR), lastSeenAt: ago(0.1) }),
        session('expired-yesterday', { expiresAt: ago(25), lastSeenAt: ago(26) }),
        session('expired-just-now', { expiresAt: ago(1), lastSeenAt: ago(2) }),
        session('idle-long-ago', { expiresAt: new Date(now.getTime() + HOUR), lastSeenAt: ago(30) }),
        session('revoked-long-ago', { expiresAt: new Date(now.getTime() + HOUR), lastSeenAt: ago(0.5), revokedAt: ago(25) }),
        session('revoked-just-now', { expiresAt: new Date(now.getTime() + HOUR), lastSeenAt: ago(0.5), revokedAt: ago(0.2) }),
      ]);
      await tx.insert(passwordResets).values([
        { orgId, id: uuidv7(), userId, tokenHash: 'open', expiresAt: new Date(now.getTime() + 0.5 * HOUR) },
        { orgId, id: uuidv7(), userId, tokenHash: 'expired-long-ago', expiresAt: ago(25) },
        { orgId, id: uuidv7(), userId, tokenHash: 'used-long-ago', expiresAt: new Date(now.getTime() + HOUR), usedAt: ago(25) },
        { orgId, id: uuidv7(), userId, tokenHash: 'used-just-now', expiresAt: new Date(now.getTime() + HOUR), usedAt: ago(0.1) },
      ]);
      await tx.insert(authThrottle).values([
        { key: 'ip:recent', failures: 3, lastFailureAt: ago(1) },
        { key: 'ip:forgotten', failures: 3, lastFailureAt: ago(50) },
        { key: 'acct:still-locked', failures: 9, lastFailureAt: ago(50), lockedUntil: new Date(now.getTime() + HOUR) },
      ]);
    });

    expect(await purgeExpiredAuthState(db, now)).toEqual({ sessions: 3, passwordResets: 2, authThrottle: 1 });
    const left = await db.withSystem(async (tx) => ({
      sessions: (await tx.select({ k: sessions.idHash }).from(sessions)).map((r) => r.k).sort(),
      resets: (await tx.select({ k: passwordResets.tokenHash }).from(passwordResets)).map((r) => r.k).sort(),
      throttle: (await tx.select({ k: authThrottle.key }).from(authThrottle)).map((r) => r.k).sort(),
    }));
    expect(left).toEqual({
      sessions: ['expired-just-now', 'live', 'revoked-just-now'],
      resets: ['open', 'used-just-now'],
      throttle: ['acct:still-locked', 'ip:recent'],
    });
    // Nothing left to do: a second run deletes nothing.
    expect(await purgeExpiredAuthState(db, now)).toEqual({ sessions: 0, passwordResets: 0, authThrottle: 0 });
  });

  it('is scheduled daily at night', () => {
    expect(platformJobs.map((j) => [j.name, j.cron])).toEqual([['platform-housekeeping', '30 3 * * *']]);
  });
});
