/** The matching and waiting-list API paths the screens call (under /api/v1), in one place. */
const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};
const id = (x: string) => encodeURIComponent(x);

export const endpoints = {
  waitingList: (locationId: string, reason?: string) => `/waiting-list${q({ locationId, reason })}`,
  myApplications: () => '/me/application',
  volunteers: (locationId?: string) => `/volunteers${q({ locationId, limit: '200' })}`,
  volunteerProfile: (userId: string, reason?: string) => `/volunteers/${id(userId)}/profile${q({ reason })}`,
  ownProfile: () => '/me/volunteer-profile',
  candidates: (applicationId: string, reason?: string) => `/applications/${id(applicationId)}/match-candidates${q({ reason })}`,
  proposal: (locationId?: string, reason?: string) => `/matching/proposal${q({ locationId, reason })}`,
  confirm: () => '/matches',
  withdraw: (matchId: string) => `/matches/${id(matchId)}/withdraw`,
  myMatches: () => '/me/matches',
  accept: (matchId: string) => `/me/matches/${id(matchId)}/accept`,
  decline: (matchId: string) => `/me/matches/${id(matchId)}/decline`,
  municipalities: () => '/municipalities?limit=500',
  organisation: () => '/organisation',
};
