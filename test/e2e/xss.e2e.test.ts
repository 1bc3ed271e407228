import { describe, expect, it } from 'vitest';
import { adminClient, createParent } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, filterUsersByRole, settled, signInUI } from './ui.js';

const PAYLOAD = '<img src=x onerror=alert(1)><script>alert(2)</script>';

// Names are data, never markup: a display name full of HTML is shown as text everywhere.
describe('HTML and script in names are shown as text', () => {
  it('in the header, the users list, the user page and the invitation list', async () => {
    const user = await createParent(PAYLOAD);
    // A pending invitation with the same name, for the invitation list.
    const admin = await adminClient();
    expect((await admin.call('POST', '/users/invitations', { email: `xss-${Date.now()}@e2e.naast.test`, displayName: PAYLOAD, role: 'parent', locationIds: [] })).status).toBe(201);

    const dialogs: string[] = [];
    const check = async (page: import('playwright-core').Page) => {
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      expect(await page.evaluate(() => [...document.querySelectorAll('script')].filter((s) => s.textContent?.includes('alert(2)')).length)).toBe(0);
      expect(await page.locator('body').innerText()).toContain(PAYLOAD);
    };

    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await signInUI(page, user.email, user.password);
      await expectHeading(page, /Welkom/);
      await check(page);
      await checkPage(page, 'xss-home');
    } finally {
      await ctx.close();
    }

    const actx = await newContext();
    try {
      const page = await actx.newPage();
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      const acc = demoAccounts().admin!;
      await signInUI(page, acc.email, acc.password);
      await page.goto('/users');
      await expectHeading(page, 'Gebruikers');
      await settled(page);
      await filterUsersByRole(page, 'parent');
      await page.locator('table', { hasText: PAYLOAD }).first().waitFor();
      await check(page);
      await checkPage(page, 'xss-users');
      await page.getByRole('link', { name: PAYLOAD }).first().click();
      await expectHeading(page, PAYLOAD);
      await settled(page);
      await check(page);
      expect(await page.title()).toContain(PAYLOAD);
    } finally {
      await actx.close();
    }
    expect(dialogs).toEqual([]);
  });
});
