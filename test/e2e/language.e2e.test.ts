import { describe, expect, it } from 'vitest';
import { createParent } from './api.js';
import { checkPage, newContext } from './harness.js';
import { expectHeading, signInUI } from './ui.js';

// Dutch by default, English on request: remembered in the browser when signed out, and in the
// user's profile when signed in (so it follows them to another browser).
describe('language switch', () => {
  it('signed out: the switch changes the page and the choice survives a reload', async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      await page.goto('/sign-in');
      await expectHeading(page, 'Inloggen');
      expect(await page.locator('html').getAttribute('lang')).toBe('nl');
      await page.getByRole('button', { name: /English/ }).click();
      await expectHeading(page, 'Sign in');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByLabel('Email address').count()).toBe(1);
      await checkPage(page, 'sign-in-en');
      await page.reload();
      await expectHeading(page, 'Sign in');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      // Server messages follow the language too.
      await page.getByLabel('Email address').fill('nobody@example.org');
      await page.getByLabel('Password', { exact: true }).fill('a wrong password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.naast-error-summary', { hasText: /sign.?in|incorrect|failed/i }).waitFor();
    } finally {
      await ctx.close();
    }
  });

  it('signed in: the choice is saved in the profile, survives a reload and follows the user', async () => {
    const user = await createParent('Ouder Taal');
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      await signInUI(page, user.email, user.password);
      await expectHeading(page, 'Welkom, Ouder Taal');
      const saved = page.waitForResponse((r) => r.url().endsWith('/api/v1/me') && r.request().method() === 'PATCH');
      await page.getByRole('button', { name: /English/ }).click();
      await expectHeading(page, 'Welcome, Ouder Taal');
      expect((await saved).ok()).toBe(true);
      expect(await page.getByRole('navigation', { name: 'Main menu' }).innerText()).toContain('My profile');
      // Forget the browser's own memory of the choice: what remains comes from the profile.
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await expectHeading(page, 'Welcome, Ouder Taal');
      await checkPage(page, 'home-parent-en');
    } finally {
      await ctx.close();
    }
    // Another browser (Dutch by default) shows English after sign-in, from the profile.
    const other = await newContext();
    try {
      const page = await other.newPage();
      await signInUI(page, user.email, user.password);
      await expectHeading(page, 'Welcome, Ouder Taal');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
    } finally {
      await other.close();
    }
  });
});
