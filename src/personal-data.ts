import type { PersonalDataPart } from './platform/privacy/registry.js';
import { accountPersonalData } from './platform/privacy/account.js';
import { privacyPersonalData } from './modules/privacy/personal-data.js';
import { consentPersonalData } from './modules/consent/public.js';
import { reportsPersonalData } from './modules/reports/public.js';
import { documentsPersonalData } from './modules/documents/public.js';
import { legalPersonalData } from './modules/legal/public.js';
import { satisfactionPersonalData } from './modules/satisfaction/public.js';
import { trajectoriesPersonalData } from './modules/trajectories/public.js';
import { matchingPersonalData } from './modules/matching/public.js';
import { intakePersonalData } from './modules/intake/public.js';

/**
 * The personal-data map of Naast (issue 6): every module's part, like plugins.ts lists the HTTP
 * entries. The data export reads them in this order; erasure runs them in this order too, so a part
 * whose rows point at another's (reports → meetings, trajectories → applications) comes first.
 * A new table with personal data belongs in its module's personal-data.ts.
 */
export const personalDataParts: readonly PersonalDataPart[] = [
  privacyPersonalData,
  consentPersonalData,
  reportsPersonalData,
  documentsPersonalData,
  legalPersonalData,
  satisfactionPersonalData,
  trajectoriesPersonalData,
  matchingPersonalData,
  intakePersonalData,
  accountPersonalData,
];
