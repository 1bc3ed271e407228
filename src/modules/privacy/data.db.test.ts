import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTools } from '../../../scripts/ensure-tools.mjs';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { toPdf } from '../../platform/export/index.js';
import { clearSignInDirectory } from '../../platform/privacy/account.js';
import { personalDataParts } from '../../personal-data.js';
import { eraseFamily, scopeOfTrajectory } from './scope.js';
import { insertFullDossier, type FullDossier } from './test-fixture.js';

let t: TestApp;
let org: TestOrg;
let lead: SignedIn;
let parent: SignedIn;
let otherParent: SignedIn;
let dossier: FullDossier;
let other: FullDossier;
const MARKER = 'Quibbelaar';
const EMAIL = `quibbelaar.${Date.now()}@example.org`;

const api = (method: string, url: string, s: SignedIn) => t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers } });

/** Every text-like column of every table in the public schema, every row: where does `needle` occur? */
async function scanFor(needle: string): Promise<string[]> {
  const cols = await t.db.query<{ table_name: string; column_name: string }>(
    `select c.table_name, c.column_name from information_schema.columns c join information_schema.tables tb on tb.table_schema = c.table_schema and tb.table_name = c.table_name
      where c.table_schema = 'public' and tb.table_type = 'BASE TABLE'
        and (c.data_type in ('text', 'jsonb', 'json', 'character varying', 'character') or c.udt_name in ('_text', '_varchar', 'bytea'))`,
  );
  const hits: string[] = [];
  for (const c of cols) {
    const expr = c.column_name === 'ciphertext' || c.column_name === 'iv' || c.column_name === 'auth_tag' ? `convert_from("${c.column_name}", 'LATIN1')` : `"${c.column_name}"::text`;
    const [row] = await t.db.query<{ n: number }>(`select count(*)::int as n from "${c.table_name}" where ${expr} ilike $1`, [`%${needle}%`]);
    if (Number(row!.n) > 0) hits.push(`${c.table_name}.${c.column_name}`);
  }
  return hits;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Privacy');
  const helmond = org.locationIds.Helmond!;
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent', { email: EMAIL });
  otherParent = await signInAs(t.db, org, 'parent');
  dossier = await insertFullDossier(t.db, { orgId: org.orgId, locationId: helmond, parentUserId: parent.userId, leadUserId: lead.userId, marker: MARKER, email: EMAIL, contacts: 3, outcome: 'resolved', phase: 'ended', endedAt: new Date() });
  other = await insertFullDossier(t.db, { orgId: org.orgId, locationId: helmond, parentUserId: otherParent.userId, leadUserId: lead.userId, marker: 'Anderfamilie', email: `ander.${Date.now()}@example.org` });
  await t.db.query(`insert into satisfaction_responses (org_id, id, location_id, month, answers) values ($1, gen_random_uuid(), $2, '2026-01-01', '{"q1": 5}'::jsonb)`, [org.orgId, helmond]);
});
afterAll(async () => t?.close());

describe('data export (AVG art. 15/20)', () => {
  it('holds data from every part of the personal-data map, only of the own family, and is audited', async () => {
    const res = await api('GET', '/me/data-export.json', parent);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const data = res.json() as { families: Array<{ reference: string; parts: Record<string, Record<string, unknown[]>> }> };
    expect(data.families).toHaveLength(1);
    const parts = data.families[0]!.parts;
    for (const part of personalDataParts) {
      const rows = Object.values(parts[part.module] ?? {}).flat();
      expect(rows.length, `part ${part.module}`).toBeGreaterThan(0);
    }
    const text = JSON.stringify(data);
    expect(text).toContain(`Contactnotitie 1: ${MARKER}`);
    expect(text).toContain(EMAIL);
    expect(text).not.toContain('Anderfamilie');
    // no secrets or hashes
    expect(text).not.toMatch(/token_hash|ciphertext|password_hash|match_key/);
    const [audit] = await t.db.query<{ n: number }>(
      `select count(*)::int as n from audit_events where org_id = $1 and subject_id = $2 and action = 'export' and resource_type = 'personal_data'`,
      [org.orgId, parent.userId],
    );
    expect(audit!.n).toBeGreaterThanOrEqual(1);
  });

  it('is a readable PDF in which a contact note can be found', async () => {
    const res = await api('GET', '/me/data-export.pdf', parent);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    let tools: { pdftotext: string } | null = null;
    try {
      tools = ensureTools();
    } catch (err) {
      if (process.env.NAAST_REQUIRE_POSTGRES === '1') throw err;
    }
    if (tools) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-data-export-'));
      fs.writeFileSync(path.join(dir, 'e.pdf'), res.rawPayload);
      const text = execFileSync(tools.pdftotext, ['-enc', 'UTF-8', path.join(dir, 'e.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(text).toContain('Uw gegevens in Naast');
      expect(text).toContain('Contacten');
      expect(text).toContain(`${MARKER} belde over het omgangsgesprek`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is a ZIP with the JSON, the PDF and the uploaded documents with their own bytes', async () => {
    const bytes = await toPdf({ title: 'Beschikking', sections: [{ paragraphs: ['Inhoud van de brief'] }] });
    const query = new URLSearchParams({ kind: 'letter_received', title: 'Brief van de GI', fileName: 'brief van de rechter.pdf' });
    // Uploads are refused on an ended dossier: upload while it was still running, then end it again.
    await t.db.query(`update trajectories set phase = 'support' where org_id = $1 and id = $2`, [org.orgId, dossier.trajectoryId]);
    const up = await t.app.inject({ method: 'POST', url: `/api/v1/trajectories/${dossier.trajectoryId}/documents?${query}`, headers: { ...lead.headers, 'content-type': 'application/octet-stream' }, payload: bytes });
    await t.db.query(`update trajectories set phase = 'ended' where org_id = $1 and id = $2`, [org.orgId, dossier.trajectoryId]);
    expect(up.statusCode).toBe(201);
    const before = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and subject_id = $2 and action = 'export' and resource_type = 'personal_data' and resource_id = 'zip'`, [org.orgId, parent.userId]);

    const res = await api('GET', '/me/data-export.zip', parent);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toContain('attachment');
    const files = unzipSync(new Uint8Array(res.rawPayload));
    const names = Object.keys(files);
    expect(names).toContain('gegevens.json');
    expect(names).toContain('gegevens.pdf');
    const data = JSON.parse(strFromU8(files['gegevens.json']!)) as { families: unknown[] };
    expect(data.families).toHaveLength(1);
    expect(JSON.stringify(data)).toContain(`Contactnotitie 1: ${MARKER}`);
    expect(Buffer.from(files['gegevens.pdf']!).subarray(0, 5).toString()).toBe('%PDF-');
    // The fixture's document cannot be opened (fake ciphertext): left out; the uploaded one is there, byte for byte.
    const docs = names.filter((n) => n.startsWith('documenten/'));
    expect(docs).toEqual(['documenten/01-brief-van-de-rechter.pdf']);
    expect(Buffer.from(files[docs[0]!]!).equals(bytes)).toBe(true);
    const after = await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1 and subject_id = $2 and action = 'export' and resource_type = 'personal_data' and resource_id = 'zip'`, [org.orgId, parent.userId]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);

    // Staff (no privacy.own) get nothing; the other family's ZIP holds none of this family's data or files.
    expect((await api('GET', '/me/data-export.zip', lead)).statusCode).toBe(404);
    const theirs = await api('GET', '/me/data-export.zip', otherParent);
    expect(theirs.statusCode).toBe(200);
    const theirFiles = unzipSync(new Uint8Array(theirs.rawPayload));
    expect(strFromU8(theirFiles['gegevens.json']!)).not.toContain(MARKER);
    expect(Object.keys(theirFiles).filter((n) => n.startsWith('documenten/'))).toEqual([]);

    // Remove the upload again: the erasure scan below reads bytea as LATIN1 text, which real ciphertext (NUL bytes) is not.
    const docId = (up.json() as { id: string }).id;
    await t.db.query(`delete from document_contents where org_id = $1 and document_id = $2`, [org.orgId, docId]);
    await t.db.query(`delete from documents where org_id = $1 and id = $2`, [org.orgId, docId]);
  });

  it('is for parents only; staff and the other family get their own or nothing', async () => {
    expect((await api('GET', '/me/data-export.json', lead)).statusCode).toBe(404);
    const res = await api('GET', '/me/data-export.json', otherParent);
    expect(JSON.stringify(res.json())).not.toContain(MARKER);
  });
});

describe('erasure through the personal-data map', () => {
  it('leaves nothing personal in any table, keeps the anonymous answers and the outcome, writes a destruction record', async () => {
    expect((await scanFor(MARKER)).length).toBeGreaterThan(5);
    const result = await t.db.withTenant(org.orgId, async (tx) => {
      const scope = await scopeOfTrajectory(tx, org.orgId, dossier.trajectoryId);
      return eraseFamily(tx, org.orgId, scope!, 'erasure_request');
    });
    await clearSignInDirectory(t.db, org.orgId, parent.userId);
    expect(result).not.toBeNull();
    expect(result!.counts).toMatchObject({ trajectory_contacts: 3, document_contents: 1, consents: 1, application_people: 1, users: 1 });

    expect(await scanFor(MARKER)).toEqual([]);
    expect(await scanFor(EMAIL)).toEqual([]);
    expect(await scanFor(EMAIL.split('@')[0]!)).toEqual([]);
    // The other family is untouched.
    expect((await scanFor('Anderfamilie')).length).toBeGreaterThan(5);
    const [kept] = await t.db.query<{ n: number }>(`select count(*)::int as n from trajectory_contacts where org_id = $1 and trajectory_id = $2`, [org.orgId, other.trajectoryId]);
    expect(kept!.n).toBe(1);

    const [files] = await t.db.query<{ n: number }>(`select count(*)::int as n from document_contents where org_id = $1 and document_id = $2`, [org.orgId, dossier.documentId]);
    expect(files!.n).toBe(0);
    const [traj] = await t.db.query<{ outcome: string; erased_at: Date | null; phase: string; volunteer_minutes: number }>(
      `select outcome, erased_at, phase, volunteer_minutes from trajectories where org_id = $1 and id = $2`,
      [org.orgId, dossier.trajectoryId],
    );
    expect(traj).toMatchObject({ outcome: 'resolved', phase: 'ended' });
    expect(traj!.erased_at).not.toBeNull();
    const [answers] = await t.db.query<{ n: number }>(`select count(*)::int as n from satisfaction_responses where org_id = $1`, [org.orgId]);
    expect(answers!.n).toBe(1);
    const [record] = await t.db.query<{ rule: string; counts: Record<string, number> }>(
      `select rule, counts from destruction_records where org_id = $1 and trajectory_id = $2`,
      [org.orgId, dossier.trajectoryId],
    );
    expect(record!.rule).toBe('erasure_request');
    expect(record!.counts.trajectory_contacts).toBe(3);
    // The account can no longer sign in: sessions gone, deactivated.
    expect((await api('GET', '/me/data-export.json', parent)).statusCode).toBe(401);
  });
});
