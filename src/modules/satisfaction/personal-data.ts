import { sql } from 'drizzle-orm';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/**
 * The satisfaction module's part of the personal-data map (issue 6): the questionnaire invitation
 * and aftercare requests. The answers themselves are anonymous (organisation, location, month) and
 * are not linked to the family: they stay for the reports.
 */
export const satisfactionPersonalData: PersonalDataPart = {
  module: 'satisfaction',
  async exportFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      questionnaires: await jsonRows(
        tx,
        sql`select jsonb_build_object('sentAt', i.sent_at, 'usedAt', i.used_at, 'expiresAt', i.expires_at) as r from satisfaction_invitations i where ${of} order by i.created_at`,
      ),
      aftercareRequests: await jsonRows(tx, sql`select to_jsonb(a) - 'org_id' - 'created_by' as r from aftercare_requests a where ${of} order by a.created_at, a.id`),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      satisfaction_invitations: await countOf(tx, sql`delete from satisfaction_invitations where ${of} returning 1`),
      aftercare_requests: await countOf(tx, sql`delete from aftercare_requests where ${of} returning 1`),
    };
  },
};
