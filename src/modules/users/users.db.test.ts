import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../platform/auth/sessions.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { verifyAudit } from '../../platform/audit/index.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { mailsTo } from '../../../test/helpers/users-mail.js';

let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}), 'user-agent': 'vitest-users', ...headers }, payload: payload as never });

async function auditRows(orgId: string, where: string, params: unknown[] = []) {
  return t.db.query<{ action: string; actor_user_id: string; actor_role: string; subject_id: string | null; resource_type: string; resource_id: string | null; ip: string; user_agent: string }>(
    `select action, actor_user_id::text, actor_role, subject_id::text, resource_type, resource_id, ip, user_agent from audit_events where org_id = $1 and ${where} order by occurred_at, id`,
    [orgId, ...params],
  );
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Users');
  orgB = await createTestOrg(t.db, 'Stichting Other');
  admin = await signInAs(t.db, org, 'admin');
  // Reference rows this file needs, whatever the data migration holds.
  await t.db.query(
    `insert into municipalities (code, name, province, lat, lon) values ('GM0794', 'Helmond', 'Noord-Brabant', 51.48, 5.66), ('GM0855', 'Tilburg', 'Noord-Brabant', 51.56, 5.08) on conflict do nothing`,
  );
  await t.db.query(`insert into work_area (org_id, municipality_code, location_id, funding) values ($1, 'GM0794', $2, 'subsidy')`, [org.orgId, org.locationIds.Helmond]);
});
afterAll(async () => t?.close());

describe('user directory', () => {
  it('pages through all users by id with a stable cursor and audits each list call', async () => {
    for (let i = 0; i < 5; i++) await signInAs(t.db, org, i % 2 ? 'volunteer' : 'coordinator');
    const expected = (await t.db.query<{ id: string }>(`select id::text from users where org_id = $1 order by id`, [org.orgId])).map((r) => r.id);
    const listsBefore = (await auditRows(org.orgId, `action = 'list' and resource_type = 'user'`)).length;

    const seen: string[] = [];
    let cursor: string | null = null;
    let calls = 0;
    do {
      const res = await api('GET', `/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`, admin);
      expect(res.statusCode).toBe(200);
      const body = res.json() as { items: Array<{ id: string; email: string; mfaEnrolled: boolean; locationIds: string[] }>; nextCursor: string | null };
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u) => u.id));
      cursor = body.nextCursor;
      calls++;
    } while (cursor && calls < 20);
    expect(seen).toEqual(expected);

    // the same page twice gives the same users
    const a = (await api('GET', '/users?limit=3', admin)).json();
    const b = (await api('GET', '/users?limit=3', admin)).json();
    expect(a).toEqual(b);

    const lists = await auditRows(org.orgId, `action = 'list' and resource_type = 'user'`);
    expect(lists.length - listsBefore).toBe(calls + 2);
    expect(lists.at(-1)).toMatchObject({ actor_user_id: admin.userId, actor_role: 'admin', subject_id: null, user_agent: 'vitest-users' });
  });

  it('filters by role and status and shows locations', async () => {
    const coord = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
    const res = await api('GET', '/users?role=coordinator&status=active&limit=200', admin);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; role: string; status: string; locationIds: string[]; mfaEnrolled: boolean }>;
    expect(items.every((u) => u.role === 'coordinator' && u.status === 'active')).toBe(true);
    expect(items.find((u) => u.id === coord.userId)).toMatchObject({ locationIds: [org.locationIds.Tilburg], mfaEnrolled: false });
  });

  it('refuses a forged cursor and unknown filters', async () => {
    expect((await api('GET', '/users?cursor=bm90LWEtdXVpZA', admin)).statusCode).toBe(400);
    const res = await api('GET', '/users?role=king', admin);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('shows coordinators the professionals but not parent accounts', async () => {
    const parent = await signInAs(t.db, org, 'parent');
    const coordinator = await signInAs(t.db, org, 'coordinator');
    const list = (await api('GET', '/users?limit=200', coordinator)).json().items as Array<{ id: string; role: string }>;
    expect(list.some((u) => u.role === 'parent')).toBe(false);
    expect(list.some((u) => u.role === 'volunteer')).toBe(true);
    expect((await api('GET', `/users/${parent.userId}`, coordinator)).statusCode).toBe(404);
    expect((await api('GET', `/users/${parent.userId}`, admin)).statusCode).toBe(200);
  });
});

describe('reading one user', () => {
  it('returns the record and writes a read event about that person in the same request', async () => {
    const subject = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    const res = await api('GET', `/users/${subject.userId}`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: subject.userId, role: 'volunteer', status: 'active', language: 'nl', locationIds: [org.locationIds.Helmond], funderMunicipalityCode: null, isDemo: false });
    const events = await auditRows(org.orgId, `action = 'read' and subject_id = $2`, [subject.userId]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_user_id: admin.userId, actor_role: 'admin', resource_type: 'user', resource_id: subject.userId, user_agent: 'vitest-users' });
    expect(events[0]!.ip).toBeTruthy();
  });

  it('is not found for volunteers, funders and parents, for other tenants and for unknown ids', async () => {
    const subject = await signInAs(t.db, org, 'coordinator');
    for (const role of ['volunteer', 'funder', 'parent'] as const) {
      const s = await signInAs(t.db, org, role);
      const res = await api('GET', `/users/${subject.userId}`, s);
      expect(res.statusCode, role).toBe(404);
      expect(res.json().type).toBe('urn:naast:problem:not_found');
    }
    const foreign = await signInAs(t.db, orgB, 'volunteer');
    expect((await api('GET', `/users/${foreign.userId}`, admin)).statusCode).toBe(404);
    expect((await api('GET', `/users/${uuidv7()}`, admin)).statusCode).toBe(404);
    expect((await api('GET', `/users/not-a-uuid`, admin)).statusCode).toBe(400);
    // nothing was read, so nothing about the foreign user was logged anywhere
    expect(await auditRows(org.orgId, `subject_id = $2`, [foreign.userId])).toHaveLength(0);
    expect(await auditRows(orgB.orgId, `subject_id = $2`, [foreign.userId])).toHaveLength(0);
  });
});

describe('invitations', () => {
  it('creates a pending invitation and mails a single-use link (Dutch first, then English)', async () => {
    const email = `nieuw.${Date.now()}@example.org`;
    const res = await api('POST', '/users/invitations', admin, { email, displayName: 'Nieuwe Collega', role: 'coordinator', locationIds: [org.locationIds.Tilburg] });
    expect(res.statusCode).toBe(201);
    const inv = res.json();
    expect(inv).toMatchObject({ email, displayName: 'Nieuwe Collega', role: 'coordinator', locationIds: [org.locationIds.Tilburg], status: 'pending', funderMunicipalityCode: null });
    const hours = (new Date(inv.expiresAt).getTime() - new Date(inv.createdAt).getTime()) / 3600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThan(72.1);

    const mails = await mailsTo(t.config.dataDir, email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.subject).toMatch(/^Uitnodiging voor Naast/);
    expect(mail.text.indexOf('Beste Nieuwe Collega')).toBeLessThan(mail.text.indexOf('Dear Nieuwe Collega'));
    expect(mail.text).toContain('Stichting Users');
    const m = mail.text.match(/\/invitation#token=([0-9a-f-]{36})\.([A-Za-z0-9_-]{40,})/);
    expect(m, mail.text).not.toBeNull();
    expect(mail.text).toContain(`${t.config.publicUrl}/invitation#token=`);
    expect(m![1]).toBe(org.orgId);

    const [row] = await t.db.query<{ token_hash: string; invited_by: string; location_ids: string[]; role: string }>(
      `select token_hash, invited_by::text, location_ids::text[] as location_ids, role from invitations where org_id = $1 and id = $2`,
      [org.orgId, inv.id],
    );
    expect(row).toMatchObject({ token_hash: sha256(m![2]!), invited_by: admin.userId, location_ids: [org.locationIds.Tilburg], role: 'coordinator' });
    expect(await auditRows(org.orgId, `action = 'create' and resource_type = 'invitation' and resource_id = $2`, [inv.id])).toHaveLength(1);

    const list = (await api('GET', '/users/invitations', admin)).json();
    expect(list.items.map((i: { id: string }) => i.id)).toContain(inv.id);
  });

  it('refuses an address that already has an account or a pending invitation (409)', async () => {
    const existing = `bestaand.${Date.now()}@example.org`;
    await signInAs(t.db, orgB, 'volunteer', { email: existing });
    const taken = await api('POST', '/users/invitations', admin, { email: existing.toUpperCase(), displayName: 'X', role: 'volunteer' }, { 'accept-language': 'en' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ type: 'urn:naast:problem:email_taken', title: 'This email address is already in use' });
    expect(taken.body).not.toContain(existing);

    const email = `dubbel.${Date.now()}@example.org`;
    expect((await api('POST', '/users/invitations', admin, { email, displayName: 'Een', role: 'volunteer' })).statusCode).toBe(201);
    const again = await api('POST', '/users/invitations', admin, { email, displayName: 'Twee', role: 'volunteer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().title).toBe('Dit e-mailadres is al in gebruik');
    expect(await mailsTo(t.config.dataDir, email)).toHaveLength(1);
  });

  it('requires a municipality of the work area for a funder, and only for a funder', async () => {
    const email = () => `fin.${uuidv7()}@example.org`;
    const missing = await api('POST', '/users/invitations', admin, { email: email(), displayName: 'Fin', role: 'funder' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'body.funderMunicipalityCode', code: 'required' })]);

    const outside = await api('POST', '/users/invitations', admin, { email: email(), displayName: 'Fin', role: 'funder', funderMunicipalityCode: 'GM0855' });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors[0]).toMatchObject({ field: 'body.funderMunicipalityCode', code: 'not_in_work_area' });

    const notFunder = await api('POST', '/users/invitations', admin, { email: email(), displayName: 'Vrijwilliger', role: 'volunteer', funderMunicipalityCode: 'GM0794' });
    expect(notFunder.statusCode).toBe(400);
    expect(notFunder.json().errors[0]).toMatchObject({ field: 'body.funderMunicipalityCode', code: 'funder_only' });

    const unknownMunicipality = await api('POST', '/users/invitations', admin, { email: email(), displayName: 'Fin', role: 'funder', funderMunicipalityCode: 'GM9999' });
    expect(unknownMunicipality.statusCode).toBe(400);

    const ok = await api('POST', '/users/invitations', admin, { email: email(), displayName: 'Fin', role: 'funder', funderMunicipalityCode: 'GM0794' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().funderMunicipalityCode).toBe('GM0794');
    const [row] = await t.db.query<{ funder_municipality_code: string }>(`select funder_municipality_code from invitations where id = $1`, [ok.json().id]);
    expect(row!.funder_municipality_code).toBe('GM0794');
  });

  it("refuses locations of another organisation or that do not exist", async () => {
    for (const locationId of [orgB.locationIds.Helmond, uuidv7()]) {
      const res = await api('POST', '/users/invitations', admin, { email: `loc.${uuidv7()}@example.org`, displayName: 'L', role: 'coordinator', locationIds: [locationId] });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors[0]).toMatchObject({ field: 'body.locationIds', code: 'unknown_location' });
    }
  });

  it('stores HTML and SQL in names exactly as sent', async () => {
    const displayName = `<script>alert("x")</script> O'Brien"; DROP TABLE users; --`;
    const res = await api('POST', '/users/invitations', admin, { email: `html.${uuidv7()}@example.org`, displayName, role: 'parent' });
    expect(res.statusCode).toBe(201);
    expect(res.json().displayName).toBe(displayName);
    const [row] = await t.db.query<{ display_name: string }>(`select display_name from invitations where id = $1`, [res.json().id]);
    expect(row!.display_name).toBe(displayName);
  });

  it('revokes and resends; a revoked invitation is gone', async () => {
    const email = `opnieuw.${uuidv7()}@example.org`;
    const inv = (await api('POST', '/users/invitations', admin, { email, displayName: 'Opnieuw', role: 'volunteer' })).json();
    const [before] = await t.db.query<{ token_hash: string }>(`select token_hash from invitations where id = $1`, [inv.id]);

    const resent = await api('POST', `/users/invitations/${inv.id}/resend`, admin, {});
    expect(resent.statusCode).toBe(200);
    const [after] = await t.db.query<{ token_hash: string }>(`select token_hash from invitations where id = $1`, [inv.id]);
    expect(after!.token_hash).not.toBe(before!.token_hash);
    const mails = await mailsTo(t.config.dataDir, email);
    expect(mails).toHaveLength(2);
    const hashes = mails.map((m) => sha256(m.text.match(/#token=[0-9a-f-]{36}\.([A-Za-z0-9_-]+)/)![1]!));
    expect(hashes).toContain(after!.token_hash);

    expect((await api('POST', `/users/invitations/${inv.id}/resend`, admin, { extra: 1 })).statusCode).toBe(400);
    expect((await api('DELETE', `/users/invitations/${inv.id}`, admin)).statusCode).toBe(204);
    expect((await api('DELETE', `/users/invitations/${inv.id}`, admin)).statusCode).toBe(404);
    expect((await api('POST', `/users/invitations/${inv.id}/resend`, admin, {})).statusCode).toBe(404);
    const list = (await api('GET', '/users/invitations?limit=200', admin)).json();
    expect(list.items.map((i: { id: string }) => i.id)).not.toContain(inv.id);
    expect(await auditRows(org.orgId, `resource_type = 'invitation' and resource_id = $2 and action in ('update', 'delete')`, [inv.id])).toHaveLength(2);

    // another tenant's admin cannot touch it
    const otherAdmin = await signInAs(t.db, orgB, 'admin');
    const inv2 = (await api('POST', '/users/invitations', admin, { email: `x.${uuidv7()}@example.org`, displayName: 'X', role: 'volunteer' })).json();
    expect((await api('DELETE', `/users/invitations/${inv2.id}`, otherAdmin)).statusCode).toBe(404);
    expect((await api('POST', `/users/invitations/${inv2.id}/resend`, otherAdmin, {})).statusCode).toBe(404);
  });

  it('coordinators cannot invite or see invitations', async () => {
    const coordinator = await signInAs(t.db, org, 'coordinator');
    expect((await api('POST', '/users/invitations', coordinator, { email: `c.${uuidv7()}@example.org`, displayName: 'C', role: 'admin' })).statusCode).toBe(404);
    expect((await api('GET', '/users/invitations', coordinator)).statusCode).toBe(404);
  });
});

describe('changing users', () => {
  it('deactivation ends the sessions at once; reactivation does not revive them', async () => {
    const victim = await signInAs(t.db, org, 'coordinator');
    expect((await api('GET', '/users?limit=1', victim)).statusCode).toBe(200);
    const res = await api('POST', `/users/${victim.userId}/deactivate`, admin);
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('deactivated');
    expect((await api('GET', '/users?limit=1', victim)).statusCode).toBe(401);
    const [{ open }] = (await t.db.query<{ open: number }>(`select count(*)::int as open from sessions where user_id = $1 and revoked_at is null`, [victim.userId])) as [{ open: number }];
    expect(open).toBe(0);
    expect((await api('GET', `/users?status=deactivated&limit=200`, admin)).json().items.map((u: { id: string }) => u.id)).toContain(victim.userId);

    const back = await api('POST', `/users/${victim.userId}/reactivate`, admin);
    expect(back.statusCode).toBe(200);
    expect(back.json().status).toBe('active');
    expect((await api('GET', '/users?limit=1', victim)).statusCode).toBe(401);
    expect(await auditRows(org.orgId, `action = 'update' and subject_id = $2`, [victim.userId])).toHaveLength(2);
  });

  it('a role change ends the sessions (rotation at privilege change); a no-op does not', async () => {
    const s = await signInAs(t.db, org, 'coordinator');
    const same = await api('PATCH', `/users/${s.userId}`, admin, { role: 'coordinator' });
    expect(same.statusCode).toBe(200);
    expect((await api('GET', '/users?limit=1', s)).statusCode).toBe(200);

    const res = await api('PATCH', `/users/${s.userId}`, admin, { role: 'volunteer', locationIds: [org.locationIds.Helmond] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ role: 'volunteer', locationIds: [org.locationIds.Helmond] });
    expect((await api('GET', '/users?limit=1', s)).statusCode).toBe(401);
    expect(await auditRows(org.orgId, `action = 'update' and subject_id = $2`, [s.userId])).toHaveLength(1);
  });

  it('a location change ends the sessions too', async () => {
    const s = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
    const res = await api('PATCH', `/users/${s.userId}`, admin, { locationIds: [org.locationIds.Tilburg, org.locationIds.Helmond] });
    expect(res.statusCode).toBe(200);
    expect([...res.json().locationIds].sort()).toEqual([org.locationIds.Tilburg, org.locationIds.Helmond].sort());
    expect((await api('GET', '/users?limit=1', s)).statusCode).toBe(401);
  });

  it('keeps the funder rule when changing roles', async () => {
    const s = await signInAs(t.db, org, 'volunteer');
    const missing = await api('PATCH', `/users/${s.userId}`, admin, { role: 'funder' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'body.funderMunicipalityCode', code: 'required' });
    const ok = await api('PATCH', `/users/${s.userId}`, admin, { role: 'funder', funderMunicipalityCode: 'GM0794' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ role: 'funder', funderMunicipalityCode: 'GM0794' });
    const back = await api('PATCH', `/users/${s.userId}`, admin, { role: 'volunteer' });
    expect(back.json()).toMatchObject({ role: 'volunteer', funderMunicipalityCode: null });
    expect((await api('PATCH', `/users/${s.userId}`, admin, { locationIds: [orgB.locationIds.Tilburg] })).statusCode).toBe(400);
  });

  it('the last active admin cannot demote or deactivate themselves (409); with a second admin they can', async () => {
    const solo = await createTestOrg(t.db, 'Stichting Solo');
    const only = await signInAs(t.db, solo, 'admin');
    const demote = await api('PATCH', `/users/${only.userId}`, only, { role: 'coordinator' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().type).toBe('urn:naast:problem:last_admin');
    expect((await api('POST', `/users/${only.userId}/deactivate`, only)).statusCode).toBe(409);
    expect((await api('GET', `/users/${only.userId}`, only)).json()).toMatchObject({ role: 'admin', status: 'active' });

    // a deactivated admin does not count
    const dormant = await signInAs(t.db, solo, 'admin');
    expect((await api('POST', `/users/${dormant.userId}/deactivate`, only)).statusCode).toBe(200);
    expect((await api('PATCH', `/users/${only.userId}`, only, { role: 'coordinator' })).statusCode).toBe(409);

    const second = await signInAs(t.db, solo, 'admin');
    const ok = await api('PATCH', `/users/${only.userId}`, only, { role: 'coordinator' });
    expect(ok.statusCode).toBe(200);
    // own privileges changed: own sessions end as well
    expect((await api('GET', '/users?limit=1', only)).statusCode).toBe(401);
    expect((await api('POST', `/users/${second.userId}/deactivate`, second)).statusCode).toBe(409);
  });

  it("another organisation's users cannot be changed", async () => {
    const foreign = await signInAs(t.db, orgB, 'coordinator');
    expect((await api('PATCH', `/users/${foreign.userId}`, admin, { role: 'volunteer' })).statusCode).toBe(404);
    expect((await api('POST', `/users/${foreign.userId}/deactivate`, admin)).statusCode).toBe(404);
    expect((await api('GET', '/users?limit=1', foreign)).statusCode).toBe(200);
  });

  it('leaves a chain that verifies', async () => {
    expect((await verifyAudit(t.db)).ok).toBe(true);
  });
});
