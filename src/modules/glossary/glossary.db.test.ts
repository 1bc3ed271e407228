import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestOrg, signInAs, type TestApp } from '../../../test/helpers/app.js';
import { GLOSSARY } from '../../shared/glossary.js';

let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers });

describe('GET /api/v1/glossary', () => {
  it('works without a session and lists every term A–Z in Dutch by default', async () => {
    const res = await get('/glossary');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.lang).toBe('nl');
    expect(body.items).toHaveLength(GLOSSARY.length);
    const names = body.items.map((i: { term: string }) => i.term);
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'nl', { sensitivity: 'base' })));
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('searches term, forms and explanation, accents ignored, best match first', async () => {
    const ots = (await get('/glossary?q=OTS')).json();
    expect(ots.items[0]).toMatchObject({ id: 'ots', term: 'Ondertoezichtstelling (OTS)', dutchTerm: 'Ondertoezichtstelling (OTS)', category: 'measure' });
    expect(ots.items[0].forms).toContain('OTS');
    expect(ots.items[0].explanation).toMatch(/kinderrechter/);
    expect(ots.items.map((i: { id: string }) => i.id)).toContain('vots');

    const accents = (await get(`/glossary?q=${encodeURIComponent('clientvertrouwenspersoon')}`)).json();
    expect(accents.items[0].id).toBe('cvp');
    const accented = (await get(`/glossary?q=${encodeURIComponent('cliëntvertrouwenspersoon')}`)).json();
    expect(accented.items[0].id).toBe('cvp');

    // A word that only appears in an explanation.
    expect((await get('/glossary?q=huisarts')).json().items.map((i: { id: string }) => i.id)).toEqual(['raadsonderzoek']);
    expect((await get('/glossary?q=zzzqqq')).json().items).toEqual([]);
  });

  it('answers in English with lang=en or Accept-Language, keeping the Dutch term', async () => {
    const en = (await get('/glossary?q=appeal&lang=en')).json();
    expect(en.lang).toBe('en');
    expect(en.items[0]).toMatchObject({ id: 'hoger-beroep', term: 'Appeal', dutchTerm: 'Hoger beroep' });
    expect(en.items[0].explanation).toMatch(/three months/);
    const header = (await get('/glossary?q=OTS', { 'accept-language': 'en-GB,en;q=0.9' })).json();
    expect(header.lang).toBe('en');
    expect(header.items[0].term).toBe('Family supervision order (OTS)');
  });

  it('is the same for a signed-in user (in their language) and writes no audit event', async () => {
    const org = await createTestOrg(t.db, 'Stichting Woorden');
    const parent = await signInAs(t.db, org, 'parent');
    const count = async () => (await t.db.query<{ n: number }>(`select count(*)::int as n from audit_events where org_id = $1`, [org.orgId]))[0]!.n;
    const before = await count();
    const res = await get('/glossary?q=voogd&lang=nl', parent.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0].id).toBe('voogdij');
    expect((await get('/glossary/voogdij', parent.headers)).statusCode).toBe(200);
    expect(await count()).toBe(before);
  });

  it('refuses bad input with problem+json, not a 500', async () => {
    const long = await get(`/glossary?q=${'a'.repeat(101)}`);
    expect(long.statusCode).toBe(400);
    expect(long.headers['content-type']).toMatch(/application\/problem\+json/);
    expect((await get('/glossary?lang=de')).statusCode).toBe(400);
    expect((await get('/glossary?unknown=1')).statusCode).toBe(400);
  });
});

describe('GET /api/v1/glossary/:id', () => {
  it('returns one term in the asked language', async () => {
    const nl = await get('/glossary/vervallenverklaring');
    expect(nl.statusCode).toBe(200);
    expect(nl.json()).toMatchObject({ id: 'vervallenverklaring', term: 'Vervallenverklaring', category: 'procedure' });
    expect(nl.json().explanation).toMatch(/twee weken/);
    const en = await get('/glossary/vervallenverklaring?lang=en');
    expect(en.json()).toMatchObject({ term: 'Annulment of a written instruction', dutchTerm: 'Vervallenverklaring' });
  });

  it('404 for an unknown id', async () => {
    const res = await get('/glossary/bestaat-niet');
    expect(res.statusCode).toBe(404);
    expect(res.json().type).toBe('urn:naast:problem:not_found');
    expect((await get(`/glossary/${'x'.repeat(81)}`)).statusCode).toBe(400);
  });
});
