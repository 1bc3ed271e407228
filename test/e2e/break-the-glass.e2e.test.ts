import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, createUser, locationId, type ApiClient, type CreatedUser } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Break-the-glass: the demo coordinator works at Helmond. A volunteer of Tilburg is outside that
// relationship, so the record opens only after a stated reason, which the audit log then shows.
describe('coordinator: a record of another location asks for a reason', () => {
  const REASON = 'Vervanging van een collega van een andere vestiging deze week';
  let admin: ApiClient;
  let volunteer: CreatedUser;
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    admin = await adminClient();
    volunteer = await createUser('Vrijwilliger Tilburg', { role: 'volunteer', locationIds: [await locationId(admin, 'Tilburg')], admin });
    ctx = await newContext();
    page = await ctx.newPage();
    const coordinator = demoAccounts().coordinator!;
    await signInUI(page, coordinator.email, coordinator.password);
  });
  afterAll(async () => ctx?.close());

  it('shows an accessible reason form that names nobody', async () => {
    await page.goto(`/users/${volunteer.id}`);
    await expectHeading(page, 'Reden nodig');
    const main = await page.locator('main').innerText();
    expect(main).toContain('Deze persoon werkt niet op uw vestiging.');
    expect(main).not.toContain(volunteer.displayName);
    expect(main).not.toContain(volunteer.email);
    expect(await page.title()).not.toContain(volunteer.displayName);
    await checkPage(page, 'user-reason');
  });

  it('refuses a reason that is too short, next to the field', async () => {
    const reason = page.getByLabel('Reden', { exact: true });
    await reason.fill('te kort');
    await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    await page.locator('.naast-error-summary', { hasText: 'Reden' }).waitFor();
    await checkPage(page, 'user-reason-error');
    expect(await page.locator('h1').innerText()).toBe('Reden nodig');
  });

  it('with a reason, the record shows and its heading has focus', async () => {
    await page.getByLabel('Reden', { exact: true }).fill(REASON);
    await page.getByRole('button', { name: 'Gegevens bekijken' }).click();
    await expectHeading(page, volunteer.displayName);
    await settled(page);
    const details = await page.locator('dl').innerText();
    expect(details).toContain(volunteer.email);
    expect(details).toContain('Tilburg');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await checkPage(page, 'user-detail-after-reason');
  });

  it('asks again on the next visit; cancel goes back to the list', async () => {
    await page.reload();
    await expectHeading(page, 'Reden nodig');
    await page.getByRole('button', { name: 'Annuleren' }).click();
    await expectHeading(page, 'Gebruikers');
    expect(new URL(page.url()).pathname).toBe('/users');
  });

  it('the admin sees the read with its reason in the audit log', async () => {
    const events = await admin.call<{ items: Array<{ reason: string | null; actor: { role: string | null } }> }>('GET', `/audit-events?subjectId=${volunteer.id}&action=read`);
    expect(events.body.items.map((e) => [e.actor.role, e.reason])).toEqual([['coordinator', REASON]]);

    const c = await newContext();
    try {
      const p = await c.newPage();
      const account = demoAccounts().admin!;
      await signInUI(p, account.email, account.password);
      await p.goto('/audit-log');
      await expectHeading(p, 'Logboek');
      await settled(p);
      const row = await p.locator('tr', { hasText: REASON }).innerText();
      expect(row).toContain('Demo Coördinator');
      expect(row).toContain(volunteer.displayName);
      // Reasons the server writes as codes read as words.
      expect(await p.locator('tr', { hasText: 'Uitnodiging geaccepteerd' }).first().innerText()).toContain(volunteer.displayName);
      await checkPage(p, 'audit-log-reason');
    } finally {
      await c.close();
    }
  });
});
