import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION } from '../../demo.js';
import { verifyAudit } from '../../platform/audit/index.js';
import { createOrganisation } from '../organisations/public.js';
import { seedDemoApplications } from '../intake/demo.js';
import { createTestApp, signInAs, type TestApp } from '../../../test/helpers/app.js';
import { seedDemoVolunteers } from './demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('demo volunteers', () => {
  it('profiles at the three locations (one full, conflicts), and one family offered to the demo volunteer', async () => {
    const org = await createOrganisation(t.db, { ...DEMO_ORGANISATION, name: 'Demo matching' });
    const coordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
    const volunteer = await signInAs(t.db, org, 'volunteer', { locationIds: [org.locationIds.Helmond!] });
    await seedDemoApplications(t.db, org.orgId, org.locationIds);
    await seedDemoVolunteers(t.db, org.orgId, org.locationIds, volunteer.userId);

    const profiles = await t.db.query<{ display_name: string; active_families: number; max_families: number; conflicts: number }>(
      `select u.display_name, p.active_families, p.max_families, cardinality(p.conflict_institutions) as conflicts
         from volunteer_profiles p join users u on u.org_id = p.org_id and u.id = p.user_id where p.org_id = $1`,
      [org.orgId],
    );
    expect(profiles).toHaveLength(7);
    expect(profiles.filter((p) => p.display_name.endsWith('(demo)'))).toHaveLength(6);
    expect(profiles.filter((p) => p.active_families === p.max_families)).toHaveLength(1);
    expect(profiles.filter((p) => p.conflicts > 0).length).toBeGreaterThanOrEqual(1);

    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/me/matches', headers: volunteer.headers })).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'pending', family: { municipalityName: 'Helmond' } });

    const list = await t.app.inject({ method: 'GET', url: `/api/v1/volunteers?locationId=${org.locationIds.Helmond}`, headers: coordinator.headers });
    expect(list.json().items.length).toBeGreaterThanOrEqual(3);
    const proposal = await t.app.inject({ method: 'GET', url: `/api/v1/matching/proposal?locationId=${org.locationIds.Tilburg}`, headers: (await signInAs(t.db, org, 'admin')).headers });
    expect(proposal.statusCode).toBe(200);
    expect((await verifyAudit(t.db, org.orgId)).ok).toBe(true);
  });
});
