import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from '../../../test/helpers/app.js';
import { insertProfile } from '../../../test/helpers/matching.js';
import { insertTrajectory } from '../../../test/helpers/trajectories.js';
import { mailsTo, readMails } from '../../../test/helpers/users-mail.js';
import { uuidv7 } from '../../platform/db/ids.js';
import { createMailer, type Mailer } from '../../platform/mail/index.js';
import { amsterdamDate } from '../../platform/time/working-days.js';
import { MAX_SEND_ATTEMPTS, resendQuestionnaireInvitations } from './invitations.js';
import { inviteToQuestionnaire, satisfactionJobs } from './public.js';
import { scheduledJobs } from '../../jobs.js';

let t: TestApp;
let org: TestOrg;
let coord: SignedIn;
let vol: SignedIn;
let parent: SignedIn;
let helmond: string;

const api = (method: string, url: string, s: SignedIn | undefined, payload?: unknown) =>
  t.app.inject({ method: method as never, url: `/api/v1${url}`, headers: { ...(s?.headers ?? {}) }, payload: payload as never });

let mailSeq = 0;
/** A trajectory in Helmond led by `vol`; the parent "Sanne Visser" with a mail address of her own. */
async function trajectory(f: Partial<Parameters<typeof insertTrajectory>[2]> & { email?: string | null } = {}) {
  const email = f.email === undefined ? `ouder${++mailSeq}.${Date.now()}@example.org` : f.email;
  const tr = await insertTrajectory(t.db, org.orgId, { locationId: helmond, leadVolunteerId: vol.userId, coachUserId: coord.userId, parentUserId: parent.userId, ...f });
  await t.db.query(
    `insert into application_people (org_id, application_id, id, position, relation, first_name, last_name, email) values ($1, $2, $3, 0, 'parent', 'Sanne', 'Visser', $4)`,
    [org.orgId, tr.applicationId, uuidv7(), email],
  );
  return { ...tr, email };
}

const invitations = (trajectoryId: string) =>
  t.db.query<{ token_hash: string; used_at: Date | null; sent_at: Date | null; expires_at: Date; send_attempts: number; next_attempt_at: Date | null }>(
    `select token_hash, used_at, sent_at, expires_at, send_attempts, next_attempt_at from satisfaction_invitations where trajectory_id = $1`,
    [trajectoryId],
  );
const responseCount = async () => Number((await t.db.query<{ n: number }>(`select count(*)::int as n from satisfaction_responses where org_id = $1`, [org.orgId]))[0]!.n);

/** Closes a trajectory through the API and returns the token from the parent's mail. */
async function closeAndReadToken(tr: { id: string; email: string | null }): Promise<string> {
  const res = await api('POST', `/trajectories/${tr.id}/phase`, coord, { to: 'aftercare', reason: 'Conflict opgelost', outcome: 'resolved' });
  expect(res.statusCode).toBe(200);
  const [mail] = await mailsTo(t.config.dataDir, tr.email!);
  const token = /\/tevredenheid\/([^\s]+)/.exec(mail!.text)?.[1];
  expect(token).toBeTruthy();
  return token!;
}

const answers = { heard: 5, understood: 4, contact: 4, stronger: 3, recommend: 5 };

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Tevreden');
  helmond = org.locationIds.Helmond!;
  coord = await signInAs(t.db, org, 'coordinator', { locationIds: [helmond] });
  vol = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
  parent = await signInAs(t.db, org, 'parent');
});
afterAll(async () => t?.close());

describe('the invitation at closing', () => {
  it('is sent once per trajectory, stores only the hash of the token, and the mail holds no names', async () => {
    const tr = await trajectory({ phase: 'closing' });
    const token = await closeAndReadToken(tr);
    const [orgPart, secret] = token.split('.');
    expect(orgPart).toBe(org.orgId);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/); // 32 random bytes, base64url
    const rows = await invitations(tr.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(createHash('sha256').update(secret!).digest('hex'));
    expect(rows[0]!.sent_at).not.toBeNull();
    const days = (rows[0]!.expires_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(59.9);
    expect(days).toBeLessThanOrEqual(60);
    // The secret itself is nowhere in the database.
    const dump = JSON.stringify(await t.db.query(`select * from satisfaction_invitations`));
    expect(dump).not.toContain(secret);

    const mails = await mailsTo(t.config.dataDir, tr.email!);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain('Hoe was de steun?');
    expect(mails[0]!.text).toContain('How was the support?');
    for (const word of ['Sanne', 'Visser', tr.reference, 'Helmond']) expect(`${mails[0]!.subject}\n${mails[0]!.text}`).not.toContain(word);

    // A second invitation for the same trajectory does nothing: no row, no mail.
    const again = await t.db.withTenant(org.orgId, (tx) =>
      inviteToQuestionnaire(tx, { mailer: { transport: 'file', send: () => Promise.reject(new Error('should not send')) }, publicUrl: 'http://x' }, { orgId: org.orgId, trajectoryId: tr.id, applicationId: tr.applicationId }),
    );
    expect(again).toBe(false);
    expect(await invitations(tr.id)).toHaveLength(1);
    expect(await mailsTo(t.config.dataDir, tr.email!)).toHaveLength(1);
  });

  it('without an address or with a failing mail server the closing still goes through; the invitation stays unsent', async () => {
    const before = (await readMails(t.config.dataDir)).length;
    const noMail = await trajectory({ phase: 'closing', email: null });
    expect((await api('POST', `/trajectories/${noMail.id}/phase`, coord, { to: 'aftercare', reason: 'Klaar', outcome: 'resolved' })).statusCode).toBe(200);
    expect((await invitations(noMail.id))[0]).toMatchObject({ sent_at: null, used_at: null });
    expect((await readMails(t.config.dataDir)).length).toBe(before);

    const failing: Mailer = { transport: 'smtp', send: () => Promise.reject(new Error('smtp down')) };
    const tr = await trajectory({ phase: 'aftercare' });
    const sent = await t.db.withTenant(org.orgId, (tx) => inviteToQuestionnaire(tx, { mailer: failing, publicUrl: 'http://x' }, { orgId: org.orgId, trajectoryId: tr.id, applicationId: tr.applicationId }));
    expect(sent).toBe(false);
    expect((await invitations(tr.id))[0]).toMatchObject({ sent_at: null });
  });
});

describe('resending a failed invitation (job satisfaction-invitation-resend)', () => {
  const failing: Mailer = { transport: 'smtp', send: () => Promise.reject(new Error('smtp down')) };
  const minutes = (from: Date, n: number) => new Date(from.getTime() + n * 60_000);

  it('is a scheduled job, listed in src/jobs.ts', () => {
    expect(satisfactionJobs.map((j) => j.name)).toEqual(['satisfaction-invitation-resend']);
    expect(scheduledJobs.map((j) => j.name)).toContain('satisfaction-invitation-resend');
  });

  it('a mail that failed at closing is sent later with a fresh link, once, with a growing pause in between', async () => {
    const tr = await trajectory({ phase: 'aftercare' });
    const closedAt = new Date();
    const ctxOf = (mailer: Mailer) => ({ mailer, publicUrl: t.config.publicUrl });
    expect(await t.db.withTenant(org.orgId, (tx) => inviteToQuestionnaire(tx, ctxOf(failing), { orgId: org.orgId, trajectoryId: tr.id, applicationId: tr.applicationId }))).toBe(false);
    const [first] = await invitations(tr.id);
    expect(first).toMatchObject({ sent_at: null, send_attempts: 1 });
    const pause = (first!.next_attempt_at!.getTime() - closedAt.getTime()) / 60_000;
    expect(pause).toBeGreaterThan(14.9);
    expect(pause).toBeLessThanOrEqual(15.1);

    // Not yet due: nothing happens.
    await resendQuestionnaireInvitations(t.db, ctxOf(failing), minutes(closedAt, 5));
    expect((await invitations(tr.id))[0]).toMatchObject({ send_attempts: 1, token_hash: first!.token_hash });

    // Due, the mail server still down: one more attempt is counted, the next pause is twice as long.
    const t16 = minutes(closedAt, 16);
    await resendQuestionnaireInvitations(t.db, ctxOf(failing), t16);
    const [second] = await invitations(tr.id);
    expect(second).toMatchObject({ sent_at: null, send_attempts: 2 });
    expect((second!.next_attempt_at!.getTime() - t16.getTime()) / 60_000).toBeCloseTo(30, 3);
    // The same moment again (a second runner, a retried job): already claimed, no extra attempt.
    await resendQuestionnaireInvitations(t.db, ctxOf(failing), t16);
    expect((await invitations(tr.id))[0]!.send_attempts).toBe(2);

    // The server is back: the parent gets one mail with a new link, which works.
    const mailer = createMailer(t.config);
    const t50 = minutes(closedAt, 50);
    const run = await resendQuestionnaireInvitations(t.db, ctxOf(mailer), t50);
    expect(run.sent).toBeGreaterThanOrEqual(1);
    const [sent] = await invitations(tr.id);
    expect(sent).toMatchObject({ send_attempts: 3 });
    expect(sent!.sent_at).not.toBeNull();
    expect(sent!.token_hash).not.toBe(first!.token_hash);
    const mails = await mailsTo(t.config.dataDir, tr.email!);
    expect(mails).toHaveLength(1);
    const token = /\/tevredenheid\/([^\s]+)/.exec(mails[0]!.text)![1]!;
    expect(createHash('sha256').update(token.split('.')[1]!).digest('hex')).toBe(sent!.token_hash);
    expect((await api('GET', `/public/questionnaire/${token}`, undefined)).statusCode).toBe(200);
    // Sent once: later runs leave it alone.
    await resendQuestionnaireInvitations(t.db, ctxOf(mailer), minutes(closedAt, 24 * 60));
    expect(await mailsTo(t.config.dataDir, tr.email!)).toHaveLength(1);
    expect((await invitations(tr.id))[0]!.send_attempts).toBe(3);
    // Every attempt read the address: audited as the system, without personal data in the reason.
    const audit = await t.db.query<{ action: string; reason: string }>(
      `select e.action, e.reason from audit_events e join satisfaction_invitations i on i.id::text = e.resource_id where i.trajectory_id = $1 and e.resource_type = 'satisfaction_invitation' order by e.occurred_at, e.seq`,
      [tr.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'update', 'update']);
  });

  it('an address added after closing is used by the next attempt; after the last attempt it stops', async () => {
    const tr = await trajectory({ phase: 'closing', email: null });
    expect((await api('POST', `/trajectories/${tr.id}/phase`, coord, { to: 'aftercare', reason: 'Klaar', outcome: 'resolved' })).statusCode).toBe(200);
    expect((await invitations(tr.id))[0]).toMatchObject({ sent_at: null, send_attempts: 1 });
    const mailer = createMailer(t.config);
    const later = new Date(Date.now() + 20 * 60_000);
    await resendQuestionnaireInvitations(t.db, { mailer, publicUrl: t.config.publicUrl }, later);
    expect((await invitations(tr.id))[0]).toMatchObject({ sent_at: null, send_attempts: 2 });

    const email = `later.${Date.now()}@example.org`;
    await t.db.query(`update application_people set email = $2 where org_id = $1 and application_id = $3`, [org.orgId, email, tr.applicationId]);
    await resendQuestionnaireInvitations(t.db, { mailer, publicUrl: t.config.publicUrl }, new Date(later.getTime() + 31 * 60_000));
    expect((await invitations(tr.id))[0]!.sent_at).not.toBeNull();
    expect(await mailsTo(t.config.dataDir, email)).toHaveLength(1);

    // Without an address ever: tried MAX_SEND_ATTEMPTS times in all, then no more.
    const never = await trajectory({ phase: 'aftercare', email: null });
    await t.db.withTenant(org.orgId, (tx) => inviteToQuestionnaire(tx, { mailer, publicUrl: 'http://x' }, { orgId: org.orgId, trajectoryId: never.id, applicationId: never.applicationId }));
    for (let day = 1; day <= MAX_SEND_ATTEMPTS + 2; day++) {
      await resendQuestionnaireInvitations(t.db, { mailer, publicUrl: t.config.publicUrl }, new Date(Date.now() + day * 86_400_000));
    }
    expect((await invitations(never.id))[0]).toMatchObject({ sent_at: null, send_attempts: MAX_SEND_ATTEMPTS });
  });
});

describe('the public questionnaire', () => {
  it('shows the organisation and the questions, takes one answer, then says it was used', async () => {
    const token = await closeAndReadToken(await trajectory({ phase: 'closing' }));
    const get = await api('GET', `/public/questionnaire/${token}`, undefined);
    expect(get.statusCode).toBe(200);
    expect(get.headers['cache-control']).toBe('no-store');
    expect(get.json().organisationName).toBe('Stichting Tevreden');
    expect(get.json().questions.map((q: { id: string }) => q.id)).toEqual(['heard', 'understood', 'contact', 'stronger', 'recommend', 'comment']);

    // Bad input: a 6 on a 1–5 scale is a field error and uses nothing up.
    const bad = await api('POST', `/public/questionnaire/${token}`, undefined, { answers: { ...answers, heard: 6 } });
    expect(bad.statusCode).toBe(400);
    const before = await responseCount();
    const ok = await api('POST', `/public/questionnaire/${token}`, undefined, { answers: { ...answers, comment: '  Fijn geholpen  ' } });
    expect(ok.statusCode).toBe(201);
    expect(await responseCount()).toBe(before + 1);

    const second = await api('POST', `/public/questionnaire/${token}`, undefined, { answers });
    expect(second.statusCode).toBe(410);
    expect(second.json().type).toBe('urn:naast:problem:questionnaire_used');
    expect(second.json().title).toBe('Deze vragenlijst is al ingevuld');
    const reread = await api('GET', `/public/questionnaire/${token}`, undefined);
    expect(reread.statusCode).toBe(410);
    const english = await t.app.inject({ method: 'GET', url: `/api/v1/public/questionnaire/${token}`, headers: { 'accept-language': 'en' } });
    expect(english.json().title).toBe('This questionnaire has already been filled in');
    expect(await responseCount()).toBe(before + 1);
  });

  it('stores the answer apart from the dossier: organisation, location and month only', async () => {
    const cols = await t.db.query<{ column_name: string }>(`select column_name from information_schema.columns where table_name = 'satisfaction_responses' order by column_name`);
    expect(cols.map((c) => c.column_name)).toEqual(['answers', 'id', 'location_id', 'month', 'org_id']);
    const token = await closeAndReadToken(await trajectory({ phase: 'closing' }));
    expect((await api('POST', `/public/questionnaire/${token}`, undefined, { answers })).statusCode).toBe(201);
    const rows = await t.db.query<{ month: string; location_id: string; answers: Record<string, unknown> }>(
      `select month::text as month, location_id::text as location_id, answers from satisfaction_responses where org_id = $1 order by id desc limit 1`,
      [org.orgId],
    );
    expect(rows[0]).toEqual({ month: `${amsterdamDate(new Date()).slice(0, 7)}-01`, location_id: helmond, answers });
  });

  it('two parallel answers with one link: exactly one is stored', async () => {
    const token = await closeAndReadToken(await trajectory({ phase: 'closing' }));
    const before = await responseCount();
    const results = await Promise.all([0, 1].map(() => api('POST', `/public/questionnaire/${token}`, undefined, { answers })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 410]);
    expect(await responseCount()).toBe(before + 1);
  });

  it('expired → 410 with its own words; unknown or malformed → 404', async () => {
    const tr = await trajectory({ phase: 'closing' });
    const token = await closeAndReadToken(tr);
    await t.db.query(`update satisfaction_invitations set expires_at = now() - interval '1 minute' where trajectory_id = $1`, [tr.id]);
    const get = await api('GET', `/public/questionnaire/${token}`, undefined);
    expect(get.statusCode).toBe(410);
    expect(get.json().type).toBe('urn:naast:problem:questionnaire_expired');
    expect((await api('POST', `/public/questionnaire/${token}`, undefined, { answers })).statusCode).toBe(410);
    expect((await invitations(tr.id))[0]!.used_at).toBeNull();

    const unknown = `${org.orgId}.${'A'.repeat(43)}`;
    expect((await api('GET', `/public/questionnaire/${unknown}`, undefined)).json().type).toBe('urn:naast:problem:questionnaire_not_found');
    for (const bad of ['nonsense', `${uuidv7()}.${'A'.repeat(43)}`, `x.${'A'.repeat(43)}`]) {
      expect((await api('GET', `/public/questionnaire/${encodeURIComponent(bad)}`, undefined)).statusCode).toBe(404);
      expect((await api('POST', `/public/questionnaire/${encodeURIComponent(bad)}`, undefined, { answers })).statusCode).toBe(404);
    }
  });
});

describe('guessing links', () => {
  it('many unknown links from one address: 429 with Retry-After, also for a good link from there; nothing stored', async () => {
    const goodToken = await closeAndReadToken(await trajectory({ phase: 'closing' }));
    const goodHash = createHash('sha256').update(goodToken.split('.')[1]!).digest('hex');
    const usedAt = async () => (await t.db.query<{ used_at: Date | null }>(`select used_at from satisfaction_invitations where token_hash = $1`, [goodHash]))[0]!.used_at;
    const from = (remoteAddress: string, method: 'GET' | 'POST', token: string) =>
      t.app.inject({ method, url: `/api/v1/public/questionnaire/${encodeURIComponent(token)}`, remoteAddress, payload: method === 'POST' ? { answers } : undefined });
    const before = await responseCount();
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 30; i++) {
      const res = await from('203.0.113.7', i % 2 ? 'POST' : 'GET', `${org.orgId}.${String(i).padStart(43, 'x')}`);
      statuses.push(res.statusCode);
      if (res.statusCode === 429) {
        retryAfter = String(res.headers['retry-after']);
        expect(res.json().type).toBe('urn:naast:problem:rate_limited');
      }
    }
    // The first ones are plain 404s (a parent mistyping a link is not hindered), then the address is locked.
    expect(statuses.slice(0, 9)).toEqual(Array(9).fill(404));
    expect(statuses.slice(9)).toEqual(Array(21).fill(429));
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    // Locked: also a good link from that address waits, and is not used up.
    const good = await from('203.0.113.7', 'POST', goodToken);
    expect(good.statusCode).toBe(429);
    expect(good.headers['retry-after']).toBeTruthy();
    expect(await responseCount()).toBe(before);
    expect(await usedAt()).toBeNull();
    // The address is stored hashed only.
    const keys = await t.db.query<{ key: string }>(`select key from auth_throttle where key like 'questionnaire-ip:%'`);
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(keys)).not.toContain('203.0.113.7');
    // Another address is not affected.
    expect((await from('198.51.100.4', 'POST', goodToken)).statusCode).toBe(201);
    expect(await responseCount()).toBe(before + 1);
    expect(await usedAt()).not.toBeNull();
  });
});

describe('results', () => {
  let rOrg: TestOrg;
  let rAdmin: SignedIn;
  let rCoord: SignedIn;
  let rVol: SignedIn;
  beforeAll(async () => {
    rOrg = await createTestOrg(t.db, 'Stichting Resultaat');
    rAdmin = await signInAs(t.db, rOrg, 'admin');
    rCoord = await signInAs(t.db, rOrg, 'coordinator', { locationIds: [rOrg.locationIds.Helmond!] });
    rVol = await signInAs(t.db, rOrg, 'volunteer');
    const close = async (locationId: string, outcome: string, closedAt: string, months: number, volMin: number, proMin: number) => {
      const tr = await insertTrajectory(t.db, rOrg.orgId, { locationId, leadVolunteerId: rVol.userId, phase: 'aftercare' });
      const started = new Date(new Date(closedAt).getTime() - months * 30.4375 * 86_400_000);
      await t.db.query(
        `update trajectories set outcome = $2, closed_at = $3, started_at = $4, volunteer_minutes = $5, professional_minutes = $6 where id = $1`,
        [tr.id, outcome, closedAt, started.toISOString(), volMin, proMin],
      );
    };
    const h = rOrg.locationIds.Helmond!;
    const tb = rOrg.locationIds.Tilburg!;
    // Helmond 2025: 3 resolved + 1 positive restart of 5 → 80%; Tilburg 2025: 1 of 2 → 50%.
    for (const o of ['resolved', 'resolved', 'resolved', 'positive_restart', 'parent_stopped']) await close(h, o, '2025-06-15T10:00:00Z', 8, 270 * 60, 30 * 60);
    await close(tb, 'positive_restart', '2025-03-01T10:00:00Z', 6, 180 * 60, 20 * 60);
    await close(tb, 'not_resolved', '2025-12-31T22:30:00Z', 10, 300 * 60, 40 * 60); // 23:30 in Amsterdam: still 2025
    await close(h, 'not_resolved', '2024-12-31T23:30:00Z', 8, 60, 60); // 00:30 on 1 January 2025 in Amsterdam
    await close(h, 'resolved', '2024-06-01T10:00:00Z', 8, 60, 60); // another year
    // Still running: not counted anywhere.
    await insertTrajectory(t.db, rOrg.orgId, { locationId: h, leadVolunteerId: rVol.userId, phase: 'support' });
    // Satisfaction: 5 answers in Helmond (shown), 3 in Tilburg (too few to show).
    const insertResponse = (locationId: string, heard: number) =>
      t.db.query(`insert into satisfaction_responses (org_id, id, location_id, month, answers) values ($1, $2, $3, '2025-07-01', $4::jsonb)`, [
        rOrg.orgId,
        uuidv7(),
        locationId,
        JSON.stringify({ ...answers, heard }),
      ]);
    for (const heard of [5, 4, 4, 5, 2]) await insertResponse(h, heard);
    for (const heard of [1, 2, 3]) await insertResponse(tb, heard);
  });

  it('computes the success rate from the recorded outcomes, per location and in total', async () => {
    const res = await api('GET', '/results?year=2025', rAdmin);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const helmondRow = body.outcomes.rows.find((r: { locationName: string }) => r.locationName === 'Helmond');
    const tilburgRow = body.outcomes.rows.find((r: { locationName: string }) => r.locationName === 'Tilburg');
    expect(helmondRow).toMatchObject({ closed: 6, byOutcome: { resolved: 3, positive_restart: 1, not_resolved: 1, parent_stopped: 1, referred: 0 } });
    expect(helmondRow.successRate).toBeCloseTo(4 / 6, 3);
    expect(tilburgRow).toMatchObject({ closed: 2, successRate: 0.5, avgMonths: 8, avgVolunteerHours: 240, avgProfessionalHours: 30 });
    expect(body.outcomes.total).toMatchObject({ closed: 8, successRate: 0.625 });

    const only = (await api('GET', `/results?year=2025&locationId=${rOrg.locationIds.Tilburg}`, rAdmin)).json();
    expect(only.outcomes.rows).toHaveLength(1);
    expect(only.outcomes.total).toMatchObject({ closed: 2, successRate: 0.5 });
    const other = (await api('GET', '/results?year=2024', rAdmin)).json();
    expect(other.outcomes.total).toMatchObject({ closed: 1, successRate: 1 });
  });

  it('shows satisfaction only from 5 answers in a cell', async () => {
    const body = (await api('GET', '/results?year=2025', rAdmin)).json();
    const h = body.satisfaction.rows.find((r: { locationName: string }) => r.locationName === 'Helmond');
    const tb = body.satisfaction.rows.find((r: { locationName: string }) => r.locationName === 'Tilburg');
    expect(h).toMatchObject({ count: 5, averages: { heard: 4, understood: 4, recommend: 5 } });
    expect(tb).toMatchObject({ count: 3, averages: null });
    expect(body.satisfaction.total.count).toBe(8);
    expect(body.satisfaction.total.averages.heard).toBe(3.25);
    expect(body.minResponses).toBe(5);
    const only = (await api('GET', `/results?year=2025&locationId=${rOrg.locationIds.Tilburg}`, rAdmin)).json();
    expect(only.satisfaction.total).toMatchObject({ count: 3, averages: null });
  });

  it('a coordinator sees only their own locations (an admin the whole organisation); the same figures there', async () => {
    const admin = (await api('GET', '/results?year=2025', rAdmin)).json();
    const res = await api('GET', '/results?year=2025', rCoord);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.outcomes.rows.map((r: { locationName: string }) => r.locationName)).toEqual(['Helmond']);
    expect(body.satisfaction.rows.map((r: { locationName: string }) => r.locationName)).toEqual(['Helmond']);
    const adminHelmond = admin.outcomes.rows.find((r: { locationName: string }) => r.locationName === 'Helmond');
    expect(body.outcomes.rows[0]).toEqual(adminHelmond);
    // The totals are their locations' totals, not the organisation's.
    expect(body.outcomes.total).toMatchObject({ closed: 6, byOutcome: { resolved: 3, positive_restart: 1 } });
    expect(body.satisfaction.total).toMatchObject({ count: 5 });
    expect(admin.outcomes.rows.length).toBeGreaterThan(1);
    // Another location by id: as if it does not exist.
    const other = await api('GET', `/results?year=2025&locationId=${rOrg.locationIds.Tilburg}`, rCoord);
    expect(other.statusCode).toBe(404);
    expect((await api('GET', `/results?year=2025&locationId=${rOrg.locationIds.Helmond}`, rCoord)).json().outcomes.total.closed).toBe(6);
    // A coordinator without locations sees nothing of anyone.
    const none = await signInAs(t.db, rOrg, 'coordinator', { locationIds: [] });
    const empty = (await api('GET', '/results?year=2025', none)).json();
    expect(empty.outcomes.rows).toEqual([]);
    expect(empty.outcomes.total.closed).toBe(0);
    expect(empty.satisfaction.total.count).toBe(0);
  });

  it('is for professionals only; bad input is a 400', async () => {
    expect((await api('GET', '/results?year=2025', rVol)).statusCode).toBe(404);
    expect((await api('GET', '/results?year=abc', rCoord)).statusCode).toBe(400);
    expect((await api('GET', '/results?locationId=nope', rCoord)).statusCode).toBe(400);
  });
});

describe('aftercare', () => {
  it('takes requests only in the aftercare phase, and lists them', async () => {
    const running = await trajectory({ phase: 'support' });
    const refused = await api('POST', `/trajectories/${running.id}/aftercare-requests`, vol, { kind: 'advice', note: 'Vraag over school' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toBe('urn:naast:problem:aftercare_only');
    expect(Number((await t.db.query<{ n: number }>(`select count(*)::int as n from aftercare_requests where trajectory_id = $1`, [running.id]))[0]!.n)).toBe(0);

    const tr = await trajectory({ phase: 'aftercare' });
    const made = await api('POST', `/trajectories/${tr.id}/aftercare-requests`, vol, { kind: 'information', note: 'Vraag over de zitting' });
    expect(made.statusCode).toBe(201);
    expect(made.json()).toMatchObject({ kind: 'information', note: 'Vraag over de zitting', newTrajectoryId: null });
    expect((await api('POST', `/trajectories/${tr.id}/aftercare-requests`, vol, { kind: 'other' })).statusCode).toBe(400);
    const list = await api('GET', `/trajectories/${tr.id}/aftercare-requests`, vol);
    expect(list.json().items.map((i: { kind: string }) => i.kind)).toEqual(['information']);
    const audit = await t.db.query<{ action: string; resource_type: string }>(
      `select action, resource_type from audit_events where org_id = $1 and resource_type = 'aftercare_request' and (resource_id = $2 or resource_id = $3) order by occurred_at`,
      [org.orgId, made.json().id, tr.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['create', 'list']);
  });

  it('a relapse re-opens support as a new linked trajectory with the same people, taking a place', async () => {
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    await insertProfile(t.db, org.orgId, v.userId, { maxFamilies: 2, activeFamilies: 1 });
    const tr = await trajectory({ phase: 'aftercare', leadVolunteerId: v.userId });
    // A volunteer does not decide on a relapse (it takes a place in their caseload).
    expect((await api('POST', `/trajectories/${tr.id}/aftercare-requests`, v, { kind: 'relapse' })).statusCode).toBe(404);
    const res = await api('POST', `/trajectories/${tr.id}/aftercare-requests`, coord, { kind: 'relapse', note: 'Nieuwe zitting' });
    expect(res.statusCode).toBe(201);
    const newId = res.json().newTrajectoryId as string;
    expect(newId).toBeTruthy();
    const [row] = await t.db.query<Record<string, unknown>>(
      `select application_id::text, lead_volunteer_id::text, coach_user_id::text, previous_trajectory_id::text, phase from trajectories where id = $1`,
      [newId],
    );
    expect(row).toEqual({ application_id: tr.applicationId, lead_volunteer_id: v.userId, coach_user_id: coord.userId, previous_trajectory_id: tr.id, phase: 'intake_done' });
    expect((await t.db.query<{ active_families: number }>(`select active_families from volunteer_profiles where user_id = $1`, [v.userId]))[0]!.active_families).toBe(2);
    expect((await api('GET', `/trajectories/${newId}`, v)).statusCode).toBe(200);
  });

  it('a relapse with a full volunteer → 409 and nothing stored', async () => {
    const v = await signInAs(t.db, org, 'volunteer', { locationIds: [helmond] });
    await insertProfile(t.db, org.orgId, v.userId, { maxFamilies: 2, activeFamilies: 2 });
    const tr = await trajectory({ phase: 'aftercare', leadVolunteerId: v.userId });
    const res = await api('POST', `/trajectories/${tr.id}/aftercare-requests`, coord, { kind: 'relapse', note: 'Nieuwe zitting' });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:naast:problem:relapse_volunteer_full');
    expect(res.json().detail).toContain('Kies een andere vrijwilliger via matchen');
    expect(Number((await t.db.query<{ n: number }>(`select count(*)::int as n from aftercare_requests where trajectory_id = $1`, [tr.id]))[0]!.n)).toBe(0);
    expect(Number((await t.db.query<{ n: number }>(`select count(*)::int as n from trajectories where previous_trajectory_id = $1`, [tr.id]))[0]!.n)).toBe(0);
    expect((await t.db.query<{ active_families: number }>(`select active_families from volunteer_profiles where user_id = $1`, [v.userId]))[0]!.active_families).toBe(2);
  });
});
