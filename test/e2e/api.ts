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

/**
 * A new parent account created the way a real one is: the admin invites, the invitee accepts the
 * link from the mail. Parents need no two-factor, so the account can sign in at once.
 */
export async function createParent(displayName: string): Promise<{ email: string; password: string; displayName: string }> {
  const admin = await adminClient();
  const email = uniqueEmail('parent');
  const since = Date.now() - 1000;
  const invited = await admin.call('POST', '/users/invitations', { email, displayName, role: 'parent', locationIds: [] });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const link = await linkFromMail(email, '/invitation', since);
  const token = new URL(link).hash.replace('#token=', '');
  const password = `Lange zin voor ${Math.random().toString(36).slice(2)} e2e`;
  const accepted = await new ApiClient().call('POST', '/auth/invitations/accept', { token, password });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { email, password, displayName };
}
