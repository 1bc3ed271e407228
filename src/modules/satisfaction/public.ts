// What other modules may use of the satisfaction module (issue 5): the invitation at closing, its resend job.
export { inviteToQuestionnaire, satisfactionJobs } from './invitations.js';
export { satisfactionPersonalData } from './personal-data.js';
