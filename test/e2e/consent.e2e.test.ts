import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, ApiClient, createParent, type CreatedUser } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 6, the consent register on a phone (360 px): a parent (a new account, linked here to a demo
// family the way a coordinator would) adds their youth protection worker as a recipient, tries an end
// date before the start (refused at the field), gives the consent, reads it back in plain words,
// withdraws it after a confirmation and finds it in the history. Axe on every state of the page.

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('the parent gives and withdraws a consent', () => {
  let ctx: BrowserContext;
  let page: Page;
  let parent: CreatedUser;
  let trajectoryId = '';
  const PURPOSE = `Overleg over de terugplaatsing ${Date.now().toString(36)}`;
  const LAWYER = `Mr. De Wit ${Date.now().toString(36)}`;
  const section = (id: string) => page.locator(`section[aria-labelledby="${id}"]`);

  beforeAll(async () => {
    const admin = await adminClient();
    parent = await createParent('Ouder Toestemming');
    // A running family that is not one of the demo volunteer's (other browser tests use those).
    const volunteer = new ApiClient();
    const v = demoAccounts().volunteer!;
    await volunteer.signIn(v.email, v.password);
    const theirs = new Set((await ok(volunteer.call<{ items: Array<{ id: string }> }>('GET', '/me/trajectories'))).items.map((x) => x.id));
    const list = await ok(admin.call<{ items: Array<{ id: string; phase: string }> }>('GET', '/trajectories?limit=200'));
    const t = list.items.find((x) => !theirs.has(x.id) && x.phase !== 'ended' && x.phase !== 'aftercare');
    if (!t) throw new Error('no running demo trajectory outside the demo volunteer');
    trajectoryId = t.id;
    const dossier = await ok(admin.call<{ trajectory: { applicationId: string } }>('GET', `/trajectories/${t.id}`));
    await ok(admin.call('POST', `/applications/${dossier.trajectory.applicationId}/link-parent`, { userId: parent.id }));
    // A lawyer on the family map: staff can add them as a recipient in one click.
    await ok(admin.call('POST', `/trajectories/${t.id}/family-map`, { role: 'lawyer', name: LAWYER, organisation: 'Advocatenkantoor De Brug' }));

    ctx = await newContext({ width: 360, height: 800 });
    page = await ctx.newPage();
    await signInUI(page, parent.email, parent.password);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  it('opens Toestemmingen from the menu: nothing is shared yet', async () => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Toestemmingen' }).click();
    await expectHeading(page, 'Mijn toestemmingen');
    await settled(page);
    await section('my-consents-now').getByText('U hebt nu geen toestemming gegeven').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkPage(page, 'consent-mine-empty-360');
  });

  it('adds the youth protection worker and gives a consent; an end before the start is refused at the field', async () => {
    await page.getByRole('button', { name: 'Nieuwe toestemming', exact: true }).click();
    await page.getByLabel('Wie is het?').selectOption({ label: 'Jeugdbeschermer' });
    await page.getByLabel('Naam', { exact: true }).fill('Sanne de Vries');
    await page.getByLabel('Organisatie').fill('William Schrikker');
    await page.getByLabel('E-mailadres').fill('sanne.devries@e2e.naast.test');
    await checkPage(page, 'consent-recipient-form-360');
    await page.getByRole('button', { name: 'Ontvanger toevoegen' }).click();
    await page.getByText('Sanne de Vries staat nu in de lijst.').waitFor();

    // The new recipient is chosen already; fill in the rest with the end before the start.
    const recipient = page.getByLabel('Jeugdbeschermer Sanne de Vries (William Schrikker)');
    await recipient.waitFor();
    expect(await recipient.isChecked()).toBe(true);
    await page.getByLabel('Waarvoor?').fill(PURPOSE);
    await page.getByLabel('Verslagen', { exact: true }).check();
    await page.getByLabel('Het plan', { exact: true }).check();
    await page.getByLabel('Vanaf').fill('2026-12-10');
    await page.getByLabel('Tot en met').fill('2026-12-01');
    await page.getByRole('button', { name: 'Toestemming geven' }).click();
    await page.locator('.naast-error-summary').getByText('De einddatum moet op of na de begindatum liggen.').waitFor();
    await checkPage(page, 'consent-form-error-360');

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
    await page.getByLabel('Vanaf').fill(today);
    await page.getByLabel('Tot en met').fill('2027-06-01');
    await page.getByRole('button', { name: 'Toestemming geven' }).click();
    const sentence = `Jeugdbeschermer Sanne de Vries (William Schrikker) mag verslagen en het plan zien voor: ${PURPOSE}, tot 1 juni 2027.`;
    await section('my-consents-now').getByText(sentence).waitFor();
    await section('my-consents-now').getByText('Geldt nu').waitFor();
    await section('my-consents-now').getByText('Er is nog niets gedeeld met deze toestemming.').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkPage(page, 'consent-mine-active-360');

    // Reloaded from the server, it is still there.
    await page.reload();
    await expectHeading(page, 'Mijn toestemmingen');
    await settled(page);
    await section('my-consents-now').getByText(sentence).waitFor();
  });

  it('withdraws it after a confirmation; it moves to the history and stays there', async () => {
    const now = section('my-consents-now');
    await now.getByRole('button', { name: 'Intrekken' }).click();
    await now.getByText('Weet u zeker dat u deze toestemming wilt intrekken?').waitFor();
    await checkPage(page, 'consent-revoke-confirm-360');
    // Changing one's mind first: nothing happens.
    await now.getByRole('button', { name: 'Nee, toch niet' }).click();
    await now.getByText('Geldt nu').waitFor();

    await now.getByRole('button', { name: 'Intrekken' }).click();
    await now.getByLabel('Waarom trekt u de toestemming in?').fill('Ik bespreek het liever zelf.');
    await now.getByRole('button', { name: 'Ja, intrekken' }).click();
    await page.getByText(/^Ingetrokken: Jeugdbeschermer Sanne de Vries/).waitFor();
    await now.getByText('U hebt nu geen toestemming gegeven').waitFor();
    const history = section('my-consents-history');
    await history.getByText(PURPOSE, { exact: false }).waitFor();
    await history.getByText('Ingetrokken', { exact: true }).waitFor();
    await history.getByText('Reden van intrekken: Ik bespreek het liever zelf.').waitFor();
    await checkPage(page, 'consent-mine-history-360');

    // The server agrees: withdrawn, kept.
    const api = new ApiClient();
    await api.signIn(parent.email, parent.password);
    const mine = await ok(api.call<{ consents: Array<{ purpose: string; status: string }> }>('GET', '/me/consents'));
    expect(mine.consents.find((c) => c.purpose === PURPOSE)?.status).toBe('revoked');
  });

  it('staff see it in the dossier, add the lawyer from the family map, record a consent the parent gave in person with a note; the parent sees who wrote it down', async () => {
    const staffCtx = await newContext({ width: 1280, height: 900 });
    try {
      const sp = await staffCtx.newPage();
      const admin = demoAccounts().admin!;
      await signInUI(sp, admin.email, admin.password);
      await sp.goto(`/trajecten/${trajectoryId}`);
      await settled(sp);
      const consent = sp.locator('section[aria-labelledby="dossier-consent"]');
      await consent.getByText(PURPOSE, { exact: false }).waitFor();
      await consent.getByText('Ingetrokken', { exact: true }).waitFor();
      await consent.getByText('Jeugdbeschermer Sanne de Vries (William Schrikker) · sanne.devries@e2e.naast.test').waitFor();

      // From the family map, one click makes the lawyer a recipient (and the suggestion goes away).
      const fromMap = consent.getByRole('button', { name: `Toevoegen: Advocaat ${LAWYER} (Advocatenkantoor De Brug)` });
      await fromMap.click();
      await consent.getByText(`${LAWYER} staat nu in de lijst.`).waitFor();
      await consent.getByText(`Advocaat ${LAWYER} (Advocatenkantoor De Brug)`, { exact: true }).waitFor();
      expect(await fromMap.count()).toBe(0);

      await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
      await consent.getByRole('radio', { name: 'Jeugdbeschermer Sanne de Vries (William Schrikker)' }).check();
      const recipient = consent.getByRole('radio', { name: 'Jeugdbeschermer Sanne de Vries (William Schrikker)' });
      expect(await recipient.isChecked()).toBe(true);
      await consent.getByLabel('Waarvoor?').fill(`Brief aan de rechtbank ${PURPOSE}`);
      await consent.getByLabel('Brieven', { exact: true }).check();
      // Without the note of the conversation it is not recorded.
      await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
      await consent.locator('.naast-error-summary').getByText('Notitie van het gesprek').waitFor();
      await consent.getByLabel('Notitie van het gesprek').fill('Moeder gaf toestemming in het gesprek op kantoor.');
      await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
      await consent.getByText(/^Vastgelegd: Jeugdbeschermer Sanne de Vries/).waitFor();
      await consent.getByText('Uit het gesprek: Moeder gaf toestemming in het gesprek op kantoor.').waitFor();
      await consent.getByText('Geldt nu').waitFor();
      await checkPage(sp, 'consent-dossier-section');
    } finally {
      await staffCtx.close();
    }

    await page.reload();
    await expectHeading(page, 'Mijn toestemmingen');
    await settled(page);
    const now = section('my-consents-now');
    await now.getByText(`Brief aan de rechtbank ${PURPOSE}`, { exact: false }).waitFor();
    await now.getByText('Uit het gesprek: Moeder gaf toestemming in het gesprek op kantoor.').waitFor();
    await now.getByText(/na een gesprek\.$/).waitFor();
    await checkPage(page, 'consent-mine-recorded-360');
  });
});
