import { sql } from 'drizzle-orm';
import { countOf, jsonRows, type PersonalDataPart } from '../../platform/privacy/registry.js';

/** Matching's part of the personal-data map (issue 6): the family's matches (a decline reason may name people). */
export const matchingPersonalData: PersonalDataPart = {
  module: 'matching',
  async exportFor(tx, orgId, scope) {
    return {
      matches: await jsonRows(
        tx,
        sql`select jsonb_build_object('status', m.status, 'confirmedAt', m.confirmed_at, 'respondedAt', m.responded_at) as r
              from matches m where m.org_id = ${orgId} and m.application_id = ${scope.applicationId} order by m.confirmed_at`,
      ),
    };
  },
  async eraseFor(tx, orgId, scope) {
    return {
      matches: await countOf(
        tx,
        sql`update matches set decline_reason = null, reasons = '[]'::jsonb where org_id = ${orgId} and application_id = ${scope.applicationId} returning 1`,
      ),
    };
  },
};
