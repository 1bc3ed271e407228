import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

/** Issue 2 (API conventions): OpenAPI 3.1 at /api/v1/openapi.json, checked by a real parser, covering every route. */
let t: TestApp;
let doc: { openapi: string; paths: Record<string, Record<string, unknown>> };

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  doc = res.json();
});
afterAll(async () => t.close());

/** Fastify `/users/:id` → OpenAPI `/users/{id}`. */
const toOpenApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeTruthy();
  });

  it('describes every API route of the route table (except itself)', () => {
    const routes = t.app.routeTable.filter(
      (r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.url !== '/api/v1/openapi.json' && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(routes.length).toBeGreaterThan(0);
    const missing = routes.filter((r) => !doc.paths[toOpenApiPath(r.url)]?.[r.method.toLowerCase()]).map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
  });

  it('declares a response for every operation, and the path parameters it uses', () => {
    const problems: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const o = op as { responses?: Record<string, unknown>; parameters?: Array<{ in: string; name: string }> };
        if (!o.responses || Object.keys(o.responses).length === 0) problems.push(`${method} ${p}: no responses`);
        for (const name of [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          if (!o.parameters?.some((x) => x.in === 'path' && x.name === name)) problems.push(`${method} ${p}: path parameter ${name} undeclared`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents the problem+json error shape on every operation, matching what the server sends', async () => {
    const full = doc as unknown as { components: { schemas: Record<string, { properties: Record<string, unknown>; required: string[] }> }; paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>> };
    const problem = full.components.schemas.Problem!;
    expect(problem.required).toEqual(expect.arrayContaining(['type', 'title', 'status']));
    for (const [p, ops] of Object.entries(full.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        for (const range of ['4XX', '5XX']) expect(Object.keys(op.responses[range]?.content ?? {}), `${m} ${p} ${range}`).toEqual(['application/problem+json']);
      }
    }
    // A real 404 has exactly the documented fields.
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    for (const key of Object.keys(res.json())) expect(Object.keys(problem.properties)).toContain(key);
  });

  it('does not describe the docs or the document itself', () => {
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/api/docs') || p === '/api/v1/openapi.json')).toEqual([]);
  });
});

describe('API docs page', () => {
  it('/api/docs answers with a readable HTML page', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs' });
    // swagger-ui may redirect /api/docs → /api/docs/ first.
    const final = res.statusCode >= 300 && res.statusCode < 400 ? await t.app.inject({ method: 'GET', url: String(res.headers.location) }) : res;
    expect(final.statusCode).toBe(200);
    expect(final.headers['content-type']).toMatch(/^text\/html/);
    expect(final.body).toMatch(/<html/i);
  });

  it('/api/docs/json serves the same spec the docs page renders', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths).sort()).toEqual(Object.keys(doc.paths).sort());
  });
});
