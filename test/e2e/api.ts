import { simpleParser } from 'mailparser';
import { baseURL, demoAccounts, latestMailTo } from './harness.js';

/** A tiny API client with its own session cookie, for test set-up that is not itself under test. */
export class ApiClient {
  private cookie = '';
  private csrf = '';

  async call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrf && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(`${baseURL()}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('naast_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await res.text();
    const json = (text ? JSON.parse(text) : undefined) as T & { csrfToken?: string };
    if (json && typeof json === 'object' && typeof json.csrfToken === 'string') this.csrf = json.csrfToken;
    return { status: res.status, body: json };
  }

  async signIn(email: string, password: string): Promise<string> {
    const r = await this.call<{ next: string }>('POST', '/auth/login', { email, password });
    if (r.status !== 200) throw new Error(`sign-in failed: ${r.status}`);
    await this.call('GET', '/auth/session');
    return r.body.next;
  }
}

/** The link (with its #token) in the newest mail to `address`, parsed with a real MIME parser. */
export async function linkFromMail(address: string, pathname: '/invitation' | '/reset-password', since = 0): Promise<string> {
  const raw = await latestMailTo(address, since);
  const mail = await simpleParser(raw);
  const text = `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;
  const m = text.match(new RegExp(`https?://[^\\s"'<>]+${pathname}#token=[A-Za-z0-9._~-]+`));
  if (!m) throw new Error(`no ${pathname} link in the mail to ${address}`);
  return m[0];
}

let counter = 0;
/** A unique address per call, so test files never share a user. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@e2e.naast.test`;
}

/** The demo admin, signed in through the API (demo accounts skip two-factor). */
export async function adminClient(): Promise<ApiClient> {
  const admin = demoAccounts().admin!;
  const api = new ApiClient();
  await api.signIn(admin.email, admin.password);
  return api;
}

/** The id of one of the organisation's locations, by name (demo: Helmond, Tilburg, 's-Hertogenbosch). */
export async function locationId(admin: ApiClient, name: string): Promise<string> {
  const org = await admin.call<{ locations: Array<{ id: string; name: string }> }>('GET', '/organisation');
  const found = org.body.locations.find((l) => l.name === name);
  if (!found) throw new Error(`no location ${name}`);
  return found.id;
}

export interface CreatedUser {
  id: string;
  email: string;
  password: string;
  displayName: string;
}

/**
 * A new account created the way a real one is: the admin invites, the invitee accepts the link
 * from the mail. Staff still have to enrol in two-factor before they can work; the record exists.
 */
export async function createUser(displayName: string, opts: { role?: string; locationIds?: string[]; admin?: ApiClient } = {}): Promise<CreatedUser> {
  const admin = opts.admin ?? (await adminClient());
  const role = opts.role ?? 'parent';
  const email = uniqueEmail(role);
  const since = Date.now() - 1000;
  const invited = await admin.call('POST', '/users/invitations', { email, displayName, role, locationIds: opts.locationIds ?? [] });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const link = await linkFromMail(email, '/invitation', since);
  const token = new URL(link).hash.replace('#token=', '');
  const password = `Lange zin voor ${Math.random().toString(36).slice(2)} e2e`;
  const invitee = new ApiClient();
  const accepted = await invitee.call('POST', '/auth/invitations/accept', { token, password });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const session = await invitee.call<{ user: { id: string } | null }>('GET', '/auth/session');
  if (!session.body.user) throw new Error('no session after accepting the invitation');
  return { id: session.body.user.id, email, password, displayName };
}

/** A parent account: parents need no two-factor, so it can sign in at once. */
export async function createParent(displayName: string): Promise<CreatedUser> {
  return createUser(displayName, { role: 'parent' });
}

/** `count` accounts named `<prefix> 01`, `<prefix> 02`, …, a few at a time (each is an invitation, a mail and an acceptance). */
export async function createUsers(count: number, prefix: string, opts: { role?: string; locationIds?: string[] } = {}): Promise<CreatedUser[]> {
  const admin = await adminClient();
  const names = Array.from({ length: count }, (_, i) => `${prefix} ${String(i + 1).padStart(2, '0')}`);
  const out: CreatedUser[] = [];
  for (let i = 0; i < names.length; i += 5) out.push(...(await Promise.all(names.slice(i, i + 5).map((n) => createUser(n, { ...opts, admin })))));
  return out;
}
