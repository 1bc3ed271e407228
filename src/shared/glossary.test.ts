import { describe, expect, it } from 'vitest';
import { findTerms, foldText, GLOSSARY, glossaryTerm, searchGlossary, ZGlossaryEntry, toGlossaryEntry, type TGlossaryTerm } from './glossary.js';

/** The matched pieces of text with their term, for readable assertions. */
const marks = (text: string, terms?: readonly TGlossaryTerm[]) => findTerms(text, terms).map((m) => [text.slice(m.start, m.end), m.termId]);

describe('the glossary data', () => {
  it('has at least 70 terms with unique slug ids', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(70);
    const ids = GLOSSARY.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    // The page's own element ids must not be taken by an anchor.
    expect(ids).not.toContain('main');
  });

  it('every term has a Dutch and an English term and a short explanation', () => {
    for (const t of GLOSSARY) {
      for (const lang of ['nl', 'en'] as const) {
        expect(t[lang].term.trim(), `${t.id} ${lang}`).not.toBe('');
        const text = t[lang].explanation.trim();
        expect(text.length, `${t.id} ${lang}`).toBeGreaterThan(30);
        // 1–3 short sentences.
        const sentences = text.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 0);
        expect(sentences.length, `${t.id} ${lang}: ${text}`).toBeLessThanOrEqual(3);
        expect(text.length, `${t.id} ${lang}`).toBeLessThanOrEqual(320);
      }
      expect(t.forms.length, t.id).toBeGreaterThan(0);
      expect(ZGlossaryEntry.safeParse(toGlossaryEntry(t, 'en')).success).toBe(true);
    }
  });

  it('no form is claimed by two terms, and each term is found by its own forms', () => {
    const owner = new Map<string, string>();
    for (const t of GLOSSARY) {
      for (const form of t.forms) {
        const key = foldText(form);
        expect(owner.get(key), `"${form}" of ${t.id}`).toBeUndefined();
        owner.set(key, t.id);
        // Each form, alone in a sentence, is found as this term (the longest match is its own).
        expect(marks(`Zie: ${form}.`), `${t.id}: ${form}`).toEqual([[form, t.id]]);
      }
    }
  });

  it('covers the terms parents meet: measures, institutions, procedures and our own words', () => {
    for (const id of [
      'ots', 'uithuisplaatsing', 'machtiging-uithuisplaatsing', 'voogdij', 'gezag', 'jeugdreclassering', 'vrijwillig-kader',
      'gi', 'raad-voor-de-kinderbescherming', 'jeugdbeschermer', 'wijkteam', 'cvp', 'akj', 'kinderrechter', 'advocaat', 'pleegouder', 'gezinshuis', 'veilig-thuis',
      'beschikking', 'verzoekschrift', 'verweerschrift', 'hoger-beroep', 'bezwaarschrift', 'klacht', 'schriftelijke-aanwijzing', 'vervallenverklaring', 'zitting',
      'raadsonderzoek', 'perspectiefbesluit', 'plan-van-aanpak', 'familiegroepsplan',
      'ervaringsdeskundige', 'traject', 'nazorg', 'zelfregie', 'houvast',
    ])
      expect(glossaryTerm(id), id).toBeDefined();
    expect(marks('De gezinsvoogd')).toEqual([['gezinsvoogd', 'jeugdbeschermer']]);
  });
});

describe('findTerms', () => {
  it('finds terms with their offsets, in text order', () => {
    const text = 'De GI wil de OTS verlengen. Er komt een zitting.';
    expect(findTerms(text)).toEqual([
      { start: 3, end: 5, termId: 'gi' },
      { start: 13, end: 16, termId: 'ots' },
      { start: 40, end: 47, termId: 'zitting' },
    ]);
  });

  it('matches whole words only', () => {
    // "gezag" inside "gezagsverhouding", "traject" inside "trajectplanning", OTS inside "POTS": no.
    expect(marks('De gezagsverhouding, de trajectplanning en POTS.')).toEqual([]);
    // Punctuation and hyphens are word boundaries.
    expect(marks('(OTS), OTS-zitting, "voogdij".')).toEqual([
      ['OTS', 'ots'],
      ['OTS', 'ots'],
      ['zitting', 'zitting'],
      ['voogdij', 'voogdij'],
    ]);
  });

  it('ignores case and accents for words, but not for abbreviations in capitals', () => {
    expect(marks('Ondertoezichtstelling, ONDERTOEZICHTSTELLING en ondertoezichtstellingen')).toEqual([
      ['Ondertoezichtstelling', 'ots'],
      ['ONDERTOEZICHTSTELLING', 'ots'],
      ['ondertoezichtstellingen', 'ots'],
    ]);
    expect(marks('De clientvertrouwenspersoon en de cliëntvertrouwenspersoon')).toEqual([
      ['clientvertrouwenspersoon', 'cvp'],
      ['cliëntvertrouwenspersoon', 'cvp'],
    ]);
    // 'gi', 'ots', 'om' in ordinary words or lower case are not the abbreviations.
    expect(marks('Ik gi ots Ots, om tien uur')).toEqual([]);
    expect(marks('Het OM en de GI')).toEqual([
      ['OM', 'openbaar-ministerie'],
      ['GI', 'gi'],
    ]);
  });

  it('matches accents written as separate combining marks (decomposed text)', () => {
    const text = 'De clie\u0308ntvertrouwenspersoon belt.';
    expect(marks(text)).toEqual([['clie\u0308ntvertrouwenspersoon', 'cvp']]);
  });

  it('names that are also ordinary words need their capitals', () => {
    expect(marks('Ik voel me veilig thuis en heb houvast aan eigen kracht.')).toEqual([]);
    expect(marks('Bel Veilig Thuis. Het Houvast-plan. Een Eigen Kracht-conferentie.')).toEqual([
      ['Veilig Thuis', 'veilig-thuis'],
      ['Houvast-plan', 'houvast'],
      ['Eigen Kracht-conferentie', 'eigen-kracht-conferentie'],
    ]);
  });

  it('prefers the longest match and never overlaps', () => {
    expect(marks('een machtiging uithuisplaatsing')).toEqual([['machtiging uithuisplaatsing', 'machtiging-uithuisplaatsing']]);
    expect(marks('een machtiging')).toEqual([['machtiging', 'machtiging']]);
    expect(marks('de voorlopige OTS eindigt')).toEqual([['voorlopige OTS', 'vots']]);
    expect(marks('in gesloten jeugdhulp')).toEqual([['gesloten jeugdhulp', 'gesloten-jeugdhulp']]);
    expect(marks('de Raad voor de Kinderbescherming')).toEqual([['Raad voor de Kinderbescherming', 'raad-voor-de-kinderbescherming']]);
    const found = findTerms('OTS OTS-verlenging machtiging uithuisplaatsing hoger beroep bij het gerechtshof');
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('matches a multi-word term across a line break and keeps offsets in the original text', () => {
    const text = 'Het plan van\n  aanpak en het hoger\tberoep';
    expect(marks(text)).toEqual([
      ['plan van\n  aanpak', 'plan-van-aanpak'],
      ['hoger\tberoep', 'hoger-beroep'],
    ]);
  });

  it('handles empty text, emoji and text without terms', () => {
    expect(findTerms('')).toEqual([]);
    expect(findTerms('😀 Goedemorgen! 😀')).toEqual([]);
    expect(marks('😀OTS😀')).toEqual([['OTS', 'ots']]);
  });

  it('works with any term list (e.g. a smaller one in a test)', () => {
    const terms: TGlossaryTerm[] = [
      { id: 'a', category: 'naast', nl: { term: 'Plan', explanation: '' }, en: { term: 'Plan', explanation: '' }, forms: ['plan'] },
      { id: 'b', category: 'naast', nl: { term: 'Plan XL', explanation: '' }, en: { term: 'Plan XL', explanation: '' }, forms: ['plan XL'] },
    ];
    expect(marks('Een plan, een plan XL en een plan xl.', terms)).toEqual([
      ['plan', 'a'],
      ['plan XL', 'b'],
      ['plan', 'a'],
    ]);
  });
});

describe('searchGlossary', () => {
  it('finds OTS first by its abbreviation, then terms that mention it', () => {
    const ids = searchGlossary('OTS', 'nl').map((t) => t.id);
    expect(ids[0]).toBe('ots');
    expect(ids).toContain('vots');
    expect(ids.indexOf('vots')).toBeLessThan(ids.indexOf('verlenging'));
    // Not inside other words of an explanation ('botsen').
    expect(ids).not.toContain('bijzondere-curator');
  });

  it('ranks a term that starts with the query before one that only mentions it', () => {
    const ids = searchGlossary('voogd', 'nl').map((t) => t.id);
    expect(ids[0]).toBe('voogdij');
    expect(ids).toContain('voorlopige-voogdij');
    expect(ids).toContain('jeugdbeschermer'); // form 'gezinsvoogd' contains it
    expect(ids.indexOf('voogdij')).toBeLessThan(ids.indexOf('jeugdbeschermer'));
  });

  it('ignores accents and case, searches explanations, and works in English', () => {
    expect(searchGlossary('clientenraad', 'nl')[0]!.id).toBe('clientenraad');
    expect(searchGlossary('GEZAGSBEEINDIGENDE', 'nl')[0]!.id).toBe('gezagsbeeindigende-maatregel');
    expect(searchGlossary('foster', 'en')[0]!.id).toMatch(/^(pleegouder|pleegzorg)$/);
    expect(searchGlossary('appeal', 'en')[0]!.id).toBe('hoger-beroep');
    // A word only in an explanation still finds the term, ranked last.
    expect(searchGlossary('huisarts', 'nl').map((t) => t.id)).toEqual(['raadsonderzoek']);
    expect(searchGlossary('zzzqqq', 'nl')).toEqual([]);
  });

  it('gives every term A–Z for an empty query', () => {
    const all = searchGlossary('  ', 'nl');
    expect(all).toHaveLength(GLOSSARY.length);
    const names = all.map((t) => t.nl.term);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'nl', { sensitivity: 'base' })));
  });
});
