import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../platform/audit/index.js';
import { amsterdamDate, endOfAmsterdamDay, workingDayDeadline } from '../../platform/time/working-days.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { PUBLIC_FORM_LIMIT } from './public-form.js';
import { applicationsOfParent, listMatchableApplications, markMatched, notifyReferrer } from './public.js';
import { PRIVACY_STATEMENT_VERSION } from './privacy.js';

/**
 * Issue 4: applications (public form and staff form), routing, the first-contact deadline, the
 * coordinator inbox, detail and intake, duplicates, referrer notices, with the bad input the issue lists.
 */
let t: TestApp;
let org: TestOrg;
let orgB: TestOrg;
let admin: SignedIn;
let helmondCoordinator: SignedIn;
let tilburgCoordinator: SignedIn;

let ipSeq = 0;
/** Each test posts from its own address, so the per-address limit only bites where a test wants it. */
const nextIp = () => `10.4.${Math.floor(++ipSeq / 250)}.${ipSeq % 250}`;

const YEAR = new Date().getFullYear();

const publicBody = (over: Record<string, unknown> = {}) => ({
  people: [
    { relation: 'parent', firstName: 'Sanne', lastName: 'de Boer', email: 'sanne.deboer@example.org', phone: '06 1234 5678', safeContactNote: 'Niet bellen voor 17:00' },
  ],
  children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
  municipalityCode: 'GM0794',
  postcode: '5701ab',
  institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
  conflictSummary: 'De jeugdbeschermer luistert niet naar mij en ik mag mijn dochter bijna niet zien.',
  preferredLanguage: 'nl',
  consent: true,
  privacyStatementVersion: PRIVACY_STATEMENT_VERSION,
  startedAt: new Date(Date.now() - 120_000).toISOString(),
  ...over,
});

const staffBody = (over: Record<string, unknown> = {}) => {
  const { startedAt: _s, ...rest } = publicBody();
  return { ...rest, channel: 'phone', referrerType: 'self', ...over };
};

const postPublic = (orgId: string, payload: unknown, ip = nextIp(), headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: `/api/v1/public/organisations/${orgId}/applications`, payload: payload as never, remoteAddress: ip, headers });

const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: s.headers, payload: payload as never });

const count = async (table: string, orgId: string) => (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where org_id = $1`, [orgId]))[0]!.n;

const auditEvents = (orgId: string, action: string, resourceId?: string) =>
  t.db.query<{ actor_role: string; reason: string | null; resource_type: string; actor_user_id: string | null }>(
    `select actor_role, reason, resource_type, actor_user_id::text from audit_events where org_id = $1 and action = $2 and ($3::text is null or resource_id = $3) order by occurred_at`,
    [orgId, action, resourceId ?? null],
  );

async function staffCreate(s: SignedIn, over: Record<string, unknown> = {}) {
  const res = await api('POST', '/applications', s, staffBody(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; reference: string; [k: string]: unknown };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Aanmelding');
  orgB = await createTestOrg(t.db, 'Stichting Elders');
  admin = await signInAs(t.db, org, 'admin');
  helmondCoordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
  tilburgCoordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
  const put = async (code: string, body: Record<string, unknown>) => expect((await api('PUT', `/organisation/work-area/${code}`, admin, body)).statusCode).toBe(200);
  await put('GM0794', { locationId: org.locationIds.Helmond, funding: 'subsidy' });
  await put('GM1652', { locationId: org.locationIds.Helmond, funding: 'per_trajectory', purchaseAgreement: true });
  await put('GM0855', { locationId: org.locationIds.Tilburg, funding: 'per_trajectory' });
});
afterAll(async () => t?.close());

describe('public application form', () => {
  it('GET application-form: name, work area and privacy statement; unknown organisation → 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/organisations/${org.orgId}/application-form` });
    expect(res.statusCode).toBe(200);
    const form = res.json();
    expect(form.organisationName).toBe('Stichting Aanmelding');
    expect(form.municipalities).toEqual([
      { code: 'GM1652', name: 'Gemert-Bakel' },
      { code: 'GM0794', name: 'Helmond' },
      { code: 'GM0855', name: 'Tilburg' },
    ]);
    expect(form.privacyStatement.version).toBe(PRIVACY_STATEMENT_VERSION);
    expect(form.privacyStatement.text).toContain('Stichting Aanmelding');
    expect(form.honeypotField).toBe('website');
    // The confirmation page promises the organisation's own first-contact norm.
    expect(form.firstContactWorkingDays).toBe(2);
    await t.db.query(`update organisations set settings = settings || '{"firstContactWorkingDays": 4}'::jsonb where org_id = $1`, [org.orgId]);
    const four = await t.app.inject({ method: 'GET', url: `/api/v1/public/organisations/${org.orgId}/application-form` });
    await t.db.query(`update organisations set settings = settings - 'firstContactWorkingDays' where org_id = $1`, [org.orgId]);
    expect(four.json().firstContactWorkingDays).toBe(4);
    const en = await t.app.inject({ method: 'GET', url: `/api/v1/public/organisations/${org.orgId}/application-form`, headers: { 'accept-language': 'en' } });
    expect(en.json().privacyStatement.text).toMatch(/^What do we do with your data\?/);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/public/organisations/0190a3b4-0000-7000-8000-000000000000/application-form' });
    expect(unknown.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/organisations/nope/application-form' })).statusCode).toBe(400);
  });

  it('stores the application, answers 201 with the reference, routes it and sets the deadline in working days', async () => {
    const before = new Date();
    const res = await postPublic(org.orgId, publicBody());
    expect(res.statusCode, res.body).toBe(201);
    const { reference } = res.json();
    expect(Object.keys(res.json())).toEqual(['reference']);
    expect(reference).toMatch(new RegExp(`^A-${YEAR}-\\d{5}$`));
    const [row] = await t.db.query<{ id: string; channel: string; referrer_type: string; location_id: string; queue: string; funding: string; postcode: string; first_contact_due_at: Date; received_at: Date; status: string }>(
      `select id::text, channel, referrer_type, location_id::text, queue, funding, postcode, first_contact_due_at, received_at, status from applications where org_id = $1 and reference = $2`,
      [org.orgId, reference],
    );
    expect(row).toMatchObject({ channel: 'public_form', referrer_type: 'self', location_id: org.locationIds.Helmond, queue: 'location', funding: 'subsidy', postcode: '5701 AB', status: 'new' });
    expect(new Date(row!.first_contact_due_at).toISOString()).toBe(workingDayDeadline(new Date(row!.received_at), 2).toISOString());
    expect(new Date(row!.received_at).getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
    const people = await t.db.query(`select first_name, last_name, safe_contact_note from application_people where application_id = $1`, [row!.id]);
    expect(people).toEqual([{ first_name: 'Sanne', last_name: 'de Boer', safe_contact_note: 'Niet bellen voor 17:00' }]);
    const events = await auditEvents(org.orgId, 'create', row!.id);
    expect(events).toEqual([expect.objectContaining({ actor_role: 'public', resource_type: 'application', actor_user_id: null })]);
  });

  it('mails the applicant only the reference number and the organisation name', async () => {
    const email = `bevestiging.${Date.now()}@example.org`;
    const body = publicBody({
      people: [{ relation: 'parent', firstName: 'Fenna', lastName: 'Verhoeven', email, phone: '0612345679', safeContactNote: 'Geen post naar huis' }],
      children: [{ firstName: 'Jip', birthYear: 2016, measure: 'guardianship' }],
      conflictSummary: 'Geheim conflict met de voogd over de omgang.',
      hearingDate: `${YEAR + 1}-01-15`,
    });
    const res = await postPublic(org.orgId, body);
    expect(res.statusCode).toBe(201);
    const mails = (await readMails(t.config.dataDir)).filter((m) => m.to.includes(email));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!;
    expect(mail.text).toContain(res.json().reference);
    expect(mail.text).toContain('Stichting Aanmelding');
    for (const secret of ['Fenna', 'Verhoeven', 'Jip', '2016', '0612345679', 'Geen post', 'Geheim conflict', 'voogd', 'Helmond', `${YEAR + 1}-01-15`, 'GM0794', '5701']) {
      expect(mail.text, secret).not.toContain(secret);
      expect(mail.subject, secret).not.toContain(secret);
    }
  });

  it('refuses bad input with clear field errors and stores nothing', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Leeg');
    const cases: Array<[string, Record<string, unknown>, number, string, string]> = [
      ['unknown municipality', { municipalityCode: 'GM9999' }, 422, 'body.municipalityCode', 'unknown_municipality'],
      ['invalid postcode', { postcode: '123 AB' }, 400, 'body.postcode', 'custom'],
      ['invalid email', { people: [{ relation: 'parent', firstName: 'A', lastName: 'B', email: 'geen-adres' }] }, 400, 'body.people.0.email', 'invalid_format'],
      ['birth year in the future', { children: [{ firstName: 'Toekomst', birthYear: YEAR + 1, measure: 'none' }] }, 400, 'body.children.0.birthYear', 'custom'],
      ['birth year before 1990', { children: [{ firstName: 'Oud', birthYear: 1985, measure: 'none' }] }, 400, 'body.children.0.birthYear', 'too_small'],
      ['a BSN', { children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots', bsn: '123456782' }] }, 400, 'body.children.0.bsn', 'unrecognized_key'],
      ['unknown measure', { children: [{ firstName: 'Noor', birthYear: 2015, measure: 'jail' }] }, 400, 'body.children.0.measure', 'invalid_value'],
      ['no consent', { consent: false }, 400, 'body.consent', 'invalid_value'],
      ['old privacy statement', { privacyStatementVersion: '2019-1' }, 400, 'body.privacyStatementVersion', 'privacy_statement_outdated'],
      ['seven children', { children: Array.from({ length: 7 }, (_, i) => ({ firstName: `Kind ${i}`, birthYear: 2010 + i, measure: 'none' })) }, 400, 'body.children', 'too_big'],
      ['five people', { people: Array.from({ length: 5 }, (_, i) => ({ relation: 'carer', firstName: `P${i}`, lastName: 'X' })) }, 400, 'body.people', 'too_big'],
      ['over-long summary', { conflictSummary: 'x'.repeat(4001) }, 400, 'body.conflictSummary', 'too_big'],
      ['invalid phone', { people: [{ relation: 'parent', firstName: 'A', lastName: 'B', phone: 'bel me maar' }] }, 400, 'body.people.0.phone', 'custom'],
    ];
    for (const [label, over, status, field, code] of cases) {
      const res = await postPublic(fresh.orgId, publicBody(over), nextIp(), { 'accept-language': 'en' });
      expect(res.statusCode, label).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const err = res.json().errors?.find((e: { field: string }) => e.field === field);
      expect(err, `${label}: ${res.body}`).toMatchObject({ code });
      expect(err.message.length, label).toBeGreaterThan(5);
    }
    // Dutch by default, with a clear message for the municipality.
    const nl = await postPublic(fresh.orgId, publicBody({ municipalityCode: 'GM9999' }));
    expect(nl.json().errors[0].message).toBe('Deze gemeente kennen we niet. Kies een gemeente uit de lijst.');
    // One valid child next to an invalid one: nothing of it is stored.
    const mixed = await postPublic(fresh.orgId, publicBody({ children: [{ firstName: 'Goed', birthYear: 2014, measure: 'none' }, { firstName: 'Fout', birthYear: YEAR + 3, measure: 'none' }] }));
    expect(mixed.statusCode).toBe(400);
    // An application of 1 MB.
    const big = await postPublic(fresh.orgId, publicBody({ conflictSummary: 'x'.repeat(1024 * 1024) }));
    expect(big.statusCode).toBe(413);
    expect(big.json().type).toBe('urn:naast:problem:payload_too_large');
    for (const table of ['applications', 'application_people', 'application_children', 'application_counters']) expect(await count(table, fresh.orgId), table).toBe(0);
  });

  it('honeypot filled → 400 form_rejected; sent within 3 seconds → 400 form_too_fast; nothing stored', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Bots');
    const honey = await postPublic(fresh.orgId, publicBody({ website: 'https://spam.example' }));
    expect(honey.statusCode).toBe(400);
    expect(honey.json().type).toBe('urn:naast:problem:form_rejected');
    const fast = await postPublic(fresh.orgId, publicBody({ startedAt: new Date(Date.now() - 1000).toISOString() }));
    expect(fast.statusCode).toBe(400);
    expect(fast.json()).toMatchObject({ type: 'urn:naast:problem:form_too_fast', title: 'Het formulier is te snel verstuurd' });
    const future = await postPublic(fresh.orgId, publicBody({ startedAt: new Date(Date.now() + 3_600_000).toISOString() }));
    expect(future.json().type).toBe('urn:naast:problem:form_too_fast');
    // An empty honeypot is fine.
    expect((await postPublic(fresh.orgId, publicBody({ website: '' }))).statusCode).toBe(201);
    expect(await count('applications', fresh.orgId)).toBe(1);
  });

  it('the same form posted 100 times a minute: 429 with Retry-After after the limit, nothing extra stored', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Vloed');
    const ip = '192.0.2.77';
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 100; i++) {
      const res = await postPublic(fresh.orgId, publicBody(), ip);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        retryAfter = String(res.headers['retry-after']);
        expect(res.json().type).toBe('urn:naast:problem:rate_limited');
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(PUBLIC_FORM_LIMIT.max);
    expect(statuses.slice(0, PUBLIC_FORM_LIMIT.max).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(PUBLIC_FORM_LIMIT.max).every((s) => s === 429)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(600);
    expect(await count('applications', fresh.orgId)).toBe(PUBLIC_FORM_LIMIT.max);
    // Another address is not affected; the counter is stored (durable), the address only hashed.
    expect((await postPublic(fresh.orgId, publicBody(), '192.0.2.78')).statusCode).toBe(201);
    const rows = await t.db.query<{ key: string; count: number }>(`select key, count from public_form_throttle where key like $1`, [`apply:${fresh.orgId}:%`]);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.key).join()).not.toContain('192.0.2');
  });

  it('references are unique and sequential under parallel posts', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Parallel');
    const results = await Promise.all(Array.from({ length: 8 }, () => postPublic(fresh.orgId, publicBody())));
    const refs = results.map((r) => r.json().reference as string).sort();
    expect(refs).toEqual(Array.from({ length: 8 }, (_, i) => `A-${YEAR}-${String(i + 1).padStart(5, '0')}`));
  });
});

describe('routing', () => {
  it('outside the work area → helpdesk with a suggested referral; per trajectory without purchase agreement → financing needed', async () => {
    const helpdesk = await staffCreate(admin, { municipalityCode: 'GM0935' }); // Maastricht
    expect(helpdesk).toMatchObject({ queue: 'helpdesk', locationId: null, funding: null, financingNeeded: false, municipalityName: 'Maastricht' });
    expect(helpdesk.suggestedReferral).toContain('Limburg');
    const noAgreement = await staffCreate(admin, { municipalityCode: 'GM0855' });
    expect(noAgreement).toMatchObject({ queue: 'location', locationId: org.locationIds.Tilburg, funding: 'per_trajectory', financingNeeded: true, locationName: 'Tilburg' });
    const agreement = await staffCreate(admin, { municipalityCode: 'GM1652' });
    expect(agreement).toMatchObject({ locationId: org.locationIds.Helmond, funding: 'per_trajectory', financingNeeded: false });
  });

  it('the organisation decides the number of working days', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Vijf Dagen');
    const a = await signInAs(t.db, fresh, 'admin');
    expect((await api('PATCH', '/organisation', a, { firstContactWorkingDays: 5 })).statusCode).toBe(200);
    const receivedAt = '2025-04-17T10:00:00+02:00'; // Thursday before Easter
    const created = await staffCreate(a, { receivedAt });
    // Fri 18 (1), Easter Monday, Tue 22 (2), Wed 23 (3), Thu 24 (4), Fri 25 (5)
    expect(created.firstContactDueAt).toBe(endOfAmsterdamDay('2025-04-25').toISOString());
    expect(created.dueState).toBe('overdue');
  });
});

describe('staff application', () => {
  it('a referrer needs the parent’s agreement; the referrer is told (without content) that it was received, once, audited as share', async () => {
    const refused = await api('POST', '/applications', helmondCoordinator, staffBody({ channel: 'referrer', referrerType: 'cvp', referrerName: 'Mw. Jansen', referrerEmail: 'cvp@example.org' }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toContainEqual(expect.objectContaining({ field: 'body.parentAgreedToReferral', code: 'referral_agreement_required' }));
    const selfReferrer = await api('POST', '/applications', helmondCoordinator, staffBody({ channel: 'referrer', referrerType: 'self' }));
    expect(selfReferrer.statusCode).toBe(400);
    expect(selfReferrer.json().errors).toContainEqual(expect.objectContaining({ field: 'body.referrerType' }));

    const referrerEmail = `wijkteam.${Date.now()}@example.org`;
    const created = await staffCreate(helmondCoordinator, {
      channel: 'referrer',
      referrerType: 'district_team',
      referrerName: 'Wijkteam Helmond-Noord',
      referrerOrganisation: 'Gemeente Helmond',
      referrerEmail,
      parentAgreedToReferral: true,
      referrerMayBeTold: true,
    });
    expect(created).toMatchObject({ channel: 'referrer', referrerType: 'district_team', parentAgreedToReferral: true, referrerMayBeTold: true, status: 'new' });
    const mails = (await readMails(t.config.dataDir)).filter((m) => m.to.includes(referrerEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain(created.reference);
    for (const secret of ['Sanne', 'Boer', 'Noor', 'jeugdbeschermer', '2015', 'Jeugdbescherming']) expect(mails[0]!.text, secret).not.toContain(secret);
    expect(await auditEvents(org.orgId, 'share', created.id)).toEqual([expect.objectContaining({ reason: 'referrer notice: received', actor_role: 'coordinator' })]);
    // At most once per kind.
    const again = await t.db.withTenant(org.orgId, (tx) => notifyReferrer(tx, { mailer: { transport: 'file', send: async () => undefined } }, org.orgId, created.id, 'received'));
    expect(again).toBe(false);

    // Not told when the parent did not agree to it.
    const quiet = `stil.${Date.now()}@example.org`;
    await staffCreate(helmondCoordinator, { channel: 'referrer', referrerType: 'lawyer', referrerName: 'Mr. De Wit', referrerEmail: quiet, parentAgreedToReferral: true, referrerMayBeTold: false });
    expect((await readMails(t.config.dataDir)).filter((m) => m.to.includes(quiet))).toHaveLength(0);
  });

  it('volunteers, parents and funders cannot create, list or open applications (404)', async () => {
    const created = await staffCreate(admin);
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role, { locationIds: role === 'volunteer' ? [org.locationIds.Helmond!] : [] });
      expect((await api('POST', '/applications', s, staffBody())).statusCode, role).toBe(404);
      expect((await api('GET', '/applications', s)).statusCode, role).toBe(404);
      expect((await api('GET', `/applications/${created.id}`, s)).statusCode, role).toBe(404);
      expect((await api('POST', `/applications/${created.id}/first-contact`, s, {})).statusCode, role).toBe(404);
    }
    // Another organisation's admin does not find it either.
    const other = await signInAs(t.db, orgB, 'admin');
    expect((await api('GET', `/applications/${created.id}`, other)).statusCode).toBe(404);
  });
});

describe('coordinator inbox', () => {
  it('orders by deadline with due states, shows a short name and flags, keeps to the coordinator’s locations plus helpdesk, pages by cursor, audits the list', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Inbox');
    const a = await signInAs(t.db, fresh, 'admin');
    const helmond = await signInAs(t.db, fresh, 'coordinator', { locationIds: [fresh.locationIds.Helmond!] });
    await api('PUT', '/organisation/work-area/GM0794', a, { locationId: fresh.locationIds.Helmond, funding: 'subsidy' });
    await api('PUT', '/organisation/work-area/GM0855', a, { locationId: fresh.locationIds.Tilburg, funding: 'per_trajectory' });
    const person = (firstName: string, lastName: string) => [{ relation: 'parent', firstName, lastName }];
    const overdue = await staffCreate(a, { people: person('Ahmed', 'Yilmaz'), receivedAt: new Date(Date.now() - 20 * 86_400_000).toISOString() });
    const upcoming = await staffCreate(a, { people: person('Petra', 'Smit'), children: [{ firstName: 'Ties', birthYear: 2012, measure: 'none' }] });
    const today = await staffCreate(a, { people: person('Lotte', 'Visser'), children: [{ firstName: 'Mila', birthYear: 2011, measure: 'none' }], hearingDate: amsterdamDate(new Date(Date.now() + 7 * 86_400_000)) });
    await t.db.query(`update applications set first_contact_due_at = $1 where org_id = $2 and id = $3`, [endOfAmsterdamDay(amsterdamDate(new Date())).toISOString(), fresh.orgId, today.id]);
    const tilburg = await staffCreate(a, { municipalityCode: 'GM0855', people: person('Kees', 'Bakker'), children: [{ firstName: 'Bo', birthYear: 2013, measure: 'none' }] });
    const helpdesk = await staffCreate(a, { municipalityCode: 'GM0935', people: person('Ilse', 'Mertens'), children: [{ firstName: 'Sem', birthYear: 2014, measure: 'none' }], receivedAt: new Date(Date.now() - 86_400_000).toISOString() });
    const contacted = await staffCreate(a, { people: person('Joost', 'Peters'), children: [{ firstName: 'Fem', birthYear: 2010, measure: 'none' }] });
    expect((await api('POST', `/applications/${contacted.id}/first-contact`, a, {})).statusCode).toBe(200);

    const all = await api('GET', '/applications', a);
    expect(all.statusCode).toBe(200);
    const items = all.json().items as Array<Record<string, unknown>>;
    const ids = items.map((i) => i.id);
    expect(ids).not.toContain(contacted.id); // open = waiting for first contact
    const dues = items.map((i) => i.firstContactDueAt as string);
    expect([...dues].sort()).toEqual(dues);
    const byId = Object.fromEntries(items.map((i) => [i.id, i]));
    expect(byId[overdue.id]).toMatchObject({ dueState: 'overdue', shortName: 'Ahmed Y.', locationName: 'Helmond', queue: 'location', municipalityName: 'Helmond' });
    expect(byId[today.id]).toMatchObject({ dueState: 'due_today', shortName: 'Lotte V.', priority: 1 });
    expect(byId[upcoming.id]).toMatchObject({ dueState: 'upcoming', priority: 3 });
    expect(byId[tilburg.id]).toMatchObject({ financingNeeded: true, locationName: 'Tilburg' });
    expect(byId[helpdesk.id]).toMatchObject({ queue: 'helpdesk', locationId: null, locationName: null });
    // Nothing more personal than the short name.
    expect(JSON.stringify(items)).not.toMatch(/Yilmaz|Visser|jeugdbeschermer|Noor/);

    const mine = (await api('GET', '/applications', helmond)).json().items.map((i: { id: string }) => i.id);
    expect(mine).toEqual(expect.arrayContaining([overdue.id, today.id, upcoming.id, helpdesk.id]));
    expect(mine).not.toContain(tilburg.id);
    expect((await api('GET', `/applications?queue=helpdesk`, helmond)).json().items.map((i: { id: string }) => i.id)).toEqual([helpdesk.id]);
    expect((await api('GET', `/applications?locationId=${fresh.locationIds.Tilburg}`, helmond)).json().items).toEqual([]);
    expect((await api('GET', `/applications?locationId=${fresh.locationIds.Tilburg}`, a)).json().items.map((i: { id: string }) => i.id)).toEqual([tilburg.id]);

    const intake = (await api('GET', '/applications?state=intake', a)).json().items;
    expect(intake.map((i: { id: string }) => i.id)).toEqual([contacted.id]);
    expect(intake[0].dueState).toBe('done');
    expect((await api('GET', '/applications?state=all', a)).json().items).toHaveLength(6);

    // Cursor pages: every application once.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await api('GET', `/applications?state=all&limit=2${cursor ? `&cursor=${cursor}` : ''}`, a)).json();
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
    expect((await api('GET', '/applications?cursor=rommel', a)).statusCode).toBe(400);
    expect((await api('GET', '/applications?state=alles', a)).statusCode).toBe(400);

    const lists = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and action = 'list' and resource_type = 'application'`, [fresh.orgId]);
    expect(lists[0]!.n).toBeGreaterThanOrEqual(8);
  });
});

describe('detail, first contact and intake', () => {
  it('detail is an audited read; a coordinator of another location needs a reason (break-the-glass)', async () => {
    const created = await staffCreate(admin);
    const own = await api('GET', `/applications/${created.id}`, helmondCoordinator);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      reference: created.reference,
      people: [expect.objectContaining({ firstName: 'Sanne', lastName: 'de Boer', safeContactNote: 'Niet bellen voor 17:00' })],
      children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
      institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
      intake: null,
    });
    const refused = await api('GET', `/applications/${created.id}`, tilburgCoordinator);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().type).toBe('urn:naast:problem:reason_required');
    const reason = 'Waarneming voor collega in Helmond tijdens ziekte';
    const granted = await api('GET', `/applications/${created.id}?reason=${encodeURIComponent(reason)}`, tilburgCoordinator);
    expect(granted.statusCode).toBe(200);
    const reads = await auditEvents(org.orgId, 'read', created.id);
    expect(reads.map((r) => r.reason)).toEqual([null, reason]);
    // Changing also needs the reason.
    expect((await api('POST', `/applications/${created.id}/first-contact`, tilburgCoordinator, {})).statusCode).toBe(403);
  });

  it('first contact, then intake with a decision; wrong order or a second decision → 409 with the reason', async () => {
    const created = await staffCreate(helmondCoordinator, { hearingDate: amsterdamDate(new Date(Date.now() + 10 * 86_400_000)) });
    const intakeBody = { heldAt: new Date().toISOString(), helpQuestions: ['Hoe krijg ik meer omgang met Noor?', 'Wat betekent de OTS voor ons?'], goals: 'Weer samenwerken met de jeugdbeschermer.', decision: 'accept_waiting' };
    const early = await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, intakeBody);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ type: 'urn:naast:problem:first_contact_required', title: 'Leg eerst het eerste contact vast' });

    const contact = await api('POST', `/applications/${created.id}/first-contact`, helmondCoordinator, {});
    expect(contact.statusCode).toBe(200);
    expect(contact.json()).toMatchObject({ status: 'contacted', firstContactBy: helmondCoordinator.userId, dueState: 'done' });
    expect((await api('POST', `/applications/${created.id}/first-contact`, helmondCoordinator, {})).json().type).toBe('urn:naast:problem:first_contact_recorded');
    expect((await api('POST', `/applications/${created.id}/first-contact`, helmondCoordinator, { at: new Date(Date.now() + 86_400_000).toISOString() })).statusCode).toBe(400);

    const refer = await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, { ...intakeBody, decision: 'refer' });
    expect(refer.statusCode).toBe(400);
    expect(refer.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['body.reason', 'body.referredTo']);
    const decline = await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, { ...intakeBody, decision: 'decline' });
    expect(decline.json().errors.map((e: { field: string }) => e.field)).toEqual(['body.reason']);
    expect((await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, { ...intakeBody, helpQuestions: [] })).statusCode).toBe(400);
    expect((await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, { ...intakeBody, helpQuestions: Array(11).fill('Vraag') })).statusCode).toBe(400);

    const accepted = await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, intakeBody);
    expect(accepted.statusCode).toBe(200);
    const detail = accepted.json();
    expect(detail).toMatchObject({ status: 'waiting', priority: 1, intake: { decision: 'accept_waiting', helpQuestions: intakeBody.helpQuestions, decidedBy: helmondCoordinator.userId } });
    expect(detail.acceptedAt).not.toBeNull();
    const again = await api('POST', `/applications/${created.id}/intake`, helmondCoordinator, intakeBody);
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:intake_decided');
    expect(await auditEvents(org.orgId, 'create', created.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ resource_type: 'application' }), expect.objectContaining({ resource_type: 'intake' })]),
    );
    expect((await auditEvents(org.orgId, 'update', created.id)).length).toBe(2);

    // It is now matchable, first of its priority.
    const list = await t.db.withTenant(org.orgId, (tx) => listMatchableApplications(tx, org.orgId, { locationIds: [org.locationIds.Helmond!] }));
    expect(list[0]).toMatchObject({ id: created.id, status: 'waiting', measures: ['ots'], institutions: ['Jeugdbescherming Brabant'], preferredLanguage: 'nl' });
    await t.db.withTenant(org.orgId, (tx) => markMatched(tx, org.orgId, created.id));
    await expect(t.db.withTenant(org.orgId, (tx) => markMatched(tx, org.orgId, created.id))).rejects.toMatchObject({ code: 'application_not_matchable', status: 409 });
  });

  it('refer and decline record to whom and why', async () => {
    for (const [decision, extra, status] of [
      ['refer', { referredTo: 'Cliëntvertrouwenspersoon AKJ', reason: 'Eén vraag over een klacht: past bij de CVP.' }, 'referred'],
      ['decline', { reason: 'Geen conflict met de jeugdhulp.' }, 'declined'],
      ['accept_matching', {}, 'matching'],
    ] as const) {
      const created = await staffCreate(admin);
      await api('POST', `/applications/${created.id}/first-contact`, admin, {});
      const res = await api('POST', `/applications/${created.id}/intake`, admin, { heldAt: new Date().toISOString(), helpQuestions: ['Vraag'], decision, ...extra });
      expect(res.statusCode, decision).toBe(200);
      expect(res.json().status).toBe(status);
      expect(res.json().intake).toMatchObject({ decision, referredTo: 'referredTo' in extra ? extra.referredTo : null, reason: 'reason' in extra ? extra.reason : null });
    }
  });

  it('PATCH corrects fields and routes a new municipality again', async () => {
    const created = await staffCreate(admin);
    const res = await api('PATCH', `/applications/${created.id}`, admin, { municipalityCode: 'GM0855', postcode: '5038 ab', hearingDate: null, children: [{ firstName: 'Noor', birthYear: 2014, measure: 'out_of_home_authorised' }] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ municipalityCode: 'GM0855', locationId: org.locationIds.Tilburg, financingNeeded: true, postcode: '5038 AB', children: [{ birthYear: 2014, measure: 'out_of_home_authorised' }] });
    expect((await api('PATCH', `/applications/${created.id}`, admin, { municipalityCode: 'GM9999' })).statusCode).toBe(422);
    expect((await api('PATCH', `/applications/${created.id}`, admin, { children: [{ firstName: 'X', birthYear: YEAR + 2, measure: 'none' }] })).statusCode).toBe(400);
    const [kids] = await t.db.query<{ n: number }>(`select count(*)::int as n from application_children where application_id = $1`, [created.id]);
    expect(kids!.n).toBe(1);
  });

  it('links a parent account (role parent only), so the parent can see their status', async () => {
    const created = await staffCreate(admin);
    const volunteer = await signInAs(t.db, org, 'volunteer');
    const bad = await api('POST', `/applications/${created.id}/link-parent`, admin, { userId: volunteer.userId });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'body.userId', code: 'not_a_parent' });
    const foreignParent = await signInAs(t.db, orgB, 'parent');
    expect((await api('POST', `/applications/${created.id}/link-parent`, admin, { userId: foreignParent.userId })).statusCode).toBe(400);
    const parent = await signInAs(t.db, org, 'parent');
    const ok = await api('POST', `/applications/${created.id}/link-parent`, admin, { userId: parent.userId });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().parentUserId).toBe(parent.userId);
    const mine = await t.db.withTenant(org.orgId, (tx) => applicationsOfParent(tx, org.orgId, parent.userId));
    expect(mine).toEqual([expect.objectContaining({ id: created.id, reference: created.reference, status: 'new' })]);
  });
});

describe('duplicates', () => {
  it('a similar family is flagged; merge marks it merged into the original', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Dubbel');
    const a = await signInAs(t.db, fresh, 'admin');
    const first = await staffCreate(a, { people: [{ relation: 'parent', firstName: 'Marieke', lastName: 'van den Berg' }], children: [{ firstName: 'Daan', birthYear: 2012, measure: 'ots' }, { firstName: 'Lieke', birthYear: 2016, measure: 'ots' }] });
    expect(first.possibleDuplicateOf).toBeNull();
    // Same family, written differently, one child mentioned.
    const second = await staffCreate(a, { people: [{ relation: 'parent', firstName: 'M.', lastName: 'Berg' }], children: [{ firstName: 'Lieke', birthYear: 2016, measure: 'ots' }] });
    expect(second.possibleDuplicateOf).toEqual({ id: first.id, reference: first.reference });
    // Another family in the same municipality is not flagged.
    const other = await staffCreate(a, { people: [{ relation: 'parent', firstName: 'Piet', lastName: 'Jansen' }], children: [{ firstName: 'Lieke', birthYear: 2016, measure: 'none' }] });
    expect(other.possibleDuplicateOf).toBeNull();
    const inbox = (await api('GET', '/applications', a)).json().items;
    expect(inbox.find((i: { id: string }) => i.id === second.id).possibleDuplicate).toBe(true);

    expect((await api('POST', `/applications/${other.id}/duplicate`, a, { resolution: 'merge' })).json().type).toBe('urn:naast:problem:no_duplicate');
    const merged = await api('POST', `/applications/${second.id}/duplicate`, a, { resolution: 'merge' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: first.id, duplicateResolution: 'merged' });
    expect((await api('POST', `/applications/${second.id}/first-contact`, a, {})).json().type).toBe('urn:naast:problem:application_merged');
    expect((await api('GET', '/applications', a)).json().items.map((i: { id: string }) => i.id)).not.toContain(second.id);
  });

  it('keep apart clears the flag and keeps the resolution', async () => {
    const fresh = await createTestOrg(t.db, 'Stichting Apart');
    const a = await signInAs(t.db, fresh, 'admin');
    const first = await staffCreate(a);
    const second = await staffCreate(a);
    expect(second.possibleDuplicateOf).toMatchObject({ id: first.id });
    const kept = await api('POST', `/applications/${second.id}/duplicate`, a, { resolution: 'keep_apart' });
    expect(kept.statusCode).toBe(200);
    expect(kept.json()).toMatchObject({ status: 'new', possibleDuplicateOf: null, duplicateResolution: 'kept_apart', mergedInto: null });
    expect((await api('POST', `/applications/${second.id}/duplicate`, a, { resolution: 'merge' })).statusCode).toBe(409);
    expect((await api('GET', '/applications', a)).json().items.find((i: { id: string }) => i.id === second.id).possibleDuplicate).toBe(false);
  });
});

it('the audit chain stays intact', async () => {
  expect((await verifyAudit(t.db, org.orgId)).ok).toBe(true);
});
