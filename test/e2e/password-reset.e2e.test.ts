import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { ApiClient, createParent, linkFromMail } from './api.js';
import { checkPage, newContext } from './harness.js';
import { expectHeading, signInUI } from './ui.js';

// Forgot password → the mail's link (token in the fragment) → a new password → sign in with it.
describe('password reset from the mail', () => {
  let ctx: BrowserContext;
  let page: Page;
  let user: { email: string; password: string; displayName: string };
  const newPassword = 'Mijn nieuwe wachtwoord is een zin';

  beforeAll(async () => {
    user = await createParent('Ouder Wachtwoord');
    ctx = await newContext();
    page = await ctx.newPage();
  });
  afterAll(async () => ctx?.close());

  it('asks for a link; the answer does not reveal whether the address has an account', async () => {
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await expectHeading(page, 'Wachtwoord vergeten');
    const since = Date.now() - 1000;
    await page.getByLabel('E-mailadres').fill(user.email);
    await page.getByRole('button', { name: 'Stuur de link' }).click();
    const sent = await page.getByText('Als er een account is met dit e-mailadres').innerText();
    await checkPage(page, 'forgot-password-sent');

    // An unknown address gets the very same answer.
    const other = await newContext();
    try {
      const p = await other.newPage();
      await p.goto('/forgot-password');
      await p.getByLabel('E-mailadres').fill('nobody-here@example.org');
      await p.getByRole('button', { name: 'Stuur de link' }).click();
      expect(await p.getByText('Als er een account is met dit e-mailadres').innerText()).toBe(sent);
    } finally {
      await other.close();
    }

    const link = await linkFromMail(user.email, '/reset-password', since);
    await page.goto(link);
    await expectHeading(page, 'Nieuw wachtwoord kiezen');
    await page.getByLabel('Nieuw wachtwoord').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    await checkPage(page, 'reset-password');

    // Too short: refused in the form, with the message next to the field.
    await page.getByLabel('Nieuw wachtwoord').fill('te kort');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.getByText('Vul minimaal 12 tekens in.').first().waitFor();
    expect(await page.getByLabel('Nieuw wachtwoord').getAttribute('aria-invalid')).toBe('true');
    await checkPage(page, 'reset-password-error');

    await page.getByLabel('Nieuw wachtwoord').fill(newPassword);
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await expectHeading(page, 'Inloggen');
    expect(await page.locator('main').innerText()).toContain('Uw wachtwoord is gewijzigd.');

    // The link works once.
    await page.goto(link);
    await page.getByLabel('Nieuw wachtwoord').fill('Nog een ander lang wachtwoord');
    await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
    await page.locator('.naast-error-summary [role="alert"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/reset-password');
  });

  it('the old password no longer works; the new one does', async () => {
    const api = new ApiClient();
    expect((await api.call('POST', '/auth/login', { email: user.email, password: user.password })).status).toBe(401);
    await signInUI(page, user.email, newPassword);
    await expectHeading(page, 'Welkom, Ouder Wachtwoord');
  });
});
