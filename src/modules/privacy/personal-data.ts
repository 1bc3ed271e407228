import { sql } from 'drizzle-orm';
import { countOf, jsonRows, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/**
 * The privacy module's own part of the personal-data map: correction requests (they quote the
 * dossier) are removed; objection/erasure requests and legal holds keep their kind, status and dates
 * but lose their texts, so the decision itself stays on record.
 */
export const privacyPersonalData: PersonalDataPart = {
  module: 'privacy',
  async exportFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      corrections: await jsonRows(
        tx,
        sql`select to_jsonb(c) - 'org_id' - 'requested_by' - 'decided_by' as r from correction_requests c where ${of} order by c.created_at, c.id`,
      ),
      privacyRequests: await jsonRows(tx, sql`select to_jsonb(p) - 'org_id' - 'requested_by' - 'decided_by' as r from privacy_requests p where ${of} order by p.created_at, p.id`),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      correction_requests: await countOf(tx, sql`delete from correction_requests where ${of} returning 1`),
      privacy_requests: await countOf(
        tx,
        sql`update privacy_requests set text = '', decision_note = case when decision_note is null then null else '' end where ${of} returning 1`,
      ),
      legal_holds: await countOf(
        tx,
        sql`update legal_holds set reason = '', lift_reason = case when lift_reason is null then null else '' end where ${of} returning 1`,
      ),
    };
  },
};
