import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { Browser, totpCode, userWithPassword } from '../../../test/helpers/signin.js';
import { recordAudit } from '../../platform/audit/index.js';
import { auditEvents } from '../../platform/audit/tables.js';
import { users } from '../../platform/auth/tables.js';

/** Issue 3: the profile page — language, name, password, two-factor, and who used my data. */
let t: TestApp;
let org: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Profiel');
});
afterAll(async () => t.close());

async function signedIn(role: 'admin' | 'coordinator' | 'volunteer' | 'parent' | 'funder') {
  const u = await userWithPassword(t.db, org, role);
  const b = new Browser(t.app);
  const login = await b.login(u.email, u.password);
  let secret: string | undefined;
  let codes: string[] = [];
  if (login.json().next === 'mfa_enrol') {
    secret = (await b.call('POST', '/auth/mfa/enrol/start')).json<{ secret: string }>().secret;
    codes = (await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret) })).json<{ recoveryCodes: string[] }>().recoveryCodes;
  }
  return { u, b, secret, codes };
}

describe('name and language', () => {
  it('a language change is remembered for the person and used for messages', async () => {
    const { u, b } = await signedIn('parent');
    const res = await b.call('PATCH', '/me', { language: 'en', displayName: '  Petra Ouder  ' });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ displayName: 'Petra Ouder', language: 'en' });
    const [row] = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.id, u.userId)));
    expect(row).toMatchObject({ language: 'en', displayName: 'Petra Ouder' });

    // A new sign-in (another device) gets the same language; problems come in English without Accept-Language.
    const other = new Browser(t.app);
    await other.login(u.email, u.password);
    expect((await other.call('GET', '/auth/session')).json().user).toMatchObject({ language: 'en', displayName: 'Petra Ouder' });
    const bad = await other.call('PATCH', '/me', { language: 'de' });
    expect(bad.status).toBe(400);
    expect(bad.json().title).toBe('Some of the data is not valid');

    const audit = await t.db.withSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.subjectId, u.userId)));
    expect(audit.filter((e) => e.action === 'update' && e.resourceType === 'user')).toHaveLength(1);
  });

  it('refuses unknown fields and empty names', async () => {
    const { b } = await signedIn('funder');
    expect((await b.call('PATCH', '/me', { role: 'admin' })).status).toBe(400);
    expect((await b.call('PATCH', '/me', { displayName: '   ' })).status).toBe(400);
  });
});

describe('change password', () => {
  it('checks the current password, refuses weak ones, then starts a new session and ends the others', async () => {
    const { u, b } = await signedIn('volunteer');
    const other = new Browser(t.app);
    await other.login(u.email, u.password); // mfa pending there, but a live session

    const wrong = await b.call('POST', '/me/password', { currentPassword: 'not-my-password', newPassword: 'Een-heel-nieuw-wachtwoord-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.json().errors).toEqual([{ field: 'body.currentPassword', code: 'wrong_password', message: 'Uw huidige wachtwoord klopt niet.' }]);

    const weak = await b.call('POST', '/me/password', { currentPassword: u.password, newPassword: 'iloveyou1234' }, { headers: { 'accept-language': 'en' } });
    expect(weak.status).toBe(400);
    expect(weak.json().type).toBe('urn:naast:problem:weak_password');
    expect(weak.json().errors).toEqual([{ field: 'body.newPassword', code: 'password.common', message: 'This password is too common and easy to guess. Choose another one.' }]);

    const before = b.cookie;
    const ok = await b.call('POST', '/me/password', { currentPassword: u.password, newPassword: 'Een-heel-nieuw-wachtwoord-1' });
    expect(ok.status).toBe(200);
    expect(b.cookie).not.toBe(before);
    expect(ok.json().csrfToken).toBe(b.csrf);
    // This browser goes on (two-factor still passed); the old cookie and the other device are out.
    expect((await b.call('PATCH', '/me', {})).status).toBe(200);
    expect((await other.call('GET', '/auth/session')).json().user).toBeNull();
    const stale = await t.app.inject({ method: 'GET', url: '/api/v1/auth/session', headers: { cookie: `naast_session=${before}` } });
    expect(stale.json().user).toBeNull();
    expect((await new Browser(t.app).login(u.email, 'Een-heel-nieuw-wachtwoord-1')).status).toBe(200);
  });

  it('wrong current passwords count towards the sign-in lock', async () => {
    const { b } = await signedIn('parent');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await b.call('POST', '/me/password', { currentPassword: `guess-${i}`, newPassword: 'Een-heel-nieuw-wachtwoord-1' })).status);
    expect(statuses).toEqual([400, 400, 400, 400, 429, 429]);
  });
});

describe('two-factor on the profile', () => {
  it('new recovery codes replace the old ones; only for people who use two-factor', async () => {
    const { u, b, codes } = await signedIn('coordinator');
    const res = await b.call('POST', '/me/recovery-codes');
    expect(res.status).toBe(200);
    const fresh = res.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => codes.includes(c))).toEqual([]);

    const c = new Browser(t.app);
    await c.login(u.email, u.password);
    expect((await c.call('POST', '/auth/mfa/verify', { code: codes[0]! })).status).toBe(400);
    expect((await c.call('POST', '/auth/mfa/verify', { code: fresh[0]! })).status).toBe(200);

    const parent = await signedIn('parent');
    const none = await parent.b.call('POST', '/me/recovery-codes');
    expect(none.status).toBe(409);
    expect(none.json().type).toBe('urn:naast:problem:mfa_not_enrolled');
  });

  it('staff cannot turn two-factor off; a parent can, and then signs in with the password only', async () => {
    const staff = await signedIn('admin');
    const refused = await staff.b.call('DELETE', '/me/mfa');
    expect(refused.status).toBe(409);
    expect(refused.json().type).toBe('urn:naast:problem:mfa_mandatory');
    expect(refused.json().title).toBe('Tweestapsverificatie is verplicht');

    // A parent chooses two-factor, then turns it off again.
    const { u, b } = await signedIn('parent');
    const { secret } = (await b.call('POST', '/auth/mfa/enrol/start')).json<{ secret: string }>();
    expect((await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret) })).status).toBe(200);
    const p2 = new Browser(t.app);
    expect((await p2.login(u.email, u.password)).json().next).toBe('mfa');
    expect((await p2.call('PATCH', '/me', {})).status).toBe(401);

    expect((await b.call('DELETE', '/me/mfa')).status).toBe(204);
    const [row] = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.id, u.userId)));
    expect(row).toMatchObject({ totpSecretEnc: null, totpEnabledAt: null });
    expect((await new Browser(t.app).login(u.email, u.password)).json().next).toBe('done');
  });
});

describe('my activity', () => {
  it('shows who did what with my data, newest first, paged; not my own look-ups; the look is audited', async () => {
    const parent = await signedIn('parent');
    const coord = await userWithPassword(t.db, org, 'coordinator');
    // A coordinator opens and changes the parent's dossier (as later modules will record it).
    await t.db.withTenant(org.orgId, async (tx) => {
      await recordAudit(tx, { orgId: org.orgId, actorUserId: coord.userId, actorRole: 'coordinator', subjectId: parent.u.userId, action: 'read', resourceType: 'dossier', resourceId: 'd1' });
      await recordAudit(tx, { orgId: org.orgId, actorUserId: coord.userId, actorRole: 'coordinator', subjectId: parent.u.userId, action: 'update', resourceType: 'dossier', resourceId: 'd1' });
      await recordAudit(tx, { orgId: org.orgId, actorUserId: parent.u.userId, actorRole: 'parent', subjectId: parent.u.userId, action: 'read', resourceType: 'dossier', resourceId: 'd1' });
    });

    const all = await parent.b.call('GET', '/me/activity');
    expect(all.status).toBe(200);
    const items = all.json<{ items: Array<Record<string, unknown>>; nextCursor: string | null }>().items;
    // Events recorded in one millisecond have no order of their own: compare as a set, check the sort separately.
    expect(items.map((i) => `${i.action}:${i.resourceType}:${i.actorRole}:${i.byMe}`).sort()).toEqual(['login:session:parent:true', 'read:dossier:coordinator:false', 'update:dossier:coordinator:false']);
    const keys = items.map((i) => `${String(i.occurredAt)}|${String(i.id)}`);
    expect(keys).toEqual([...keys].sort().reverse());
    expect(items.find((i) => i.action === 'update')).toMatchObject({ actorName: `Test coordinator ${coord.email.split('.')[1]}` });
    expect(all.json().nextCursor).toBeNull();

    const page1 = await parent.b.call('GET', '/me/activity?limit=2');
    expect(page1.json().items).toHaveLength(2);
    const cursor = page1.json().nextCursor as string;
    expect(cursor).toBeTruthy();
    const page2 = await parent.b.call('GET', `/me/activity?limit=2&cursor=${encodeURIComponent(cursor)}`);
    expect(page2.json().items.map((i: { id: string }) => i.id)).toEqual([items[2]!.id]);
    expect(page2.json().nextCursor).toBeNull();
    expect((await parent.b.call('GET', '/me/activity?cursor=rubbish')).status).toBe(400);

    // Someone else's events are not mine.
    const coordView = await signedIn('volunteer');
    const theirs = (await coordView.b.call('GET', '/me/activity')).json().items as Array<{ resourceType: string }>;
    expect(theirs.some((i) => i.resourceType === 'dossier')).toBe(false);

    const reads = await t.db.withSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.resourceType, 'activity')));
    expect(reads.filter((r) => r.subjectId === parent.u.userId && r.actorUserId === parent.u.userId)).toHaveLength(3); // the refused cursor read nothing
  });
});
