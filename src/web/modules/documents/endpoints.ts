import { ApiError } from '../../api.js';
import type { TProblem } from '../../../shared/common.js';

/** The documents and letters API paths (under /api/v1). `reason`: break-the-glass, sent along on every call. */
const id = (x: string) => encodeURIComponent(x);
const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};
const tr = (t: string) => `/trajectories/${id(t)}`;

export const documentEndpoints = {
  list: (t: string, reason?: string) => `${tr(t)}/documents${q({ reason })}`,
  upload: (t: string, meta: { kind: string; title: string; fileName: string; receivedOn?: string }, reason?: string) => `${tr(t)}/documents${q({ ...meta, reason })}`,
  /** A plain link: the browser downloads the file with the session cookie. */
  download: (t: string, d: string, reason?: string) => `/api/v1${tr(t)}/documents/${id(d)}/download${q({ reason })}`,
  remove: (t: string, d: string, reason?: string) => `${tr(t)}/documents/${id(d)}${q({ reason })}`,
  templates: () => '/letter-templates',
  letters: (t: string, reason?: string) => `${tr(t)}/letters${q({ reason })}`,
  letter: (t: string, l: string, reason?: string) => `${tr(t)}/letters/${id(l)}${q({ reason })}`,
  versions: (t: string, l: string, reason?: string) => `${tr(t)}/letters/${id(l)}/versions${q({ reason })}`,
  finalise: (t: string, l: string, reason?: string) => `${tr(t)}/letters/${id(l)}/finalise${q({ reason })}`,
  exportFile: (t: string, l: string, format: 'docx' | 'pdf', reason?: string) => `/api/v1${tr(t)}/letters/${id(l)}/export${q({ format, reason })}`,
};

/**
 * Sends a file as the raw body (application/octet-stream). api() speaks JSON only, so this asks the
 * session for the current CSRF token and answers failures with the same ApiError.
 */
export async function uploadFile<T>(path: string, file: Blob, lang: string): Promise<T> {
  let res: Response;
  try {
    const s = await fetch('/api/v1/auth/session', { credentials: 'same-origin', cache: 'no-store' });
    const token = s.ok ? ((await s.json()) as { csrfToken: string | null }).csrfToken : null;
    res = await fetch(`/api/v1${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', accept: 'application/json', 'accept-language': lang, ...(token ? { 'x-csrf-token': token } : {}) },
      body: file,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, null);
  }
  if (res.ok) return (await res.json()) as T;
  let problem: TProblem | null = null;
  try {
    problem = (await res.json()) as TProblem;
  } catch {
    problem = null;
  }
  throw new ApiError(res.status, problem);
}

/** Field messages of a problem (e.g. the dossier facts a letter template still needs), in the user's language. */
export function problemMessages(err: unknown): string[] {
  const errors = err instanceof ApiError ? (err.problem as { errors?: Array<{ message: string }> } | null)?.errors : undefined;
  return errors?.map((e) => e.message) ?? [];
}
