import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mailsTo, tokenFromMail } from '../helpers/signin.js';
import { ApiClient, uniqueEmail } from './api.js';
import { checkPage, dataDir, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 6, "the parent in charge", as one journey. The demo parent (the parent of the first demo
// family: Linda, Helmond) signs in on a phone with a single-use link from the .eml, reads a report
// of a meeting waiting for their review and adds a comment, then gives their youth protection
// worker consent for reports. The demo volunteer (desktop) shares that report from the report page
// with that consent: it succeeds and the worker's mail holds only a link. The parent withdraws the
// consent; the volunteer's same share is refused with a clear message and the worker's link says it
// is no longer available. The parent sees the volunteer's accesses (dossier opened, report shared)
// in the transparency view and downloads their data. Axe on every page visited.
//
// Set-up through the API as staff (not under test here): the volunteer writes the neutral report
// of a held meeting and sends it to the parent; the coordinator adds the youth protection worker
// (with an e-mail address) to the family's recipients.

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const day = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
const PHONE = { width: 390, height: 844 };

describe('the parent in charge: signs in with a link, reviews, gives and withdraws consent, sees who looked, takes their data', () => {
  let parentCtx: BrowserContext;
  let volunteerCtx: BrowserContext;
  let recipientCtx: BrowserContext;
  let pp: Page;
  let vp: Page;
  let rp: Page;
  let trajectoryId = '';
  let reportId = '';
  let volunteerName = '';
  let sharedPath = '';
  const stamp = Date.now().toString(36);
  const MEETING = `Gesprek over de schoolkeuze ${stamp}`;
  const BODY = `De moeder en de mentor bespreken de overstap naar de middelbare school.\n\nAfgesproken: de moeder belt de school voor een rondleiding ${stamp}.`;
  const COMMENT = 'Ik bel de school zelf, niet de mentor.';
  const WORKER = uniqueEmail('jeugdbeschermer-regie');
  const WORKER_NAME = `Noor ${stamp}`;
  const WORKER_LABEL = `Jeugdbeschermer ${WORKER_NAME} (GI Zuid)`;
  const PURPOSE = `Voorbereiden van de zitting ${stamp}`;
  const parent = () => demoAccounts().parent!;

  const section = (p: Page, id: string): Locator => p.locator(`section[aria-labelledby="${id}"]`);

  beforeAll(async () => {
    // Which trajectory is the demo parent's current one (the one their consents go to)?
    const parentApi = new ApiClient();
    await parentApi.signIn(parent().email, parent().password);
    const mine = await ok(parentApi.call<{ trajectoryId: string | null }>('GET', '/me/consents'));
    if (!mine.trajectoryId) throw new Error('the demo parent has no open trajectory');
    trajectoryId = mine.trajectoryId;

    // The volunteer of the family writes the neutral report of a held meeting and sends it to the parent.
    const v = demoAccounts().volunteer!;
    const volunteer = new ApiClient();
    await volunteer.signIn(v.email, v.password);
    volunteerName = (await ok(volunteer.call<{ user: { displayName: string } }>('GET', '/auth/session'))).user.displayName;
    const meeting = await ok(volunteer.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/meetings`, { title: MEETING, scheduledAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'held' }));
    reportId = (await ok(volunteer.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/reports`, { meetingId: meeting.id, body: BODY }))).id;
    await ok(volunteer.call('POST', `/trajectories/${trajectoryId}/reports/${reportId}/send-to-parent`));

    // The coordinator (the family's coach) adds the youth protection worker, with an e-mail address, as a recipient.
    const c = demoAccounts().coordinator!;
    const coordinator = new ApiClient();
    await coordinator.signIn(c.email, c.password);
    await ok(coordinator.call('POST', `/trajectories/${trajectoryId}/consent-recipients`, { kind: 'youth_protection_worker', name: WORKER_NAME, organisation: 'GI Zuid', email: WORKER }));

    parentCtx = await newContext(PHONE);
    pp = await parentCtx.newPage();
    volunteerCtx = await newContext({ width: 1280, height: 900 });
    vp = await volunteerCtx.newPage();
    await signInUI(vp, v.email, v.password);
    recipientCtx = await newContext(PHONE);
    rp = await recipientCtx.newPage();
  });
  afterAll(async () => {
    await parentCtx?.close();
    await volunteerCtx?.close();
    await recipientCtx?.close();
  });

  it('the parent asks for a sign-in link, opens it from the .eml, presses the button and lands on /mijn-gezin', async () => {
    await pp.goto('/sign-in');
    await expectHeading(pp, 'Inloggen');
    await pp.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    const form = pp.locator('form[aria-label="Inloggen zonder wachtwoord"]');
    await form.getByLabel('E-mailadres').fill(parent().email);
    const since = Date.now() - 1000;
    await form.getByRole('button', { name: 'Stuur de link' }).click();
    await pp.getByText('Als dit e-mailadres bij ons bekend is').waitFor();
    await checkPage(pp, 'regie-sign-in-link-sent-390');

    // The .eml the server wrote: a link and nothing about the family.
    const parsed = await simpleParser(await latestMailTo(parent().email, since));
    const mail = { to: parent().email, subject: parsed.subject ?? '', text: parsed.text ?? '', contentType: '' };
    const { link } = tokenFromMail(mail, 'inloggen/link');
    expect(mail.text).toContain('15 minuten');
    for (const secret of ['Linda', 'Daan', 'van Dijk', MEETING]) expect(mail.text).not.toContain(secret);

    await pp.goto(link);
    await expectHeading(pp, 'Inloggen met uw link');
    await checkPage(pp, 'regie-sign-in-link-390');
    await pp.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await pp.waitForURL((u) => u.pathname === '/mijn-gezin');
    await expectHeading(pp, 'Mijn gezin');
    await settled(pp);
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(pp, 'regie-home-390');
  });

  it('the parent opens the report waiting for review from the home page and adds a comment', async () => {
    await pp.getByRole('link', { name: new RegExp(`^Lees het verslag van ${MEETING}`) }).click();
    await expectHeading(pp, `Verslag van ${MEETING}`);
    await settled(pp);
    await pp.locator('.naast-report-body').getByText('Afgesproken: de moeder belt de school', { exact: false }).waitFor();
    await checkPage(pp, 'regie-report-review-390');

    await pp.getByRole('button', { name: 'Ik wil iets toevoegen' }).click();
    await pp.getByLabel('Wat wilt u toevoegen of veranderen?').fill(COMMENT);
    await pp.getByRole('button', { name: 'Verstuur mijn opmerking' }).click();
    await pp.getByText('Dank u. De vrijwilliger past het verslag aan en stuurt het opnieuw naar u.').waitFor();
    await checkPage(pp, 'regie-report-commented-390');
  });

  it('the parent gives their youth protection worker consent for reports', async () => {
    await pp.goto('/mijn-gezin');
    await settled(pp);
    await section(pp, 'portal-more').getByRole('link', { name: 'Mijn toestemmingen' }).click();
    await expectHeading(pp, 'Mijn toestemmingen');
    await settled(pp);
    await pp.getByRole('button', { name: 'Nieuwe toestemming', exact: true }).click();
    await pp.getByLabel(WORKER_LABEL, { exact: true }).check();
    await pp.getByLabel('Waarvoor?').fill(PURPOSE);
    await pp.getByLabel('Verslagen', { exact: true }).check();
    await pp.getByLabel('Vanaf').fill(day());
    await pp.getByLabel('Tot en met').fill(day(60));
    await checkPage(pp, 'regie-consent-form-390');
    await pp.getByRole('button', { name: 'Toestemming geven' }).click();
    const card = section(pp, 'my-consents-now').getByRole('listitem').filter({ hasText: PURPOSE });
    await card.getByText(`${WORKER_LABEL} mag verslagen zien voor: ${PURPOSE}`, { exact: false }).waitFor();
    await card.getByText('Geldt nu').waitFor();
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(pp, 'regie-consent-given-390');
  });

  it('the volunteer opens the dossier and shares the report with that consent; the worker gets a link without names', async () => {
    await vp.goto(`/trajecten/${trajectoryId}`);
    await settled(vp);
    await section(vp, 'dossier-reports').getByRole('link', { name: `Verslag van ${MEETING}` }).click();
    await expectHeading(vp, `Verslag van ${MEETING}`);
    await settled(vp);
    // The parent's comment is there for the volunteer.
    await section(vp, 'report-comment').getByText(COMMENT).waitFor();

    const share = vp.locator('section.naast-share');
    await share.getByRole('button', { name: 'Delen buiten de organisatie' }).click();
    await settled(vp);
    await share.getByLabel(WORKER_LABEL).check();
    await checkPage(vp, 'regie-share-choose');
    await share.getByRole('button', { name: 'Delen', exact: true }).click();
    await share.getByText(`Gedeeld met ${WORKER_LABEL}`).waitFor();
    await checkPage(vp, 'regie-share-done');

    const mail = await simpleParser(await latestMailTo(WORKER));
    expect(mail.subject).toContain('Er is een document met u gedeeld');
    const text = mail.text ?? '';
    for (const secret of [MEETING, COMMENT, 'overstap', WORKER_NAME, 'Linda', 'Daan', 'van Dijk', volunteerName]) expect(text).not.toContain(secret);
    const m = text.match(/https?:\/\/[^\s]+(\/gedeeld\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/);
    if (!m) throw new Error('no /gedeeld/ link in the mail');
    sharedPath = m[1]!;

    await rp.goto(sharedPath);
    await expectHeading(rp, 'Er is een document met u gedeeld');
    await rp.getByText('Een verslag van een gesprek').waitFor();
    await checkPage(rp, 'regie-shared-item-390');
  });

  it('the parent withdraws the consent; it moves to the history', async () => {
    await pp.goto('/toestemmingen');
    await expectHeading(pp, 'Mijn toestemmingen');
    await settled(pp);
    const card = section(pp, 'my-consents-now').getByRole('listitem').filter({ hasText: PURPOSE });
    await card.getByRole('button', { name: 'Intrekken' }).click();
    await card.getByText('Weet u zeker dat u deze toestemming wilt intrekken?').waitFor();
    await checkPage(pp, 'regie-consent-revoke-confirm-390');
    await card.getByRole('button', { name: 'Ja, intrekken' }).click();
    await pp.getByText(new RegExp(`^Ingetrokken: ${WORKER_LABEL.replace(/[()]/g, '\\$&')}`)).waitFor();
    const history = section(pp, 'my-consents-history').getByRole('listitem').filter({ hasText: PURPOSE });
    await history.getByText('Ingetrokken', { exact: true }).waitFor();
    // What was shared with it stays listed.
    await history.getByText('Gedeeld met deze toestemming:').waitFor();
    await history.getByText(/^verslagen, per e-mail met een link, op /).waitFor();
    await checkPage(pp, 'regie-consent-withdrawn-390');
  });

  it("the volunteer's same share is refused with a clear message; the worker's link is no longer available", async () => {
    // The panel still offers the consent it loaded before: the server's gate refuses it now.
    const share = vp.locator('section.naast-share');
    await share.getByLabel(WORKER_LABEL).check();
    await share.getByRole('button', { name: 'Delen', exact: true }).click();
    const summary = share.locator('.naast-error-summary');
    await summary.getByText('De toestemming is ingetrokken').waitFor();
    await summary.getByText('De ouder heeft deze toestemming ingetrokken. Er is niets gedeeld.').waitFor();
    await checkPage(vp, 'regie-share-refused');
    // Nothing went out: still the one mail to the worker.
    expect((await mailsTo(dataDir(), WORKER)).length).toBe(1);

    // Opened afresh, the consent is no longer offered at all.
    await vp.reload();
    await expectHeading(vp, `Verslag van ${MEETING}`);
    await settled(vp);
    await vp.locator('section.naast-share').getByRole('button', { name: 'Delen buiten de organisatie' }).click();
    await settled(vp);
    await vp.locator('section.naast-share').getByRole('button', { name: 'Sluiten', exact: false }).first().waitFor();
    expect(await vp.locator('section.naast-share').getByLabel(WORKER_LABEL).count()).toBe(0);

    await rp.goto(sharedPath);
    await expectHeading(rp, 'Niet meer beschikbaar');
    await rp.getByText('De ouder heeft de toestemming om dit te delen ingetrokken').waitFor();
    await checkPage(rp, 'regie-shared-item-revoked-390');
  });

  it('the parent sees the volunteer opening the dossier and sharing the report, and downloads their data', async () => {
    await pp.goto('/mijn-gezin');
    await settled(pp);
    await section(pp, 'portal-more').getByRole('link', { name: 'Mijn privacy' }).click();
    await expectHeading(pp, 'Mijn privacy');
    await settled(pp);

    // Who opened or changed the dossier, in plain words: name, role, organisation, what, when.
    const log = section(pp, 'privacy-log');
    await log.getByRole('heading', { name: 'Wie keek er in uw dossier' }).waitFor();
    const who = volunteerName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const opened = log.getByRole('listitem').filter({ hasText: new RegExp(`${who} \\(vrijwilliger, [^)]+\\) heeft uw dossier bekeken\\.`) });
    const shared = log.getByRole('listitem').filter({ hasText: new RegExp(`${who} \\(vrijwilliger, [^)]+\\) heeft iets uit uw dossier met uw toestemming gedeeld\\.`) });
    await opened.first().waitFor();
    await shared.first().waitFor();
    // No IP addresses or browser details.
    const logText = await log.innerText();
    expect(logText).not.toMatch(/\b\d{1,3}(\.\d{1,3}){3}\b/);
    expect(logText).not.toMatch(/Mozilla|Chrome/);
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await checkPage(pp, 'regie-privacy-log-390');

    // The parent's own reads are listed apart.
    await log.getByRole('button', { name: 'Toon wat ik zelf bekeek' }).click();
    await log.getByRole('heading', { name: 'Wat u zelf bekeek' }).waitFor();
    await log.getByRole('listitem').first().waitFor();
    expect(await log.getByRole('listitem').filter({ hasText: volunteerName }).count()).toBe(0);
    await checkPage(pp, 'regie-privacy-self-390');
    await log.getByRole('button', { name: 'Toon wie er in mijn dossier keek' }).click();
    await log.getByRole('heading', { name: 'Wie keek er in uw dossier' }).waitFor();

    // The download: machine-readable JSON with the family's data (the report, the comment's report, the consent), and a readable PDF.
    const downloads = section(pp, 'privacy-download');
    const [json] = await Promise.all([pp.waitForEvent('download'), downloads.getByRole('link', { name: 'Download als JSON' }).click()]);
    expect(json.suggestedFilename()).toMatch(/\.json$/);
    const text = fs.readFileSync((await json.path())!, 'utf8');
    const data = JSON.parse(text) as { format: string; families: Array<{ reference: string }> };
    expect(data.format).toBe('naast-personal-data/1');
    expect(data.families.length).toBeGreaterThanOrEqual(1);
    expect(text).toContain(BODY.split('\n')[0]!);
    expect(text).toContain(MEETING);
    expect(text).toContain(PURPOSE);
    expect(text).toContain('Daan');

    const [pdf] = await Promise.all([pp.waitForEvent('download'), downloads.getByRole('link', { name: 'Download als PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync((await pdf.path())!).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
