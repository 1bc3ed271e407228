import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject, expect } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

export const baseURL = () => inject('baseURL' as never) as unknown as string;
export const dataDir = () => inject('dataDir' as never) as unknown as string;

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A fresh browser profile (no cookies) in Debian's Chromium. */
export async function newContext(opts: { width?: number; height?: number; locale?: string } = {}): Promise<BrowserContext> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'naast-chromium-'));
  return chromium.launchPersistentContext(profile, {
    executablePath: inject('chromium' as never) as unknown as string,
    args: ARGS,
    headless: true,
    baseURL: baseURL(),
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? 'nl-NL',
  });
}

/** Demo accounts written by the first start: role → { email, password }. */
export function demoAccounts(): Record<string, { email: string; password: string }> {
  const text = fs.readFileSync(path.join(dataDir(), 'demo-accounts.txt'), 'utf8');
  const out: Record<string, { email: string; password: string }> = {};
  for (const line of text.split('\n')) {
    const m = line.match(/(admin|coordinator|volunteer|parent|funder)\S*\s.*?(\S+@\S+)\s+(\S+)\s*$/);
    if (m) out[m[1]!] = { email: m[2]!, password: m[3]! };
  }
  return out;
}

/** axe-core (WCAG 2.1 A/AA) must report zero violations; a screenshot goes to test-results/ for review. */
export async function checkPage(page: Page, name: string): Promise<void> {
  fs.mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  expect(summary, `axe violations on ${name}`).toEqual([]);
  expect(await page.locator('h1').count(), `one h1 on ${name}`).toBe(1);
}

/** The newest .eml in the server's mail folder whose recipient matches. */
export async function latestMailTo(address: string, since = 0): Promise<string> {
  const dir = path.join(dataDir(), 'mail');
  for (let i = 0; i < 40; i++) {
    if (fs.existsSync(dir)) {
      const files = fs.readdirSync(dir).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).mtimeMs >= since).sort();
      for (const f of files.reverse()) {
        const raw = fs.readFileSync(f, 'utf8');
        if (raw.toLowerCase().includes(address.toLowerCase())) return raw;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${address}`);
}
