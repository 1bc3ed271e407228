import fs from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, ApiClient, uniqueEmail } from './api.js';
import { checkPage, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 6, the sharing gate in the browser: the demo volunteer shares a report of their own family
// with the youth protection worker the parent gave consent to ("Delen buiten de organisatie"); the
// worker's mail (.eml) holds only a link; /gedeeld/<token> shows what was shared and downloads the
// PDF; after the consent is revoked the same link says it is no longer available, and the volunteer
// is told to ask the parent first. Axe on every page.

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

const today = (offset = 0) => new Date(Date.now() + offset * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });

describe('sharing a report outside the organisation, only with consent', () => {
  let volunteerCtx: BrowserContext;
  let recipientCtx: BrowserContext;
  let vp: Page;
  let rp: Page;
  let admin: ApiClient;
  let trajectoryId = '';
  let reportId = '';
  let consentId = '';
  let sharedPath = '';
  const WORKER = uniqueEmail('jeugdbeschermer');
  const WORKER_NAME = `Kim ${Date.now().toString(36)}`;
  const MEETING = `Gesprek over de omgang ${Date.now().toString(36)}`;
  const BODY = 'De moeder en de jeugdbeschermer spreken af dat de omgang op zaterdag blijft.';

  beforeAll(async () => {
    const account = demoAccounts().volunteer!;
    const volunteer = new ApiClient();
    await volunteer.signIn(account.email, account.password);
    const list = await ok(volunteer.call<{ items: Array<{ id: string; phase: string }> }>('GET', '/me/trajectories'));
    const t = list.items.find((x) => x.phase !== 'ended' && x.phase !== 'aftercare');
    if (!t) throw new Error('the demo volunteer has no active trajectory');
    trajectoryId = t.id;
    const meeting = await ok(volunteer.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/meetings`, { title: MEETING, scheduledAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'held' }));
    reportId = (await ok(volunteer.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/reports`, { meetingId: meeting.id, body: BODY }))).id;

    // The parent told the coordinator in person that the youth protection worker may have the reports (recorded by staff).
    admin = await adminClient();
    const recipient = await ok(
      admin.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/consent-recipients`, { kind: 'youth_protection_worker', name: WORKER_NAME, organisation: 'GI Zuid', email: WORKER }),
    );
    consentId = (
      await ok(
        admin.call<{ id: string }>('POST', `/trajectories/${trajectoryId}/consents`, {
          recipientId: recipient.id,
          purpose: 'Voorbereiden van de zitting',
          categories: ['reports'],
          validFrom: today(),
          validUntil: today(60),
          staffNote: 'Moeder gaf in het gesprek van vandaag toestemming.',
        }),
      )
    ).id;

    volunteerCtx = await newContext({ width: 360, height: 800 });
    vp = await volunteerCtx.newPage();
    await signInUI(vp, account.email, account.password);
    recipientCtx = await newContext({ width: 360, height: 740, locale: 'nl-NL' });
    rp = await recipientCtx.newPage();
  });
  afterAll(async () => {
    await volunteerCtx?.close();
    await recipientCtx?.close();
  });

  it('the volunteer shares the report with the consented worker from the report page', async () => {
    await vp.goto(`/trajecten/${trajectoryId}/verslagen/${reportId}`);
    await settled(vp);
    const share = vp.locator('section.naast-share');
    await share.getByRole('button', { name: 'Delen buiten de organisatie' }).click();
    await settled(vp);
    await share.getByLabel(new RegExp(WORKER_NAME)).check();
    await checkPage(vp, 'share-report-choose-360');
    await share.getByRole('button', { name: 'Delen', exact: true }).click();
    await share.getByText(`Gedeeld met Jeugdbeschermer ${WORKER_NAME} (GI Zuid)`).waitFor();
    await checkPage(vp, 'share-report-done-360');
  });

  it("the worker's mail holds only the link; the link shows what was shared and downloads the PDF", async () => {
    const mail = await simpleParser(await latestMailTo(WORKER));
    expect(mail.subject).toContain('Er is een document met u gedeeld');
    const text = mail.text ?? '';
    for (const secret of [BODY, MEETING, WORKER_NAME]) expect(text).not.toContain(secret);
    const m = text.match(/https?:\/\/[^\s]+(\/gedeeld\/[0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/);
    if (!m) throw new Error('no /gedeeld/ link in the mail');
    sharedPath = m[1]!;

    await rp.goto(sharedPath);
    await expectHeading(rp, 'Er is een document met u gedeeld');
    await rp.getByText('Een verslag van een gesprek').waitFor();
    await checkPage(rp, 'shared-item-360');
    const [download] = await Promise.all([rp.waitForEvent('download'), rp.getByRole('link', { name: 'Download het document (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('after the consent is revoked the link says it is no longer available, and the volunteer is told to ask the parent', async () => {
    await ok(admin.call('POST', `/trajectories/${trajectoryId}/consents/${consentId}/revoke`, { note: 'Moeder trekt de toestemming in.' }));
    await rp.goto(sharedPath);
    await expectHeading(rp, 'Niet meer beschikbaar');
    await rp.getByText('De ouder heeft de toestemming om dit te delen ingetrokken').waitFor();
    await checkPage(rp, 'shared-item-revoked-360');
    const res = await fetch(new URL(`/api/v1/shared/${sharedPath.split('/').pop()}/download`, rp.url()));
    expect(res.status).toBe(410);

    await vp.reload();
    await settled(vp);
    const share = vp.locator('section.naast-share');
    await share.getByRole('button', { name: 'Delen buiten de organisatie' }).click();
    await share.getByText('U kunt dit nog niet delen').waitFor();
    await checkPage(vp, 'share-report-no-consent-360');
  });
});
