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

const ROLE_LABELS: Record<string, string> = { admin: 'Beheerder', coordinator: 'Coördinator', volunteer: 'Vrijwilliger', parent: 'Ouder', funder: 'Financier (gemeente)' };

/**
 * On /users: shows one role only. Other browser tests add many users (the list shows 50 at a time),
 * so a test that looks for its own user in the list narrows it first.
 */
export async function filterUsersByRole(page: Page, role: string): Promise<void> {
  await page.getByLabel('Rol', { exact: true }).first().selectOption(role);
  await page.getByRole('button', { name: 'Toon' }).click();
  await page.waitForFunction((label) => {
    const cells = [...document.querySelectorAll('[aria-label="Lijst van gebruikers"] tbody tr td:nth-child(3)')];
    return cells.length > 0 && cells.every((td) => td.textContent === label);
  }, ROLE_LABELS[role]);
  await settled(page);
}
