/** The legal API paths the screens call (under /api/v1), in one place. */
const q = (reason?: string) => (reason ? `?${new URLSearchParams({ reason }).toString()}` : '');
const id = (x: string) => encodeURIComponent(x);

export const legalEndpoints = {
  measures: (tid: string, reason?: string) => `/trajectories/${id(tid)}/measures${q(reason)}`,
  measure: (tid: string, mid: string, reason?: string) => `/trajectories/${id(tid)}/measures/${id(mid)}${q(reason)}`,
  decisions: (tid: string, reason?: string) => `/trajectories/${id(tid)}/decisions${q(reason)}`,
  deadlines: (tid: string, reason?: string) => `/trajectories/${id(tid)}/deadlines${q(reason)}`,
  deadline: (tid: string, did: string, reason?: string) => `/trajectories/${id(tid)}/deadlines/${id(did)}${q(reason)}`,
  myDeadlines: () => '/me/deadlines',
  feed: () => '/me/calendar-feed',
};
