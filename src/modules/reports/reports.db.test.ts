import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTools } from '../../../scripts/ensure-tools.mjs';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { readMails } from '../../../test/helpers/users-mail.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let lead: SignedIn;
let otherLead: SignedIn;
let parent: SignedIn;
let otherParent: SignedIn;
let trajA: string;
let trajB: string;
let trajNoAccount: string;
let parentEmail: string;

const api = (method: string, url: string, s: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...s.headers }, payload: payload as never });
const events = (resourceId: string) =>
  t.db.query<{ action: string; actor_user_id: string; subject_id: string | null }>(
    `select action, actor_user_id::text, subject_id::text from audit_events where org_id = $1 and resource_type = 'meeting_report' and resource_id = $2 order by occurred_at, seq`,
    [org.orgId, resourceId],
  );
const heldMeeting = async (trajectoryId: string, s: SignedIn, title = 'Gesprek met de jeugdbeschermer') => {
  const res = await api('POST', `/trajectories/${trajectoryId}/meetings`, s, { title, scheduledAt: new Date(Date.now() - 2 * 86_400_000).toISOString(), status: 'held' });
  expect(res.statusCode).toBe(201);
  return (res.json() as { id: string }).id;
};
const newReport = async (trajectoryId: string, s: SignedIn, body = 'De jeugdbeschermer belt maandag de school.') => {
  const meetingId = await heldMeeting(trajectoryId, s);
  const res = await api('POST', `/trajectories/${trajectoryId}/reports`, s, { meetingId, body });
  expect(res.statusCode).toBe(201);
  return { meetingId, report: res.json() as { id: string; status: string; currentVersion: number } };
};

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Verslag');
  const helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  otherLead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parentEmail = `ouder.${Date.now()}@example.org`;
  parent = await signInAs(t.db, org, 'parent', { email: parentEmail });
  otherParent = await signInAs(t.db, org, 'parent');
  trajA = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support', parentUserId: parent.userId })).id;
  trajB = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: otherLead.userId, phase: 'support', parentUserId: otherParent.userId })).id;
  trajNoAccount = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support' })).id;
});
afterAll(async () => t?.close());

describe('writing a report (the volunteer)', () => {
  it('keeps every version, shows the differences, and lists held meetings without a report', async () => {
    const meetingId = await heldMeeting(trajA, lead, 'Gesprek op school');
    const before = await api('GET', `/trajectories/${trajA}/reports`, lead);
    expect(before.statusCode).toBe(200);
    expect(before.json().unreported.map((m: { meetingId: string }) => m.meetingId)).toContain(meetingId);

    const created = await api('POST', `/trajectories/${trajA}/reports`, lead, { meetingId, body: 'De mentor belt maandag.' });
    expect(created.statusCode).toBe(201);
    const r = created.json();
    expect(r).toMatchObject({ status: 'draft', currentVersion: 1, meetingTitle: 'Gesprek op school', body: 'De mentor belt maandag.', parentResponse: null });
    expect(r.versions).toHaveLength(1);

    const v2 = await api('PUT', `/trajectories/${trajA}/reports/${r.id}`, lead, { body: 'De mentor belt dinsdag.', note: 'Dag verbeterd' });
    expect(v2.statusCode).toBe(200);
    expect(v2.json()).toMatchObject({ currentVersion: 2, body: 'De mentor belt dinsdag.' });
    expect(v2.json().versions.map((v: { version: number; note: string | null }) => [v.version, v.note])).toEqual([[2, 'Dag verbeterd'], [1, null]]);

    const old = await api('GET', `/trajectories/${trajA}/reports/${r.id}/versions/1`, coord);
    expect(old.statusCode).toBe(200);
    expect(old.json()).toMatchObject({ version: 1, body: 'De mentor belt maandag.' });
    expect((await api('GET', `/trajectories/${trajA}/reports/${r.id}/versions/9`, lead)).statusCode).toBe(404);

    const diff = await api('GET', `/trajectories/${trajA}/reports/${r.id}/diff?from=1&to=2`, lead);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().parts).toEqual([
      { kind: 'same', text: 'De mentor belt ' },
      { kind: 'removed', text: 'maandag.' },
      { kind: 'added', text: 'dinsdag.' },
    ]);

    const list = await api('GET', `/trajectories/${trajA}/reports`, lead);
    expect(list.json().items.find((i: { id: string }) => i.id === r.id)).toMatchObject({ meetingTitle: 'Gesprek op school', status: 'draft', currentVersion: 2 });
    expect(list.json().unreported.map((m: { meetingId: string }) => m.meetingId)).not.toContain(meetingId);

    const audit = await events(r.id);
    expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'read', 'read']);
    expect(audit.every((e) => e.subject_id === parent.userId)).toBe(true);
  });

  it('one report per meeting; a meeting of another trajectory is a field error; bad input changes nothing', async () => {
    const { meetingId } = await newReport(trajA, lead);
    const again = await api('POST', `/trajectories/${trajA}/reports`, lead, { meetingId, body: 'Nog een keer' });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('urn:naast:problem:report_exists');

    const foreign = await heldMeeting(trajB, otherLead);
    const wrong = await api('POST', `/trajectories/${trajA}/reports`, lead, { meetingId: foreign, body: 'Tekst' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('body.meetingId');

    const empty = await api('POST', `/trajectories/${trajA}/reports`, lead, { meetingId: await heldMeeting(trajA, lead), body: '   ' });
    expect(empty.statusCode).toBe(400);
    const n = await t.db.query<{ n: number }>(`select count(*)::int as n from meeting_reports where meeting_id = $1`, [foreign]);
    expect(n[0]!.n).toBe(0);
  });

  it('another volunteer sees nothing (404), a colleague of the location can read', async () => {
    const { report } = await newReport(trajA, lead);
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}`, otherLead)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajA}/reports`, otherLead)).statusCode).toBe(404);
    expect((await api('PUT', `/trajectories/${trajA}/reports/${report.id}`, otherLead, { body: 'x' })).statusCode).toBe(404);
    // A report id under another trajectory is 404 too.
    expect((await api('GET', `/trajectories/${trajB}/reports/${report.id}`, otherLead)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}`, coord)).statusCode).toBe(200);
  });

  it('a coordinator of another location opens a report only with a reason, kept in the audit; an ended trajectory is read-only', async () => {
    const { report } = await newReport(trajA, lead);
    const tilburg = await signInAs(t.db, org, 'coordinator', { locationIds: [org.locationIds.Tilburg!] });
    const asked = await api('GET', `/trajectories/${trajA}/reports/${report.id}`, tilburg);
    expect(asked.statusCode).toBe(403);
    expect(asked.json().type).toBe('urn:naast:problem:reason_required');
    const reason = encodeURIComponent('Vervanging van de coördinator tijdens verlof');
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}?reason=${reason}`, tilburg)).statusCode).toBe(200);
    const [withReason] = await t.db.query<{ reason: string | null }>(
      `select reason from audit_events where org_id = $1 and resource_type = 'meeting_report' and resource_id = $2 and actor_user_id = $3`,
      [org.orgId, report.id, tilburg.userId],
    );
    expect(withReason!.reason).toBe('Vervanging van de coördinator tijdens verlof');

    const ended = (await insertTrajectory(t.db, org.orgId, { locationId: org.locationIds.Helmond!, leadVolunteerId: lead.userId, phase: 'support', parentUserId: parent.userId })).id;
    const { report: old } = await newReport(ended, lead);
    await t.db.query(`update trajectories set phase = 'ended' where id = $1`, [ended]);
    const refused = await api('PUT', `/trajectories/${ended}/reports/${old.id}`, lead, { body: 'Later nog iets' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:naast:problem:trajectory_ended');
    expect((await api('GET', `/trajectories/${ended}/reports/${old.id}`, lead)).statusCode).toBe(200);
  });

  it('sending needs a parent account; the mail holds only a link, no content', async () => {
    const { report: lonely } = await newReport(trajNoAccount, lead);
    const refused = await api('POST', `/trajectories/${trajNoAccount}/reports/${lonely.id}/send-to-parent`, lead);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:naast:problem:report_parent_no_account');
    expect(refused.json().detail).toMatch(/account/);

    const { report } = await newReport(trajA, lead, 'Geheime inhoud: de jeugdbeschermer twijfelt over de omgang met Noah.');
    const sent = await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead);
    expect(sent.statusCode).toBe(200);
    expect(sent.json().status).toBe('with_parent');
    const mails = (await readMails(t.config.dataDir)).filter((m) => m.to.includes(parentEmail));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Er staat iets nieuws voor u klaar in Naast');
    expect(mails[0]!.text).toContain(`/mijn-verslagen/${report.id}`);
    expect(mails[0]!.text).not.toMatch(/Geheime|Noah|jeugdbeschermer|omgang/i);

    // While the parent reads it, it does not change and is not sent twice.
    expect((await api('PUT', `/trajectories/${trajA}/reports/${report.id}`, lead, { body: 'Anders' })).json().type).toBe('urn:naast:problem:report_with_parent');
    expect((await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead)).statusCode).toBe(409);
  });
});

describe('the parent reviews', () => {
  it('sees only their own reports that were sent; another parent and drafts read as 404', async () => {
    const { report: draft } = await newReport(trajA, lead);
    const { report } = await newReport(trajA, lead);
    await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead);
    const { report: foreign } = await newReport(trajB, otherLead);
    await api('POST', `/trajectories/${trajB}/reports/${foreign.id}/send-to-parent`, otherLead);

    const mine = await api('GET', '/me/reports', parent);
    expect(mine.statusCode).toBe(200);
    const ids = mine.json().items.map((i: { id: string }) => i.id);
    expect(ids).toContain(report.id);
    expect(ids).not.toContain(draft.id);
    expect(ids).not.toContain(foreign.id);
    expect((await api('GET', `/me/reports/${draft.id}`, parent)).statusCode).toBe(404);
    expect((await api('GET', `/me/reports/${foreign.id}`, parent)).statusCode).toBe(404);
    expect((await api('GET', `/me/reports/${report.id}`, otherParent)).statusCode).toBe(404);
    expect((await api('POST', `/me/reports/${report.id}/respond`, otherParent, { response: 'agreed' })).statusCode).toBe(404);
    // Staff have no parent routes, the parent no staff routes.
    expect((await api('GET', '/me/reports', lead)).statusCode).toBe(404);
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}`, parent)).statusCode).toBe(404);
    const read = await api('GET', `/me/reports/${report.id}`, parent);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ status: 'with_parent', body: 'De jeugdbeschermer belt maandag de school.', changesSinceSeen: null });
  });

  it('a comment sends it back to the volunteer; the new version shows what changed; agreeing makes it final and read-only', async () => {
    const { report } = await newReport(trajA, lead, 'De jeugdbeschermer belt maandag de school.');
    await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead);

    const noComment = await api('POST', `/me/reports/${report.id}/respond`, parent, { response: 'commented' });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().errors[0].field).toBe('body.comment');
    expect((await api('POST', `/me/reports/${report.id}/respond`, parent, { response: 'commented', comment: 'x'.repeat(4001) })).statusCode).toBe(400);

    const commented = await api('POST', `/me/reports/${report.id}/respond`, parent, { response: 'commented', comment: 'Het was dinsdag, niet maandag.' });
    expect(commented.statusCode).toBe(200);
    expect(commented.json()).toMatchObject({ status: 'draft', parentResponse: 'commented' });
    const staffView = await api('GET', `/trajectories/${trajA}/reports/${report.id}`, lead);
    expect(staffView.json()).toMatchObject({ status: 'draft', parentResponse: 'commented', parentComment: 'Het was dinsdag, niet maandag.' });
    expect((await api('GET', `/me/reports/${report.id}`, parent)).statusCode).toBe(404);

    expect((await api('PUT', `/trajectories/${trajA}/reports/${report.id}`, lead, { body: 'De jeugdbeschermer belt dinsdag de school.', note: 'Na opmerking van de ouder' })).statusCode).toBe(200);
    expect((await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead)).statusCode).toBe(200);
    const again = await api('GET', `/me/reports/${report.id}`, parent);
    expect(again.json()).toMatchObject({ currentVersion: 2, body: 'De jeugdbeschermer belt dinsdag de school.' });
    expect(again.json().changesSinceSeen).toEqual({
      from: 1,
      parts: [
        { kind: 'same', text: 'De jeugdbeschermer belt ' },
        { kind: 'removed', text: 'maandag ' },
        { kind: 'added', text: 'dinsdag ' },
        { kind: 'same', text: 'de school.' },
      ],
    });

    const agreed = await api('POST', `/me/reports/${report.id}/respond`, parent, { response: 'agreed' });
    expect(agreed.json()).toMatchObject({ status: 'final', parentResponse: 'agreed' });
    const final = await api('GET', `/trajectories/${trajA}/reports/${report.id}`, lead);
    expect(final.json().status).toBe('final');
    expect(final.json().finalisedAt).not.toBeNull();
    expect((await api('PUT', `/trajectories/${trajA}/reports/${report.id}`, lead, { body: 'Toch anders' })).json().type).toBe('urn:naast:problem:report_final');
    expect((await api('POST', `/trajectories/${trajA}/reports/${report.id}/send-to-parent`, lead)).statusCode).toBe(409);
    expect((await api('POST', `/me/reports/${report.id}/respond`, parent, { response: 'agreed' })).json().type).toBe('urn:naast:problem:report_not_with_parent');
    expect((await t.db.query<{ n: number }>(`select count(*)::int as n from meeting_report_versions where report_id = $1`, [report.id]))[0]!.n).toBe(2);
    expect((await api('GET', '/me/reports', parent)).json().items.find((i: { id: string }) => i.id === report.id).status).toBe('final');

    const audit = await events(report.id);
    const byParent = audit.filter((e) => e.actor_user_id === parent.userId).map((e) => e.action);
    expect(byParent).toEqual(['update', 'read', 'update']);
    expect(audit.every((e) => e.subject_id === parent.userId)).toBe(true);
  });

  it('exports the current version as PDF and DOCX, audited as export', async () => {
    const { report } = await newReport(trajA, lead, 'Afgesproken: de school belt de ouder.\n\nTweede alinea.');
    const pdf = await api('GET', `/trajectories/${trajA}/reports/${report.id}/export?format=pdf`, lead);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await api('GET', `/trajectories/${trajA}/reports/${report.id}/export?format=docx`, lead);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/attachment; filename="verslag-.*\.docx"/);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Real readers find the report's text (as in the export platform's own tests; skipped without them outside CI).
    let tools: { pdftotext: string; pandoc: string } | null = null;
    try {
      tools = ensureTools();
    } catch (err) {
      if (process.env.NAAST_REQUIRE_POSTGRES === '1') throw err;
    }
    if (tools) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-report-export-'));
      fs.writeFileSync(path.join(dir, 'r.pdf'), pdf.rawPayload);
      fs.writeFileSync(path.join(dir, 'r.docx'), docx.rawPayload);
      const pdfText = execFileSync(tools.pdftotext, ['-enc', 'UTF-8', path.join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      expect(pdfText).toContain('Afgesproken: de school belt de ouder.');
      expect(pdfText).toContain('Gesprek met de jeugdbeschermer');
      const docxText = execFileSync(tools.pandoc, ['-f', 'docx', '-t', 'plain', path.join(dir, 'r.docx')], { encoding: 'utf8' });
      expect(docxText.replace(/\s+/g, ' ')).toContain('Afgesproken: de school belt de ouder.');
      expect(docxText).toContain('Tweede alinea.');
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}/export?format=exe`, lead)).statusCode).toBe(400);
    expect((await api('GET', `/trajectories/${trajA}/reports/${report.id}/export?format=pdf`, otherLead)).statusCode).toBe(404);
    expect((await events(report.id)).filter((e) => e.action === 'export')).toHaveLength(2);
  });
});
