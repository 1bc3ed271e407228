import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, the trajectory screens on the demo data: the demo volunteer's "my families" with today's
// tasks (an overdue agreement, tomorrow's meeting, 16 days without contact), a dossier, and a contact
// logged one-handed on a 360 px phone (the hours go up); the coordinator's list with signals in
// words, a phase move with a reason (only the allowed moves are offered); axe on every page; English once.

/** "8,6 uur" → 8.6 (the first hours figure in a text). */
function hoursIn(text: string): number {
  const m = /([\d.,]+) uur/.exec(text);
  if (!m) throw new Error(`no hours in: ${text}`);
  return Number(m[1]!.replace(/\./g, '').replace(',', '.'));
}

describe('trajectory screens', () => {
  let volunteerCtx: BrowserContext;
  let coordinatorCtx: BrowserContext;
  let page: Page;
  const section = (p: Page, id: string): Locator => p.locator(`section[aria-labelledby="${id}-heading"]`);

  beforeAll(async () => {
    volunteerCtx = await newContext({ width: 360, height: 800 });
    page = await volunteerCtx.newPage();
    const account = demoAccounts().volunteer!;
    await signInUI(page, account.email, account.password);
  });
  afterAll(async () => {
    await volunteerCtx?.close();
    await coordinatorCtx?.close();
  });

  it('the volunteer sees today’s tasks first, then the families as cards', async () => {
    await page.goto('/');
    await page.getByRole('link', { name: /Mijn gezinnen: wat er vandaag te doen is/ }).click();
    await expectHeading(page, 'Mijn gezinnen');
    await settled(page);
    const today = section(page, 'today');
    const tasks = await today.innerText();
    // The plan browser test may add late agreements to a demo family: the count is at least the demo's one.
    expect(tasks).toMatch(/Linda v\.: afspraken te laat \([1-9]\d*\)/);
    expect(tasks).toMatch(/Linda v\.: gesprek op .* om 10:00/);
    expect(tasks).toContain('Kevin J.: al 16 dagen geen contact');
    // Late agreements come before the rest.
    expect(tasks.indexOf('afspraken te laat')).toBeLessThan(tasks.indexOf('geen contact'));

    const linda = page.locator('li.naast-family', { hasText: 'Linda v.' });
    const card = await linda.innerText();
    expect(card).toContain('Ondersteuning');
    expect(card).toMatch(/in dit traject; de laatste 4 weken gemiddeld/);
    expect(card).toMatch(/om 10:00/);
    expect(await page.locator('li.naast-family', { hasText: 'Kevin J.' }).innerText()).toContain('Hulpvragen helder maken');
    await checkPage(page, 'trajectories-my-families');
  });

  it('logs a contact one-handed from the family card; the hours go up', async () => {
    const linda = page.locator('li.naast-family', { hasText: 'Linda v.' });
    const before = hoursIn(await linda.locator('dd', { hasText: 'in dit traject' }).innerText());
    await linda.getByRole('button', { name: /Contact vastleggen/ }).click();
    // Nothing chosen yet: the summary says what is missing, at the fields.
    await linda.getByRole('button', { name: 'Contact opslaan' }).click();
    const summary = linda.locator('.naast-error-summary');
    await summary.getByText('Wat voor contact?', { exact: false }).waitFor();
    expect(await summary.innerText()).toContain('Kies hoe lang het contact duurde.');

    const phone = linda.getByLabel('Telefoon', { exact: true });
    // Big targets for a thumb.
    const chip = await linda.locator('label.naast-chip', { hasText: 'Telefoon' }).boundingBox();
    expect(chip!.height).toBeGreaterThanOrEqual(44);
    await phone.check();
    await linda.getByRole('button', { name: '30 min' }).click();
    await linda.getByRole('button', { name: 'Contact opslaan' }).click();
    await linda.getByText('Opgeslagen: telefoon, 0,5 uur.').waitFor();
    await page.waitForFunction(
      ([b]) => {
        const dd = [...document.querySelectorAll('li.naast-family dd')].find((d) => d.textContent?.includes('in dit traject') && d.closest('li')?.textContent?.includes('Linda v.'));
        const m = dd?.textContent?.match(/([\d.,]+) uur/);
        return !!m && Number(m[1]!.replace(',', '.')) > (b as number);
      },
      [before],
    );
    const after = hoursIn(await linda.locator('dd', { hasText: 'in dit traject' }).innerText());
    expect(after).toBeCloseTo(before + 0.5, 1);
  });

  it('opens the dossier and logs a contact with the quick entry on a 360 px phone', async () => {
    await page.locator('li.naast-family', { hasText: 'Linda v.' }).getByRole('link', { name: /Linda v\./ }).click();
    await expectHeading(page, /^Traject A-\d{4}-\d{5}$/);
    await settled(page);
    const header = page.locator('section[aria-labelledby="dossier-family"]');
    await header.getByText('Gezin Linda v.').waitFor();
    const hoursCell = header.locator('dd', { hasText: 'samen:' });
    const before = hoursIn(await hoursCell.innerText());
    expect(await hoursCell.innerText()).toContain('ongeveer 312 uur');
    expect(await section(page, 'signals').innerText()).toContain('Afspraken te laat');
    // The plan sections are mounted from ./plan (their own tests cover them).
    expect(await section(page, 'contacts').innerText()).toContain('Moeder belde over de brief');
    await checkPage(page, 'trajectories-dossier-volunteer');

    const entry = section(page, 'contact-entry');
    await entry.getByRole('button', { name: 'Contact vastleggen' }).click();
    await entry.getByLabel('Huisbezoek', { exact: true }).check();
    await entry.getByRole('button', { name: 'Gisteren' }).click();
    await entry.getByRole('button', { name: '1,5 uur' }).click();
    expect(await entry.getByLabel('Tijd van de vrijwilliger').isChecked()).toBe(true);
    await entry.getByLabel(/Korte notitie/).fill('Samen gelezen en drie vragen opgeschreven.');
    await entry.getByRole('button', { name: 'Contact opslaan' }).click();
    await entry.getByText('Opgeslagen: huisbezoek, 1,5 uur.').waitFor();
    await page.waitForFunction(
      ([b]) => {
        const dd = [...document.querySelectorAll('section[aria-labelledby="dossier-family"] dd')].find((d) => d.textContent?.includes('samen:'));
        const m = dd?.textContent?.match(/([\d.,]+) uur/);
        return !!m && Number(m[1]!.replace(',', '.')) > (b as number);
      },
      [before],
    );
    expect(hoursIn(await hoursCell.innerText())).toBeCloseTo(before + 1.5, 1);
    // Notes go through the glossary marker (known terms become explanations), so compare the text.
    expect(await section(page, 'contacts').innerText()).toContain('Samen gelezen en drie vragen opgeschreven.');
    // The week table counts it too.
    expect(await section(page, 'time').innerText()).toContain('Totaal');
    await checkPage(page, 'trajectories-dossier-contact-saved');
  });

  it('a contact in the future is refused at the field', async () => {
    const entry = section(page, 'contact-entry');
    await entry.getByLabel('Telefoon', { exact: true }).check();
    await entry.getByRole('button', { name: '15 min' }).click();
    const tomorrow = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(Date.now() + 2 * 86_400_000));
    await entry.getByLabel('Of kies een andere datum').fill(tomorrow);
    await entry.getByRole('button', { name: 'Contact opslaan' }).click();
    await entry.locator('.naast-error-summary').getByText(/in de toekomst/).waitFor();
    await entry.getByRole('button', { name: 'Sluiten' }).click();
  });

  it('changes and then deletes an own contact; the hours follow', async () => {
    const hoursCell = page.locator('section[aria-labelledby="dossier-family"] dd', { hasText: 'samen:' });
    const start = hoursIn(await hoursCell.innerText());
    const item = section(page, 'contacts').locator('li', { hasText: 'Samen gelezen en drie vragen opgeschreven.' });
    // Only own contacts can be changed: the coach's peer contact has no buttons.
    expect(await section(page, 'contacts').locator('li', { hasText: 'Coachgesprek met de vrijwilliger.' }).getByRole('button').count()).toBe(0);
    await item.getByRole('button', { name: /^Wijzigen/ }).click();
    await item.getByRole('button', { name: '2 uur' }).click();
    await item.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await item.getByText('2 uur vrijwilliger', { exact: false }).waitFor();
    await page.waitForFunction((b) => {
      const dd = [...document.querySelectorAll('section[aria-labelledby="dossier-family"] dd')].find((d) => d.textContent?.includes('samen:'));
      const m = dd?.textContent?.match(/([\d.,]+) uur/);
      return !!m && Number(m[1]!.replace(',', '.')) > b;
    }, start);
    expect(hoursIn(await hoursCell.innerText())).toBeCloseTo(start + 0.5, 1);

    await item.getByRole('button', { name: /^Verwijderen/ }).click();
    await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await item.waitFor({ state: 'detached' });
    await page.waitForFunction((b) => {
      const dd = [...document.querySelectorAll('section[aria-labelledby="dossier-family"] dd')].find((d) => d.textContent?.includes('samen:'));
      const m = dd?.textContent?.match(/([\d.,]+) uur/);
      return !!m && Number(m[1]!.replace(',', '.')) < b;
    }, start);
    expect(hoursIn(await hoursCell.innerText())).toBeCloseTo(start - 1.5, 1);
  });

  it('the coordinator sees the list with signals in words and moves a phase with a reason', async () => {
    coordinatorCtx = await newContext();
    const p = await coordinatorCtx.newPage();
    const account = demoAccounts().coordinator!;
    await signInUI(p, account.email, account.password);
    await p.getByRole('link', { name: /Trajecten: fase, uren en aandachtspunten/ }).click();
    await expectHeading(p, 'Trajecten');
    await settled(p);
    const kevin = p.locator('tbody tr', { hasText: 'Kevin J.' });
    const row = await kevin.innerText();
    expect(row).toContain('Al 14 dagen of langer geen contact');
    expect(row).toContain('Hulpvragen helder maken');
    expect(await p.locator('tbody tr', { hasText: 'Linda v.' }).innerText()).toContain('Afspraken te laat');
    await checkPage(p, 'trajectories-list');

    // Ended ones are behind the filter.
    await p.getByLabel('Welke trajecten').selectOption('ended');
    await p.getByRole('button', { name: 'Toon' }).click();
    await p.waitForFunction(() => !document.querySelector('tbody tr') || ![...document.querySelectorAll('tbody tr')].some((r) => r.textContent?.includes('Kevin J.')));
    await p.getByLabel('Welke trajecten').selectOption('');
    await p.getByRole('button', { name: 'Toon' }).click();
    await p.locator('tbody tr', { hasText: 'Kevin J.' }).waitFor();

    await p.locator('tbody tr', { hasText: 'Kevin J.' }).getByRole('link').click();
    await expectHeading(p, /^Traject A-/);
    await settled(p);
    const phase = section(p, 'phase');
    const options = await phase.locator('input[type="radio"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    // From clarifying only forward to support or to closing; skipping ahead is not offered.
    expect(options.sort()).toEqual(['closing', 'support']);
    expect(await phase.getByLabel('Afbouwen').count()).toBe(0);
    await phase.getByRole('button', { name: 'Fase wijzigen' }).click();
    await phase.locator('.naast-error-summary').getByText('Nieuwe fase', { exact: false }).waitFor();
    await phase.getByLabel('Ondersteuning', { exact: true }).check();
    await phase.getByLabel('Waarom deze stap?').fill('De hulpvragen staan op papier; vader wil hulp bij het verzoek om meer omgang.');
    await phase.getByRole('button', { name: 'Fase wijzigen' }).click();
    await phase.getByText('De fase is nu: Ondersteuning.').waitFor();
    await phase.getByText('Hulpvragen helder maken → Ondersteuning').waitFor();
    expect(await p.locator('section[aria-labelledby="dossier-family"]').innerText()).toContain('Ondersteuning');
    const next = await phase.locator('input[type="radio"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(next.sort()).toEqual(['building_down', 'clarifying', 'closing']);
    // Professionals also choose the volunteer's coach (the match's coordinator to begin with).
    const coach = phase.getByLabel('Coach', { exact: true });
    expect(await coach.locator('option:checked').innerText()).toBe('Demo Coördinator');
    await phase.getByRole('button', { name: 'Coach opslaan' }).click();
    await phase.getByText('De coach is nu Demo Coördinator.').waitFor();
    await checkPage(p, 'trajectories-dossier-coordinator');

    // Once in English, then back (the choice is saved in the profile).
    await p.getByRole('button', { name: /English/ }).click();
    await expectHeading(p, /^Trajectory A-/);
    await section(p, 'phase').getByText('Move to another phase').waitFor();
    expect(await p.locator('section[aria-labelledby="dossier-family"]').innerText()).toContain('Hours so far');
    await checkPage(p, 'trajectories-dossier-en');
    await p.getByRole('button', { name: /Nederlands/ }).click();
    await expectHeading(p, /^Traject A-/);
  });

  it('a dossier of another location opens only with a reason (break-the-glass)', async () => {
    const admin = await adminClient();
    const all = await admin.call<{ items: Array<{ id: string; familyName: string }> }>('GET', '/trajectories?phase=all&limit=200');
    const tilburg = all.body.items.find((x) => x.familyName === 'Fatima E.');
    expect(tilburg, 'the demo family at Tilburg').toBeDefined();
    const p = await coordinatorCtx.newPage();
    await p.goto(`/trajecten/${tilburg!.id}`);
    await expectHeading(p, 'Waarom opent u dit dossier?');
    expect(await p.locator('main').innerText()).not.toContain('Fatima');
    await checkPage(p, 'trajectories-reason');
    await p.getByLabel('Waarom wilt u dit zien?').fill('Vervanging van de coördinator in Tilburg deze week');
    await p.getByRole('button', { name: 'Bekijken', exact: true }).click();
    await expectHeading(p, /^Traject A-/);
    await settled(p);
    await p.getByText('Gezin Fatima E.').waitFor();
    expect(await section(p, 'signals').innerText()).toContain('Loopt langer dan de norm van de organisatie');
    // Later calls carry the reason too: the time per week loads.
    await section(p, 'time').getByText(/^Totaal/).waitFor();
    await p.close();
  });
});
