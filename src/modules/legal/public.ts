// What other modules may use of the legal module (issue 5): the dossier may show the next deadlines.
export { openDeadlinesOf } from './service.js';
export { nextDeadlinesColumn } from './service.js';
export { legalJobs } from './reminders.js';
export { decisionsForLetter, type LetterDecision, type LetterMeasure } from './service.js';
export { parentDeadlinesColumn } from './portal.js';
export { legalPersonalData } from './personal-data.js';
