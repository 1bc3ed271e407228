// The consent module's service for other modules (issue 6).
export {};
export { consentPersonalData } from './personal-data.js';
