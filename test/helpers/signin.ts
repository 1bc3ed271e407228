import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { Secret, TOTP } from 'otpauth';
import { createUser } from '../../src/platform/auth/accounts.js';
import { hashPassword } from '../../src/platform/auth/passwords.js';
import { SESSION_COOKIE } from '../../src/platform/auth/sessions.js';
import type { Role } from '../../src/platform/auth/tables.js';
import type { TestDatabase } from './db.js';
import type { TestOrg } from './app.js';

/** A password that passes every rule. */
export const GOOD_PASSWORD = 'Paars-olifantje-fietst-9';

let n = 0;
/** A user with a real password hash, ready to sign in through the API. */
export async function userWithPassword(db: TestDatabase, org: TestOrg, role: Role, opts: { password?: string; isDemo?: boolean; locationIds?: string[] } = {}) {
  const email = `${role}.${++n}.${Date.now()}@example.org`;
  const password = opts.password ?? GOOD_PASSWORD;
  const userId = await db.withSystem(async (tx) =>
    createUser(tx, { orgId: org.orgId, email, displayName: `Test ${role} ${n}`, role, passwordHash: await hashPassword(password), isDemo: opts.isDemo, locationIds: opts.locationIds }),
  );
  return { userId, email, password, orgId: org.orgId };
}

let ipSeq = 0;
/** A fresh client address per browser, so per-address throttling in one test does not leak into another. */
export function freshIp(): string {
  ipSeq++;
  return `10.${(process.pid >> 8) & 255}.${(ipSeq >> 8) & 255}.${ipSeq & 255}`;
}

export interface CallResult {
  status: number;
  body: string;
  /** The body as JSON; untyped by default (a problem or a response, checked by the assertions). */
  json: <T = any>() => T;
  headers: Record<string, unknown>;
  setCookie?: { value: string; raw: string };
}

/**
 * A browser: keeps the session cookie and CSRF token the server hands out, like the web app does.
 * Calls go through app.inject (the real app, every hook).
 */
export class Browser {
  cookie: string | undefined;
  csrf: string | undefined;
  readonly ip: string;

  constructor(
    private readonly app: FastifyInstance,
    opts: { ip?: string } = {},
  ) {
    this.ip = opts.ip ?? freshIp();
  }

  async call(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, opts: { csrf?: boolean; headers?: Record<string, string> } = {}): Promise<CallResult> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (this.cookie) headers.cookie = `${SESSION_COOKIE}=${this.cookie}`;
    if (this.csrf && opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await this.app.inject({ method, url: `/api/v1${url}`, headers, payload: payload as never, remoteAddress: this.ip });
    const raw = [res.headers['set-cookie']].flat().filter(Boolean).map(String).find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    let setCookie: CallResult['setCookie'];
    if (raw) {
      const value = decodeURIComponent(raw.slice(SESSION_COOKIE.length + 1).split(';')[0]!);
      setCookie = { value, raw };
      this.cookie = value || undefined;
    }
    const result: CallResult = { status: res.statusCode, body: res.body, json: <T>() => JSON.parse(res.body) as T, headers: res.headers };
    if (res.statusCode < 300 && res.body && res.headers['content-type']?.toString().includes('json')) {
      const b = JSON.parse(res.body) as { csrfToken?: unknown };
      if (typeof b.csrfToken === 'string') this.csrf = b.csrfToken;
    }
    return { ...result, setCookie };
  }

  login(email: string, password: string) {
    return this.call('POST', '/auth/login', { email, password });
  }
}

/** The code an authenticator app shows, `steps` periods from now. */
export function totpCode(secretBase32: string, steps = 0): string {
  return new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) }).generate({ timestamp: Date.now() + steps * 30_000 });
}

/** The parts of a parsed mail the tests look at. */
export interface ParsedMail {
  to: string;
  subject: string;
  text: string;
  /** Raw header lines, e.g. content-type */
  contentType: string;
}

interface SimpleParsed {
  subject?: string;
  text?: string;
  to?: { value: Array<{ address?: string }> } | Array<{ value: Array<{ address?: string }> }>;
  headers: Map<string, unknown>;
}

// mailparser ships no type declarations; a computed specifier keeps the compiler from demanding them.
const MAILPARSER = 'mailparser';

/** Every mail the file transport wrote, oldest first, parsed with a real MIME parser. */
export async function readMails(dataDir: string): Promise<ParsedMail[]> {
  const { simpleParser } = (await import(MAILPARSER)) as { simpleParser: (src: Buffer) => Promise<SimpleParsed> };
  const dir = path.join(dataDir, 'mail');
  if (!fs.existsSync(dir)) return [];
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort();
  const out: ParsedMail[] = [];
  for (const f of files) {
    const m = await simpleParser(fs.readFileSync(path.join(dir, f)));
    const to = [m.to ?? []].flat().flatMap((a) => a.value.map((v) => v.address ?? '')).join(', ');
    const ct = m.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
    out.push({ to, subject: m.subject ?? '', text: m.text ?? '', contentType: `${ct?.value ?? ''}; charset=${ct?.params?.charset ?? ''}` });
  }
  return out;
}

/** Mails to one address. */
export async function mailsTo(dataDir: string, address: string): Promise<ParsedMail[]> {
  return (await readMails(dataDir)).filter((m) => m.to.toLowerCase().split(', ').includes(address.toLowerCase()));
}

/** The token in a link of the form …#token=<org>.<token>. */
export function tokenFromMail(mail: ParsedMail, pathPart: string): { link: string; token: string } {
  const re = new RegExp(`(\\S+/${pathPart}#token=([\\w.-]+))`);
  const m = re.exec(mail.text);
  if (!m) throw new Error(`no ${pathPart} link in the mail`);
  return { link: m[1]!, token: m[2]! };
}
