import { describe, expect, it } from 'vitest';
import { checkPage, newContext } from './harness.js';
import { expectHeading } from './ui.js';

// The glossary (issue 5) works signed out: search as you type, deep links to one term, English,
// a 360 px phone, and its data stays out of the sign-in page's bundle.
describe('glossary (woordenlijst)', () => {
  it('signed out: search OTS, an empty result, the whole list again, axe-clean', async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      await page.goto('/woordenlijst');
      await expectHeading(page, 'Woordenlijst');
      // A–Z with letter links.
      await page.getByRole('navigation', { name: 'Woorden per letter' }).getByRole('link', { name: 'O', exact: true }).waitFor();
      expect(await page.locator('.naast-glossary-list dt').count()).toBeGreaterThanOrEqual(70);
      await checkPage(page, 'glossary-nl');

      const search = page.getByLabel('Zoek een woord');
      await search.fill('OTS');
      await expect(page.locator('.naast-glossary-list dt').first().innerText()).resolves.toBe('Ondertoezichtstelling (OTS)');
      expect(await page.locator('.naast-glossary-list dd').first().innerText()).toMatch(/kinderrechter/);
      expect(await page.getByRole('status').innerText()).toMatch(/Aantal gevonden woorden: \d+/);
      expect(new URL(page.url()).searchParams.get('q')).toBe('OTS');
      await checkPage(page, 'glossary-search-ots');

      await search.fill('zzzqqq');
      await page.getByText('Geen woorden gevonden').waitFor();
      await checkPage(page, 'glossary-empty');
      await page.getByRole('button', { name: 'Toon de hele lijst' }).click();
      await expect(search.inputValue()).resolves.toBe('');
      expect(await page.locator('.naast-glossary-list dt').count()).toBeGreaterThanOrEqual(70);

      // The search survives a reload (it is in the address).
      await search.fill('voogd');
      await page.reload();
      await expectHeading(page, 'Woordenlijst');
      await expect(page.getByLabel('Zoek een woord').inputValue()).resolves.toBe('voogd');
      await expect(page.locator('.naast-glossary-list dt').first().innerText()).resolves.toBe('Voogdij / voogd');
    } finally {
      await ctx.close();
    }
  });

  it('a deep link opens at the term; English shows English texts with the Dutch term', async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      await page.goto('/woordenlijst#vervallenverklaring');
      await expectHeading(page, 'Woordenlijst');
      const target = page.locator('#vervallenverklaring');
      await target.waitFor();
      await page.waitForFunction(() => document.activeElement?.id === 'vervallenverklaring');
      expect(await target.isVisible()).toBe(true);
      const box = await target.boundingBox();
      expect(box && box.y >= 0 && box.y < 900).toBe(true);

      await page.getByRole('button', { name: /English/ }).click();
      await expectHeading(page, 'Glossary');
      await page.getByLabel('Search for a word').fill('appeal');
      await expect(page.locator('.naast-glossary-list dt').first().innerText()).resolves.toBe('Appeal');
      expect(await page.locator('.naast-glossary-list dd').first().innerText()).toMatch(/three months[\s\S]*In Dutch: Hoger beroep/);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await checkPage(page, 'glossary-en');
    } finally {
      await ctx.close();
    }
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const ctx = await newContext({ width: 360, height: 740 });
    try {
      const page = await ctx.newPage();
      await page.goto('/woordenlijst');
      await expectHeading(page, 'Woordenlijst');
      await page.locator('.naast-glossary-list dt').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      await checkPage(page, 'glossary-phone');
    } finally {
      await ctx.close();
    }
  });

  it('the sign-in page does not load the glossary data', async () => {
    const ctx = await newContext();
    try {
      const page = await ctx.newPage();
      const bodies: Array<Promise<string>> = [];
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script') bodies.push(res.text());
      });
      await page.goto('/sign-in', { waitUntil: 'networkidle' });
      await expectHeading(page, 'Inloggen');
      const scripts = await Promise.all(bodies);
      expect(scripts.length).toBeGreaterThan(0);
      // A phrase that exists only in the glossary data.
      for (const s of scripts) expect(s.includes('ondertoezichtstellingen')).toBe(false);
    } finally {
      await ctx.close();
    }
  });
});
