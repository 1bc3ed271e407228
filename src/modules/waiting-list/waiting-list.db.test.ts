import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertFamily, insertProfile } from '../../../test/helpers/matching.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let helmond: string;

const api = (url: string, s: SignedIn) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: s.headers });
/** Noon (UTC) on the Amsterdam date n days ago: always that date there, whatever the hour or DST. */
const daysAgo = (n: number) => new Date(`${addDays(amsterdamDate(new Date()), -n)}T12:00:00Z`);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Wachtlijst');
  helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
});
afterAll(async () => t?.close());

describe('waiting list per location', () => {
  it('orders by priority then date, with position, days waiting and the expected wait from capacity and the norm', async () => {
    const parent = await signInAs(t.db, org, 'parent');
    const old = await insertFamily(t.db, org.orgId, { locationId: helmond, acceptedAt: daysAgo(30), parentUserId: parent.userId });
    const newer = await insertFamily(t.db, org.orgId, { locationId: helmond, acceptedAt: daysAgo(10) });
    const hearing = addDays(amsterdamDate(new Date()), 14);
    const urgent = await insertFamily(t.db, org.orgId, { locationId: helmond, acceptedAt: daysAgo(1), hearingDate: hearing });
    await insertFamily(t.db, org.orgId, { locationId: org.locationIds.Tilburg!, municipalityCode: 'GM0855' });
    await insertFamily(t.db, org.orgId, { locationId: helmond, status: 'new' });
    // Helmond: two volunteers, 3 + 2 places, 3 + 1 taken → 1 free, 5 in all. A Tilburg volunteer does not count.
    for (const [max, active, loc] of [[3, 3, helmond], [2, 1, helmond], [3, 0, org.locationIds.Tilburg!]] as const) {
      const v = await signInAs(t.db, org, 'volunteer', { locationIds: [loc] });
      await insertProfile(t.db, org.orgId, v.userId, { maxFamilies: max, activeFamilies: active });
    }

    const res = await api(`/waiting-list?locationId=${helmond}`, coord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.method).toEqual({ freeSlots: 1, totalSlots: 5, avgTrajectoryDays: 243, basis: 'norm', endedTrajectories: 0 });
    expect(body.items.map((e: { applicationId: string }) => e.applicationId)).toEqual([urgent.id, old.id, newer.id]);
    expect(body.items[0]).toMatchObject({ position: 1, priority: 1, expectedWaitDays: 0, matchPending: false, reference: urgent.reference, status: 'waiting' });
    expect(body.items[1]).toMatchObject({ position: 2, priority: 3, daysWaiting: 30, expectedWaitDays: Math.ceil(243 / 5) });
    expect(body.items[2]).toMatchObject({ position: 3, expectedWaitDays: Math.ceil((2 * 243) / 5) });
    // No names or conflict texts in the list.
    expect(res.body).not.toContain('Conflict met');

    // The parent sees their own place, and nothing about the others.
    const mine = await api('/me/application', parent);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toEqual([
      expect.objectContaining({ id: old.id, reference: old.reference, status: 'waiting', waiting: expect.objectContaining({ position: 2, daysWaiting: 30, expectedWaitDays: Math.ceil(243 / 5) }) }),
    ]);
    expect(mine.body).not.toContain(urgent.reference);
    const stranger = await signInAs(t.db, org, 'parent');
    expect((await api('/me/application', stranger)).json()).toEqual({ items: [] });

    const events = await t.db.query(`select 1 from audit_events where org_id = $1 and actor_user_id = $2 and action = 'list' and resource_type = 'waiting_list'`, [org.orgId, coord.userId]);
    expect(events).toHaveLength(1);
  });

  it('uses the measured average trajectory length once 5 trajectories ended', async () => {
    const own = await createTestOrg(t.db, 'Stichting Gemeten');
    const c = await signInAs(t.db, own, 'coordinator', { locationIds: [own.locationIds.Helmond!] });
    const v = await signInAs(t.db, own, 'volunteer', { locationIds: [own.locationIds.Helmond!] });
    await insertProfile(t.db, own.orgId, v.userId, { maxFamilies: 2 });
    for (let i = 0; i < 5; i++) {
      const f = await insertFamily(t.db, own.orgId, { locationId: own.locationIds.Helmond!, status: 'matched' });
      await t.db.query(
        `insert into trajectories (org_id, id, application_id, location_id, lead_volunteer_id, phase, started_at, ended_at)
         values ($1, $2, $3, $4, $5, 'ended', now() - interval '200 days', now() - interval '${200 - (100 + i * 10)} days')`,
        [own.orgId, uuidv7(), f.id, own.locationIds.Helmond, v.userId],
      );
    }
    const body = (await api(`/waiting-list?locationId=${own.locationIds.Helmond}`, c)).json();
    expect(body.method).toEqual({ freeSlots: 2, totalSlots: 2, avgTrajectoryDays: 120, basis: 'measured', endedTrajectories: 5 });
  });

  it('another location needs a reason; an unknown location is not found; volunteers, parents and funders cannot see it', async () => {
    const tilburg = org.locationIds.Tilburg!;
    expect((await api(`/waiting-list?locationId=${tilburg}`, coord)).statusCode).toBe(403);
    expect((await api(`/waiting-list?locationId=${tilburg}&reason=${encodeURIComponent('Overleg over de wachtlijst Tilburg')}`, coord)).statusCode).toBe(200);
    expect((await api(`/waiting-list?locationId=${uuidv7()}`, coord)).statusCode).toBe(404);
    expect((await api('/waiting-list', coord)).statusCode).toBe(400);
    for (const role of ['volunteer', 'parent', 'funder'] as const) {
      const s = await signInAs(t.db, org, role);
      expect((await api(`/waiting-list?locationId=${helmond}`, s)).statusCode, role).toBe(404);
    }
    for (const role of ['admin', 'coordinator', 'volunteer', 'funder'] as const) {
      const s = await signInAs(t.db, org, role);
      expect((await api('/me/application', s)).statusCode, role).toBe(404);
    }
  });
});
