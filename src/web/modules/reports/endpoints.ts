/**
 * The report API paths the screens call (under /api/v1), in one place. `reason`: break-the-glass
 * (a coordinator outside their own locations), sent along on every staff call.
 */
const id = (x: string) => encodeURIComponent(x);
const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '').map(([k, v]) => [k, String(v)])).toString();
  return s ? `?${s}` : '';
};
const base = (t: string) => `/trajectories/${id(t)}/reports`;

export const reportEndpoints = {
  list: (t: string, reason?: string) => `${base(t)}${q({ reason })}`,
  create: (t: string, reason?: string) => `${base(t)}${q({ reason })}`,
  report: (t: string, r: string, reason?: string) => `${base(t)}/${id(r)}${q({ reason })}`,
  version: (t: string, r: string, v: number, reason?: string) => `${base(t)}/${id(r)}/versions/${v}${q({ reason })}`,
  diff: (t: string, r: string, from: number, to: number, reason?: string) => `${base(t)}/${id(r)}/diff${q({ from, to, reason })}`,
  send: (t: string, r: string, reason?: string) => `${base(t)}/${id(r)}/send-to-parent${q({ reason })}`,
  /** A plain link (the browser downloads the file with the session cookie). */
  exportFile: (t: string, r: string, format: 'pdf' | 'docx', reason?: string) => `/api/v1${base(t)}/${id(r)}/export${q({ format, reason })}`,
  mine: () => '/me/reports',
  myReport: (r: string) => `/me/reports/${id(r)}`,
  respond: (r: string) => `/me/reports/${id(r)}/respond`,
};
