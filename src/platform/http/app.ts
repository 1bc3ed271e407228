import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../paths.js';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZProblem } from '../../shared/common.js';
import type { Config } from '../config.js';
import { isUnavailable, type Database } from '../db/index.js';
import { pickLang, t, type Lang } from '../i18n/index.js';
import { assertAccess } from '../policy/index.js';
import { checkCsrf, loadActor, SESSION_COOKIE } from '../auth/sessions.js';
import type { Mailer } from '../mail/index.js';
import { createMailer } from '../mail/index.js';
import { AppError, type FieldError } from './errors.js';
import './context.js';
import { uuidv7 } from '../db/ids.js';
import { loggerOptions } from './logging.js';

export const API_PREFIX = '/api/v1';
export const JSON_BODY_LIMIT = 1024 * 1024;
export const WEB_DIST = path.join(ROOT, 'dist', 'web');

export interface AppDeps {
  config: Config;
  db: Database;
  mailer?: Mailer;
  /** Fastify plugins of the capability modules and platform features, registered in order. */
  plugins?: Array<(app: FastifyInstance) => Promise<void>>;
  /** Pino destination for tests that inspect logs. */
  logStream?: NodeJS.WritableStream;
  serveWeb?: boolean;
}

export type App = FastifyInstance;

export interface RouteEntry {
  method: string;
  url: string;
  access: import('../policy/index.js').Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every registered route with its declared access, for the route-enumeration and authorization-matrix tests. */
    routeTable: RouteEntry[];
  }
}

/**
 * Builds the Fastify app without listening (tests use inject). One straight line per request:
 * parse → authenticate (auth plugin) → access check (policy) → handler → problem+json on error.
 */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const mailer = deps.mailer ?? createMailer(config);
  const app = Fastify({
    logger: loggerOptions(config, deps.logStream),
    genReqId: () => uuidv7(),
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: false,
    routerOptions: { ignoreTrailingSlash: true },
    return503OnClosing: true,
    // Bad percent-encoding or an over-long path parameter never reach a route: still problem+json.
    frameworkErrors: (err, req, reply) => void sendProblem(req, reply, err),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Every route must say who may call it; one that does not is a programming error (deny by default).
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const url = route.url ?? '';
    if (!route.config?.access) {
      if (url.startsWith('/api/docs') || !url.startsWith('/api')) {
        route.config = { ...(route.config ?? {}), access: 'public' } as typeof route.config;
      } else {
        throw new Error(`Route ${String(route.method)} ${url} declares no access (config.access)`);
      }
    }
    for (const method of [route.method].flat()) routeTable.push({ method: String(method), url, access: route.config!.access! });
  });

  // JSON bodies: strict UTF-8 and no NUL characters (PostgreSQL text cannot hold them), both as 400.
  // Only JSON is parsed; anything else is 415 (Fastify's default text/plain parser would let it reach validation).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(['application/json', 'application/problem+json'], { parseAs: 'buffer', bodyLimit: JSON_BODY_LIMIT }, (_req, body: Buffer, done) => {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      return done(new AppError('invalid_encoding', 400), undefined);
    }
    if (text.trim() === '') return done(null, undefined);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return done(new AppError('malformed_json', 400), undefined);
    }
    const bad = findBadInput(parsed, 'body', 0);
    if (bad) return done(new AppError('validation', 400, {}, [bad]), undefined);
    done(null, parsed);
  });

  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req) => {
    req.ctx = {
      db,
      config,
      mailer,
      requestId: String(req.id),
      lang: pickLang(req.headers['accept-language']),
      ip: req.ip,
      userAgent: String(req.headers['user-agent'] ?? '').slice(0, 400),
    };
  });

  // Before any plugin: a plugin context keeps the error handler it was registered under.
  app.setErrorHandler(async (err: FastifyError, req, reply) => sendProblem(req, reply, err));

  await app.register(cookie);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Naast API',
        version: '1',
        description:
          'API of Naast. Errors are application/problem+json (RFC 9457) with a stable `type` (urn:naast:problem:<code>), a title and detail in the language of Accept-Language (nl by default, en), and `errors` with field errors for validation problems. Lists are paginated by cursor.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'naast_session' } } },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => documentProblems((doc as { openapiObject: OpenApiDoc }).openapiObject),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get(
    `${API_PREFIX}/openapi.json`,
    { config: { access: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );

  app.get(
    '/api/health/live',
    { config: { access: 'public' }, schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/api/health/ready',
    {
      config: { access: 'public' },
      schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }) } },
    },
    async () => {
      await db.ping();
      return { status: 'ok' as const, database: 'ok' as const };
    },
  );

  // Authenticate from the session cookie, then check CSRF and the route's declared access.
  // Runs before body validation so an anonymous caller learns nothing about a route's schema.
  app.addHook('preValidation', async (req) => {
    const access = req.routeOptions.config?.access;
    if (!access) throw new AppError('not_found', 404);
    const cookieValue = req.cookies[SESSION_COOKIE];
    if (cookieValue) req.ctx.actor = await loadActor(db, cookieValue);
    if (req.ctx.actor && !req.headers['accept-language']) req.ctx.lang = req.ctx.actor.language;
    checkCsrf(req, req.ctx.actor, access === 'public');
    assertAccess(access, req.ctx.actor);
  });

  for (const plugin of deps.plugins ?? []) await app.register(plugin);

  // Security headers on every response (issue 3): strict CSP, no framing, no referrer leaks.
  app.addHook('onSend', async (req, reply, payload) => {
    const docs = req.url.startsWith('/api/docs');
    reply.header(
      'content-security-policy',
      docs
        ? "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
        : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'",
    );
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (config.env === 'production' || config.publicUrl.startsWith('https://')) {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
    if (req.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });

  if (deps.serveWeb !== false && fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false, preCompressed: true });
    const indexHtml = fs.readFileSync(path.join(WEB_DIST, 'index.html'));
    // SPA: every non-API GET gets the app shell; the client router shows its own 404 page.
    app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) => {
      if (req.url.startsWith('/api')) throw new AppError('not_found', 404);
      return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    });
  }

  app.setNotFoundHandler(async (req, reply) => sendProblem(req, reply, new AppError('not_found', 404)));

  return app;
}

/** No request of ours nests deeper than a few levels; thousands of levels would exhaust the stack. */
const MAX_JSON_DEPTH = 32;

// Text PostgreSQL cannot store as sent: NUL, and lone UTF-16 surrogates ("\ud800" in JSON), which
// the driver would silently turn into U+FFFD — so the data would not be stored exactly as sent.
const LONE_SURROGATE = /\p{Cs}/u;
function badText(s: string): 'nul_byte' | 'invalid_unicode' | undefined {
  if (s.includes('\u0000')) return 'nul_byte';
  if (LONE_SURROGATE.test(s)) return 'invalid_unicode';
  return undefined;
}

type OpenApiDoc = { components?: Record<string, Record<string, unknown>>; paths?: Record<string, Record<string, { responses?: Record<string, unknown> }>> };

/**
 * Every operation can answer with a problem (RFC 9457): document it once as a component and refer
 * to it from each operation's 4XX and 5XX responses, so clients see the error shape in the spec.
 */
function documentProblems(doc: OpenApiDoc): OpenApiDoc {
  const { $schema: _drop, ...problem } = z.toJSONSchema(ZProblem) as Record<string, unknown>;
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, Problem: problem } };
  const ref = (description: string) => ({ description, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } });
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      op.responses = { ...op.responses, '4XX': ref('Problem: bad input, not signed in, not found or not allowed, conflict, too many attempts'), '5XX': ref('Problem: the service is (temporarily) unavailable') };
    }
  }
  return doc;
}

/** One walk over a parsed body: too deep, NUL or lone surrogates become a field error. */
function findBadInput(value: unknown, where: string, depth: number): FieldError | undefined {
  const textError = (field: string, text: string): FieldError | undefined => {
    const code = badText(text);
    return code ? { field, code, messageKey: `field.${code}` } : undefined;
  };
  if (typeof value === 'string') return textError(where, value);
  if (value === null || typeof value !== 'object') return undefined;
  if (depth >= MAX_JSON_DEPTH) return { field: 'body', code: 'too_deep', messageKey: 'field.too_deep', params: { maximum: MAX_JSON_DEPTH } };
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [k, v] of entries) {
    const bad = (Array.isArray(value) ? undefined : textError(`${where}.?`, k)) ?? findBadInput(v, `${where}.${k}`, depth + 1);
    if (bad) return bad;
  }
  return undefined;
}

interface ZodIssueParams {
  expected?: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
  keys?: string[];
  params?: { messageKey?: string };
}

function zodFieldErrors(err: { validation: Array<{ keyword: string; instancePath: string; params: unknown; message?: string }>; validationContext?: string }): FieldError[] {
  const ctx = err.validationContext ?? 'body';
  const out: FieldError[] = [];
  for (const v of err.validation) {
    const p = (v.params ?? {}) as ZodIssueParams;
    const field = [ctx, ...v.instancePath.split('/').filter(Boolean)].join('.');
    switch (v.keyword) {
      case 'invalid_type':
        // Zod 4 issues carry no input unless asked for; its message says what was received.
        if ('input' in p ? p.input === undefined : /received undefined\s*$/.test(v.message ?? '')) out.push({ field, code: 'required', messageKey: 'field.required' });
        else out.push({ field, code: 'invalid_type', messageKey: 'field.invalid_type', params: { expected: String(p.expected) } });
        break;
      case 'too_small':
      case 'too_big': {
        const origin = p.origin === 'number' || p.origin === 'array' || p.origin === 'int' || p.origin === 'bigint' ? (p.origin === 'array' ? 'array' : 'number') : 'string';
        const params: Record<string, string | number> = {};
        if (p.minimum !== undefined) params.minimum = Number(p.minimum);
        if (p.maximum !== undefined) params.maximum = Number(p.maximum);
        out.push({ field, code: v.keyword, messageKey: `field.${v.keyword}.${origin}`, params });
        break;
      }
      case 'invalid_format':
        out.push({ field, code: 'invalid_format', messageKey: p.format === 'email' || p.format === 'uuid' ? `field.invalid_format.${p.format}` : 'field.invalid_format' });
        break;
      case 'invalid_value':
        out.push({ field, code: 'invalid_value', messageKey: 'field.invalid_value' });
        break;
      case 'unrecognized_keys':
        for (const k of p.keys ?? []) out.push({ field: `${field}.${k}`, code: 'unrecognized_key', messageKey: 'field.unrecognized_keys', params: { keys: k } });
        break;
      default:
        out.push({ field, code: v.keyword, messageKey: p.params?.messageKey ?? 'field.invalid' });
    }
  }
  return out;
}

/** Maps any error to a problem+json body. Never a stack trace, SQL text or personal data. */
export function toProblem(err: unknown, lang: Lang, requestId: string): { status: number; body: Record<string, unknown>; headers: Record<string, string> } {
  let appErr: AppError;
  // drizzle wraps driver errors ("Failed query: …" with the parameters!); the driver's code is on cause.
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  const e = (err && (err as Error).message?.startsWith('Failed query') && cause && typeof cause.code === 'string' ? cause : err) as FastifyError & { validation?: unknown; validationContext?: string; code?: string };
  if (err instanceof AppError) appErr = err;
  else if (hasZodFastifySchemaValidationErrors(err)) appErr = new AppError('validation', 400, {}, zodFieldErrors(err as never));
  else if (isResponseSerializationError(err)) appErr = new AppError('internal', 500, { requestId });
  else if (isUnavailable(err)) appErr = new AppError('service_unavailable', 503, {}, [], { 'retry-after': '5' });
  else if (e?.code === 'FST_ERR_CTP_BODY_TOO_LARGE') appErr = new AppError('payload_too_large', 413, { limit: '1 MB' });
  else if (e?.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') appErr = new AppError('unsupported_media_type', 415);
  else if (e?.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || e?.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) appErr = new AppError('malformed_json', 400);
  else if (e?.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') appErr = new AppError('malformed_json', 400);
  else if (e?.code === 'FST_ERR_BAD_URL' || e?.code === 'FST_ERR_MAX_PARAM_LENGTH') appErr = new AppError('not_found', 404);
  else if (e?.code === '23505') appErr = new AppError('conflict', 409);
  else if (e?.code === '22001' || e?.code === '22P02' || e?.code === '22021' || e?.code === '22P05' || e?.code === '23514') appErr = new AppError('validation', 400, {}, [{ field: 'body', code: 'invalid', messageKey: 'field.invalid' }]);
  else if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) appErr = new AppError(e.statusCode === 404 ? 'not_found' : e.statusCode === 405 ? 'method_not_allowed' : 'validation', e.statusCode);
  else appErr = new AppError('internal', 500, { requestId });

  const code = appErr.code;
  const params = { ...appErr.params, requestId };
  const detailKey = `problem.${code}.detail`;
  const detail = t(lang, detailKey, params);
  const body: Record<string, unknown> = {
    type: `urn:naast:problem:${code}`,
    title: t(lang, `problem.${code}.title`, params),
    status: appErr.status,
    ...(detail !== detailKey ? { detail } : {}),
    instance: `urn:naast:request:${requestId}`,
  };
  if (appErr.fieldErrors.length) {
    body.errors = appErr.fieldErrors.map((f) => ({ field: f.field, code: f.code, message: t(lang, f.messageKey, f.params) }));
  }
  return { status: appErr.status, body, headers: appErr.headers };
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, err: unknown) {
  const lang = req.ctx?.lang ?? pickLang(req.headers['accept-language']);
  const { status, body, headers } = toProblem(err, lang, String(req.id));
  if (status >= 500) {
    // Log the error class and code only: messages of driver errors can quote data.
    // Stack frames only: a message can span lines (drizzle's second line lists the query parameters).
    const e = err as { name?: string; code?: string; stack?: string; cause?: { code?: unknown } };
    const frames = e?.stack?.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 5).join('\n');
    const errCode = e?.code ?? (typeof e?.cause?.code === 'string' ? e.cause.code : undefined);
    req.log.error({ errName: e?.name, errCode, stack: status === 500 ? frames : undefined }, 'request failed');
  }
  return reply.status(status).headers(headers).type('application/problem+json; charset=utf-8').send(JSON.stringify(body));
}
