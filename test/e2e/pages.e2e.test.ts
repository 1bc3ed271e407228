import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Every screen of the shell passes the axe scan (WCAG 2.1 A/AA) with one h1, for each role's home,
// on a desktop and on a 360 px phone.
describe('every page is accessible', () => {
  let ctx: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ctx = await newContext();
    page = await ctx.newPage();
  });
  afterAll(async () => ctx?.close());

  it('signed-out pages: sign-in, forgot password, reset and invitation links without a token, 404', async () => {
    await page.goto('/sign-in');
    await expectHeading(page, 'Inloggen');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    expect(await page.locator('.naast-demo-banner').innerText()).toMatch(/Demo/);
    await checkPage(page, 'sign-in');

    await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
    await expectHeading(page, 'Wachtwoord vergeten');
    await checkPage(page, 'forgot-password');

    await page.goto('/reset-password');
    await expectHeading(page, 'Nieuw wachtwoord kiezen');
    await checkPage(page, 'reset-password-no-token');

    await page.goto('/invitation');
    await expectHeading(page, 'Uitnodiging accepteren');
    await checkPage(page, 'invitation-no-token');

    await page.goto('/does-not-exist');
    await expectHeading(page, 'Pagina niet gevonden');
    await checkPage(page, 'not-found');
  });

  it('sign-in errors are shown in a summary and next to the fields, and announced', async () => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    const email = page.getByLabel('E-mailadres');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await email.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText()).toMatch(/verplicht|geldig/);
    // The summary has focus and role=alert, and links to the field.
    expect(await page.evaluate(() => document.activeElement?.classList.contains('naast-error-summary'))).toBe(true);
    expect(await page.locator('.naast-error-summary [role="alert"]').count()).toBe(1);
    await checkPage(page, 'sign-in-errors');

    await email.fill('nobody@example.org');
    await page.getByLabel('Wachtwoord', { exact: true }).fill('wrong password 123');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('.naast-error-summary', { hasText: 'Inloggen mislukt' }).waitFor();
    expect(page.url()).toMatch(/\/sign-in$/);
  });

  it('the admin screens: home, users, user detail, organisation, audit log, profile', async () => {
    const admin = demoAccounts().admin!;
    await signInUI(page, admin.email, admin.password);
    await expectHeading(page, /Welkom/);
    expect(await page.locator('header').innerText()).toContain('Stichting Naast Demo');
    await checkPage(page, 'home-admin');

    await page.getByRole('link', { name: 'Gebruikers' }).first().click();
    await expectHeading(page, 'Gebruikers');
    await settled(page);
    expect(await page.locator('table').first().innerText()).toContain('coordinator@demo.naast.nl');
    await checkPage(page, 'users');

    await page.getByRole('link', { name: /Coördinator/ }).first().click();
    await expectHeading(page, /Coördinator/);
    await settled(page);
    await checkPage(page, 'user-detail');

    await page.getByRole('link', { name: 'Organisatie' }).click();
    await expectHeading(page, 'Organisatie');
    await settled(page);
    expect(await page.locator('main').innerText()).toContain('Tilburg');
    await checkPage(page, 'organisation');

    await page.getByRole('link', { name: 'Logboek' }).click();
    await expectHeading(page, 'Logboek');
    await settled(page);
    await checkPage(page, 'audit-log');

    await page.getByRole('link', { name: 'Mijn profiel' }).click();
    await expectHeading(page, 'Mijn profiel');
    await settled(page);
    await checkPage(page, 'profile-admin');
  });

  it('an admin can add and remove a location and a municipality of the work area', async () => {
    await page.goto('/organisation');
    await settled(page);
    await page.getByLabel('Naam van de nieuwe locatie').fill('Eindhoven E2E');
    await page.getByRole('button', { name: 'Locatie toevoegen' }).click();
    await page.getByText('Locatie Eindhoven E2E is toegevoegd.').waitFor();
    await page.getByRole('button', { name: 'Verwijderen Eindhoven E2E' }).click();
    await page.getByText('Locatie Eindhoven E2E is verwijderd.').waitFor();

    const municipality = page.getByLabel('Gemeente', { exact: true });
    const value = await municipality.locator('option').nth(1).getAttribute('value');
    const label = ((await municipality.locator('option').nth(1).innerText()) ?? '').replace(/ \(.*\)$/, '');
    await municipality.selectOption(value!);
    await page.getByRole('button', { name: 'Gemeente toevoegen' }).click();
    await page.getByText(`${label} is toegevoegd aan het werkgebied.`).waitFor();
    await page.getByRole('button', { name: `Weghalen ${label}` }).click();
    await page.getByText(`${label} is uit het werkgebied gehaald.`).waitFor();
    await checkPage(page, 'organisation-after-changes');
  });

  it('each role sees its own home page with an empty state, and no admin menu', async () => {
    const accounts = demoAccounts();
    const expected: Record<string, string> = { coordinator: 'Aanmelding en koppeling', volunteer: 'Uw gezinnen', parent: 'Uw dossier', funder: 'Cijfers voor uw gemeente' };
    for (const [role, section] of Object.entries(expected)) {
      const c = await newContext();
      try {
        const p = await c.newPage();
        await signInUI(p, accounts[role]!.email, accounts[role]!.password);
        await expectHeading(p, /Welkom/);
        expect(await p.locator('main').innerText()).toContain(section);
        const nav = await p.getByRole('navigation', { name: 'Hoofdmenu' }).innerText();
        expect(nav).not.toContain('Logboek');
        if (role !== 'coordinator') expect(nav).not.toContain('Gebruikers');
        await checkPage(p, `home-${role}`);
        // A page the role may not open answers like a missing page.
        await p.goto('/audit-log');
        await expectHeading(p, 'Pagina niet gevonden');
      } finally {
        await c.close();
      }
    }
  });

  it('works on a 360 px wide phone and at 400% zoom', async () => {
    const c = await newContext({ width: 360, height: 740 });
    try {
      const p = await c.newPage();
      await p.goto('/sign-in');
      await expectHeading(p, 'Inloggen');
      await checkPage(p, 'sign-in-360');
      const admin = demoAccounts().admin!;
      await signInUI(p, admin.email, admin.password);
      for (const [path, title, name] of [
        ['/', /Welkom/, 'home-admin-360'],
        ['/users', 'Gebruikers', 'users-360'],
        ['/organisation', 'Organisatie', 'organisation-360'],
        ['/profile', 'Mijn profiel', 'profile-360'],
      ] as const) {
        await p.goto(path);
        await expectHeading(p, title);
        await settled(p);
        // No sideways scrolling of the page itself (tables scroll inside their own region).
        expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        await checkPage(p, name);
      }
    } finally {
      await c.close();
    }
    // 400% zoom of a 1280 px window is a 320 CSS px viewport: still no sideways scrolling.
    const z = await newContext({ width: 320, height: 640 });
    try {
      const p = await z.newPage();
      await p.goto('/sign-in');
      await expectHeading(p, 'Inloggen');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
      await checkPage(p, 'sign-in-320');
    } finally {
      await z.close();
    }
  });

  it('a protected page without a session goes to sign-in with a message, and back after signing in', async () => {
    const c = await newContext();
    try {
      const p = await c.newPage();
      await p.goto('/profile');
      await expectHeading(p, 'Inloggen');
      expect(new URL(p.url()).pathname).toBe('/sign-in');
      expect(await p.locator('main').innerText()).toContain('Log in om deze pagina te bekijken.');
      await checkPage(p, 'sign-in-required');
      const parent = demoAccounts().parent!;
      await p.getByLabel('E-mailadres').fill(parent.email);
      await p.getByLabel('Wachtwoord', { exact: true }).fill(parent.password);
      await p.getByRole('button', { name: 'Inloggen' }).click();
      await expectHeading(p, 'Mijn profiel');
    } finally {
      await c.close();
    }
  });

  it('a session that ends while the page is open sends the user to sign-in with a message', async () => {
    const c = await newContext();
    try {
      const p = await c.newPage();
      const admin = demoAccounts().admin!;
      await signInUI(p, admin.email, admin.password);
      await expectHeading(p, /Welkom/);
      // The session ends on the server (like an idle timeout): every session of this user is gone.
      const other = await adminClient();
      expect((await other.call('POST', '/auth/logout-everywhere', { keepThisSession: false })).status).toBeLessThan(300);
      await p.getByRole('link', { name: 'Gebruikers' }).first().click();
      await expectHeading(p, 'Inloggen');
      expect(await p.locator('main').innerText()).toContain('U was te lang niet actief');
      await checkPage(p, 'sign-in-expired');
    } finally {
      await c.close();
    }
  });
});
