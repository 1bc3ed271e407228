import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { eraseExpiredDossiers } from './retention.js';
import { insertFullDossier, type FullDossier } from './test-fixture.js';

let t: TestApp;
let org: TestOrg;
let admin: SignedIn;
let coord: SignedIn;
let lead: SignedIn;
let expired: FullDossier;
let heldDossier: FullDossier;
let recent: FullDossier;
const monthsAgo = (n: number) => new Date(Date.now() - n * 31 * 86_400_000);
const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers }, payload: payload as never });

/** Every text-like column (text, varchar, json, arrays, decoded bytea) of every table, every row. */
async function scanFor(needle: string): Promise<string[]> {
  const cols = await t.db.query<{ table_name: string; column_name: string; udt_name: string }>(
    `select c.table_name, c.column_name, c.udt_name from information_schema.columns c
       join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'jsonb', 'json', 'character varying', 'character') or c.udt_name in ('_text', '_varchar', 'bytea'))`,
  );
  const hits: string[] = [];
  for (const c of cols) {
    const expr = c.udt_name === 'bytea' ? `convert_from("${c.column_name}", 'LATIN1')` : `"${c.column_name}"::text`;
    const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from "${c.table_name}" where ${expr} ilike $1`, [`%${needle}%`]);
    if (Number(row!.n) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Bewaren');
  const helmond = org.locationIds.Helmond!;
  admin = await signInAs(t.db, org, 'admin');
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  const parent = await signInAs(t.db, org, 'parent', { email: `verlopen.${Date.now()}@example.org` });
  const base = { orgId: org.orgId, locationId: helmond, leadUserId: lead.userId, phase: 'ended', outcome: 'resolved' };
  expired = await insertFullDossier(t.db, { ...base, parentUserId: parent.userId, marker: 'Verlopenfamilie', email: `verlopen.${Date.now()}@example.org`, endedAt: monthsAgo(13) });
  heldDossier = await insertFullDossier(t.db, { ...base, parentUserId: null, marker: 'Bewaarfamilie', email: `bewaar.${Date.now()}@example.org`, endedAt: monthsAgo(13) });
  recent = await insertFullDossier(t.db, { ...base, parentUserId: null, marker: 'Recentfamilie', email: `recent.${Date.now()}@example.org`, endedAt: monthsAgo(2) });
  await t.db.query(`insert into satisfaction_responses (org_id, id, location_id, month, answers) values ($1, gen_random_uuid(), $2, '2025-09-01', '{"q1": 4}'::jsonb)`, [org.orgId, helmond]);
});
afterAll(async () => t?.close());

describe('retention period (organisation setting)', () => {
  it('defaults to 24 months, is set by the admin within limits', async () => {
    expect((await api('GET', '/organisation', admin)).json()).toMatchObject({ retentionMonths: 24 });
    for (const bad of [0, 121, 6.5, '12']) expect((await api('PATCH', '/organisation', admin, { retentionMonths: bad })).statusCode).toBe(400);
    const res = await api('PATCH', '/organisation', admin, { retentionMonths: 12 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ retentionMonths: 12, aftercareMonths: 12 });
  });
});

describe('legal holds', () => {
  it('an admin sets one with a reason and lifts it with a reason; others cannot', async () => {
    expect((await api('POST', `/trajectories/${heldDossier.trajectoryId}/legal-holds`, coord, { reason: 'Klacht' })).statusCode).toBe(404);
    expect((await api('POST', `/trajectories/${heldDossier.trajectoryId}/legal-holds`, admin, { reason: '' })).statusCode).toBe(400);
    const first = await api('POST', `/trajectories/${heldDossier.trajectoryId}/legal-holds`, admin, { reason: 'Klacht bij de klachtencommissie loopt' });
    expect(first.statusCode).toBe(201);
    const lift = `/trajectories/${heldDossier.trajectoryId}/legal-holds/${first.json().id}`;
    expect((await api('DELETE', lift, admin, {})).statusCode).toBe(400);
    const lifted = await api('DELETE', lift, admin, { reason: 'Klacht afgehandeld' });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ liftReason: 'Klacht afgehandeld' });
    expect((await api('DELETE', lift, admin, { reason: 'nog eens' })).statusCode).toBe(409);
    const second = await api('POST', `/trajectories/${heldDossier.trajectoryId}/legal-holds`, admin, { reason: 'Rechtszaak over de omgang' });
    expect(second.statusCode).toBe(201);
    const list = (await api('GET', `/trajectories/${heldDossier.trajectoryId}/legal-holds`, admin)).json() as { items: Array<{ liftedAt: string | null }> };
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.liftedAt).toBeNull();
  });
});

describe('the daily retention job', () => {
  it('erases an expired dossier completely, skips one under a legal hold and a recent one; running again does nothing', async () => {
    const overview = (await api('GET', '/retention', admin)).json() as { dueSoon: Array<{ trajectoryId: string; held: boolean }> };
    expect(overview.dueSoon.find((d) => d.trajectoryId === expired.trajectoryId)?.held).toBe(false);
    expect(overview.dueSoon.find((d) => d.trajectoryId === heldDossier.trajectoryId)?.held).toBe(true);
    expect(overview.dueSoon.some((d) => d.trajectoryId === recent.trajectoryId)).toBe(false);

    expect((await scanFor('Verlopenfamilie')).length).toBeGreaterThan(5);
    const year = new Date(Date.now() - 13 * 31 * 86_400_000).getUTCFullYear();
    const before = await api('GET', `/results?year=${year}`, admin);
    expect(before.statusCode).toBe(200);
    expect(before.json().outcomes.total.closed).toBeGreaterThanOrEqual(1);
    const first = await eraseExpiredDossiers(t.db, new Date());
    expect(first).toMatchObject({ erased: 1, held: 1 });
    expect(await scanFor('Verlopenfamilie')).toEqual([]);
    expect(await scanFor('verlopen.')).toEqual([]);
    expect((await scanFor('Bewaarfamilie')).length).toBeGreaterThan(5);
    expect((await scanFor('Recentfamilie')).length).toBeGreaterThan(5);
    const [files] = await t.db.query<{ n: number }>(`select count(*)::int as n from document_contents where org_id = $1 and document_id = $2`, [org.orgId, expired.documentId]);
    expect(files!.n).toBe(0);
    // Outcomes and anonymous answers remain for the reports.
    const [traj] = await t.db.query<{ outcome: string; erased: boolean }>(`select outcome, erased_at is not null as erased from trajectories where org_id = $1 and id = $2`, [org.orgId, expired.trajectoryId]);
    expect(traj).toMatchObject({ outcome: 'resolved', erased: true });
    const [answers] = await t.db.query<{ n: number }>(`select count(*)::int as n from satisfaction_responses where org_id = $1`, [org.orgId]);
    expect(answers!.n).toBe(1);
    // The success rate still counts the erased dossier.
    const results = await api('GET', `/results?year=${year}`, admin);
    expect(results.json().outcomes.total).toEqual(before.json().outcomes.total);

    const [record] = await t.db.query<{ rule: string; counts: Record<string, number> }>(`select rule, counts from destruction_records where org_id = $1 and trajectory_id = $2`, [org.orgId, expired.trajectoryId]);
    expect(record).toMatchObject({ rule: 'retention' });
    expect(record!.counts.trajectory_contacts).toBe(1);
    expect(JSON.stringify(record)).not.toMatch(/Verlopenfamilie|@/);

    expect(await eraseExpiredDossiers(t.db, new Date())).toMatchObject({ erased: 0, held: 1 });
    const after = (await api('GET', '/retention', admin)).json() as { destructions: Array<{ trajectoryId: string }>; holds: unknown[] };
    expect(after.destructions.map((d) => d.trajectoryId)).toContain(expired.trajectoryId);
    expect(after.holds).toHaveLength(1);
    // A hold on an erased dossier makes no sense.
    expect((await api('POST', `/trajectories/${expired.trajectoryId}/legal-holds`, admin, { reason: 'Te laat' })).statusCode).toBe(409);
  });
});
