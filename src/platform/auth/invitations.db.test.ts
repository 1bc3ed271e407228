import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { Browser, GOOD_PASSWORD, totpCode } from '../../../test/helpers/signin.js';
import { uuidv7 } from '../db/ids.js';
import { auditEvents } from '../audit/tables.js';
import { randomToken, sha256 } from './sessions.js';
import { invitations, userLocations, users, type Role } from './tables.js';

/** Issue 3: an invitation link is single use and expires after 72 hours; accepting it creates the account and signs in. */
let t: TestApp;
let org: TestOrg;
let adminId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Uitnodiging');
  adminId = (await signInAs(t.db, org, 'admin')).userId;
});
afterAll(async () => t.close());

let n = 0;
/** An invitation row as the users module writes it; returns the token of the link. */
async function invite(role: Role, opts: { locationIds?: string[]; expiresAt?: Date; revoked?: boolean; email?: string; funderMunicipalityCode?: string } = {}) {
  const token = randomToken();
  const email = opts.email ?? `uitgenodigd.${++n}.${Date.now()}@example.org`;
  const id = uuidv7();
  await t.db.withSystem((tx) =>
    tx.insert(invitations).values({
      orgId: org.orgId,
      id,
      email,
      displayName: `Nieuwe ${role}`,
      role,
      locationIds: opts.locationIds ?? [],
      funderMunicipalityCode: opts.funderMunicipalityCode ?? null,
      tokenHash: sha256(token),
      invitedBy: adminId,
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 72 * 3600_000),
      revokedAt: opts.revoked ? new Date() : null,
    }),
  );
  return { id, email, link: `${org.orgId}.${token}` };
}

describe('invitations', () => {
  it('inspect tells who is invited for what; accept creates the account with role and locations and starts enrolment', async () => {
    const inv = await invite('coordinator', { locationIds: [org.locationIds.Tilburg!] });
    const b = new Browser(t.app);
    const info = await b.call('POST', '/auth/invitations/inspect', { token: inv.link });
    expect(info.status).toBe(200);
    expect(info.json()).toMatchObject({ email: inv.email, displayName: 'Nieuwe coordinator', role: 'coordinator', orgName: 'Stichting Uitnodiging' });

    const weak = await b.call('POST', '/auth/invitations/accept', { token: inv.link, password: 'password1234' });
    expect(weak.status).toBe(400);
    expect(weak.json().errors).toEqual([expect.objectContaining({ field: 'body.password', code: 'password.common' })]);

    const accept = await b.call('POST', '/auth/invitations/accept', { token: inv.link, password: GOOD_PASSWORD, displayName: 'Carla Coördinator' }, { headers: { 'accept-language': 'en' } });
    expect(accept.status).toBe(200);
    expect(accept.json()).toMatchObject({ next: 'mfa_enrol' });
    const session = (await b.call('GET', '/auth/session')).json<{ user: Record<string, unknown> }>();
    expect(session.user).toMatchObject({ email: inv.email, displayName: 'Carla Coördinator', role: 'coordinator', language: 'en', locationIds: [org.locationIds.Tilburg], mfaPassed: false, mfaRequired: true });

    // Staff must link an authenticator before doing anything else.
    expect((await b.call('PATCH', '/me', {})).status).toBe(401);
    const { secret } = (await b.call('POST', '/auth/mfa/enrol/start')).json<{ secret: string }>();
    expect((await b.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(secret) })).status).toBe(200);
    expect((await b.call('PATCH', '/me', {})).status).toBe(200);

    // Single use.
    const again = await new Browser(t.app).call('POST', '/auth/invitations/accept', { token: inv.link, password: GOOD_PASSWORD });
    expect(again.status).toBe(400);
    expect(again.json().type).toBe('urn:naast:problem:token_invalid');
    expect((await new Browser(t.app).call('POST', '/auth/invitations/inspect', { token: inv.link })).status).toBe(400);

    // The new person can sign in with the chosen password.
    expect((await new Browser(t.app).login(inv.email, GOOD_PASSWORD)).json()).toMatchObject({ next: 'mfa' });

    const [row] = await t.db.withSystem((tx) => tx.select().from(invitations).where(eq(invitations.id, inv.id)));
    expect(row!.acceptedAt).not.toBeNull();
    const userId = (session.user as { id: string }).id;
    const audit = await t.db.withSystem((tx) => tx.select().from(auditEvents).where(eq(auditEvents.subjectId, userId)));
    expect(audit.map((e) => `${e.action}:${e.resourceType}:${e.reason ?? ''}`)).toEqual(expect.arrayContaining(['create:user:invitation_accepted', 'login:session:invitation_accepted']));
  });

  it('a parent is signed in at once; a funder keeps the municipality', async () => {
    const parent = await invite('parent');
    const b = new Browser(t.app);
    const res = await b.call('POST', '/auth/invitations/accept', { token: parent.link, password: GOOD_PASSWORD });
    expect(res.json()).toMatchObject({ next: 'done' });
    expect((await b.call('PATCH', '/me', { language: 'en' })).status).toBe(200);

    const funder = await invite('funder', { funderMunicipalityCode: 'GM0794' });
    await new Browser(t.app).call('POST', '/auth/invitations/accept', { token: funder.link, password: GOOD_PASSWORD });
    const [u] = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.email, funder.email)));
    expect(u!.funderMunicipalityCode).toBe('GM0794');
  });

  it('refuses expired, revoked and made-up links', async () => {
    const expired = await invite('volunteer', { expiresAt: new Date(Date.now() - 1000) });
    const revoked = await invite('volunteer', { revoked: true });
    const b = new Browser(t.app);
    for (const token of [expired.link, revoked.link, `${org.orgId}.${randomToken()}`, `${uuidv7()}.${randomToken()}`]) {
      for (const url of ['/auth/invitations/inspect', '/auth/invitations/accept']) {
        const res = await b.call('POST', url, url.endsWith('accept') ? { token, password: GOOD_PASSWORD } : { token });
        expect(`${url} ${res.status}`).toBe(`${url} 400`);
        expect(res.json().type).toBe('urn:naast:problem:token_invalid');
      }
    }
    const created = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.email, expired.email)));
    expect(created).toHaveLength(0);
  });

  it('an address that already has an account cannot be taken twice', async () => {
    const first = await invite('volunteer');
    await new Browser(t.app).call('POST', '/auth/invitations/accept', { token: first.link, password: GOOD_PASSWORD });
    const second = await invite('parent', { email: first.email.toUpperCase() });
    const res = await new Browser(t.app).call('POST', '/auth/invitations/accept', { token: second.link, password: GOOD_PASSWORD });
    expect(res.status).toBe(409);
    const [row] = await t.db.withSystem((tx) => tx.select().from(invitations).where(eq(invitations.id, second.id)));
    expect(row!.acceptedAt).toBeNull(); // rolled back with the failed account
  });

  it('skips a location that was removed after the invitation was sent', async () => {
    const gone = uuidv7();
    const inv = await invite('volunteer', { locationIds: [org.locationIds.Helmond!, gone] });
    const res = await new Browser(t.app).call('POST', '/auth/invitations/accept', { token: inv.link, password: GOOD_PASSWORD });
    expect(res.status).toBe(200);
    const [u] = await t.db.withSystem((tx) => tx.select().from(users).where(eq(users.email, inv.email)));
    const locs = await t.db.withSystem((tx) => tx.select().from(userLocations).where(eq(userLocations.userId, u!.id)));
    expect(locs.map((l) => l.locationId)).toEqual([org.locationIds.Helmond]);
  });
});
