import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, "Measures, court decisions and deadlines", on a phone (360 px): the demo volunteer adds a
// court decision in one of their dossiers and sees the 3-month appeal deadline with its legal source
// and the plain-language "Waarom deze termijn?"; a hearing without its date is refused at the field;
// the /agenda page lists the letter's 2-week deadline and makes a private calendar link that serves iCalendar. axe on both.

const amsterdamDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));

async function demoTrajectory(): Promise<{ id: string; reference: string }> {
  const volunteer = new ApiClient();
  const account = demoAccounts().volunteer!;
  await volunteer.signIn(account.email, account.password);
  const list = await volunteer.call<{ items: Array<{ id: string; reference: string; phase: string }> }>('GET', '/me/trajectories');
  const t = list.body.items.find((x) => x.phase !== 'ended' && x.phase !== 'aftercare');
  if (!t) throw new Error('the demo volunteer has no active trajectory');
  return { id: t.id, reference: t.reference };
}

describe('measures, court decisions and deadlines', () => {
  let ctx: BrowserContext;
  let page: Page;
  let trajectory: { id: string; reference: string };
  const section = (): Locator => page.locator('section[aria-labelledby="legal-heading"]');

  beforeAll(async () => {
    trajectory = await demoTrajectory();
    ctx = await newContext({ width: 360, height: 800 });
    page = await ctx.newPage();
    const account = demoAccounts().volunteer!;
    await signInUI(page, account.email, account.password);
  });
  afterAll(async () => ctx?.close());

  it('adds a court decision in the dossier and shows the appeal deadline with its legal source', async () => {
    await page.goto(`/trajecten/${trajectory.id}`);
    await expectHeading(page, new RegExp(trajectory.reference));
    await settled(page);
    const legal = section();
    await legal.getByRole('heading', { name: 'Maatregelen, beschikkingen en termijnen' }).waitFor();

    // A hearing without the hearing date: the rule cannot compute, the field says so; nothing saved.
    await legal.getByRole('button', { name: 'Beschikking of brief toevoegen' }).click();
    await legal.getByLabel('Wat is er gekomen?').selectOption('hearing_scheduled');
    await legal.getByLabel('Datum', { exact: true }).fill(amsterdamDay(-3));
    await legal.getByRole('button', { name: 'Beschikking of brief toevoegen' }).click();
    await legal.getByText('Deze datum is nodig om de termijn te berekenen.', { exact: false }).first().waitFor();
    expect(await legal.getByLabel('Datum van de zitting').getAttribute('aria-invalid')).toBe('true');

    await legal.getByLabel('Wat is er gekomen?').selectOption('court_decision');
    await legal.getByLabel('Korte samenvatting').fill('De rechter heeft de ondertoezichtstelling verlengd.');
    await legal.getByRole('button', { name: 'Beschikking of brief toevoegen' }).click();
    await legal.getByText('Opgeslagen. Termijnen gemaakt: 1.').waitFor();

    const item = legal.locator('li', { hasText: 'Termijn hoger beroep' }).first();
    await item.waitFor();
    await item.getByText('art. 358 lid 1, Wetboek van Burgerlijke Rechtsvordering').waitFor();
    expect(await item.getByRole('link', { name: /art\. 358 lid 1/ }).getAttribute('href')).toBe('https://wetten.overheid.nl/BWBR0001827/');
    await item.getByText('Waarom deze termijn?').click();
    await item.getByText('binnen 3 maanden na de dag van de beschikking', { exact: false }).waitFor();
    await checkPage(page, 'legal-dossier-deadlines');

    // A letter without its own answer date: reply within 2 weeks (this one shows on /agenda: next 60 days).
    await legal.getByRole('button', { name: 'Beschikking of brief toevoegen' }).click();
    await legal.getByLabel('Wat is er gekomen?').selectOption('letter_received');
    await legal.getByLabel('Datum', { exact: true }).fill(amsterdamDay(-1));
    await legal.getByRole('button', { name: 'Beschikking of brief toevoegen' }).click();
    await legal.getByText('Opgeslagen. Termijnen gemaakt: 1.').waitFor();
    await legal.locator('li', { hasText: 'Reactie op brief' }).first().waitFor();
  });

  it('shows my deadlines on /agenda and makes a private calendar link that serves iCalendar without names', async () => {
    await page.goto('/agenda');
    await expectHeading(page, 'Agenda');
    await settled(page);
    await page.locator('li', { hasText: 'Reactie op brief' }).first().waitFor();
    await page.getByRole('link', { name: `gezin ${trajectory.reference}` }).first().waitFor();

    await page.getByRole('button', { name: /Maak een (agenda)?link|Maak een nieuwe link/ }).click();
    await page.getByText('Uw agendalink is klaar.', { exact: false }).waitFor();
    const url = await page.getByLabel('Uw persoonlijke agendalink').inputValue();
    expect(url).toMatch(/\/api\/v1\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    await checkPage(page, 'legal-agenda');

    const res = await page.request.get(new URL(url).pathname);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/calendar');
    const body = await res.text();
    expect(body).toContain('BEGIN:VCALENDAR');
    expect(body).toContain(`SUMMARY:${trajectory.reference} – Termijn hoger beroep`);
    expect(body).not.toContain('ondertoezichtstelling verlengd');

    // Stopping the link ends the feed.
    await page.getByRole('button', { name: 'Agendalink stoppen' }).click();
    await page.getByText('De agendalink is gestopt.', { exact: false }).waitFor();
    expect((await page.request.get(new URL(url).pathname)).status()).toBe(404);
  });
});
