import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { toPdf } from '../../platform/export/index.js';
import { DOCUMENT_MAX_BYTES } from '../../shared/documents.js';

let t: TestApp;
let org: TestOrg;
let lead: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let trajA: string;
let appA: string;
let trajB: string;
let trajEnded: string;
let pdf: Buffer;

const api = (method: string, url: string, s: SignedIn, payload?: unknown, headers: Record<string, string> = {}) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers, ...headers }, payload: payload as never });
const upload = (trajectoryId: string, s: SignedIn, bytes: Buffer, q: Record<string, string> = {}) => {
  const query = new URLSearchParams({ kind: 'letter_received', title: 'Brief van de GI', fileName: 'brief.pdf', ...q });
  return api('POST', `/trajectories/${trajectoryId}/documents?${query}`, s, bytes, { 'content-type': 'application/octet-stream' });
};
const count = async (table: string, where = 'true', params: unknown[] = []) =>
  (await t.db.query<{ n: number }>(`select count(*)::int as n from ${table} where org_id = $1 and ${where}`, [org.orgId, ...params]))[0]!.n;
const events = (resourceType: string, resourceId: string) =>
  t.db.query<{ action: string; subject_id: string | null }>(
    `select action, subject_id::text from audit_events where org_id = $1 and resource_type = $2 and resource_id = $3 order by occurred_at, seq`,
    [org.orgId, resourceType, resourceId],
  );

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Brief');
  const helmond = org.locationIds.Helmond!;
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  const a = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support', parentUserId: parent.userId, measures: ['ots'] });
  trajA = a.id;
  appA = a.applicationId;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support' })).id;
  trajEnded = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'ended' })).id;
  pdf = await toPdf({ title: 'Beschikking over Noëlle', sections: [{ paragraphs: ['Geheime inhoud van de brief'] }] });
});
afterAll(async () => t?.close());

describe('documents', () => {
  it('uploads, lists, downloads and deletes a PDF; the content is encrypted and every step audited', async () => {
    // The name says .png: the bytes decide.
    const res = await upload(trajA, lead, pdf, { fileName: 'scan van brief.png', receivedOn: '2026-11-30' });
    expect(res.statusCode).toBe(201);
    const doc = res.json();
    expect(doc).toMatchObject({ kind: 'letter_received', mimeType: 'application/pdf', sizeBytes: pdf.length, receivedOn: '2026-11-30', uploadedBy: lead.userId });

    const [content] = await t.db.query<{ key_id: string; ciphertext: Buffer; iv: Buffer }>('select key_id, ciphertext, iv from document_contents where org_id = $1 and document_id = $2', [org.orgId, doc.id]);
    expect(content!.iv).toHaveLength(12);
    expect(content!.key_id).toBe('derived-1');
    expect(Buffer.from(content!.ciphertext).includes(pdf.subarray(0, 64))).toBe(false);
    expect(Buffer.from(content!.ciphertext).includes(Buffer.from('%PDF-'))).toBe(false);

    const list = await api('GET', `/trajectories/${trajA}/documents`, lead);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([doc.id]);

    const dl = await api('GET', `/trajectories/${trajA}/documents/${doc.id}/download`, lead);
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe('attachment; filename="scan-van-brief.png.pdf"');
    expect(Buffer.compare(dl.rawPayload, pdf)).toBe(0);

    expect(await events('document', doc.id)).toEqual([
      { action: 'create', subject_id: parent.userId },
      { action: 'export', subject_id: parent.userId },
    ]);

    // Another family's volunteer: as if it did not exist.
    expect((await api('GET', `/trajectories/${trajA}/documents/${doc.id}/download`, otherLead)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajB}/documents/${doc.id}/download`, otherLead)).statusCode).toBe(404);
    expect((await api('DELETE', `/trajectories/${trajA}/documents/${doc.id}`, otherLead)).statusCode).toBe(404);

    const del = await api('DELETE', `/trajectories/${trajA}/documents/${doc.id}`, lead);
    expect(del.statusCode).toBe(204);
    expect(await count('document_contents', 'document_id = $2', [doc.id])).toBe(0);
    expect(await count('documents', 'id = $2 and deleted_at is not null', [doc.id])).toBe(1);
    expect((await api('GET', `/trajectories/${trajA}/documents`, lead)).json().items).toEqual([]);
    expect((await api('GET', `/trajectories/${trajA}/documents/${doc.id}/download`, lead)).statusCode).toBe(404);
  });

  it('accepts PNG, JPEG and DOCX by their bytes', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(20)]);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(20)]);
    const docx = Buffer.from(zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'word/document.xml': strToU8('<w:document/>') }));
    for (const [bytes, mime] of [
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
      [docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ] as const) {
      const res = await upload(trajA, lead, bytes, { fileName: 'bestand.pdf', kind: 'other' });
      expect(res.statusCode, mime).toBe(201);
      expect(res.json().mimeType).toBe(mime);
    }
  });

  it('refuses an executable named .pdf (415), an unknown type (415), an empty file (400), storing nothing', async () => {
    const before = await count('documents');
    const contentsBefore = await count('document_contents');
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const res = await upload(trajA, lead, exe, { fileName: 'rapport.pdf' });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ type: 'urn:naast:problem:document_executable', title: 'Dit bestand is een programma' });
    const elf = await upload(trajA, lead, Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46]), Buffer.alloc(50)]), {}).then((r) => r.statusCode);
    expect(elf).toBe(415);
    const html = await upload(trajA, lead, Buffer.from('<html><script>alert(1)</script></html>'), { fileName: 'brief.pdf' });
    expect(html.statusCode).toBe(415);
    expect(html.json().type).toBe('urn:naast:problem:document_type');
    const zipNotWord = Buffer.from(zipSync({ 'a.txt': strToU8('x') }));
    expect((await upload(trajA, lead, zipNotWord, { fileName: 'brief.docx' })).statusCode).toBe(415);
    expect((await upload(trajA, lead, Buffer.alloc(0))).statusCode).toBe(400);
    // JSON is not an upload.
    const json = await api('POST', `/trajectories/${trajA}/documents?kind=other&title=x&fileName=x.pdf`, lead, { a: 1 });
    expect(json.statusCode).toBe(415);
    expect(await count('documents')).toBe(before);
    expect(await count('document_contents')).toBe(contentsBefore);
  });

  it('refuses an upload over the limit with 413 before storing anything (by Content-Length and by the bytes)', async () => {
    const before = await count('documents');
    // Declared 200 MB: refused from the header alone.
    const declared = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trajectories/${trajA}/documents?kind=other&title=Groot&fileName=groot.pdf`,
      headers: { ...lead.headers, 'content-type': 'application/octet-stream', 'content-length': String(200 * 1024 * 1024) },
      payload: Buffer.from('%PDF-1.4'),
    });
    expect(declared.statusCode).toBe(413);
    expect(declared.json()).toMatchObject({ type: 'urn:naast:problem:document_too_large', title: 'Het bestand is te groot' });
    // Really one byte too many.
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(DOCUMENT_MAX_BYTES)]);
    const real = await upload(trajA, lead, big);
    expect(real.statusCode).toBe(413);
    // Sent in pieces without a length (chunked): the parser stops at the limit.
    const chunked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/trajectories/${trajA}/documents?kind=other&title=Groot&fileName=groot.pdf`,
      headers: { ...lead.headers, 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' },
      payload: Readable.from([big.subarray(0, 1024), big.subarray(1024)]),
    });
    expect(chunked.statusCode).toBe(413);
    expect(await count('documents')).toBe(before);
  });

  it('refuses changes on an ended trajectory (409) but still lists', async () => {
    expect((await upload(trajEnded, lead, pdf)).statusCode).toBe(409);
    expect((await api('GET', `/trajectories/${trajEnded}/documents`, lead)).statusCode).toBe(200);
    expect((await api('POST', `/trajectories/${trajEnded}/letters`, lead, { template: 'objection' })).statusCode).toBe(409);
  });

  it('a parent cannot reach the documents of the dossier', async () => {
    expect((await api('GET', `/trajectories/${trajA}/documents`, parent)).statusCode).toBe(404);
  });
});

describe('letters', () => {
  it('lists the five templates with their fields and explanation', async () => {
    const res = await api('GET', '/letter-templates', lead);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ id: string; explanation: { nl: string; en: string }; fields: Array<{ name: string; required: boolean }> }>;
    expect(items.map((i) => i.id)).toEqual(['defence_statement', 'court_request', 'objection', 'complaint', 'plan_reaction']);
    for (const i of items) expect(i.explanation.nl.length).toBeGreaterThan(40);
  });

  it('a template whose facts are missing in the dossier: 400 listing them in words, nothing stored', async () => {
    const before = await count('letters');
    const res = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'complaint' }, { 'accept-language': 'nl' });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.type).toBe('urn:naast:problem:letter_fields_missing');
    const fields = body.errors.map((e: { field: string }) => e.field).sort();
    // No parent name in the application, no youth protection worker on the family map yet.
    expect(fields).toEqual(['dossier.parentName', 'dossier.youthProtectionOrganisation', 'dossier.youthProtectionWorker']);
    expect(body.errors.map((e: { message: string }) => e.message)).toContain('de naam van de jeugdbeschermer (gezinskaart)');
    const en = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'complaint' }, { 'accept-language': 'en' });
    expect(en.json().errors.map((e: { message: string }) => e.message)).toContain("the youth protection worker's name (family map)");
    expect(await count('letters')).toBe(before);
    expect(await count('letter_versions')).toBe(0);
  });

  it('fills a template from the dossier, saves versions, refuses stale saves, finalises and exports DOCX and PDF', async () => {
    await t.db.query(
      `insert into application_people (org_id, application_id, id, position, relation, first_name, last_name) values ($1, $2, $3, 0, 'parent', 'Anneloes', 'de Vrièze')`,
      [org.orgId, appA, uuidv7()],
    );
    const fm = await api('POST', `/trajectories/${trajA}/family-map`, lead, { role: 'youth_protection_worker', name: 'Mevr. J. Bakker', organisation: 'Jeugdbescherming Brabant' });
    expect(fm.statusCode).toBe(201);

    const created = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'complaint' });
    expect(created.statusCode).toBe(201);
    const letter = created.json();
    expect(letter).toMatchObject({ template: 'complaint', status: 'draft', currentVersion: 1, title: 'Klacht aan de instelling' });
    expect(letter.body).toContain('Mijn naam is Anneloes de Vrièze.');
    expect(letter.body).toContain('Aan de klachtenfunctionaris van Jeugdbescherming Brabant');
    expect(letter.body).toContain('klacht over de werkwijze van Mevr. J. Bakker');
    expect(letter.body).toContain('Kind (geboren in 2015)');
    expect(letter.body).toContain('[wat er gebeurde]');
    expect(letter.body).not.toContain('{{');

    const url = `/trajectories/${trajA}/letters/${letter.id}`;
    const body2 = `${letter.body}\n\nIk vraag een gesprek over de café-afspraak van 3 maart.`;
    const saved = await api('PUT', url, lead, { body: body2, baseVersion: 1 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ currentVersion: 2, body: body2 });
    // A save on an old version (a colleague saved meanwhile): refused, nothing stored.
    const stale = await api('PUT', url, lead, { body: 'oud', baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toBe('urn:naast:problem:letter_version_conflict');
    const versions = await api('GET', `${url}/versions`, lead);
    expect(versions.json().items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await api('GET', url, lead)).json().body).toBe(body2);
    expect((await api('GET', `/trajectories/${trajA}/letters`, lead)).json().items).toHaveLength(1);

    // Another family's volunteer: 404.
    expect((await api('GET', url, otherLead)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajB}/letters/${letter.id}`, otherLead)).statusCode).toBe(404);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-letter-'));
    const docx = await api('GET', `${url}/export?format=docx`, lead);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(docx.headers['content-disposition']).toBe('attachment; filename="Klacht-aan-de-instelling.docx"');
    fs.writeFileSync(path.join(dir, 'l.docx'), docx.rawPayload);
    const pdfRes = await api('GET', `${url}/export?format=pdf`, lead);
    expect(pdfRes.statusCode).toBe(200);
    expect(pdfRes.headers['content-type']).toBe('application/pdf');
    fs.writeFileSync(path.join(dir, 'l.pdf'), pdfRes.rawPayload);
    try {
      const fromDocx = execFileSync('pandoc', ['-f', 'docx', '-t', 'plain', '--wrap=none', path.join(dir, 'l.docx')], { encoding: 'utf8' });
      expect(fromDocx).toContain('Mijn naam is Anneloes de Vrièze.');
      expect(fromDocx).toContain('café-afspraak');
      const fromPdf = execFileSync('pdftotext', ['-enc', 'UTF-8', path.join(dir, 'l.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(fromPdf).toContain('Mijn naam is Anneloes de Vrièze.');
    } catch (err) {
      // The readers are checked in src/platform/export; here only when present (ensure-tools installs them in CI).
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    expect((await api('GET', `${url}/export?format=odt`, lead)).statusCode).toBe(400);

    const final = await api('POST', `${url}/finalise`, lead);
    expect(final.statusCode).toBe(200);
    expect(final.json().status).toBe('final');
    expect((await api('PUT', url, lead, { body: 'later', baseVersion: 2 })).statusCode).toBe(409);

    const actions = (await events('letter', letter.id)).map((e) => e.action);
    expect(actions).toEqual(['create', 'update', 'read', 'read', 'export', 'export', 'update']);
    expect((await events('letter', letter.id)).every((e) => e.subject_id === parent.userId)).toBe(true);
  });

  it('court letters name the court decision and the measures of the legal module; a verweerschrift without a decision: 400, nothing stored', async () => {
    // Parent name and youth protection worker are in the dossier since the test above; no decision yet.
    const before = { letters: await count('letters'), versions: await count('letter_versions') };
    const res = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'defence_statement' }, { 'accept-language': 'nl' });
    expect(res.statusCode).toBe(400);
    expect(res.json().type).toBe('urn:naast:problem:letter_fields_missing');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['dossier.courtDecision']);
    expect(res.json().errors[0].message).toContain('beschikking');
    const en = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'defence_statement' }, { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toContain('court decision');
    expect({ letters: await count('letters'), versions: await count('letter_versions') }).toEqual(before);
    // Without a decision the other two fill what they can and leave the decision to the parent.
    const request0 = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'court_request' });
    expect(request0.statusCode).toBe(201);
    expect(request0.json().body).toContain('Mijn verzoek gaat over [de beschikking of aanwijzing waar het om gaat, met datum].');

    const measure = await api('POST', `/trajectories/${trajA}/measures`, lead, { childName: 'Sam', measure: 'ots', startsOn: '2025-01-06', endsOn: '2035-01-08' });
    expect(measure.statusCode).toBe(201);
    const measureId = measure.json().id as string;
    const decide = (body: Record<string, unknown>) => api('POST', `/trajectories/${trajA}/decisions`, lead, body);
    expect((await decide({ kind: 'court_decision', decidedOn: '2026-11-03', measureId, summary: 'OTS verlengd met een jaar' })).statusCode).toBe(201);
    expect((await decide({ kind: 'written_instruction', decidedOn: '2026-11-25', summary: 'Omgang onder begeleiding' })).statusCode).toBe(201);
    expect((await decide({ kind: 'letter_received', decidedOn: '2026-11-20', municipalDecision: true, summary: 'geen vergoeding voor de gezinscoach' })).statusCode).toBe(201);
    // A received letter that is not a municipal decision is no objection's subject.
    expect((await decide({ kind: 'letter_received', decidedOn: '2026-11-28', summary: 'uitnodiging gesprek' })).statusCode).toBe(201);

    const defence = await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'defence_statement' });
    expect(defence.statusCode).toBe(201);
    const d = defence.json().body as string;
    expect(d).toContain('Het gaat om de beschikking van de rechter van 3 november 2026 (OTS verlengd met een jaar), over een ondertoezichtstelling (OTS) voor Sam.');
    expect(d).toContain('Voor Sam geldt een ondertoezichtstelling (OTS) sinds 6 januari 2025, tot 8 januari 2035.');
    expect(d).not.toContain('{{');

    const request = (await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'court_request' })).json().body as string;
    // The newest fitting decision: the written instruction, not the letter of the 28th.
    expect(request).toContain('Mijn verzoek gaat over de schriftelijke aanwijzing van 25 november 2026 (Omgang onder begeleiding).');

    const objection = (await api('POST', `/trajectories/${trajA}/letters`, lead, { template: 'objection' })).json().body as string;
    expect(objection).toContain('Betreft: bezwaar tegen uw besluit van 20 november 2026 (geen vergoeding voor de gezinscoach), kenmerk [kenmerk]');
    expect(objection).toContain('Ik maak bezwaar tegen uw besluit van 20 november 2026');
    expect(objection).not.toContain('uitnodiging gesprek');
  });
});
