import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { en, nl } from '../../locales/index.js';
import { GlossaryText, markTerms } from './GlossaryText.js';

// No DOM in the unit project: the markup is rendered on the server side and checked as HTML.
// Opening, Escape and focus are covered by the browser tests.
async function render(text: string, lng: 'nl' | 'en' = 'nl'): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(MemoryRouter, null, createElement(GlossaryText, { text }))));
}

describe('GlossaryText', () => {
  it('marks known terms as closed disclosure buttons with the explanation and a link to the glossary', async () => {
    const html = await render('De GI vraagt verlenging van de OTS.');
    const buttons = [...html.matchAll(/<button type="button" class="naast-term-button" aria-expanded="false" aria-controls="([^"]+)">([^<]+)<\/button>/g)];
    expect(buttons.map((b) => b[2])).toEqual(['GI', 'verlenging', 'OTS']);
    for (const [, controls] of buttons) expect(html).toContain(`<span id="${controls}" class="naast-term-note" hidden="">`);
    expect(html).toContain('href="/woordenlijst#ots"');
    expect(html).toContain('Meer in de woordenlijst');
    expect(html).toContain('<strong>Ondertoezichtstelling (OTS)</strong>');
    // The text between the terms is unchanged.
    expect(html.replace(/<span id="[^"]+" class="naast-term-note"[\s\S]*?<\/a><\/span>/g, '').replace(/<[^>]+>/g, '')).toBe('De GI vraagt verlenging van de OTS.');
  });

  it('explains in English when the app is in English', async () => {
    const html = await render('Een zitting bij de kinderrechter.', 'en');
    expect(html).toContain('<strong>Court hearing</strong>');
    expect(html).toContain('More in the glossary');
  });

  it('keeps line breaks (pre-wrap) and escapes the text', async () => {
    const html = await render('Regel één\nRegel <b>twee</b> met voogdij');
    expect(html).toMatch(/^<span class="naast-glossary-text">Regel één\nRegel &lt;b&gt;twee&lt;\/b&gt; met /);
    expect(html).not.toContain('<b>');
  });

  it('marks each term only the first time it appears', () => {
    const pieces = markTerms('OTS, OTS en nog eens de ondertoezichtstelling; de GI.');
    expect(pieces.filter((p) => typeof p !== 'string').map((p) => (p as { text: string }).text)).toEqual(['OTS', 'GI']);
    expect(pieces.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe('OTS, OTS en nog eens de ondertoezichtstelling; de GI.');
    expect(markTerms('')).toEqual([]);
  });
});
