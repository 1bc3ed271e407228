import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toPdf } from '../../src/platform/export/index.js';
import { ApiClient } from './api.js';
import { checkPage, demoAccounts, newContext } from './harness.js';
import { expectHeading, settled, signInUI } from './ui.js';

// Issue 5, documents and letters, on a phone (360 px): the demo volunteer adds a small PDF to one of
// their families, sees it listed and downloads it; writes an objection (bezwaarschrift) from its
// template (the parent's name comes from the application), saves a second version, sees both
// versions, downloads DOCX and PDF; removes the PDF again. axe on the dossier and the editor.

async function demoTrajectory(): Promise<{ id: string; reference: string }> {
  const volunteer = new ApiClient();
  const account = demoAccounts().volunteer!;
  await volunteer.signIn(account.email, account.password);
  const r = await volunteer.call<{ items: Array<{ id: string; reference: string; phase: string }> }>('GET', '/me/trajectories');
  const t = r.body.items.find((x) => x.phase !== 'ended' && x.phase !== 'aftercare');
  if (!t) throw new Error('the demo volunteer has no active trajectory');
  return { id: t.id, reference: t.reference };
}

describe('documents and letters in the dossier', () => {
  let ctx: BrowserContext;
  let page: Page;
  let trajectory: { id: string; reference: string };
  let letterUrl = '';
  const TITLE = 'Brief van de gemeente over jeugdhulp';
  const section = (): Locator => page.locator('section[aria-labelledby="dossier-documents"]');

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
    await section().waitFor();
  }

  it('uploads a PDF (the bytes decide, not the name), lists and downloads it', async () => {
    await openDossier();
    const docs = section();
    const pdf = await toPdf({ title: 'Besluit', sections: [{ paragraphs: ['Uw aanvraag is afgewezen.'] }] });
    await docs.getByLabel('Bestand').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf });
    await docs.getByLabel('Wat voor document is het?').selectOption('letter_received');
    await docs.getByLabel('Naam', { exact: true }).fill(TITLE);
    await docs.getByRole('button', { name: 'Document toevoegen' }).click();
    await docs.getByText(`${TITLE} is toegevoegd.`).waitFor();
    const item = docs.locator('li', { hasText: TITLE });
    await item.getByText(/Brief die de ouder kreeg · PDF · \d+ kB/).waitFor();
    const href = await item.getByRole('link', { name: `${TITLE} downloaden` }).getAttribute('href');
    const dl = await page.request.get(href!);
    expect(dl.status()).toBe(200);
    expect(dl.headers()['content-type']).toBe('application/pdf');
    expect(Buffer.compare(await dl.body(), pdf)).toBe(0);
    await checkPage(page, 'documents-dossier');
  });

  it('refuses a program named .pdf with a clear message', async () => {
    const docs = section();
    await docs.getByLabel('Bestand').setInputFiles({ name: 'rapport.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100)]) });
    await docs.getByLabel('Naam', { exact: true }).fill('Niet echt een PDF');
    await docs.getByRole('button', { name: 'Document toevoegen' }).click();
    await docs.getByText('Dit bestand is een programma', { exact: true }).waitFor();
    expect(await docs.locator('li', { hasText: 'Niet echt een PDF' }).count()).toBe(0);
  });

  it('writes an objection from its template, saves a version and exports DOCX and PDF', async () => {
    const docs = section();
    await docs.getByRole('button', { name: 'Brief schrijven' }).click();
    await docs.getByText(/Let op de termijn in de brief met het besluit/).waitFor();
    await docs.getByLabel('Bezwaarschrift').check();
    await docs.getByRole('button', { name: 'Brief maken' }).click();
    await page.waitForURL(/\/brieven\//);
    letterUrl = new URL(page.url()).pathname;
    await expectHeading(page, 'Bezwaarschrift');
    await settled(page);
    const text = page.getByLabel('Tekst van de brief');
    const body = await text.inputValue();
    expect(body).toMatch(/Mijn naam is \S+ \S+/);
    expect(body).toContain('Ik maak bezwaar tegen uw besluit');
    expect(body).not.toContain('{{');
    await text.fill(body.replace('[reden 1]', 'Mijn zoon heeft de hulp nog steeds nodig, ook zonder OTS.'));
    await page.getByRole('button', { name: 'Opslaan als nieuwe versie' }).click();
    await page.getByText('Opgeslagen als versie 2.').waitFor();
    const versions = page.locator('section[aria-labelledby="letter-versions"]');
    await versions.getByText(/versie 2 · .* · huidige versie/).waitFor();
    await versions.getByText(/versie 1 ·/).waitFor();
    // Jargon in the letter is marked in the read-back under the textarea: tapping it explains it.
    await page.getByText('Lees de brief met uitleg van moeilijke woorden').click();
    const preview = page.locator('.naast-letter-preview .naast-letter-body');
    await preview.getByText('ook zonder', { exact: false }).waitFor();
    const term = preview.getByRole('button', { name: /^(OTS|ondertoezichtstelling)$/ }).first();
    await term.click();
    expect(await term.getAttribute('aria-expanded')).toBe('true');
    await preview.getByText(/De kinderrechter beslist dat een jeugdbeschermer/).waitFor();
    await checkPage(page, 'letter-editor');
    await term.press('Escape');

    for (const [name, type] of [
      ['Download als Word (DOCX)', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['Download als PDF', 'application/pdf'],
    ] as const) {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      const res = await page.request.get(href!);
      expect(res.status(), name).toBe(200);
      expect(res.headers()['content-type']).toBe(type);
      expect((await res.body()).length).toBeGreaterThan(500);
    }
  });

  it('shows the letter in the dossier and removes the PDF after confirming', async () => {
    await openDossier();
    const docs = section();
    await docs.getByRole('link', { name: 'Bezwaarschrift' }).first().waitFor();
    expect(letterUrl).toContain(`/trajecten/${trajectory.id}/brieven/`);
    const item = docs.locator('li', { hasText: TITLE });
    await item.getByRole('button', { name: `${TITLE} verwijderen` }).click();
    await item.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await docs.locator('li', { hasText: TITLE }).waitFor({ state: 'detached' });
  });
});
