import { simpleParser } from 'mailparser';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../helpers/signin.js';
import { adminClient, ApiClient, createUser, locationId } from './api.js';
import { checkPage, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5: "A full trajectory from match to closing is one browser test." The demo coordinator
// matches a waiting family with the demo volunteer on the match screen; the volunteer accepts in
// /mijn-koppelingen, opens the dossier from /mijn-gezinnen, logs a contact, adds a help question and
// an agreement; the coordinator moves the phase step by step to aftercare with outcome 'resolved';
// the parent gets the questionnaire mail; /resultaten counts one more closed trajectory; axe on the
// dossier at the end. The family is made through the API with a parent e-mail address (so the
// questionnaire mail can be checked); everything else goes through the screens.

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201, 204]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

interface Candidate {
  volunteerUserId: string;
  suitable: boolean;
}

/**
 * A volunteer with a free place who can sign in in the browser: invited, enrolled in two-factor
 * through the API, signing in with one of the recovery codes (no waiting for a fresh app code).
 */
async function freshVolunteer(admin: ApiClient, helmond: string): Promise<{ name: string; email: string; password: string; recoveryCode: string }> {
  const user = await createUser('Vrijwilliger Reis', { role: 'volunteer', locationIds: [helmond], admin });
  const api = new ApiClient();
  await api.signIn(user.email, user.password);
  const start = await ok(api.call<{ secret: string }>('POST', '/auth/mfa/enrol/start', {}));
  const { recoveryCodes } = await ok(api.call<{ recoveryCodes: string[] }>('POST', '/auth/mfa/enrol/confirm', { code: totpCode(start.secret) }));
  await ok(
    admin.call('PUT', `/volunteers/${user.id}/profile`, {
      homeMunicipalityCode: 'GM0794',
      travelMunicipalities: ['GM0794'],
      hoursPerWeek: 8,
      maxFamilies: 2,
      measureExperience: ['ots'],
      institutionExperience: ['Jeugdbescherming Brabant'],
      languages: ['nl'],
      conflictInstitutions: [],
      conflictApplicationIds: [],
    }),
  );
  return { name: user.displayName, email: user.email, password: user.password, recoveryCode: recoveryCodes[0]! };
}

/** "Succes: 80% van 12 afgesloten trajecten in 2026" → 12. */
async function closedCount(page: Page): Promise<number> {
  await page.goto('/resultaten');
  await expectHeading(page, 'Resultaten');
  await settled(page);
  const text = await page.getByTestId('success-rate').innerText();
  const m = /van (\d+) afgesloten trajecten/.exec(text);
  return m ? Number(m[1]) : 0;
}

describe('a whole trajectory, from match to closing', () => {
  let admin: ApiClient;
  let coordCtx: BrowserContext;
  let volCtx: BrowserContext;
  let coord: Page;
  let vol: Page;
  let family: { id: string; reference: string };
  /** The demo volunteer when they have a free place, otherwise a new one. */
  let volName = 'Demo Vrijwilliger';
  let trajectoryId = '';
  let closedBefore = 0;
  const parentEmail = `ouder-reis-${Date.now().toString(36)}@e2e.naast.test`;
  const section = (p: Page, id: string): Locator => p.locator(`section[aria-labelledby="${id}"]`);

  beforeAll(async () => {
    admin = await adminClient();
    const helmond = await locationId(admin, 'Helmond');
    const session = await ok(admin.call<{ user: { orgId: string } }>('GET', '/auth/session'));
    const privacy = (await ok(admin.call<{ privacyStatement: { version: string } }>('GET', `/public/organisations/${session.user.orgId}/application-form`))).privacyStatement.version;
    family = await ok(
      admin.call<{ id: string; reference: string }>('POST', '/applications', {
        channel: 'phone',
        referrerType: 'self',
        people: [{ relation: 'parent', firstName: 'Roos', lastName: 'Reis', email: parentEmail }],
        children: [{ firstName: 'Kind', birthYear: 2016, measure: 'ots' }],
        municipalityCode: 'GM0794',
        institutions: [{ kind: 'gi', name: 'Jeugdbescherming Brabant' }],
        conflictSummary: 'Verzonnen conflict voor de browsertest van een heel traject.',
        preferredLanguage: 'nl',
        consent: true,
        privacyStatementVersion: privacy,
      }),
    );
    await ok(admin.call('POST', `/applications/${family.id}/first-contact`, {}));
    await ok(admin.call('POST', `/applications/${family.id}/intake`, { heldAt: new Date().toISOString(), helpQuestions: ['Hoe praat ik met de jeugdbeschermer?'], decision: 'accept_waiting' }));

    // The demo volunteer may be full (demo data, other browser tests): then a new volunteer takes the family.
    const volunteers = await ok(admin.call<{ items: Array<{ userId: string; displayName: string }> }>('GET', '/volunteers?limit=200'));
    const demoVolunteerId = volunteers.items.find((v) => v.displayName === 'Demo Vrijwilliger')?.userId;
    const candidates = await ok(admin.call<{ candidates: Candidate[] }>('GET', `/applications/${family.id}/match-candidates`));
    const demoFree = candidates.candidates.some((c) => c.volunteerUserId === demoVolunteerId && c.suitable);

    coordCtx = await newContext();
    coord = await coordCtx.newPage();
    const c = demoAccounts().coordinator!;
    await signInUI(coord, c.email, c.password);
    closedBefore = await closedCount(coord);

    volCtx = await newContext({ width: 360, height: 800 });
    vol = await volCtx.newPage();
    if (demoFree) {
      const v = demoAccounts().volunteer!;
      await signInUI(vol, v.email, v.password);
    } else {
      const v = await freshVolunteer(admin, helmond);
      volName = v.name;
      await signInUI(vol, v.email, v.password);
      await expectHeading(vol, 'Code invullen');
      await vol.getByLabel('Code', { exact: true }).fill(v.recoveryCode);
      await vol.getByRole('button', { name: 'Verder' }).click();
      await vol.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
    }
  });

  afterAll(async () => {
    await coordCtx?.close();
    await volCtx?.close();
  });

  it('the coordinator matches the waiting family with a volunteer', async () => {
    await coord.goto('/wachtlijst');
    await expectHeading(coord, 'Wachtlijst');
    await settled(coord);
    await coord.getByRole('link', { name: `Vrijwilliger zoeken ${family.reference}` }).click();
    await expectHeading(coord, `Vrijwilliger zoeken voor ${family.reference}`);
    await settled(coord);
    await coord.getByRole('button', { name: `Koppel ${volName}` }).click();
    await coord.getByRole('button', { name: `Ja, koppel ${volName}` }).click();
    await coord.getByText(`${volName} is gevraagd voor gezin ${family.reference}.`).waitFor();
  });

  it('the volunteer accepts in /mijn-koppelingen and opens the dossier from /mijn-gezinnen', async () => {
    await vol.goto('/mijn-koppelingen');
    await expectHeading(vol, 'Mijn koppelingen');
    await settled(vol);
    await vol.getByRole('heading', { name: `Nieuw gezin: ${family.reference}` }).waitFor();
    await vol.getByRole('button', { name: `Ja, ik help dit gezin ${family.reference}` }).click();
    await vol.getByText('Het traject is begonnen.').waitFor();

    const mine = await ok(admin.call<{ items: Array<{ id: string; reference: string; familyName: string }> }>('GET', '/trajectories?phase=all&limit=100'));
    const tr = mine.items.find((x) => x.reference === family.reference);
    expect(tr, 'the accepted match started a trajectory').toBeDefined();
    trajectoryId = tr!.id;

    await vol.goto('/mijn-gezinnen');
    await expectHeading(vol, 'Mijn gezinnen');
    await settled(vol);
    await vol.locator(`li.naast-family a[href="/trajecten/${trajectoryId}"]`).first().click();
    await expectHeading(vol, `Traject ${family.reference}`);
    await settled(vol);
    expect(await vol.locator('section[aria-labelledby="dossier-family"]').innerText()).toContain('Intake gedaan');
  });

  it('the volunteer logs a contact, adds a help question and an agreement', async () => {
    const entry = section(vol, 'contact-entry-heading');
    await entry.getByRole('button', { name: 'Contact vastleggen' }).click();
    await entry.getByLabel('Huisbezoek', { exact: true }).check();
    await entry.getByRole('button', { name: '1,5 uur' }).click();
    await entry.getByLabel(/Korte notitie/).fill('Kennismaking bij het gezin thuis.');
    await entry.getByRole('button', { name: 'Contact opslaan' }).click();
    await entry.getByText('Opgeslagen: huisbezoek, 1,5 uur.').waitFor();
    await section(vol, 'contacts-heading').getByText('Kennismaking bij het gezin thuis.', { exact: false }).waitFor();

    const questions = section(vol, 'plan-questions');
    await questions.getByRole('button', { name: 'Hulpvraag toevoegen' }).click();
    await questions.getByLabel('De hulpvraag').fill('Ik wil de brief van de rechtbank zelf kunnen begrijpen.');
    await questions.getByLabel('Doel', { exact: true }).fill('Ik lees de brief en weet wat ik moet doen.');
    await questions.getByRole('button', { name: 'Hulpvraag toevoegen' }).click();
    await questions.getByText('De hulpvraag is toegevoegd.').waitFor();
    await questions.locator('article', { hasText: 'zelf kunnen begrijpen' }).waitFor();

    const agreements = section(vol, 'plan-agreements');
    await agreements.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await agreements.getByLabel('Wie heeft het beloofd?').selectOption('professional');
    await agreements.getByLabel('Naam', { exact: true }).fill('Hulpverlener De Wit');
    await agreements.getByLabel('Wat is er beloofd?').fill('Stuurt het plan van aanpak voor het volgende overleg.');
    await agreements.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await agreements.getByText('De afspraak is toegevoegd.').waitFor();
    await agreements.locator('li', { hasText: 'plan van aanpak voor het volgende overleg' }).waitFor();
  });

  it('the coordinator moves the phase step by step to aftercare with outcome resolved; the parent gets the questionnaire', async () => {
    await coord.goto(`/trajecten/${trajectoryId}`);
    await expectHeading(coord, `Traject ${family.reference}`);
    await settled(coord);
    // What the volunteer logged is in the coordinator's dossier too.
    await section(coord, 'contacts-heading').getByText('Kennismaking bij het gezin thuis.', { exact: false }).waitFor();
    const phase = section(coord, 'phase-heading');
    const steps: Array<[string, string]> = [
      ['Hulpvragen helder maken', 'De kennismaking is geweest; nu de hulpvragen op papier.'],
      ['Ondersteuning', 'De hulpvragen zijn helder.'],
      ['Afbouwen', 'Moeder doet steeds meer zelf.'],
      ['Afsluiten', 'Moeder kan zelf verder.'],
    ];
    for (const [to, why] of steps) {
      await phase.getByLabel(to, { exact: true }).check();
      await phase.getByLabel('Waarom deze stap?').fill(why);
      await phase.getByRole('button', { name: 'Fase wijzigen' }).click();
      await phase.getByText(`De fase is nu: ${to}.`).waitFor();
    }
    const since = Date.now() - 1000;
    await phase.getByLabel('Nazorg', { exact: true }).check();
    await phase.getByLabel('Hoe is het traject afgelopen?').selectOption('resolved');
    await phase.getByLabel('Waarom deze stap?').fill('Het conflict is opgelost.');
    await phase.getByRole('button', { name: 'Fase wijzigen' }).click();
    await phase.getByText('De fase is nu: Nazorg.').waitFor();
    for (const step of ['Intake gedaan → Hulpvragen helder maken', 'Afbouwen → Afsluiten', 'Afsluiten → Nazorg']) await phase.getByText(step).waitFor();

    const mail = await simpleParser(await latestMailTo(parentEmail, since));
    expect(`${mail.subject ?? ''}\n${mail.text ?? ''}`).toContain('Hoe was de steun?');
    expect(mail.text ?? '').toMatch(/\/tevredenheid\/[A-Za-z0-9._-]+/);
    expect(mail.text ?? '').not.toContain('Roos');
  });

  it('/resultaten counts it; the dossier passes axe', async () => {
    expect(await closedCount(coord)).toBe(closedBefore + 1);
    await coord.goto(`/trajecten/${trajectoryId}`);
    await expectHeading(coord, `Traject ${family.reference}`);
    await settled(coord);
    await section(coord, 'phase-heading').getByText('Afsluiten → Nazorg').waitFor();
    await checkPage(coord, 'journey-dossier-aftercare');
  });
});
