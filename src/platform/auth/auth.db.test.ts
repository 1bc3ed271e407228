import { and, eq, sql } from 'drizzle-orm';
import { RULES } from './throttle.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { Browser, GOOD_PASSWORD, totpCode, userWithPassword } from '../../../test/helpers/signin.js';
import { auditEvents } from '../audit/tables.js';
import { accountKey } from './throttle.js';
import { authThrottle, recoveryCodes, securityEvents, sessions, users } from './tables.js';

/** Issue 3, "Sign-in and sessions" and "Bad input and attacks", through the real app. */
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Inlog');
});
afterAll(async () => t.close());

const auditRows = (userId: string) =>
  t.db.withSystem((tx) =>
    tx
      .select({ action: auditEvents.action, resourceType: auditEvents.resourceType, actor: auditEvents.actorUserId, reason: auditEvents.reason, ip: auditEvents.ip })
      .from(auditEvents)
      .where(and(eq(auditEvents.orgId, org.orgId), eq(auditEvents.subjectId, userId)))
      .orderBy(auditEvents.occurredAt, auditEvents.seq),
  );

/** Signs in and links an authenticator app through the API; returns the browser, secret and recovery codes. */
async function enrolled(role: 'admin' | 'coordinator' | 'volunteer' | 'parent' = 'admin') {
  const u = await userWithPassword(t.db, org, role);
  const b = new Browser(t.app);
  await b.login(u.email, u.password);
  const start = await b.call('POST', '/auth/mfa/enrol/start');
  const { secret } = start.json<{ secret: string }>();
  const confirm = await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret) });
  expect(confirm.status).toBe(200);
  return { u, b, secret, codes: confirm.json<{ recoveryCodes: string[] }>().recoveryCodes };
}

describe('session endpoint', () => {
  it('answers anonymous callers with no user and no token', async () => {
    const res = await new Browser(t.app).call('GET', '/auth/session');
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ user: null, csrfToken: null, demo: false });
  });

  it('says demo when any demo account exists', async () => {
    await userWithPassword(t.db, await createTestOrg(t.db, 'Demo-achtig'), 'parent', { isDemo: true });
    expect((await new Browser(t.app).call('GET', '/auth/session')).json().demo).toBe(true);
    await t.db.withSystem((tx) => tx.update(users).set({ isDemo: false }).where(eq(users.isDemo, true)));
  });
});

describe('staff sign-in with forced two-factor enrolment', () => {
  it('password → enrol (QR, encrypted secret) → confirm → 10 recovery codes → fully signed in', async () => {
    const u = await userWithPassword(t.db, org, 'coordinator');
    const b = new Browser(t.app);

    const login = await b.login(u.email.toUpperCase(), u.password);
    expect(login.status).toBe(200);
    expect(login.json()).toMatchObject({ next: 'mfa_enrol' });
    expect(login.setCookie?.raw).toMatch(/HttpOnly/i);
    expect(login.setCookie?.raw).toMatch(/SameSite=Lax/i);
    expect(login.setCookie?.raw).toMatch(/Path=\//);
    expect(login.setCookie?.raw).not.toMatch(/Secure/i); // http public URL in tests
    const firstCookie = b.cookie!;

    // Not yet allowed anywhere that needs a permission.
    const blocked = await b.call('PATCH', '/me', { language: 'en' });
    expect(blocked.status).toBe(401);
    expect(blocked.json().type).toBe('urn:naast:problem:mfa_required');
    const s1 = (await b.call('GET', '/auth/session')).json<{ user: Record<string, unknown>; csrfToken: string }>();
    expect(s1.user).toMatchObject({ id: u.userId, role: 'coordinator', email: u.email, orgName: 'Stichting Inlog', mfaEnrolled: false, mfaPassed: false, mfaRequired: true });
    expect(s1.csrfToken).toBe(b.csrf);

    const start = await b.call('POST', '/auth/mfa/enrol/start');
    expect(start.status).toBe(200);
    const { secret, otpauthUrl, qrDataUrl } = start.json<{ secret: string; otpauthUrl: string; qrDataUrl: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\/Naast:Stichting%20Inlog\?/);
    expect(otpauthUrl).toContain('issuer=Naast');
    expect(otpauthUrl).toContain('algorithm=SHA1');
    expect(otpauthUrl).toContain('period=30');
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const [stored] = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.id, u.userId)));
    expect(stored!.totpSecretEnc).toBeTruthy();
    expect(stored!.totpSecretEnc).not.toContain(secret);
    expect(stored!.totpEnabledAt).toBeNull();

    const wrong = await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret, 10) });
    expect(wrong.status).toBe(400);
    expect(wrong.json().type).toBe('urn:naast:problem:invalid_code');

    const confirm = await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret) });
    expect(confirm.status).toBe(200);
    const { recoveryCodes: codes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    // The session was rotated: a new id, and the old cookie is dead.
    expect(b.cookie).not.toBe(firstCookie);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `naast_session=${firstCookie}` } });
    expect(old.json().user).toBeNull();

    const s2 = (await b.call('GET', '/auth/session')).json<{ user: Record<string, unknown> }>();
    expect(s2.user).toMatchObject({ mfaEnrolled: true, mfaPassed: true });
    expect((await b.call('PATCH', '/me', { displayName: 'Coördinator Test' })).status).toBe(200);

    // Codes are stored hashed only.
    const rows = await t.db.withSystem((tx) => tx.select().from(recoveryCodes).where(eq(recoveryCodes.userId, u.userId)));
    expect(rows).toHaveLength(10);
    for (const r of rows) expect(codes).not.toContain(r.codeHash);
    expect((await b.call('POST', '/auth/mfa/enrol/start')).status).toBe(409);

    const actions = (await auditRows(u.userId)).map((r) => `${r.action}:${r.resourceType}`);
    expect(actions).toEqual(expect.arrayContaining(['login:session', 'update:mfa', 'login_failed:mfa', 'mfa:mfa']));
  });

  it('next sign-in asks for the code; a code works once; recovery codes work once each', async () => {
    const { u, b, secret, codes } = await enrolled('volunteer');
    expect((await b.call('POST', '/auth/logout')).status).toBe(204);

    const login = await b.login(u.email, u.password);
    expect(login.json()).toMatchObject({ next: 'mfa' });
    expect((await b.call('PATCH', '/me', {})).json().type).toBe('urn:naast:problem:mfa_required');
    // Re-enrolling with only the password is refused.
    expect((await b.call('POST', '/auth/mfa/enrol/start')).status).toBe(409);
    const before = b.cookie;
    const code = totpCode(secret, 1); // the next period: the enrolment used the current one
    const ok = await b.call('POST', '/auth/mfa/verify', { code });
    expect(ok.status).toBe(200);
    expect(ok.json()).toMatchObject({ next: 'done' });
    expect(b.cookie).not.toBe(before);
    expect((await b.call('PATCH', '/me', {})).status).toBe(200);

    // The same code again (replay) is refused.
    await b.call('POST', '/auth/logout');
    await b.login(u.email, u.password);
    const replay = await b.call('POST', '/auth/mfa/verify', { code });
    expect(replay.status).toBe(400);
    expect(replay.json().type).toBe('urn:naast:problem:invalid_code');

    // A recovery code, typed in capitals without the dash, works once.
    const rc = codes[3]!;
    const viaCode = await b.call('POST', '/auth/mfa/verify', { code: rc.replace('-', '').toUpperCase() });
    expect(viaCode.status).toBe(200);
    await b.call('POST', '/auth/logout');
    await b.login(u.email, u.password);
    const again = await b.call('POST', '/auth/mfa/verify', { code: rc });
    expect(again.status).toBe(400);
    expect(again.json().type).toBe('urn:naast:problem:invalid_code');
    expect((await b.call('POST', '/auth/mfa/verify', { code: codes[4]! })).status).toBe(200);

    const audit = await auditRows(u.userId);
    expect(audit.filter((r) => r.action === 'mfa' && r.reason === 'recovery_code')).toHaveLength(2);
    expect(audit.filter((r) => r.action === 'login_failed' && r.resourceType === 'mfa').map((r) => r.reason)).toEqual(['code_reused', 'wrong_recovery_code']);
  });

  it('locks two-factor after repeated wrong codes', async () => {
    const { u, b } = await enrolled('admin');
    await b.call('POST', '/auth/logout');
    await b.login(u.email, u.password);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await b.call('POST', '/auth/mfa/verify', { code: 'zzzzz-zzzzz' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });

  it('parents are done after the password; demo staff skip two-factor', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    expect((await b.login(parent.email, parent.password)).json()).toMatchObject({ next: 'done' });
    expect((await b.call('GET', '/auth/session')).json().user).toMatchObject({ mfaRequired: false, mfaPassed: true });

    const demo = await userWithPassword(t.db, org, 'admin', { isDemo: true });
    const d = new Browser(t.app);
    expect((await d.login(demo.email, demo.password)).json()).toMatchObject({ next: 'done' });
    expect((await d.call('PATCH', '/me', {})).status).toBe(200);
    await t.db.withSystem((tx) => tx.update(users).set({ isDemo: false }).where(eq(users.id, demo.userId)));
  });
});

describe('brute force and enumeration', () => {
  it('wrong password ×5 locks the account with 429 + Retry-After, and every attempt is audited', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await b.login(u.email, `wrong-password-${i}-xyz`));
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(results[0]!.json().type).toBe('urn:naast:problem:invalid_credentials');
    const limited = results[4]!;
    expect(limited.json().type).toBe('urn:naast:problem:rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(55);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);

    // Even the right password waits now, also from another address.
    const right = await new Browser(t.app).login(u.email, u.password);
    expect(right.status).toBe(429);

    const audit = await auditRows(u.userId);
    expect(audit.filter((r) => r.action === 'login_failed')).toHaveLength(7);
    expect(audit.filter((r) => r.reason === 'wrong_password')).toHaveLength(5);
    expect(audit.filter((r) => r.reason === 'rate_limited')).toHaveLength(2);
    expect(audit.every((r) => r.ip)).toBe(true);

    // The lock doubles each time: after it expires, one more failure locks for 2 minutes.
    await t.db.withSystem((tx) => tx.update(authThrottle).set({ lockedUntil: new Date(Date.now() - 1000) }).where(eq(authThrottle.key, accountKey(u.email))));
    const sixth = await b.login(u.email, 'still-wrong-password');
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers['retry-after'])).toBeGreaterThan(60);
    // A correct sign-in after the lock resets the count.
    await t.db.withSystem((tx) => tx.update(authThrottle).set({ lockedUntil: null }).where(eq(authThrottle.key, accountKey(u.email))));
    expect((await b.login(u.email, u.password)).status).toBe(200);
    const [row] = await t.db.withSystem((tx) => tx.select().from(authThrottle).where(eq(authThrottle.key, accountKey(u.email))));
    expect(row).toBeUndefined();
  });

  it('locks one network address after many failures on different accounts', async () => {
    const b = new Browser(t.app);
    const statuses: number[] = [];
    const threshold = RULES.ip.threshold;
    for (let i = 0; i <= threshold; i++) statuses.push((await b.login(`nobody${i}@example.org`, 'some-wrong-password')).status);
    expect(statuses.slice(0, threshold - 1).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(threshold - 1)).toEqual([429, 429]);
    // Another address is not affected.
    const u = await userWithPassword(t.db, org, 'parent');
    expect((await new Browser(t.app).login(u.email, u.password)).status).toBe(200);
  });

  it('unknown account, wrong password and deactivated account get byte-identical answers', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const off = await userWithPassword(t.db, org, 'parent');
    await t.db.withSystem((tx) => tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, off.userId)));
    const unknownEmail = `niemand.${Date.now()}@example.org`;
    const answers = [
      await new Browser(t.app).login(unknownEmail, 'Some-password-123'),
      await new Browser(t.app).login(u.email, 'Some-password-123'),
      await new Browser(t.app).login(off.email, off.password),
    ];
    const strip = (body: string) => body.replace(/urn:naast:request:[0-9a-f-]+/, 'urn:naast:request:X');
    for (const a of answers) {
      expect(a.status).toBe(401);
      expect(a.headers['content-type']).toBe(answers[0]!.headers['content-type']);
      expect(a.setCookie).toBeUndefined();
    }
    expect(strip(answers[1]!.body)).toBe(strip(answers[0]!.body));
    expect(strip(answers[2]!.body)).toBe(strip(answers[0]!.body));
    expect(answers[0]!.body).not.toContain(unknownEmail);

    // The unknown address leaves only a hash behind.
    const events = await t.db.withSystem((tx) => tx.select().from(securityEvents).where(eq(securityEvents.kind, 'login_failed:unknown_account')));
    expect(events.length).toBeGreaterThanOrEqual(1);
    const dump = JSON.stringify(events);
    expect(dump).not.toContain(unknownEmail);
    expect(dump).not.toContain('niemand');
    expect(events.some((e) => /^[0-9a-f]{64}$/.test(e.emailHash ?? ''))).toBe(true);
    // No personal data in the logs either.
    expect(t.logs.join('\n')).not.toContain(unknownEmail);
    expect(t.logs.join('\n')).not.toContain(u.email);
  });
});

describe('sessions', () => {
  it('a cookie stolen before sign-out is useless after it (401)', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    await b.login(u.email, u.password);
    const stolen = { cookie: `naast_session=${b.cookie}`, 'x-csrf-token': b.csrf! };
    expect((await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: stolen, payload: {} })).statusCode).toBe(200);

    const out = await b.call('POST', '/auth/logout');
    expect(out.status).toBe(204);
    expect(out.setCookie?.value).toBe('');
    const replay = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: stolen, payload: {} });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().type).toBe('urn:naast:problem:unauthenticated');
    expect((await auditRows(u.userId)).map((r) => r.action)).toEqual(['login', 'logout']);
  });

  it('a deactivated user cannot use a session it already has', async () => {
    const u = await userWithPassword(t.db, org, 'funder');
    const b = new Browser(t.app);
    await b.login(u.email, u.password);
    expect((await b.call('PATCH', '/me', {})).status).toBe(200);
    await t.db.withSystem((tx) => tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, u.userId)));
    expect((await b.call('PATCH', '/me', {})).status).toBe(401);
    const s = await b.call('GET', '/auth/session');
    expect(s.json().user).toBeNull();
    expect(s.setCookie?.value).toBe(''); // the dead cookie is cleared
  });

  it('a signed-in POST without (or with a wrong) CSRF token is refused with 403', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    await b.login(u.email, u.password);
    const missing = await b.call('PATCH', '/me', { language: 'en' }, { csrf: false });
    expect(missing.status).toBe(403);
    expect(missing.json().type).toBe('urn:naast:problem:csrf');
    const wrong = await b.call('POST', '/auth/logout', undefined, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(b.csrf!.length) } });
    expect(wrong.status).toBe(403);
    const [row] = await t.db.withSystem((tx) => tx.select({ language: users.language }).from(users).where(eq(users.id, u.userId)));
    expect(row!.language).toBe('nl');
    // A cross-site Origin is refused even on public routes.
    const cross = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { origin: 'https://evil.example', host: 'localhost:80' }, payload: { email: u.email, password: u.password } });
    expect(cross.statusCode).toBe(403);
  });

  it('sign-in rotates the session: the cookie a browser had before is revoked', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    await b.login(u.email, u.password);
    const before = b.cookie;
    await b.login(u.email, u.password);
    expect(b.cookie).not.toBe(before);
    const old = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `naast_session=${before}` } });
    expect(old.json().user).toBeNull();
  });

  it('sign out everywhere ends every session, or every other one', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const [a, b, c] = [new Browser(t.app), new Browser(t.app), new Browser(t.app)];
    for (const x of [a, b, c]) await x.login(u.email, u.password);

    expect((await a.call('POST', '/auth/logout-everywhere', { keepThisSession: true })).status).toBe(204);
    expect((await a.call('PATCH', '/me', {})).status).toBe(200);
    expect((await b.call('PATCH', '/me', {})).status).toBe(401);

    await c.login(u.email, u.password);
    const all = await a.call('POST', '/auth/logout-everywhere', { keepThisSession: false });
    expect(all.status).toBe(204);
    expect((await a.call('PATCH', '/me', {})).status).toBe(401);
    expect((await c.call('PATCH', '/me', {})).status).toBe(401);
    const live = await t.db.withSystem((tx) =>
      tx.select({ n: sql<number>`count(*)::int` }).from(sessions).where(and(eq(sessions.userId, u.userId), sql`${sessions.revokedAt} is null`)),
    );
    expect(live[0]!.n).toBe(0);
  });

  it('sessions end after 30 idle minutes and after 12 hours', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const b = new Browser(t.app);
    await b.login(u.email, u.password);
    await t.db.withSystem((tx) => tx.update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.userId, u.userId)));
    expect((await b.call('PATCH', '/me', {})).status).toBe(401);

    await b.login(u.email, u.password);
    await t.db.withSystem((tx) => tx.update(sessions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(sessions.userId, u.userId)));
    expect((await b.call('PATCH', '/me', {})).status).toBe(401);
  });

  it('refuses bad input on sign-in as a validation problem, never a crash', async () => {
    const b = new Browser(t.app);
    const res = await b.call('POST', '/auth/login', { email: 'not-an-email', password: GOOD_PASSWORD });
    expect(res.status).toBe(400);
    expect(res.json<{ errors: Array<{ field: string }> }>().errors[0]).toMatchObject({ field: 'body.email' });
    const extra = await b.call('POST', '/auth/login', { email: 'a@example.org', password: 'x', admin: true });
    expect(extra.status).toBe(400);
  });
});
