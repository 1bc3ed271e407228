import { sql } from 'drizzle-orm';
import { countOf, jsonRows, texts, uuids, type PersonalDataPart } from '../../platform/privacy/registry.js';

/**
 * The consent module's part of the personal-data map (issue 6): recipients, consents and every act
 * of sharing. Consent history is kept while the dossier exists; erasing the dossier is the one moment
 * it may go (the consents trigger allows DELETE only with naast.erasing on, for this transaction).
 */
export const consentPersonalData: PersonalDataPart = {
  module: 'consent',
  async emailsOf(tx, orgId, scope) {
    return texts(tx, sql`select email as v from consent_recipients where org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)}) and email is not null`);
  },
  async exportFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    return {
      recipients: await jsonRows(tx, sql`select to_jsonb(r) - 'org_id' - 'created_by' as r from consent_recipients r where ${of} order by r.created_at, r.id`),
      consents: await jsonRows(tx, sql`select to_jsonb(c) - 'org_id' - 'recorded_by' - 'revoked_by' as r from consents c where ${of} order by c.created_at, c.id`),
      shares: await jsonRows(tx, sql`select to_jsonb(s) - 'org_id' - 'token_hash' - 'shared_by' as r from shares s where ${of} order by s.shared_at, s.id`),
    };
  },
  async eraseFor(tx, orgId, scope) {
    const of = sql`org_id = ${orgId} and trajectory_id = any(${uuids(scope.trajectoryIds)})`;
    await tx.execute(sql`select set_config('naast.erasing', 'on', true)`);
    const counts = {
      shares: await countOf(tx, sql`delete from shares where ${of} returning 1`),
      consents: await countOf(tx, sql`delete from consents where ${of} returning 1`),
      consent_recipients: await countOf(tx, sql`delete from consent_recipients where ${of} returning 1`),
    };
    await tx.execute(sql`select set_config('naast.erasing', 'off', true)`);
    return counts;
  },
};
