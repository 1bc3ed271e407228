import type { TProblem } from '../shared/common.js';

/** A failed API call: the server's problem+json (already in the user's language), or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: TProblem | null,
  ) {
    super(problem?.title ?? `HTTP ${status}`);
  }
  /** The problem code, e.g. 'invalid_credentials' (from type urn:naast:problem:<code>). */
  get code(): string {
    return this.problem?.type.replace('urn:naast:problem:', '') ?? (this.status === 0 ? 'network' : 'unknown');
  }
}

const state: { csrfToken: string | null; lang: string; onSessionLost: (() => void) | null } = { csrfToken: null, lang: 'nl', onSessionLost: null };

export function setCsrfToken(token: string | null): void {
  state.csrfToken = token;
}
export function setApiLanguage(lang: string): void {
  state.lang = lang;
}
/** Called when a signed-in call answers 401 unauthenticated: the session expired or was ended elsewhere. */
export function onSessionLost(handler: (() => void) | null): void {
  state.onSessionLost = handler;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, body: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', 'accept-language': state.lang };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && state.csrfToken) headers['x-csrf-token'] = state.csrfToken;
  return fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
}

async function readProblem(res: Response): Promise<TProblem | null> {
  try {
    const json = (await res.json()) as TProblem;
    return json && typeof json.title === 'string' ? json : null;
  } catch {
    return null;
  }
}

/** Calls /api/v1<path>. Resolves with the JSON body (undefined for 204), rejects with ApiError. */
export async function api<T = unknown>(method: Method, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await send(method, path, body);
    // A stale CSRF token (e.g. after sign-in in another tab): fetch the current one and try once more.
    if (res.status === 403 && method !== 'GET') {
      const problem = await readProblem(res.clone());
      if (problem?.type === 'urn:naast:problem:csrf') {
        const s = await fetch('/api/v1/auth/session', { credentials: 'same-origin', cache: 'no-store' });
        if (s.ok) {
          state.csrfToken = ((await s.json()) as { csrfToken: string | null }).csrfToken;
          res = await send(method, path, body);
        }
      }
    }
  } catch {
    throw new ApiError(0, null);
  }
  if (res.ok) {
    if (res.status === 204) return undefined as T;
    const text = await res.text();
    const json = (text ? JSON.parse(text) : undefined) as T;
    // Sign-in, two-factor, accepting an invitation and a new password start a new session with a
    // new token: every answer that carries one replaces the old, so no caller has to remember to.
    const token = (json as { csrfToken?: unknown } | undefined)?.csrfToken;
    if (typeof token === 'string') state.csrfToken = token;
    return json;
  }
  const problem = await readProblem(res);
  const err = new ApiError(res.status, problem);
  if (res.status === 401 && err.code === 'unauthenticated' && path !== '/auth/session') state.onSessionLost?.();
  return Promise.reject(err);
}
