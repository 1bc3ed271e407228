import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Signs in through the sign-in page (Dutch labels) and waits until the page after it is shown. */
export async function signInUI(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.waitForURL((u) => u.pathname !== '/sign-in');
}

/** The page's one h1, once its text is `text` (screens load lazily). */
export async function expectHeading(page: Page, text: string | RegExp): Promise<void> {
  await page.locator('h1', { hasText: text }).waitFor({ state: 'visible' });
  expect(await page.locator('h1').count()).toBe(1);
}

/** Waits until no "loading" status is left on the page. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('.naast-loading'));
}
