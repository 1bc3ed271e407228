/** The trajectory API paths the screens call (under /api/v1), in one place. */
const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};
const id = (x: string) => encodeURIComponent(x);

export const endpoints = {
  list: () => '/trajectories',
  mine: () => '/me/trajectories',
  /** A coordinator outside their locations opens a dossier with a reason (break-the-glass); every later call carries it. */
  dossier: (tid: string, reason?: string) => `/trajectories/${id(tid)}${q({ reason })}`,
  phase: (tid: string, reason?: string) => `/trajectories/${id(tid)}/phase${q({ reason })}`,
  contacts: (tid: string, reason?: string, cursor?: string) => `/trajectories/${id(tid)}/contacts${q({ reason, cursor })}`,
  contact: (tid: string, contactId: string, reason?: string) => `/trajectories/${id(tid)}/contacts/${id(contactId)}${q({ reason })}`,
  coach: (tid: string, reason?: string) => `/trajectories/${id(tid)}/coach${q({ reason })}`,
  time: (tid: string, reason?: string) => `/trajectories/${id(tid)}/time${q({ reason })}`,
};
