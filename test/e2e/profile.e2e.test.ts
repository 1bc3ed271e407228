import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, createParent } from './api.js';
import { checkPage, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// The profile of a parent: name, password, optional two-factor (on, new recovery codes, off),
// "who looked at my data", and signing out everywhere.
describe('profile', () => {
  let ctx: BrowserContext;
  let page: Page;
  let user: { email: string; password: string; displayName: string };
  const newPassword = 'Een heel ander wachtwoord voor het profiel';

  beforeAll(async () => {
    user = await createParent('Ouder Profiel');
    ctx = await newContext();
    page = await ctx.newPage();
    await signInUI(page, user.email, user.password);
    await page.goto('/profile');
    await expectHeading(page, 'Mijn profiel');
    await settled(page);
  });
  afterAll(async () => ctx?.close());

  it('changes the name; the header follows', async () => {
    await page.getByLabel('Naam', { exact: true }).fill('Ouder Nieuwe Naam');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    expect(await page.locator('header').innerText()).toContain('Ouder Nieuwe Naam');
  });

  it('changes the password (the wrong current password is refused)', async () => {
    await page.getByLabel('Huidig wachtwoord').fill('niet mijn wachtwoord');
    await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.locator('.naast-error-summary [role="alert"]').first().waitFor();
    await checkPage(page, 'profile-password-error');

    await page.getByLabel('Huidig wachtwoord').fill(user.password);
    await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.getByText('Uw wachtwoord is gewijzigd.').waitFor();
    expect((await new ApiClient().call('POST', '/auth/login', { email: user.email, password: newPassword })).status).toBe(200);
  });

  it('turns two-factor on, makes new recovery codes, and turns it off again', async () => {
    await page.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).click();
    const secret = (await page.locator('#mfa-secret').innerText()).replace(/\s+/g, '');
    await checkPage(page, 'profile-mfa-enrol');
    const totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });
    await page.getByLabel('Code uit de app').fill(totp.generate());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { name: 'Bewaar uw herstelcodes' }).waitFor();
    expect(await page.locator('.naast-codes li').count()).toBe(10);
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await page.getByText('Tweestapsverificatie staat nu aan.').waitFor();

    await page.getByRole('button', { name: 'Nieuwe herstelcodes maken' }).click();
    await page.getByRole('heading', { name: 'Bewaar uw herstelcodes' }).waitFor();
    expect(await page.locator('.naast-codes li').count()).toBe(10);
    await checkPage(page, 'profile-new-codes');
    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();

    await page.getByRole('button', { name: 'Tweestapsverificatie uitzetten' }).click();
    await page.getByRole('button', { name: 'Ja, zet het uit' }).click();
    await page.getByText('Tweestapsverificatie staat nu uit.').waitFor();
    await page.getByRole('button', { name: 'Tweestapsverificatie aanzetten' }).waitFor();
  });

  it('lists who did what with my data', async () => {
    await page.reload();
    await expectHeading(page, 'Mijn profiel');
    await settled(page);
    const activity = page.locator('table', { hasText: 'Wanneer' });
    await activity.waitFor();
    expect(await activity.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await activity.innerText()).toContain('Uzelf');
  });

  it('signs out everywhere, including here', async () => {
    const other = new ApiClient();
    await other.signIn(user.email, newPassword);
    expect((await other.call('GET', '/auth/session')).body).toMatchObject({ user: { email: user.email } });
    await page.getByRole('button', { name: 'Overal uitloggen, ook hier' }).click();
    await expectHeading(page, 'Inloggen');
    expect((await other.call('GET', '/auth/session')).body).toMatchObject({ user: null });
  });
});
