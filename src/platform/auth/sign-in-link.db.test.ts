import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { Browser, mailsTo, tokenFromMail, userWithPassword } from '../../../test/helpers/signin.js';
import { auditEvents } from '../audit/tables.js';
import { sessions, signInLinks, users } from './tables.js';

/** Issue 6: a single-use sign-in link (15 minutes) for parents; staff use password + two-factor. */
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp({ NAAST_PUBLIC_URL: 'https://naast.example' });
  org = await createTestOrg(t.db, 'Stichting Inloglink');
});
afterAll(async () => t?.close());

async function askLink(email: string, b = new Browser(t.app)) {
  const res = await b.call('POST', '/auth/sign-in-link', { email });
  expect(res.status).toBe(202);
  return res;
}
async function linkFor(email: string): Promise<string> {
  await askLink(email);
  const mails = await mailsTo(t.config.dataDir, email);
  return tokenFromMail(mails.at(-1)!, 'inloggen/link').token;
}

describe('asking for a sign-in link', () => {
  it('answers the same for a parent, an unknown address and staff; only the parent gets a mail without personal details', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const coordinator = await userWithPassword(t.db, org, 'coordinator');
    const volunteer = await userWithPassword(t.db, org, 'volunteer');
    const unknown = `niemand.${Date.now()}@example.org`;
    const answers = [await askLink(parent.email), await askLink(unknown), await askLink(coordinator.email), await askLink(volunteer.email)];
    for (const a of answers) expect(a.body).toBe(answers[0]!.body);
    expect(answers[0]!.json()).toEqual({ status: 'accepted' });

    expect(await mailsTo(t.config.dataDir, unknown)).toHaveLength(0);
    expect(await mailsTo(t.config.dataDir, coordinator.email)).toHaveLength(0);
    expect(await mailsTo(t.config.dataDir, volunteer.email)).toHaveLength(0);
    const mails = await mailsTo(t.config.dataDir, parent.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain('15 minuten');
    expect(mail.text).toContain('15 minutes');
    const { link, token } = tokenFromMail(mail, 'inloggen/link');
    expect(link).toBe(`https://naast.example/inloggen/link#token=${token}`);
    expect(token.startsWith(`${org.orgId}.`)).toBe(true);
    // No name, no address, no organisation.
    expect(mail.text).not.toContain('Test parent');
    expect(mail.text).not.toContain(parent.email);
    expect(mail.text).not.toContain('Stichting Inloglink');

    // Only the hash is stored, valid 15 minutes.
    const rows = await t.db.withSystem((tx) => tx.select().from(signInLinks).where(eq(signInLinks.userId, parent.userId)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]!);
    const ttl = rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime();
    expect(ttl).toBeGreaterThan(14 * 60_000);
    expect(ttl).toBeLessThanOrEqual(15 * 60_000 + 5_000);
    // The refusal for staff is recorded in the organisation's audit trail.
    const refused = await t.db.withSystem((tx) =>
      tx.select({ reason: auditEvents.reason }).from(auditEvents).where(and(eq(auditEvents.orgId, org.orgId), eq(auditEvents.subjectId, coordinator.userId), eq(auditEvents.resourceType, 'sign_in_link'))),
    );
    expect(refused.map((r) => r.reason)).toEqual(['role_needs_password']);
  });

  it('limits requests per network address and mails per address, still answering 202', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    for (let i = 0; i < 7; i++) await askLink(parent.email);
    expect(await mailsTo(t.config.dataDir, parent.email)).toHaveLength(5);

    const b = new Browser(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await b.call('POST', '/auth/sign-in-link', { email: `x${i}.${Date.now()}@example.org` })).status);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it('refuses bad input with a clear problem', async () => {
    const res = await new Browser(t.app).call('POST', '/auth/sign-in-link', { email: 'geen-adres' });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('problem+json');
  });
});

describe('signing in with the link', () => {
  it('works once, like a password sign-in (cookie, CSRF, audit)', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const token = await linkFor(parent.email);
    const b = new Browser(t.app);
    const res = await b.call('POST', '/auth/sign-in-link/consume', { token });
    expect(res.status).toBe(200);
    expect(res.json().next).toBe('done');
    expect(res.setCookie?.raw).toContain('HttpOnly');
    const session = await b.call('GET', '/auth/session');
    expect(session.json().user).toMatchObject({ id: parent.userId, role: 'parent', mfaPassed: true });
    // A state-changing call works with the new CSRF token.
    expect((await b.call('POST', '/auth/logout')).status).toBe(204);

    const again = await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token });
    expect(again.status).toBe(410);
    expect(again.json().type).toBe('urn:naast:problem:sign_in_link_expired');
    expect(again.json().title).toBe('Deze inloglink werkt niet meer');

    const events = await t.db.withSystem((tx) =>
      tx.select({ action: auditEvents.action, reason: auditEvents.reason }).from(auditEvents).where(and(eq(auditEvents.orgId, org.orgId), eq(auditEvents.subjectId, parent.userId), eq(auditEvents.resourceType, 'session'))),
    );
    expect(events).toContainEqual({ action: 'login', reason: 'sign_in_link' });
    expect(events).toContainEqual({ action: 'login_failed', reason: 'sign_in_link_used' });
  });

  it('an expired link is refused and nothing changes; English message on request', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const token = await linkFor(parent.email);
    await t.db.withSystem((tx) => tx.update(signInLinks).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(signInLinks.userId, parent.userId)));
    const sessionsBefore = await t.db.withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, parent.userId)));
    const b = new Browser(t.app);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/sign-in-link/consume', headers: { 'accept-language': 'en' }, payload: { token } });
    expect(res.statusCode).toBe(410);
    expect(res.json().title).toBe('This sign-in link no longer works');
    expect(res.headers['set-cookie']).toBeUndefined();
    const rows = await t.db.withSystem((tx) => tx.select().from(signInLinks).where(eq(signInLinks.userId, parent.userId)));
    expect(rows[0]!.usedAt).toBeNull();
    const sessionsAfter = await t.db.withSystem((tx) => tx.select().from(sessions).where(eq(sessions.userId, parent.userId)));
    expect(sessionsAfter).toHaveLength(sessionsBefore.length);
    expect((await b.call('GET', '/auth/session')).json().user).toBeNull();
  });

  it('only the newest link works; an unknown or malformed token is 400', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const first = await linkFor(parent.email);
    const second = await linkFor(parent.email);
    expect((await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token: first })).status).toBe(410);
    expect((await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token: second })).status).toBe(200);
    const unknown = await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token: `${org.orgId}.${'x'.repeat(43)}` });
    expect(unknown.status).toBe(400);
    expect(unknown.json().type).toBe('urn:naast:problem:token_invalid');
    expect((await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token: 'not-a-token-at-all-really' })).status).toBe(400);
  });

  it('a parent with two-factor still needs the code step', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    await t.db.withSystem((tx) => tx.update(users).set({ totpEnabledAt: new Date() }).where(eq(users.id, parent.userId)));
    const token = await linkFor(parent.email);
    const b = new Browser(t.app);
    const res = await b.call('POST', '/auth/sign-in-link/consume', { token });
    expect(res.status).toBe(200);
    expect(res.json().next).toBe('mfa');
    expect((await b.call('GET', '/auth/session')).json().user).toMatchObject({ mfaPassed: false });
  });

  it('a deactivated parent cannot use a link asked for earlier', async () => {
    const parent = await userWithPassword(t.db, org, 'parent');
    const token = await linkFor(parent.email);
    await t.db.withSystem((tx) => tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, parent.userId)));
    expect((await new Browser(t.app).call('POST', '/auth/sign-in-link/consume', { token })).status).toBe(410);
  });
});
