import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertFamily, insertProfile } from '../../../test/helpers/matching.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { readMails } from '../../../test/helpers/users-mail.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { addDays, amsterdamDate } from '../../platform/time/working-days.js';

/**
 * Issue 6: every act of sharing outside the organisation goes through the gate (gate.ts). Part 1
 * enumerates the app's routes and the code that sends mail, against checked-in lists: a new way out
 * cannot be added silently. Part 2 proves each sharing path refuses without an active, matching
 * consent (nothing recorded, nothing mailed), records the consent it used, stops at once after a
 * revoke (also a link that was already mailed: 410), and refuses a wrong category or expired consent.
 */

// ---- Part 1: the checked-in lists ---------------------------------------------------------------

/** Routes through which data leaves the organisation. Each calls the gate (shareOutside / assertStillShareable). */
const SHARING_ROUTES: Record<string, string> = {
  'POST /api/v1/trajectories/:id/shares': 'mails a recipient a link to a report, letter or plan: shareOutside with the consent',
  'GET /api/v1/shared/:token': 'the recipient opens the link: assertStillShareable on every open',
  'GET /api/v1/shared/:token/download': 'the recipient downloads the PDF: assertStillShareable on every open',
};

/** Routes that, as a side effect, tell a referrer outside the organisation (content-free notices): through the gate's hook in intake. */
const NOTICE_ROUTES: Record<string, string> = {
  'POST /api/v1/applications': "the 'received' notice: shareApplicationNotice (the agreement on the application form)",
  'POST /api/v1/me/matches/:id/accept': "the 'started' notice: shareReferrerNotice (the referrer consent made from that agreement)",
  'POST /api/v1/trajectories/:id/phase': "the 'ended' notice: shareReferrerNotice",
};

/** Routes whose name sounds like sharing but whose data stays inside the organisation or goes to the parent themselves. */
const INTERNAL_ROUTES: Record<string, string> = {
  'GET /api/v1/trajectories/:id/reports/:reportId/export': 'staff download a report for internal use (audited export; the PDF says so)',
  'GET /api/v1/trajectories/:id/letters/:letterId/export': 'staff download a letter to work on it with the parent (audited export)',
  'GET /api/v1/trajectories/:id/documents/:docId/download': 'staff open an uploaded document (audited export)',
  'POST /api/v1/trajectories/:id/reports/:reportId/send-to-parent': 'the report goes to the parent (the data subject), in the portal',
  'GET /api/v1/trajectories/:id/shares': 'staff see what was shared (consent.read)',
  'GET /api/v1/me/data-export.json': "the parent's own data (right of access)",
  'GET /api/v1/me/data-export.pdf': "the parent's own data (right of access)",
  'GET /api/v1/me/data-export.zip': "the parent's own data and uploaded documents (right of access)",
  'GET /api/v1/me/calendar-feed': "a staff member's own calendar feed settings",
  'POST /api/v1/me/calendar-feed': "a staff member's own calendar feed settings",
  'DELETE /api/v1/me/calendar-feed': "a staff member's own calendar feed settings",
  'GET /api/v1/calendar/:token.ics': 'the private feed of a staff member: references and times only, never names',
  'GET /api/v1/users/invitations': 'account invitations of the organisation',
  'POST /api/v1/users/invitations': 'invites a new user of the organisation (a mail with a sign-up link)',
  'DELETE /api/v1/users/invitations/:id': 'account invitations of the organisation',
  'POST /api/v1/users/invitations/:id/resend': 'invites a new user of the organisation again',
  'POST /api/v1/auth/invitations/inspect': 'the invited user checks their own invitation',
  'POST /api/v1/auth/invitations/accept': 'the invited user accepts their own invitation',
  'POST /api/v1/auth/sign-in-link': "a user's own sign-in link (mailed to themselves)",
  'POST /api/v1/auth/sign-in-link/consume': "a user's own sign-in link",
  'POST /api/v1/applications/:id/link-parent': 'links a parent account to their own application',
  'POST /api/v1/trajectories/:id/parent-invitation': 'invites the parent to their own portal',
  'POST /api/v1/trajectories/:id/documents/:docId/share-with-parent': 'shows a document to the parent (the data subject) in the portal',
  'POST /api/v1/trajectories/:id/letters/:letterId/share-with-parent': 'shows a letter to the parent (the data subject) in the portal',
  'GET /api/v1/trajectories/:id/shared-with-parent': 'staff see what the parent (the data subject) can see in the portal',
  'GET /api/v1/me/documents/:id/download': 'the parent opens a document shared with them',
  'GET /api/v1/me/letters/:id/export': 'the parent downloads a letter shared with them',
  'GET /api/v1/trajectories/:id/consent-recipients': 'the consent register: who may receive (sends nothing)',
  'POST /api/v1/trajectories/:id/consent-recipients': 'the consent register: who may receive (sends nothing)',
  'POST /api/v1/me/consent-recipients': 'the consent register: the parent names who may receive (sends nothing)',
};

/** Anything that sounds like sending, exporting or sharing must be classified above. */
const SOUNDS_LIKE_SHARING = /share|send|export|shared|notice|download|\.ics|calendar|feed|mail|invit|link|forward|publish|external|recipient/i;

/**
 * Every place that sends mail (`mailer.send(`), per file and how many, and to whom. Outside the
 * organisation only through the gate (share-routes.ts and intake's referrer notice, which asks the gate).
 */
const MAIL_SENDERS: Record<string, { calls: number; to: string; gate?: RegExp }> = {
  'src/modules/consent/share-routes.ts': { calls: 1, to: 'a consented recipient outside the organisation', gate: /shareOutside\(/ },
  'src/modules/intake/public.ts': { calls: 1, to: 'a professional referrer (content-free notice)', gate: /referrerNoticeGate\(tx, ctx, notice\)/ },
  'src/modules/matching/service.ts': { calls: 2, to: 'the volunteer (a proposed match) and coordinators (a declined match)' },
  'src/modules/users/invitations.ts': { calls: 1, to: 'a person invited to an account of the organisation' },
  'src/modules/legal/reminders.ts': { calls: 1, to: 'staff (deadline reminders, references only)' },
  'src/modules/reports/service.ts': { calls: 1, to: 'the parent (a report waits for them)' },
  'src/modules/intake/reminders.ts': { calls: 1, to: 'coordinators (first-contact reminders)' },
  'src/modules/intake/public-form.ts': { calls: 1, to: 'the person who applied (receipt of their own application)' },
  'src/modules/satisfaction/invitations.ts': { calls: 1, to: 'the parent (the questionnaire link)' },
  'src/modules/documents/parent.ts': { calls: 1, to: 'the parent (something new in the portal)' },
  'src/modules/portal/service.ts': { calls: 1, to: 'the parent (the invitation to their portal)' },
  'src/platform/auth/sign-in-links.ts': { calls: 1, to: 'the user themselves (sign-in link)' },
  'src/platform/auth/service.ts': { calls: 1, to: 'the user themselves (password reset)' },
};

// ---- fixtures -------------------------------------------------------------------------------------

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let lead: SignedIn;
let parent: SignedIn;
let helmond: string;
let traj: string;
let reportId: string;
let letterId: string;

const api = (method: string, url: string, s?: SignedIn, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}) }, payload: payload as never });
const today = () => amsterdamDate(new Date());
let mailCounter = 0;

/** A recipient and a consent, as the consent register stores them (written directly: this file tests the gate). */
async function consent(o: { categories: string[]; from?: string; until?: string; email?: string | null; trajectoryId?: string; kind?: string }) {
  const recipientId = uuidv7();
  const id = uuidv7();
  const email = o.email === undefined ? `ontvanger${++mailCounter}.${Date.now()}@example.org` : o.email;
  await t.db.query(`insert into consent_recipients (org_id, id, trajectory_id, kind, name, organisation, email, created_by) values ($1, $2, $3, $4, 'Jeugdbeschermer', 'GI Oost', $5, $6)`, [
    org.orgId,
    recipientId,
    o.trajectoryId ?? traj,
    o.kind ?? 'youth_protection_worker',
    email,
    coord.userId,
  ]);
  await t.db.query(
    `insert into consents (org_id, id, trajectory_id, recipient_id, purpose, categories, valid_from, valid_until, given_via, staff_note, recorded_by)
     values ($1, $2, $3, $4, 'Voor de zitting', $5::text[], $6, $7, 'staff', 'Besproken met de ouder', $8)`,
    [org.orgId, id, o.trajectoryId ?? traj, recipientId, `{${o.categories.join(',')}}`, o.from ?? addDays(today(), -1), o.until ?? addDays(today(), 30), coord.userId],
  );
  return { id, email, recipientId };
}
const revoke = (consentId: string) => t.db.query(`update consents set revoked_at = now(), revoked_by = $2 where id = $1`, [consentId, parent.userId]);
const sharesOf = (consentId: string) => t.db.query<{ id: string; consent_id: string; category: string; resource_type: string }>(`select id::text, consent_id::text, category, resource_type from shares where consent_id = $1`, [consentId]);
const sharesByRecipientCount = async (recipientId: string) => (await t.db.query(`select 1 from shares where recipient_id = $1`, [recipientId])).length;
const mailsTo = async (address: string) => (await readMails(t.config.dataDir)).filter((m) => m.to.includes(address));
const tokenOf = (text: string) => /\/gedeeld\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/.exec(text)?.[1];

const ITEMS = [
  { kind: 'report', category: 'reports', resourceType: 'meeting_report' },
  { kind: 'letter', category: 'letters', resourceType: 'letter' },
  { kind: 'plan', category: 'plan', resourceType: 'plan' },
] as const;
/** The item's id once the fixtures exist (the plan is the trajectory's own). */
const idOf = (kind: (typeof ITEMS)[number]['kind']) => (kind === 'report' ? reportId : kind === 'letter' ? letterId : undefined);

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Delen');
  helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  lead = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
  traj = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'support', parentUserId: parent.userId })).id;
  const meeting = await api('POST', `/trajectories/${traj}/meetings`, lead, { title: 'Gesprek met de jeugdbeschermer', scheduledAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'held' });
  expect(meeting.statusCode).toBe(201);
  const report = await api('POST', `/trajectories/${traj}/reports`, lead, { meetingId: meeting.json().id, body: 'De jeugdbeschermer belt maandag de school.' });
  expect(report.statusCode).toBe(201);
  reportId = report.json().id;
  letterId = uuidv7();
  await t.db.query(`insert into letters (org_id, id, trajectory_id, template, title, created_by) values ($1, $2, $3, 'objection', 'Bezwaar tegen het besluit', $4)`, [org.orgId, letterId, traj, lead.userId]);
  await t.db.query(`insert into letter_versions (org_id, letter_id, version, body, author_user_id) values ($1, $2, 1, 'Ik maak bezwaar.', $3)`, [org.orgId, letterId, lead.userId]);
  expect((await api('POST', `/trajectories/${traj}/help-questions`, lead, { question: 'Rust in huis', goal: 'Elke week een vaste avond' })).statusCode).toBe(201);
});
afterAll(async () => t?.close());

describe('part 1: no way out of the organisation is unlisted', () => {
  it('every route that sounds like sharing is classified; the ones that leave the organisation are exactly the gated ones', () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs')).map((r) => `${r.method} ${r.url}`);
    const listed = { ...SHARING_ROUTES, ...NOTICE_ROUTES, ...INTERNAL_ROUTES };
    const unlisted = routes.filter((r) => SOUNDS_LIKE_SHARING.test(r) && !(r in listed));
    expect(unlisted, 'classify these routes in sharing-paths.db.test.ts (sharing through the gate, notice, or internal with a reason)').toEqual([]);
    // The lists name real routes (a renamed route must be classified again).
    expect(Object.keys(listed).filter((r) => !routes.includes(r))).toEqual([]);
    // Public routes that serve dossier content are exactly the recipient's link.
    expect(routes.filter((r) => r.includes('/shared/'))).toEqual(Object.keys(SHARING_ROUTES).filter((r) => r.includes('/shared/')));
  });

  it('every place that sends mail is listed; the ones that reach outside the organisation call the gate', () => {
    const root = path.resolve(import.meta.dirname, '../../..');
    const found: Record<string, number> = {};
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
          const n = (fs.readFileSync(p, 'utf8').match(/mailer\.send\(/g) ?? []).length;
          if (n) found[path.relative(root, p).split(path.sep).join('/')] = n;
        }
      }
    };
    walk(path.join(root, 'src'));
    expect(found, 'a new mail: add it to MAIL_SENDERS with its recipient (outside the organisation only through the gate)').toEqual(
      Object.fromEntries(Object.entries(MAIL_SENDERS).map(([f, v]) => [f, v.calls])),
    );
    for (const [file, v] of Object.entries(MAIL_SENDERS)) if (v.gate) expect(fs.readFileSync(path.join(root, file), 'utf8'), file).toMatch(v.gate);
  });
});

// ---- Part 2: each path, with and without consent ---------------------------------------------------

describe('part 2: POST /trajectories/:id/shares (report, letter, plan)', () => {
  for (const item of ITEMS) {
    it(`${item.kind}: refused without consent, with the wrong category or an expired consent; allowed with one; stops at once after a revoke`, async () => {
      const id = idOf(item.kind);
      const body = (consentId: string) => ({ consentId, item: { kind: item.kind, ...(id ? { id } : {}) } });
      // No consent at all (an unknown id) and a consent of another trajectory: refused, nothing written, no mail.
      const none = await api('POST', `/trajectories/${traj}/shares`, lead, body(uuidv7()));
      expect(none.statusCode, none.body).toBe(403);
      expect(none.json()).toMatchObject({ type: 'urn:naast:problem:share_no_consent', title: 'Geen toestemming om dit te delen' });
      const otherTraj = (await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, phase: 'support' })).id;
      const foreign = await consent({ categories: [item.category], trajectoryId: otherTraj });
      expect((await api('POST', `/trajectories/${traj}/shares`, lead, body(foreign.id))).statusCode).toBe(403);

      // Wrong category.
      const wrong = await consent({ categories: item.category === 'reports' ? ['letters', 'plan'] : ['reports'] });
      const wrongRes = await api('POST', `/trajectories/${traj}/shares`, lead, body(wrong.id));
      expect(wrongRes.statusCode).toBe(403);
      expect(await sharesOf(wrong.id)).toEqual([]);
      expect(await mailsTo(wrong.email!)).toEqual([]);

      // Expired and not yet valid.
      const expired = await consent({ categories: [item.category], from: addDays(today(), -30), until: addDays(today(), -1) });
      const expiredRes = await api('POST', `/trajectories/${traj}/shares`, lead, body(expired.id));
      expect(expiredRes.statusCode).toBe(409);
      expect(expiredRes.json().type).toBe('urn:naast:problem:share_consent_expired');
      const future = await consent({ categories: [item.category], from: addDays(today(), 2), until: addDays(today(), 30) });
      expect((await api('POST', `/trajectories/${traj}/shares`, lead, body(future.id))).json().type).toBe('urn:naast:problem:share_consent_not_yet_valid');
      expect([...(await sharesOf(expired.id)), ...(await sharesOf(future.id))]).toEqual([]);
      expect([...(await mailsTo(expired.email!)), ...(await mailsTo(future.email!))]).toEqual([]);

      // A matching consent: shared, the share names the consent, the audit event too; the mail holds only the link.
      const good = await consent({ categories: [item.category, 'progress'] });
      const ok = await api('POST', `/trajectories/${traj}/shares`, lead, body(good.id));
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ consentId: good.id, category: item.category, resourceType: item.resourceType, channel: 'mail_link', consentActive: true });
      const rows = await sharesOf(good.id);
      expect(rows).toEqual([{ id: ok.json().id, consent_id: good.id, category: item.category, resource_type: item.resourceType }]);
      const audit = await t.db.query<{ actor_user_id: string; subject_id: string }>(
        `select actor_user_id::text, subject_id::text from audit_events where org_id = $1 and action = 'share' and resource_type = 'consent' and resource_id = $2`,
        [org.orgId, good.id],
      );
      expect(audit).toEqual([{ actor_user_id: lead.userId, subject_id: parent.userId }]);
      const mails = await mailsTo(good.email!);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain('Er is een document met u gedeeld');
      expect(mails[0]!.text).toContain('Stichting Delen');
      for (const secret of ['jeugdbeschermer belt', 'Bezwaar', 'Rust in huis', 'Jeugdbeschermer']) expect(mails[0]!.text).not.toContain(secret);
      const token = tokenOf(mails[0]!.text)!;
      expect(token).toBeTruthy();
      // Only the hash is stored.
      expect(await t.db.query(`select 1 from shares where token_hash = $1`, [token.split('.')[1]])).toEqual([]);

      // The recipient opens it: metadata, then the PDF; opened_at is set and the open audited.
      const meta = await api('GET', `/shared/${token}`);
      expect(meta.statusCode).toBe(200);
      expect(meta.json()).toMatchObject({ kind: item.kind, organisationName: 'Stichting Delen' });
      expect(meta.body).not.toMatch(/Jeugdbeschermer|Sanne/);
      const pdf = await api('GET', `/shared/${token}/download`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
      expect((await t.db.query<{ opened: boolean }>(`select opened_at is not null as opened from shares where id = $1`, [ok.json().id]))[0]!.opened).toBe(true);
      expect(await t.db.query(`select action from audit_events where org_id = $1 and resource_type = 'share' and resource_id = $2 and actor_role = 'recipient' order by occurred_at, seq`, [org.orgId, ok.json().id])).toEqual([
        { action: 'read' },
        { action: 'export' },
      ]);

      // The parent revokes: the next share is refused at once, and the mailed link stops (410, nothing served).
      await revoke(good.id);
      const after = await api('POST', `/trajectories/${traj}/shares`, lead, body(good.id));
      expect(after.statusCode).toBe(409);
      expect(after.json()).toMatchObject({ type: 'urn:naast:problem:share_consent_revoked', title: 'De toestemming is ingetrokken' });
      expect(await sharesOf(good.id)).toHaveLength(1);
      expect(await mailsTo(good.email!)).toHaveLength(1);
      const gone = await api('GET', `/shared/${token}`);
      expect(gone.statusCode).toBe(410);
      expect(gone.json()).toMatchObject({ type: 'urn:naast:problem:shared_revoked', title: 'Dit document is niet meer beschikbaar' });
      const goneFile = await api('GET', `/shared/${token}/download`);
      expect(goneFile.statusCode).toBe(410);
      expect(goneFile.headers['content-type']).toContain('application/problem+json');
    });
  }

  it('a revoke running at the same time: the share waits for it (FOR SHARE) and is refused', async () => {
    const c = await consent({ categories: ['reports'] });
    let release!: () => void;
    const hold = new Promise<void>((r) => (release = r));
    let revoked!: () => void;
    const started = new Promise<void>((r) => (revoked = r));
    const revoking = t.db.withTenant(org.orgId, async (tx) => {
      await tx.execute(sql`update consents set revoked_at = now(), revoked_by = ${parent.userId} where org_id = ${org.orgId} and id = ${c.id}`);
      revoked();
      await hold;
    });
    await started;
    const sharing = api('POST', `/trajectories/${traj}/shares`, lead, { consentId: c.id, item: { kind: 'report', id: reportId } });
    // Let the share reach the consent's row lock before the revoke commits (scheduling only; the outcome is what is checked).
    await new Promise((r) => setTimeout(r, 150));
    release();
    await revoking;
    const res = await sharing;
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:share_consent_revoked');
    expect(await sharesOf(c.id)).toEqual([]);
    expect(await mailsTo(c.email!)).toEqual([]);
  });

  it('a link stops when its consent expires after it was mailed, and when its own 14 days are over', async () => {
    const c = await consent({ categories: ['reports'] });
    const ok = await api('POST', `/trajectories/${traj}/shares`, coord, { consentId: c.id, item: { kind: 'report', id: reportId } });
    expect(ok.statusCode).toBe(201);
    const token = tokenOf((await mailsTo(c.email!))[0]!.text)!;
    expect((await api('GET', `/shared/${token}`)).statusCode).toBe(200);
    // The consent's period ends (written as the register would store a shorter consent; the trigger allows no such update, so as owner).
    await t.db.query(`alter table consents disable trigger consents_guard`);
    await t.db.query(`update consents set valid_from = $2, valid_until = $3 where id = $1`, [c.id, addDays(today(), -10), addDays(today(), -1)]);
    await t.db.query(`alter table consents enable trigger consents_guard`);
    expect((await api('GET', `/shared/${token}`)).json().type).toBe('urn:naast:problem:shared_consent_expired');

    const c2 = await consent({ categories: ['reports'] });
    expect((await api('POST', `/trajectories/${traj}/shares`, coord, { consentId: c2.id, item: { kind: 'report', id: reportId } })).statusCode).toBe(201);
    const token2 = tokenOf((await mailsTo(c2.email!))[0]!.text)!;
    await t.db.query(`update shares set expires_at = now() - interval '1 minute' where consent_id = $1`, [c2.id]);
    const late = await api('GET', `/shared/${token2}/download`);
    expect(late.statusCode).toBe(410);
    expect(late.json().type).toBe('urn:naast:problem:shared_link_expired');
  });

  it('refuses clearly without a recipient address, an item of another trajectory, a parent or a stranger; unknown links are 404', async () => {
    const noMail = await consent({ categories: ['reports'], email: null });
    const res = await api('POST', `/trajectories/${traj}/shares`, lead, { consentId: noMail.id, item: { kind: 'report', id: reportId } });
    expect(res.statusCode).toBe(422);
    expect(res.json().type).toBe('urn:naast:problem:share_recipient_no_email');
    expect(await sharesByRecipientCount(noMail.recipientId)).toBe(0);

    const c = await consent({ categories: ['reports', 'letters'] });
    const missing = await api('POST', `/trajectories/${traj}/shares`, lead, { consentId: c.id, item: { kind: 'letter', id: uuidv7() } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('body.item.id');
    const noId = await api('POST', `/trajectories/${traj}/shares`, lead, { consentId: c.id, item: { kind: 'report' } });
    expect(noId.statusCode).toBe(400);
    // A parent cannot share (no permission: reads as not found); another volunteer cannot reach the trajectory.
    expect((await api('POST', `/trajectories/${traj}/shares`, parent, { consentId: c.id, item: { kind: 'report', id: reportId } })).statusCode).toBe(404);
    const stranger = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    expect((await api('POST', `/trajectories/${traj}/shares`, stranger, { consentId: c.id, item: { kind: 'report', id: reportId } })).statusCode).toBe(404);
    expect(await sharesByRecipientCount(c.recipientId)).toBe(0);

    for (const bad of ['x', `${org.orgId}.short`, `${org.orgId}.${'A'.repeat(43)}`, `${uuidv7()}.${'A'.repeat(43)}`]) {
      const r = await api('GET', `/shared/${encodeURIComponent(bad)}`);
      expect(r.statusCode, bad).toBe(404);
      expect(r.json().type).toBe('urn:naast:problem:shared_not_found');
    }
  });

  it('lists what was shared with the consent used and whether it still holds', async () => {
    const list = await api('GET', `/trajectories/${traj}/shares`, coord);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as Array<{ consentId: string; consentActive: boolean; channel: string; recipient: { kind: string } }>;
    expect(items.length).toBeGreaterThanOrEqual(5);
    expect(items.every((i) => i.channel === 'mail_link' && i.recipient.kind === 'youth_protection_worker')).toBe(true);
    // All consents used above were revoked or ran out.
    expect(items.filter((i) => i.consentActive)).toHaveLength(1);
    expect((await api('GET', `/trajectories/${traj}/shares`, parent)).statusCode).toBe(404);
  });
});

describe('part 2: referrer notices (received, started, ended)', () => {
  it("'started' makes the application's agreement a consent and shares through it; a revoke stops the 'ended' notice without failing the phase change", async () => {
    const referrer = `verwijzer.${Date.now()}@example.org`;
    const family = await insertFamily(t.db, org.orgId, { locationId: helmond, measures: ['ots'], referrerEmail: referrer });
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    await insertProfile(t.db, org.orgId, v.userId, { maxFamilies: 2 });
    const m = await api('POST', '/matches', coord, { applicationId: family.id, volunteerUserId: v.userId });
    expect(m.statusCode).toBe(201);
    const accepted = await api('POST', `/me/matches/${m.json().id}/accept`, v);
    expect(accepted.statusCode).toBe(200);
    const trajectoryId = accepted.json().trajectoryId as string;

    const consents = await t.db.query<{ id: string; categories: string[]; given_via: string; staff_note: string; recorded_by: string; kind: string }>(
      `select c.id::text, c.categories, c.given_via, c.staff_note, c.recorded_by::text, r.kind from consents c join consent_recipients r on r.org_id = c.org_id and r.id = c.recipient_id where c.trajectory_id = $1`,
      [trajectoryId],
    );
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({ categories: ['progress'], given_via: 'staff', recorded_by: v.userId, kind: 'referrer' });
    expect(consents[0]!.staff_note).toContain('aanmeldformulier');
    expect(await t.db.query(`select channel, category, resource_id from shares where consent_id = $1`, [consents[0]!.id])).toEqual([
      { channel: 'referrer_notice', category: 'progress', resource_id: 'started' },
    ]);
    expect(await mailsTo(referrer)).toHaveLength(1);

    // The parent revokes; ending the trajectory still works, but the referrer hears nothing and the audit says why.
    await revoke(consents[0]!.id);
    await t.db.query(`update trajectories set phase = 'closing' where id = $1`, [trajectoryId]);
    const ended = await api('POST', `/trajectories/${trajectoryId}/phase`, coord, { to: 'ended', reason: 'Ouder stopt', outcome: 'parent_stopped' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().trajectory.phase).toBe('ended');
    expect(await mailsTo(referrer)).toHaveLength(1);
    expect(await t.db.query(`select kind from referrer_notices where application_id = $1 order by kind`, [family.id])).toEqual([{ kind: 'started' }]);
    expect(await t.db.query(`select resource_id from shares where consent_id = $1 order by shared_at`, [consents[0]!.id])).toEqual([{ resource_id: 'started' }]);
    expect(await t.db.query(`select reason from audit_events where org_id = $1 and action = 'share' and resource_type = 'referrer_notice' and resource_id = $2`, [org.orgId, consents[0]!.id])).toEqual([
      { reason: 'referrer notice ended not sent: share_consent_revoked' },
    ]);
  });

  it("'ended' with the agreement and no consent row yet (a trajectory from before the register) makes one and tells the referrer once", async () => {
    const referrer = `verwijzer-einde.${Date.now()}@example.org`;
    const tr = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: lead.userId, coachUserId: coord.userId, phase: 'closing', referrerEmail: referrer });
    const res = await api('POST', `/trajectories/${tr.id}/phase`, coord, { to: 'ended', reason: 'Klaar', outcome: 'resolved' });
    expect(res.statusCode).toBe(200);
    expect(await mailsTo(referrer)).toHaveLength(1);
    const shares = await t.db.query<{ consent_id: string; channel: string }>(`select consent_id::text, channel from shares where trajectory_id = $1`, [tr.id]);
    expect(shares).toHaveLength(1);
    expect(shares[0]!.channel).toBe('referrer_notice');
  });

  it("'received' rests on the application form's agreement: told when agreed, not when not", async () => {
    const told = `verwijzer-ontvangen.${Date.now()}@example.org`;
    const notTold = `verwijzer-niet.${Date.now()}@example.org`;
    const body = (email: string, mayBeTold: boolean) => ({
      people: [{ relation: 'parent', firstName: 'Sanne', lastName: 'de Boer', email: 'sanne.deboer@example.org' }],
      children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
      municipalityCode: 'GM0794',
      postcode: '5701ab',
      institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
      conflictSummary: 'De jeugdbeschermer luistert niet naar mij.',
      preferredLanguage: 'nl',
      consent: true,
      privacyStatementVersion: '2025-1',
      channel: 'referrer',
      referrerType: 'youth_protection',
      referrerName: 'Mevrouw de Vries',
      referrerEmail: email,
      parentAgreedToReferral: true,
      referrerMayBeTold: mayBeTold,
    });
    const yes = await api('POST', '/applications', coord, body(told, true));
    expect(yes.statusCode, yes.body).toBe(201);
    const no = await api('POST', '/applications', coord, body(notTold, false));
    expect(no.statusCode, no.body).toBe(201);
    expect(await mailsTo(told)).toHaveLength(1);
    expect((await mailsTo(told))[0]!.text).not.toContain('Sanne');
    expect(await mailsTo(notTold)).toHaveLength(0);
    expect(await t.db.query(`select reason from audit_events where org_id = $1 and action = 'share' and resource_type = 'application' and resource_id = $2`, [org.orgId, yes.json().id])).toEqual([
      { reason: 'referrer notice: received' },
    ]);
  });
});
