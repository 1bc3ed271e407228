/** The plan, meetings and agreements API paths the screens call (under /api/v1), in one place. */
const id = (x: string) => encodeURIComponent(x);
const base = (t: string) => `/trajectories/${id(t)}`;

export const planEndpoints = {
  dossier: (t: string) => base(t),
  familyMap: (t: string) => `${base(t)}/family-map`,
  familyMember: (t: string, memberId: string) => `${base(t)}/family-map/${id(memberId)}`,
  helpQuestions: (t: string) => `${base(t)}/help-questions`,
  helpQuestion: (t: string, qid: string) => `${base(t)}/help-questions/${id(qid)}`,
  scores: (t: string, qid: string) => `${base(t)}/help-questions/${id(qid)}/scores`,
  meetings: (t: string) => `${base(t)}/meetings`,
  meeting: (t: string, meetingId: string) => `${base(t)}/meetings/${id(meetingId)}`,
  openAgreements: (t: string, meetingId: string) => `${base(t)}/meetings/${id(meetingId)}/open-agreements`,
  agreements: (t: string, status: 'open' | 'all' = 'open') => `${base(t)}/agreements?status=${status}`,
  newAgreement: (t: string) => `${base(t)}/agreements`,
  agreement: (t: string, aid: string) => `${base(t)}/agreements/${id(aid)}`,
};
