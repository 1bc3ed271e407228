import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertProfile } from '../../../test/helpers/matching.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { insertFullDossier, type FullDossier } from './test-fixture.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let tilburgCoord: SignedIn;
let lead: SignedIn;
let parent: SignedIn;
let otherParent: SignedIn;
let mine: FullDossier;
let theirs: FullDossier;

const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers }, payload: payload as never });

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Verzoek');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  tilburgCoord = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  otherParent = await signInAs(t.db, org, 'parent');
  mine = await insertFullDossier(t.db, { orgId: org.orgId, locationId: helmond, parentUserId: parent.userId, leadUserId: lead.userId, marker: 'Mijnfamilie', email: `mijn.${Date.now()}@example.org` });
  await insertProfile(t.db, org.orgId, lead.userId, { activeFamilies: 2 });
  theirs = await insertFullDossier(t.db, { orgId: org.orgId, locationId: helmond, parentUserId: otherParent.userId, leadUserId: lead.userId, marker: 'Anderfamilie', email: `ander.${Date.now()}@example.org` });
});
afterAll(async () => t?.close());

describe('who looked at my dossier', () => {
  it('lists reads by staff with name, organisation and action, without ip or user agent; own reads apart', async () => {
    expect((await api('GET', `/trajectories/${mine.trajectoryId}`, lead)).statusCode).toBe(200);
    expect((await api('GET', '/me/data-export.json', parent)).statusCode).toBe(200);
    const res = await api('GET', '/me/access-log', parent);
    expect(res.statusCode).toBe(200);
    const log = res.json() as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    const read = log.items.find((e) => e.action === 'read' && e.resourceType === 'trajectory');
    expect(read).toMatchObject({ role: 'volunteer', organisation: 'Stichting Verzoek', self: false });
    expect(String(read!.actor)).toMatch(/^Test volunteer/);
    expect(log.items.every((e) => e.self === false)).toBe(true);
    expect(JSON.stringify(log)).not.toMatch(/"ip"|userAgent|user_agent|127\.0\.0\.1/);
    const own = (await api('GET', '/me/access-log?self=true', parent)).json() as { items: Array<Record<string, unknown>> };
    expect(own.items.some((e) => e.action === 'export' && e.self === true)).toBe(true);
    expect(own.items.every((e) => e.self === true)).toBe(true);
    // the other parent sees nothing of this
    const theirsLog = (await api('GET', '/me/access-log', otherParent)).json() as { items: unknown[] };
    expect(theirsLog.items).toHaveLength(0);
    expect((await api('GET', '/me/access-log', coord)).statusCode).toBe(404);
    expect((await api('GET', '/me/access-log?cursor=nonsense', parent)).statusCode).toBe(400);
  });

  it('pages newest first without gaps or repeats', async () => {
    for (let i = 0; i < 52; i++) expect((await api('GET', `/trajectories/${mine.trajectoryId}`, lead)).statusCode).toBe(200);
    const first = (await api('GET', '/me/access-log', parent)).json() as { items: Array<{ id: string; at: string }>; nextCursor: string };
    expect(first.items).toHaveLength(50);
    expect(first.nextCursor).toBeTruthy();
    const second = (await api('GET', `/me/access-log?cursor=${encodeURIComponent(first.nextCursor)}`, parent)).json() as { items: Array<{ id: string; at: string }>; nextCursor: string | null };
    expect(second.items.length).toBeGreaterThanOrEqual(3);
    const ids = [...first.items, ...second.items].map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    const times = [...first.items, ...second.items].map((e) => e.at);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('correction (AVG art. 16)', () => {
  it('refuses bad input and other families\' items, nothing saved', async () => {
    const big = await api('POST', '/me/corrections', parent, { itemKind: 'contact', itemId: mine.contactIds[0], requestedText: 'x'.repeat(100_000) });
    expect(big.statusCode).toBe(400);
    expect(big.headers['content-type']).toContain('application/problem+json');
    expect(big.json().errors[0].field).toBe('body.requestedText');
    const foreign = await api('POST', '/me/corrections', parent, { itemKind: 'contact', itemId: theirs.contactIds[0], requestedText: 'Anders' });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors[0].field).toBe('body.itemId');
    const unknownKind = await api('POST', '/me/corrections', parent, { itemKind: 'password', itemId: mine.contactIds[0], requestedText: 'Anders' });
    expect(unknownKind.statusCode).toBe(400);
    const [n] = await t.db.query<{ n: number }>(`select count(*)::int as n from correction_requests where org_id = $1 and requested_text in ('Anders') or length(requested_text) > 2000`, [org.orgId]);
    expect(n!.n).toBe(0);
  });

  it('the coordinator accepts: the item changes, the old text is kept, the parent sees the result', async () => {
    const items = (await api('GET', '/me/corrections/items', parent)).json() as { items: Array<{ kind: string; id: string }> };
    expect(items.items.some((i) => i.kind === 'contact' && i.id === mine.contactIds[0])).toBe(true);
    expect(items.items.some((i) => i.id === theirs.contactIds[0])).toBe(false);
    const created = await api('POST', '/me/corrections', parent, { itemKind: 'contact', itemId: mine.contactIds[0], requestedText: 'Ik belde over de school, niet over omgang.', explanation: 'Het ging over school.' });
    expect(created.statusCode).toBe(201);
    const req = created.json() as { id: string; status: string };
    expect(req.status).toBe('open');

    const list = (await api('GET', '/privacy/requests', coord)).json() as { items: Array<{ id: string; status: string; currentText: string | null }> };
    expect(list.items[0]!.status).toBe('open');
    const mineInList = list.items.find((i) => i.id === req.id)!;
    expect(mineInList.currentText).toContain('Mijnfamilie belde over het omgangsgesprek');
    // A coordinator of another location neither sees nor decides it.
    expect(((await api('GET', '/privacy/requests', tilburgCoord)).json() as { items: unknown[] }).items).toHaveLength(0);
    expect((await api('POST', `/privacy/requests/corrections/${req.id}/decision`, tilburgCoord, { decision: 'accept' })).statusCode).toBe(404);
    // Rejecting needs a note.
    const noNote = await api('POST', `/privacy/requests/corrections/${req.id}/decision`, coord, { decision: 'reject' });
    expect(noNote.statusCode).toBe(400);

    const decided = await api('POST', `/privacy/requests/corrections/${req.id}/decision`, coord, { decision: 'accept' });
    expect(decided.statusCode).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'accepted', previousText: expect.stringContaining('omgangsgesprek') });
    const [contact] = await t.db.query<{ note: string }>(`select note from trajectory_contacts where org_id = $1 and id = $2`, [org.orgId, mine.contactIds[0]]);
    expect(contact!.note).toBe('Ik belde over de school, niet over omgang.');
    expect((await api('POST', `/privacy/requests/corrections/${req.id}/decision`, coord, { decision: 'reject', note: 'toch niet' })).statusCode).toBe(409);
    const seen = (await api('GET', '/me/privacy-requests', parent)).json() as { items: Array<{ id: string; status: string }> };
    expect(seen.items.find((i) => i.id === req.id)?.status).toBe('accepted');
  });

  it('a rejected correction of a report keeps the report and tells why', async () => {
    const created = await api('POST', '/me/corrections', parent, { itemKind: 'agreement', itemId: mine.agreementId, requestedText: 'Andere afspraak' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    const decided = await api('POST', `/privacy/requests/corrections/${id}/decision`, coord, { decision: 'reject', note: 'Zo is het afgesproken in het gesprek.' });
    expect(decided.json()).toMatchObject({ status: 'rejected', decisionNote: 'Zo is het afgesproken in het gesprek.', previousText: null });
    const [a] = await t.db.query<{ description: string }>(`select description from agreements where org_id = $1 and id = $2`, [org.orgId, mine.agreementId]);
    expect(a!.description).toContain('krijgt elke week');
  });
});

describe('objection and erasure', () => {
  it('records the decision; an accepted erasure under a legal hold erases nothing and says so; without a hold it erases at once', async () => {
    const objection = await api('POST', '/me/privacy-requests', parent, { kind: 'objection', text: 'Ik wil niet dat de school gebeld wordt.' });
    expect(objection.statusCode).toBe(201);
    expect((await api('POST', `/privacy/requests/${objection.json().id}/decision`, coord, { decision: 'reject' })).statusCode).toBe(400);
    const rejected = await api('POST', `/privacy/requests/${objection.json().id}/decision`, coord, { decision: 'reject', note: 'Dat is nodig voor het plan.' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', erased: false });

    const holdId = uuidv7();
    await t.db.query(`insert into legal_holds (org_id, id, trajectory_id, reason, set_by) values ($1, $2, $3, 'Klacht loopt', $4)`, [org.orgId, holdId, mine.trajectoryId, coord.userId]);
    const erasure = await api('POST', '/me/privacy-requests', parent, { kind: 'erasure', text: 'Verwijder alles over ons.' });
    const held = await api('POST', `/privacy/requests/${erasure.json().id}/decision`, coord, { decision: 'accept', note: 'Akkoord.' });
    expect(held.statusCode).toBe(200);
    expect(held.json()).toMatchObject({ status: 'accepted', erased: false, held: true });
    expect(held.json().decisionNote).toContain('bewaarplicht');
    const [c1] = await t.db.query<{ n: number }>(`select count(*)::int as n from trajectory_contacts where org_id = $1 and trajectory_id = $2`, [org.orgId, mine.trajectoryId]);
    expect(c1!.n).toBe(1);

    await t.db.query(`update legal_holds set lifted_at = now(), lifted_by = $3, lift_reason = 'Klacht afgehandeld' where org_id = $1 and id = $2`, [org.orgId, holdId, coord.userId]);
    const again = await api('POST', '/me/privacy-requests', parent, { kind: 'erasure', text: 'Nu graag wel verwijderen.' });
    const done = await api('POST', `/privacy/requests/${again.json().id}/decision`, coord, { decision: 'accept', note: 'Akkoord, verwijderd.' });
    expect(done.json()).toMatchObject({ erased: true, held: false });
    const [c2] = await t.db.query<{ n: number }>(`select count(*)::int as n from trajectory_contacts where org_id = $1 and trajectory_id = $2`, [org.orgId, mine.trajectoryId]);
    expect(c2!.n).toBe(0);
    const [rec] = await t.db.query<{ rule: string }>(`select rule from destruction_records where org_id = $1 and trajectory_id = $2`, [org.orgId, mine.trajectoryId]);
    expect(rec!.rule).toBe('erasure_request');
    // Erased while support ran: the trajectory ended and the volunteer's place counts again.
    const [traj] = await t.db.query<{ phase: string; ended: boolean }>(`select phase, ended_at is not null as ended from trajectories where org_id = $1 and id = $2`, [org.orgId, mine.trajectoryId]);
    expect(traj).toEqual({ phase: 'ended', ended: true });
    const [profile] = await t.db.query<{ active_families: number }>(`select active_families from volunteer_profiles where org_id = $1 and user_id = $2`, [org.orgId, lead.userId]);
    expect(profile!.active_families).toBe(1);
    // the other family is untouched
    const [c3] = await t.db.query<{ n: number }>(`select count(*)::int as n from trajectory_contacts where org_id = $1 and trajectory_id = $2`, [org.orgId, theirs.trajectoryId]);
    expect(c3!.n).toBe(1);
  });
});
