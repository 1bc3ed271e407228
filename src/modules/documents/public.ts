// What other modules may use of the documents module.
export { detectType, type Detected } from './detect.js';
export { listTemplates } from './service.js';
export { mailParentNews, sharedDocumentsColumn, sharedLettersColumn } from './parent.js';
export { documentsPersonalData } from './personal-data.js';
export { letterDocumentForSharing } from './shared-export.js';
export { familyDocumentFiles } from './export-files.js';
