import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { Browser, GOOD_PASSWORD, mailsTo, readMails, tokenFromMail, userWithPassword } from '../../../test/helpers/signin.js';
import { auditEvents } from '../audit/tables.js';
import { passwordResets, users } from './tables.js';

/** Issue 3: password reset by a single-use mailed link (30 minutes); served over HTTPS here. */
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp({ NAAST_PUBLIC_URL: 'https://naast.example' });
  org = await createTestOrg(t.db, 'Stichting Herstel');
});
afterAll(async () => t.close());

async function requestReset(email: string, b = new Browser(t.app)) {
  const res = await b.call('POST', '/auth/password/forgot', { email });
  expect(res.status).toBe(202);
  return res;
}

describe('forgot password', () => {
  it('answers the same for known and unknown addresses; only a real account gets a mail', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    const unknown = `onbekend.${Date.now()}@example.org`;
    const known = await requestReset(u.email);
    const other = await requestReset(unknown);
    expect(known.body).toBe(other.body);
    expect(known.json()).toEqual({ status: 'accepted' });

    expect(await mailsTo(t.config.dataDir, unknown)).toHaveLength(0);
    const mails = await mailsTo(t.config.dataDir, u.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toContain('Nieuw wachtwoord');
    expect(mail.text).toContain('Beste Test parent'); // Dutch first
    expect(mail.text).toContain('Dear Test parent'); // and English
    expect(mail.text).toContain('30 minuten');
    const { link, token } = tokenFromMail(mail, 'reset-password');
    expect(link).toBe(`https://naast.example/reset-password#token=${token}`);
    expect(token.startsWith(`${org.orgId}.`)).toBe(true);
    // No personal data beyond the greeting: not the address, not the role.
    expect(mail.text).not.toContain(u.email);

    // Only a hash of the token is stored.
    const rows = await t.db.withSystem((tx) => tx.select().from(passwordResets).where(eq(passwordResets.userId, u.userId)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(token.split('.')[1]!);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeGreaterThan(29 * 60_000);
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBeLessThanOrEqual(30 * 60_000 + 5_000);
  });

  it('sends nothing to a deactivated account, and limits requests per network address', async () => {
    const off = await userWithPassword(t.db, org, 'parent');
    await t.db.withSystem((tx) => tx.update(users).set({ status: 'deactivated' }).where(eq(users.id, off.userId)));
    const b = new Browser(t.app);
    await requestReset(off.email, b);
    expect(await mailsTo(t.config.dataDir, off.email)).toHaveLength(0);

    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await b.call('POST', '/auth/password/forgot', { email: `x${i}@example.org` })).status);
    expect(statuses.slice(0, 9).every((s) => s === 202)).toBe(true);
    const last = await b.call('POST', '/auth/password/forgot', { email: off.email });
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('sends at most three mails an hour to one address, still answering 202', async () => {
    const u = await userWithPassword(t.db, org, 'funder');
    for (let i = 0; i < 5; i++) await requestReset(u.email);
    expect(await mailsTo(t.config.dataDir, u.email)).toHaveLength(3);
  });
});

describe('reset password', () => {
  it('works once with a good password, ends every old session, and signs in over HTTPS with a Secure cookie', async () => {
    const u = await userWithPassword(t.db, org, 'coordinator');
    const old = new Browser(t.app);
    await old.login(u.email, u.password);
    expect(old.cookie).toBeTruthy();

    await requestReset(u.email);
    const { token } = tokenFromMail((await mailsTo(t.config.dataDir, u.email)).at(-1)!, 'reset-password');
    const b = new Browser(t.app);

    // Weak passwords come back as translated field errors on the password; the link stays valid.
    const common = await b.call('POST', '/auth/password/reset', { token, password: 'qwertyuiopasdfgh' }, { headers: { 'accept-language': 'en' } });
    expect(common.status).toBe(400);
    expect(common.json().type).toBe('urn:naast:problem:weak_password');
    expect(common.json().errors).toEqual([{ field: 'body.password', code: 'password.common', message: 'This password is too common and easy to guess. Choose another one.' }]);
    const padded = await b.call('POST', '/auth/password/reset', { token, password: 'sunshine2024!' });
    expect(padded.json().errors).toEqual([{ field: 'body.password', code: 'password.common', message: 'Dit wachtwoord is te bekend en makkelijk te raden. Kies een ander.' }]);
    const local = u.email.split('@')[0]!;
    const withEmail = await b.call('POST', '/auth/password/reset', { token, password: `${local}-geheim-99` });
    expect(withEmail.json().errors.map((e: { code: string }) => e.code)).toContain('password.contains_email');
    const short = await b.call('POST', '/auth/password/reset', { token, password: 'kort' });
    expect(short.status).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'body.password', code: 'too_small' });

    const newPassword = 'Nieuwe-fiets-in-de-regen-7';
    const ok = await b.call('POST', '/auth/password/reset', { token, password: newPassword });
    expect(ok.status).toBe(204);

    // Old sessions are dead, the old password no longer works, the new one does.
    expect((await old.call('PATCH', '/me', {})).status).toBe(401);
    expect((await new Browser(t.app).login(u.email, u.password)).status).toBe(401);
    const login = await new Browser(t.app).login(u.email, newPassword);
    expect(login.status).toBe(200);
    expect(login.setCookie?.raw).toMatch(/; Secure/);
    expect(login.headers['strict-transport-security']).toBeTruthy();

    const again = await b.call('POST', '/auth/password/reset', { token, password: 'Nog-een-ander-wachtwoord-8' });
    expect(again.status).toBe(400);
    expect(again.json().type).toBe('urn:naast:problem:token_invalid');

    const audit = await t.db.withSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.subjectId, u.userId)));
    expect(audit.some((e) => e.resourceType === 'password' && e.reason === 'password_reset')).toBe(true);
    expect(audit.some((e) => e.resourceType === 'password_reset' && e.action === 'create')).toBe(true);
  });

  it('refuses an expired link, a superseded link and a made-up one', async () => {
    const u = await userWithPassword(t.db, org, 'parent');
    await requestReset(u.email);
    const first = tokenFromMail((await mailsTo(t.config.dataDir, u.email)).at(-1)!, 'reset-password').token;
    await requestReset(u.email);
    const second = tokenFromMail((await mailsTo(t.config.dataDir, u.email)).at(-1)!, 'reset-password').token;
    const b = new Browser(t.app);

    const superseded = await b.call('POST', '/auth/password/reset', { token: first, password: GOOD_PASSWORD });
    expect(superseded.json().type).toBe('urn:naast:problem:token_invalid');

    await t.db.withSystem((tx) => tx.update(passwordResets).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(passwordResets.userId, u.userId)));
    const expired = await b.call('POST', '/auth/password/reset', { token: second, password: GOOD_PASSWORD });
    expect(expired.status).toBe(400);
    expect(expired.json().type).toBe('urn:naast:problem:token_invalid');

    for (const token of [`${org.orgId}.${'A'.repeat(43)}`, `not-a-uuid.${'A'.repeat(43)}`, 'x'.repeat(40)]) {
      const res = await b.call('POST', '/auth/password/reset', { token, password: GOOD_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.json().type).toBe('urn:naast:problem:token_invalid');
    }
    // The password did not change.
    expect((await new Browser(t.app).login(u.email, u.password)).status).toBe(200);
  });

  it('mails are real MIME messages', async () => {
    const all = await readMails(t.config.dataDir);
    expect(all.length).toBeGreaterThan(0);
    for (const m of all) expect(m.contentType).toMatch(/^text\/plain; charset=utf-8/i);
  });
});
