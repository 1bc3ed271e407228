import type { BrowserContext, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode } from '../helpers/signin.js';
import { adminClient, ApiClient, createUser, locationId, type CreatedUser } from './api.js';
import { checkPage, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, closing → satisfaction → results: a fresh family (with a parent e-mail address) is matched
// to a new volunteer through the API; the demo coordinator closes the trajectory in the dossier
// (closing → aftercare with an outcome); the parent opens the link from the mail signed out on a
// 360 px phone, answers, sees thanks; the link then says "already filled in"; /resultaten shows the
// success rate. axe on every page.

async function ok<T>(p: Promise<{ status: number; body: T }>, ...expected: number[]): Promise<T> {
  const r = await p;
  if (!(expected.length ? expected : [200, 201, 204]).includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A volunteer who can work through the API: invited, enrolled in two-factor with a code computed here. */
async function workingVolunteer(admin: ApiClient, helmond: string): Promise<{ user: CreatedUser; api: ApiClient }> {
  const user = await createUser('Vrijwilliger Tevreden', { role: 'volunteer', locationIds: [helmond], admin });
  const api = new ApiClient();
  await api.signIn(user.email, user.password);
  const start = await ok(api.call<{ secret: string }>('POST', '/auth/mfa/enrol/start', {}));
  await ok(api.call('POST', '/auth/mfa/enrol/confirm', { code: totpCode(start.secret) }));
  await ok(
    admin.call('PUT', `/volunteers/${user.id}/profile`, {
      homeMunicipalityCode: 'GM0794',
      travelMunicipalities: ['GM0794'],
      hoursPerWeek: 8,
      maxFamilies: 2,
      measureExperience: ['ots'],
      institutionExperience: [],
      languages: ['nl'],
      conflictInstitutions: [],
      conflictApplicationIds: [],
    }),
  );
  return { user, api };
}

describe('closing, the questionnaire and the results', () => {
  let ctx: BrowserContext;
  let phone: BrowserContext;
  let page: Page;
  let trajectoryId: string;
  let parentEmail: string;
  let link: string;

  beforeAll(async () => {
    const admin = await adminClient();
    const helmond = await locationId(admin, 'Helmond');
    const volunteer = await workingVolunteer(admin, helmond);
    const session = await ok(admin.call<{ user: { orgId: string } }>('GET', '/auth/session'));
    const privacy = (await ok(admin.call<{ privacyStatement: { version: string } }>('GET', `/public/organisations/${session.user.orgId}/application-form`))).privacyStatement.version;
    parentEmail = `ouder-tevreden-${Date.now().toString(36)}@e2e.naast.test`;
    const app = await ok(
      admin.call<{ id: string; reference: string }>('POST', '/applications', {
        channel: 'phone',
        referrerType: 'self',
        people: [{ relation: 'parent', firstName: 'Tessa', lastName: 'Tevreden', email: parentEmail }],
        children: [{ firstName: 'Kind', birthYear: 2015, measure: 'ots' }],
        municipalityCode: 'GM0794',
        institutions: [{ kind: 'gi', name: 'Jeugdbescherming Test' }],
        conflictSummary: 'Verzonnen conflict voor de browsertest.',
        preferredLanguage: 'nl',
        consent: true,
        privacyStatementVersion: privacy,
      }),
    );
    await ok(admin.call('POST', `/applications/${app.id}/first-contact`, {}));
    await ok(admin.call('POST', `/applications/${app.id}/intake`, { heldAt: new Date().toISOString(), helpQuestions: ['Hoe praat ik met de jeugdbeschermer?'], decision: 'accept_waiting' }));
    const match = await ok(admin.call<{ id: string }>('POST', '/matches', { applicationId: app.id, volunteerUserId: volunteer.user.id }));
    const accepted = await ok(volunteer.api.call<{ trajectoryId: string }>('POST', `/me/matches/${match.id}/accept`, {}));
    trajectoryId = accepted.trajectoryId;
    for (const to of ['clarifying', 'closing']) await ok(admin.call('POST', `/trajectories/${trajectoryId}/phase`, { to, reason: 'Browsertest: naar de afsluiting.' }));

    ctx = await newContext();
    page = await ctx.newPage();
    const coordinator = demoAccounts().coordinator!;
    await signInUI(page, coordinator.email, coordinator.password);
  });
  afterAll(async () => {
    await ctx?.close();
    await phone?.close();
  });

  it('the coordinator closes the trajectory with an outcome; the parent gets a link without names', async () => {
    const since = Date.now() - 1000;
    await page.goto(`/trajecten/${trajectoryId}`);
    await expectHeading(page, /^Traject /);
    await settled(page);
    const phase = page.locator('section[aria-labelledby="phase-heading"]');
    await phase.getByLabel('Nazorg', { exact: true }).check();
    await phase.getByLabel('Hoe is het traject afgelopen?').selectOption('resolved');
    await phase.getByLabel('Waarom deze stap?').fill('Het conflict is opgelost. Moeder kan zelf verder.');
    await phase.getByRole('button', { name: 'Fase wijzigen' }).click();
    await phase.getByText('De fase is nu: Nazorg.').waitFor();

    // The aftercare section appears: a request for information is stored.
    const aftercare = page.locator('section[aria-labelledby="aftercare-heading"]');
    await aftercare.getByText('Er zijn nog geen vragen in de nazorg.').waitFor();
    await aftercare.getByLabel('Soort vraag').selectOption('information');
    await aftercare.getByLabel('Korte notitie').fill('Vraag over de brief van de rechtbank.');
    await aftercare.getByRole('button', { name: 'Opslaan' }).click();
    await aftercare.getByText('De vraag is opgeslagen.').waitFor();
    await aftercare.getByText('Vraag over de brief van de rechtbank.', { exact: false }).waitFor();
    await checkPage(page, 'satisfaction-dossier-aftercare');

    const mail = await simpleParser(await latestMailTo(parentEmail, since));
    const text = `${mail.subject ?? ''}\n${mail.text ?? ''}`;
    expect(text).toContain('Hoe was de steun?');
    for (const word of ['Tessa', 'Tevreden ', 'Jeugdbescherming']) expect(text).not.toContain(word);
    const m = /https?:\/\/\S+\/tevredenheid\/[A-Za-z0-9._-]+/.exec(mail.text ?? '');
    expect(m).toBeTruthy();
    link = m![0];
  });

  it('the parent answers on a phone without signing in; the link works once', async () => {
    phone = await newContext({ width: 360, height: 740 });
    const p = await phone.newPage();
    await p.goto(new URL(link).pathname);
    await expectHeading(p, 'Hoe was de steun?');
    await settled(p);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkPage(p, 'satisfaction-questionnaire-360');

    // Sending without answers: the summary names what is missing.
    await p.getByRole('button', { name: 'Versturen' }).click();
    await p.getByText('U heeft nog niet alle vragen beantwoord').waitFor();
    await checkPage(p, 'satisfaction-questionnaire-missing-360');

    // Big targets for a thumb.
    const option = await p.locator('label.naast-scale-option').first().boundingBox();
    expect(option!.height).toBeGreaterThanOrEqual(44);
    for (const q of ['Voelde u zich gehoord door uw vrijwilliger?', 'Begreep u beter wat er gebeurde en wat uw rechten waren?', 'Is het contact met de jeugdzorg beter geworden?', 'Kunt u nu beter zelf opkomen voor uzelf en uw kind?', 'Zou u ons aanraden aan andere ouders?']) {
      await p.getByRole('group', { name: q }).getByLabel('Grotendeels', { exact: true }).check();
    }
    await p.getByLabel(/Wilt u nog iets kwijt/).fill('Ik voelde me eindelijk gehoord.');
    await p.getByRole('button', { name: 'Versturen' }).click();
    await expectHeading(p, 'Dank u wel!');
    await checkPage(p, 'satisfaction-thanks-360');

    await p.goto(new URL(link).pathname);
    await expectHeading(p, 'Al ingevuld');
    expect(await p.locator('main').innerText()).toContain('De link werkt maar één keer.');
    await checkPage(p, 'satisfaction-used-360');
  });

  it('/resultaten shows the success rate computed from the outcomes', async () => {
    await page.goto('/resultaten');
    await expectHeading(page, 'Resultaten');
    await settled(page);
    const rate = await page.getByTestId('success-rate').innerText();
    expect(rate).toMatch(/^Succes: \d+% van \d+ afgesloten trajecten in \d{4}$/);
    expect(await page.locator('main').innerText()).toContain('Zo rekenen wij het succes uit');
    // A coordinator sees their own locations' figures, and is told so.
    expect(await page.locator('main').innerText()).toContain('U ziet de cijfers van uw eigen locaties.');
    await checkPage(page, 'satisfaction-results');
  });
});
