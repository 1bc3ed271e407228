import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ROLES } from '../src/platform/auth/tables.js';
import { can } from '../src/platform/policy/index.js';
import { createTestApp, createTestOrg, signInAs, type SignedIn, type TestApp, type TestOrg } from './helpers/app.js';
import { bodyRoutes, exampleFor, fillUrl, mainVariant, stringPaths, typeOf, wrongTypeFor, type BodyRoute, type JsonSchema } from './helpers/bodies.js';

/**
 * Issue 2 (Bad input and faults): every route with a body, called by a signed-in admin so the body
 * really is validated, answers bad input with a 4xx problem+json, never a 500, and stores valid
 * text exactly as sent. Generic over the route table, so routes added later are covered too.
 */
let t: TestApp;
let org: TestOrg;
let routes: BodyRoute[];
let ids: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t.db, 'Stichting Invoer');
  routes = bodyRoutes(t.app);
  const other = await signInAs(t.db, org, 'volunteer');
  ids = { locationId: org.locationIds.Helmond!, userId: other.userId };
});
afterAll(async () => t.close());

/** A fresh admin per call: a valid body may sign out, rotate or deactivate the caller. */
const admin = (): Promise<SignedIn> => signInAs(t.db, org, 'admin');

const SQL_OR_STACK = /(\n\s+at |\.[cm]?[jt]s:\d+|node_modules|Failed query|syntax error at|\bselect\s.+\sfrom\b|\binsert into\b|\bviolates\b|\bconstraint\b|ZodError|TypeError|ReferenceError)/i;

interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ field: string; code: string; message: string }>;
}

/** Every error in these tests is problem+json without a stack or SQL; returns the parsed body. */
function problem(res: LightMyRequestResponse, where: string): Problem {
  expect(res.headers['content-type'], `${where}: content-type`).toMatch(/^application\/problem\+json/);
  expect(res.body, `${where}: no stack or SQL`).not.toMatch(SQL_OR_STACK);
  const body = res.json() as Problem;
  expect(body.type, where).toMatch(/^urn:naast:problem:[a-z_]+$/);
  expect(body.status, where).toBe(res.statusCode);
  expect(body.title.length, where).toBeGreaterThan(0);
  return body;
}

function label(r: BodyRoute) {
  return `${r.method} ${r.url}`;
}

/**
 * A route an admin may not call (e.g. a volunteer's own answer) would stop at 404 before its body is
 * read: call it as a fresh user of the first role that holds its permission instead.
 */
async function callerFor(r: BodyRoute, s: SignedIn): Promise<SignedIn> {
  const access = t.app.routeTable.find((x) => x.method === r.method && x.url === r.url)?.access;
  if (!access || typeof access !== 'object' || can({ role: 'admin' }, access.permission)) return s;
  const role = ROLES.find((x) => can({ role: x }, access.permission));
  return role ? signInAs(t.db, org, role) : s;
}

async function send(r: BodyRoute, caller: SignedIn, payload: string | Buffer | undefined, headers: Record<string, string> = {}) {
  const s = await callerFor(r, caller);
  return t.app.inject({
    method: r.method as never,
    url: fillUrl(r.url, { id: ids.userId! }),
    headers: { ...s.headers, 'content-type': 'application/json', ...headers },
    ...(payload === undefined ? {} : { payload }),
  });
}

/** Sets the value at a dotted path (`body.a.0.b`) in a generated example. */
function setPath(body: unknown, path: string, value: unknown): unknown {
  const keys = path.split('.').slice(1);
  if (keys.length === 0) return value;
  const copy = structuredClone(body) as Record<string, unknown>;
  let cur: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  cur[keys.at(-1)!] = value;
  return copy;
}

const isObjectBody = (s: JsonSchema) => typeOf(s) === 'object';
const acceptsNull = (s: JsonSchema) => !!(s.anyOf ?? s.oneOf)?.some((v) => v.type === 'null') || (Array.isArray(s.type) && s.type.includes('null'));
const enumLike = (s: JsonSchema) => !!(mainVariant(s).enum || mainVariant(s).const !== undefined);

/** The field error for a missing field. Zod cannot tell a missing enum from a wrong one: "choose one" is fine there. */
function missing(schema: JsonSchema, field: string, lang: 'nl' | 'en') {
  if (enumLike(schema.properties![field]!)) {
    return { field: `body.${field}`, code: 'invalid_value', message: lang === 'nl' ? 'Kies een van de mogelijke waarden.' : 'Choose one of the possible values.' };
  }
  return { field: `body.${field}`, code: 'required', message: lang === 'nl' ? 'Dit veld is verplicht.' : 'This field is required.' };
}

describe('generic bad input on every route with a body', () => {
  it('finds the routes with a body (auth, profile, users, organisation)', () => {
    // Grows as modules land; the checks below run on whatever the app registers.
    for (const r of routes) expect(r.url).toMatch(/^\/api\//);
  });

  it('malformed JSON → 400 malformed_json', async () => {
    for (const r of routes) {
      for (const payload of ['{"name":', '{name: 1}', "{'a': 1}", '[1,2', '{"a":1}}', 'nul', '{"a":"b\u0001c"}']) {
        const res = await send(r, await admin(), payload);
        expect(`${label(r)} ${payload} → ${res.statusCode}`).toBe(`${label(r)} ${payload} → 400`);
        expect(problem(res, label(r)).type).toBe('urn:naast:problem:malformed_json');
      }
    }
  });

  it('missing fields → 400 with a field error per required field, Dutch by default and English on request', async () => {
    for (const r of routes.filter((r) => isObjectBody(r.schema) && mainVariant(r.schema).required?.length)) {
      const nl = await send(r, await admin(), '{}');
      expect(nl.statusCode, label(r)).toBe(400);
      const pnl = problem(nl, label(r));
      expect(pnl.type).toBe('urn:naast:problem:validation');
      expect(pnl.title).toBe('Niet alle gegevens zijn goed ingevuld');
      for (const field of mainVariant(r.schema).required!) {
        expect(pnl.errors, `${label(r)} body.${field}`).toContainEqual(missing(mainVariant(r.schema), field, 'nl'));
      }
      const en = await send(r, await admin(), '{}', { 'accept-language': 'en-GB,en;q=0.9' });
      const pen = problem(en, label(r));
      expect(pen.title).toBe('Some of the data is not valid');
      for (const field of mainVariant(r.schema).required!) {
        expect(pen.errors, `${label(r)} body.${field}`).toContainEqual(missing(mainVariant(r.schema), field, 'en'));
      }
    }
  });

  it('wrong types → 400 naming the field', async () => {
    for (const r of routes.filter((r) => isObjectBody(r.schema))) {
      for (const [field, fs] of Object.entries(mainVariant(r.schema).properties ?? {})) {
        const body = setPath(exampleFor(r.schema, { ids }), `body.${field}`, wrongTypeFor(fs));
        const res = await send(r, await admin(), JSON.stringify(body));
        expect(`${label(r)} ${field} → ${res.statusCode}`).toBe(`${label(r)} ${field} → 400`);
        const p = problem(res, label(r));
        const err = p.errors?.find((e) => e.field === `body.${field}`);
        // A value of the wrong kind is not a missing value.
        expect(err?.code, `${label(r)} ${field}`).toBe(enumLike(fs) ? 'invalid_value' : 'invalid_type');
        if (!enumLike(fs)) expect(err?.message).toMatch(/^Dit veld heeft een verkeerd soort waarde/);
      }
      // The whole body of the wrong type (null is no body at all where the body is optional).
      for (const payload of ['"tekst"', '42', 'true', ...(acceptsNull(r.schema) ? [] : ['null']), '[]']) {
        const res = await send(r, await admin(), payload);
        expect(`${label(r)} ${payload} → ${res.statusCode}`).toBe(`${label(r)} ${payload} → 400`);
        problem(res, label(r));
      }
    }
  });

  it('unknown fields → 400 unrecognized_key', async () => {
    for (const r of routes.filter((r) => isObjectBody(r.schema))) {
      const body = { ...(exampleFor(r.schema, { ids }) as object), isAdmin: true };
      const res = await send(r, await admin(), JSON.stringify(body), { 'accept-language': 'en' });
      expect(`${label(r)} → ${res.statusCode}`).toBe(`${label(r)} → 400`);
      const p = problem(res, label(r));
      expect(p.errors, label(r)).toContainEqual({ field: 'body.isAdmin', code: 'unrecognized_key', message: 'Unknown field: isAdmin.' });
    }
  });

  it('a string over 1 MB → 413; just under the limit but over the field maximum → 400', async () => {
    for (const r of routes) {
      const [first] = stringPaths(r.schema);
      const body = (value: string) => JSON.stringify(first ? setPath(exampleFor(r.schema, { ids }), first, value) : { big: value });
      const over = await send(r, await admin(), body('a'.repeat(1024 * 1024 + 10)));
      expect(`${label(r)} → ${over.statusCode}`).toBe(`${label(r)} → 413`);
      expect(problem(over, label(r)).type).toBe('urn:naast:problem:payload_too_large');
      const under = await send(r, await admin(), body('b'.repeat(1000 * 1000)));
      expect(`${label(r)} → ${under.statusCode}`).toBe(`${label(r)} → 400`);
      expect(problem(under, label(r)).type).toBe('urn:naast:problem:validation');
    }
  });

  it('NUL bytes (escaped or raw, in values or keys) → 400', async () => {
    for (const r of routes) {
      for (const path of [...stringPaths(r.schema), 'body.extra']) {
        const escaped = JSON.stringify(setPath(exampleFor(r.schema, { ids }), path, 'Jan\u0000de Vries'));
        const res = await send(r, await admin(), escaped);
        expect(`${label(r)} ${path} → ${res.statusCode}`).toBe(`${label(r)} ${path} → 400`);
        const p = problem(res, label(r));
        expect(p.errors?.some((e) => e.code === 'nul_byte'), `${label(r)} ${path}`).toBe(true);
      }
      const keyed = await send(r, await admin(), '{"a\\u0000b":"x"}');
      expect(keyed.statusCode, label(r)).toBe(400);
      problem(keyed, label(r));
      // A raw NUL inside a JSON string is not JSON at all.
      const raw = await send(r, await admin(), Buffer.from('{"name":"a\u0000b"}', 'utf8'));
      expect(raw.statusCode, label(r)).toBe(400);
      problem(raw, label(r));
    }
  });

  it('invalid UTF-8 → 400 invalid_encoding', async () => {
    const bad = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])];
    for (const r of routes) {
      for (const bytes of bad) {
        const payload = Buffer.concat([Buffer.from('{"name":"Jan '), bytes, Buffer.from('"}')]);
        const res = await send(r, await admin(), payload);
        expect(`${label(r)} ${bytes.toString('hex')} → ${res.statusCode}`).toBe(`${label(r)} ${bytes.toString('hex')} → 400`);
        expect(problem(res, label(r)).type).toBe('urn:naast:problem:invalid_encoding');
      }
    }
  });

  it('lone UTF-16 surrogates (\\ud800) → 400 invalid_unicode: they cannot be stored exactly as sent', async () => {
    for (const r of routes) {
      const res = await send(r, await admin(), '{"name":"Jan \\ud800 Jansen"}');
      expect(`${label(r)} → ${res.statusCode}`).toBe(`${label(r)} → 400`);
      expect(problem(res, label(r)).errors?.[0]).toMatchObject({ field: 'body.name', code: 'invalid_unicode' });
    }
    // A proper pair (an emoji) is fine text.
    const s = await admin();
    const ok = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: { ...s.headers, 'content-type': 'application/json' }, payload: '{"displayName":"Jan \\ud83d\\ude00"}' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().displayName).toBe('Jan 😀');
  });

  it('absurdly deep nesting → 400 too_deep, never a stack overflow (500)', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const deepObject = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    for (const r of routes) {
      for (const payload of [deep, deepObject]) {
        const res = await send(r, await admin(), payload);
        expect(`${label(r)} → ${res.statusCode}`).toBe(`${label(r)} → 400`);
        expect(problem(res, label(r)).errors?.[0]?.code).toBe('too_deep');
      }
    }
  });

  it('no body, an empty body or whitespace on a route that needs one → 400', async () => {
    for (const r of routes) {
      const required = !acceptsNull(r.schema) && isObjectBody(r.schema) && (mainVariant(r.schema).required?.length ?? 0) > 0;
      for (const [payload, headers] of [
        [undefined, {}],
        ['', {}],
        ['  \n', {}],
      ] as const) {
        const res = await send(r, await admin(), payload, headers);
        // A body that is optional (or all of whose fields are) may accept nothing: then the route answers as it likes, but never 5xx.
        if (!required && res.statusCode !== 400) {
          expect(res.statusCode, label(r)).toBeLessThan(500);
          if (res.statusCode >= 400) problem(res, label(r));
          continue;
        }
        expect(`${label(r)} ${JSON.stringify(payload)} → ${res.statusCode}`).toBe(`${label(r)} ${JSON.stringify(payload)} → 400`);
        problem(res, label(r));
      }
    }
  });

  it('other content types → 415', async () => {
    for (const r of routes) {
      for (const ct of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/xml']) {
        const res = await send(r, await admin(), JSON.stringify(exampleFor(r.schema, { ids })), { 'content-type': ct });
        expect(`${label(r)} ${ct} → ${res.statusCode}`).toBe(`${label(r)} ${ct} → 415`);
        expect(problem(res, label(r)).type).toBe('urn:naast:problem:unsupported_media_type');
      }
    }
  });

  // Every string field of every body route × 6 fragments, each call as a fresh admin: the time grows with the API.
  it('SQL and HTML fragments in every string field → never a 500, errors are plain problems', async () => {
    const failures: string[] = [];
    for (const r of routes) {
      const paths = stringPaths(r.schema);
      for (const fragment of FRAGMENTS) {
        // Each field in turn (the others valid), then all fields at once.
        const bodies = [...paths.map((p) => ({ [p]: fragment })), Object.fromEntries(paths.map((p) => [p, fragment]))];
        for (const fields of bodies) {
          const body = exampleFor(r.schema, { ids, string: (p) => fields[p] });
          const res = await send(r, await admin(), JSON.stringify(body));
          if (res.statusCode >= 500) failures.push(`${label(r)} ${Object.keys(fields).join(',')} → ${res.statusCode} ${res.body}`);
          if (res.statusCode >= 400) {
            problem(res, label(r));
            // The text sent (possibly personal data) is never echoed in an error.
            expect(res.body, label(r)).not.toContain(fragment.slice(0, 12));
          }
        }
      }
    }
    expect(failures).toEqual([]);
  }, 180_000);
});

const FRAGMENTS = [
  "'; drop table users; --",
  '<script>alert(1)</script>',
  "Robert'); DELETE FROM users;--",
  '" OR 1=1 --',
  '\\x00\\\' $1 %s {{7*7}} ${process.env}',
  'Zoë ’s-Hertogenbosch 👨‍👩‍👧 مرحبا',
];

describe('valid text is stored exactly as sent', () => {
  /** Finds a string anywhere in a JSON value. */
  const contains = (value: unknown, s: string): boolean =>
    typeof value === 'string' ? value === s : Array.isArray(value) ? value.some((v) => contains(v, s)) : value && typeof value === 'object' ? Object.values(value).some((v) => contains(v, s)) : false;

  const has = (method: string, url: string) => t.app.routeTable.some((r) => r.method === method && r.url === url);

  it('PATCH /api/v1/me displayName', async (ctx) => {
    if (!has('PATCH', '/api/v1/me')) ctx.skip();
    for (const displayName of [...FRAGMENTS, '<img src=x onerror=alert(1)>']) {
      const s = await admin();
      const res = await t.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: s.headers, payload: { displayName } });
      expect(res.statusCode, displayName).toBeLessThan(300);
      const [row] = await t.db.query<{ display_name: string }>('select display_name from users where id = $1', [s.userId]);
      expect(row!.display_name).toBe(displayName);
      const back = await t.app.inject({ method: 'GET', url: has('GET', '/api/v1/me') ? '/api/v1/me' : '/api/v1/auth/session', headers: s.headers });
      expect(back.statusCode).toBe(200);
      expect(contains(back.json(), displayName), displayName).toBe(true);
    }
  });

  it('POST /api/v1/organisation/locations name', async (ctx) => {
    if (!has('POST', '/api/v1/organisation/locations')) ctx.skip();
    // Its own organisation: the generic tests above already stored these names in the shared one.
    const own = await createTestOrg(t.db, 'Stichting Teksten');
    const s = await signInAs(t.db, own, 'admin');
    for (const name of FRAGMENTS) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/organisation/locations', headers: s.headers, payload: { name } });
      expect(res.statusCode, name).toBeLessThan(300);
      const rows = await t.db.query<{ name: string }>('select name from locations where org_id = $1 and name = $2', [own.orgId, name]);
      expect(rows, name).toHaveLength(1);
    }
    const back = await t.app.inject({ method: 'GET', url: '/api/v1/organisation', headers: s.headers });
    expect(back.statusCode).toBe(200);
    for (const name of FRAGMENTS) expect(contains(back.json(), name), name).toBe(true);
    // The users table the fragments "dropped" is still there.
    const [{ n }] = (await t.db.query<{ n: number }>('select count(*)::int as n from users')) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });
});

describe('routing', () => {
  it('an unknown route → 404 problem+json, for any method, signed in or not', async () => {
    const s = await admin();
    for (const method of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/api/v1/bestaat-niet', '/api/v2/users', '/api/v1/users/../../etc/passwd', '/api/v1/%00']) {
        for (const headers of [{}, s.headers]) {
          const res = await t.app.inject({ method, url, headers, ...(method === 'GET' || method === 'DELETE' ? {} : { payload: {} }) });
          expect(`${method} ${url} → ${res.statusCode}`).toBe(`${method} ${url} → 404`);
          expect(problem(res, url).type).toBe('urn:naast:problem:not_found');
        }
      }
    }
  });

  it('a malformed id in a URL → 400 or 404 problem+json, never 500', async () => {
    const s = await admin();
    for (const r of t.app.routeTable.filter((r) => r.url.includes('/:') && r.url.startsWith('/api/') && r.method !== 'HEAD')) {
      // Broken percent-encoding and over-long parameters are refused by the router itself.
      for (const bad of ['1', "1'%20or%201=1", '%3Cscript%3E', 'a'.repeat(300), '%E0%A4%A', '%']) {
        const url = r.url.replace(/:(\w+)/g, bad);
        const res = await t.app.inject({ method: r.method as never, url, headers: s.headers, ...(r.method === 'GET' || r.method === 'DELETE' ? {} : { payload: {} }) });
        // A public route that counts failed guesses per address (the questionnaire link) may have
        // started refusing this address: a throttle's 429 with Retry-After is the right answer then.
        const allowed = res.statusCode === 429 && res.headers['retry-after'] ? [400, 404, 429] : [400, 404];
        expect(allowed, `${r.method} ${url} → ${res.statusCode}`).toContain(res.statusCode);
        problem(res, url);
      }
    }
  });

  it('a query string of the wrong shape → 400 problem+json on every GET list', async () => {
    const s = await admin();
    for (const r of t.app.routeTable.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/') && !r.url.includes(':') && r.url !== '/api/v1/openapi.json')) {
      for (const q of ['limit=abc', 'limit=100000', 'limit=-1', `cursor=${'x'.repeat(500)}`, 'onbekend=1']) {
        const res = await t.app.inject({ method: 'GET', url: `${r.url}?${q}`, headers: s.headers });
        // Routes without a query schema ignore the query; those with one refuse a bad one.
        if (res.statusCode === 200) continue;
        expect([400, 404], `${r.url}?${q} → ${res.statusCode}`).toContain(res.statusCode);
        problem(res, `${r.url}?${q}`);
      }
    }
  });
});
