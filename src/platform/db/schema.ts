// The one schema drizzle-kit reads; every module's tables.ts is re-exported here.
export * from '../../modules/organisations/tables.js';
export * from '../auth/tables.js';
export * from '../audit/tables.js';
export * from '../mail/tables.js';
export * from '../../modules/intake/tables.js';
export * from '../../modules/matching/tables.js';
export * from '../../modules/trajectories/tables.js';
export * from '../../modules/legal/tables.js';
export * from '../../modules/reports/tables.js';
export * from '../../modules/documents/tables.js';
export * from '../../modules/satisfaction/tables.js';
export * from '../../modules/consent/tables.js';
export * from '../../modules/privacy/tables.js';
