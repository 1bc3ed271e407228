import type { FastifyInstance } from 'fastify';
import { uuidv7 } from '../../src/platform/db/ids.js';

/**
 * Builds request bodies from the app's own OpenAPI document (generated from the routes' Zod
 * schemas), so the generic bad-input and logging tests cover every route, including later ones.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  minItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
  $ref?: string;
}

export interface BodyRoute {
  method: string;
  /** Fastify form, e.g. /api/v1/users/:id */
  url: string;
  schema: JsonSchema;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every API route (from the route table) that takes a JSON body, with its body schema (refs resolved). */
export function bodyRoutes(app: FastifyInstance): BodyRoute[] {
  const doc = app.swagger() as unknown as OpenApiDoc;
  const resolve = (s: JsonSchema, depth = 0): JsonSchema => {
    if (depth > 20) return s;
    if (s.$ref) {
      const name = s.$ref.split('/').pop()!;
      return resolve(doc.components?.schemas?.[name] ?? {}, depth + 1);
    }
    const out: JsonSchema = { ...s };
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)]));
    if (s.items) out.items = resolve(s.items, depth + 1);
    for (const key of ['anyOf', 'oneOf', 'allOf'] as const) if (s[key]) out[key] = s[key]!.map((x) => resolve(x, depth + 1));
    return out;
  };
  const out: BodyRoute[] = [];
  for (const r of app.routeTable) {
    if (!r.url.startsWith('/api/') || !['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method)) continue;
    const path = r.url.replace(/:(\w+)/g, '{$1}');
    const op = doc.paths[path]?.[r.method.toLowerCase()];
    const schema = op?.requestBody?.content?.['application/json']?.schema;
    if (schema) out.push({ method: r.method, url: r.url, schema: resolve(schema) });
  }
  return out;
}

/** The variant of a union that a generator should use: the first non-null one. */
export function mainVariant(s: JsonSchema): JsonSchema {
  const union = s.anyOf ?? s.oneOf;
  if (union) return mainVariant(union.find((v) => v.type !== 'null') ?? union[0]!);
  if (s.allOf?.length) return Object.assign({}, ...s.allOf.map(mainVariant)) as JsonSchema;
  return s;
}

export function typeOf(s: JsonSchema): string {
  const v = mainVariant(s);
  if (v.const !== undefined) return typeof v.const;
  if (v.enum) return typeof v.enum[0];
  const t = Array.isArray(v.type) ? v.type.find((x) => x !== 'null') : v.type;
  return t ?? (v.properties ? 'object' : 'string');
}

/** A string that matches the simple patterns our schemas use (literals, \d, [..], {n}, anchors). */
export function fromPattern(pattern: string): string | undefined {
  let src = pattern.replace(/^\^/, '').replace(/\$$/, '');
  let out = '';
  while (src.length) {
    let unit: string;
    let take: number;
    if (src.startsWith('\\d')) [unit, take] = ['7', 2];
    else if (src.startsWith('\\w')) [unit, take] = ['a', 2];
    else if (src.startsWith('\\')) [unit, take] = [src[1]!, 2];
    else if (src.startsWith('[')) {
      const end = src.indexOf(']');
      const cls = src.slice(1, end);
      unit = cls.startsWith('^') ? 'x' : cls.includes('0-9') ? '5' : cls.includes('a-z') ? 'a' : cls.includes('A-Z') ? 'A' : cls[0]!;
      take = end + 1;
    } else if ('()|?*+.'.includes(src[0]!)) return undefined; // too clever for this generator
    else [unit, take] = [src[0]!, 1];
    src = src.slice(take);
    const rep = /^\{(\d+)(?:,(\d*))?\}/.exec(src);
    if (rep) {
      out += unit.repeat(Number(rep[1]));
      src = src.slice(rep[0].length);
    } else out += unit;
  }
  return out;
}

export interface ExampleOptions {
  /** Values for uuid fields by property name (e.g. locationId → an existing location). */
  ids?: Record<string, string>;
  /** Override the value of a string at this path (e.g. `body.name`); undefined keeps the default. */
  string?: (path: string, schema: JsonSchema) => string | undefined;
  /** Also fill optional properties (default true: exercise every field). */
  optional?: boolean;
}

let seq = 0;
/** A body the schema accepts, with field-name hints for what JSON Schema cannot say (email, password). */
export function exampleFor(schema: JsonSchema, opts: ExampleOptions = {}, path = 'body', name = ''): unknown {
  const s = mainVariant(schema);
  if (s.const !== undefined) return s.const;
  if (s.enum) return s.enum[0];
  const type = typeOf(s);
  if (type === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      if (opts.optional === false && !s.required?.includes(k)) continue;
      out[k] = exampleFor(v, opts, `${path}.${k}`, k);
    }
    return out;
  }
  if (type === 'array') {
    const n = s.minItems ?? (opts.optional === false ? 0 : 1);
    return Array.from({ length: n }, (_, i) => exampleFor(s.items ?? {}, opts, `${path}.${i}`, name.replace(/s$/, '')));
  }
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
  if (type === 'boolean') return true;
  const override = opts.string?.(path, s);
  if (override !== undefined) return override;
  return defaultString(s, name, opts);
}

function defaultString(s: JsonSchema, name: string, opts: ExampleOptions): string {
  const lname = name.toLowerCase();
  if (s.format === 'uuid' || /id$/i.test(name)) return opts.ids?.[name] ?? uuidv7();
  if (s.format === 'email' || lname.includes('email')) return `bad-input.${++seq}.${Date.now()}@example.org`;
  if (lname.includes('password')) return 'Paars-olifantje-fietst-9';
  if (s.pattern) {
    const v = fromPattern(s.pattern);
    if (v !== undefined) return v;
  }
  if (s.format === 'date') return '2025-01-31';
  if (s.format === 'date-time') return '2025-01-31T12:00:00.000Z';
  if (s.format === 'uri' || s.format === 'url') return 'https://example.org/';
  const min = s.minLength ?? 1;
  const base = `Voorbeeld ${name || 'tekst'} ${++seq}`;
  const v = base.length >= min ? base : base + 'x'.repeat(min - base.length);
  return s.maxLength !== undefined ? v.slice(0, s.maxLength) : v;
}

/** Paths (`body.a.b`) of every string field in a generated example, for fragment injection. */
export function stringPaths(schema: JsonSchema, path = 'body'): string[] {
  const s = mainVariant(schema);
  const type = typeOf(s);
  if (s.enum || s.const !== undefined) return type === 'string' ? [path] : [];
  if (type === 'object') return Object.entries(s.properties ?? {}).flatMap(([k, v]) => stringPaths(v, `${path}.${k}`));
  if (type === 'array') return stringPaths(s.items ?? {}, `${path}.0`);
  return type === 'string' ? [path] : [];
}

/** A wrong-typed value for a property of this schema. */
export function wrongTypeFor(schema: JsonSchema): unknown {
  const type = typeOf(schema);
  if (type === 'string') return 12345;
  if (type === 'number' || type === 'integer') return 'twaalf';
  if (type === 'boolean') return 'ja';
  if (type === 'array') return { not: 'an array' };
  return 'not an object';
}

/** Fills `:param` segments: explicit values first, then a fresh UUID (not found, but well-formed). */
export function fillUrl(url: string, values: Record<string, string> = {}): string {
  return url.replace(/:(\w+)/g, (_, p: string) => values[p] ?? (p === 'code' ? 'GM0794' : uuidv7()));
}
