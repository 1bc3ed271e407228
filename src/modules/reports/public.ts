// What other modules may use of the reports module (nothing yet: the dossier reads reports over HTTP).
export {};
export { reportsToReviewColumn } from './portal.js';
export { reportsPersonalData } from './personal-data.js';
export { reportDocumentForSharing } from './shared-export.js';
export { correctableReportText, applyReportCorrection, correctableReports } from './corrections.js';
