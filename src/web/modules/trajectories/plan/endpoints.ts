/**
 * The plan, meetings and agreements API paths the screens call (under /api/v1), in one place.
 * `reason`: break-the-glass (a coordinator outside their own locations), sent along on every call.
 */
const id = (x: string) => encodeURIComponent(x);
const base = (t: string) => `/trajectories/${id(t)}`;
const q = (params: Record<string, string | undefined>): string => {
  const s = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1])).toString();
  return s ? `?${s}` : '';
};

export const planEndpoints = {
  familyMap: (t: string, reason?: string) => `${base(t)}/family-map${q({ reason })}`,
  familyMember: (t: string, memberId: string, reason?: string) => `${base(t)}/family-map/${id(memberId)}${q({ reason })}`,
  helpQuestions: (t: string, reason?: string) => `${base(t)}/help-questions${q({ reason })}`,
  helpQuestion: (t: string, qid: string, reason?: string) => `${base(t)}/help-questions/${id(qid)}${q({ reason })}`,
  scores: (t: string, qid: string, reason?: string) => `${base(t)}/help-questions/${id(qid)}/scores${q({ reason })}`,
  meetings: (t: string, reason?: string) => `${base(t)}/meetings${q({ reason })}`,
  meeting: (t: string, meetingId: string, reason?: string) => `${base(t)}/meetings/${id(meetingId)}${q({ reason })}`,
  openAgreements: (t: string, meetingId: string, reason?: string) => `${base(t)}/meetings/${id(meetingId)}/open-agreements${q({ reason })}`,
  agreements: (t: string, status: 'open' | 'all', reason?: string) => `${base(t)}/agreements${q({ status, reason })}`,
  newAgreement: (t: string, reason?: string) => `${base(t)}/agreements${q({ reason })}`,
  agreement: (t: string, aid: string, reason?: string) => `${base(t)}/agreements/${id(aid)}${q({ reason })}`,
};
