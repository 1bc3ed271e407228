import type { BrowserContext, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, uniqueEmail } from './api.js';
import { checkPage, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 6, the parent portal on a phone (360 px): the demo coordinator invites the parent of a family
// without an account from the dossier; the parent accepts from the .eml and lands on /mijn-gezin; later
// the parent signs in with a single-use link from another .eml (pressing the button, not on page load)
// and sees their family again. The mails hold no names. Axe on every page.

async function linkIn(address: string, pathname: string, since: number): Promise<{ url: string; text: string }> {
  const mail = await simpleParser(await latestMailTo(address, since));
  const text = mail.text ?? '';
  const m = text.match(new RegExp(`https?://[^\\s"'<>]+${pathname}#token=[A-Za-z0-9._~-]+`));
  if (!m) throw new Error(`no ${pathname} link in the mail to ${address}`);
  return { url: m[0], text };
}

describe('the parent portal: invited, signed in with a link, at home', () => {
  let coordCtx: BrowserContext;
  let parentCtx: BrowserContext;
  let cp: Page;
  let pp: Page;
  let trajectoryId = '';
  const parentEmail = uniqueEmail('ouder-portaal');
  const password = 'Zonnige-tulpen-bloeien-42';

  beforeAll(async () => {
    const account = demoAccounts().coordinator!;
    const coord = new ApiClient();
    await coord.signIn(account.email, account.password);
    const list = await coord.call<{ items: Array<{ id: string; phase: string }> }>('GET', '/trajectories?limit=100');
    for (const t of list.body.items.filter((x) => x.phase !== 'ended')) {
      const s = await coord.call<{ status: string }>('GET', `/trajectories/${t.id}/parent-account`);
      if (s.status === 200 && s.body.status === 'none') {
        trajectoryId = t.id;
        break;
      }
    }
    if (!trajectoryId) throw new Error('no running demo trajectory without a parent account');
    coordCtx = await newContext({ width: 360, height: 800 });
    cp = await coordCtx.newPage();
    await signInUI(cp, account.email, account.password);
    parentCtx = await newContext({ width: 360, height: 740 });
    pp = await parentCtx.newPage();
  });
  afterAll(async () => {
    await coordCtx?.close();
    await parentCtx?.close();
  });

  it('the coordinator invites the parent from the dossier; the mail holds no names', async () => {
    await cp.goto(`/trajecten/${trajectoryId}`);
    await settled(cp);
    const section = cp.locator('section[aria-labelledby="dossier-parent-account"]');
    await section.getByText('De ouder heeft nog geen account.').waitFor();
    await section.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await section.getByLabel('E-mailadres van de ouder').fill(parentEmail);
    const since = Date.now() - 1000;
    await section.getByRole('button', { name: 'Uitnodiging sturen' }).click();
    await section.getByText('De uitnodiging is verstuurd.').waitFor();
    await section.getByText(`De ouder is uitgenodigd (${parentEmail})`).waitFor();
    await checkPage(cp, 'portal-coordinator-invited');

    const { url, text } = await linkIn(parentEmail, '/invitation', since);
    const c = new ApiClient();
    await c.signIn(demoAccounts().coordinator!.email, demoAccounts().coordinator!.password);
    const { trajectory } = (await c.call<{ trajectory: { familyName: string; children: Array<{ firstName: string }> } }>('GET', `/trajectories/${trajectoryId}`)).body;
    const names = [trajectory.familyName.split(' ')[0], ...trajectory.children.map((ch) => ch.firstName)].filter((s): s is string => !!s && s.length > 2);
    expect(names.length).toBeGreaterThan(0);
    for (const secret of names) expect(text).not.toContain(secret);

    await pp.goto(url);
    await expectHeading(pp, 'Uitnodiging accepteren');
    await checkPage(pp, 'portal-accept-invitation');
    await pp.getByLabel('Kies een wachtwoord').fill(password);
    await pp.getByRole('button', { name: 'Account maken' }).click();
    // "/" shows a parent their family.
    await pp.waitForURL((u) => u.pathname === '/');
    await expectHeading(pp, /Welkom/);
    await settled(pp);
    await pp.getByRole('heading', { name: 'Waar staan we nu?' }).waitFor();
    await checkPage(pp, 'portal-home-after-invitation');

    await cp.reload();
    await settled(cp);
    await cp.locator('section[aria-labelledby="dossier-parent-account"]').getByText(`De ouder heeft een account (${parentEmail}).`).waitFor();
  });

  it('the parent signs in with a link from the mail, on a button press, and lands on /mijn-gezin', async () => {
    await pp.getByRole('button', { name: /Uitloggen/ }).first().click();
    await pp.waitForURL((u) => u.pathname === '/sign-in');
    await pp.getByRole('button', { name: 'Stuur mij een inloglink' }).click();
    const form = pp.locator('form[aria-label="Inloggen zonder wachtwoord"]');
    await form.getByLabel('E-mailadres').fill(parentEmail);
    const since = Date.now() - 1000;
    await form.getByRole('button', { name: 'Stuur de link' }).click();
    await pp.getByText('Als dit e-mailadres bij ons bekend is').waitFor();
    await checkPage(pp, 'portal-sign-in-link-sent');

    const { url, text } = await linkIn(parentEmail, '/inloggen/link', since);
    expect(text).toContain('15 minuten');
    // Opening the link does not use it: a mail scanner that fetches it leaves it working.
    const scanner = await fetch(url);
    expect(scanner.status).toBe(200);
    await pp.goto(url);
    await expectHeading(pp, 'Inloggen met uw link');
    await checkPage(pp, 'portal-sign-in-link');
    await pp.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await pp.waitForURL((u) => u.pathname === '/mijn-gezin');
    await expectHeading(pp, 'Mijn gezin');
    await settled(pp);
    await pp.getByRole('heading', { name: 'Wie helpen u?' }).waitFor();
    await pp.getByRole('link', { name: 'Woordenlijst: wat betekent een woord?' }).waitFor();
    await checkPage(pp, 'portal-home');

    // The same link a second time: refused with a clear message.
    await pp.getByRole('button', { name: /Uitloggen/ }).first().click();
    await pp.waitForURL((u) => u.pathname === '/sign-in');
    await pp.goto(url);
    await pp.getByRole('button', { name: 'Inloggen', exact: true }).click();
    await pp.getByText('Deze inloglink werkt niet meer').first().waitFor();
    await checkPage(pp, 'portal-sign-in-link-used');
  });
});
