// The consent module's service for other modules (issue 6).
export {};
export { consentPersonalData } from './personal-data.js';
// The sharing gate: every act of sharing outside the organisation goes through these (gate.ts).
export { shareOutside, assertStillShareable, shareApplicationNotice, shareReferrerNotice, sharingActorOf, type SharingActor, type ShareRequest } from './gate.js';
