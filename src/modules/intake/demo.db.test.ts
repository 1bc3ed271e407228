import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANISATION } from '../../demo.js';
import { createOrganisation } from '../organisations/public.js';
import { createTestApp, signInAs, type TestApp } from '../../../test/helpers/app.js';
import { seedDemoApplications } from './demo.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('demo applications', () => {
  it('eight fictional applications at the stages a coordinator meets', async () => {
    const org = await createOrganisation(t.db, { ...DEMO_ORGANISATION, name: 'Demo intake' });
    const coordinator = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Helmond!] });
    const admin = await signInAs(t.db, org, 'admin');
    await seedDemoApplications(t.db, org.orgId, org.locationIds);
    const rows = await t.db.query<{ status: string; queue: string; possible_duplicate_of: string | null }>(
      `select status, queue, possible_duplicate_of::text from applications where org_id = $1`,
      [org.orgId],
    );
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.status).sort()).toEqual(['contacted', 'matching', 'new', 'new', 'new', 'new', 'new', 'waiting']);
    expect(rows.filter((r) => r.queue === 'helpdesk')).toHaveLength(1);
    expect(rows.filter((r) => r.possible_duplicate_of)).toHaveLength(1);
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/v1/applications', headers: admin.headers })).json().items as Array<{ dueState: string; priority: number }>;
    expect(inbox.map((i) => i.dueState)).toEqual(expect.arrayContaining(['overdue', 'due_today', 'upcoming']));
    const waiting = (await t.app.inject({ method: 'GET', url: '/api/v1/applications?state=all', headers: coordinator.headers })).json().items as Array<{ status: string; priority: number }>;
    expect(waiting.find((i) => i.status === 'waiting')?.priority).toBe(1);
    const [audit] = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and reason = 'demo data'`, [org.orgId]);
    expect(audit!.n).toBe(8);
  });
});
