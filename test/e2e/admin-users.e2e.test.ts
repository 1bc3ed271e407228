import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, adminClient, createParent, uniqueEmail } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, filterUsersByRole, settled, signInUI } from './ui.js';

// The admin's user management in the browser: change a role and locations, deactivate (the person
// can no longer sign in) and reactivate, revoke a pending invitation, filter the list.
describe('admin: users', () => {
  let ctx: BrowserContext;
  let page: Page;
  let user: { email: string; password: string; displayName: string };

  beforeAll(async () => {
    user = await createParent('Ouder Beheer');
    ctx = await newContext();
    page = await ctx.newPage();
    const admin = demoAccounts().admin!;
    await signInUI(page, admin.email, admin.password);
  });
  afterAll(async () => ctx?.close());

  it('changes role and locations of a user', async () => {
    await page.goto('/users');
    await settled(page);
    await filterUsersByRole(page, 'parent');
    await page.getByRole('link', { name: 'Ouder Beheer' }).click();
    await expectHeading(page, 'Ouder Beheer');
    await settled(page);
    await page.getByLabel('Rol', { exact: true }).selectOption('volunteer');
    await page.getByLabel('Tilburg').check();
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    const details = await page.locator('dl').innerText();
    expect(details).toContain('Vrijwilliger');
    expect(details).toContain('Tilburg');
    await checkPage(page, 'user-detail-changed');
    await page.reload();
    await expectHeading(page, 'Ouder Beheer');
    await settled(page);
    expect(await page.locator('dl').innerText()).toContain('Tilburg');
  });

  it('deactivates a user, who can then no longer sign in, and reactivates them', async () => {
    await page.getByRole('button', { name: 'Account uitzetten' }).click();
    await page.getByText('Het account staat uit.').waitFor();
    expect(await page.locator('dl').innerText()).toContain('Gedeactiveerd');
    expect((await new ApiClient().call('POST', '/auth/login', { email: user.email, password: user.password })).status).toBe(401);

    await page.getByRole('button', { name: 'Account weer aanzetten' }).click();
    await page.getByText('Het account staat weer aan.').waitFor();
    expect(await page.locator('dl').innerText()).toContain('Actief');
    expect((await new ApiClient().call('POST', '/auth/login', { email: user.email, password: user.password })).status).toBe(200);
  });

  it('filters the list by role', async () => {
    await page.goto('/users');
    await settled(page);
    await filterUsersByRole(page, 'funder');
    const table = await page.locator('main table').first().innerText();
    expect(table).toContain('funder@demo.naast.nl');
    expect(table).not.toContain('coordinator@demo.naast.nl');
  });

  it('revokes a pending invitation', async () => {
    const admin = await adminClient();
    const email = uniqueEmail('revoke');
    expect((await admin.call('POST', '/users/invitations', { email, displayName: 'In Te Trekken', role: 'parent', locationIds: [] })).status).toBe(201);
    await page.goto('/users');
    await settled(page);
    await page.locator('table', { hasText: email }).waitFor();
    await page.getByRole('button', { name: 'Intrekken In Te Trekken' }).click();
    await page.getByText('De uitnodiging voor In Te Trekken is ingetrokken.').waitFor();
    expect(await page.locator('main').innerText()).not.toContain(email);
  });
});
