import { createInstance } from 'i18next';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { en, nl } from '../../locales/index.js';
import { glossaryTerm } from '../../../shared/glossary.js';
import { GlossaryText, markTerms, TermDisclosure } from './GlossaryText.js';

// No DOM in the unit project: the markup is rendered on the server side and checked as HTML.
// Opening, Escape and focus are covered by the browser tests.
async function html(node: ReturnType<typeof createElement>, lng: 'nl' | 'en' = 'nl'): Promise<string> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ resources: { nl: { translation: nl }, en: { translation: en } }, lng, interpolation: { escapeValue: false } });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(MemoryRouter, null, node)));
}
const render = (text: string) => html(createElement(GlossaryText, { text }));
const opened = (id: string, lng: 'nl' | 'en' = 'nl') => html(createElement(TermDisclosure, { term: glossaryTerm(id)!, defaultOpen: true, children: 'woord' }), lng);

describe('GlossaryText', () => {
  it('marks known terms as closed disclosure buttons; the text reads exactly as written', async () => {
    const out = await render('De GI vraagt verlenging van de OTS.');
    const buttons = [...out.matchAll(/<button type="button" class="naast-term-button" aria-expanded="false">([^<]+)<\/button>/g)];
    expect(buttons.map((b) => b[1])).toEqual(['GI', 'verlenging', 'OTS']);
    expect(out.replace(/<[^>]+>/g, '')).toBe('De GI vraagt verlenging van de OTS.');
  });

  it('an open term shows its explanation, controlled by the button, with a link to its glossary entry', async () => {
    const out = await opened('ots');
    const controls = out.match(/aria-expanded="true" aria-controls="([^"]+)">woord<\/button>/)?.[1];
    expect(controls).toBeDefined();
    expect(out).toContain(`<span id="${controls}" class="naast-term-note"><strong>Ondertoezichtstelling (OTS)</strong>: De kinderrechter beslist`);
    expect(out).toContain('href="/woordenlijst#ots"');
    expect(out).toContain('Meer in de woordenlijst');
  });

  it('explains in English when the app is in English', async () => {
    const out = await opened('zitting', 'en');
    expect(out).toContain('<strong>Court hearing</strong>');
    expect(out).toContain('More in the glossary');
  });

  it('keeps line breaks (pre-wrap) and escapes the text', async () => {
    const out = await render('Regel één\nRegel <b>twee</b> met voogdij');
    expect(out).toMatch(/^<span class="naast-glossary-text">Regel één\nRegel &lt;b&gt;twee&lt;\/b&gt; met /);
    expect(out).not.toContain('<b>');
  });

  it('marks each term only the first time it appears', () => {
    const pieces = markTerms('OTS, OTS en nog eens de ondertoezichtstelling; de GI.');
    expect(pieces.filter((p) => typeof p !== 'string').map((p) => (p as { text: string }).text)).toEqual(['OTS', 'GI']);
    expect(pieces.map((p) => (typeof p === 'string' ? p : p.text)).join('')).toBe('OTS, OTS en nog eens de ondertoezichtstelling; de GI.');
    expect(markTerms('')).toEqual([]);
  });
});
