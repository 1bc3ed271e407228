import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminClient, ApiClient, createUser, locationId } from './api.js';
import { checkPage, dataDir, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 4, the matching side: the coordinator's waiting list (with how the waiting time is
// computed), one family's ranked volunteers with reasons and exclusions, confirming a match (and a
// refusal when a colleague was faster), the whole-list proposal compared with the simple approach,
// the volunteer answering offers on a phone, the parent's own status, and volunteer profiles.
// Test data is made through the API (the demo data may hold more families; the test finds its own).

const INSTITUTION = 'Jeugdbescherming Brabant';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

interface Family {
  id: string;
  reference: string;
}

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A family accepted onto the waiting list of the municipality's location (staff application → first contact → intake). */
let privacyVersion: string | undefined;
async function waitingFamily(api: ApiClient, name: string, opts: { municipalityCode?: string; hearingDate?: string; language?: string } = {}): Promise<Family> {
  if (!privacyVersion) {
    const session = await ok(api.call<{ user: { orgId: string } }>('GET', '/auth/session'));
    privacyVersion = (await ok(api.call<{ privacyStatement: { version: string } }>('GET', `/public/organisations/${session.user.orgId}/application-form`))).privacyStatement.version;
  }
  const app = await ok(
    api.call<{ id: string; reference: string }>('POST', '/applications', {
      channel: 'phone',
      referrerType: 'self',
      people: [{ relation: 'parent', firstName: name, lastName: 'Testgezin' }],
      children: [{ firstName: 'Kind', birthYear: 2015, measure: 'ots' }],
      municipalityCode: opts.municipalityCode ?? 'GM0794',
      institutions: [{ kind: 'gi', name: INSTITUTION }],
      conflictSummary: 'Verzonnen conflict voor de browsertest.',
      preferredLanguage: opts.language ?? 'nl',
      ...(opts.hearingDate ? { hearingDate: opts.hearingDate } : {}),
      consent: true,
      privacyStatementVersion: privacyVersion,
    }),
  );
  await ok(api.call('POST', `/applications/${app.id}/first-contact`, {}));
  await ok(api.call('POST', `/applications/${app.id}/intake`, { heldAt: new Date().toISOString(), helpQuestions: ['Hoe praat ik met de jeugdbeschermer?'], decision: 'accept_waiting' }));
  return { id: app.id, reference: app.reference };
}

type Profile = {
  homeMunicipalityCode: string | null;
  travelMunicipalities: string[];
  hoursPerWeek: number;
  maxFamilies: number;
  measureExperience: string[];
  institutionExperience: string[];
  languages: string[];
  conflictInstitutions: string[];
  conflictApplicationIds: string[];
};
const HELMOND_AREA = ['GM0794', 'GM1652', 'GM0762', 'GM1771'];
const profile = (p: Partial<Profile>): Profile => ({
  homeMunicipalityCode: 'GM0794',
  travelMunicipalities: HELMOND_AREA,
  hoursPerWeek: 8,
  maxFamilies: 3,
  measureExperience: ['ots'],
  institutionExperience: [INSTITUTION],
  languages: ['nl', 'ar'],
  conflictInstitutions: [],
  conflictApplicationIds: [],
  ...p,
});

describe('waiting list and matching', () => {
  let admin: ApiClient;
  let coordinatorCtx: BrowserContext;
  let page: Page;
  let demoVolunteerId: string;
  let quick: { id: string; displayName: string };
  const families: Record<'urgent' | 'second' | 'third' | 'parent', Family> = {} as never;
  let offer: Family;

  beforeAll(async () => {
    admin = await adminClient();
    const helmond = await locationId(admin, 'Helmond');
    const tilburg = await locationId(admin, 'Tilburg');
    const volunteers = await ok(admin.call<{ items: Array<{ userId: string; displayName: string }> }>('GET', '/volunteers?limit=200'));
    demoVolunteerId = volunteers.items.find((v) => v.displayName === 'Demo Vrijwilliger')!.userId;
    await ok(admin.call('PUT', `/volunteers/${demoVolunteerId}/profile`, profile({})));

    // Three more volunteers: one with room for one family, one with a conflict of interest, one elsewhere.
    const [q, conflicted, far] = await Promise.all([
      createUser('Vrijwilliger Snel', { role: 'volunteer', locationIds: [helmond], admin }),
      createUser('Vrijwilliger Conflict', { role: 'volunteer', locationIds: [helmond], admin }),
      createUser('Vrijwilliger Tilburg', { role: 'volunteer', locationIds: [tilburg], admin }),
    ]);
    quick = q;
    await ok(admin.call('PUT', `/volunteers/${q.id}/profile`, profile({ maxFamilies: 1, hoursPerWeek: 6, languages: ['nl'] })));
    await ok(admin.call('PUT', `/volunteers/${conflicted.id}/profile`, profile({ conflictInstitutions: [INSTITUTION] })));
    await ok(admin.call('PUT', `/volunteers/${far.id}/profile`, profile({ homeMunicipalityCode: 'GM0855', travelMunicipalities: ['GM0855', 'GM0785'] })));

    families.urgent = await waitingFamily(admin, 'Spoed', { hearingDate: inDays(14), language: 'ar' });
    families.second = await waitingFamily(admin, 'Tweede', { municipalityCode: 'GM1652' });
    families.third = await waitingFamily(admin, 'Derde');
    families.parent = await waitingFamily(admin, 'Ouder');

    const parents = await ok(admin.call<{ items: Array<{ id: string; email: string }> }>('GET', '/users?role=parent&limit=200'));
    const demoParent = parents.items.find((u) => u.email === demoAccounts().parent!.email)!;
    await ok(admin.call('POST', `/applications/${families.parent.id}/link-parent`, { userId: demoParent.id }));

    coordinatorCtx = await newContext();
    page = await coordinatorCtx.newPage();
    const coordinator = demoAccounts().coordinator!;
    await signInUI(page, coordinator.email, coordinator.password);
  });
  afterAll(async () => coordinatorCtx?.close());

  it('the coordinator sees the waiting list of Helmond in order, urgent first, with how the waiting time is computed', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Wachtlijst' }).click();
    await expectHeading(page, 'Wachtlijst');
    await settled(page);
    const table = page.locator('.naast-table-wrap[role="region"]', { hasText: families.urgent.reference });
    await table.waitFor();
    const text = await table.innerText();
    for (const f of Object.values(families)) expect(text).toContain(f.reference);
    // Urgent families come first: ours is above every family of this test without a hearing.
    expect(text.indexOf(families.urgent.reference)).toBeLessThan(text.indexOf(families.second.reference));
    const urgentRow = page.locator('tr', { hasText: families.urgent.reference });
    expect(await urgentRow.innerText()).toContain('Spoed');
    const explanation = page.locator('section', { has: page.getByRole('heading', { name: 'Zo berekenen we de wachttijd' }) });
    expect(await explanation.innerText()).toMatch(/plekken|plek/);
    expect(await explanation.innerText()).toMatch(/8 maanden|gemiddeld/);
    await checkPage(page, 'waiting-list');
  });

  it('a family’s match screen ranks volunteers with reasons and shows the excluded ones and why; Koppel confirms', async () => {
    await page.getByRole('link', { name: `Vrijwilliger zoeken ${families.urgent.reference}` }).click();
    await expectHeading(page, `Vrijwilliger zoeken voor ${families.urgent.reference}`);
    await settled(page);
    const main = page.locator('main');
    const text = await main.innerText();
    expect(text).toContain('Demo Vrijwilliger');
    expect(text).toMatch(/km van huis: \+\d+|woont in dezelfde gemeente: \+\d+/);
    expect(text).toMatch(/spreekt Arabisch: \+\d+/);
    expect(text).toMatch(/8 uur per week: \+\d+/);
    expect(text).toMatch(/\d van 3 gezinnen: \+\d+/);
    const excluded = page.locator('section', { has: page.getByRole('heading', { name: /Vrijwilligers die niet kunnen/ }) });
    const excludedText = await excluded.innerText();
    expect(excludedText).toContain('Vrijwilliger Conflict');
    expect(excludedText).toContain('belangenconflict met een instelling van dit gezin');
    expect(excludedText).toContain('Vrijwilliger Tilburg');
    expect(excludedText).toContain('buiten werkgebied');
    await checkPage(page, 'match-family');

    await page.getByRole('button', { name: 'Koppel Demo Vrijwilliger' }).click();
    await page.getByRole('button', { name: 'Ja, koppel Demo Vrijwilliger' }).waitFor();
    await checkPage(page, 'match-family-confirm');
    await page.getByRole('button', { name: 'Ja, koppel Demo Vrijwilliger' }).click();
    await page.getByText(`Demo Vrijwilliger is gevraagd voor gezin ${families.urgent.reference}.`).waitFor();
    await page.getByText('Voor dit gezin is al een vrijwilliger gevraagd.').waitFor();
    expect(await page.getByRole('button', { name: /^Koppel / }).count()).toBe(0);
  });

  it('a refused match says why: the volunteer became full because a colleague was faster', async () => {
    await page.goto(`/aanmeldingen/${families.second.id}/matchen`);
    await expectHeading(page, `Vrijwilliger zoeken voor ${families.second.reference}`);
    await settled(page);
    await page.getByRole('button', { name: `Koppel ${quick.displayName}` }).click();
    // Meanwhile a colleague gives the volunteer's only place to another family.
    await ok(admin.call('POST', '/matches', { applicationId: families.third.id, volunteerUserId: quick.id }));
    await page.getByRole('button', { name: `Ja, koppel ${quick.displayName}` }).click();
    const feedback = page.locator('.naast-feedback .utrecht-alert').first();
    await feedback.waitFor();
    expect(await page.locator('.naast-feedback').innerText()).toContain('De koppeling is niet gemaakt.');
    // The list was loaded again: the volunteer is now among those who cannot, as full.
    const excluded = page.locator('section', { has: page.getByRole('heading', { name: /Vrijwilligers die niet kunnen/ }) });
    await excluded.getByText(quick.displayName).waitFor();
    expect(await excluded.innerText()).toContain('vol');
    await checkPage(page, 'match-family-refused');
  });

  it('the parent sees their own status, number, place and expected waiting time with the explanation', async () => {
    const c = await newContext({ width: 360, height: 740 });
    try {
      const p = await c.newPage();
      const parent = demoAccounts().parent!;
      await signInUI(p, parent.email, parent.password);
      await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn aanmelding' }).click();
      await expectHeading(p, 'Mijn aanmelding');
      await settled(p);
      const text = await p.locator('main').innerText();
      expect(text).toContain(families.parent.reference);
      expect(text).toContain('Op de wachtlijst');
      expect(text).toMatch(/Plek \d+/);
      expect(text).toContain('Zo berekenen we de wachttijd');
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await checkPage(p, 'my-application-360');
    } finally {
      await c.close();
    }
  });

  it('the whole-list proposal compares with the simple approach and confirms one match at a time', async () => {
    await page.goto('/wachtlijst');
    await expectHeading(page, 'Wachtlijst');
    await page.getByRole('link', { name: 'Voorstel voor de hele wachtlijst bekijken' }).click();
    await expectHeading(page, 'Voorstel voor de hele wachtlijst');
    await settled(page);
    const box = page.locator('section.naast-comparison');
    const text = await box.innerText();
    expect(text).toMatch(/Deze verdeling koppelt \d+ van de \d+ gezinnen, waarvan \d+ met spoed\./);
    expect(text).toMatch(/De eenvoudige aanpak \(steeds de beste vrije vrijwilliger\) koppelt \d+ gezinnen/);
    await checkPage(page, 'match-proposal');

    const first = page.getByRole('button', { name: /^Bevestig / }).first();
    if ((await first.count()) > 0) {
      const label = (await first.innerText()).replace(/^Bevestig\s*/, '').trim();
      await first.click();
      await page.getByRole('button', { name: /^Ja, koppel / }).click();
      await page.locator('.utrecht-alert', { hasText: /Gekoppeld:|is niet gekoppeld/ }).first().waitFor();
      expect(label).toMatch(/ met /);
      await checkPage(page, 'match-proposal-confirmed');
    }
  });

  it('the volunteer sees the offers on a phone, accepts one and declines another with a reason', async () => {
    // A second offer, made now so the proposal above cannot have taken this family.
    offer = await waitingFamily(admin, 'Aanbod');
    await ok(admin.call('POST', '/matches', { applicationId: offer.id, volunteerUserId: demoVolunteerId }));
    const c = await newContext({ width: 360, height: 740 });
    try {
      const p = await c.newPage();
      const volunteer = demoAccounts().volunteer!;
      await signInUI(p, volunteer.email, volunteer.password);
      await expectHeading(p, /Welkom/);
      await p.getByRole('link', { name: 'Bekijk mijn koppelingen' }).click();
      await expectHeading(p, 'Mijn koppelingen');
      await settled(p);
      await p.getByRole('heading', { name: `Nieuw gezin: ${families.urgent.reference}` }).waitFor();
      expect(await p.locator('main').innerText()).toContain(INSTITUTION);
      expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await checkPage(p, 'my-offers-360');

      // Big buttons: full width on a phone, at least 44 px high.
      const accept = p.getByRole('button', { name: `Ja, ik help dit gezin ${families.urgent.reference}` });
      const box = (await accept.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(44);
      expect(box.width).toBeGreaterThan(280);
      await accept.click();
      await p.getByText('Het traject is begonnen.').waitFor();
      await checkPage(p, 'my-offers-accepted-360');

      await p.getByRole('button', { name: `Nee, ik kan niet ${offer.reference}` }).click();
      await p.getByRole('button', { name: 'Nee sturen' }).click();
      await p.locator('.naast-error-summary [role="alert"], .naast-error-summary .utrecht-alert').first().waitFor();
      await checkPage(p, 'my-offers-decline-error-360');
      await p.getByLabel('Waarom kunt u dit gezin niet helpen?').fill('Ik ken dit gezin uit mijn buurt.');
      await p.getByRole('button', { name: 'Nee sturen' }).click();
      await p.getByText(`U heeft nee gezegd tegen gezin ${offer.reference}.`).waitFor();
      const earlier = await p.locator('section', { has: p.getByRole('heading', { name: 'Eerdere voorstellen' }) }).innerText();
      expect(earlier).toContain('U zei ja: het traject is begonnen');
      expect(earlier).toContain('U zei nee');
    } finally {
      await c.close();
    }
  });

  it('the coordinator hears of the decline without details, sees it in the family’s earlier matches, and withdraws a pending match', async () => {
    // The mail: the family's reference and the link to its match screen; no reason, no names.
    const coordinator = demoAccounts().coordinator!;
    const dir = path.join(dataDir(), 'mail');
    const notices = [];
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.eml'))) {
      const raw = fs.readFileSync(path.join(dir, f), 'utf8');
      if (!raw.toLowerCase().includes(coordinator.email.toLowerCase())) continue;
      const mail = await simpleParser(raw);
      if ((mail.text ?? '').includes(`/aanmeldingen/${offer.id}/matchen`)) notices.push(mail);
    }
    expect(notices).toHaveLength(1);
    expect(notices[0]!.subject).toContain(offer.reference);
    expect(notices[0]!.text).toContain('nee gezegd');
    expect(notices[0]!.text).not.toContain('Ik ken dit gezin uit mijn buurt.');
    expect(notices[0]!.text).not.toContain('Demo Vrijwilliger');

    await page.goto(`/aanmeldingen/${offer.id}/matchen`);
    await expectHeading(page, `Vrijwilliger zoeken voor ${offer.reference}`);
    await settled(page);
    const history = page.locator('section', { has: page.getByRole('heading', { name: /^Eerdere koppelingen/ }) });
    await history.getByRole('heading', { name: 'Demo Vrijwilliger: heeft nee gezegd' }).waitFor();
    const text = await history.innerText();
    expect(text).toContain('Ik ken dit gezin uit mijn buurt.');
    expect(text).toMatch(/Nee gezegd op \d+ \w+ \d{4}\./);
    expect(await page.getByRole('button', { name: /^Koppel / }).count()).toBeGreaterThan(0);
    await checkPage(page, 'match-family-history');

    // A colleague asks another volunteer; the page says the family waits, and the match can be withdrawn.
    const helmond = await locationId(admin, 'Helmond');
    const later = await createUser('Vrijwilliger Intrekken', { role: 'volunteer', locationIds: [helmond], admin });
    await ok(admin.call('PUT', `/volunteers/${later.id}/profile`, profile({})));
    await ok(admin.call('POST', '/matches', { applicationId: offer.id, volunteerUserId: later.id }));
    await page.reload();
    await expectHeading(page, `Vrijwilliger zoeken voor ${offer.reference}`);
    await settled(page);
    await page.getByText('Het gezin wacht nu op het antwoord van Vrijwilliger Intrekken.').waitFor();
    expect(await page.getByRole('button', { name: /^Koppel / }).count()).toBe(0);
    await history.getByRole('heading', { name: 'Vrijwilliger Intrekken: wacht op antwoord' }).waitFor();
    await page.getByRole('button', { name: 'Koppeling intrekken Vrijwilliger Intrekken' }).click();
    await page.getByRole('button', { name: 'Ja, trek de koppeling in' }).waitFor();
    await checkPage(page, 'match-family-withdraw-confirm');
    await page.getByRole('button', { name: 'Ja, trek de koppeling in' }).click();
    await page.getByText('De koppeling met Vrijwilliger Intrekken is ingetrokken.').waitFor();
    await history.getByRole('heading', { name: 'Vrijwilliger Intrekken: ingetrokken' }).waitFor();
    await page.getByRole('button', { name: /^Koppel / }).first().waitFor();
    const after = await ok(admin.call<{ matches: Array<{ status: string }> }>('GET', `/applications/${offer.id}/match-candidates`));
    expect(after.matches.map((m) => m.status)).toEqual(['withdrawn', 'declined']);
    await checkPage(page, 'match-family-withdrawn');
  });

  it('a coordinator edits a volunteer profile (hours, a municipality found by search, an institution)', async () => {
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Vrijwilligers' }).click();
    await expectHeading(page, 'Vrijwilligers');
    await settled(page);
    const row = page.locator('tr', { hasText: quick.displayName });
    expect(await row.innerText()).toContain('1 van 1');
    await checkPage(page, 'volunteers');

    await page.getByRole('link', { name: quick.displayName }).click();
    await expectHeading(page, quick.displayName);
    await settled(page);
    await checkPage(page, 'volunteer-profile');
    await page.getByLabel('Uren per week').fill('10');
    await page.getByLabel('Zoek een gemeente').fill('Laarbe');
    await page.getByLabel('Laarbeek').check();
    await page.getByLabel('Ervaring met instellingen').fill(`${INSTITUTION}\nVeilig Thuis`);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(`Het profiel van ${quick.displayName} is opgeslagen.`).waitFor();
    const saved = await ok(admin.call<Profile>('GET', `/volunteers/${quick.id}/profile`));
    expect(saved.hoursPerWeek).toBe(10);
    expect(saved.travelMunicipalities).toContain('GM1659');
    expect(saved.institutionExperience).toEqual([INSTITUTION, 'Veilig Thuis']);

    // A wrong value is refused at the field and in the summary.
    await page.getByLabel('Uren per week').fill('99');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.locator('.naast-error-summary [role="alert"]').waitFor();
    await checkPage(page, 'volunteer-profile-error');
  });

  it('the screens speak English too: waiting list and a match screen', async () => {
    await page.goto('/wachtlijst');
    await expectHeading(page, 'Wachtlijst');
    await page.getByRole('button', { name: /English/ }).click();
    await expectHeading(page, 'Waiting list');
    await settled(page);
    await page.getByRole('heading', { name: 'How we calculate the waiting time' }).waitFor();
    await checkPage(page, 'waiting-list-en');
    await page.goto(`/aanmeldingen/${families.second.id}/matchen`);
    await expectHeading(page, `Find a volunteer for ${families.second.reference}`);
    await settled(page);
    expect(await page.locator('main').innerText()).toMatch(/hours a week: \+\d+/);
    await checkPage(page, 'match-family-en');
    await page.getByRole('button', { name: /Nederlands/ }).click();
    await expectHeading(page, `Vrijwilliger zoeken voor ${families.second.reference}`);
  });

  it('the volunteer keeps their own availability up to date', async () => {
    const c = await newContext({ width: 360, height: 740 });
    try {
      const p = await c.newPage();
      const volunteer = demoAccounts().volunteer!;
      await signInUI(p, volunteer.email, volunteer.password);
      await p.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn beschikbaarheid' }).click();
      await expectHeading(p, 'Mijn beschikbaarheid');
      await settled(p);
      await p.getByLabel('Hoeveel uur per week heeft u?').fill('5');
      await p.getByRole('button', { name: 'Opslaan' }).click();
      await p.getByText('Opgeslagen. Dank u wel!').waitFor();
      await checkPage(p, 'my-availability-360');
      const saved = await ok(admin.call<Profile>('GET', `/volunteers/${demoVolunteerId}/profile`));
      expect(saved.hoursPerWeek).toBe(5);
    } finally {
      await c.close();
    }
  });
});
