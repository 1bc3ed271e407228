import type { BrowserContext, Locator, Page } from 'playwright-core';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from './api.js';
import { checkPage, demoAccounts, latestMailTo, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, the neutral report (verslag) of a meeting, on a phone (360 px): the demo volunteer writes
// it for a held meeting of one of their own demo families and sends it; the demo parent (the parent
// of the first demo family, which the demo volunteer leads) reads it with jargon explained and adds
// a comment; the volunteer writes a new version, compares the two and sends it again; the parent
// sees what changed and agrees; the report is final and read-only, and downloads as PDF. Axe on each page.

async function ok<T>(p: Promise<{ status: number; body: T }>, expected = [200, 201]): Promise<T> {
  const r = await p;
  if (!expected.includes(r.status)) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
  return r.body;
}

describe('a neutral report: written, reviewed by the parent, revised, agreed', () => {
  let volunteerCtx: BrowserContext;
  let parentCtx: BrowserContext;
  let vp: Page;
  let pp: Page;
  let trajectoryId = '';
  let reportUrl = '';
  const MEETING = `Gesprek met de school ${Date.now().toString(36)}`;
  // Texts through GlossaryText carry hidden explanations: match on parts without a glossary term.
  const JARGON = 'De jeugdbeschermer legt uit wat de OTS betekent.';
  const FIRST = `De mentor belt maandag met de moeder over de overstap.\n\n${JARGON}\n\nAfgesproken: de moeder krijgt het rooster per mail.`;
  const SECOND = `De mentor belt dinsdag met de moeder over de overstap.\n\n${JARGON}\n\nAfgesproken: de moeder krijgt het rooster per mail.`;
  const COMMENT = 'Het was dinsdag, niet maandag.';
  const parent = () => demoAccounts().parent!;

  const section = (p: Page, id: string): Locator => p.locator(`section[aria-labelledby="${id}"]`);

  beforeAll(async () => {
    const volunteer = new ApiClient();
    const account = demoAccounts().volunteer!;
    await volunteer.signIn(account.email, account.password);
    const list = await ok(volunteer.call<{ items: Array<{ id: string; phase: string }> }>('GET', '/me/trajectories'));
    // The demo parent is the parent of the first demo family (led by the demo volunteer): use that one, so
    // no other family gets the demo parent linked (the portal test needs a family without a parent account).
    const demoParent = new ApiClient();
    await demoParent.signIn(parent().email, parent().password);
    const own = await ok(demoParent.call<{ families: Array<{ trajectory: { id: string } | null }> }>('GET', '/me/family'));
    const ownIds = new Set(own.families.map((f) => f.trajectory?.id).filter(Boolean));
    const t = list.items.find((x) => ownIds.has(x.id) && x.phase !== 'ended' && x.phase !== 'aftercare');
    if (!t) throw new Error("the demo volunteer leads no active trajectory of the demo parent's family");
    trajectoryId = t.id;
    await ok(volunteer.call('POST', `/trajectories/${trajectoryId}/meetings`, { title: MEETING, scheduledAt: new Date(Date.now() - 86_400_000).toISOString(), status: 'held' }));

    volunteerCtx = await newContext({ width: 360, height: 800 });
    vp = await volunteerCtx.newPage();
    await signInUI(vp, account.email, account.password);
    parentCtx = await newContext({ width: 360, height: 740 });
    pp = await parentCtx.newPage();
    await signInUI(pp, parent().email, parent().password);
  });
  afterAll(async () => {
    await volunteerCtx?.close();
    await parentCtx?.close();
  });

  it('the volunteer writes the report of a held meeting from the dossier and sends it to the parent', async () => {
    await vp.goto(`/trajecten/${trajectoryId}`);
    await settled(vp);
    const reports = section(vp, 'dossier-reports');
    await reports.getByRole('link', { name: `Verslag schrijven van ${MEETING}` }).click();
    await expectHeading(vp, 'Verslag schrijven');
    await settled(vp);
    await vp.getByText(`Gesprek: ${MEETING}`).waitFor();
    await checkPage(vp, 'report-new-360');

    // Nothing written: the shared schema stops it at the field.
    await vp.getByRole('button', { name: 'Verslag opslaan' }).click();
    await vp.locator('.naast-error-summary').getByText('Verslag').first().waitFor();
    await vp.getByLabel('Verslag', { exact: true }).fill(FIRST);
    await vp.getByRole('button', { name: 'Verslag opslaan' }).click();
    await expectHeading(vp, `Verslag van ${MEETING}`);
    await settled(vp);
    reportUrl = new URL(vp.url()).pathname;
    expect(reportUrl).toMatch(new RegExp(`^/trajecten/${trajectoryId}/verslagen/[0-9a-f-]{36}$`));
    await vp.getByText('Concept: nog niet naar de ouder').waitFor();
    expect(await vp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkPage(vp, 'report-draft-360');

    const since = Date.now();
    await vp.getByRole('button', { name: 'Stuur naar de ouder' }).click();
    await vp.getByText('Het verslag is naar de ouder gestuurd.').waitFor();
    await vp.getByText('Het verslag ligt bij de ouder.').waitFor();
    expect(await vp.getByLabel('Verslag', { exact: true }).count()).toBe(0);

    const mail = await simpleParser(await latestMailTo(parent().email, since));
    expect(mail.subject).toContain('Er staat iets nieuws voor u klaar in Naast');
    expect(mail.text).toContain(`/mijn-verslagen/${reportUrl.split('/').pop()}`);
    expect(mail.text).not.toContain('mentor');
    expect(mail.text).not.toContain(MEETING);
  });

  it('the parent reads it, with jargon explained, and adds a comment', async () => {
    await pp.goto('/');
    await pp.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verslagen' }).click();
    await expectHeading(pp, 'Mijn verslagen');
    await settled(pp);
    await section(pp, 'my-reports-waiting').getByRole('link', { name: `Verslag van ${MEETING}` }).click();
    await expectHeading(pp, `Verslag van ${MEETING}`);
    await settled(pp);
    const body = pp.locator('.naast-report-body');
    await body.getByText('De mentor belt maandag', { exact: false }).waitFor();
    // Jargon is marked: tapping the word shows its plain explanation in the text.
    expect(await body.getByRole('button').count()).toBeGreaterThanOrEqual(1);
    const term = body.getByRole('button').first();
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    // Closed again first: closing on blur would move the buttons below between press and release.
    await term.press('Escape');
    expect(await term.getAttribute('aria-expanded')).toBe('false');
    expect(await pp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await checkPage(pp, 'report-parent-review-360');

    await pp.getByRole('button', { name: 'Ik wil iets toevoegen' }).click();
    await pp.getByRole('button', { name: 'Verstuur mijn opmerking' }).click();
    await pp.locator('.naast-error-summary').getByText('Schrijf wat u wilt toevoegen of veranderen.').waitFor();
    await pp.getByLabel('Wat wilt u toevoegen of veranderen?').fill(COMMENT);
    await pp.getByRole('button', { name: 'Verstuur mijn opmerking' }).click();
    await pp.getByText('Dank u. De vrijwilliger past het verslag aan en stuurt het opnieuw naar u.').waitFor();
    await checkPage(pp, 'report-parent-commented-360');
  });

  it('the volunteer sees the comment, writes a new version, compares the two and sends it again', async () => {
    await vp.goto(reportUrl);
    await expectHeading(vp, `Verslag van ${MEETING}`);
    await settled(vp);
    const comment = section(vp, 'report-comment');
    await comment.getByText(COMMENT).waitFor();
    await vp.getByLabel('Verslag', { exact: true }).fill(SECOND);
    await vp.getByLabel('Wat hebt u veranderd?').fill('Na opmerking van de ouder');
    await vp.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await vp.getByText('Opgeslagen als versie 2.').waitFor();

    const versions = section(vp, 'report-versions');
    await versions.getByText('Wat is veranderd: Na opmerking van de ouder').waitFor();
    await versions.getByRole('button', { name: 'Laat de verschillen zien' }).click();
    await versions.getByRole('heading', { name: 'Verschillen tussen versie 1 en versie 2' }).waitFor();
    expect((await versions.locator('del').filter({ hasText: 'maandag' }).innerText()).replace(/\s+/g, ' ')).toContain('weggehaald: −maandag');
    expect(await versions.locator('.naast-report-diff ins').filter({ hasText: 'dinsdag' }).count()).toBe(1);
    await checkPage(vp, 'report-diff-360');

    await vp.getByRole('button', { name: 'Stuur naar de ouder' }).click();
    await vp.getByText('Het verslag ligt bij de ouder.').waitFor();
  });

  it('the parent sees what changed and agrees; the report is final', async () => {
    await pp.goto('/mijn-verslagen');
    await settled(pp);
    await section(pp, 'my-reports-waiting').getByRole('link', { name: `Verslag van ${MEETING}` }).click();
    await expectHeading(pp, `Verslag van ${MEETING}`);
    await settled(pp);
    const changes = section(pp, 'review-changes');
    await changes.locator('ins', { hasText: 'dinsdag' }).waitFor();
    await changes.locator('del', { hasText: 'maandag' }).waitFor();
    await checkPage(pp, 'report-parent-changes-360');

    await pp.getByRole('button', { name: 'Ik ben het eens' }).click();
    await pp.getByText('Weet u het zeker?').waitFor();
    await pp.getByRole('button', { name: 'Ja, ik ben het eens' }).click();
    await pp.getByText('Dank u. Het verslag is nu definitief.').waitFor();
    await checkPage(pp, 'report-parent-agreed-360');

    await pp.goto('/mijn-verslagen');
    await settled(pp);
    await section(pp, 'my-reports-final').getByRole('link', { name: `Verslag van ${MEETING}` }).waitFor();
  });

  it('the volunteer sees it final and read-only, and downloads it as PDF and DOCX', async () => {
    await vp.goto(reportUrl);
    await expectHeading(vp, `Verslag van ${MEETING}`);
    await settled(vp);
    await vp.getByText('De ouder is akkoord. Het verslag is definitief sinds').waitFor();
    expect(await vp.getByLabel('Verslag', { exact: true }).count()).toBe(0);
    expect(await vp.getByRole('button', { name: 'Stuur naar de ouder' }).count()).toBe(0);
    await checkPage(vp, 'report-final-360');

    const pdfHref = await vp.getByRole('link', { name: 'Download als PDF' }).getAttribute('href');
    const pdf = await vp.request.get(pdfHref!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    const docx = await vp.request.get((await vp.getByRole('link', { name: 'Download als Word-bestand (DOCX)' }).getAttribute('href'))!);
    expect(docx.status()).toBe(200);
    expect((await docx.body()).subarray(0, 2).toString()).toBe('PK');

    await vp.goto(`/trajecten/${trajectoryId}`);
    await settled(vp);
    await section(vp, 'dossier-reports').getByRole('link', { name: `Verslag van ${MEETING}` }).waitFor();
    await section(vp, 'dossier-reports').getByText('Definitief: de ouder is akkoord').first().waitFor();
  });
});
