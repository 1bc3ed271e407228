import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUsers, type CreatedUser } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// The users list shows 50 at a time; "Meer laden" fetches the next page with the cursor and adds it
// below, without repeating or skipping anyone. Other files' users may exist too: counts are relative.
describe('users list: load more', () => {
  let ctx: BrowserContext;
  let page: Page;
  let created: CreatedUser[];

  beforeAll(async () => {
    created = await createUsers(55, 'Meer Laden', { role: 'volunteer' });
    ctx = await newContext();
    page = await ctx.newPage();
    const admin = demoAccounts().admin!;
    await signInUI(page, admin.email, admin.password);
  });
  afterAll(async () => ctx?.close());

  const usersTable = () => page.getByRole('region', { name: 'Lijst van gebruikers' });
  const emails = async () => usersTable().locator('tbody tr td:nth-child(2)').allInnerTexts();

  it('shows the first 50, then the rest after "Meer laden"', async () => {
    await page.goto('/users');
    await expectHeading(page, 'Gebruikers');
    await settled(page);
    expect(await emails()).toHaveLength(50);
    await page.getByText('50 getoond').first().waitFor();

    const more = page.getByRole('button', { name: 'Meer laden' });
    while (await more.isVisible()) {
      const before = (await emails()).length;
      await more.click();
      await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Lijst van gebruikers"] tbody tr').length > n, before);
    }
    const all = await emails();
    expect(all.length).toBeGreaterThanOrEqual(60);
    expect(new Set(all).size).toBe(all.length);
    for (const u of created) expect(all).toContain(u.email);
    await page.getByText(`${all.length} getoond`).first().waitFor();
    await checkPage(page, 'users-load-more');
  });

  it('a filter starts again at the first page', async () => {
    await page.getByLabel('Rol', { exact: true }).first().selectOption('volunteer');
    await page.getByRole('button', { name: 'Toon' }).click();
    await page.getByText('50 getoond').first().waitFor();
    expect(await emails()).toHaveLength(50);
    await page.getByRole('button', { name: 'Meer laden' }).click();
    await page.waitForFunction(() => !document.body.innerText.includes('50 getoond'));
    const roles = await usersTable().locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(roles.length).toBeGreaterThan(50);
    expect(new Set(roles)).toEqual(new Set(['Vrijwilliger']));
  });
});
