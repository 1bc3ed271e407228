import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, the Houvast plan inside the trajectory dossier, on a phone (360 px): a help question with
// self-reliance recorded twice (the chart's sentence changes), an agreement past its date marked
// "te laat" in words, a meeting planned, prepared, the open agreements taken along, held with an
// evaluation and an agreement made in it; axe on the dossier and the meeting page; one page in English.
// It works in one of the demo volunteer's own families (demo data).

const ZONE = 'Europe/Amsterdam';
/** yyyy-mm-dd in Amsterdam, `days` from today. */
const amsterdamDay = (days = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86_400_000));
const inWords = (date: string, opts: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('nl-NL', { ...opts, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * One of the demo volunteer's own families (demo data: two Helmond families in support). Using one
 * keeps the volunteer's caseload as the other browser tests expect it; everything this test checks
 * is its own (new question, agreements, meeting), so what the demo data already holds does not matter.
 */
async function demoTrajectory(): Promise<{ id: string; reference: string }> {
  const volunteer = new ApiClient();
  const account = demoAccounts().volunteer!;
  await volunteer.signIn(account.email, account.password);
  const list = await ok(volunteer.call<{ items: Array<{ id: string; reference: string; phase: string }> }>('GET', '/me/trajectories'));
  const t = list.items.find((x) => x.phase !== 'ended' && x.phase !== 'aftercare');
  if (!t) throw new Error('the demo volunteer has no active trajectory');
  return { id: t.id, reference: t.reference };
}

describe('Houvast plan, agreements and meetings in the dossier', () => {
  let ctx: BrowserContext;
  let page: Page;
  let trajectory: { id: string; reference: string };
  let meetingUrl = '';
  const QUESTION = 'Ik wil zelf kunnen zeggen wat ik nodig heb in gesprekken met de jeugdbeschermer.';
  const AGREEMENT = 'De jeugdbeschermer stuurt het verslag van het vorige gesprek.';
  const MEETING = 'Gesprek over de omgangsregeling';
  // Texts shown through GlossaryText carry the term's (hidden) explanation inside them: match on a
  // part without the term ("jeugdbeschermer", "bezoekregeling").
  const QUESTION_PART = 'Ik wil zelf kunnen zeggen wat ik nodig heb';
  const AGREEMENT_PART = 'stuurt het verslag van het vorige gesprek';

  const section = (id: string): Locator => page.locator(`section[aria-labelledby="${id}"]`);

  beforeAll(async () => {
    trajectory = await demoTrajectory();
    ctx = await newContext({ width: 360, height: 800 });
    page = await ctx.newPage();
    const account = demoAccounts().volunteer!;
    await signInUI(page, account.email, account.password);
  });
  afterAll(async () => ctx?.close());

  async function openDossier() {
    await page.goto(`/trajecten/${trajectory.id}`);
    await expectHeading(page, new RegExp(trajectory.reference));
    await settled(page);
  }

  it('adds a person to the family map (who is who)', async () => {
    await openDossier();
    const family = section('plan-family');
    await family.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await family.getByLabel('Wie is dit voor het gezin?').selectOption('youth_protection_worker');
    await family.getByLabel('Naam', { exact: true }).fill('Karin Plantinga');
    await family.getByLabel('Organisatie').fill('Jeugdbescherming Brabant');
    await family.getByRole('button', { name: 'Persoon toevoegen' }).click();
    await family.getByText('Karin Plantinga is toegevoegd.').waitFor();
    const member = family.locator('li', { hasText: 'Karin Plantinga' });
    await member.getByText('Jeugdbeschermer · Jeugdbescherming Brabant').waitFor();
  });

  it('adds a help question and records self-reliance twice; the chart’s sentence follows', async () => {
    const questions = section('plan-questions');
    await questions.getByRole('button', { name: 'Hulpvraag toevoegen' }).click();
    await questions.getByLabel('De hulpvraag').fill(QUESTION);
    await questions.getByLabel('Doel', { exact: true }).fill('Ik zeg in het gesprek zelf wat ik wil.');
    await questions.getByRole('button', { name: 'Hulpvraag toevoegen' }).click();
    await questions.getByText('De hulpvraag is toegevoegd.').waitFor();
    const card = questions.locator('article', { hasText: QUESTION_PART });
    await card.waitFor();
    // The jargon in the parent's words is marked and explained on tap.
    expect(await card.getByRole('button', { name: 'jeugdbeschermer' }).count()).toBe(1);
    expect(await card.innerText()).toContain('Nog niet aan begonnen');
    await card.getByText('Nog geen metingen van de zelfredzaamheid.').waitFor();

    const first = amsterdamDay(-60);
    await card.getByRole('button', { name: /Zelfredzaamheid vastleggen/ }).click();
    // Nothing chosen: the shared schema stops it in the browser.
    await card.getByRole('button', { name: 'Vastleggen' }).click();
    await card.locator('.naast-error-summary').getByText('Hoe goed lukt dit de ouder zelf?: Dit veld is verplicht.').waitFor();
    // A date after today: the server's field error lands at the date, nothing is saved.
    await card.getByLabel('2 – lukt met veel hulp').check();
    await card.getByLabel('Datum').fill(amsterdamDay(2));
    await card.getByRole('button', { name: 'Vastleggen' }).click();
    await card.getByText('Deze datum ligt in de toekomst.', { exact: false }).first().waitFor();
    expect(await card.getByLabel('Datum').getAttribute('aria-invalid')).toBe('true');
    await card.getByText('Nog geen metingen van de zelfredzaamheid.').waitFor();
    await card.getByLabel('Datum').fill(first);
    await card.getByRole('button', { name: 'Vastleggen' }).click();
    await questions.getByText('Vastgelegd: 2 – lukt met veel hulp.').waitFor();
    await card.getByText(`Op ${inWords(first, { dateStyle: 'long' })}: 2 van 5 (lukt met veel hulp).`).waitFor();

    await card.getByRole('button', { name: /Zelfredzaamheid vastleggen/ }).click();
    await card.getByLabel('4 – lukt bijna zelf').check();
    expect(await card.getByLabel('Datum').inputValue()).toBe(amsterdamDay(0));
    await card.getByRole('button', { name: 'Vastleggen' }).click();
    const sentence = `Van 2 naar 4 sinds ${inWords(first, { month: 'long', year: 'numeric' })} (2 metingen). Nu: lukt bijna zelf.`;
    await card.getByText(sentence).waitFor();
    // The chart is named by that sentence; the table gives every measurement.
    expect(await card.locator('svg[role="img"]').count()).toBe(1);
    await card.getByText('Alle metingen als tabel').click();
    expect(await card.locator('table').innerText()).toMatch(/2 – lukt met veel hulp[\s\S]*4 – lukt bijna zelf/);
    // On a phone the table scrolls in its own region; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('an agreement past its date is marked "te laat" in words', async () => {
    const agreements = section('plan-agreements');
    await agreements.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await agreements.getByLabel('Wie heeft het beloofd?').selectOption('professional');
    await agreements.getByLabel('Naam', { exact: true }).fill('Jeugdbeschermer Janssen');
    await agreements.getByLabel('Wat is er beloofd?').fill(AGREEMENT);
    await agreements.getByLabel('Uiterlijk op').fill(amsterdamDay(-10));
    await agreements.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await agreements.getByText('De afspraak is toegevoegd.').waitFor();
    const item = agreements.locator('li', { hasText: AGREEMENT_PART });
    await item.waitFor();
    await item.getByText('te laat', { exact: true }).waitFor();
    expect(await item.innerText()).toContain('Jeugdbeschermer Janssen (hulpverlener)');
    expect(await agreements.innerText()).toMatch(/Te laat: [1-9]/);
  });

  it('plans a meeting; the dossier passes axe', async () => {
    const meetings = section('plan-meetings');
    await meetings.getByRole('button', { name: 'Gesprek plannen' }).click();
    await meetings.getByLabel('Waar gaat het gesprek over?').fill(MEETING);
    await meetings.getByLabel('Met wie?').fill('De jeugdbeschermer');
    await meetings.getByLabel('Datum').fill(amsterdamDay(7));
    await meetings.getByLabel('Tijd').fill('14:30');
    await meetings.getByRole('button', { name: 'Gesprek plannen' }).click();
    await meetings.getByText(/is gepland op .* 14:30/).waitFor();
    const link = meetings.getByRole('link', { name: MEETING });
    await link.waitFor();
    expect(await meetings.locator('li', { hasText: MEETING }).innerText()).toContain('Met: De jeugdbeschermer');
    await checkPage(page, 'trajectory-dossier-plan');
    await link.click();
    await expectHeading(page, MEETING);
    await settled(page);
    meetingUrl = new URL(page.url()).pathname;
    expect(meetingUrl).toMatch(new RegExp(`^/trajecten/${trajectory.id}/gesprekken/`));
  });

  it('prepares the meeting and takes the open agreements along', async () => {
    const prep = section('meeting-prep');
    await prep.getByLabel('Wat wil de ouder bereiken?').fill('Dat de bezoekregeling elke week doorgaat.');
    await prep.getByLabel('Hoe reageert de ouder als…').fill('Als het gesprek boos wordt: even pauze vragen.');
    await prep.getByLabel('Vragen die de ouder wil stellen').fill('Wanneer komt het verslag?');
    await prep.getByRole('button', { name: 'Voorbereiding opslaan' }).click();
    await page.getByText('De voorbereiding is opgeslagen.').waitFor();
    await prep.getByText('elke week doorgaat').waitFor();

    const along = section('meeting-takealong');
    await along.getByRole('button', { name: 'Open afspraken meenemen' }).click();
    const list = along.locator('.naast-plan-takealong');
    await list.waitFor();
    const text = await list.innerText();
    expect(text).toContain(AGREEMENT_PART);
    expect(text).toContain('te laat');
    expect(await list.getByRole('button', { name: 'Afdrukken' }).count()).toBe(1);
    await checkPage(page, 'trajectory-meeting-prepared');
  });

  it('marks the meeting held with an evaluation and adds an agreement made in it', async () => {
    const after = section('meeting-after');
    await after.getByLabel('Hoe ging het gesprek?').fill('Het ging goed. Moeder zei zelf wat ze wilde.');
    await after.getByRole('button', { name: 'Gesprek is geweest – opslaan' }).click();
    await page.getByText("Het gesprek staat op 'geweest'. De evaluatie is opgeslagen.").waitFor();
    await page.locator('dd', { hasText: 'geweest' }).waitFor();

    const made = section('meeting-made');
    await made.getByLabel('Wie heeft het beloofd?').selectOption('parent');
    await made.getByLabel('Naam', { exact: true }).fill('Moeder');
    await made.getByLabel('Wat is er beloofd?').fill('Moeder belt de school over het rapport.');
    await made.getByLabel('Uiterlijk op').fill(amsterdamDay(14));
    await made.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await made.getByText('De afspraak is toegevoegd.').waitFor();
    await made.locator('li', { hasText: 'Moeder belt de school over het rapport.' }).waitFor();
    await checkPage(page, 'trajectory-meeting-held');

    // Back in the dossier the new agreement names the meeting it came from.
    await page.getByRole('link', { name: 'Terug naar het dossier' }).click();
    await expectHeading(page, new RegExp(trajectory.reference));
    await settled(page);
    const item = section('plan-agreements').locator('li', { hasText: 'Moeder belt de school over het rapport.' });
    await item.waitFor();
    expect(await item.innerText()).toContain(`Afgesproken in het gesprek: ${MEETING}`);

    // Kept: the status changes with a note; it leaves the open list and shows under "all".
    await item.getByRole('button', { name: /Status veranderen/ }).click();
    await item.getByLabel('Nieuwe status').selectOption('done');
    await item.getByLabel('Toelichting').fill('School is gebeld.');
    await item.getByRole('button', { name: 'Status opslaan' }).click();
    const agreements = section('plan-agreements');
    await agreements.getByText('De afspraak staat nu op: gedaan.').waitFor();
    await agreements.locator('li', { hasText: 'Moeder belt de school over het rapport.' }).waitFor({ state: 'detached' });
    await agreements.getByLabel('Ook afspraken tonen die klaar zijn').check();
    const done = agreements.locator('li', { hasText: 'Moeder belt de school over het rapport.' });
    await done.waitFor();
    expect(await done.innerText()).toMatch(/Status: gedaan.*School is gebeld\./);
    await checkPage(page, 'trajectory-dossier-all-agreements');
  });

  it('the meeting page in English', async () => {
    await page.goto(meetingUrl);
    await expectHeading(page, MEETING);
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Preparation' }).waitFor();
    await settled(page);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Back to the dossier');
    expect(text).toContain('Take the open agreements along');
    expect(text).toContain('Agreements from this meeting');
    await checkPage(page, 'trajectory-meeting-en');
    // The choice is stored in the demo volunteer's profile: back to Dutch for the other tests.
    await page.getByRole('button', { name: /Nederlands/ }).click();
    await page.getByRole('heading', { name: 'Voorbereiding' }).waitFor();
  });
});
