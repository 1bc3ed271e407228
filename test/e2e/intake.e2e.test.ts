import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, type ApiClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

type Detail = { id: string; reference: string; dueState: string; status: string };

// Issue 4's screens: a parent applies on a phone; the coordinator works the inbox (deadlines),
// records first contact and an intake decision, and records an application that came by phone.
describe('applications: public form, inbox, intake', () => {
  let admin: ApiClient;
  let orgId: string;
  let privacyVersion: string;
  let overdue: Detail;
  let dueToday: Detail | null = null;

  /** A staff application for Helmond (the demo coordinator's location), received at `receivedAt`. */
  async function staffApplication(lastName: string, receivedAt: Date): Promise<Detail> {
    const res = await admin.call<Detail>('POST', '/applications', {
      channel: 'phone',
      referrerType: 'self',
      people: [{ relation: 'parent', firstName: 'Eline', lastName, phone: '06 12345678', safeContactNote: 'Niet bellen voor 17.00 uur.' }],
      children: [{ firstName: 'Noor', birthYear: 2015, measure: 'ots' }],
      municipalityCode: 'GM0794',
      conflictSummary: 'De jeugdbeschermer luistert niet naar ons en de omgang is gestopt.',
      consent: true,
      privacyStatementVersion: privacyVersion,
      receivedAt: receivedAt.toISOString(),
    });
    if (res.status !== 201) throw new Error(`staff application failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  beforeAll(async () => {
    admin = await adminClient();
    const session = await admin.call<{ user: { orgId: string } }>('GET', '/auth/session');
    orgId = session.body.user.orgId;
    const form = await admin.call<{ privacyStatement: { version: string } }>('GET', `/public/organisations/${orgId}/application-form`);
    privacyVersion = form.body.privacyStatement.version;
    const day = 86_400_000;
    overdue = await staffApplication('Telaat', new Date(Date.now() - 21 * day));
    expect(overdue.dueState).toBe('overdue');
    // Due today exists only when today is a working day: find the day whose deadline is today.
    for (let back = 1; back <= 7 && !dueToday; back++) {
      const at = new Date(Date.now() - back * day);
      at.setUTCHours(10, 0, 0, 0);
      const a = await staffApplication(`Vandaag${back}`, at);
      if (a.dueState === 'due_today') dueToday = a;
    }
  });

  it('a parent applies on a phone and gets a reference number; a bad postcode is refused at the field', async () => {
    const ctx = await newContext({ width: 360, height: 740 });
    try {
      const p = await ctx.newPage();
      await p.goto(`/aanmelden/${orgId}`);
      await expectHeading(p, 'Aanmelden voor steun');
      await settled(p);
      expect(await p.locator('main').innerText()).toContain('Stichting Naast Demo');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      // The honeypot is out of reach: hidden from assistive tech and not in the tab order.
      const hp = p.locator('.naast-hp');
      await expect(hp.getAttribute('aria-hidden')).resolves.toBe('true');
      await expect(hp.locator('input').getAttribute('tabindex')).resolves.toBe('-1');
      // No field asks for a BSN (the privacy statement says it is never asked for).
      const fields = await p.locator('main input, main select, main textarea').evaluateAll((els) => els.map((e) => `${(e as HTMLInputElement).name} ${(e as HTMLInputElement).labels?.[0]?.textContent ?? ''}`));
      expect(fields.length).toBeGreaterThan(10);
      expect(fields.filter((f) => /bsn|burgerservice/i.test(f))).toEqual([]);
      await checkPage(p, 'apply-360');

      // Sending it empty: the summary takes focus and links to the fields.
      await p.getByRole('button', { name: 'Aanmelding versturen' }).click();
      await p.locator('.naast-error-summary [role="alert"]').waitFor();
      expect(await p.evaluate(() => document.activeElement?.classList.contains('naast-error-summary'))).toBe(true);
      const parent = p.getByRole('group', { name: 'Ouder of verzorger 1' });
      await expect(parent.getByLabel('Voornaam').getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(p, 'apply-errors-360');

      // Add a second child, then remove it again: focus follows.
      await p.getByRole('button', { name: 'Nog een kind toevoegen' }).click();
      await p.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent === 'Voornaam (kind 2)');
      await p.getByRole('button', { name: 'Kind 2 weghalen' }).click();
      await p.getByRole('button', { name: 'Nog een kind toevoegen' }).waitFor();
      expect(await p.getByRole('group', { name: 'Kind 2' }).count()).toBe(0);

      await parent.getByLabel('Ouder', { exact: true }).check();
      await parent.getByLabel('Voornaam').fill('Sanne');
      await parent.getByLabel('Achternaam').fill('de Boer');
      await parent.getByLabel('Telefoonnummer (niet verplicht)').fill('06 98765432');
      await parent.getByLabel('Wanneer mogen wij niet bellen? (niet verplicht)').fill('Niet bellen als mijn ex thuis is, na 18.00 uur');
      await parent.getByLabel('Nee, stuur niets naar mijn huis').check();
      const child = p.getByRole('group', { name: 'Kind 1' });
      await child.getByLabel('Voornaam').fill('Lotte');
      await child.getByLabel('Geboortejaar').fill('2014');
      await child.getByLabel('Welke maatregel geldt voor dit kind?').selectOption('ots');
      await p.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Helmond' });
      await p.getByLabel('Postcode (niet verplicht)').fill('12345');
      await p.getByRole('button', { name: 'Organisatie toevoegen' }).click();
      await p.getByLabel('Naam van de organisatie').fill('Jeugdbescherming Brabant');
      await p.getByLabel('Waar gaat het conflict over?').fill('Mijn dochter woont in een pleeggezin en ik zie haar bijna niet. Niemand legt uit waarom.');
      await p.getByLabel(/Ik geef toestemming/).check();
      await p.getByRole('button', { name: 'Aanmelding versturen' }).click();
      await p.locator('.naast-error-summary', { hasText: 'Vul een geldige postcode in' }).waitFor();
      const postcode = p.getByLabel('Postcode (niet verplicht)');
      await expect(postcode.getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(p, 'apply-postcode-error-360');

      await postcode.fill('5701 AB');
      await p.getByRole('button', { name: 'Aanmelding versturen' }).click();
      await expectHeading(p, 'Uw aanmelding is binnen');
      const reference = await p.locator('.naast-reference').innerText();
      expect(reference).toMatch(/\S{4,}/);
      expect(await p.locator('main').innerText()).toContain('Binnen 2 werkdagen');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await checkPage(p, 'apply-done-360');
    } finally {
      await ctx.close();
    }
  });

  describe('the coordinator', () => {
    let ctx: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      ctx = await newContext();
      page = await ctx.newPage();
      const coordinator = demoAccounts().coordinator!;
      await signInUI(page, coordinator.email, coordinator.password);
    });
    afterAll(async () => ctx?.close());

    it('sees the inbox by deadline with "te laat" and "vandaag" in words, not colour alone', async () => {
      await page.getByRole('link', { name: 'Aanmeldingen' }).first().click();
      await expectHeading(page, 'Aanmeldingen');
      await settled(page);
      const table = page.getByRole('region', { name: 'Lijst van aanmeldingen' });
      const row = table.locator('tr', { hasText: overdue.reference });
      expect(await row.innerText()).toContain('Te laat');
      // The state has an icon beside its text.
      expect(await row.locator('.naast-deadline svg').count()).toBeGreaterThan(0);
      if (dueToday) expect(await table.locator('tr', { hasText: dueToday.reference }).innerText()).toContain('Vandaag');
      else console.log('today is no working day: no application can be due today');
      // Ordered by deadline: overdue rows come before due-today rows.
      const states = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
      const lastOverdue = states.map((s) => s.includes('Te laat')).lastIndexOf(true);
      const firstToday = states.findIndex((s) => s.includes('Vandaag'));
      if (firstToday >= 0) expect(lastOverdue).toBeLessThan(firstToday);
      await checkPage(page, 'applications-inbox');

      await page.getByLabel('Welke aanmeldingen').selectOption('all');
      await page.getByRole('button', { name: 'Toon' }).click();
      await settled(page);
      await checkPage(page, 'applications-inbox-all');
    });

    it('opens an application, records first contact and an intake decision (waiting list)', async () => {
      await page.goto('/aanmeldingen');
      await settled(page);
      await page.getByRole('link', { name: overdue.reference }).click();
      await expectHeading(page, `Aanmelding ${overdue.reference}`);
      await settled(page);
      const main = page.locator('main');
      expect(await main.innerText()).toContain('Niet bellen voor 17.00 uur.');
      expect(await main.innerText()).toContain('Toezicht van een jeugdbeschermer (ondertoezichtstelling, OTS)');
      await checkPage(page, 'application-detail');

      await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
      await page.getByText('Het eerste contact is vastgelegd.').waitFor();
      await page.getByRole('heading', { name: 'Intakegesprek' }).waitFor();
      await checkPage(page, 'application-intake-form');

      // Decline without a reason: refused at the field.
      await page.getByLabel('Hulpvraag 1').fill('Ik wil begrijpen waarom de omgang is gestopt.');
      await page.getByLabel('Niet aannemen').check();
      await page.getByRole('button', { name: 'Intake en besluit opslaan' }).click();
      const why = page.getByLabel('Waarom?');
      await expect(why.getAttribute('aria-invalid')).resolves.toBe('true');
      await checkPage(page, 'application-intake-errors');

      await page.getByRole('button', { name: 'Nog een hulpvraag toevoegen' }).click();
      await page.getByLabel('Hulpvraag 2').fill('Ik wil beter voorbereid naar gesprekken met de jeugdbeschermer.');
      await page.getByLabel('Wat wil de ouder bereiken?').fill('Weer elke week omgang met Noor.');
      await page.getByLabel('Aannemen: op de wachtlijst').check();
      await page.getByRole('button', { name: 'Intake en besluit opslaan' }).click();
      await page.getByRole('heading', { name: 'Uitkomst van de intake' }).waitFor();
      expect(await main.innerText()).toContain('Op de wachtlijst');
      expect(await main.innerText()).toContain('Ik wil beter voorbereid naar gesprekken met de jeugdbeschermer.');
      expect(await page.getByRole('link', { name: 'Een vrijwilliger zoeken voor dit gezin' }).getAttribute('href')).toBe(`/aanmeldingen/${overdue.id}/matchen`);
      await checkPage(page, 'application-intake-done');
    });

    it('records a new application from a referrer; the parent must have agreed', async () => {
      await page.goto('/aanmeldingen');
      await page.getByRole('link', { name: 'Nieuwe aanmelding invoeren' }).click();
      await expectHeading(page, 'Nieuwe aanmelding');
      await settled(page);
      await checkPage(page, 'application-new');

      await page.getByLabel('Manier van aanmelden').selectOption('referrer');
      await page.getByLabel('Wie meldde aan?').selectOption('cvp');
      await page.getByLabel('Naam van de verwijzer').fill('M. de Vries');
      await page.getByLabel('Organisatie van de verwijzer').fill('AKJ');
      await page.getByLabel('E-mailadres van de verwijzer').fill('m.devries@akj.example');
      const parent = page.getByRole('group', { name: 'Ouder of verzorger 1' });
      await parent.getByLabel('Ouder', { exact: true }).check();
      await parent.getByLabel('Voornaam').fill('Mo');
      await parent.getByLabel('Achternaam').fill('Verwezen');
      const child = page.getByRole('group', { name: 'Kind 1' });
      await child.getByLabel('Voornaam').fill('Sam');
      await child.getByLabel('Geboortejaar').fill('2012');
      await child.getByLabel('Welke maatregel geldt voor dit kind?').selectOption('guardianship');
      await page.getByLabel('Gemeente', { exact: true }).selectOption('GM0794');
      await page.getByLabel('Waar gaat het conflict over? (in de woorden van de ouder)').fill('De voogd neemt besluiten zonder de vader te horen.');
      await page.getByLabel(/De ouder heeft toestemming gegeven/).check();
      await page.getByRole('button', { name: 'Aanmelding opslaan' }).click();
      await page.locator('.naast-error-summary', { hasText: 'Een verwijzer mag alleen aanmelden' }).waitFor();
      await checkPage(page, 'application-new-errors');

      await page.getByLabel('De ouder is het eens met deze aanmelding door de verwijzer').check();
      await page.getByLabel(/De verwijzer mag horen/).check();
      await page.getByRole('button', { name: 'Aanmelding opslaan' }).click();
      await expectHeading(page, /^Aanmelding /);
      await settled(page);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Cliëntvertrouwenspersoon (CVP)');
      expect(text).toContain('Via een verwijzer');
      expect(text).toContain('Een voogd beslist over het kind (voogdij)');
      await checkPage(page, 'application-new-saved');
    });
  });

  it('the admin sets the service norms and sees purchase agreements in the work area', async () => {
    const ctx = await newContext();
    try {
      const p = await ctx.newPage();
      const a = demoAccounts().admin!;
      await signInUI(p, a.email, a.password);
      await p.goto('/organisation');
      await expectHeading(p, 'Organisatie');
      await settled(p);
      // The address to put on the organisation's website.
      expect(await p.getByRole('link', { name: 'Aanmeldformulier openen' }).getAttribute('href')).toBe(`/aanmelden/${orgId}`);
      expect(await p.locator('section', { hasText: 'Aanmeldformulier voor ouders' }).innerText()).toContain(`/aanmelden/${orgId}`);
      const days = p.getByLabel('Eerste contact binnen (werkdagen)');
      expect(await days.inputValue()).toBe('2');
      await days.fill('11');
      const norms = p.locator('section', { hasText: 'Afspraken over de dienstverlening' });
      await norms.getByRole('button', { name: 'Opslaan' }).click();
      await expect(days.getAttribute('aria-invalid')).resolves.toBe('true');
      await days.fill('3');
      await norms.getByRole('button', { name: 'Opslaan' }).click();
      await norms.getByText('Opgeslagen.').waitFor();
      expect((await admin.call<{ firstContactWorkingDays: number }>('GET', '/organisation')).body.firstContactWorkingDays).toBe(3);
      // A per-trajectory municipality of the demo work area: record its purchase agreement, then take it back.
      const agreement = p.getByRole('checkbox', { name: /^Inkoopafspraak met / }).first();
      const name = ((await agreement.getAttribute('aria-label')) ?? '').replace('Inkoopafspraak met ', '');
      const before = await agreement.isChecked();
      await agreement.setChecked(!before);
      await p.getByText(`De inkoopafspraak met ${name} is ${before ? 'weggehaald' : 'vastgelegd'}.`).waitFor();
      await checkPage(p, 'organisation-intake-settings');
      await p.getByRole('checkbox', { name: `Inkoopafspraak met ${name}` }).setChecked(before);
      await p.getByText(`De inkoopafspraak met ${name} is ${before ? 'vastgelegd' : 'weggehaald'}.`).waitFor();
    } finally {
      // Other browser tests count on the default of 2 working days.
      await admin.call('PATCH', '/organisation', { firstContactWorkingDays: 2 });
      await ctx.close();
    }
  });
});
