import { Secret, TOTP } from 'otpauth';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkFromMail, uniqueEmail } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

const PERIOD_MS = 30_000;
const step = (t = Date.now()) => Math.floor(t / PERIOD_MS);

/** A code of a time step after `afterStep`: the server refuses a step it has already seen (no replay). */
async function freshCode(totp: TOTP, afterStep: number): Promise<string> {
  while (step() <= afterStep) await new Promise((r) => setTimeout(r, Math.min(1000, PERIOD_MS - (Date.now() % PERIOD_MS) + 50)));
  return totp.generate();
}

// The journey of a new staff member: the admin invites, the invitee accepts from the mail, chooses a
// password, must enrol in two-factor (QR + secret, code computed here from the secret on screen),
// sees ten recovery codes once, then signs out and in again with a new code.
describe('invitation, two-factor enrolment and sign-in with a code', () => {
  let admin: BrowserContext;
  let invitee: BrowserContext;
  let page: Page;
  const email = uniqueEmail('coordinator');
  const password = 'Een lange zin als wachtwoord 2026';
  let totp: TOTP;
  let enrolStep = 0;

  beforeAll(async () => {
    admin = await newContext();
    invitee = await newContext();
    page = await invitee.newPage();
  });
  afterAll(async () => {
    await admin?.close();
    await invitee?.close();
  });

  it('the admin invites a coordinator; the mail holds a single-use link', async () => {
    const p = await admin.newPage();
    const acc = demoAccounts().admin!;
    await signInUI(p, acc.email, acc.password);
    await p.goto('/users');
    await expectHeading(p, 'Gebruikers');
    await settled(p);
    const since = Date.now() - 1000;
    await p.getByLabel('Naam', { exact: true }).fill('Nieuwe Coördinator');
    await p.getByLabel('E-mailadres', { exact: true }).fill(email);
    await p.getByLabel('Rol', { exact: true }).last().selectOption('coordinator');
    await p.getByLabel('Helmond').check();
    await p.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await p.getByText('De uitnodiging is verstuurd.').waitFor();
    await p.locator('table', { hasText: email }).waitFor();
    await checkPage(p, 'users-after-invite');

    const link = await linkFromMail(email, '/invitation', since);
    expect(link).toMatch(/\/invitation#token=/);
    await page.goto(link);
    await expectHeading(page, 'Uitnodiging accepteren');
    // The token left the address bar (it is read from the fragment once).
    await page.getByLabel('Kies een wachtwoord').waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.locator('main').innerText()).toContain('Stichting Naast Demo');
    await checkPage(page, 'invitation');
  });

  it('the invitee chooses a password and must enrol in two-factor', async () => {
    await page.getByLabel('Kies een wachtwoord').fill('kort');
    await page.getByRole('button', { name: 'Account maken' }).click();
    await page.getByText('Vul minimaal 12 tekens in.').first().waitFor();
    await page.getByLabel('Kies een wachtwoord').fill(password);
    await page.getByRole('button', { name: 'Account maken' }).click();
    await expectHeading(page, 'Tweestapsverificatie instellen');
    expect(new URL(page.url()).pathname).toBe('/sign-in/enrol');
    const secretEl = page.locator('#mfa-secret');
    await secretEl.waitFor();
    expect(await page.locator('img.naast-qr').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await checkPage(page, 'mfa-enrol');

    // The secret as a person would type it over: the text on screen, without the spaces.
    const secret = (await secretEl.innerText()).replace(/\s+/g, '');
    totp = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

    await page.getByLabel('Code uit de app').fill('000000' === totp.generate() ? '111111' : '000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.locator('.naast-error-summary [role="alert"]').waitFor();

    enrolStep = step();
    await page.getByLabel('Code uit de app').fill(totp.generate());
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { name: 'Bewaar uw herstelcodes' }).waitFor();
    const codes = await page.locator('.naast-codes li').allInnerTexts();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    await checkPage(page, 'mfa-recovery-codes');

    await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
    await expectHeading(page, 'Welkom, Nieuwe Coördinator');
    expect(await page.locator('main').innerText()).toContain('Aanmelding en koppeling');
  });

  it('signs out, then signs in again with a code from the app', async () => {
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await expectHeading(page, 'Inloggen');
    expect(await page.locator('main').innerText()).toContain('U bent uitgelogd.');
    // Signed out means signed out: a protected page sends us back.
    await page.goto('/profile');
    await expectHeading(page, 'Inloggen');

    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expectHeading(page, 'Code invullen');
    expect(new URL(page.url()).pathname).toBe('/sign-in/code');
    await checkPage(page, 'mfa-code');

    const code = await freshCode(totp, enrolStep);
    await page.getByLabel('Code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verder' }).click();
    // Back to the page that was asked for before signing in.
    await expectHeading(page, 'Mijn profiel');
    expect(await page.locator('main').innerText()).toContain('Tweestapsverificatie staat aan');
  });
});
